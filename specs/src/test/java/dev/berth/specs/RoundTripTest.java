package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** read, write, read gives an equal record, and writing is stable, for every document at hand. */
class RoundTripTest {
    static Spec roundTrip(Spec spec) throws SpecException {
        byte[] written = SpecWriter.toBytes(spec);
        Spec again = SpecReader.readConfig(written, "written.json");
        assertEquals(spec, again);
        assertArrayEquals(written, SpecWriter.toBytes(again), "writing is not stable");
        return again;
    }

    private static List<Path> configs() {
        List<Path> files = new ArrayList<>(Fixtures.files("config/good"));
        Path shared = SharedData.root();
        if (shared != null) {
            files.addAll(SharedData.jsonFiles(shared.resolve("oci-runtime-spec/schema/test/config/good")));
            files.addAll(SharedData.jsonFiles(shared.resolve("client-configs")).stream()
                    .filter(p -> p.getFileName().toString().endsWith("-config.json")).toList());
        }
        return files;
    }

    @TestFactory
    Stream<DynamicTest> configsSurviveARoundTrip() {
        return configs().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> roundTrip(SpecReader.readConfig(file, "config.json"))));
    }

    @TestFactory
    Stream<DynamicTest> processesAndResourcesSurviveARoundTrip() {
        Path shared = SharedData.require("client-configs");
        return SharedData.jsonFiles(shared).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            if (name.endsWith("-exec-process.json")) {
                Process p = SpecReader.readProcess(file, name);
                assertEquals(p, SpecReader.readProcess(SpecWriter.toBytes(p), name));
            } else if (name.endsWith("-update-resources.json")) {
                Resources r = SpecReader.readResources(file, name);
                assertEquals(r, SpecReader.readResources(SpecWriter.toBytes(r), name));
            }
        }));
    }

    @Test
    void defaultSpecsSurviveARoundTrip() throws SpecException {
        roundTrip(DefaultSpecs.runcLike());
        roundTrip(DefaultSpecs.rootless(1000, 1000));
        roundTrip(DefaultSpecs.sandbox());
    }

    @Test
    void stateAndFeatures() throws SpecException {
        State state = new State("1.3.0", "c1", State.Status.RUNNING, 4422, "/containers/redis",
                Map.of("myKey", "myValue"));
        assertEquals(state, SpecReader.readState(SpecWriter.toBytes(state), "state.json"));
        Features features = new Features("1.0.0", "1.3.0", Hooks.NAMES, List.of("bind", "rbind"),
                new Features.LinuxFeatures(List.of("pid"), List.of("CAP_KILL"),
                        new Features.Cgroup(true, true, false, false, true),
                        new Features.SeccompFeatures(true, List.of("SCMP_ACT_ALLOW"), List.of("SCMP_CMP_EQ"),
                                List.of("SCMP_ARCH_X86_64"), List.of("SECCOMP_FILTER_FLAG_LOG"), List.of()),
                        new Features.Enabled(false), new Features.Enabled(null),
                        new Features.IntelRdtFeatures(false, true, null),
                        new Features.MountExtensions(new Features.Enabled(true)), new Features.Enabled(true),
                        new Features.MemoryPolicyFeatures(List.of("MPOL_BIND"), List.of("MPOL_F_STATIC_NODES"))),
                Map.of("dev.berth.version", "0.1.0"), List.of("dev.berth.network"));
        assertEquals(features, SpecReader.readFeatures(SpecWriter.toBytes(features), "features.json"));
    }

    /**
     * The good fixtures together set every component of every record of the model at least once (most of
     * them in every-field.json), so the round trips above cover all of it: a property forgotten by the
     * reader or the writer fails here.
     */
    @Test
    void goodFixturesCoverTheWholeModel() throws SpecException {
        Set<String> set = new HashSet<>();
        Set<Class<?>> records = new HashSet<>();
        for (Path file : Fixtures.files("config/good")) {
            walk(SpecReader.readConfig(file, "config.json"), set, records);
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> type : records) {
            for (RecordComponent c : type.getRecordComponents()) {
                String name = type.getSimpleName() + "." + c.getName();
                // the spec defines no personality flag, so a valid document cannot have one
                if (!set.contains(name) && !name.equals("Personality.flags")) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing);
        for (Class<?> expected : List.of(Spec.class, Process.class, Process.User.class, Process.ConsoleSize.class,
                Process.Capabilities.class, Process.Rlimit.class, Process.Scheduler.class, Process.IoPriority.class,
                Process.ExecCpuAffinity.class, Root.class, Mount.class, IdMapping.class, Hook.class, Hooks.class,
                Linux.class, Linux.Namespace.class, Linux.Device.class, Linux.NetDevice.class, Linux.TimeOffset.class,
                Linux.IntelRdt.class, Linux.Personality.class, Linux.MemoryPolicy.class, Resources.class,
                Resources.DeviceRule.class, Resources.Memory.class, Resources.Cpu.class, Resources.Pids.class,
                Resources.BlockIo.class, Resources.WeightDevice.class, Resources.ThrottleDevice.class,
                Resources.HugepageLimit.class, Resources.Network.class, Resources.InterfacePriority.class,
                Resources.Rdma.class, Seccomp.class, Seccomp.Syscall.class, Seccomp.Arg.class)) {
            assertTrue(records.contains(expected), "no good fixture has a " + expected.getSimpleName());
        }
    }

    private static void walk(Object value, Set<String> set, Set<Class<?>> records) {
        if (value instanceof Record r) {
            records.add(r.getClass());
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                boolean present = v != null && !(v instanceof Collection<?> col && col.isEmpty())
                        && !(v instanceof Map<?, ?> m && m.isEmpty()) && !(v instanceof Boolean b && !b && c.getType().isPrimitive())
                        && !(v instanceof Number n && n.longValue() == 0 && c.getType().isPrimitive());
                if (present) {
                    set.add(r.getClass().getSimpleName() + "." + c.getName());
                }
                walk(v, set, records);
            }
        } else if (value instanceof Collection<?> col) {
            col.forEach(v -> walk(v, set, records));
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> walk(v, set, records));
        }
    }
}
