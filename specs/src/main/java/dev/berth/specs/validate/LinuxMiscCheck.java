package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Linux;
import dev.berth.specs.Linux.IntelRdt;
import dev.berth.specs.Linux.MemoryPolicy;
import dev.berth.specs.Linux.Personality;
import dev.berth.specs.Spec;
import java.util.List;
import java.util.Set;

/**
 * config-linux.md "Rootfs Mount Propagation", "Masked Paths", "Readonly Paths", "Cgroups Path",
 * "Personality", "Memory policy", "IntelRdt", and {@code linux.resources} through {@link ResourcesCheck}.
 */
final class LinuxMiscCheck implements Check {
    private static final Set<String> NODES_FORBIDDEN = Set.of("MPOL_DEFAULT", "MPOL_LOCAL");
    private static final Set<String> NODES_REQUIRED =
            Set.of("MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED_MANY");

    @Override
    public void check(Spec spec, Violations out) {
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        if (linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()
                && !KnownNames.ROOTFS_PROPAGATIONS.contains(linux.rootfsPropagation())) {
            out.add("linux.rootfsPropagation", "unknown propagation " + quote(linux.rootfsPropagation())
                    + " (expected private, shared, slave or unbindable)");
        }
        boolean mountNamespace = linux.namespace("mount") != null;
        paths("linux.maskedPaths", linux.maskedPaths(), mountNamespace, out);
        paths("linux.readonlyPaths", linux.readonlyPaths(), mountNamespace, out);
        if (linux.cgroupsPath() != null) {
            for (String part : linux.cgroupsPath().split("/")) {
                if (part.equals("..")) {
                    out.add("linux.cgroupsPath", "must not contain \"..\"");
                    break;
                }
            }
            out.nul("linux.cgroupsPath", linux.cgroupsPath());
        }
        if (linux.resources() != null) {
            ResourcesCheck.check(linux.resources(), "linux.resources", out);
        }
        if (linux.personality() != null) {
            personality(linux.personality(), out);
        }
        if (linux.memoryPolicy() != null) {
            memoryPolicy(linux.memoryPolicy(), out);
        }
        if (linux.intelRdt() != null) {
            intelRdt(linux.intelRdt(), out);
        }
    }

    private static void paths(String path, List<String> paths, boolean mountNamespace, Violations out) {
        for (int i = 0; i < paths.size(); i++) {
            out.absolute(index(path, i), paths.get(i));
        }
        if (!paths.isEmpty() && !mountNamespace) {
            out.add(path, "requires a mount namespace");
        }
    }

    private static void personality(Personality p, Violations out) {
        if (p.domain() == null) {
            out.add("linux.personality.domain", "required");
        } else if (!KnownNames.PERSONALITY_DOMAINS.contains(p.domain())) {
            out.add("linux.personality.domain", "unknown personality domain " + quote(p.domain()) + " (expected LINUX or LINUX32)");
        }
        for (int i = 0; i < p.flags().size(); i++) {
            out.add(index("linux.personality.flags", i), "unknown personality flag " + quote(p.flags().get(i)) + " (the spec defines none)");
        }
    }

    private static void memoryPolicy(MemoryPolicy m, Violations out) {
        String path = "linux.memoryPolicy";
        boolean nodes = m.nodes() != null && !m.nodes().isBlank();
        if (m.mode() == null) {
            out.add(field(path, "mode"), "required");
        } else if (!KnownNames.MEMORY_POLICY_MODES.contains(m.mode())) {
            out.add(field(path, "mode"), "unknown memory policy mode " + quote(m.mode()));
        } else if (nodes && NODES_FORBIDDEN.contains(m.mode())) {
            out.add(field(path, "nodes"), m.mode() + " takes no nodes");
        } else if (!nodes && NODES_REQUIRED.contains(m.mode())) {
            out.add(field(path, "nodes"), "required for " + m.mode());
        }
        ProcessCheck.cpuList(field(path, "nodes"), m.nodes(), out);
        for (int i = 0; i < m.flags().size(); i++) {
            if (!KnownNames.MEMORY_POLICY_FLAGS.contains(m.flags().get(i))) {
                out.add(index(field(path, "flags"), i), "unknown memory policy flag " + quote(m.flags().get(i)));
            }
        }
        if (m.flags().contains("MPOL_F_STATIC_NODES") && m.flags().contains("MPOL_F_RELATIVE_NODES")) {
            out.add(field(path, "flags"), "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other");
        }
    }

    private static void intelRdt(IntelRdt r, Violations out) {
        String path = "linux.intelRdt";
        String clos = r.closId();
        // "/" alone is the spec's name for the default class of service
        if (clos != null && !clos.equals("/") && (clos.equals(".") || clos.equals("..") || clos.contains("/"))) {
            out.add(field(path, "closID"), quote(clos) + " is not a resctrl group name");
        }
        if (r.memBwSchema() != null && !r.memBwSchema().isEmpty()
                && (!r.memBwSchema().startsWith("MB:") || r.memBwSchema().contains("\n"))) {
            out.add(field(path, "memBwSchema"), "must start with \"MB:\" and be one line");
        }
        if (r.l3CacheSchema() != null && r.l3CacheSchema().contains("\n")) {
            out.add(field(path, "l3CacheSchema"), "must be one line");
        }
        for (int i = 0; i < r.schemata().size(); i++) {
            if (r.schemata().get(i).contains("\n")) {
                out.add(index(field(path, "schemata"), i), "must be one line");
            }
        }
    }
}
