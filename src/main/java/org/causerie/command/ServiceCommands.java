package org.causerie.command;

import java.util.List;
import org.causerie.calc.CalcException;
import org.causerie.calc.Calculator;
import org.causerie.chat.ChatException;

/** The lab's services: echo, the calculator, ping. */
final class ServiceCommands {
    private ServiceCommands() {}

    static List<CommandSpec> specs(Calculator calculator) {
        return List.of(
                CommandSpec.of("echo", "TEXT...", "the echo service: the server answers TEXT",
                        (context, args) -> context.reply(args.rest())),
                CommandSpec.of("calc", "EXPR...", "the calculator: + - * / % ^ ( ) sqrt abs min max round",
                        (context, args) -> {
                            try {
                                context.reply(calculator.evaluate(args.rest()));
                            } catch (CalcException e) {
                                throw new ChatException("bad-expression", e.getMessage());
                            }
                        }),
                CommandSpec.of("ping", "", "check that the server answers", (context, args) -> context.reply("pong")));
    }
}
