package dev.berth.runtime.cli;

import dev.berth.runtime.lifecycle.Log;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * runc's global options, given before the verb: {@code --root DIR --log FILE --log-format text|json --debug
 * --systemd-cgroup}. Clients (containerd, docker, podman) pass them on every call.
 *
 * @param root the state directory ({@code /run/berth})
 * @param log the log file, or null
 * @param json {@code --log-format json}
 * @param debug {@code --debug}
 * @param systemdCgroup {@code --systemd-cgroup}
 * @param rest the verb and its arguments
 */
public record Globals(Path root, Path log, boolean json, boolean debug, boolean systemdCgroup, String[] rest) {
    public static final Path DEFAULT_ROOT = Path.of("/run/berth");

    /** /run/berth for root; for other users $XDG_RUNTIME_DIR/berth (as runc's $XDG_RUNTIME_DIR/runc). */
    static Path defaultRoot() {
        if (dev.berth.syscall.Syscalls.geteuid() == 0) {
            return DEFAULT_ROOT;
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        return xdg != null && !xdg.isEmpty() ? Path.of(xdg, "berth")
                : Path.of(System.getProperty("java.io.tmpdir"), "berth-" + dev.berth.syscall.Syscalls.geteuid());
    }

    /** Parses the global options at the front of {@code args}. */
    public static Globals parse(String[] args) {
        Path root = defaultRoot();
        Path log = null;
        boolean json = false;
        boolean debug = false;
        boolean systemd = false;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--root" -> root = Path.of(value != null ? value : Args.value(args, i++, a));
                case "--log" -> log = Path.of(value != null ? value : Args.value(args, i++, a));
                case "--log-format" -> {
                    String f = value != null ? value : Args.value(args, i++, a);
                    if (!f.equals("text") && !f.equals("json")) {
                        throw new Args.UsageException("--log-format: text or json, not " + f);
                    }
                    json = f.equals("json");
                }
                case "--debug" -> debug = true;
                case "--systemd-cgroup" -> systemd = true;
                case "--rootless" -> {
                    // runc's "auto|true|false": Berth decides from the caller's uid
                    if (value == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        i++;
                    }
                }
                case "--criu" -> Args.value(args, i++, a);
                default -> {
                    return new Globals(root, log, json, debug, systemd, java.util.Arrays.copyOfRange(args, i,
                            args.length));
                }
            }
        }
        return new Globals(root, log, json, debug, systemd, new String[0]);
    }

    public Log logger(PrintStream stderr) {
        return new Log(log, json, debug, stderr);
    }
}
