package dev.berth.it.common;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A root filesystem assembled from host files and generated content, written either as one uncompressed
 * {@link Cpio} archive, a VM's initramfs (the kernel unpacks it faster than a gzip one under TCG, and it
 * costs the host no compression), or as a directory, a {@code docker build} context. Paths are absolute
 * paths inside the guest; missing parent directories are added (0755), and sorted order puts every
 * directory before what it holds.
 */
public final class FileTree {
    private sealed interface Node permits Dir, Bytes, HostFile, Link, CharDevice {}

    private record Dir(int mode) implements Node {}

    private record Bytes(byte[] data, int mode) implements Node {}

    private record HostFile(Path source, int mode, long mtime) implements Node {}

    private record Link(String target) implements Node {}

    private record CharDevice(int mode, int major, int minor) implements Node {}

    private final Map<String, Node> nodes = new TreeMap<>();
    private final long now = System.currentTimeMillis() / 1000;

    public FileTree directory(String path, int mode) {
        put(path, new Dir(mode));
        return this;
    }

    public FileTree file(String path, byte[] data, int mode) {
        put(path, new Bytes(data.clone(), mode));
        return this;
    }

    /** A host file's content (links followed) at {@code path}, with the host's mode and mtime. */
    public FileTree hostFile(String path, Path source) throws IOException {
        PosixFileAttributes a = Files.readAttributes(source, PosixFileAttributes.class);
        put(path, new HostFile(source, mode(a.permissions()), a.lastModifiedTime().toMillis() / 1000));
        return this;
    }

    /** Everything under the host directory {@code source} at {@code path}: modes, mtimes and symlinks kept. */
    public FileTree hostTree(String path, Path source) throws IOException {
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

    public FileTree symlink(String path, String target) {
        put(path, new Link(target));
        return this;
    }

    public FileTree characterDevice(String path, int mode, int major, int minor) {
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

    /** Writes the tree as a cpio archive to {@code out}. */
    public void writeCpio(Path out) throws IOException {
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

    /**
     * Writes the tree below {@code root}, which must not exist yet: host files are copied with their
     * mtime (a JDK's {@code lib/modules} and its AOT cache are checked against each other), modes are set
     * exactly (a sticky {@code /tmp} too, which {@code PosixFilePermission} cannot express, hence
     * {@code chmod}). Device nodes need {@code mknod} and root: a directory tree refuses them.
     */
    public void writeDirectory(Path root) throws IOException {
        Files.createDirectory(root);
        List<String> special = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Path p = root.resolve(e.getKey());
            switch (e.getValue()) {
                case Dir d -> {
                    Files.createDirectory(p);
                    setMode(p, d.mode(), special);
                }
                case Bytes b -> {
                    Files.write(p, b.data());
                    setMode(p, b.mode(), special);
                }
                case HostFile f -> {
                    Files.copy(f.source(), p);
                    setMode(p, f.mode(), special);
                    Files.setLastModifiedTime(p, Files.getLastModifiedTime(f.source()));
                }
                case Link l -> Files.createSymbolicLink(p, Path.of(l.target()));
                case CharDevice c -> throw new IOException(e.getKey() + ": a device node cannot go into a directory tree");
            }
        }
        for (int i = 0; i < special.size(); i += 2) {
            Command.check(null, "chmod", special.get(i), special.get(i + 1));
        }
    }

    /** Deletes the host directory {@code root} and everything below it, if it exists. */
    public static void deleteHostTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void setMode(Path p, int mode, List<String> special) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        Files.setPosixFilePermissions(p, permissions);
        if ((mode & 07000) != 0) {
            special.add(Integer.toOctalString(mode & 07777));
            special.add(p.toString());
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
