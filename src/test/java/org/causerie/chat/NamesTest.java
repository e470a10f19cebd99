package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice", "bob42", "x-y_z", "a[b]{c}", "a\\b|c^d`e", "guest", "guestx",
            "Guest_1", "guest1", "abcdefghijklmnopqrstuvwx", "a0", "a9"}) // 0 and 9: both ends of the digits
    void acceptedNicks(String nick) {
        assertThatCode(() -> Names.checkNick(nick)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                           | 1 to 24 characters
            abcdefghijklmnopqrstuvwxy    | 1 to 24 characters
            1alice                       | starts with a letter
            -alice                       | starts with a letter
            _alice                       | starts with a letter
            аlice                        | starts with a letter
            alicе                        | (not U+0435)
            élodie                       | starts with a letter
            "al ice"                     | (not a space)
            al.ice                       | (not '.')
            al#ice                       | (not '#')
            al@ice                       | (not '@')
            "alice\t"                    | (not '\t')
            guest-1                      | given by the server
            Guest-7                      | given by the server
            GUEST-x                      | given by the server
            gUeSt-                       | given by the server
            """)
    void refusedNicks(String nick, String reason) {
        String name = nick.replace("\\t", "\t");
        assertThatThrownBy(() -> Names.checkNick(name))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("bad-nick"))
                .hasMessageContaining(reason.replace("\\t", "\t"));
    }

    @Test
    void aRefusedCharacterIsQuotedBelow0x80AndNumberedFrom0x80() {
        assertThatThrownBy(() -> Names.checkNick("a\u007f")).hasMessageContaining("(not '\u007f')");
        assertThatThrownBy(() -> Names.checkNick("a\u0080")).hasMessageContaining("(not U+0080)");
        assertThatThrownBy(() -> Names.checkNick("a/")).hasMessageContaining("(not '/')"); // just below '0'
        assertThatThrownBy(() -> Names.checkNick("a:")).hasMessageContaining("(not ':')"); // just above '9'
    }

    @Test
    void theCyrillicLookAlikeIsNotAlice() {
        assertThat("аlice").isNotEqualTo("alice").hasSize(5);
        assertThatThrownBy(() -> Names.checkNick("\u0430lice")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.checkRoom("#\u0430lice"))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("bad-room"))
                .hasMessageContaining("U+0430");
    }

    @Test
    void nickLengthBounds() {
        assertThatCode(() -> Names.checkNick("a".repeat(Names.NICK_MAX))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Names.checkNick("a".repeat(Names.NICK_MAX + 1))).isInstanceOf(ChatException.class);
        assertThat(Names.NICK_MAX).isEqualTo(24);
    }

    @Test
    void everyAsciiLetterMayStartANick() {
        for (char c : LETTERS.toCharArray()) {
            assertThatCode(() -> Names.checkNick(c + "x")).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"#general", "#a", "#A.b-c_d", "#2025", "#...", "#General"})
    void acceptedRooms(String room) {
        assertThatCode(() -> Names.checkRoom(room)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                  | starts with #
            general             | starts with #
            " #general"         | starts with #
            &general            | starts with #
            "#"                 | 1 to 32 characters after the #
            "#a b"              | (not a space)
            "##"                | (not '#')
            "#a/b"              | (not '/')
            "#café"             | (not U+00E9)
            "#中文"              | (not U+4E2D)
            """)
    void refusedRooms(String room, String reason) {
        assertThatThrownBy(() -> Names.checkRoom(room))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("bad-room"))
                .hasMessageContaining(reason);
    }

    @Test
    void roomLengthBounds() {
        assertThatCode(() -> Names.checkRoom("#" + "r".repeat(Names.ROOM_MAX))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Names.checkRoom("#" + "r".repeat(Names.ROOM_MAX + 1)))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("bad-room"));
        assertThat(Names.ROOM_MAX).isEqualTo(32);
    }

    @Test
    void foldIsCaseInsensitiveForAscii() {
        assertThat(Names.fold("AlIcE")).isEqualTo("alice");
        assertThat(Names.fold("#GENERAL")).isEqualTo(Names.fold("#general"));
    }

    @Test
    void foldingIsAsciiOnlySoLookAlikesFindNobody() {
        assertThat(Names.fold("AlIcE[]")).isEqualTo("alice[]");
        assertThat(Names.fold("\u212Aate")).isEqualTo("\u212Aate"); // the Kelvin sign is not a k
        assertThat(Names.fold("ÉLODIE")).isEqualTo("Élodie"); // only A-Z fold
    }

    @Test
    void sameIsEqualityOfTheFoldedNames() {
        assertThat(Names.same("AlIcE[]", "aliCE[]")).isTrue();
        assertThat(Names.same("alice", "alice")).isTrue();
        assertThat(Names.same("alice", "alicf")).isFalse();
        assertThat(Names.same("alice", "alice2")).isFalse();
        assertThat(Names.same("alice2", "alice")).isFalse();
        assertThat(Names.same("\u212Aate", "kate")).isFalse(); // the Kelvin sign is not a k, as for fold
        assertThat(Names.same("ÉLODIE", "élodie")).isFalse(); // only A-Z fold
        assertThat(Names.same("[]", "{}")).isFalse(); // no RFC 1459 casemapping of brackets
        for (String a : new String[] {"Bob", "bob", "BOB", "b0b", "Bo", "bOb|", "\u212Aate", "kate", "KATE"}) {
            for (String b : new String[] {"Bob", "bob", "BOB", "b0b", "Bo", "bOb|", "\u212Aate", "kate", "KATE"}) {
                assertThat(Names.same(a, b)).as(a + " / " + b).isEqualTo(Names.fold(a).equals(Names.fold(b)));
            }
        }
    }
}
