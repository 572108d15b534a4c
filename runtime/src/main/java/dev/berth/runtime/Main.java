package dev.berth.runtime;

import dev.berth.netlink.ip.IpCommand;
import dev.berth.runtime.cli.Demo;
import dev.berth.runtime.cli.SpecCommand;
import dev.berth.runtime.init.InitCommand;
import java.io.PrintStream;

/** The {@code berth} command line: dispatches a verb to its command. */
public final class Main {
    private Main() {}

    static final String USAGE = """
            usage: berth [global options] COMMAND [arguments]

            Berth: a container and init runtime for Linux, written in Java with FFM.

            Commands:
              init        run a command as PID 1 of a container or VM: reap, forward signals, exit with
                          its status (berth init --help)
              spec        write a default OCI config.json into the bundle (--bundle DIR, --rootless)
              ip          show and change network interfaces, addresses, routes, neighbours, rules and
                          namespaces, with the ip(8) verbs (berth ip link add v0 type veth peer name v1)
              demo        show the syscall layer at work: identity, limits, and a private mount
                          and UTS namespace on one thread (hostname, tmpfs) that the host never sees
              jshell      explore the kernel interactively with the syscall API imported
                          (handled by the launcher script)

            Global options:
              --version   print the version
              --help      print this help
            """;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String verb = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
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
                default -> {
                    err.println("berth: unknown command \"" + verb + "\" (see berth --help)");
                    yield 2;
                }
            };
        } catch (Exception e) {
            err.println("berth " + verb + ": " + e.getMessage());
            return 1;
        }
    }
}
