package org.causerie.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Handlers for Unix signals (SIGTERM, SIGINT, SIGHUP). The JDK's only way is {@code sun.misc.Signal}, in
 * the jdk.unsupported module; it is reached here by reflection because javac warns at every use of that
 * API, with no switch to silence it, and a newcomer's build should not print warnings about code that is
 * as intended. The handler runs on a thread of the JVM's own and must not block for long.
 */
final class Signals {
    private Signals() {}

    static void on(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> "signal handler for SIG" + name;
                    });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name),
                    proxy);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIG" + name + " on this JVM: " + e, e);
        }
    }
}
