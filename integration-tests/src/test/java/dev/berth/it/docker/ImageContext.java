package dev.berth.it.docker;

import dev.berth.it.common.Busybox;
import dev.berth.it.common.FileTree;
import dev.berth.it.common.JavaImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build context of Berth's container image, which the repository's {@code Dockerfile} copies into an
 * empty ({@code FROM scratch}) image as it is: Berth as a {@code jlink}ed Java runtime trained for the
 * lifecycle verbs ({@link JavaImage.Training#LIFECYCLE}) at {@value #JAVA_HOME}, the host libraries the JVM
 * needs at their host paths, busybox-static with its applets in {@code /bin}, the {@code berth} launcher in
 * {@code /usr/local/bin}, a minimal {@code /etc/passwd} and {@code /etc/group}, and an empty sticky
 * {@code /tmp}. Nothing is downloaded: everything comes from the build and the host.
 *
 * <p>The Maven build runs {@link #main} in its {@code package} phase; {@code docker build .} at the
 * repository root then uses the directory (the {@code .dockerignore} keeps the rest of the repository out).
 */
public final class ImageContext {
    /** The context's path below the repository, which the Dockerfile's {@code COPY} names. */
    public static final String DIRECTORY = "integration-tests/target/berth-image";
    /** Where the Java runtime lives in the image. */
    public static final String JAVA_HOME = "/opt/berth/jre";
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/bin/false
            """;
    private static final String GROUP = """
            root:x:0:
            tty:x:5:
            nogroup:x:65534:
            """;

    private ImageContext() {}

    /** {@code ImageContext RUNTIME_TARGET WORK OUT}: assembles the context in {@code OUT}, replacing it. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ImageContext RUNTIME_TARGET WORK_DIRECTORY OUTPUT_DIRECTORY");
        }
        long t0 = System.nanoTime();
        Path out = Path.of(args[2]).toAbsolutePath();
        assemble(Path.of(args[0]).toAbsolutePath().normalize(), Path.of(args[1]).toAbsolutePath(), out);
        System.out.printf("berth image context: %s (%d ms)%n", out, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Assembles the context in {@code out} (replaced if it exists) from the runtime's jars and the host. */
    public static void assemble(Path runtimeTarget, Path work, Path out) throws IOException {
        JavaImage image = JavaImage.ofBerth(runtimeTarget, Files.createDirectories(work), JavaImage.Training.LIFECYCLE);
        FileTree fs = new FileTree();
        Busybox.host().addTo(fs);
        image.addTo(fs, JAVA_HOME);
        fs.file("/usr/local/bin/berth", launcher(image).getBytes(StandardCharsets.UTF_8), 0755);
        fs.file("/etc/passwd", PASSWD.getBytes(StandardCharsets.UTF_8), 0644);
        fs.file("/etc/group", GROUP.getBytes(StandardCharsets.UTF_8), 0644);
        fs.directory("/tmp", 01777);
        fs.directory("/root", 0700);
        Path fresh = out.resolveSibling(out.getFileName() + ".new");
        FileTree.deleteHostTree(fresh);
        fs.writeDirectory(fresh);
        FileTree.deleteHostTree(out);
        Files.move(fresh, out);
    }

    /** The launcher script, with the image's paths and the JVM options its AOT cache was trained with. */
    static String launcher(JavaImage image) throws IOException {
        String template;
        try (InputStream in = ImageContext.class.getResourceAsStream("berth.sh")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.replace("@JAVA_HOME@", JAVA_HOME)
                .replace("@JVM_OPTIONS@", String.join(" ", JavaImage.TRAINING_OPTIONS))
                .replace("@AOT_CACHE@", image.home().relativize(image.aotCache()).toString())
                .replace("@MAIN@", JavaImage.MAIN);
    }
}
