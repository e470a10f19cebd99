package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connection count the descriptor limit leaves room for, with a reserve to refuse politely. */
class DescriptorsTest {
    @Test
    void theDefaultFitsBelowTheOpenFilesLimitWithAReserve() {
        // ulimit -n 1024, 60 open at start: 1024 - 60 - 102 (10 %) leaves 862 connections.
        assertThat(Descriptors.fit(20_000, 1024, 60)).isEqualTo(862);
        // A small limit keeps the minimum reserve of 64.
        assertThat(Descriptors.fit(20_000, 256, 60)).isEqualTo(132);
        // A large limit keeps at most 512 in reserve: 20,000 open files hold 19,000 connections.
        assertThat(Descriptors.fit(20_000, 20_000, 14)).isEqualTo(20_000 - 14 - 512);
        assertThat(Descriptors.fit(19_000, 20_000, 14)).isEqualTo(19_000);
        assertThat(Descriptors.fit(20_000, 5_120, 60)).isEqualTo(5_120 - 60 - 512);
        assertThat(Descriptors.fit(20_000, 5_000, 60)).isEqualTo(5_000 - 60 - 500);
        // A generous limit lets the asked number through.
        assertThat(Descriptors.fit(20_000, 1_048_576, 60)).isEqualTo(20_000);
        // Unknown (not Unix): as asked.
        assertThat(Descriptors.fit(20_000, -1, -1)).isEqualTo(20_000);
        // Never below one.
        assertThat(Descriptors.fit(20_000, 64, 60)).isEqualTo(1);
    }
}
