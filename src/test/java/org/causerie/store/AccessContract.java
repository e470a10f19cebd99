package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract on who may get in without a registration: server operators (their credentials set by
 * whoever runs the server) and session tokens (kept as hashes, with an expiry). Run through
 * {@link StoreContract}, on every backend.
 */
interface AccessContract {

    Store store();

    @Test
    default void anOperatorIsMadeWithItsOwnPasswordAndCanBeUnmade() {
        Store store = store();
        assertThat(store.operators()).isEmpty();
        Account root = store.setOperator("Root", "hash-root");
        assertThat(store.findAccount("root")).contains(root);
        assertThat(root.passwordHash()).isEqualTo("hash-root");
        store.createAccount("alice", "h").orElseThrow();
        assertThat(store.operators()).containsExactly("Root");

        assertThat(store.removeOperator("ROOT")).isTrue();
        assertThat(store.removeOperator("root")).isFalse();
        assertThat(store.removeOperator("alice")).isFalse();
        assertThat(store.operators()).isEmpty();
        assertThat(store.findAccount("root")).contains(root); // the account stays
    }

    @Test
    default void makingASquattedAccountAnOperatorReplacesItsPasswordAndRevokesItsTokens() {
        Store store = store();
        Account squatter = store.createAccount("admin", "squatter-hash").orElseThrow();
        store.saveToken("squatter-token", squatter.id(), Instant.now().plus(Duration.ofDays(1)));

        Account admin = store.setOperator("ADMIN", "operator-hash");
        assertThat(admin.id()).isEqualTo(squatter.id());
        assertThat(admin.nick()).isEqualTo("admin"); // the first spelling stays
        assertThat(store.findAccount("admin").orElseThrow().passwordHash()).isEqualTo("operator-hash");
        assertThat(store.findToken("squatter-token", Instant.now())).isEmpty();
        assertThat(store.operators()).containsExactly("admin");
    }

    @Test
    default void aTokenFindsItsAccountUntilItExpiresOrIsRevoked() {
        Store store = store();
        Account alice = store.createAccount("alice", "h").orElseThrow();
        Account bob = store.createAccount("bob", "h").orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(Duration.ofDays(30));
        store.saveToken("a1", alice.id(), expires);
        store.saveToken("a2", alice.id(), expires);
        store.saveToken("b1", bob.id(), expires);

        assertThat(store.findToken("a1", now)).contains(alice);
        assertThat(store.findToken("b1", now)).contains(bob);
        assertThat(store.findToken("A1", now)).isEmpty(); // a hash is compared exactly
        assertThat(store.findToken("a1", expires.minusMillis(1))).contains(alice);
        assertThat(store.findToken("a1", expires)).isEmpty();
        assertThat(store.findToken("nothing", now)).isEmpty();

        assertThat(store.deleteToken("a1")).isTrue();
        assertThat(store.deleteToken("a1")).isFalse();
        assertThat(store.findToken("a1", now)).isEmpty();
        assertThat(store.findToken("a2", now)).contains(alice);

        assertThat(store.deleteTokens(alice.id())).isEqualTo(1);
        assertThat(store.findToken("a2", now)).isEmpty();
        assertThat(store.findToken("b1", now)).contains(bob);
    }

    @Test
    default void expiredTokensAreSweptWhenAnotherIsSaved() {
        Store store = store();
        Account alice = store.createAccount("alice", "h").orElseThrow();
        store.saveToken("old", alice.id(), Instant.now().minusSeconds(1));
        store.saveToken("new", alice.id(), Instant.now().plus(Duration.ofDays(1)));
        assertThat(store.deleteToken("old")).as("swept already").isFalse();
        assertThat(store.deleteTokens(alice.id())).isEqualTo(1);
    }

    @Test
    default void aTokenIsForAnExistingAccountAndOnce() {
        Store store = store();
        Account alice = store.createAccount("alice", "h").orElseThrow();
        Instant later = Instant.now().plus(Duration.ofDays(1));
        store.saveToken("t", alice.id(), later);
        assertThatThrownBy(() -> store.saveToken("t", alice.id(), later)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.saveToken("u", alice.id() + 1000, later)).isInstanceOf(StoreException.class);
    }
}
