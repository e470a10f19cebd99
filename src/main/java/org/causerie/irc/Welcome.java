package org.causerie.irc;

import org.causerie.chat.Names;

/** What a client is told once registered: 001 to 005, LUSERS, and 422 (this server has no MOTD). */
final class Welcome {
    private Welcome() {}

    static void send(IrcClient client) {
        IrcDoor door = client.door();
        String version = "causerie-" + door.version;
        client.numeric("001", "Welcome to the " + IrcDoor.NETWORK + " IRC network, " + client.mask());
        client.numeric("002", "Your host is " + door.server + ", running version " + version);
        client.numeric("003", "This server speaks Causerie's rooms, accounts and history to IRC clients");
        client.line(IrcLine.of(null, door.server, "004",
                java.util.List.of(client.me(), door.server, version, "-", "bikmotv", "bkov"), false));
        isupport(client);
        lusers(client);
        client.numeric("422", "MOTD File is missing");
    }

    /** ISUPPORT: only what the server does; see docs/irc.md for each token. */
    static void isupport(IrcClient client) {
        IrcDoor door = client.door();
        client.numeric("005", "AWAYLEN=390", "CASEMAPPING=ascii", "CHANLIMIT=#:" + door.roomsPerUser,
                "CHATHISTORY=" + Chathistory.LIMIT, "MSGREFTYPES=msgid,timestamp",
                "CHANMODES=b,k,,imt", "CHANNELLEN=" + (Names.ROOM_MAX + 1), "CHANTYPES=#", "MODES=1",
                "NETWORK=" + IrcDoor.NETWORK, "NICKLEN=" + Names.NICK_MAX, "PREFIX=(ov)@+", "are supported by this server");
    }

    /**
     * LUSERS as RFC 2812 counts: users are people (an account's several sessions are one user, as its
     * nickname is one), clients are connections, of this server; servers are the cluster's live nodes.
     */
    static void lusers(IrcClient client) {
        int servers = client.hub().nodeCount();
        client.numeric("251", "There are " + client.hub().people() + " users and 0 invisible on " + servers + " servers");
        client.numeric("254", Integer.toString(client.hub().rooms().size()), "channels formed");
        client.numeric("255", "I have " + client.hub().sessions() + " clients and " + (servers - 1) + " servers");
    }
}
