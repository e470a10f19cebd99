package org.causerie.irc;

import org.causerie.IrcConfig;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/concurrency.md, guarantee 4: the reader waits while its outbox, counting its messages still in the
 * journal, is more than half full, and a commit that queues nothing for the sender (an IRC client without
 * {@code echo-message} gets no echo) must still wake it. Without that wake-up the reader would wait for a
 * write that never comes, and the client would hang with its own messages committed.
 */
class OwnMessagesInFlightTest {
    private static final int MESSAGES = 3_000;

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().outboxCapacity(16).limits(Limits.NONE)
            .irc(new IrcConfig(0, IrcWire.SERVER)).build());

    @Test
    void aSenderWithoutEchoesIsWokenByItsCommitsNotLeftWaiting() {
        try (var irc = IrcWire.registered(server.server().ircPort(), "fast")) {
            irc.send("JOIN #race");
            irc.expect(":fast!{…} JOIN #race");
            for (int i = 0; i < MESSAGES; i++) { // far more than 8 in flight at once: the reader waits on them
                irc.send("PRIVMSG #race :m" + i);
            }
            irc.send("PING :after");
            irc.expect(":" + IrcWire.SERVER + " PONG " + IrcWire.SERVER + " :after"); // bounded by the wire's deadline
        }
    }
}
