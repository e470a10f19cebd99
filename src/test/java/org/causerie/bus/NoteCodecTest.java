package org.causerie.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Notes as bytes: a round trip, a newer neighbour's note, an unknown kind, and bytes that are no note. */
class NoteCodecTest {
    private static final Note NOTE = new Note(Note.VERSION, "chat-1", Note.Kind.MESSAGE, "#dev", 42, 1_700_000_000_000L,
            "alice", "a7", "", "héllo \"there\"\n" + "x".repeat(70_000), true, "");

    @Test
    void aNoteComesBackAsItWent() {
        assertThat(NoteCodec.decode(NoteCodec.encode(NOTE))).isEqualTo(NOTE);
    }

    /** A rolling upgrade: the next release appends fields, and this one reads what it knows. */
    @Test
    void aNewerVersionWithMoreFieldsIsRead() {
        byte[] bytes = NoteCodec.encode(NOTE);
        bytes[1] = (byte) (Note.VERSION + 1); // the next version
        var newer = new ByteArrayOutputStream();
        newer.writeBytes(bytes);
        newer.writeBytes(new byte[] {0, 3, 'n', 'e', 'w'});
        Note read = NoteCodec.decode(newer.toByteArray());
        assertThat(read.version()).isEqualTo(Note.VERSION + 1);
        assertThat(read.text()).isEqualTo(NOTE.text());
        assertThat(read.id()).isEqualTo(42);
    }

    @Test
    void aKindThisReleaseDoesNotKnowIsSkipped() {
        byte[] bytes = NoteCodec.encode(NOTE);
        int kindAt = 2 + 2 + "chat-1".length();
        assertThat(bytes[kindAt]).isEqualTo((byte) Note.Kind.MESSAGE.code);
        bytes[kindAt] = 99;
        assertThat(NoteCodec.decode(bytes)).isNull();
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = NoteCodec.encode(NOTE);
        assertThatThrownBy(() -> NoteCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteCodec.decode(new byte[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
    }
}
