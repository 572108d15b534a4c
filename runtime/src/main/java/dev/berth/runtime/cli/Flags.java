package dev.berth.runtime.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verb's arguments parsed the way runc's (urfave/cli) are: {@code --name value}, {@code --name=value},
 * {@code -n value} and boolean flags, then positional arguments (everything from the first one on).
 */
final class Flags {
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param withValue the options that take a value (long and short names)
     * @param booleans the options that do not
     */
    Flags(String verb, String[] args, Set<String> withValue, Set<String> booleans) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!positional.isEmpty()) {
                // As urfave/cli: options end at the first positional argument (exec's command has its own).
                positional.add(a);
                continue;
            }
            if (a.startsWith("-") && a.length() > 1) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                name = name.replaceFirst("^--?", "");
                if (withValue.contains(name)) {
                    if (value == null) {
                        value = Args.value(args, i++, a);
                    }
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else if (booleans.contains(name)) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
                } else {
                    throw new Args.UsageException(verb + ": unknown option " + a);
                }
            } else {
                positional.add(a);
            }
        }
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    String get(String name, String alias) {
        String v = get(name);
        return v != null ? v : get(alias);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        String v = get(name);
        return v != null && !v.equals("false");
    }

    List<String> positional() {
        return positional;
    }

    /** The container id: the first positional argument, required. */
    String id(String verb) {
        if (positional.isEmpty()) {
            throw new Args.UsageException(verb + ": the container id is missing");
        }
        return positional.get(0);
    }
}
