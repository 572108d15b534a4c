package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many spawns from two threads while two others churn garbage: no hang (the watchdog fails the test),
 * no fd or child left behind. Runs under G1 in the default test run and again under ZGC (the
 * {@code stress-zgc} surefire execution). {@code -Dberth.stress.spawns=N} changes the count;
 * {@code bench/spawn.sh} runs 10,000.
 */
@Tag("stress")
class SpawnStressTest {
    static final int SPAWNS = Integer.getInteger("berth.stress.spawns", 2000);

    private static List<String> openFds() throws ErrnoException {
        try (Fd d = Fd.of(Fs.open("/proc/self/fd", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
            int self = d.get();
            return Fs.readDirectory(d.get()).stream().map(Fs.Dirent::name)
                    .filter(n -> !n.equals(Integer.toString(self))).sorted().toList();
        }
    }

    @Test
    void spawnsUnderGarbageCollectionPressure() throws Exception {
        String gc = System.getProperty("berth.gc", "the default GC");
        List<String> fdsBefore = openFds();
        SpawnPlan ok = SpawnPlan.builder().execve("/bin/true", List.of("true"), List.of()).build();
        SpawnPlan failing = SpawnPlan.builder().mkdirat(FdRef.CWD, "/nonexistent/berth", 0700)
                .execve("/bin/true", List.of("true"), List.of()).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            List<Thread> churn = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                churn.add(Thread.ofPlatform().name("churn-" + i).start(() -> {
                    List<byte[]> keep = new ArrayList<>();
                    while (!stop.get()) {
                        keep.add(new byte[ThreadLocalRandom.current().nextInt(64, 16384)]);
                        if (keep.size() > 2000) {
                            keep.subList(0, 1500).clear();
                        }
                    }
                }));
            }
            List<Thread> spawners = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                spawners.add(Thread.ofPlatform().name("spawner-" + t).start(() -> {
                    try {
                        for (int i = 0; i < SPAWNS / 2; i++) {
                            if (i % 50 == 7) {
                                assertThrows(SpawnStepException.class, () -> Spawner.start(failing));
                            } else {
                                try (Spawned s = Spawner.start(ok)) {
                                    assertEquals(ExitStatus.exited(0), s.waitFor());
                                }
                            }
                            done.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Thread t : spawners) {
                t.join();
            }
            stop.set(true);
            for (Thread t : churn) {
                t.join();
            }
        }, () -> "hung after " + done.get() + " of " + SPAWNS + " spawns under " + gc);

        if (!errors.isEmpty()) {
            AssertionError e = new AssertionError(errors.size() + " spawner failures under " + gc, errors.peek());
            errors.forEach(e::addSuppressed);
            throw e;
        }
        assertEquals(SPAWNS, done.get());
        assertEquals(fdsBefore, openFds(), "no fd left behind under " + gc);
        ErrnoException none = assertThrows(ErrnoException.class,
                () -> Syscalls.waitid(Wait.P_ALL, 0, Wait.WEXITED | Wait.WNOHANG));
        assertEquals(Errno.ECHILD, none.errno(), "no child left unreaped under " + gc);
    }
}
