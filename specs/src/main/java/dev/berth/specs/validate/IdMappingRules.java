package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;

import dev.berth.specs.IdMapping;
import java.util.List;
import java.util.function.ToLongFunction;

/** The kernel's rules for a uid_map or gid_map (user_namespaces(7)): sizes, overflow, overlaps, count. */
final class IdMappingRules {
    /** Lines a uid_map or gid_map may have since Linux 4.15. */
    static final int MAX_LINES = 340;
    private static final long ID_SPACE = 1L << 32;

    private IdMappingRules() {}

    static void check(String path, List<IdMapping> mappings, Violations out) {
        if (mappings.size() > MAX_LINES) {
            out.add(path, "at most " + MAX_LINES + " entries (the kernel's limit), got " + mappings.size());
        }
        for (int i = 0; i < mappings.size(); i++) {
            IdMapping m = mappings.get(i);
            String at = index(path, i);
            if (m.size() == 0) {
                out.add(field(at, "size"), "must be at least 1");
                continue;
            }
            if (m.containerId() + m.size() > ID_SPACE) {
                out.add(at, "containerID + size exceeds " + ID_SPACE);
            }
            if (m.hostId() + m.size() > ID_SPACE) {
                out.add(at, "hostID + size exceeds " + ID_SPACE);
            }
            for (int j = 0; j < i; j++) {
                IdMapping other = mappings.get(j);
                if (overlap(m, other, IdMapping::containerId)) {
                    out.add(at, "container ids " + range(m, IdMapping::containerId) + " overlap " + index(path, j));
                }
                if (overlap(m, other, IdMapping::hostId)) {
                    out.add(at, "host ids " + range(m, IdMapping::hostId) + " overlap " + index(path, j));
                }
            }
        }
    }

    /** Whether {@code id} falls in the container side of one of {@code mappings}. */
    static boolean maps(List<IdMapping> mappings, long id) {
        for (IdMapping m : mappings) {
            if (id >= m.containerId() && id < m.containerId() + m.size()) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlap(IdMapping a, IdMapping b, ToLongFunction<IdMapping> start) {
        if (b.size() == 0) {
            return false;
        }
        long a0 = start.applyAsLong(a);
        long b0 = start.applyAsLong(b);
        return a0 < b0 + b.size() && b0 < a0 + a.size();
    }

    private static String range(IdMapping m, ToLongFunction<IdMapping> start) {
        long first = start.applyAsLong(m);
        return first + "-" + (first + m.size() - 1);
    }
}
