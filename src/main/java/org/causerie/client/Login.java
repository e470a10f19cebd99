package org.causerie.client;

import org.causerie.event.Event;

/**
 * The login to resume after a reconnection: the session token of the account the client is logged in
 * to, never its password (which the client does not keep). A token is asked for after a login or a
 * registration, and again after a password change (which revokes them all); it is forgotten at logout
 * and when the server refuses it. Written by the reader thread, read by others.
 */
final class Login {
    /** What the client must do after an event. */
    enum Step { NOTHING, ASK_TOKEN, RESUME_REFUSED }

    /** The token, or null as a guest (or before the server has given one). */
    private volatile String token;

    Step observe(Event event) {
        switch (event) {
            case Event.Reply r when ("login".equals(r.command()) && r.text().startsWith("you are logged in"))
                    || "register".equals(r.command()) || "password".equals(r.command()) -> {
                return Step.ASK_TOKEN;
            }
            case Event.Reply r when "token".equals(r.command()) && !r.items().isEmpty() -> token = r.items().getFirst();
            case Event.Reply r when "logout".equals(r.command()) -> token = null;
            case Event.Error e when "resume".equals(e.command()) -> {
                token = null;
                return Step.RESUME_REFUSED;
            }
            default -> { }
        }
        return Step.NOTHING;
    }

    /** The line that resumes the login on a new connection, or null as a guest. */
    String resume() {
        String held = token;
        return held == null ? null : "/resume " + held;
    }

    boolean held() {
        return token != null;
    }
}
