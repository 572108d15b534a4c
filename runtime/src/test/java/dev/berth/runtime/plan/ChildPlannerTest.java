package dev.berth.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.config.ContainerConfig;
import dev.berth.runtime.config.SpecConverter;
import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Hook;
import dev.berth.specs.Hooks;
import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The container init's plan without root: rendered plans of a few specs against golden files
 * ({@code src/test/resources/plan/*.txt}; run with {@code -Dberth.golden.update=true} to rewrite them after
 * a deliberate change, and read the diff), and how single spec fields change the plan.
 */
class ChildPlannerTest {
    private static final Path GOLDEN = Path.of("src/test/resources/plan");
    /** In a fixed order: Map.of's iteration order changes from one JVM to the next, and the plan follows it. */
    private static final ChildContext.CgroupMounts HYBRID = new ChildContext.CgroupMounts(false,
            new java.util.TreeMap<>(Map.of("cpu", new String[] {"cpu", null}, "memory", new String[] {"memory", null})),
            true, null);

    static ChildContext context(boolean fifo) {
        return new ChildContext(20, -1, -1, 23, fifo ? "/run/berth/test/exec.fifo" : null, -1, -1, Map.of(), 0, false,
                40,
                List.of("/proc/acpi", "/sys/firmware"), HYBRID, Set.of(), List.of("/usr/bin/sh", "/bin/sh"), false,
                true, true, -1, -1);
    }

    static ContainerConfig config(Spec spec) throws Exception {
        return SpecConverter.convert("test", Path.of("/bundles/test"), spec);
    }

    /** The plan rendered, with the environment-dependent resets of ignored signals left out. */
    static String render(ContainerConfig c, ChildContext x) {
        return ChildPlanner.plan(c, x).render().replaceAll("(?m)^ *\\d+ rt_sigaction\\(.*\\n", "")
                .replaceAll("(?m)^ *\\d+ ", "");
    }

    private static void golden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("berth.golden.update") || !Files.exists(file)) {
            Files.writeString(file, actual);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "plan differs from " + file);
    }

    @Test
    void defaultSpecMatchesGolden() throws Exception {
        golden("runc-default", render(config(DefaultSpecs.runcLike()), context(true)));
    }

    @Test
    void rootlessSpecMatchesGolden() throws Exception {
        golden("rootless", render(config(DefaultSpecs.rootless(1000, 1000)), context(true)));
    }

    @Test
    void sandboxSpecMatchesGolden() throws Exception {
        golden("sandbox", render(config(DefaultSpecs.sandbox()), context(false)));
    }

    @Test
    void everyMountIsReachedThroughTheRootWithResolveInRoot() throws Exception {
        String plan = render(config(DefaultSpecs.runcLike()), context(true));
        for (String line : plan.lines().toList()) {
            if (line.startsWith("mount(")) {
                // only the two propagation/bind mounts of the root itself use paths
                assertTrue(line.contains("\"/\"") || line.contains("/bundles/test/rootfs"), line);
            }
            if (line.startsWith("move_mount(")) {
                assertTrue(line.contains("MOVE_MOUNT_T_EMPTY_PATH"), "onto an fd, not a path: " + line);
            }
            if (line.startsWith("openat2($0")) {
                assertTrue(line.contains("RESOLVE_IN_ROOT"), line);
            }
        }
    }

    @Test
    void specFieldsShowUpWhereTheSpecSays() throws Exception {
        Spec base = DefaultSpecs.runcLike();
        String plain = render(config(base), context(true));
        assertTrue(plain.contains("sethostname(\"berth\", 5)  # hostname"));
        assertTrue(plain.contains("mount_setattr(AT_FDCWD, \"/\", 0, {attr_set=MOUNT_ATTR_RDONLY"),
                "runc's default spec has a read-only root");
        Spec rw = base.withRoot(new dev.berth.specs.Root("rootfs", false));
        assertFalse(render(config(rw), context(true)).contains("mount_setattr(AT_FDCWD, \"/\""));

        Spec hooked = base.withHooks(new Hooks(List.of(new Hook("/bin/true", List.of(), List.of(), null)), List.of(),
                List.of(), List.of(), List.of(), List.of()));
        String h = ChildPlanner.plan(config(hooked), new ChildContext(20, 21, 22, 23, "/run/berth/test/exec.fifo", -1,
                -1, Map.of(), 0, false, 40, List.of(), HYBRID, Set.of(), List.of("/bin/sh"), false, true, true, -1, -1)).render();
        assertTrue(h.indexOf("sync: mounts done") < h.indexOf("pivot_root(\".\""), "hooks run before pivot_root");

        List<Mount> mounts = new ArrayList<>(base.mounts());
        mounts.add(new Mount("/data", "bind", "/srv/data", List.of("rbind", "ro", "nodev")));
        String bound = render(config(base.withMounts(mounts)), context(true));
        assertTrue(bound.contains("open_tree(AT_FDCWD, \"/srv/data\", OPEN_TREE_CLONE|AT_RECURSIVE|OPEN_TREE_CLOEXEC)"));
        assertTrue(bound.contains("{attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_NODEV"));

        Spec joined = base.withLinux(base.linux().withNamespaces(List.of(new Linux.Namespace("network", "/run/netns/x"),
                new Linux.Namespace("mount", null), new Linux.Namespace("pid", null))));
        String j = ChildPlanner.plan(config(joined), new ChildContext(20, -1, -1, 23, null, -1, -1, Map.of("network", 7), 0,
                false, 40, List.of(), HYBRID, Set.of(), List.of("/bin/sh"), false, true, true, -1, -1)).render();
        assertTrue(j.contains("setns(7, CLONE_NEWNET)  # linux.namespaces: join network /run/netns/x"));
        assertFalse(j.contains("SIOCSIFFLAGS"), "a joined network namespace is left as it is");
        assertTrue(j.contains("CLONE_NEWNS|CLONE_NEWPID"));
    }

    /** Made at clone, a v1 host's cgroup namespace would be rooted at Berth's cgroup, not the container's. */
    @Test
    void aNewCgroupNamespaceIsMadeOnceTheParentHasPlacedTheInit() throws Exception {
        var plan = ChildPlanner.plan(config(DefaultSpecs.runcLike()), context(true));
        String text = plan.render();
        String flags = dev.berth.syscall.Clone.format(plan.allCloneFlags());
        assertFalse(flags.contains("CLONE_NEWCGROUP"), text);
        assertTrue(flags.contains("CLONE_NEWPID"), text);
        int sync = text.indexOf("sync: wait for id maps, cgroups and network");
        int unshare = text.indexOf("unshare(CLONE_NEWCGROUP)");
        assertTrue(sync >= 0 && unshare > sync, text);
        assertTrue(unshare < text.indexOf("mount("), "before the cgroup mounts: " + text);
    }

    @Test
    void preservedFdsReachThePayloadAndNoOthers() throws Exception {
        String plan = ChildPlanner.plan(config(DefaultSpecs.runcLike()), new ChildContext(20, -1, -1, 23,
                "/run/berth/test/exec.fifo", -1, -1, Map.of(), 2, false, 40, List.of(), HYBRID, Set.of(),
                List.of("/bin/sh"), false, true, true, -1, -1)).render();
        assertTrue(plan.contains("except [3, 4, 20, 23]"), "the child keeps the caller's fds 3 and 4:\n" + plan);
        assertTrue(plan.contains("dup3($") && plan.contains(", 3, 0)  # inherit fd 3 as 3"), plan);
        assertTrue(plan.contains(", 4, 0)  # inherit fd 4 as 4"), plan);
        assertFalse(plan.contains("as 5"), plan);
    }

    @Test
    void capabilitiesDropEverythingOutsideTheBoundingSet() throws Exception {
        String plan = render(config(DefaultSpecs.runcLike()), context(true));
        long drops = plan.lines().filter(l -> l.startsWith("prctl(PR_CAPBSET_DROP")).count();
        assertEquals(41 - config(DefaultSpecs.runcLike()).process().bounding() == 0 ? 41
                : 41 - Long.bitCount(config(DefaultSpecs.runcLike()).process().bounding()), drops);
        assertTrue(plan.indexOf("PR_CAPBSET_DROP") < plan.indexOf("setresuid(0, 0, 0)  # process.user.uid"));
        assertTrue(plan.indexOf("capset(") < plan.indexOf("execveat("), "before the payload's exec (through the shim)");
    }
}
