package dev.berth.it.image;

import com.github.dockerjava.api.model.Capability;
import dev.berth.it.docker.Images;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A running container of Berth's image set up for berth to create containers in, one per test class
 * ({@code @RegisterExtension static final BerthMachine berth = new BerthMachine();}). Tests write bundles
 * into it and run {@code berth} there with {@code docker exec}; what a probe in the inner container prints
 * comes back as the exec's output.
 *
 * <p>Not {@code --privileged}: docker's privileged mode asks for every capability, and this VM's bounding
 * set lacks {@code CAP_SYS_RESOURCE}, so docker cannot start it. What works instead: every capability docker
 * 20.10 knows but {@code SYS_RESOURCE}, no seccomp filter and no AppArmor profile (Berth makes mounts and
 * namespaces), a private cgroup namespace (Berth creates cgroups below the machine's own), {@code /sys} and
 * the cgroup mounts remounted read-write by the machine's payload ({@code machine.sh}), and a tmpfs for the
 * bundles (an overlay's upper directory cannot be on the container's own overlayfs).
 */
public final class BerthMachine implements BeforeAllCallback, AfterAllCallback {
    /** Capabilities docker 20.10 refuses as unknown ({@code invalid CapAdd}), and the one this host lacks. */
    private static final Set<Capability> LEFT_OUT = EnumSet.of(Capability.ALL, Capability.SYS_RESOURCE, Capability.BPF,
            Capability.PERFMON, Capability.CHECKPOINT_RESTORE);
    /** What {@code machine.sh} prints once the machine is set up. */
    private static final String READY = "berth-machine: ready";

    private final List<String> binds = new ArrayList<>();
    private GenericContainer<?> container;

    /** Binds the host's {@code hostDir} at {@code inMachine} (read-write), for what the test shares with it. */
    public BerthMachine bind(String hostDir, String inMachine) {
        binds.add(hostDir);
        binds.add(inMachine);
        return this;
    }

    /** The capabilities the machine gets: all but {@link #LEFT_OUT}. */
    static Capability[] capabilities() {
        return Arrays.stream(Capability.values()).filter(c -> !LEFT_OUT.contains(c)).toArray(Capability[]::new);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(Images.berth()))
                .withCopyToContainer(MountableFile.forClasspathResource("dev/berth/it/image/machine.sh"), "/machine.sh")
                .withCommand("sh", "/machine.sh")
                .withTmpFs(Map.of("/bundles", "rw,exec,dev,suid,size=512m"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withCapAdd(capabilities())
                        .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                        .withCgroupnsMode("private"))
                .waitingFor(Wait.forLogMessage(".*" + READY + ".*\\n", 1));
        for (int i = 0; i < binds.size(); i += 2) {
            c.withFileSystemBind(binds.get(i), binds.get(i + 1), BindMode.READ_WRITE);
        }
        c.start();
        container = c;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    /** Runs {@code argv} in the machine (a {@code docker exec}) and returns what it printed and its status. */
    public ExecResult exec(String... argv) throws IOException, InterruptedException {
        return container.execInContainer(argv);
    }

    /** The container, for what the methods here do not cover. */
    public GenericContainer<?> container() {
        return container;
    }

    /** Runs {@code sh -c SCRIPT} in the machine. */
    public ExecResult sh(String script) throws IOException, InterruptedException {
        return exec("sh", "-c", script);
    }

    /** Runs {@code berth ARGS...} in the machine. */
    public ExecResult berth(String... args) throws IOException, InterruptedException {
        String[] argv = new String[args.length + 1];
        argv[0] = "berth";
        System.arraycopy(args, 0, argv, 1, args.length);
        return exec(argv);
    }

    /** A new bundle called {@code name}; nothing is written before {@link #write}. */
    public Bundle bundle(String name) {
        return new Bundle(name);
    }

    /**
     * Writes {@code b}: its {@code config.json}, and a copy of the busybox root file system if it has none yet.
     * The JSON goes as an argument of the exec: {@code docker cp} would write below the tmpfs, into the image's
     * layer.
     */
    public void write(Bundle b) throws IOException, InterruptedException {
        ok(exec("sh", "-c", "mkdir -p \"$1\" && printf '%s' \"$2\" > \"$1/config.json\" "
                + "&& { [ -d \"$1/rootfs\" ] || cp -a /bundles/.rootfs \"$1/rootfs\"; }", "sh", b.dir(),
                new String(b.configJson(), StandardCharsets.UTF_8)));
    }

    /** Writes {@code b} and runs it in the foreground: {@code berth run --bundle DIR NAME}. */
    public ExecResult run(Bundle b) throws IOException, InterruptedException {
        write(b);
        return berth("run", "--bundle", b.dir(), b.name());
    }

    /** {@code r}, if its exit status is 0; otherwise an assertion error that shows all of it. */
    public static ExecResult ok(ExecResult r) {
        if (r.getExitCode() != 0) {
            throw new AssertionError("exit status " + r.getExitCode() + "\n" + describe(r));
        }
        return r;
    }

    /** Everything an exec printed, for assertion messages. */
    public static String describe(ExecResult r) {
        return "exit status " + r.getExitCode() + "\n--- stdout\n" + r.getStdout() + "--- stderr\n" + r.getStderr() + "---";
    }
}
