package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void aReportSurvivesItsJsonLineAndLeavesOutWhatWasNotMeasured() {
        var report = new Report().put("scenario", "fanout").put("delivered_per_s", 1234.5).put("sent", 42L)
                .put("latency_p50_ms", Double.NaN).put("lost_reason", null);
        String line = report.json();
        assertThat(line).doesNotContain("\n").doesNotContain("latency_p50_ms").doesNotContain("lost_reason");
        Report back = Report.parse(line);
        assertThat(back.text("scenario")).isEqualTo("fanout");
        assertThat(back.number("delivered_per_s")).isEqualTo(1234.5);
        assertThat(back.number("sent")).isEqualTo(42);
        assertThat(back.number("latency_p50_ms")).isNaN();
        assertThat(report.table()).contains("delivered_per_s  1,235").contains("sent             42");
    }

    @Test
    void theSummaryGivesEveryRoundTheMedianAndTheRatioWithinEachRound() {
        List<String> lines = List.of(
                run("causerie", 1, 3000), run("ngircd", 1, 1000),
                run("causerie", 2, 2000), run("ngircd", 2, 1000),
                run("causerie", 3, 3300), run("ngircd", 3, 3000),
                "not a report: a log line");
        String table = Bench.summary(lines, "causerie");
        assertThat(table).contains("### fanout-peak (fanout, members 1,000)");
        assertThat(table).contains("| causerie | 3 | 3,000, 2,000, 3,300 | 3,000 |");
        assertThat(table).contains("| ngircd | 3 | 1,000, 1,000, 3,000 | 1,000 |");
        // rounds: 3000/1000, 2000/1000, 3300/3000 = 3.00, 2.00, 1.10; their median is 2.00, not 3000/1000
        assertThat(table).contains("2.00 (3.00, 2.00, 1.10)");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndNaNsAreSkipped() {
        assertThat(Summary.median(new double[] {4, 1, Double.NaN, 3, 2})).isEqualTo(2.5);
        assertThat(Summary.median(new double[] {Double.NaN})).isNaN();
    }

    private static String run(String label, int round, double rate) {
        return new Report().put("scenario", "fanout").put("case", "fanout-peak").put("label", label).put("round", round)
                .put("members", 1000).put("delivered_per_s", rate).json();
    }
}
