package dev.berth.specs.network;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON kept as it was read, for the parts of a CNI configuration Berth does not interpret: every key of
 * an external plugin, and unknown keys of the built-in ones. Numbers keep their text, objects their key
 * order, so what an external plugin receives is what the user wrote.
 */
public sealed interface RawJson {
    /** An object, in document order. */
    record Obj(Map<String, RawJson> members) implements RawJson {
        public Obj {
            members = Immutable.map(members);
        }
    }

    /** An array. */
    record Arr(List<RawJson> elements) implements RawJson {
        public Arr {
            elements = Immutable.list(elements);
        }
    }

    /** A string. */
    record Str(String value) implements RawJson {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A number, as its literal text ({@code 1500}, {@code 0.5}, {@code 1e3}). */
    record Num(String text) implements RawJson {
        public Num {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements RawJson {}

    /** {@code null}. */
    record Null() implements RawJson {}
}
