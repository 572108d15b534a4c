package dev.berth.runtime.cli;

import dev.berth.runtime.lifecycle.Containers;
import dev.berth.runtime.lifecycle.Log;
import dev.berth.runtime.state.StateException;
import dev.berth.specs.Resources;
import dev.berth.specs.SpecReader;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The runc verbs that act through a container's cgroup: pause, resume, ps, update, events. */
final class CgroupCommands {
    private CgroupCommands() {}

    static int run(String verb, String[] args, Containers containers, Log log, PrintStream out) throws Exception {
        switch (verb) {
            case "pause" -> containers.pause(new Flags(verb, args, Set.of(), Set.of()).id(verb));
            case "resume" -> containers.resume(new Flags(verb, args, Set.of(), Set.of()).id(verb));
            case "ps" -> {
                return ps(new Flags(verb, args, Set.of("format", "f"), Set.of()), containers, out);
            }
            case "update" -> {
                Flags f = new Flags(verb, args, UPDATE_VALUES, Set.of());
                for (String w : containers.update(f.id(verb), resources(f))) {
                    log.warn(w);
                }
            }
            case "events" -> {
                return events(new Flags(verb, args, Set.of("interval"), Set.of("stats")), containers, out);
            }
            default -> throw new Args.UsageException("unknown command " + verb);
        }
        return 0;
    }

