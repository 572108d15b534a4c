package dev.berth.runtime.cli;

import dev.berth.runtime.lifecycle.Containers;
import dev.berth.runtime.lifecycle.Create;
import dev.berth.runtime.lifecycle.CreateOptions;
import dev.berth.runtime.lifecycle.Log;
import dev.berth.runtime.lifecycle.RunCommand;
import dev.berth.runtime.state.ContainerState;
import dev.berth.runtime.state.StateStore;
import dev.berth.syscall.Signal;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** The runc verbs of the container lifecycle: create, start, state, kill, delete, run, list. */
public final class LifecycleCommands {
    private LifecycleCommands() {}

    static CreateOptions createOptions(String verb, Flags f, boolean waitForStart) {
        String bundle = f.get("bundle", "b");
        String fds = f.get("preserve-fds");
        return new CreateOptions(f.id(verb), Path.of(bundle == null ? "." : bundle),
                f.get("pid-file") == null ? null : Path.of(f.get("pid-file")),
                f.get("console-socket") == null ? null : Path.of(f.get("console-socket")), f.has("no-pivot"),
                f.has("no-new-keyring"), fds == null ? 0 : Integer.parseInt(fds), waitForStart);
    }

    private static final Set<String> CREATE_VALUES = Set.of("bundle", "b", "pid-file", "console-socket", "preserve-fds");
    private static final Set<String> CREATE_FLAGS = Set.of("no-pivot", "no-new-keyring");

    /** Runs {@code verb}; returns the exit code. */
    public static int run(String verb, String[] args, Globals g, PrintStream out, PrintStream err) throws Exception {
        dev.berth.runtime.util.Trace.mark("lifecycle " + verb);
        Log log = g.logger(err);
        StateStore store = new StateStore(g.root());
        Containers containers = new Containers(store, log);
        switch (verb) {
            case "create" -> {
                Flags f = new Flags(verb, args, CREATE_VALUES, CREATE_FLAGS);
                Create.Created c = Create.create(store, createOptions(verb, f, true), log);
                c.init().detach();
                return 0;
            }
            case "start" -> {
                containers.start(new Flags(verb, args, Set.of(), Set.of()).id(verb));
                return 0;
            }
            case "state" -> {
                out.print(containers.state(new Flags(verb, args, Set.of(), Set.of()).id(verb)));
                return 0;
            }
            case "kill" -> {
                Flags f = new Flags(verb, args, Set.of(), Set.of("all", "a"));
                int sig = f.positional().size() > 1 ? Signal.parse(f.positional().get(1)) : Signal.SIGTERM;
                containers.kill(f.id(verb), sig, f.has("all") || f.has("a"));
                return 0;
            }
            case "delete" -> {
                Flags f = new Flags(verb, args, Set.of(), Set.of("force", "f"));
                containers.delete(f.id(verb), f.has("force") || f.has("f"));
                return 0;
            }
            case "run" -> {
                Flags f = new Flags(verb, args, CREATE_VALUES, Set.of("no-pivot", "no-new-keyring", "detach", "d",
                        "keep"));
                return RunCommand.run(store, createOptions(verb, f, false), f.has("detach") || f.has("d"), f.has("keep"),
                        log);
            }
            case "sandbox" -> {
                return SandboxCommand.run(args, g, out, err);
            }
            case "features" -> {
                out.print(FeaturesCommand.json());
                return 0;
            }
            case "pause", "resume", "ps", "update", "events" -> {
                return CgroupCommands.run(verb, args, containers, log, out);
            }
            case "exec" -> {
                return ExecCommand.run(args, g, log);
            }
            case "list" -> {
                Flags f = new Flags(verb, args, Set.of("format", "f"), Set.of("quiet", "q"));
                String format = f.get("format", "f");
                boolean quiet = f.has("quiet") || f.has("q");
                list(containers, format == null ? "table" : format, quiet, out);
                return 0;
            }
            default -> throw new Args.UsageException("unknown command \"" + verb + "\" (see berth --help)");
        }
    }

    private static void list(Containers containers, String format, boolean quiet, PrintStream out) throws Exception {
        var all = containers.list();
        if (quiet) {
            for (ContainerState s : all) {
                out.println(s.id());
            }
            return;
        }
        if (format.equals("json")) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < all.size(); i++) {
                ContainerState s = all.get(i);
                var st = containers.status(s);
                sb.append(i == 0 ? "" : ",").append("{\"ociVersion\":\"1.3.0\",\"id\":").append(Log.quote(s.id()))
                        .append(",\"pid\":").append(st == dev.berth.runtime.state.Status.STOPPED ? 0 : s.pid())
                        .append(",\"status\":").append(Log.quote(st.json())).append(",\"bundle\":")
                        .append(Log.quote(s.bundle())).append(",\"rootfs\":").append(Log.quote(s.rootfs()))
                        .append(",\"created\":").append(Log.quote(s.created())).append(",\"owner\":")
                        .append(Log.quote(s.owner())).append('}');
            }
            out.println(sb.append(']'));
            return;
        }
        if (!format.equals("table")) {
            throw new Args.UsageException("list: --format table or json, not " + format);
        }
        out.printf("%-12s %-8s %-10s %-40s %-31s %s%n", "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
        for (ContainerState s : all) {
            var st = containers.status(s);
            out.printf("%-12s %-8d %-10s %-40s %-31s %s%n", s.id(), st == dev.berth.runtime.state.Status.STOPPED ? 0
                    : s.pid(), st.json(), s.bundle(), s.created(), s.owner().isEmpty() ? "root" : s.owner());
        }
    }
}
