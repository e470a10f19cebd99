package org.causerie.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Where each option of a command gets its value: flags, then {@code CAUSERIE_*} environment variables,
 * then the configuration file, then the defaults in the code. The mapping is derived from picocli's model,
 * so a new option has its key and its variable without a line written here: option {@code --max-line} is
 * key {@code max-line} in the file and {@code CAUSERIE_MAX_LINE} in the environment.
 *
 * <p>It works by parsing twice: the flags alone (done by picocli before the command runs) tell which options
 * the command line set; every other option with a value in the environment or the file is turned into a
 * flag placed before them, and the whole is parsed again into a fresh command. The values thus go through
 * the same converters and checks as flags, and an error names where the value came from.
 */
final class Settings {
    /** Options that say what to do with the configuration rather than being part of it. */
    static final Set<String> NOT_KEYS = Set.of("config", "print-config", "help", "version");
    static final String ENV_PREFIX = "CAUSERIE_";

    /** One option's effective value and where it came from ("default", "flag", a file:line, a variable). */
    record Source(OptionSpec option, String origin) {}

    /** The command with its options filled from every source, and the origin of each option's value. */
    record Resolved<T>(T command, CommandLine commandLine, Map<String, Source> sources) {}

    private Settings() {}

    /** The key of an option in the file: its longest name without the dashes. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    static String variable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The options that have a key, in the order of the command's help. */
    static Map<String, OptionSpec> keyed(CommandSpec spec) {
        var keyed = new LinkedHashMap<String, OptionSpec>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !NOT_KEYS.contains(key(option))) {
                keyed.put(key(option), option);
            }
        }
        return keyed;
    }

    /**
     * Resolves the options of the command {@code parsed} (already parsed from the flags) against the
     * environment and the file ({@code file}, else {@code CAUSERIE_CONFIG}, else none).
     */
    static <T> Resolved<T> resolve(CommandSpec parsed, Map<String, String> env, Path file, Supplier<T> fresh) {
        ParseResult flags = parsed.commandLine().getParseResult();
        Map<String, OptionSpec> keyed = keyed(parsed);
        if (file == null && env.get(ENV_PREFIX + "CONFIG") != null) {
            file = Path.of(env.get(ENV_PREFIX + "CONFIG"));
        }
        Map<String, ConfigFile.Value> fromFile = file == null ? Map.of() : ConfigFile.read(file, keyed);
        var args = new ArrayList<String>();
        var origins = new LinkedHashMap<String, String>();
        for (var entry : keyed.entrySet()) {
            String key = entry.getKey();
            OptionSpec option = entry.getValue();
            if (flags.hasMatchedOption(option)) {
                origins.put(key, "flag");
            } else if (env.get(variable(key)) != null) {
                origins.put(key, "environment " + variable(key));
                args.addAll(ConfigFile.flags(option, fromEnvironment(option, env.get(variable(key)))));
            } else if (fromFile.containsKey(key)) {
                ConfigFile.Value value = fromFile.get(key);
                origins.put(key, value.where());
                args.addAll(ConfigFile.flags(option, value.values()));
            } else {
                origins.put(key, "default");
            }
        }
        args.addAll(given(flags));
        T command = fresh.get();
        var line = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            String where = e.getArgSpec() instanceof OptionSpec option ? origins.get(key(option)) : null;
            throw new ConfigException(where == null || where.equals("flag") ? e.getMessage()
                    : where + ": " + e.getMessage());
        }
        var sources = new LinkedHashMap<String, Source>();
        for (var entry : keyed.entrySet()) {
            sources.put(entry.getKey(), new Source(line.getCommandSpec().findOption(entry.getValue().longestName()),
                    origins.get(entry.getKey())));
        }
        return new Resolved<>(command, line, sources);
    }

    /** The flags the command line gave, as picocli matched them (its original args include the parents'). */
    private static List<String> given(ParseResult flags) {
        var args = new ArrayList<String>();
        for (OptionSpec option : new java.util.LinkedHashSet<>(flags.matchedOptions())) {
            if (ConfigFile.isFlag(option)) {
                args.add(option.longestName());
            } else {
                option.originalStringValues().forEach(value -> args.add(option.longestName() + "=" + value));
            }
        }
        return args;
    }

    /** A variable's text as values: "true"/"false" for a flag, comma-separated for a repeatable option. */
    private static List<Object> fromEnvironment(OptionSpec option, String text) {
        if (ConfigFile.isFlag(option)) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> List.of(true);
                case "false", "0", "no", "off", "" -> List.of(false);
                default -> throw new ConfigException("environment " + variable(key(option))
                        + ": true or false, not \"" + text + "\"");
            };
        }
        if (option.isMultiValue()) {
            return java.util.Arrays.stream(text.split(",", -1)).map(String::trim)
                    .filter(s -> !s.isEmpty()).map(s -> (Object) s).toList();
        }
        return List.of(text);
    }

    /** A configuration that cannot be used: the message says where and why, in one line. */
    static final class ConfigException extends RuntimeException {
        ConfigException(String message) {
            super(message);
        }
    }
}
