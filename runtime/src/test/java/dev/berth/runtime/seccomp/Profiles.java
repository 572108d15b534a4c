package dev.berth.runtime.seccomp;

import dev.berth.specs.Seccomp;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real profiles clients handed a runtime ({@code shared/client-configs}), found next to the repository. */
final class Profiles {
    static final String DOCKER = "docker-20.10-config.json";
    static final String PODMAN = "podman-4.3-config.json";
    static final String CONTAINERD = "containerd-1.6-ctr-config.json";

    private Profiles() {}

    /** The client-configs directory, or {@code null}: {@code $BERTH_REPO/../shared}, else {@code /work/shared}. */
    static Path dir() {
        String repo = System.getenv("BERTH_REPO");
        if (repo != null) {
            Path p = Path.of(repo).resolve("../shared/client-configs").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path p = Path.of("/work/shared/client-configs");
        return Files.isDirectory(p) ? p : null;
    }

    /** {@code linux.seccomp} of a client's config, or {@code null} when it has none; skips when absent. */
    static Seccomp load(String name) throws Exception {
        Path d = dir();
        Assumptions.assumeTrue(d != null && Files.exists(d.resolve(name)),
                "shared/client-configs/" + name + " is not here (set BERTH_REPO or put shared/ next to the repository)");
        Spec spec = SpecReader.readConfig(d.resolve(name), name);
        return spec.linux() == null ? null : spec.linux().seccomp();
    }
}
