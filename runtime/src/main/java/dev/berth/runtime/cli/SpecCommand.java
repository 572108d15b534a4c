package dev.berth.runtime.cli;

import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecWriter;
import dev.berth.syscall.Syscalls;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code berth spec [--bundle DIR] [--rootless]}: writes a default {@code config.json} into the bundle
 * (the current directory by default), as {@code runc spec} does, refusing to overwrite one.
 */
public final class SpecCommand {
    private SpecCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path bundle = Path.of(".");
        boolean rootless = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bundle", "-b" -> bundle = Path.of(Args.value(args, i++, "--bundle"));
                case "--rootless" -> rootless = true;
                case "--help", "-h" -> {
                    out.println("usage: berth spec [--bundle DIR] [--rootless]");
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--bundle=")) {
                        bundle = Path.of(args[i].substring("--bundle=".length()));
                    } else {
                        err.println("berth spec: unknown option " + args[i]);
                        return 2;
                    }
                }
            }
        }
        Path config = bundle.resolve("config.json");
        if (Files.exists(config)) {
            err.println("berth spec: File " + config + " exists. Remove it first");
            return 1;
        }
        Spec spec = rootless ? DefaultSpecs.rootless(Integer.toUnsignedLong(Syscalls.geteuid()),
                Integer.toUnsignedLong(Syscalls.getegid())) : DefaultSpecs.runcLike();
        SpecWriter.writeAtomically(SpecWriter.toBytes(spec), config);
        return 0;
    }
}
