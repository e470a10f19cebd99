package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON format: one object per line, with the field names programs rely on. */
class JsonFormatTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void formatSwitchIsAnsweredInTheNewFormat() {
        try (Wire wire = server.connect()) {
            wire.send("/format json");
            JsonNode reply = wire.nextJson();
            assertThat(reply.get("type").asText()).isEqualTo("reply");
            assertThat(reply.get("command").asText()).isEqualTo("format");
            wire.send("/format text");
            assertThat(wire.next()).isEqualTo("= format is now text");
            wire.send("/format xml");
            assertThat(wire.next()).isEqualTo("! bad-format: the formats are text and json, not xml");
        }
    }

    @Test
    void repliesAndErrorsCarryTheirCommand() {
        try (Wire wire = server.json()) {
            wire.send("/calc 2+3*4");
            assertThat(wire.nextJson().toString())
                    .isEqualTo("{\"type\":\"reply\",\"command\":\"calc\",\"text\":\"14\"}");
            wire.send("/calc 1/0");
            assertThat(wire.nextJson().toString()).isEqualTo(
                    "{\"type\":\"error\",\"command\":\"calc\",\"code\":\"bad-expression\",\"text\":\"division by zero\"}");
            wire.send("/nope");
            assertThat(wire.nextJson().get("code").asText()).isEqualTo("unknown-command");
            wire.send("x".repeat(5000));
            JsonNode tooLong = wire.nextJson();
            assertThat(tooLong.get("code").asText()).isEqualTo("line-too-long");
            assertThat(tooLong.get("command").isNull()).isTrue();
        }
    }

    @Test
    void roomMessagesAndEventsHaveTheirFields() {
        try (Wire alice = server.json(); Wire bob = server.json()) {
            alice.send("/nick alice");
            JsonNode nick = alice.expectJson("nick");
            assertThat(nick.get("room").asText()).isEqualTo("#general");
            assertThat(nick.get("nick").asText()).isEqualTo("guest-1");
            assertThat(nick.get("new").asText()).isEqualTo("alice");

            alice.send("/join #dev");
            JsonNode join = alice.nextJson();
            assertThat(join.toString()).isEqualTo("{\"type\":\"join\",\"room\":\"#dev\",\"nick\":\"alice\"}");

            alice.send("hello dev");
            JsonNode message = alice.nextJson();
            assertThat(message.get("type").asText()).isEqualTo("message");
            assertThat(message.get("id").asLong()).isEqualTo(1);
            assertThat(Instant.parse(message.get("ts").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(message.get("room").asText()).isEqualTo("#dev");
            assertThat(message.get("from").asText()).isEqualTo("alice");
            assertThat(message.get("text").asText()).isEqualTo("hello dev");
            assertThat(message.has("action")).isFalse();

            alice.send("/me is \"quoted\" \\ and ü");
            JsonNode action = alice.nextJson();
            assertThat(action.get("id").asLong()).isEqualTo(2);
            assertThat(action.get("text").asText()).isEqualTo("is \"quoted\" \\ and ü");
            assertThat(action.get("action").asBoolean()).isTrue();

            alice.send("/topic #dev sockets");
            assertThat(alice.nextJson().toString())
                    .isEqualTo("{\"type\":\"topic\",\"room\":\"#dev\",\"nick\":\"alice\",\"topic\":\"sockets\"}");

            alice.send("/part #dev bye");
            assertThat(alice.nextJson().toString())
                    .isEqualTo("{\"type\":\"part\",\"room\":\"#dev\",\"nick\":\"alice\",\"reason\":\"bye\"}");

            alice.send("/msg guest-2 psst");
            JsonNode sent = alice.expectJson("private");
            JsonNode received = bob.expectJson("private");
            assertThat(received).isEqualTo(sent);
            assertThat(received.get("from").asText()).isEqualTo("alice");
            assertThat(received.get("to").asText()).isEqualTo("guest-2");
            assertThat(received.get("text").asText()).isEqualTo("psst");
            assertThat(received.get("id").asLong()).isPositive();

            alice.send("/who");
            JsonNode who = alice.expectJson("reply");
            assertThat(who.get("items")).extracting(JsonNode::asText).containsExactly("alice", "guest-2");

            bob.send("/quit off");
            JsonNode quit = alice.expectJson("quit");
            assertThat(quit.toString())
                    .isEqualTo("{\"type\":\"quit\",\"room\":\"#general\",\"nick\":\"guest-2\",\"reason\":\"off\"}");
        }
    }

    @Test
    void roomListCarriesItsItems() {
        try (Wire wire = server.json()) {
            wire.send("/rooms");
            JsonNode rooms = wire.expectJson("reply");
            assertThat(rooms.get("items")).extracting(JsonNode::asText).containsExactly("#general");
        }
    }
}
