package org.causerie.bus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link Note} as bytes on a shared bus: the version, then the fields of version 1 in a fixed order,
 * then version 2's {@code seq}.
 * A later version appends its fields after these; a reader stops after the fields it knows, so it reads
 * the notes of a newer neighbour (and returns null for a kind it does not know).
 */
public final class NoteCodec {
    private NoteCodec() {}

    public static byte[] encode(Note note) {
        var bytes = new ByteArrayOutputStream(96 + note.text().length() * 3);
        try (var out = new DataOutputStream(bytes)) {
            out.writeShort(Note.VERSION);
            out.writeUTF(note.origin());
            out.writeByte(note.kind().code);
            out.writeUTF(note.room());
            out.writeLong(note.id());
            out.writeLong(note.ts());
            out.writeUTF(note.nick());
            out.writeUTF(note.identity());
            out.writeUTF(note.target());
            writeLong(out, note.text());
            out.writeBoolean(note.flag());
            out.writeUTF(note.extra());
            out.writeLong(note.seq()); // version 2
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The note in {@code bytes}, or null when it is of a kind this release does not know. Throws
     * {@link IllegalArgumentException} for bytes that are not a note (truncated, or version 0).
     */
    public static Note decode(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedShort();
            if (version < 1) {
                throw new IllegalArgumentException("not a note: version " + version);
            }
            String origin = in.readUTF();
            Note.Kind kind = Note.Kind.of(in.readUnsignedByte());
            String room = in.readUTF();
            long id = in.readLong();
            long ts = in.readLong();
            String nick = in.readUTF();
            String identity = in.readUTF();
            String target = in.readUTF();
            String text = readLong(in);
            boolean flag = in.readBoolean();
            String extra = in.readUTF();
            long seq = version >= 2 ? in.readLong() : 0;
            return kind == null ? null
                    : new Note(version, origin, kind, room, id, ts, nick, identity, target, text, flag, extra, seq);
        } catch (EOFException e) {
            throw new IllegalArgumentException("not a note: truncated", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a note: " + e.getMessage(), e);
        }
    }

    /** Text may exceed writeUTF's 64 KiB: a length in an int, then UTF-8. */
    private static void writeLong(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readLong(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("text of " + length + " bytes");
        }
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }
}
