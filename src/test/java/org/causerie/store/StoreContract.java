package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.causerie.store.Fixtures.NOW;
import static org.causerie.store.Fixtures.privateMessage;
import static org.causerie.store.Fixtures.race;
import static org.causerie.store.Fixtures.roomMessages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.causerie.store.Entry.Offline;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Store} must do, run against each backend by a subclass: accounts, rooms, text kept
 * verbatim, data that lasts. History, the offline queue and retention are in {@link HistoryContract}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class StoreContract implements HistoryContract, OfflineContract, RetentionContract, AccessContract,
        ModerationContract, CountedContract {

    /** Opens the store on this test's storage: empty at the first call, the same one at each later call. */
    protected abstract Store open();

    /** Throws this test's storage away, once its store is closed. */
    protected void discard() {}

    protected Store store;

    @Override
    public Store store() {
        return store;
    }

    @BeforeEach
    final void openStore() {
        store = open();
    }

    @AfterEach
    final void closeStore() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            discard();
        }
    }

    // Accounts

    @Test
    void anAccountIsFoundByItsNicknameInAnyCase() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Account alice = store.createAccount("Alice", "hash-1").orElseThrow();
        assertThat(alice.id()).isPositive();
        assertThat(alice.nick()).isEqualTo("Alice");
        assertThat(alice.passwordHash()).isEqualTo("hash-1");
        assertThat(alice.created()).isBetween(before, Instant.now());

        assertThat(store.findAccount("Alice")).contains(alice);
        assertThat(store.findAccount("ALICE")).contains(alice);
        assertThat(store.findAccount("alice")).contains(alice);
        assertThat(store.findAccount("bob")).isEmpty();
    }

    @Test
    void aNicknameIsRegisteredOnceWhateverItsCase() {
        Account bob = store.createAccount("Bob", "first").orElseThrow();
        assertThat(store.createAccount("bOB", "second")).isEmpty();
        assertThat(store.createAccount("Bob", "third")).isEmpty();
        assertThat(store.findAccount("bob")).contains(bob);
        assertThat(store.createAccount("Bobby", "x")).get().extracting(Account::id).isNotEqualTo(bob.id());
    }

    @Test
    void aPasswordIsReplaced() {
        Account alice = store.createAccount("alice", "old").orElseThrow();
        Account bob = store.createAccount("bob", "bob's").orElseThrow();
        store.updatePassword(alice.id(), "new");
        assertThat(store.findAccount("ALICE")).get().extracting(Account::passwordHash).isEqualTo("new");
        assertThat(store.findAccount("bob")).contains(bob);
    }

    @Test
    void racingRegistrationsOfOneNicknameMakeOneAccount() throws Exception {
        for (String nick : List.of("racer", "Sprinter", "dash")) {
            List<Optional<Account>> results = race(8, i -> store.createAccount(
                    i % 2 == 0 ? nick.toUpperCase() : nick, "hash-" + i));
            List<Account> winners = results.stream().flatMap(Optional::stream).toList();
            assertThat(winners).as("winners for %s", nick).hasSize(1);
            assertThat(store.findAccount(nick)).contains(winners.getFirst());
        }
    }

    @Test
    void wildcardsInANicknameMatchOnlyThemselves() {
        store.createAccount("abc", "h").orElseThrow();
        assertThat(store.findAccount("a_c")).isEmpty();
        assertThat(store.findAccount("a%")).isEmpty();
        assertThat(store.findAccount("%")).isEmpty();
        assertThat(store.createAccount("a_c", "h")).isPresent();
    }

    // Rooms

    @Test
    void roomsAreInsertedUpdatedListedAndDeleted() {
        long alice = store.createAccount("alice", "h").orElseThrow().id();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        assertThat(store.rooms()).isEmpty();

        store.saveRoom(new RoomRecord("#Java", alice, "JDK 25"));
        store.saveRoom(new RoomRecord("#go", bob, null));
        assertThat(store.rooms()).containsExactlyInAnyOrder(
                new RoomRecord("#Java", alice, "JDK 25"), new RoomRecord("#go", bob, null));

        store.saveRoom(new RoomRecord("#JAVA", bob, "JDK 26"));
        assertThat(store.rooms()).containsExactlyInAnyOrder(
                new RoomRecord("#Java", bob, "JDK 26"), new RoomRecord("#go", bob, null));

        store.deleteRoom("#java");
        store.deleteRoom("#nowhere");
        assertThat(store.rooms()).containsExactly(new RoomRecord("#go", bob, null));
    }

    @Test
    void aRoomNeedsARegisteredOwner() {
        assertThatThrownBy(() -> store.saveRoom(new RoomRecord("#orphan", 999_999, "t")))
                .isInstanceOf(StoreException.class);
        assertThat(store.rooms()).isEmpty();
    }

    // Private conversations by activity (IRC's CHATHISTORY TARGETS)

    @Test
    void activeConversationsAreAUsersOwnInTheWindowMostRecentFirst() {
        String ab = Store.conversation("a1", "a2");
        String ac = Store.conversation("a1", "a3");
        String bc = Store.conversation("a2", "a3");
        store.append(List.of(
                new PrivateMessage(ab, 1, NOW.minusSeconds(30), "ann", "bob", "old"),
                new PrivateMessage(ac, 1, NOW.minusSeconds(20), "ann", "cat", "mid"),
                new PrivateMessage(ab, 2, NOW.minusSeconds(10), "bob", "ann", "new"),
                new PrivateMessage(bc, 1, NOW.minusSeconds(5), "bob", "cat", "not ann's"),
                new PrivateMessage(Store.conversation("a11", "a2"), 1, NOW.minusSeconds(5), "x", "bob", "a11 is not a1")));
        assertThat(store.activeConversations("a1", NOW.minusSeconds(60), NOW, 10))
                .containsExactly(new Store.Active(ab, NOW.minusSeconds(10)), new Store.Active(ac, NOW.minusSeconds(20)));
        assertThat(store.activeConversations("a1", NOW.minusSeconds(60), NOW.minusSeconds(15), 10))
                .containsExactly(new Store.Active(ac, NOW.minusSeconds(20)), new Store.Active(ab, NOW.minusSeconds(30)));
        assertThat(store.activeConversations("a1", NOW.minusSeconds(60), NOW, 1)).hasSize(1);
        assertThat(store.activeConversations("a3", NOW.minusSeconds(8), NOW, 10))
                .containsExactly(new Store.Active(bc, NOW.minusSeconds(5)));
    }

    // Text as it was given

    @Test
    void sqlMetacharactersAndUnicodeAreStoredVerbatim() {
        List<String> awkward = List.of("'; DROP TABLE accounts; --", "100% _sure_", "back\\slash\\", "\"quoted\" 'single'",
                "Ünïcødé 日本語 😀🎉", "x' OR '1'='1", "tab\there", "--", "/* comment */", "$1 ? :name");
        long owner = store.createAccount("owner", "h").orElseThrow().id();
        var entries = new ArrayList<Entry>();
        for (int i = 0; i < awkward.size(); i++) {
            String text = awkward.get(i);
            Account account = store.createAccount(text, text).orElseThrow();
            assertThat(store.findAccount(asciiUpperCase(text))).as("nick %s", text).contains(account);
            store.saveRoom(new RoomRecord(text, owner, text));
            entries.add(new RoomMessage(text, 1, NOW, text, text, true));
            entries.add(new PrivateMessage(Store.conversation(text, "owner"), 1, NOW, text, "owner", text));
        }
        store.append(entries);

        assertThat(store.rooms()).extracting(RoomRecord::name).containsExactlyInAnyOrderElementsOf(awkward);
        assertThat(store.rooms()).extracting(RoomRecord::topic).containsExactlyInAnyOrderElementsOf(awkward);
        for (String text : awkward) {
            assertThat(store.roomAfter(asciiUpperCase(text), 0, 10).messages())
                    .containsExactly(new RoomMessage(text, 1, NOW, text, text, true));
            String conversation = Store.conversation("OWNER", text);
            assertThat(store.privateBefore(conversation, Long.MAX_VALUE, 10).messages())
                    .containsExactly(new PrivateMessage(conversation, 1, NOW, text, "owner", text));
        }
        assertThat(store.findAccount("owner")).isPresent();
        // Folding is ASCII only: other letters keep their case.
        assertThat(store.findAccount("ÜNÏCØDÉ 日本語 😀🎉")).isEmpty();
    }

    private static String asciiUpperCase(String s) {
        var upper = new StringBuilder();
        s.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c)));
        return upper.toString();
    }

    // Lasting

    @Test
    void everythingSurvivesCloseAndReopen() {
        Account alice = store.createAccount("Alice", "h").orElseThrow();
        Account bob = store.createAccount("bob", "h").orElseThrow();
        store.saveRoom(new RoomRecord("#Keep", alice.id(), "kept"));
        String ab = Store.conversation("alice", "bob");
        PrivateMessage queued = privateMessage(ab, 1, "alice", "bob");
        var entries = new ArrayList<Entry>(roomMessages("#Keep", 1, 5));
        entries.add(queued);
        entries.add(new Offline(bob.id(), ab, 1));
        store.append(entries);

        store.close();
        store = open();

        assertThat(store.findAccount("alice")).contains(alice);
        assertThat(store.rooms()).containsExactly(new RoomRecord("#Keep", alice.id(), "kept"));
        assertThat(store.lastRoomId("#keep")).isEqualTo(5);
        assertThat(store.roomAfter("#keep", 0, 10).messages()).isEqualTo(roomMessages("#Keep", 1, 5));
        assertThat(store.lastPrivateId(ab)).isEqualTo(1);
        assertThat(store.takeOffline(bob.id())).containsExactly(queued);
        assertThat(store.createAccount("ALICE", "again")).isEmpty();
        assertThat(store.createAccount("carol", "h")).get().extracting(Account::id)
                .isNotIn(alice.id(), bob.id());
    }
}
