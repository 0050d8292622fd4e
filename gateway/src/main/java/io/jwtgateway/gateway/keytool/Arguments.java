package io.jwtgateway.gateway.keytool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A subcommand's arguments: positional ones in order, and {@code --name value} (or {@code --name=value}) options. */
record Arguments(List<String> positional, Map<String, String> options) {

    Arguments {
        positional = List.copyOf(positional);
        options = Map.copyOf(options);
    }

    /** Parses {@code args}, refusing options not in {@code known}, options without a value and repeated options. */
    static Arguments parse(List<String> args, Set<String> known) throws Misuse {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!known.contains(name)) {
                throw new Misuse("unknown option --" + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new Misuse("--" + name + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new Misuse("--" + name + " is given twice");
            }
        }
        return new Arguments(positional, options);
    }

    @Nullable String option(String name) {
        return options.get(name);
    }

    /** The option's value, refusing its absence. */
    String required(String name) throws Misuse {
        String value = options.get(name);
        if (value == null) {
            throw new Misuse("--" + name + " is required");
        }
        return value;
    }

    /** The positional arguments, refusing any count but {@code count}. */
    List<String> positional(int count, String expected) throws Misuse {
        if (positional.size() != count) {
            throw new Misuse(count == 0 ? "unexpected argument " + positional.get(0) : "expected " + expected);
        }
        return positional;
    }
}
