package org.causerie.command;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.store.ServerBan;

/** Server operators' bans of networks and accounts, server-wide, with a length and a reason. */
final class BanCommands {
    /** The longest ban with a length: ten years; longer is {@code forever}. */
    static final Duration LONGEST = Duration.ofDays(3650);

    private BanCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("serverban", "TARGET LENGTH [REASON...]", "server operators: ban an address, a network"
                        + " (IPv6 by /64), an account or a connected guest's address, for 30m, 12h, 7d… or forever",
                        BanCommands::ban),
                CommandSpec.of("serverunban", "TARGET", "server operators: lift a server ban", (context, args) -> {
                    ServerBan lifted = context.hub().bans().unban(context.session(), args.word(0));
                    context.reply("the ban of " + lifted.target() + " is lifted");
                }),
                CommandSpec.of("serverbans", "", "server operators: list the server bans", BanCommands::list));
    }

    private static void ban(Context context, Args args) {
        Duration length = length(args.word(1));
        List<ServerBan> set = context.hub().bans().ban(context.session(), args.word(0), length, args.rest());
        var targets = set.stream().map(BanCommands::describe).toList();
        context.reply("banned: " + String.join(", ", targets), set.stream().map(ServerBan::target).toList());
    }

    private static void list(Context context, Args args) {
        List<ServerBan> bans = context.hub().bans().list(context.session());
        var text = new StringBuilder(bans.size() + (bans.size() == 1 ? " server ban" : " server bans"));
        var targets = new ArrayList<String>();
        for (ServerBan ban : bans) {
            text.append('\n').append(describe(ban)).append(" by ").append(ban.by())
                    .append(ban.reason().isEmpty() ? "" : ": " + ban.reason());
            targets.add(ban.target());
        }
        context.reply(text.toString(), targets);
    }

    private static String describe(ServerBan ban) {
        return (ban.kind() == ServerBan.Kind.ACCOUNT ? "account " : "network ") + ban.target()
                + (ban.expires() == null ? " for ever" : " until " + ban.expires().truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or {@code forever} (null). */
    static Duration length(String word) {
        if (word.equalsIgnoreCase("forever")) {
            return null;
        }
        if (word.matches("[0-9]{1,7}[smhd]")) {
            long amount = Long.parseLong(word.substring(0, word.length() - 1));
            Duration length = switch (word.charAt(word.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (!length.isZero() && length.compareTo(LONGEST) <= 0) {
                return length;
            }
        }
        throw new ChatException("bad-length", "a ban lasts 90s, 30m, 12h, 7d (at most 3650d), or forever; not " + word);
    }
}
