package dev.berth.it.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's busybox-static and its applets: the userland of Berth's test VMs and container images, and of
 * the bundles the tests run. It must be static: a guest or a bundle has no libc of its own.
 *
 * @param path the real path of the binary
 * @param applets what {@code busybox --list} prints, {@code busybox} itself excluded
 */
public record Busybox(Path path, List<String> applets) {
    /** The host's static busybox, or an exception saying what is wrong with it. */
    public static Busybox host() throws IOException {
        String problem = problem();
        if (problem != null) {
            throw new IOException(problem);
        }
        Path path = Command.which("busybox").toRealPath();
        List<String> applets = Command.check(null, path.toString(), "--list").lines().map(String::strip)
                .filter(s -> !s.isEmpty() && !s.equals("busybox")).toList();
        return new Busybox(path, applets);
    }

    /** Why the host's busybox cannot serve (missing or dynamically linked), or null if it can. */
    public static String problem() throws IOException {
        Path bb = Command.which("busybox");
        if (bb == null) {
            return "no busybox on PATH (Debian package busybox-static)";
        }
        if (Elf.read(bb.toRealPath()).hasInterpreter()) {
            return "a static busybox (" + bb + " is dynamically linked; Debian package busybox-static)";
        }
        return null;
    }

    /** Puts busybox at {@code /bin/busybox} in {@code fs}, with a symlink in {@code /bin} for every applet. */
    public void addTo(FileTree fs) throws IOException {
        fs.hostFile("/bin/busybox", path);
        for (String applet : applets) {
            fs.symlink("/bin/" + applet, "busybox");
        }
    }
}
