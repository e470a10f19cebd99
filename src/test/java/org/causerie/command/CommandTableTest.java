package org.causerie.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.causerie.calc.Calculator;
import org.junit.jupiter.api.Test;

/**
 * The command table is the one docs/protocol.md describes: every command its table names is in the
 * dispatcher's, and the dispatcher has none the page leaves out (a group of commands dropped from
 * {@link Commands#standard} would otherwise pass every in-process test).
 */
class CommandTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| `/([a-z]+)[^`]*`(?:, `/([a-z]+)[^`]*`)?");

    @Test
    void theTableHoldsExactlyTheCommandsTheProtocolPageNames() throws Exception {
        var documented = new TreeSet<String>();
        for (String line : Files.readAllLines(Path.of("docs/protocol.md"))) {
            var row = ROW.matcher(line);
            if (row.find()) {
                documented.add(row.group(1));
                if (row.group(2) != null) {
                    documented.add(row.group(2));
                }
            }
        }
        var dispatcher = new Dispatcher(Commands.standard(new Calculator()));
        var table = new TreeSet<String>();
        dispatcher.commands().all().forEach(spec -> table.add(spec.name()));

        assertThat(documented).as("docs/protocol.md's command table").contains("register", "ban", "history", "kick", "nick");
        assertThat(table).isEqualTo(documented);
        for (String name : documented) {
            assertThat(dispatcher.commands().find(name)).as(name).isNotNull();
        }
    }
}
