package dev.berth.it.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Berth as a self-contained Java runtime for a VM or a container image: a {@code jlink}ed image holding
 * Berth's own modules (and only the JDK modules they require), an AOT cache made for that image by a
 * {@link Training} run, and the host's shared libraries the JVM needs ({@code ldd} of {@code bin/java} and
 * every library in the image, plus the dynamic loader), which go into the guest at the paths {@code ldd}
 * printed.
 *
 * <p>Built once per set of input jars and training (their SHA-256 names the directory) under the work
 * directory.
 *
 * @param home the image ({@code bin/java}, {@code lib/modules}, ...)
 * @param aotCache the AOT cache inside the image, made by the training run with {@link #TRAINING_OPTIONS}
 * @param sharedLibraries host paths of the libraries and loader the image needs from the system
 */
public record JavaImage(Path home, Path aotCache, List<Path> sharedLibraries) {
    /** The module and main class of Berth's command line. */
    public static final String MAIN = "dev.berth.runtime/dev.berth.runtime.Main";
    /** What the training run is started with; runs with other GC choices simply ignore the cache. */
    public static final List<String> TRAINING_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "--enable-native-access=dev.berth.syscall");
    private static final String COMPLETE = ".complete";

    /** What the AOT cache is trained on, and where in the image it is kept. */
    public enum Training {
        /** {@code berth init} with a payload, outside VM mode (the training host is no VM): a VM's PID 1. */
        INIT("lib/berth-init.aot", List.of("-m", MAIN, "init", "--no-vm", "--", "/bin/true")),
        /**
         * The launcher's training run ({@code dev.berth.runtime.Training}): the verbs docker and containerd
         * call four times per container, and as root a whole sandbox. For Berth run as a program many times,
         * as in a container image.
         */
        LIFECYCLE("lib/berth.aot", List.of("-m", "dev.berth.runtime/dev.berth.runtime.Training"));

        /** The cache's path inside the image. */
        public final String aotCache;
        private final List<String> run;

        Training(String aotCache, List<String> run) {
            this.aotCache = aotCache;
            this.run = run;
        }
    }

    /**
     * The image for the jars the launcher runs: {@code runtimeTarget/berth.jar} and {@code runtimeTarget/lib/*.jar}.
     */
    public static synchronized JavaImage ofBerth(Path runtimeTarget, Path work, Training training) throws IOException {
        List<Path> modulePath = new ArrayList<>();
        Path jar = runtimeTarget.resolve("berth.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build the runtime first (./mvnw -pl runtime -am package)");
        }
        modulePath.add(jar);
        try (Stream<Path> s = Files.list(runtimeTarget.resolve("lib"))) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(modulePath::add);
        }
        Path home = work.resolve("jre-" + training.name().toLowerCase(java.util.Locale.ROOT) + "-" + key(modulePath));
        if (!Files.exists(home.resolve(COMPLETE))) {
            FileTree.deleteHostTree(home);
            build(modulePath, home, training);
        }
        return new JavaImage(home, home.resolve(training.aotCache), sharedLibraries(home));
    }

    /** {@code bin/java} of the image. */
    public Path java() {
        return home.resolve("bin/java");
    }

    private static String key(List<Path> jars) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            for (Path jar : jars) {
                sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(jar)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the image at {@code javaHome} in {@code fs}, and the host libraries it needs at their host paths. */
    public void addTo(FileTree fs, String javaHome) throws IOException {
        fs.hostTree(javaHome, home);
        for (Path lib : sharedLibraries) {
            fs.hostFile(lib.toString(), lib);
        }
    }

    private static void build(List<Path> modulePath, Path home, Training training) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IOException("no jlink in " + System.getProperty("java.home") + ": run the tests on a JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int rc = jlink.run(ps, ps, "--module-path", String.join(":", modulePath.stream().map(Path::toString).toList()),
                "--add-modules", "dev.berth.runtime", "--strip-debug", "--no-man-pages", "--no-header-files",
                "--output", home.toString());
        if (rc != 0) {
            throw new IOException("jlink of " + modulePath + " failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
        }
        // Classes the training does not reach (VM mode's mounts and netlink, say) load from the image as usual.
        List<String> train = new ArrayList<>();
        train.add(home.resolve("bin/java").toString());
        train.addAll(TRAINING_OPTIONS);
        train.add("-XX:AOTCacheOutput=" + home.resolve(training.aotCache));
        train.addAll(training.run);
        Command c = Command.run(null, train);
        if (c.exitCode() != 0 || !Files.isRegularFile(home.resolve(training.aotCache))) {
            throw new IOException("AOT training run " + train + " failed (" + c.exitCode() + "): " + c.output());
        }
        Files.writeString(home.resolve(COMPLETE), String.join("\n", modulePath.stream().map(Path::toString).toList()));
    }

    /** The system libraries (and loader) {@code ldd} finds for the image's launcher and libraries. */
    static List<Path> sharedLibraries(Path home) throws IOException {
        List<Path> objects = new ArrayList<>();
        objects.add(home.resolve("bin/java"));
        try (Stream<Path> s = Files.walk(home.resolve("lib"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".so")).sorted().forEach(objects::add);
        }
        Set<Path> libraries = new LinkedHashSet<>();
        for (Path object : objects) {
            String out = Command.check(null, "ldd", object.toString());
            for (String line : out.lines().map(String::strip).toList()) {
                if (line.startsWith("linux-vdso") || line.isEmpty()) {
                    continue;
                }
                int arrow = line.indexOf("=>");
                String path = (arrow >= 0 ? line.substring(arrow + 2) : line).strip();
                if (path.startsWith("not found")) {
                    String name = line.substring(0, arrow).strip();
                    if (imageHas(home, name)) {
                        continue; // found at run time through LD_LIBRARY_PATH
                    }
                    throw new IOException(object + " needs " + name + ", which neither the image nor the host has");
                }
                int paren = path.indexOf(" (");
                path = paren >= 0 ? path.substring(0, paren) : path;
                if (path.startsWith("/") && !Path.of(path).normalize().startsWith(home)) {
                    libraries.add(Path.of(path).normalize());
                }
            }
        }
        return List.copyOf(libraries);
    }

    private static boolean imageHas(Path home, String name) throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("lib"))) {
            return s.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }
}
