package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.IdMapping;
import dev.berth.specs.Linux;
import dev.berth.specs.Linux.Namespace;
import dev.berth.specs.Linux.TimeOffset;
import dev.berth.specs.Process;
import dev.berth.specs.Spec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * config-linux.md "Namespaces", "User namespace mappings", "Offset for Time Namespace"; runc's rules
 * that tie mappings and offsets to their namespace.
 */
final class NamespaceCheck implements Check {
    @Override
    public void check(Spec spec, Violations out) {
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < linux.namespaces().size(); i++) {
            Namespace ns = linux.namespaces().get(i);
            String at = index("linux.namespaces", i);
            if (!KnownNames.NAMESPACES.contains(ns.type())) {
                out.add(field(at, "type"), "unknown namespace type " + quote(ns.type()));
            } else if (!seen.add(ns.type())) {
                out.add(field(at, "type"), "duplicate namespace " + quote(KnownNames.NAMESPACE_SHORT_NAMES.get(ns.type())));
            }
            if (ns.path() != null && !ns.path().isEmpty()) {
                out.absolute(field(at, "path"), ns.path());
            }
        }
        mappings(spec, linux, out);
        timeOffsets(linux, out);
    }

    private static boolean creates(Namespace ns) {
        return ns != null && (ns.path() == null || ns.path().isEmpty());
    }

    private static void mappings(Spec spec, Linux linux, Violations out) {
        Namespace user = linux.namespace("user");
        IdMappingRules.check("linux.uidMappings", linux.uidMappings(), out);
        IdMappingRules.check("linux.gidMappings", linux.gidMappings(), out);
        if (user == null) {
            if (!linux.uidMappings().isEmpty()) {
                out.add("linux.uidMappings", "requires a user namespace");
            }
            if (!linux.gidMappings().isEmpty()) {
                out.add("linux.gidMappings", "requires a user namespace");
            }
            return;
        }
        if (!creates(user)) {
            return;
        }
        // a new user namespace without maps cannot run anything as any id (runc refuses it as well)
        if (linux.uidMappings().isEmpty()) {
            out.add("linux.uidMappings", "required for a new user namespace");
        }
        if (linux.gidMappings().isEmpty()) {
            out.add("linux.gidMappings", "required for a new user namespace");
        }
        Process p = spec.process();
        if (p == null) {
            return;
        }
        unmapped("process.user.uid", p.user().uid(), linux.uidMappings(), "linux.uidMappings", out);
        unmapped("process.user.gid", p.user().gid(), linux.gidMappings(), "linux.gidMappings", out);
        List<Long> groups = p.user().additionalGids();
        for (int i = 0; i < groups.size(); i++) {
            unmapped(index("process.user.additionalGids", i), groups.get(i), linux.gidMappings(), "linux.gidMappings", out);
        }
    }

    private static void unmapped(String path, long id, List<IdMapping> mappings, String mappingsPath, Violations out) {
        if (!mappings.isEmpty() && !IdMappingRules.maps(mappings, id)) {
            out.add(path, id + " is not mapped in " + mappingsPath);
        }
    }

    private static void timeOffsets(Linux linux, Violations out) {
        Map<String, TimeOffset> offsets = linux.timeOffsets();
        if (offsets.isEmpty()) {
            return;
        }
        Namespace time = linux.namespace("time");
        if (time == null) {
            out.add("linux.timeOffsets", "requires a time namespace");
        } else if (!creates(time)) {
            out.add("linux.timeOffsets", "can only be set for a new time namespace, not one joined by path");
        }
        for (Map.Entry<String, TimeOffset> e : offsets.entrySet()) {
            String at = field("linux.timeOffsets", e.getKey());
            if (!KnownNames.TIME_NAMESPACE_CLOCKS.contains(e.getKey())) {
                out.add(at, "unknown clock " + quote(e.getKey()) + " (expected monotonic or boottime)");
            }
            if (e.getValue().nanosecs() >= 1_000_000_000L) {
                out.add(field(at, "nanosecs"), "must be less than 1000000000, got " + e.getValue().nanosecs());
            }
        }
    }
}
