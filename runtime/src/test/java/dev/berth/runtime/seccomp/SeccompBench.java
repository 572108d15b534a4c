package dev.berth.runtime.seccomp;

import dev.berth.specs.Seccomp;
import dev.berth.specs.SpecReader;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import dev.berth.syscall.struct.SockFilter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers of {@code bench/seccomp.sh} for one profile on x86_64: program length (Berth, libseccomp's export),
 * compile time (Berth in a timed loop after warm-up; libseccomp in its C harness, building and exporting), and
 * the average number of BPF instructions executed per system call over every system call of x86_64 and of i386
 * (arguments zero), both programs run in {@link BpfInterpreter}. Prints {@code key=value} lines.
 *
 * <p>Usage: {@code SeccompBench CONFIG_JSON [ITERATIONS]}.
 */
public final class SeccompBench {
    private SeccompBench() {}

    public static void main(String[] argv) throws Exception {
        Path config = Path.of(argv[0]);
        int n = argv.length > 1 ? Integer.parseInt(argv[1]) : 2000;
        Seccomp spec = SpecReader.readConfig(config, config.getFileName().toString()).linux().seccomp();
        Arch target = Arch.X86_64;

        // warm up, then time batches and keep the median batch
        SeccompProgram mine = null;
        for (int i = 0; i < n; i++) {
            mine = SeccompCompiler.compile(spec, target);
        }
        long[] batches = new long[21];
        int per = Math.max(1, n / 20);
        for (int b = 0; b < batches.length; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < per; i++) {
                mine = SeccompCompiler.compile(spec, target);
            }
            batches[b] = (System.nanoTime() - t0) / per;
        }
        Arrays.sort(batches);
        long mineNs = batches[batches.length / 2];

        List<SockFilter> theirs = Libseccomp.export(spec, target);
        long theirsNs = Libseccomp.benchNanos(spec, target, n);

        System.out.println("insns=" + mine.instructions().size());
        System.out.println("libseccomp_insns=" + theirs.size());
        System.out.printf("compile_us=%.1f%n", mineNs / 1000.0);
        System.out.printf("libseccomp_compile_us=%.1f%n", theirsNs / 1000.0);
        for (AuditArch abi : List.of(AuditArch.X86_64, AuditArch.I386)) {
            long a = 0;
            long b = 0;
            int count = 0;
            for (int nr : abi.syscalls().values()) {
                BpfInterpreter.Data d = new BpfInterpreter.Data(nr, abi.auditArch(), 0, new long[6]);
                BpfInterpreter.Result x = BpfInterpreter.run(mine.instructions(), d);
                BpfInterpreter.Result y = BpfInterpreter.run(theirs, d);
                if (x.value() != y.value()) {
                    throw new AssertionError("programs disagree on " + abi + " " + nr);
                }
                a += x.executed();
                b += y.executed();
                count++;
            }
            String key = abi == AuditArch.X86_64 ? "" : "_" + abi.name().toLowerCase();
            System.out.printf("avg_exec%s=%.2f%n", key, (double) a / count);
            System.out.printf("libseccomp_avg_exec%s=%.2f%n", key, (double) b / count);
            System.out.println("syscalls" + key + "=" + count);
        }
    }
}
