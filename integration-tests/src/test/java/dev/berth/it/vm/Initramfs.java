package dev.berth.it.vm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tree of an initramfs, assembled from host files and generated content, written as one uncompressed
 * {@link Cpio} archive (the kernel unpacks it faster than a gzip one under TCG, and it costs the host no
 * compression). Paths are absolute paths inside the VM; missing parent directories are added (0755), and
 * sorted order puts every directory before what it holds.
 */
public final class Initramfs {
    private sealed interface Node permits Dir, Bytes, HostFile, Link, CharDevice {}

    private record Dir(int mode) implements Node {}

    private record Bytes(byte[] data, int mode) implements Node {}

    private record HostFile(Path source, int mode, long mtime) implements Node {}

    private record Link(String target) implements Node {}

    private record CharDevice(int mode, int major, int minor) implements Node {}

    private final Map<String, Node> nodes = new TreeMap<>();
    private final long now = System.currentTimeMillis() / 1000;

    public Initramfs directory(String path, int mode) {
        put(path, new Dir(mode));
        return this;
    }

    public Initramfs file(String path, byte[] data, int mode) {
        put(path, new Bytes(data.clone(), mode));
        return this;
    }

    /** A host file's content (links followed) at {@code path}, with the host's mode and mtime. */
    public Initramfs hostFile(String path, Path source) throws IOException {
        PosixFileAttributes a = Files.readAttributes(source, PosixFileAttributes.class);
        put(path, new HostFile(source, mode(a.permissions()), a.lastModifiedTime().toMillis() / 1000));
        return this;
    }

    /** Everything under the host directory {@code source} at {@code path}: modes, mtimes and symlinks kept. */
    public Initramfs hostTree(String path, Path source) throws IOException {
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.toList()) {
                String inVm = p.equals(source) ? path : path + "/" + source.relativize(p);
                if (Files.isSymbolicLink(p)) {
                    symlink(inVm, Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    directory(inVm, mode(Files.getPosixFilePermissions(p)));
                } else {
                    hostFile(inVm, p);
                }
            }
        }
        return this;
    }

    public Initramfs symlink(String path, String target) {
        put(path, new Link(target));
        return this;
    }

    public Initramfs characterDevice(String path, int mode, int major, int minor) {
        put(path, new CharDevice(mode, major, minor));
        return this;
    }

    public boolean contains(String path) {
        return nodes.containsKey(normalize(path));
    }

    private void put(String path, Node node) {
        String name = normalize(path);
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            nodes.putIfAbsent(name.substring(0, slash), new Dir(0755));
        }
        nodes.put(name, node);
    }

    private static String normalize(String path) {
        String p = Path.of("/").resolve(path).normalize().toString();
        if (p.equals("/")) {
            throw new IllegalArgumentException("the root directory is not an entry");
        }
        return p.substring(1);
    }

    /** Writes the archive to {@code out}. */
    public void write(Path out) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
                Cpio cpio = new Cpio(os)) {
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                String path = e.getKey();
                switch (e.getValue()) {
                    case Dir d -> cpio.directory(path, d.mode(), now);
                    case Bytes b -> cpio.file(path, b.mode(), now, b.data());
                    case HostFile f -> {
                        try (InputStream in = Files.newInputStream(f.source())) {
                            cpio.file(path, f.mode(), f.mtime(), Files.size(f.source()), in);
                        }
                    }
                    case Link l -> cpio.symlink(path, l.target(), now);
                    case CharDevice c -> cpio.characterDevice(path, c.mode(), c.major(), c.minor());
                }
            }
        }
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
