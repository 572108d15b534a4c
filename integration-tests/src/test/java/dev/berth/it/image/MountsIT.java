package dev.berth.it.image;

import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Mounts as the payload sees them: a read-only root with writable tmpfs mounts, binds of the machine's
 * directories (read-only and read-write), Berth's own {@code /proc}, {@code /sys} and {@code /dev} with
 * runc's masked and read-only paths, and an overlay whose upper directory is on the machine's tmpfs.
 */
class MountsIT {
    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    @Test
    void theRootIsReadOnlyAndATmpfsIsWritableWithItsOptions() throws Exception {
        ExecResult r = berth.run(berth.bundle("tmpfs")
                .mount("/scratch", "tmpfs", "tmpfs", "nosuid", "nodev", "size=1m", "mode=1777")
                .sh("""
                        touch /root-file 2>&1 || echo "root: read-only"
                        echo data > /scratch/f && cat /scratch/f
                        grep ' /scratch ' /proc/mounts
                        stat -c '%a' /scratch
                        """));
        String out = ok(r).getStdout();
        assertTrue(out.contains("Read-only file system") && out.contains("root: read-only"), describe(r));
        assertTrue(out.contains("data\n"), describe(r));
        assertTrue(out.matches("(?s).*tmpfs /scratch tmpfs rw,nosuid,nodev,[^\\n]*size=1024k.*"), describe(r));
        assertTrue(out.contains("\n1777\n"), describe(r));
    }

    @Test
    void bindsShowTheMachinesFilesReadOnlyOrWritable() throws Exception {
        ok(berth.sh("mkdir -p /bundles/shared && echo from-machine > /bundles/shared/in"));
        ExecResult r = berth.run(berth.bundle("binds")
                .mount("/ro", "bind", "/bundles/shared", "rbind", "ro")
                .mount("/rw", "bind", "/bundles/shared", "rbind", "rw")
                .sh("cat /ro/in; echo x > /ro/out 2>/dev/null || echo 'ro: refused'; echo from-container > /rw/out"));
        assertEquals("from-machine\nro: refused\n", ok(r).getStdout(), describe(r));
        assertEquals("from-container\n", ok(berth.sh("cat /bundles/shared/out")).getStdout());
    }

    @Test
    void procSysAndDevAreTheContainersOwnWithRuncsMaskedAndReadOnlyPaths() throws Exception {
        ExecResult r = berth.run(berth.bundle("pseudo").sh("""
                echo "pid 1: $(cat /proc/1/comm)"
                echo "timer_list: $(wc -c < /proc/timer_list)"
                echo 1 > /proc/sys/kernel/ns_last_pid 2>/dev/null || echo "proc/sys: read-only"
                touch /sys/x 2>/dev/null || echo "sys: read-only"
                [ -d /sys/firmware ] && echo "firmware entries: $(ls /sys/firmware | wc -l)"
                echo hi > /dev/null && echo "dev/null: writable"
                for d in null zero full random urandom tty ptmx pts shm mqueue; do [ -e /dev/$d ] || echo "missing /dev/$d"; done
                grep -c '^' /proc/self/mounts > /dev/null && echo mounts: ok
                """));
        String out = ok(r).getStdout();
        assertTrue(out.contains("pid 1: sh\n"), describe(r));
        assertTrue(out.contains("timer_list: 0\n"), "masked with /dev/null: " + describe(r));
        assertTrue(out.contains("proc/sys: read-only\n"), describe(r));
        assertTrue(out.contains("sys: read-only\n"), describe(r));
        assertTrue(out.contains("firmware entries: 0\n"), "masked with an empty tmpfs: " + describe(r));
        assertTrue(out.contains("dev/null: writable\n"), describe(r));
        assertTrue(!out.contains("missing"), describe(r));
    }

    @Test
    void anOverlayWithItsUpperDirectoryOnTmpfs() throws Exception {
        ok(berth.sh("mkdir -p /bundles/ovl/lower /bundles/ovl/upper /bundles/ovl/work && echo lower > /bundles/ovl/lower/f"));
        ExecResult r = berth.run(berth.bundle("overlay")
                .mount("/merged", "overlay", "overlay", "lowerdir=/bundles/ovl/lower", "upperdir=/bundles/ovl/upper",
                        "workdir=/bundles/ovl/work")
                .sh("cat /merged/f; echo changed > /merged/f; echo new > /merged/g; cat /merged/f /merged/g"));
        assertEquals("lower\nchanged\nnew\n", ok(r).getStdout(), describe(r));
        assertEquals("lower\n", ok(berth.sh("cat /bundles/ovl/lower/f")).getStdout(), "the lower layer is untouched");
        assertEquals("changed\nnew\n", ok(berth.sh("cat /bundles/ovl/upper/f /bundles/ovl/upper/g")).getStdout());
    }
}
