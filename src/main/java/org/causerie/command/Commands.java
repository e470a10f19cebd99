package org.causerie.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.causerie.calc.Calculator;

/** The command table: every command the server knows, by name, in the order {@code /help} lists them. */
public final class Commands {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();

    public Commands(Collection<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("two commands are called " + spec.name());
            }
        }
    }

    /** The standard table of the line protocol. */
    public static Commands standard(Calculator calculator) {
        var specs = new ArrayList<CommandSpec>();
        specs.addAll(SessionCommands.specs());
        specs.addAll(RoomCommands.specs());
        specs.addAll(UserCommands.specs());
        specs.addAll(AccountCommands.specs());
        specs.addAll(HistoryCommands.specs());
        specs.addAll(CatchupCommands.specs());
        specs.addAll(ModerationCommands.specs());
        specs.addAll(BanCommands.specs());
        specs.addAll(ServiceCommands.specs(calculator));
        return new Commands(specs);
    }

    public CommandSpec find(String name) {
        return byName.get(name);
    }

    public List<CommandSpec> all() {
        return List.copyOf(byName.values());
    }
}
