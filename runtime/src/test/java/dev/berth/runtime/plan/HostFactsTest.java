package dev.berth.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.runtime.config.SpecConverter;
import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Mount;
import dev.berth.specs.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early check that the payload's program exists, against an empty root file system. */
class HostFactsTest {
    private static Spec running(String program, Mount... extra) {
        Spec base = DefaultSpecs.runcLike();
        List<Mount> mounts = new ArrayList<>(base.mounts());
        mounts.addAll(List.of(extra));
        return base.withProcess(base.process().withArgs(List.of(program, "--", "sh"))).withMounts(mounts);
    }

    @Test
    void aProgramMissingFromTheImageIsRefusedAtCreate(@TempDir Path bundle) throws Exception {
        Files.createDirectory(bundle.resolve("rootfs"));
        var c = SpecConverter.convert("x", bundle, running("/sbin/docker-init"));
        assertThrows(HostFacts.NotFound.class, () -> HostFacts.checkExecutable(c, "/sbin/docker-init", null));
    }

    /** docker run --init: the program is a file bind-mounted onto the image, there only once mounts are made. */
    @Test
    void aProgramThatIsItselfAMountDestinationIsLeftToExec(@TempDir Path bundle) throws Exception {
        Files.createDirectory(bundle.resolve("rootfs"));
        var c = SpecConverter.convert("x", bundle, running("/sbin/docker-init",
                new Mount("/sbin/docker-init", "bind", "/usr/bin/docker-init", List.of("bind", "ro"))));
        assertDoesNotThrow(() -> HostFacts.checkExecutable(c, "/sbin/docker-init", null));
    }
}
