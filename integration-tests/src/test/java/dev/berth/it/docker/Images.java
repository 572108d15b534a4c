package dev.berth.it.docker;

import dev.berth.it.common.Busybox;
import dev.berth.it.common.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two images the suite needs, both built from local files: Berth's own image from the repository's
 * {@code Dockerfile} (its context assembled by the Maven build, {@link ImageContext}), and a busybox image
 * ({@code FROM scratch}, the host's busybox-static) for payloads and for Testcontainers' helpers. Both stay
 * cached between runs; a rebuilt Berth image replaces the previous one, which is then removed.
 */
public final class Images {
    /** Berth's image, as the README's {@code docker build} makes it. */
    public static final String BERTH = "berth:it";
    /** busybox-static in an otherwise empty image, with a root and a nobody user. */
    public static final String BUSYBOX = "busybox:berth-it";
    private static boolean berthBuilt;

    private Images() {}

    /** Berth's image, built once per test run from the current context (docker's cache makes it quick). */
    public static synchronized String berth() throws IOException {
        Docker.assumeAvailable();
        if (!berthBuilt) {
            Path repo = Docker.repository();
            if (!Files.isDirectory(repo.resolve(ImageContext.DIRECTORY))) {
                throw new IOException(repo.resolve(ImageContext.DIRECTORY) + " is missing: it is made by "
                        + "./mvnw package -pl integration-tests -am (the exec plugin's berth-image-context step)");
            }
            String before = id(BERTH);
            Docker.check("build", "-q", "-t", BERTH, "-f", repo.resolve("Dockerfile").toString(), repo.toString());
            String after = id(BERTH);
            if (before != null && !before.equals(after)) {
                Docker.cli("image", "rm", before); // a container still using it keeps it; nothing else does
            }
            berthBuilt = true;
        }
        return BERTH;
    }

    /** The busybox image, built if this daemon does not have it yet. */
    public static synchronized String busybox() throws IOException {
        Docker.assumeAvailable();
        if (id(BUSYBOX) == null) {
            Path context = Docker.work().resolve("busybox-image");
            FileTree.deleteHostTree(context);
            Files.createDirectories(context);
            FileTree fs = new FileTree();
            Busybox.host().addTo(fs);
            fs.file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
                    .getBytes(StandardCharsets.UTF_8), 0644);
            fs.file("/etc/group", "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8), 0644);
            fs.directory("/tmp", 01777);
            fs.directory("/root", 0700);
            fs.writeDirectory(context.resolve("rootfs"));
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nCMD [\"sh\"]\n");
            Docker.check("build", "-q", "-t", BUSYBOX, context.toString());
            FileTree.deleteHostTree(context);
        }
        return BUSYBOX;
    }

    /** The image id of {@code name}, or null if the daemon has no such image. */
    static String id(String name) throws IOException {
        var c = Docker.cli("image", "inspect", "--format", "{{.Id}}", name);
        return c.exitCode() == 0 ? c.output().strip() : null;
    }
}
