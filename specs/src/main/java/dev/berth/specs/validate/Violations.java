package dev.berth.specs.validate;

import dev.berth.specs.internal.JsonPath;
import dev.berth.specs.internal.Syntax;
import java.util.ArrayList;
import java.util.List;

/** Collects what the checks find, in the order they find it. */
final class Violations {
    private final List<Violation> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new Violation(path, message));
    }

    List<Violation> list() {
        return List.copyOf(found);
    }

    static String field(String parent, String name) {
        return JsonPath.field(parent, name);
    }

    static String index(String parent, int i) {
        return JsonPath.index(parent, i);
    }

    static String quote(String s) {
        return JsonPath.quote(s);
    }

    /** Reports a string that the kernel would truncate at its NUL byte. */
    boolean nul(String path, String value) {
        if (value != null && Syntax.hasNul(value)) {
            add(path, "contains a NUL byte");
            return true;
        }
        return false;
    }

    /** Checks every entry of an argv-like list for NUL bytes. */
    void nuls(String path, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            nul(index(path, i), values.get(i));
        }
    }

    /** Checks every entry of an environment list for the {@code NAME=value} form. */
    void env(String path, List<String> env) {
        for (int i = 0; i < env.size(); i++) {
            String entry = env.get(i);
            if (!nul(index(path, i), entry) && !Syntax.isEnvEntry(entry)) {
                add(index(path, i), quote(entry) + " is not of the form NAME=value");
            }
        }
    }

    /** Checks that a path is absolute (and free of NUL bytes), with the wording the spec uses. */
    void absolute(String path, String value) {
        if (!nul(path, value) && !Syntax.isAbsolute(value)) {
            add(path, "must be an absolute path");
        }
    }
}
