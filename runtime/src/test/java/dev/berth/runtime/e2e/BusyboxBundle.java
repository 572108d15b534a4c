package dev.berth.runtime.e2e;

import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.SpecWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An OCI bundle whose root filesystem is busybox-static: {@code /bin/busybox} with one symlink per applet,
 * a small {@code /etc/passwd} and {@code /etc/group}, and empty {@code /proc /sys /dev /tmp}. Its
 * {@code config.json} starts as {@link DefaultSpecs#runcLike()} without a terminal, and is edited as a JSON
 * tree by each test, then written by {@link #write()} before every {@code create}/{@code run}.
 */
public final class BusyboxBundle {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    /** Users of the image: name, uid, gid. */
    public static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/bin/false
            alice:x:1000:1000:Alice:/home/alice:/bin/sh
            bob:x:1001:1001:Bob:/home/bob:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/bin/false
            """;
    static final String GROUP = """
            root:x:0:
            daemon:x:1:
            wheel:x:10:alice
            users:x:100:alice,bob
            alice:x:1000:
            bob:x:1001:
            nogroup:x:65534:
            """;

    private static List<String> applets;

    public final Path dir;
    public final Path rootfs;
    public final Map<String, Object> config;

    private BusyboxBundle(Path dir, Map<String, Object> config) {
        this.dir = dir;
        this.rootfs = dir.resolve("rootfs");
        this.config = config;
    }

    /**
     * A new bundle in {@code dir}. {@code marker} ({@code NAME=value}) is added to the payload's environment
     * so that the test can find any process of this container left on the host.
     */
    static BusyboxBundle create(Path dir, String marker) throws IOException {
        Map<String, Object> config = Json.object(new String(SpecWriter.toBytes(DefaultSpecs.runcLike()),
                StandardCharsets.UTF_8));
        BusyboxBundle b = new BusyboxBundle(dir, config);
        b.process().put("terminal", false);
        Json.list(b.process(), "env").add(marker);
        b.makeRootfs();
        return b;
    }

    private void makeRootfs() throws IOException {
        Path bin = rootfs.resolve("bin");
        Files.createDirectories(bin);
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String applet : applets()) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        for (String d : List.of("proc", "sys", "dev", "tmp", "etc", "root", "home/alice")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), PASSWD);
        Files.writeString(rootfs.resolve("etc/group"), GROUP);
    }

    /** {@code busybox --list}, without {@code busybox} itself. */
    static synchronized List<String> applets() throws IOException {
        if (applets == null) {
            try {
                Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IOException("busybox --list failed: " + out);
                }
                List<String> names = new ArrayList<>();
                for (String line : out.split("\n")) {
                    String name = line.strip();
                    if (!name.isEmpty() && !name.equals("busybox") && !name.contains("/")) {
                        names.add(name);
                    }
                }
                applets = List.copyOf(names);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return applets;
    }

    public Map<String, Object> process() {
        return Json.obj(config, "process");
    }

    public Map<String, Object> linux() {
        return Json.obj(config, "linux");
    }

    /** The payload's argv. */
    public BusyboxBundle args(String... args) {
        process().put("args", new ArrayList<Object>(Arrays.asList(args)));
        return this;
    }

    /** The payload is {@code sh -c SCRIPT}. */
    public BusyboxBundle sh(String script) {
        return args("sh", "-c", script);
    }

    public BusyboxBundle env(String entry) {
        Json.list(process(), "env").add(entry);
        return this;
    }

    /** Appends a mount. */
    public BusyboxBundle mount(String destination, String type, String source, String... options) {
        Map<String, Object> m = Json.map("destination", destination, "type", type, "source", source);
        m.put("options", new ArrayList<Object>(Arrays.asList(options)));
        Json.list(config, "mounts").add(m);
        return this;
    }

    /** Appends a bind mount of the host's {@code source} at {@code destination}. */
    public BusyboxBundle bind(Path source, String destination, String... options) {
        List<String> o = new ArrayList<>(List.of("bind"));
        o.addAll(List.of(options));
        return mount(destination, "bind", source.toString(), o.toArray(String[]::new));
    }

    /** Removes the namespace of {@code type} from {@code linux.namespaces}. */
    public BusyboxBundle withoutNamespace(String type) {
        Json.list(linux(), "namespaces").removeIf(n -> type.equals(((Map<?, ?>) n).get("type")));
        return this;
    }

    /** Appends a hook to {@code hooks.PHASE}. */
    BusyboxBundle hook(String phase, Map<String, Object> hook) {
        Json.list(Json.obj(config, "hooks"), phase).add(hook);
        return this;
    }

    /** Writes {@code config.json}. */
    public void write() throws IOException {
        Files.writeString(dir.resolve("config.json"), Json.write(config));
    }
}
