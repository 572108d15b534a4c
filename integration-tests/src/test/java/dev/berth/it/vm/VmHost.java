package dev.berth.it.vm;

import dev.berth.it.common.Busybox;
import dev.berth.it.common.Command;
import dev.berth.it.common.JavaImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the host lends every VM, found or built once per test JVM: qemu, busybox-static and its applets,
 * the Debian kernel and its modules, and Berth's Java image.
 *
 * <p>Directories come from system properties the build sets: {@code berth.runtime.target} (the runtime's
 * {@code target/} with {@code berth.jar} and {@code lib/}), {@code berth.vm.cache} (the kernel cache, kept
 * across builds; default {@code ~/.cache/berth-vm}) and {@code berth.vm.work} (initramfs, Java image, console
 * logs; default {@code target/vm}).
 */
public final class VmHost {
    /** Host tools the harness runs, and the Debian package of each. */
    private static final String[][] TOOLS = {
        {"qemu-system-x86_64", "qemu-system-x86"}, {"apt-get", "apt"},
        {"apt-cache", "apt"}, {"dpkg-deb", "dpkg"}, {"ldd", "libc-bin"},
    };
    private static VmHost instance;

    private final Path qemu;
    private final Busybox busybox;
    private final Path work;
    private final DebianKernel kernel;
    private final KernelModules modules;
    private final JavaImage image;

    private VmHost() throws IOException {
        List<String> missing = missingTools();
        if (!missing.isEmpty()) {
            throw new IOException("missing on this host: " + String.join(", ", missing));
        }
        qemu = Command.which("qemu-system-x86_64");
        busybox = Busybox.host();
        work = Files.createDirectories(property("berth.vm.work", Path.of("target/vm")).toAbsolutePath());
        Path cache = property("berth.vm.cache", Path.of(System.getProperty("user.home"), ".cache/berth-vm"));
        kernel = DebianKernel.cloudAmd64(cache);
        modules = new KernelModules(kernel.modules());
        Path runtimeTarget = property("berth.runtime.target", defaultRuntimeTarget());
        image = JavaImage.ofBerth(runtimeTarget.toAbsolutePath().normalize(), work, JavaImage.Training.INIT);
    }

    /** The host's resources, found (and the kernel fetched, the image built) on first use. */
    public static synchronized VmHost get() throws IOException {
        if (instance == null) {
            instance = new VmHost();
        }
        return instance;
    }

    /**
     * Skips the calling test with the reason when this host cannot boot a VM (no qemu, no apt, a dynamic
     * busybox), unless {@code CI=true}: there a missing tool is a failure, since {@code .ci/setup} installs them.
     */
    public static void assumeCanBoot() {
        List<String> missing = missingTools();
        if (missing.isEmpty()) {
            return;
        }
        String message = "cannot boot a test VM here, missing: " + String.join(", ", missing)
                + " (.ci/setup installs them as root)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        // Failsafe's summary shows only a count of skipped tests: say why where a developer looks.
        System.err.println("VM test skipped: " + message);
        Assumptions.abort(message);
    }

    private static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String[] t : TOOLS) {
            if (Command.which(t[0]) == null) {
                missing.add(t[0] + " (Debian package " + t[1] + ")");
            }
        }
        try {
            String busybox = Busybox.problem();
            if (busybox != null) {
                missing.add(busybox);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    private static Path property(String name, Path fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : Path.of(v);
    }

    private static Path defaultRuntimeTarget() {
        String repo = System.getenv("BERTH_REPO");
        return repo != null ? Path.of(repo, "runtime/target") : Path.of("../runtime/target");
    }

    public Path qemu() {
        return qemu;
    }

    public Busybox busybox() {
        return busybox;
    }

    public Path work() {
        return work;
    }

    public DebianKernel kernel() {
        return kernel;
    }

    public KernelModules modules() {
        return modules;
    }

    public JavaImage image() {
        return image;
    }
}
