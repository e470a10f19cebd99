package org.causerie.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON lines of many runs into the tables of docs/performance.md: for each case (a scenario
 * with its settings, named by {@code case}) and each server (its {@code label}), the raw figure of every
 * round, the median of each figure, and the ratios reference / server of the main figures, each
 * computed within one round (the same machine state for both) then taken as the median over rounds.
 */
final class Summary {
    /**
     * A figure of the table: its report key and heading, whether its per-round values are shown, and
     * whether the ratio reference / server is computed for it.
     */
    record Column(String key, String heading, boolean raw, boolean ratio) {
        Column(String key, String heading, boolean raw) {
            this(key, heading, raw, raw);
        }
    }

    private static final List<Column> TRAFFIC = List.of(
            new Column("delivered_per_s", "deliveries/s", true),
            new Column("latency_p50_ms", "p50 ms", false),
            new Column("latency_p99_ms", "p99 ms", false),
            new Column("latency_p999_ms", "p99.9 ms", false),
            new Column("latency_max_ms", "max ms", false),
            new Column("server_cpu_pct", "server CPU %", false),
            new Column("server_cpu_ns_per_delivery", "server ns/delivery", false, true),
            new Column("server_jit_cpu_pct", "of which JIT CPU %", false),
            new Column("bench_cpu_pct", "bench CPU %", false),
            new Column("others_cpu_pct", "others' CPU %", false));
    private static final List<Column> CONNECT = List.of(
            new Column("held", "held", false),
            new Column("connect_s", "connect s", true),
            new Column("rss_per_connection_bytes", "RSS B/conn", true, true),
            new Column("rss_settled_per_connection_bytes", "settled RSS B/conn", true, true),
            new Column("server_heap_per_connection_bytes", "heap B/conn", false),
            new Column("server_used_memory_per_connection_bytes", "used_memory B/conn", false));

    private Summary() {}

    static String render(List<Report> reports, String reference) {
        Map<String, Map<String, List<Report>>> cases = new LinkedHashMap<>();
        for (Report report : reports) {
            String name = report.text("case") != null ? report.text("case") : report.text("scenario");
            cases.computeIfAbsent(name, k -> new LinkedHashMap<>())
                    .computeIfAbsent(report.text("label"), k -> new ArrayList<>()).add(report);
        }
        var out = new StringBuilder();
        cases.forEach((name, servers) -> out.append(table(name, servers, reference)).append('\n'));
        return out.toString();
    }

    private static String table(String name, Map<String, List<Report>> servers, String reference) {
        Report any = servers.values().iterator().next().getFirst();
        List<Column> columns = "connect".equals(any.text("scenario")) ? CONNECT : TRAFFIC;
        var out = new StringBuilder("### ").append(name).append(" (").append(describe(any)).append(")\n\n");
        var head = new StringBuilder("| server | runs |");
        var rule = new StringBuilder("|---|---|");
        for (Column column : columns) {
            head.append(' ').append(column.raw() ? column.heading() + " per run | median " : "").append(column.heading())
                    .append(" |");
            rule.append(column.raw() ? "---|---|" : "---|");
        }
        List<Column> compared = columns.stream().filter(Column::ratio).toList();
        for (Column column : compared) {
            head.append(' ').append(reference).append(" / server, ").append(column.heading()).append(" |");
            rule.append("---|");
        }
        out.append(head).append('\n').append(rule).append('\n');
        List<Report> ours = servers.get(reference);
        servers.forEach((label, runs) -> {
            out.append("| ").append(label).append(" | ").append(runs.size()).append(failures(runs)).append(" |");
            for (Column column : columns) {
                double[] values = runs.stream().mapToDouble(r -> r.number(column.key())).toArray();
                if (column.raw()) {
                    out.append(' ').append(String.join(", ", Arrays.stream(values).mapToObj(Summary::format).toList()))
                            .append(" |");
                }
                out.append(' ').append(format(median(values))).append(" |");
            }
            for (Column column : compared) {
                out.append(' ').append(ours == null ? "" : ratios(ours, runs, column.key())).append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** The ratio of each round where both ran, then their median: "1.62 (1.58, 1.62, 1.70)". */
    private static String ratios(List<Report> ours, List<Report> theirs, String key) {
        var byRound = new LinkedHashMap<Object, Double>();
        for (Report report : theirs) {
            byRound.put(report.get("round"), report.number(key));
        }
        var ratios = new ArrayList<Double>();
        for (Report report : ours) {
            Double other = byRound.get(report.get("round"));
            if (other != null && other > 0 && !Double.isNaN(report.number(key))) {
                ratios.add(report.number(key) / other);
            }
        }
        if (ratios.isEmpty()) {
            return "";
        }
        double[] values = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "%.2f (%s)", median(values), String.join(", ",
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()));
    }

    private static String failures(List<Report> runs) {
        long failed = runs.stream().filter(r -> r.get("error") != null || r.number("missing") > 0
                || r.number("lost_connections") > 0 || r.number("misdirected") > 0).count();
        return failed == 0 ? "" : " (" + failed + " incomplete)";
    }

    private static String describe(Report report) {
        Set<String> parts = new LinkedHashSet<>();
        parts.add(report.text("scenario"));
        for (String[] figure : new String[][] {{"rooms", "rooms ", ""}, {"members", "members ", ""},
                {"senders", "senders ", ""}, {"size_bytes", "", " B"}, {"rate_per_s", "", " msg/s"},
                {"window", "window ", ""}, {"connections", "", " connections"}, {"warmup_s", "warm-up ", " s"},
                {"duration_s", "", " s measured"}}) {
            Object value = report.get(figure[0]);
            if (value != null && !(value instanceof Number n && n.doubleValue() == 0)) {
                parts.add(figure[1] + Report.format(value) + figure[2]);
            }
        }
        return String.join(", ", parts);
    }

    static double median(double[] values) {
        double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int mid = known.length / 2;
        return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : Report.format(value);
    }
}
