package dev.berth.runtime.init;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code berth init}: parses the options and runs {@link Init} (or {@link VmInit} as the PID 1 of a VM). */
public final class InitCommand {
    private InitCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        // First of all: from here on no signal is lost or handled by the JVM's defaults; they wait in the
        // catcher's pipe until the payload exists.
        Init.catchAll();
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(InitOptions.USAGE);
            return 0;
        }
        InitOptions options;
        try {
            options = InitOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("berth init: " + e.getMessage());
            return 2;
        }
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        List<String> command = options.command();
        dev.berth.specs.Spec spec = null;
        if (options.spec() != null) {
            try {
                spec = dev.berth.specs.SpecReader.readConfig(options.spec(), options.spec().toString());
            } catch (dev.berth.specs.SpecException e) {
                err.println("berth init: " + e.getMessage());
                if (VmInit.detect(options)) {
                    // As a VM's PID 1, exiting would panic the kernel: stop the machine cleanly instead.
                    return new VmInit(options, err, null).run(List.of(), env);
                }
                return 2;
            }
            if (command.isEmpty() && spec.process() != null) {
                command = spec.process().args();
                env = new ArrayList<>(spec.process().env());
            }
        }
        int code;
        if (VmInit.detect(options)) {
            code = new VmInit(options, err, spec).run(command, env);
        } else if (command.isEmpty()) {
            err.println("berth init: no command to run (--spec without a process?)");
            code = 2;
        } else {
            code = new Init(options, err).run(command, env);
        }
        out.flush();
        err.flush();
        // No shutdown hooks, no waiting for JVM threads: the payload's status is all that is left to give.
        Runtime.getRuntime().halt(code);
        return code;
    }
}
