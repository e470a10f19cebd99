package org.causerie.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run, in the order they were put: printed as a table for a person, or as one JSON
 * object on one line for scripts ({@code bench/compare} collects those, {@code causerie bench summary}
 * reads them back). Keys are snake_case and carry their unit ({@code _per_s}, {@code _ms},
 * {@code _bytes}); a figure that could not be measured is absent, never zero.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Sets {@code key}; a null or NaN value leaves the figure out. */
    Report put(String key, Object value) {
        if (value == null || (value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            fields.remove(key);
        } else {
            fields.put(key, value);
        }
        return this;
    }

    Object get(String key) {
        return fields.get(key);
    }

    /** The figure {@code key} as a number, or NaN when it is absent or not a number. */
    public double number(String key) {
        return fields.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public String text(String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** One line of JSON, without its line ending. */
    public String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report holds only strings and numbers", e);
        }
    }

    /** Reads a line {@link #json} wrote; throws IllegalArgumentException if it is no JSON object. */
    @SuppressWarnings("unchecked")
    public static Report parse(String line) {
        Map<String, Object> read;
        try {
            read = JSON.readValue(line, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a bench report: " + e.getOriginalMessage(), e);
        }
        var report = new Report();
        read.forEach(report::put);
        return report;
    }

    /** Two columns, figure and value, numbers with thousands separators. */
    public String table() {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        var out = new StringBuilder();
        fields.forEach((key, value) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", key,
                format(value))));
        return out.toString();
    }

    static String format(Object value) {
        return switch (value) {
            case Double d when Math.abs(d) >= 1000 -> String.format(Locale.ROOT, "%,.0f", d);
            case Double d when Math.abs(d) >= 10 -> String.format(Locale.ROOT, "%.1f", d);
            case Double d -> String.format(Locale.ROOT, "%.3g", d);
            case Float f -> format(f.doubleValue());
            case Long l -> String.format(Locale.ROOT, "%,d", l);
            case Integer i -> String.format(Locale.ROOT, "%,d", i);
            default -> String.valueOf(value);
        };
    }
}
