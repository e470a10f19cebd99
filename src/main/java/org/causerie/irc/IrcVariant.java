package org.causerie.irc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.causerie.event.Event;
import org.causerie.protocol.Variants;

/**
 * The IRC lines of the events every recipient shares (room messages, joins, parts, nick changes…),
 * for one set of the capabilities that change them: {@code server-time}, {@code message-tags} and
 * {@code account-tag}. Each of the eight sets has its own slot in the envelope, so a room message is
 * encoded once per set in use, whatever the number of readers.
 */
final class IrcVariant {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Room for a line's CRLF within IRC's 512 bytes. */
    private static final int LINE_BYTES = IrcMessage.MAX_BYTES - 2;
    private static final IrcVariant[] ALL = new IrcVariant[Cap.VARIANT_BITS + 1];

    static {
        for (int bits = 0; bits <= Cap.VARIANT_BITS; bits++) {
            ALL[bits] = new IrcVariant(bits);
        }
    }

    final int slot;
    private final boolean time;
    private final boolean msgid;
    private final boolean account;
    private final boolean extendedJoin;

    private IrcVariant(int bits) {
        this.slot = Variants.slot("irc/" + bits);
        this.time = Cap.SERVER_TIME.in(bits);
        this.msgid = Cap.MESSAGE_TAGS.in(bits);
        this.account = Cap.ACCOUNT_TAG.in(bits);
        this.extendedJoin = Cap.EXTENDED_JOIN.in(bits);
    }

    /** A time as server-time writes it. */
    static String time(java.time.Instant ts) {
        return TIME.format(ts);
    }

    static IrcVariant of(int caps) {
        return ALL[caps & Cap.VARIANT_BITS];
    }

    /** True for the events encoded here (shared); the others name their recipient. */
    static boolean shared(Event event) {
        return switch (event) {
            case Event.Message m -> true;
            case Event.Private p -> true;
            case Event.Joined j -> true;
            case Event.Parted p -> true;
            case Event.Quit q -> true;
            case Event.NickChanged n -> true;
            case Event.Kicked k -> true;
            case Event.ModeChanged m -> true;
            case Event.TopicChanged t -> true;
            default -> false;
        };
    }

    /** {@code who} tells whether a nickname is held by an account (its cloak and account tag), and its real name. */
    byte[] encode(Event event, Who who) {
        return encode(event, who, null);
    }

    /**
     * As {@link #encode(Event, Who)}; a message also carries {@code batch=ID} when {@code batch} is not
     * null (a replay or CHATHISTORY answer, written for one client: never cached).
     */
    byte[] encode(Event event, Who who, String batch) {
        Predicate<String> accounts = who::account;
        return IrcLine.bytes(switch (event) {
            case Event.Message m -> message(m.ts(), MsgIds.room(m.room(), m.id()), m.from(), m.room(), m.text(),
                    m.action(), accounts, batch);
            case Event.Private p -> {
                boolean action = p.text().startsWith(Texts.ME);
                yield message(p.ts(), MsgIds.conversation(p), p.from(), p.to(),
                        action ? p.text().substring(Texts.ME.length()) : p.text(), action, accounts, batch);
            }
            case Event.Joined j -> List.of(extendedJoin
                    ? IrcLine.of(null, mask(j.nick(), accounts), "JOIN", List.of(j.room(),
                            accounts.test(j.nick()) ? j.nick() : "*", who.realName(j.nick())), true)
                    : IrcLine.of(mask(j.nick(), accounts), "JOIN", j.room()));
            case Event.Parted p -> List.of(p.reason() == null || p.reason().isEmpty()
                    ? IrcLine.of(mask(p.nick(), accounts), "PART", p.room())
                    : IrcLine.of(null, mask(p.nick(), accounts), "PART", List.of(p.room(), p.reason()), true));
            case Event.Quit q -> List.of(IrcLine.of(null, mask(q.nick(), accounts), "QUIT",
                    List.of(q.reason() == null ? "" : q.reason()), true));
            case Event.NickChanged n -> List.of(IrcLine.of(null, Cloak.mask(n.nick(), accounts.test(n.nick())),
                    "NICK", List.of(n.newNick()), true));
            case Event.Kicked k -> List.of(IrcLine.of(null, mask(k.by(), accounts), "KICK",
                    List.of(k.room(), k.nick(), k.reason() == null || k.reason().isEmpty() ? k.by() : k.reason()), true));
            case Event.ModeChanged m -> {
                var params = new ArrayList<String>();
                params.add(m.room());
                params.addAll(List.of(m.change().split(" ")));
                yield List.of(IrcLine.of(null, mask(m.by(), accounts), "MODE", params, false));
            }
            case Event.TopicChanged t -> List.of(IrcLine.of(null, mask(t.nick(), accounts), "TOPIC",
                    List.of(t.room(), t.topic()), true));
            default -> throw new IllegalArgumentException("not a shared event: " + event);
        });
    }

    /**
     * A PRIVMSG, cut into as many lines as IRC's 512 bytes need (tags aside), each cut between
     * characters; an action is wrapped in CTCP ACTION on every line.
     */
    private List<String> message(java.time.Instant ts, String id, String from, String target, String text,
            boolean action, Predicate<String> accounts, String batch) {
        boolean held = accounts.test(from);
        String source = Cloak.mask(from, held);
        var tags = new StringBuilder();
        if (batch != null) {
            tags.append("batch=").append(batch);
        }
        if (time) {
            tags.append(tags.isEmpty() ? "" : ";").append("time=").append(TIME.format(ts));
        }
        if (msgid && id != null) {
            tags.append(tags.isEmpty() ? "" : ";").append("msgid=").append(IrcMessage.escape(id));
        }
        if (account && held) {
            tags.append(tags.isEmpty() ? "" : ";").append("account=").append(from);
        }
        int fixed = (":" + source + " PRIVMSG " + target + " :").getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + (action ? Texts.ACTION_OPEN.length() + 1 : 0);
        var lines = new ArrayList<String>();
        for (String piece : IrcLine.split(text, Math.max(1, LINE_BYTES - fixed))) {
            String body = action ? Texts.ACTION_OPEN + piece + Texts.CTCP : piece;
            lines.add(IrcLine.of(tags.toString(), source, "PRIVMSG", List.of(target, body), true));
        }
        return lines;
    }

    /** What the shared lines need to know of a nickname's holder now. */
    interface Who {
        boolean account(String nick);

        /** The real name shown by extended-join: an IRC user's from USER, else the nickname. */
        String realName(String nick);
    }

    private static String mask(String nick, Predicate<String> accounts) {
        return Cloak.mask(nick, accounts.test(nick));
    }
}
