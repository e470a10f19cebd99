package org.causerie.command;

/** A command's body. It answers through {@link Context} and refuses by throwing a ChatException. */
@FunctionalInterface
public interface Handler {
    void run(Context context, Args args);
}
