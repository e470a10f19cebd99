package org.causerie.command;

import java.util.ArrayList;
import java.util.List;
import org.causerie.chat.Directory;
import org.causerie.chat.Room;

/** Commands about rooms: join, part, list, members, topic. */
final class RoomCommands {
    private RoomCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("join", "ROOM [KEY]", "join a room (creating it) and make it your current room",
                        (context, args) -> {
                            if (!context.hub().join(context.session(), args.word(0), args.optional(1))) {
                                context.reply(context.hub().currentRoom(context.session()).name()
                                        + " is now your current room");
                            }
                        }),
                CommandSpec.of("part", "[ROOM] [REASON...]", "leave a room (by default your current room)",
                        RoomCommands::part),
                CommandSpec.of("rooms", "", "list the rooms", RoomCommands::rooms),
                CommandSpec.of("who", "[ROOM]", "list the members of a room (by default your current room)",
                        RoomCommands::who),
                CommandSpec.of("topic", "ROOM [TEXT...]", "show a room's topic, or set it", RoomCommands::topic));
    }

    private static void part(Context context, Args args) {
        String room = args.optional(0);
        String reason = args.rest();
        if (room != null && !room.startsWith("#")) { // "/part see you": all of it is the reason
            reason = reason.isEmpty() ? room : room + " " + reason;
            room = null;
        }
        context.hub().part(context.session(), room, reason);
    }

    private static void rooms(Context context, Args args) {
        List<Directory.Listed> rooms = context.hub().directory().listRooms(); // every node's, in a cluster
        var text = new StringBuilder(rooms.size() + (rooms.size() == 1 ? " room" : " rooms"));
        var names = new ArrayList<String>();
        for (Directory.Listed room : rooms) {
            int size = room.members();
            String topic = room.topic();
            text.append('\n').append(room.name()).append(" (").append(size).append(size == 1 ? " member)" : " members)");
            if (!topic.isEmpty()) {
                text.append(": ").append(topic);
            }
            names.add(room.name());
        }
        context.reply(text.toString(), names);
    }

    private static void who(Context context, Args args) {
        String name = args.optional(0);
        Directory.Members room = name == null ? context.hub().directory().members(context.hub().currentRoom(context.session()).name())
                : context.hub().directory().members(name); // members of every node, in a cluster
        List<String> marked = room.marked(); // "@" an operator, "+" voiced: a nickname starts with a letter
        var nicks = new ArrayList<String>(marked.size());
        var operators = new ArrayList<String>();
        var voiced = new ArrayList<String>();
        for (String entry : marked) {
            String nick = entry.replaceFirst("^[@+]+", "");
            nicks.add(nick);
            if (entry.startsWith("@")) {
                operators.add(nick);
            }
            if (entry.startsWith("+", entry.startsWith("@") ? 1 : 0)) {
                voiced.add(nick);
            }
        }
        context.reply(room.room() + " (" + nicks.size() + "): " + String.join(" ", marked), nicks, operators, voiced);
    }

    private static void topic(Context context, Args args) {
        String name = args.word(0);
        if (args.rest().isEmpty()) {
            Room room = context.hub().room(name);
            String topic = room.topic();
            context.reply(topic.isEmpty() ? room.name() + " has no topic" : room.name() + ": " + topic);
        } else {
            context.hub().topic(context.session(), name, args.rest());
        }
    }
}
