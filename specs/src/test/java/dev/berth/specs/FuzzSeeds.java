package dev.berth.specs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The documents the fuzz targets start from, gathered when the tests run, never copied into the test resources:
 * first Berth's own fixtures and documents written from the model (always there, in a fixed order, so a kept
 * input of {@link SpecFuzzTest#mutatedConfigs} picks the same base document on every machine), then the OCI
 * fixtures and the real client configs of the shared directory when it is present.
 */
final class FuzzSeeds {
    /** One seed: where it came from (for test names) and its bytes. */
    record Seed(String name, byte[] bytes) {}

    private static final List<Seed> ALL = load();

    private FuzzSeeds() {}

    static List<Seed> all() {
        return ALL;
    }

    private static List<Seed> load() {
        List<Seed> out = new ArrayList<>();
        for (String dir : List.of("config/good", "config/bad", "network/good", "network/bad")) {
            for (Path file : Fixtures.files(dir)) {
                out.add(new Seed(dir + "/" + file.getFileName(), Fixtures.bytes(file)));
            }
        }
        out.add(new Seed("golden/berth-spec.json", Fixtures.bytes(Fixtures.resource("golden/berth-spec.json"))));
        modelDocuments(out);
        Path shared = SharedData.root();
        if (shared != null) {
            for (String dir : List.of("oci-runtime-spec/schema/test", "client-configs")) {
                for (Path file : jsonFilesUnder(shared.resolve(dir))) {
                    out.add(new Seed(shared.relativize(file).toString(), Fixtures.bytes(file)));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Documents of every kind the readers take, written by Berth from its model. */
    private static void modelDocuments(List<Seed> out) {
        out.add(new Seed("model/runc-like", SpecWriter.toBytes(DefaultSpecs.runcLike())));
        out.add(new Seed("model/rootless", SpecWriter.toBytes(DefaultSpecs.rootless(1000, 1000))));
        Spec sandbox = DefaultSpecs.sandbox();
        out.add(new Seed("model/sandbox", SpecWriter.toBytes(sandbox)));
        out.add(new Seed("model/process", SpecWriter.toBytes(sandbox.process())));
        try {
            Spec every = SpecReader.readConfig(Fixtures.bytes(Fixtures.dir("config/good").resolve("every-field.json")),
                    "every-field.json");
            out.add(new Seed("model/resources", SpecWriter.toBytes(every.linux().resources())));
            out.add(new Seed("model/exec-process", SpecWriter.toBytes(every.process())));
        } catch (SpecException e) {
            throw new IllegalStateException("every-field.json must read", e);
        }
        out.add(new Seed("model/state", SpecWriter.toBytes(new State("1.3.0", "c1", State.Status.RUNNING, 4422,
                "/containers/redis", Map.of("myKey", "myValue")))));
        out.add(new Seed("model/features", SpecWriter.toBytes(new Features("1.0.0", "1.3.0", Hooks.NAMES,
                List.of("bind", "rbind", "ro"),
                new Features.LinuxFeatures(List.of("pid", "net"), List.of("CAP_KILL"),
                        new Features.Cgroup(true, true, false, false, true),
                        new Features.SeccompFeatures(true, List.of("SCMP_ACT_ALLOW"), List.of("SCMP_CMP_EQ"),
                                List.of("SCMP_ARCH_X86_64"), List.of("SECCOMP_FILTER_FLAG_LOG"), List.of()),
                        new Features.Enabled(false), new Features.Enabled(null),
                        new Features.IntelRdtFeatures(false, true, null),
                        new Features.MountExtensions(new Features.Enabled(true)), new Features.Enabled(true),
                        new Features.MemoryPolicyFeatures(List.of("MPOL_BIND"), List.of("MPOL_F_STATIC_NODES"))),
                Map.of("dev.berth.version", "0.1.0"), List.of("dev.berth.network")))));
    }

    private static List<Path> jsonFilesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
