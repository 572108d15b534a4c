package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.syscall.testing.RootTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests: each test gets a busybox bundle, its own {@code --root}, a host
 * directory the payload can write its findings to ({@link #host}, bound at {@code /host} by
 * {@link #bindHost()}), and a container id of its own. Afterwards every container the test made is
 * deleted with {@code delete --force}, and the test fails if anything is left: a state directory, a
 * process of the container (found by a marker in its environment or the id in its command line), a
 * mount below the test's directory in the host's mount table, a child of this JVM, or an fd.
 */
@RootTest
public abstract class ContainerTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    protected Path tmp;

    protected BusyboxBundle bundle;
    protected BerthCli berth;
    /** A host directory the payload reports into (bound at {@code /host} by {@link #bindHost()}). */
    protected Path host;
    /** This test's container id. */
    protected String id;
    /** {@code NAME=value} in the environment of every process this test starts. */
    protected String marker;

    private final Set<String> ids = new LinkedHashSet<>();
    private Set<String> fdsBefore;

    @BeforeEach
    void setUpBundle(TestInfo info) throws Exception {
        String method = info.getTestMethod().map(m -> m.getName()).orElse("t");
        String shortName = method.length() > 24 ? method.substring(0, 24) : method;
        id = "e2e-" + shortName + "-" + COUNTER.incrementAndGet();
        marker = "BERTH_E2E_MARK=" + UUID.randomUUID();
        // @TempDir is private to root (0700): a container whose root is mapped to another host uid
        // could not reach its own rootfs below it
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        bundle = BusyboxBundle.create(tmp.resolve("bundle"), marker);
        host = tmp.resolve("host");
        Files.createDirectories(host);
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxrwxrwx"));
        berth = new BerthCli(tmp.resolve("root"), tmp.resolve("calls"), marker);
        fdsBefore = Leaks.openFds();
    }

    /** Binds {@link #host} read-write at {@code /host}. */
    protected ContainerTest bindHost() {
        bundle.bind(host, "/host", "rw");
        return this;
    }

    /** Remembers {@code someId} for the clean-up (containers other than {@link #id}). */
    protected String track(String someId) {
        ids.add(someId);
        return someId;
    }

    // ---- calling berth ------------------------------------------------------------------------------

    /** Writes the bundle and calls {@code berth create --bundle B ID}. */
    protected BerthCli.Result create(String containerId) throws Exception {
        track(containerId);
        bundle.write();
        return berth.call("create", "--bundle", bundle.dir.toString(), containerId);
    }

    protected BerthCli.Result create() throws Exception {
        return create(id);
    }

    /** Writes the bundle and calls {@code berth run --bundle B FLAGS... ID}, in the foreground unless a flag says so. */
    protected BerthCli.Result run(String... flags) throws Exception {
        return startRun(flags).await();
    }

    protected BerthCli.Running startRun(String... flags) throws Exception {
        track(id);
        bundle.write();
        List<String> args = new ArrayList<>(List.of("run", "--bundle", bundle.dir.toString()));
        args.addAll(List.of(flags));
        args.add(id);
        return berth.start(null, args);
    }

    /** Runs {@code sh -c SCRIPT} in the foreground, requires exit code 0, and returns what it printed. */
    protected String probe(String script) throws Exception {
        bundle.sh(script);
        return run().ok().out();
    }

    protected BerthCli.Result berth(String... args) throws Exception {
        return berth.call(args);
    }

    /** {@code berth state ID}, parsed; fails unless it exits with 0. */
    Map<String, Object> state(String containerId) throws Exception {
        return Json.object(berth.call("state", containerId).ok().out());
    }

    protected String status(String containerId) throws Exception {
        return (String) state(containerId).get("status");
    }

    protected int pid(String containerId) throws Exception {
        return ((Long) state(containerId).get("pid")).intValue();
    }

    /** Waits until {@code berth state} reports {@code expected}. */
    protected void awaitStatus(String containerId, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last;
        while (!(last = status(containerId)).equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail("status of " + containerId + " stayed " + last + ", expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    /** Waits (up to 20 s) until {@code file} exists and its content satisfies {@code ok}; returns the content. */
    protected static String awaitFile(Path file, Predicate<String> ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String text = Files.exists(file) ? Files.readString(file) : null;
            if (text != null && ok.test(text)) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                fail(file + " never satisfied the condition; last content: " + text);
            }
            Thread.sleep(25);
        }
    }

    protected static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(25);
        }
    }

    // ---- afterwards: nothing left ---------------------------------------------------------------------

    @AfterEach
    void deleteEverythingAndCheckNothingIsLeft() throws Exception {
        List<String> all = new ArrayList<>(ids);
        if (Files.isDirectory(berth.root())) {
            BerthCli.Result list = berth.call("list", "-q");
            for (String line : list.out().split("\n")) {
                if (!line.isBlank() && !all.contains(line.strip())) {
                    all.add(line.strip());
                }
            }
        }
        for (String c : all) {
            berth.call("delete", "--force", c);
        }
        assertNothingLeft(all);
    }

    /** After a failure or a delete: no state directory, process, mount, child or fd of the test is left. */
    protected void assertNothingLeft(List<String> containerIds) throws Exception {
        List<String> problems = new ArrayList<>();
        if (Files.isDirectory(berth.root())) {
            try (var entries = Files.list(berth.root())) {
                entries.forEach(e -> problems.add("left in --root: " + e));
            }
        }
        problems.addAll(Leaks.processesAfterGrace(marker, containerIds));
        problems.addAll(Leaks.mountsBelow(tmp));
        problems.addAll(Leaks.livingChildren());
        problems.addAll(Leaks.newFds(fdsBefore));
        assertEquals(List.of(), problems, "something is left after the test");
    }

    protected static void writeExecutable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
