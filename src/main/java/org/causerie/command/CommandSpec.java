package org.causerie.command;

/**
 * One row of the command table: what {@code /help} shows and what the dispatcher checks before the
 * handler runs. {@code params} is the usage after the name ({@code "NICK TEXT..."}), see {@link Arity}.
 */
public record CommandSpec(String name, String params, String summary, Handler handler, Arity arity) {

    public static CommandSpec of(String name, String params, String summary, Handler handler) {
        return new CommandSpec(name, params, summary, handler, Arity.of(params));
    }

    /** A command that reads its own arguments from the rest of the line; {@code params} is for /help only. */
    public static CommandSpec free(String name, String params, String summary, Handler handler) {
        return new CommandSpec(name, params, summary, handler, new Arity(0, 0, Arity.Rest.OPTIONAL));
    }

    public String usage() {
        return params.isEmpty() ? "/" + name : "/" + name + " " + params;
    }
}
