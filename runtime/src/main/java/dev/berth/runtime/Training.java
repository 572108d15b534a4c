package dev.berth.runtime;

import dev.berth.netlink.ip.IpCommand;
import dev.berth.runtime.config.SpecConverter;
import dev.berth.runtime.plan.ChildContext;
import dev.berth.runtime.plan.ChildPlanner;
import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.SpecReader;
import dev.berth.specs.SpecWriter;
import dev.berth.specs.validate.SpecValidator;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training run for the JDK's AOT cache ({@code -XX:AOTCacheOutput}), which the launcher makes once
 * per build: the code paths of the commands clients call most, so that their classes are loaded and
 * linked from the cache at start-up. As root it also runs a whole sandbox (every container setup step);
 * otherwise it plans one without running it. It changes nothing outside a temporary directory.
 */
public final class Training {
    private Training() {}

    public static void main(String[] args) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Path tmp = Files.createTempDirectory("berth-training");
        try {
            Main.run(new String[] {"--version"}, quiet, quiet);
            Main.run(new String[] {"--help"}, quiet, quiet);
            Main.run(new String[] {"spec", "--bundle", tmp.toString()}, quiet, quiet);
            byte[] config = Files.readAllBytes(tmp.resolve("config.json"));
            var spec = SpecReader.readConfig(config, "config.json");
            SpecValidator.validateForCreate(spec);
            SpecWriter.toBytes(DefaultSpecs.sandbox());
            Files.createDirectories(tmp.resolve("rootfs"));
            var c = SpecConverter.convert("training", tmp, spec);
            ChildPlanner.plan(c, new ChildContext(10, 11, 12, 13, "/run/berth/training/exec.fifo", -1, -1, Map.of(), 0,
                    false, 40, List.of("/proc/acpi"), ChildContext.CgroupMounts.NONE, Set.of(), List.of("/bin/sh"),
                    false, true, true, -1, -1)).render();
            String root = tmp.resolve("state").toString();
            Main.run(new String[] {"--root", root, "state", "nothing"}, quiet, quiet);
            Main.run(new String[] {"--root", root, "list"}, quiet, quiet);
            Main.run(new String[] {"--root", root, "list", "--format", "json"}, quiet, quiet);
            Main.run(new String[] {"features"}, quiet, quiet);
            IpCommand.run(new String[] {"-j", "link", "show"}, quiet, quiet);
            try (Spawned s = Spawner.start(SpawnPlan.builder().execve("/bin/true", List.of("true"), List.of())
                    .build())) {
                s.waitFor();
            }
            if (Syscalls.geteuid() == 0) {
                Main.run(new String[] {"--root", root, "sandbox", "--", "true"}, quiet, quiet);
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
