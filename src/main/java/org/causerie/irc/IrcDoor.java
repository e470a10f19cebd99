package org.causerie.irc;

import java.util.concurrent.ConcurrentHashMap;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.net.Connection;
import org.causerie.net.Transport;

/**
 * The IRC door: what its connections share. One per server; it makes an {@link IrcConnection} for each
 * transport its listener opens, and knows its connected clients (for WHOIS's real names and AWAY).
 */
public final class IrcDoor implements IrcVariant.Who {
    /** The network's name in ISUPPORT. */
    static final String NETWORK = "Causerie";

    final Hub hub;
    final String server;
    final String version;
    final Connection.Settings settings;
    final int roomsPerUser;
    /** The IRC clients by session, from their connection until they leave. */
    private final ConcurrentHashMap<Session, IrcClient> clients = new ConcurrentHashMap<>();

    /** What PASS must give before registration, or null when the server has no password. */
    private final byte[] password;

    public IrcDoor(Hub hub, String server, String version, Connection.Settings settings, int roomsPerUser,
            String password) {
        this.password = password == null ? null : password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.hub = hub;
        this.server = server;
        this.version = version;
        this.settings = settings;
        this.roomsPerUser = roomsPerUser;
    }

    boolean hasPassword() {
        return password != null;
    }

    /** Whether {@code given} is the server password, compared in constant time. */
    boolean passwordIs(String given) {
        return password != null && given != null
                && java.security.MessageDigest.isEqual(password, given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public IrcConnection connection(Transport transport) {
        return new IrcConnection(transport, this);
    }

    void arrived(IrcClient client) {
        clients.put(client.session(), client);
    }

    void left(IrcClient client) {
        clients.remove(client.session(), client);
    }

    /** The IRC client of {@code session}, or null when it came through another door. */
    IrcClient client(Session session) {
        return clients.get(session);
    }

    /** Whether {@code nick} is held by an account now: its cloak, its account tag. */
    @Override
    public boolean account(String nick) {
        return hub.heldByAccount(nick);
    }

    @Override
    public String realName(String nick) {
        for (Session session : hub.online(nick)) {
            IrcClient client = clients.get(session);
            if (client != null && !client.realName().isEmpty()) {
                return client.realName();
            }
        }
        return nick;
    }
}
