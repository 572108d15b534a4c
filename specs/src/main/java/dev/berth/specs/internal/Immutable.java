package dev.berth.specs.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the model records: absent collections become empty, maps keep their order. */
public final class Immutable {
    private Immutable() {}

    public static <T> List<T> list(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : List.copyOf(list);
    }

    /** An unmodifiable copy in the same iteration order (annotations, sysctls and the like are ordered). */
    public static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>(map);
        for (Map.Entry<String, V> e : copy.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new NullPointerException("null key or value in map");
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
