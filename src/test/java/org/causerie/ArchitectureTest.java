package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layering of the packages, read from the sources (imports and fully-qualified names in code;
 * comments and string literals do not count). The chat domain sees no door, the codecs see no
 * connection, the commands see no socket, and the calculator stands alone.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/causerie");
    /** A reference to a package of the project: its first segment, or "" for the root package. */
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.causerie\\.([A-Za-z_$][\\w$]*)");
    private static final Set<String> ALL = Set.of("", "calc", "chat", "cli", "client", "command", "net", "protocol",
            "store", "bench", "irc", "web", "bus", "event", "auth", "audit", "admin", "metrics");

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("chat", Set.of("net", "protocol", "command", "cli", "client", "irc")),
                Arguments.of("protocol", Set.of("net", "command", "cli", "client", "irc")),
                // Doors import no store: stored rows reach them as events (chat.Entries), never as store.Entry.
                Arguments.of("irc", Set.of("command", "cli", "client", "bench", "store")),
                Arguments.of("web", Set.of("cli", "client", "bench", "store")),
                Arguments.of("command", Set.of("net", "cli", "client")),
                Arguments.of("bus", Set.of("chat", "net", "protocol", "command", "cli", "client", "irc", "store")),
                // The terminal client reads events, never the hub that makes them.
                Arguments.of("client", Set.of("chat", "net", "command", "irc", "web", "store", "bus", "cli", "bench")),
                // Events and envelopes are values every layer shares: a leaf.
                Arguments.of("event", ALL),
                Arguments.of("calc", ALL));
    }

    @ParameterizedTest(name = "{0} uses nothing from {1}")
    @MethodSource("rules")
    void packagesKeepTheirLayer(String pkg, Set<String> forbidden) throws IOException {
        List<Path> files = javaFiles(SOURCES.resolve(pkg));
        assertThat(files).as("sources of org.causerie.%s", pkg).isNotEmpty();
        var offences = new ArrayList<String>();
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            for (String offence : offences(source, pkg, forbidden)) {
                offences.add(SOURCES.relativize(file) + ":" + offence);
            }
        }
        assertThat(offences).as("org.causerie.%s must not use org.causerie.%s", pkg, forbidden).isEmpty();
    }

    /**
     * The hub publishes on the Bus interface and keeps its data through the Store interface; which bus
     * (NATS, in a cluster) and which store (PostgreSQL, SQLite, memory) are chosen outside it.
     */
    @ParameterizedTest(name = "chat names no {0}")
    @ValueSource(strings = {"org.causerie.bus.nats", "org.causerie.store.jdbc", "org.causerie.store.MemoryStore",
            "org.causerie.store.RetainedStore"})
    void theChatDomainNamesNoImplementation(String implementation) throws IOException {
        var offences = new ArrayList<String>();
        for (Path file : javaFiles(SOURCES.resolve("chat"))) {
            String[] lines = codeOnly(Files.readString(file, StandardCharsets.UTF_8)).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(implementation)) {
                    offences.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(offences).as("org.causerie.chat must not use %s", implementation).isEmpty();
    }

    @Test
    void theScannerFindsImportsAndQualifiedNamesButNotComments() {
        String source = """
                package org.causerie.chat;

                import org.causerie.chat.Session;
                import org.causerie.net.Outbox;
                import static org.causerie.protocol.Format.JSON;
                import org.causerie.calc.*;
                /** Rendered by {@link org.causerie.protocol.TextCodec}. */
                class Sample { // unlike org.causerie.command.Dispatcher
                    String s = "org.causerie.cli.Main"; /* org.causerie.client.Client */
                    char c = '"';
                    Object o = new org.causerie.client.Client();
                    String t = \"""
                        org.causerie.net.Listener in a text block
                        \""";
                    Object root = org.causerie.ChatServer.class;
                }
                """;
        assertThat(offences(source, "chat", ALL)).containsExactly(
                "4: import org.causerie.net.Outbox;",
                "5: import static org.causerie.protocol.Format.JSON;",
                "6: import org.causerie.calc.*;",
                "11: Object o = new org.causerie.client.Client(); (org.causerie.client)",
                "15: Object root = org.causerie.ChatServer.class; (org.causerie)");
    }

    /** The lines of {@code source} that use a package of {@code forbidden}, as "line: code". */
    static List<String> offences(String source, String pkg, Set<String> forbidden) {
        String[] lines = codeOnly(source).split("\n", -1);
        var found = new ArrayList<String>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("package ")) {
                continue;
            }
            Matcher m = REFERENCE.matcher(line);
            while (m.find()) {
                String used = Character.isUpperCase(m.group(1).charAt(0)) ? "" : m.group(1);
                if (!used.equals(pkg) && forbidden.contains(used)) {
                    found.add((i + 1) + ": " + (line.startsWith("import ") ? line
                            : line + " (org.causerie" + (used.isEmpty() ? "" : "." + used) + ")"));
                    break;
                }
            }
        }
        return found;
    }

    /** The source with comments and string and character literals blanked out, line breaks kept. */
    static String codeOnly(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? -1 : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? -1 : end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                end = literalEnd(source, i);
            } else {
                out.append(source.charAt(i++));
                continue;
            }
            end = end < 0 ? source.length() : end;
            for (int j = i; j < end; j++) {
                out.append(source.charAt(j) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    /** Just past the closing quote of the string or character literal opening at {@code start}. */
    private static int literalEnd(String source, int start) {
        char quote = source.charAt(start);
        for (int j = start + 1; j < source.length(); j++) {
            char c = source.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote || c == '\n') {
                return j + 1;
            }
        }
        return source.length();
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
