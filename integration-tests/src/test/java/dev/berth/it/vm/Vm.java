package dev.berth.it.vm;

import dev.berth.it.common.FileTree;
import dev.berth.it.common.JavaImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away virtual machine with Berth as its PID 1: Debian's cloud kernel under
 * {@code qemu-system-x86_64} (TCG, {@code -cpu max}; KVM is not assumed), an initramfs built from local
 * files (busybox-static, Berth as a {@code jlink}ed runtime, the kernel modules asked for, and the test's
 * files), user-mode networking that cannot leave the machine ({@code restrict=on}), and the serial console
 * captured line by line.
 *
 * <pre>{@code
 * VmResult r = Vm.builder().name("boot")
 *         .kernelArgs(Vm.USER_NET_IP, "cgroup_no_v1=all")
 *         .modules("dummy", "8021q")
 *         .file("/payload.sh", script, 0755)
 *         .init(List.of("--grace", "2", "--", "/bin/sh", "/payload.sh"))
 *         .build().boot(Duration.ofMinutes(2));
 * assertTrue(r.exitedCleanly(), r.describe());
 * }</pre>
 *
 * <p>The guest's {@code /init} is a busybox script that loads the modules (dependencies first) and then
 * {@code exec}s {@code java ... berth init <args>}, so the JVM keeps pid 1. It mounts nothing: Berth's
 * VM mode does that. Payloads can run Berth's command line as {@code berth} ({@code /bin/berth}, same JVM
 * options). Host requirements are checked by {@link VmHost#assumeCanBoot()}.
 */
public final class Vm {
    /** {@code ip=} for qemu's user network: address, gateway, mask, hostname, device, no autoconf, DNS. */
    public static final String USER_NET_IP = "ip=10.0.2.15::10.0.2.2:255.255.255.0:berthvm:eth0:off:10.0.2.3";
    /** Where the Java runtime lives inside the VM. */
    public static final String JAVA_HOME = "/opt/berth/jre";
    /**
     * The JVM options of Berth as PID 1 in the VM: the launcher's (SerialGC, C1 only, no perf data, native
     * access), the AOT cache made for the image, and what bench/init.sh measured to keep an idle init's
     * resident memory under 40 MB: the interpreter only (an init runs little code; C1's compilations cost
     * megabytes of malloc arenas and, under TCG, boot time) and a 1 MB young generation (the eden pages the
     * init touches), with the heap bounded.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "--enable-native-access=dev.berth.syscall",
            "-XX:AOTCache=" + JAVA_HOME + "/" + JavaImage.Training.INIT.aotCache, "-Xint", "-Xmn1m", "-Xmx32m");
    private static final List<String> BASE_KERNEL_ARGS = List.of("console=ttyS0", "panic=-1", "quiet");
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // A test JVM that is stopped mid-boot must not leave a qemu behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final List<String> kernelArgs;
    private final List<String> modules;
    private final Map<String, FileEntry> files;
    private final List<String> initArgs;
    private final List<String> jvmOptions;
    private final List<String> qemuArgs;
    private final int memoryMb;
    private final int cpus;
    private final boolean network;

    private record FileEntry(byte[] data, int mode) {}

    private Vm(Builder b) {
        name = b.name;
        kernelArgs = List.copyOf(b.kernelArgs);
        modules = List.copyOf(b.modules);
        files = Map.copyOf(b.files);
        initArgs = List.copyOf(b.initArgs);
        jvmOptions = List.copyOf(b.jvmOptions);
        qemuArgs = List.copyOf(b.qemuArgs);
        memoryMb = b.memoryMb;
        cpus = b.cpus;
        network = b.network;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The kernel command line this VM boots with. */
    public String commandLine() {
        List<String> args = new ArrayList<>(BASE_KERNEL_ARGS);
        args.addAll(kernelArgs);
        return String.join(" ", args);
    }

    /** Builds the initramfs, boots, and waits for qemu to end by itself, killing it after {@code timeout}. */
    public VmResult boot(Duration timeout) throws IOException, InterruptedException {
        VmHost host = VmHost.get();
        Path dir = Files.createDirectories(host.work().resolve(name));
        long t0 = System.nanoTime();
        Path initrd = dir.resolve("initramfs.cpio");
        initramfs(host).writeCpio(initrd);
        Duration initramfsTime = Duration.ofNanos(System.nanoTime() - t0);

        List<String> cmd = new ArrayList<>(List.of(host.qemu().toString(), "-machine", "q35", "-accel", "tcg",
                "-cpu", "max", "-m", Integer.toString(memoryMb), "-smp", Integer.toString(cpus), "-nodefaults",
                "-display", "none", "-vga", "none", "-no-reboot", "-serial", "stdio",
                "-kernel", host.kernel().vmlinuz().toString(), "-initrd", initrd.toString(), "-append", commandLine()));
        if (network) {
            // restrict=on: the guest reaches only qemu's own gateway and DNS addresses, nothing outside.
            cmd.addAll(List.of("-netdev", "user,id=net0,restrict=on", "-device", "virtio-net-pci,netdev=net0,romfile="));
        }
        cmd.addAll(qemuArgs);
        Files.writeString(dir.resolve("qemu.cmdline"), String.join(" ", cmd) + "\n");

        Path consoleLog = dir.resolve("console.log");
        Path stderr = dir.resolve("qemu.stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long start = System.nanoTime();
        Process qemu = pb.start();
        RUNNING.add(qemu);
        List<VmResult.ConsoleLine> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().name("vm-console-" + name).daemon().start(
                () -> readConsole(qemu.getInputStream(), consoleLog, start, lines));
        boolean timedOut = false;
        try {
            if (!qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                qemu.destroyForcibly();
                qemu.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (qemu.isAlive()) {
                qemu.destroyForcibly();
                qemu.waitFor(10, TimeUnit.SECONDS);
            }
            RUNNING.remove(qemu);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        reader.join(10_000);
        return new VmResult(List.copyOf(lines), Files.readString(stderr), timedOut ? -1 : qemu.exitValue(), timedOut,
                wall, initramfsTime, consoleLog);
    }

    private static void readConsole(InputStream in, Path log, long start, List<VmResult.ConsoleLine> lines) {
        try (in; OutputStream out = Files.newOutputStream(log)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines.add(new VmResult.ConsoleLine(Duration.ofNanos(System.nanoTime() - start),
                                line.toString(StandardCharsets.UTF_8).replace("\r", "")));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
            if (line.size() > 0) {
                lines.add(new VmResult.ConsoleLine(Duration.ofNanos(System.nanoTime() - start),
                        line.toString(StandardCharsets.UTF_8).replace("\r", "")));
            }
        } catch (IOException e) {
            lines.add(new VmResult.ConsoleLine(Duration.ofNanos(System.nanoTime() - start), "[harness: console read failed: " + e + "]"));
        }
    }

    private FileTree initramfs(VmHost host) throws IOException {
        FileTree fs = new FileTree();
        fs.characterDevice("/dev/console", 0600, 5, 1);
        fs.characterDevice("/dev/null", 0666, 1, 3);
        host.busybox().addTo(fs);
        host.image().addTo(fs, JAVA_HOME);
        KernelModules km = host.modules();
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add("virtio_pci");
        if (network) {
            wanted.add("virtio_net");
        }
        wanted.addAll(modules);
        List<String> order = km.loadOrder(wanted);
        String modulesInVm = "/lib/modules/" + host.kernel().release();
        StringBuilder insmod = new StringBuilder();
        for (String m : order) {
            Path file = km.file(m);
            String inVm = modulesInVm + "/" + km.root().relativize(file);
            fs.hostFile(inVm, file);
            insmod.append("insmod ").append(inVm).append(" || echo \"init: insmod ").append(m).append(" failed\"\n");
        }
        for (Map.Entry<String, FileEntry> f : files.entrySet()) {
            fs.file(f.getKey(), f.getValue().data(), f.getValue().mode());
        }
        fs.file("/init", initScript(insmod.toString()).getBytes(StandardCharsets.UTF_8), 0755);
        fs.file("/bin/berth", berthScript().getBytes(StandardCharsets.UTF_8), 0755);
        return fs;
    }

    private String initScript(String insmod) {
        List<String> java = new ArrayList<>();
        java.add(JAVA_HOME + "/bin/java");
        java.addAll(jvmOptions);
        java.addAll(List.of("-m", JavaImage.MAIN, "init"));
        java.addAll(initArgs);
        return """
                #!/bin/sh
                # /init of a Berth test VM (dev.berth.it.vm.Vm). The kernel runs this as PID 1, and exec keeps that
                # pid for the JVM: Berth is PID 1. Nothing is mounted here: berth init detects VM mode by being
                # PID 1 with no /proc, and mounts /proc, /sys, /dev and the rest itself.
                # Loading kernel modules is the one job done before Berth starts, as a VM's initramfs does before it
                # hands over to the real init (busybox insmod, dependencies first, as listed in their .modinfo).
                %s
                # Without /proc the JVM cannot find its libraries through $ORIGIN (that reads /proc/self/exe).
                export LD_LIBRARY_PATH=%s/lib:%s/lib/server
                export PATH=/usr/sbin:/usr/bin:/sbin:/bin
                exec %s
                """.formatted(insmod.strip(), JAVA_HOME, JAVA_HOME,
                String.join(" ", java.stream().map(Vm::shellQuote).toList()));
    }

    /** {@code /bin/berth} in the VM, for payloads: Berth's command line on the same JVM options as PID 1. */
    private String berthScript() {
        List<String> java = new ArrayList<>();
        java.add(JAVA_HOME + "/bin/java");
        java.addAll(jvmOptions);
        java.addAll(List.of("-m", JavaImage.MAIN));
        return "#!/bin/sh\n# berth inside a test VM (dev.berth.it.vm.Vm)\nexec "
                + String.join(" ", java.stream().map(Vm::shellQuote).toList()) + " \"$@\"\n";
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Collects a VM's description; {@link #init} is required. */
    public static final class Builder {
        private String name = "vm";
        private final List<String> kernelArgs = new ArrayList<>();
        private final List<String> modules = new ArrayList<>();
        private final Map<String, FileEntry> files = new LinkedHashMap<>();
        private List<String> initArgs;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private final List<String> qemuArgs = new ArrayList<>();
        private int memoryMb = 512;
        private int cpus = 1;
        private boolean network = true;

        private Builder() {}

        /** Names the directory under the work directory that keeps this VM's initramfs and console log. */
        public Builder name(String name) {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("VM name must be a plain file name: " + name);
            }
            this.name = name;
            return this;
        }

        /** Kernel parameters added after {@code console=ttyS0 panic=-1 quiet}, e.g. {@link #USER_NET_IP}. */
        public Builder kernelArgs(String... args) {
            kernelArgs.addAll(List.of(args));
            return this;
        }

        /** Kernel modules to load (with their dependencies) before Berth starts: {@code dummy}, {@code 8021q}. */
        public Builder modules(String... names) {
            modules.addAll(List.of(names));
            return this;
        }

        /** A file in the VM. */
        public Builder file(String pathInVm, byte[] data, int mode) {
            files.put(pathInVm, new FileEntry(data.clone(), mode));
            return this;
        }

        /** A text file in the VM (UTF-8). */
        public Builder file(String pathInVm, String text, int mode) {
            return file(pathInVm, text.getBytes(StandardCharsets.UTF_8), mode);
        }

        /** The arguments of {@code berth init} (options, {@code --}, the payload). */
        public Builder init(List<String> berthInitArgs) {
            initArgs = List.copyOf(berthInitArgs);
            return this;
        }

        /** Replaces {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions = List.copyOf(options);
            return this;
        }

        /** Extra qemu arguments (more NICs, devices). */
        public Builder qemuArgs(String... args) {
            qemuArgs.addAll(List.of(args));
            return this;
        }

        public Builder memoryMb(int mb) {
            memoryMb = mb;
            return this;
        }

        public Builder cpus(int n) {
            cpus = n;
            return this;
        }

        /** Whether the VM gets a virtio NIC on qemu's restricted user network (default true). */
        public Builder network(boolean on) {
            network = on;
            return this;
        }

        public Vm build() {
            if (initArgs == null) {
                throw new IllegalStateException("Vm.builder().init(...) is required: the berth init arguments");
            }
            return new Vm(this);
        }
    }
}
