package dev.berth.runtime;

import dev.berth.netlink.ip.IpCommand;
import dev.berth.runtime.cli.Demo;
import dev.berth.runtime.cli.Globals;
import dev.berth.runtime.cli.LifecycleCommands;
import dev.berth.runtime.cli.SpecCommand;
import dev.berth.runtime.init.InitCommand;
import dev.berth.runtime.lifecycle.Log;
import dev.berth.runtime.state.StateException;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code berth} command line: global options, then a verb and its arguments (runc's contract). */
public final class Main {
    private Main() {}

    static final String USAGE = """
            usage: berth [global options] COMMAND [arguments]

            Berth: a container and init runtime for Linux, written in Java with FFM.

            Container lifecycle (the runc command line; docker, containerd and podman call these):
              create      create a container from a bundle; its process waits for start
              start       start a created container
              run         create and start a container (in the foreground unless --detach)
              state       print a container's OCI state
              kill        send a signal to a container's init (--all: to every process)
              delete      delete a container (--force: even a running one)
              list        list containers
              exec        run another process in a running container (--process FILE, -t, -d, ...)
              pause       freeze every process of a container (cgroup freezer)
              resume      thaw a paused container
              ps          list the processes of a container
              update      change a container's resource limits (--memory, --pids-limit, -r FILE, ...)
              events      stream a container's statistics and OOM events as JSON (--stats: once)
              features    print the OCI features document (what this runtime supports)
              spec        write a default OCI config.json into the bundle (--bundle DIR, --rootless)

            Sandboxes:
              sandbox     run a command in a throw-away container made of the host's own files:
                          new namespaces, private /tmp, optional limits and network
                          (berth sandbox --help; berth sandbox --net bridge -- sh)

            Other commands:
              init        run a command as PID 1 of a container or VM: reap, forward signals, exit with
                          its status (berth init --help)
              ip          show and change network interfaces, addresses, routes, neighbours, rules and
                          namespaces, with the ip(8) verbs (berth ip link add v0 type veth peer name v1)
              demo        show the syscall layer at work: identity, limits, and a private mount
                          and UTS namespace on one thread (hostname, tmpfs) that the host never sees
              jshell      explore the kernel interactively with the syscall API imported
                          (handled by the launcher script)

            Global options (before COMMAND):
              --root DIR          state directory (default /run/berth)
              --log FILE          log file
              --log-format FMT    text or json
              --debug             log the plans of what is done
              --systemd-cgroup    accepted for runc compatibility: Berth manages cgroups through
                                  cgroupfs (a slice:prefix:name cgroupsPath is refused)
              --version, --help
            """;

    public static void main(String[] args) {
        dev.berth.runtime.util.Trace.mark("main");
        int code = run(args, System.out, System.err);
        dev.berth.runtime.util.Trace.mark("exit " + code);
        System.out.flush();
        System.err.flush();
        // not System.exit: since JDK 21 it asks System.Logger whether to log the exit, which loads the
        // logging framework (about 40 classes, 5-30 ms) on every call. Berth registers no shutdown hooks.
        Runtime.getRuntime().halt(code);
    }

    /** Runs {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Globals g;
        try {
            g = Globals.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("berth: " + e.getMessage());
            return 2;
        }
        if (g.rest().length == 0) {
            err.print(USAGE);
            return 2;
        }
        String verb = g.rest()[0];
        String[] rest = Arrays.copyOfRange(g.rest(), 1, g.rest().length);
        Log log = g.logger(err);
        try {
            return switch (verb) {
                case "--version", "-v", "version" -> {
                    out.print(Version.text());
                    yield 0;
                }
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                case "demo" -> Demo.run(rest, out);
                case "spec" -> SpecCommand.run(rest, out, err);
                case "init" -> InitCommand.run(rest, out, err);
                case "ip" -> IpCommand.run(rest, out, err);
                default -> LifecycleCommands.run(verb, rest, g, out, err);
            };
        } catch (StateException e) {
            log.error(e.getMessage());
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            log.error(verb + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            log.error(verb + ": " + e.getMessage());
            if (g.debug()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }
}
