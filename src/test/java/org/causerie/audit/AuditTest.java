package org.causerie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.causerie.net.CapturedLog;
import org.junit.jupiter.api.Test;

class AuditTest {

    @Test
    void oneLogfmtLinePerEventWithControlCharactersEscaped() {
        assertThat(Audit.line("login_failed", "nick", "bob", "reason", "bad password"))
                .isEqualTo("login_failed nick=bob reason=\"bad password\"");
        assertThat(Audit.line("nick", "nick", "evil\n\u001b[2Jx\"y"))
                .isEqualTo("nick nick=\"evil\\u000a\\u001b[2Jx\\\"y\"");
        assertThat(Audit.line("empty", "text", "")).isEqualTo("empty text=\"\"");
    }

    @Test
    void aStormFromOneAddressWritesASummaryNotALineEach() throws Exception {
        var clock = new AtomicLong();
        var audit = new Audit(clock::get);
        InetAddress storm = InetAddress.getByName("192.0.2.7");
        InetAddress quiet = InetAddress.getByName("198.51.100.1");
        try (var log = CapturedLog.of(Audit.LOGGER)) {
            for (int i = 0; i < 1_000; i++) {
                audit.limited(storm, "conn_open", "door", "line");
            }
            audit.limited(quiet, "conn_open", "door", "line");
            assertThat(log.messages()).filteredOn(m -> m.contains("address=192.0.2.7")).hasSize(Audit.PER_WINDOW);
            assertThat(log.messages()).filteredOn(m -> m.contains("address=198.51.100.1")).hasSize(1);

            clock.addAndGet(Audit.WINDOW.toNanos());
            audit.limited(storm, "conn_open", "door", "line");
            assertThat(log.messages()).contains("audit_suppressed address=192.0.2.7 events="
                    + (1_000 - Audit.PER_WINDOW) + " seconds=" + Audit.WINDOW.toSeconds());
            assertThat(log.messages().getLast()).isEqualTo("conn_open address=192.0.2.7 door=line");
        }
    }
}
