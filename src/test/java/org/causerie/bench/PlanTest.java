package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void fanoutPutsEveryoneInOneRoomAndTheLastMemberPacesTheSenders() {
        Plan plan = Plan.fanout(5, 2);
        assertThat(plan.scenario()).isEqualTo("fanout");
        assertThat(plan.room()).containsOnly("#bench");
        assertThat(plan.senders()).containsExactly(0, 1);
        assertThat(plan.probe()).containsExactly(4, 4, -1, -1, -1);
        assertThat(plan.recipients()).isEqualTo(4);
    }

    @Test
    void whenEveryoneSendsTheLastMemberIsPacedByTheOneBefore() {
        Plan plan = Plan.rooms(2, 3, 3);
        assertThat(plan.room()).containsExactly("#r0", "#r0", "#r0", "#r1", "#r1", "#r1");
        assertThat(plan.probe()).containsExactly(2, 2, 1, 5, 5, 4);
        assertThat(plan.recipients()).isEqualTo(2);
    }

    @Test
    void pairsWriteToEachOther() {
        Plan plan = Plan.pairs(2);
        assertThat(plan.partner()).containsExactly(1, 0, 3, 2);
        assertThat(plan.probe()).containsExactly(1, 0, 3, 2);
        assertThat(plan.senders()).containsExactly(0, 1, 2, 3);
        assertThat(plan.room()).containsOnlyNulls();
        assertThat(plan.recipients()).isEqualTo(1);
    }
}
