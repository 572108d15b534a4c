package dev.berth.it.vm;

import dev.berth.it.common.Command;
import dev.berth.it.common.FileTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Debian kernel package unpacked into a cache directory, never installed on the host: its
 * {@code vmlinuz} for qemu's {@code -kernel} and its {@code /lib/modules/<release>} tree for the initramfs.
 *
 * <p>{@link #cloudAmd64} resolves the meta package {@code linux-image-cloud-amd64} to the versioned
 * package it depends on, fetches it with {@code apt-get download}, unpacks it with {@code dpkg-deb -x} into
 * {@code <cache>/kernel/<package>_<version>}, and reuses that directory from then on.
 *
 * @param packageName the versioned package, e.g. {@code linux-image-6.1.0-56-cloud-amd64}
 * @param version its Debian version, e.g. {@code 6.1.192-2}
 * @param release the kernel release ({@code uname -r}), the name of its modules directory
 * @param vmlinuz the kernel image
 * @param modules the {@code lib/modules/<release>} directory
 */
public record DebianKernel(String packageName, String version, String release, Path vmlinuz, Path modules) {
    public static final String CLOUD_META_PACKAGE = "linux-image-cloud-amd64";
    private static final String COMPLETE = ".complete";

    /** Debian's cloud kernel (virtio drivers, no hardware drivers), from {@code cache} or fetched into it. */
    public static DebianKernel cloudAmd64(Path cache) throws IOException {
        Path kernels = Files.createDirectories(cache.resolve("kernel"));
        try (FileChannel lockFile = FileChannel.open(kernels.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            String[] resolved = resolve(CLOUD_META_PACKAGE);
            if (resolved == null) {
                Optional<DebianKernel> cached = newestCached(kernels);
                if (cached.isPresent()) {
                    return cached.get();
                }
                throw new IOException("cannot resolve " + CLOUD_META_PACKAGE + " with apt-cache (even after apt-get "
                        + "update) and no kernel is cached in " + kernels);
            }
            Path dir = kernels.resolve(resolved[0] + "_" + resolved[1]);
            if (!Files.exists(dir.resolve(COMPLETE))) {
                fetch(resolved[0], resolved[1], dir);
            }
            return load(dir);
        }
    }

    /** {@code {versioned package, version}} for a meta package, or null if apt knows neither. */
    private static String[] resolve(String meta) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            Command depends = Command.run(null, "apt-cache", "depends", meta);
            Matcher m = Pattern.compile("(?m)^\\s*Depends: (linux-image-\\S+)$").matcher(depends.output());
            if (depends.exitCode() == 0 && m.find()) {
                String pkg = m.group(1);
                Matcher v = Pattern.compile("(?m)^Version: (\\S+)$")
                        .matcher(Command.check(null, "apt-cache", "show", "--no-all-versions", pkg));
                if (v.find()) {
                    return new String[] {pkg, v.group(1)};
                }
            }
            if (attempt == 0) {
                aptUpdate();
            }
        }
        return null;
    }

    private static void aptUpdate() throws IOException {
        // apt's package lists may be missing on a fresh machine; apt-get update is what .ci/setup does too.
        Command.run(null, "apt-get", "update", "-qq");
    }

    private static void fetch(String pkg, String version, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(dir.getParent(), ".fetch-");
        try {
            Command download = Command.run(tmp, "apt-get", "download", pkg + "=" + version);
            if (download.exitCode() != 0) {
                aptUpdate();
                Command.check(tmp, "apt-get", "download", pkg + "=" + version);
            }
            Path deb;
            try (Stream<Path> s = Files.list(tmp)) {
                deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download " + pkg + " left no .deb in " + tmp));
            }
            Path root = tmp.resolve("root");
            Command.check(null, "dpkg-deb", "-x", deb.toString(), root.toString());
            Files.delete(deb);
            Files.writeString(root.resolve(COMPLETE), pkg + " " + version + "\n");
            FileTree.deleteHostTree(dir);
            Files.move(root, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTree.deleteHostTree(tmp);
        }
    }

    private static Optional<DebianKernel> newestCached(Path kernels) throws IOException {
        try (Stream<Path> s = Files.list(kernels)) {
            Optional<Path> dir = s.filter(p -> Files.exists(p.resolve(COMPLETE)))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
            return dir.isPresent() ? Optional.of(load(dir.get())) : Optional.empty();
        }
    }

    private static DebianKernel load(Path dir) throws IOException {
        String[] id = Files.readString(dir.resolve(COMPLETE)).strip().split(" ");
        Path modulesRoot = dir.resolve("lib/modules");
        if (!Files.isDirectory(modulesRoot)) {
            modulesRoot = dir.resolve("usr/lib/modules");
        }
        String release;
        try (Stream<Path> s = Files.list(modulesRoot)) {
            release = s.map(p -> p.getFileName().toString()).findFirst()
                    .orElseThrow(() -> new IOException("no kernel release under " + dir.resolve("lib/modules")));
        }
        Path vmlinuz = dir.resolve("boot/vmlinuz-" + release);
        if (!Files.isRegularFile(vmlinuz)) {
            throw new IOException(vmlinuz + ": missing from " + id[0]);
        }
        return new DebianKernel(id[0], id[1], release, vmlinuz, modulesRoot.resolve(release));
    }
}
