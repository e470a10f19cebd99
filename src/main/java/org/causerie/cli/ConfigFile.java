package org.causerie.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.causerie.cli.Settings.ConfigException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's configuration file, in TOML: one top-level key per option ({@code port = 7777},
 * {@code tls-cert = "/etc/…/fullchain.pem"}, {@code oper = ["alice", "bob"]}, {@code no-limits = true}).
 * Read with tomlj, which keeps the line of every key, so that a key the server does not know, or a value
 * of the wrong kind, is refused with its name and line rather than ignored.
 */
final class ConfigFile {

    /** The values of one key and where they were written ({@code causerie.toml:12}). */
    record Value(String where, List<Object> values) {}

    private ConfigFile() {}

    static Map<String, Value> read(Path file, Map<String, OptionSpec> keyed) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("no configuration file " + file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().getFirst();
            throw new ConfigException(file + ":" + error.position().line() + ": " + error.getMessage());
        }
        var values = new LinkedHashMap<String, Value>();
        for (String key : toml.keySet()) {
            String where = file + ":" + toml.inputPositionOf(List.of(key)).line();
            OptionSpec option = keyed.get(key);
            if (option == null) {
                throw new ConfigException(where + ": unknown key \"" + key + "\" (every key is an option of"
                        + " `causerie server --help` without its dashes; `--print-config` lists them)");
            }
            values.put(key, new Value(where, values(where, key, option, toml.get(List.of(key)))));
        }
        return values;
    }

    private static List<Object> values(String where, String key, OptionSpec option, Object value) {
        if (value instanceof TomlTable) {
            throw new ConfigException(where + ": " + key + " is a single value, not a table");
        }
        if (value instanceof TomlArray array) {
            if (!option.isMultiValue()) {
                throw new ConfigException(where + ": " + key + " takes one value, not a list");
            }
            var list = new ArrayList<Object>();
            for (int i = 0; i < array.size(); i++) {
                list.add(scalar(where, key, option, array.get(i)));
            }
            return list;
        }
        return List.of(scalar(where, key, option, value));
    }

    private static Object scalar(String where, String key, OptionSpec option, Object value) {
        if (isFlag(option) != value instanceof Boolean) {
            throw new ConfigException(where + ": " + key + (isFlag(option) ? " is true or false, not " + value
                    : " takes a value (" + option.paramLabel() + "), not " + value));
        }
        if (value instanceof TomlArray || value instanceof TomlTable) {
            throw new ConfigException(where + ": " + key + " holds plain values, not nested lists or tables");
        }
        return value;
    }

    /** An option that takes no value: true in the file means the flag is given. */
    static boolean isFlag(OptionSpec option) {
        return option.arity().max() == 0;
    }

    /** The flags that say what {@code values} say, for picocli to parse as if typed. */
    static List<String> flags(OptionSpec option, List<Object> values) {
        var args = new ArrayList<String>();
        for (Object value : values) {
            if (isFlag(option)) {
                if ((Boolean) value) {
                    args.add(option.longestName());
                }
            } else {
                args.add(option.longestName() + "=" + value); // attached: a value starting with '-' stays a value
            }
        }
        return args;
    }
}