    /** {@code ps --format json ID} prints the pids; the table runs {@code ps} (or the given ps options) and keeps the container's lines. */
    private static int ps(Flags f, Containers containers, PrintStream out) throws Exception {
        String id = f.id("ps");
        List<Integer> pids = containers.pids(id);
        String format = f.get("format", "f");
        if ("json".equals(format)) {
            out.println(pids.toString().replace(" ", ""));
            return 0;
        }
        if (format != null && !format.equals("table")) {
            throw new Args.UsageException("ps: --format table or json, not " + format);
        }
        List<String> psArgs = new ArrayList<>(List.of("ps"));
        psArgs.addAll(f.positional().size() > 1 ? f.positional().subList(1, f.positional().size()) : List.of("-ef"));
        String table = capture(psArgs);
        String[] lines = table.split("\n");
        if (lines.length == 0) {
            return 0;
        }
        int pidColumn = List.of(lines[0].trim().split("\\s+")).indexOf("PID");
        if (pidColumn < 0) {
            throw new StateException("ps: the output of " + String.join(" ", psArgs) + " has no PID column", 1);
        }
        Set<String> wanted = new HashSet<>();
        pids.forEach(p -> wanted.add(Integer.toString(p)));
        out.println(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] cols = lines[i].trim().split("\\s+");
            if (cols.length > pidColumn && wanted.contains(cols[pidColumn])) {
                out.println(lines[i]);
            }
        }
        return 0;
    }

    private static String capture(List<String> argv) throws Exception {
        int[] pipe = dev.berth.syscall.Fs.pipe2(dev.berth.syscall.Open.O_CLOEXEC);
        try (dev.berth.syscall.Fd r = dev.berth.syscall.Fd.of(pipe[0]); dev.berth.syscall.Fd w = dev.berth.syscall.Fd.of(pipe[1])) {
            String path = argv.get(0).contains("/") ? argv.get(0) : "/bin/" + argv.get(0);
            SpawnPlan plan = SpawnPlan.builder().execve(path, argv, List.of("PATH=/usr/bin:/bin", "COLUMNS=1000"))
                    .inheritFd(w.get(), 1).build();
            try (Spawned s = Spawner.start(plan)) {
                w.close();
                java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                byte[] chunk;
                while ((chunk = dev.berth.syscall.Fs.read(r.get(), 8192)).length > 0) {
                    b.writeBytes(chunk);
                }
                s.waitFor();
                return b.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    private static final Set<String> UPDATE_VALUES = Set.of("resources", "r", "memory", "memory-swap",
            "memory-reservation", "kernel-memory", "kernel-memory-tcp", "cpu-shares", "cpu-quota", "cpu-period",
            "cpu-rt-runtime", "cpu-rt-period", "cpuset-cpus", "cpuset-mems", "pids-limit", "blkio-weight", "l3-cache-schema",
            "mem-bw-schema", "cpu-idle", "cpu-burst");

    /** The new resources: JSON from {@code --resources FILE} (or {@code -}: stdin, as docker sends it), or from the flags. */
    static Resources resources(Flags f) throws Exception {
        String file = f.get("resources", "r");
        if (file != null) {
            return file.equals("-") ? SpecReader.readResources(System.in, "stdin")
                    : SpecReader.readResources(Path.of(file), file);
        }
        Long memory = size(f.get("memory"));
        Long swap = size(f.get("memory-swap"));
        Long reservation = size(f.get("memory-reservation"));
        Long kernel = size(f.get("kernel-memory"));
        Long kernelTcp = size(f.get("kernel-memory-tcp"));
        Resources.Memory mem = memory == null && swap == null && reservation == null && kernel == null && kernelTcp == null
                ? null : new Resources.Memory(memory, reservation, swap, kernel, kernelTcp, null, null, null, null);
        Resources.Cpu cpu = null;
        if (f.get("cpu-shares") != null || f.get("cpu-quota") != null || f.get("cpu-period") != null
                || f.get("cpuset-cpus") != null || f.get("cpuset-mems") != null || f.get("cpu-rt-runtime") != null
                || f.get("cpu-rt-period") != null || f.get("cpu-idle") != null || f.get("cpu-burst") != null) {
            cpu = new Resources.Cpu(num(f.get("cpu-shares")), num(f.get("cpu-quota")), num(f.get("cpu-burst")),
                    num(f.get("cpu-period")), num(f.get("cpu-rt-runtime")), num(f.get("cpu-rt-period")),
                    f.get("cpuset-cpus"), f.get("cpuset-mems"), num(f.get("cpu-idle")));
        }
        Resources.Pids pids = f.get("pids-limit") == null ? null : new Resources.Pids(num(f.get("pids-limit")));
        Resources.BlockIo io = null;
        if (f.get("blkio-weight") != null) {
            io = new Resources.BlockIo(Integer.valueOf(f.get("blkio-weight")), null, List.of(), List.of(), List.of(), List.of(),
                    List.of());
        }
        return new Resources(List.of(), mem, cpu, pids, io, List.of(), null, java.util.Map.of(), java.util.Map.of());
    }

    private static Long num(String s) {
        return s == null ? null : Long.parseLong(s);
    }

    /** Docker's sizes: a number of bytes, with k/m/g suffixes; -1 for unlimited. */
    private static Long size(String s) {
        if (s == null) {
            return null;
        }
        return s.equals("-1") ? -1L : SandboxCommand.bytes(s);
    }

    /** {@code events}: runc's JSON lines, stats every interval (or once with {@code --stats}), until the container ends. */
    private static int events(Flags f, Containers containers, PrintStream out) throws Exception {
        String id = f.id("events");
        if (f.has("stats")) {
            out.print(containers.statsEvent(id));
            return 0;
        }
        java.time.Duration interval = parseDuration(f.get("interval") == null ? "5s" : f.get("interval"));
        long ooms = containers.oomKills(id);
        while (true) {
            String line;
            try {
                line = containers.statsEvent(id);
            } catch (StateException e) {
                return 0;
            }
            long now = containers.oomKills(id);
            if (now > ooms) {
                out.println("{\"type\":\"oom\",\"id\":" + Log.quote(id) + "}");
                ooms = now;
            }
            out.print(line);
            out.flush();
            Thread.sleep(interval.toMillis());
        }
    }

    /** Go's durations as runc takes them: {@code 5s}, {@code 500ms}, {@code 1m}. */
    static java.time.Duration parseDuration(String s) {
        if (s.endsWith("ms")) {
            return java.time.Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return java.time.Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        }
        if (s.endsWith("m")) {
            return java.time.Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        throw new Args.UsageException("--interval: a duration like 5s or 500ms, not " + s);
    }
}
