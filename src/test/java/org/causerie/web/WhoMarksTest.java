package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /who} marks a room's operators and voiced members for every door: {@code @} and {@code +}
 * before the nickname in the text, {@code operators} and {@code voiced} beside the plain {@code items}
 * in JSON, the same JSON over the WebSocket. One room, three doors, real sockets.
 */
class WhoMarksTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
            .web(WebConfig.httpOnly()).build());

    @Test
    void operatorsAndVoicesAreMarkedInTextJsonAndOverTheWebSocket() {
        try (Wire alice = Wire.join(server.port(), "alice"); Wire bob = Wire.joinJson(server.port(), "bob");
                var carol = Ws.open(server.server().httpPort())) {
            carol.expect("welcome");
            carol.send("/nick carol");
            carol.expect(f -> f.path("type").asText().equals("nick") && f.path("new").asText().equals("carol"));
            alice.send("/join #den").expect("* #den: alice joined"); // its first member: its operator
            bob.send("/join #den");
            alice.expect("* #den: bob joined");
            carol.send("/join #den");
            alice.expect("* #den: carol joined");
            alice.send("/voice bob").expect("* #den: alice sets +v bob");
            alice.send("/op carol").expect("* #den: alice sets +o carol");
            alice.send("/voice carol").expect("* #den: alice sets +v carol");

            assertThat(alice.ask("/who #den")).isEqualTo("= #den (3): @alice +bob @+carol");

            bob.send("/who #den");
            JsonNode json = bob.expectJson("reply");
            assertThat(json.path("command").asText()).isEqualTo("who");
            assertMarks(json);

            carol.send("/who #den");
            assertMarks(carol.expect(f -> f.path("type").asText().equals("reply")
                    && f.path("command").asText().equals("who")));

            alice.send("/devoice bob").expect("* #den: alice sets -v bob");
            assertThat(alice.ask("/who #den")).isEqualTo("= #den (3): @alice bob @+carol");
        }
    }

    private static void assertMarks(JsonNode reply) {
        assertThat(reply.path("text").asText()).isEqualTo("#den (3): @alice +bob @+carol");
        assertThat(strings(reply.path("items"))).containsExactly("alice", "bob", "carol");
        assertThat(strings(reply.path("operators"))).containsExactly("alice", "carol");
        assertThat(strings(reply.path("voiced"))).containsExactly("bob", "carol");
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
