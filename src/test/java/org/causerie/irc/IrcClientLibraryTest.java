package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.engio.mbassy.listener.Handler;
import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.element.User;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;

/**
 * KittehIRCClientLib, a real IRC client library, drives the door as an app would: its own CAP
 * negotiation (it asks for server-time, multi-prefix, account-tag… and sasl), SASL PLAIN, JOIN and
 * the WHO and MODE it sends after, messages both ways with a line-protocol user.
 */
class IrcClientLibraryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    /** What the library hands its listeners, as plain strings. */
    public static final class Heard {
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Handler
        public void channel(ChannelMessageEvent event) {
            lines.add(event.getChannel().getName() + " <" + event.getActor().getNick() + "> " + event.getMessage());
        }

        @Handler
        public void direct(PrivateMessageEvent event) {
            lines.add("private <" + event.getActor().getNick() + "> " + event.getMessage());
        }

        String next() throws InterruptedException {
            String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("a message heard by the library within " + WAIT).isNotNull();
            return line;
        }
    }

    @Test
    void aLibraryClientLogsInJoinsAndTalksWithALineUser() throws Exception {
        try (Wire setup = server.connect()) { // an account, registered from the line door
            setup.send("/nick kit");
            setup.expect(line -> line.endsWith("is now kit"));
            assertThat(setup.ask("/register kit-password-1")).startsWith("= registered");
            setup.send("/quit");
            setup.awaitClose();
        }
        var heard = new Heard();
        Client client = Client.builder().nick("kit").user("kit").realName("Kitteh")
                .server().host("127.0.0.1").port(server.server().ircPort(), Client.Builder.Server.SecurityType.INSECURE)
                .then().build();
        client.getAuthManager().addProtocol(new SaslPlain(client, "kit", "kit-password-1"));
        client.getEventManager().registerEventListener(heard);
        try (Wire bob = server.connect()) {
            bob.send("/nick bob");
            bob.expect(line -> line.endsWith("is now bob"));
            client.connect();
            client.addChannel("#general");
            bob.expect("* #general: kit joined");
            await().atMost(WAIT).until(() -> client.getChannel("#general")
                    .map(channel -> channel.getUsers().stream().map(User::getNick).toList().contains("bob")).orElse(false));
            User kit = client.getChannel("#general").orElseThrow().getUser("kit").orElseThrow();
            assertThat(kit.getHost()).isEqualTo("causerie/user/kit"); // logged in by SASL: the account's cloak

            bob.send("hello, library");
            assertThat(heard.next()).isEqualTo("#general <bob> hello, library");
            client.sendMessage("#general", "hello, line user");
            bob.expect("#general <kit> hello, line user");
            bob.send("/msg kit psst");
            assertThat(heard.next()).isEqualTo("private <bob> psst");
            client.sendMessage("bob", "psst yourself");
            bob.expect("@ kit -> bob: psst yourself");
        } finally {
            client.shutdown("done");
        }
    }
}
