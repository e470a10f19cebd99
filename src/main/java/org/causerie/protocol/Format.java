package org.causerie.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.causerie.chat.ChatException;
import org.causerie.event.Envelope;
import org.causerie.event.Event;

/**
 * The line door's two codecs: {@code text} for people at {@code nc}, {@code json} for programs. Each
 * keeps its encoding of an event in the event's {@link Envelope} (one {@link Variants} slot each), so a
 * broadcast is encoded once per format.
 */
public enum Format implements Codec {
    TEXT("line/text") {
        @Override
        public String render(Event event) {
            return TextCodec.render(event);
        }
    },
    JSON("line/json") {
        @Override
        public String render(Event event) {
            return JsonCodec.render(event);
        }

        @Override
        byte[] line(Event event) {
            return JsonCodec.line(event); // the same bytes, without building the string twice
        }
    };

    private final int slot;

    Format(String variant) {
        this.slot = Variants.slot(variant);
    }

    /** The event as one or more lines, without the final newline. */
    public abstract String render(Event event);

    /** The event as UTF-8 bytes ending in a newline, ready for the socket; shared by all recipients. */
    @Override
    public byte[] encode(Envelope envelope) {
        return envelope.encoded(slot, this::line);
    }

    /** {@link #render}, newline added, in UTF-8. */
    byte[] line(Event event) {
        return (render(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Format parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ChatException("bad-format", "the formats are text and json, not " + name);
        };
    }
}
