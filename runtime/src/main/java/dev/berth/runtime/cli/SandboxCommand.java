package dev.berth.runtime.cli;

import dev.berth.runtime.lifecycle.CreateOptions;
import dev.berth.runtime.lifecycle.Log;
import dev.berth.runtime.lifecycle.RunCommand;
import dev.berth.runtime.network.CniNetwork;
import dev.berth.runtime.state.StateStore;
import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Process;
import dev.berth.specs.Resources;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecWriter;
import dev.berth.specs.network.NetworkReader;
import dev.berth.specs.network.NetworkWriter;
import dev.berth.syscall.Syscalls;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code berth sandbox [options] -- CMD...}: a throw-away container made of the host's own files, no
 * image: read-only binds of {@code /usr}, {@code /bin}, {@code /sbin}, {@code /lib*} (symlinks where the
 * host has merged them into {@code /usr}), a few files of {@code /etc} (never {@code shadow}), fresh
 * {@code /tmp}, {@code /proc}, {@code /dev}, new namespaces, no network but {@code lo}; exits with CMD's
 * status (128+signal if a signal killed it). Killing {@code berth} kills the whole sandbox: its init gets
 * SIGKILL when Berth dies, and the rest of its pid namespace with it.
 */
public final class SandboxCommand {
    static final String USAGE = """
            usage: berth sandbox [options] -- COMMAND [ARGS...]

              --ro PATH          also bind PATH from the host, read-only (repeatable)
              --rw PATH          also bind PATH from the host, writable (repeatable)
              --memory BYTES     memory limit (k, m, g suffixes)
              --pids N           limit on the number of processes
              --timeout SECONDS  kill the sandbox after this long (exit 137)
              --hostname NAME    hostname (default "sandbox")
              --cwd DIR          working directory (default /tmp)
              --env K=V          environment variable (repeatable); PATH, HOME and TERM have defaults
              --net NET          network: "none" (default: only lo), "bridge" (bridge berth0, an address
                                 from 198.18.0.0/16, default route, NAT), or a CNI .conflist file
            """;

    private static final Set<String> VALUES = Set.of("ro", "rw", "memory", "pids", "timeout", "hostname", "cwd", "env",
            "net");
    /** /etc files a sandbox sees: enough for names and DNS, never the shadow files. */
    private static final List<String> ETC = List.of("passwd", "group", "hosts", "resolv.conf", "nsswitch.conf",
            "localtime", "host.conf", "ld.so.cache");
    private static final List<String> SYSTEM_DIRS = List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32");

    private SandboxCommand() {}

    public static int run(String[] args, Globals g, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Flags f = new Flags("sandbox", args, VALUES, Set.of());
        List<String> command = f.positional();
        if (command.isEmpty()) {
            throw new Args.UsageException("sandbox: no command: berth sandbox [options] -- COMMAND [ARGS...]");
        }
        String id = "sandbox-" + ProcessHandle.current().pid();
        Path stateRoot = g.root().resolve("sandboxes");
        Path bundle = Files.createDirectories(stateRoot.resolve(".bundles")).resolve(id);
        Log log = g.logger(err);
        try {
            Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
            Spec spec = spec(rootfs, command, f);
            Files.write(bundle.resolve("config.json"), SpecWriter.toBytes(spec));
            double timeout = f.get("timeout") == null ? 0 : Double.parseDouble(f.get("timeout"));
            return RunCommand.sandbox(new StateStore(stateRoot), new CreateOptions(id, bundle, null, null, false, false, 0,
                    false), timeout, log);
        } finally {
            removeTree(bundle);
        }
    }

