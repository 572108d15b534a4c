package dev.berth.runtime.cli;

import dev.berth.runtime.lifecycle.Containers;
import dev.berth.runtime.lifecycle.Exec;
import dev.berth.runtime.lifecycle.Log;
import dev.berth.runtime.state.StateStore;
import dev.berth.specs.Process;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code exec [--process FILE | ARGS...]}: runc's options. Without {@code --process}, the process is the
 * container's own with its args replaced and the command line's {@code --env}, {@code --cwd},
 * {@code --user}, {@code --additional-gids}, {@code --cap}, {@code --tty} and {@code --no-new-privs} applied.
 */
final class ExecCommand {
    private static final Set<String> VALUES = Set.of("process", "p", "pid-file", "console-socket", "cwd", "env", "e",
            "user", "u", "additional-gids", "g", "cap", "c", "preserve-fds", "process-label", "apparmor", "cgroup");
    private static final Set<String> FLAGS = Set.of("detach", "d", "tty", "t", "no-new-privs", "ignore-paused");

    private ExecCommand() {}

    static int run(String[] args, Globals g, Log log) throws Exception {
        Flags f = new Flags("exec", args, VALUES, FLAGS);
        String id = f.id("exec");
        StateStore store = new StateStore(g.root());
        Containers containers = new Containers(store, log);
        Process process;
        String file = f.get("process", "p");
        if (file != null) {
            process = SpecReader.readProcess(Path.of(file), file);
        } else {
            List<String> command = f.positional().subList(1, f.positional().size());
            if (command.isEmpty()) {
                throw new Args.UsageException("exec: no command: berth exec ID COMMAND [ARGS...] or --process FILE");
            }
            Spec spec = SpecReader.readConfig(store.dir(id).resolve(StateStore.CONFIG), "config.json");
            process = fromCommandLine(spec.process(), command, f);
        }
        String fds = f.get("preserve-fds");
        return Exec.exec(containers, new Exec.Options(id, process, f.has("detach") || f.has("d"),
                f.get("pid-file") == null ? null : Path.of(f.get("pid-file")),
                f.get("console-socket") == null ? null : Path.of(f.get("console-socket")),
                fds == null ? 0 : Integer.parseInt(fds)), log);
    }

    private static Process fromCommandLine(Process base, List<String> command, Flags f) {
        List<String> env = new ArrayList<>(base.env());
        env.addAll(f.all("env"));
        env.addAll(f.all("e"));
        Process.User user = base.user() == null ? Process.User.ROOT : base.user();
        String u = f.get("user", "u");
        if (u != null) {
            String[] parts = u.split(":", 2);
            user = new Process.User(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0, user.umask(),
                    user.additionalGids());
        }
        List<String> gids = new ArrayList<>(f.all("additional-gids"));
        gids.addAll(f.all("g"));
        if (!gids.isEmpty()) {
            user = new Process.User(user.uid(), user.gid(), user.umask(), gids.stream().map(Long::parseLong).toList());
        }
        Process.Capabilities caps = base.capabilities();
        List<String> extra = new ArrayList<>(f.all("cap"));
        extra.addAll(f.all("c"));
        if (!extra.isEmpty() && caps != null) {
            caps = new Process.Capabilities(plus(caps.bounding(), extra), plus(caps.effective(), extra),
                    caps.inheritable(), plus(caps.permitted(), extra), plus(caps.ambient(), extra));
        }
        String cwd = f.get("cwd") != null ? f.get("cwd") : base.cwd();
        boolean tty = f.has("tty") || f.has("t");
        boolean nnp = base.noNewPrivileges() || f.has("no-new-privs");
        return new Process(tty, base.consoleSize(), user, command, null, env, cwd, caps, base.rlimits(), nnp,
                base.apparmorProfile(), null, base.scheduler(), base.selinuxLabel(), base.ioPriority(), null);
    }

    private static List<String> plus(List<String> set, List<String> extra) {
        List<String> out = new ArrayList<>(set);
        for (String c : extra) {
            String name = c.toUpperCase(java.util.Locale.ROOT).startsWith("CAP_") ? c.toUpperCase(java.util.Locale.ROOT)
                    : "CAP_" + c.toUpperCase(java.util.Locale.ROOT);
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
