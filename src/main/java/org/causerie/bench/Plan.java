package org.causerie.bench;

import java.util.Arrays;

/**
 * Who is where in a traffic scenario: each bot's room (or partner), who sends, and whose receipts pace
 * each sender (its probe, see {@link Meter}).
 *
 * @param scenario   {@code fanout}, {@code rooms} or {@code private}
 * @param rooms      number of rooms (0 for private messages)
 * @param members    members per room (2 for a pair)
 * @param room       by bot index: the room it joins, or null (private messages)
 * @param partner    by bot index: whom it writes to privately, or -1 (rooms)
 * @param senders    the indices of the bots that send
 * @param probe      by bot index: the probe of a sender, -1 for a bot that does not send
 * @param recipients how many bots other than its sender receive each message
 */
record Plan(String scenario, int rooms, int members, String[] room, int[] partner, int[] senders, int[] probe,
        int recipients) {

    int bots() {
        return probe.length;
    }

    /** Whether a message of {@code sender} is meant for {@code receiver}: a member of its room, or its partner. */
    boolean reaches(int sender, int receiver) {
        return room[sender] != null ? room[sender].equals(room[receiver]) : partner[sender] == receiver;
    }

    /** One room, {@code members} bots, the first {@code senders} of them sending. */
    static Plan fanout(int members, int senders) {
        Plan plan = rooms(1, members, senders);
        return new Plan("fanout", 1, members, plan.room, plan.partner, plan.senders, plan.probe, plan.recipients);
    }

    /**
     * {@code rooms} rooms of {@code members} bots each ({@code #r0}, {@code #r1}, …), the first
     * {@code senders} of each room sending; the last member of a room is its senders' probe (or the one
     * before it, for itself, when everyone sends).
     */
    static Plan rooms(int rooms, int members, int senders) {
        if (rooms < 1 || members < 2 || senders < 1 || senders > members) {
            throw new IllegalArgumentException("a room needs at least 2 members and 1 to " + members + " senders");
        }
        int bots = Math.multiplyExact(rooms, members);
        var room = new String[bots];
        var partner = new int[bots];
        var probe = new int[bots];
        var sending = new int[rooms * senders];
        Arrays.fill(partner, -1);
        Arrays.fill(probe, -1);
        for (int r = 0; r < rooms; r++) {
            String name = rooms == 1 ? "#bench" : "#r" + r;
            int first = r * members;
            int last = first + members - 1;
            for (int m = 0; m < members; m++) {
                room[first + m] = name;
            }
            for (int s = 0; s < senders; s++) {
                int bot = first + s;
                sending[r * senders + s] = bot;
                probe[bot] = bot == last ? last - 1 : last;
            }
        }
        return new Plan("rooms", rooms, members, room, partner, sending, probe, members - 1);
    }

    /** {@code pairs} pairs of bots, each writing privately to the other: each is the other's probe. */
    static Plan pairs(int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("at least one pair");
        }
        int bots = Math.multiplyExact(pairs, 2);
        var partner = new int[bots];
        var senders = new int[bots];
        for (int i = 0; i < bots; i++) {
            partner[i] = i ^ 1;
            senders[i] = i;
        }
        return new Plan("private", 0, 2, new String[bots], partner, senders, partner.clone(), 1);
    }
}