    /** The sandbox's spec: DefaultSpecs.sandbox() with the host's layout, the command and the options. */
    static Spec spec(Path rootfs, List<String> command, Flags f) throws IOException {
        Spec base = DefaultSpecs.sandbox();
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : base.mounts()) {
            if (!SYSTEM_DIRS.contains(m.destination().substring(1))) {
                mounts.add(m);
            }
        }
        for (String dir : SYSTEM_DIRS) {
            Path host = Path.of("/" + dir);
            if (Files.isSymbolicLink(host)) {
                Files.createSymbolicLink(rootfs.resolve(dir), Files.readSymbolicLink(host));
            } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                mounts.add(bind("/" + dir, "/" + dir, true));
            }
        }
        String net = f.get("net") == null ? "none" : f.get("net");
        Map<String, String> annotations = new LinkedHashMap<>(base.annotations());
        switch (net) {
            case "none" -> { }
            case "bridge" -> annotations.put(NetworkReader.INLINE_ANNOTATION,
                    new String(NetworkWriter.toBytes(CniNetwork.defaultBridge()), StandardCharsets.UTF_8));
            default -> {
                Path conflist = Path.of(net).toAbsolutePath().normalize();
                if (!Files.isRegularFile(conflist)) {
                    throw new Args.UsageException("sandbox: --net " + net + ": not \"none\", \"bridge\" or a conflist file");
                }
                annotations.put(NetworkReader.CONFLIST_ANNOTATION, conflist.toString());
            }
        }
        boolean networked = !net.equals("none");
        if (networked) {
            annotations.put("dev.berth.network.etc", "hosts,resolv.conf");
        }
        for (String name : ETC) {
            if (networked && (name.equals("hosts") || name.equals("resolv.conf"))) {
                continue; // provided from the network's result
            }
            Path host = Path.of("/etc", name);
            if (Files.isRegularFile(host)) {
                mounts.add(bind(host.toRealPath().toString(), "/etc/" + name, true));
            }
        }
        for (String p : f.all("ro")) {
            mounts.add(bind(Path.of(p).toAbsolutePath().normalize().toString(), Path.of(p).toAbsolutePath().normalize()
                    .toString(), true));
        }
        for (String p : f.all("rw")) {
            mounts.add(bind(Path.of(p).toAbsolutePath().normalize().toString(), Path.of(p).toAbsolutePath().normalize()
                    .toString(), false));
        }
        List<String> env = new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME=/tmp", "TERM=" + System.getenv().getOrDefault("TERM", "xterm")));
        for (String e : f.all("env")) {
            String key = e.substring(0, Math.max(0, e.indexOf('=')));
            env.removeIf(x -> x.startsWith(key + "="));
            env.add(e);
        }
        Process p = base.process().withArgs(command).withEnv(env)
                .withCwd(f.get("cwd") != null ? f.get("cwd") : base.process().cwd())
                .withUser(new Process.User(Syscalls.getuid(), Syscalls.getgid(), null, List.of()));
        Linux linux = base.linux();
        if (f.get("memory") != null || f.get("pids") != null) {
            Resources r = linux.resources();
            Resources.Memory memory = f.get("memory") == null ? r.memory()
                    : new Resources.Memory(bytes(f.get("memory")), null, null, null, null, null, null, null, null);
            Resources.Pids pids = f.get("pids") == null ? r.pids() : new Resources.Pids(Long.parseLong(f.get("pids")));
            linux = linux.withResources(new Resources(r.devices(), memory, r.cpu(), pids, r.blockIo(), r.hugepageLimits(),
                    r.network(), r.rdma(), r.unified()));
        }
        String hostname = f.get("hostname") != null ? f.get("hostname") : "sandbox";
        Spec spec = base.withProcess(p).withMounts(mounts).withHostname(hostname).withLinux(linux)
                .withAnnotations(annotations);
        if (Syscalls.geteuid() != 0) {
            // Rootless: a user namespace mapping the caller to root inside; its own network namespace stays
            // (only lo: --net is refused by create), /sys and limits as toRootless makes them.
            int uid = Syscalls.geteuid();
            int gid = Syscalls.getegid();
            spec = DefaultSpecs.toRootless(spec, uid, gid);
            spec = spec.withProcess(spec.process().withUser(new Process.User(0, 0, null, List.of())))
                    .withLinux(spec.linux().withNamespaces(withNetwork(spec.linux().namespaces())));
        }
        return spec;
    }

    private static List<Linux.Namespace> withNetwork(List<Linux.Namespace> namespaces) {
        List<Linux.Namespace> out = new ArrayList<>(namespaces);
        if (out.stream().noneMatch(n -> n.type().equals("network"))) {
            out.add(new Linux.Namespace("network", null));
        }
        return out;
    }

    private static Mount bind(String source, String destination, boolean readonly) {
        return new Mount(destination, "bind", source, readonly ? List.of("rbind", "ro", "nosuid", "nodev")
                : List.of("rbind", "rw", "nosuid", "nodev"));
    }

    /** {@code 512m} → bytes. */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        char last = t.charAt(t.length() - 1);
        if ("kmgt".indexOf(last) >= 0) {
            mult = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L << 40;
            };
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * mult;
    }

    private static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
