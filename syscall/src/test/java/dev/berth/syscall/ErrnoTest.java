package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error numbers by name and message, and {@link ErrnoException}'s strace-style message with context. */
class ErrnoTest {
    @Test
    void namesAndMessages() {
        assertEquals("EPERM", Errno.name(Errno.EPERM));
        assertEquals("EAGAIN", Errno.name(Errno.EWOULDBLOCK), "an alias prints as the kernel's name");
        assertEquals("EOPNOTSUPP", Errno.name(Errno.ENOTSUP));
        assertEquals("ENOTSUPP", Errno.name(Errno.ENOTSUPP));
        assertEquals("E58", Errno.name(58), "no errno 58 on Linux");
        assertEquals("E0", Errno.name(0));
        assertEquals("E-3", Errno.name(-3));
        assertEquals("E5000", Errno.name(5000));
        assertEquals("No such file or directory", Errno.message(Errno.ENOENT));
        assertEquals("Operation not permitted", Errno.message(Errno.EPERM));
        assertEquals("Unknown error 58", Errno.message(58), "as glibc's strerror says it");
        assertEquals("Unknown error 5000", Errno.message(5000));
    }

    @Test
    void numbersFromNames() {
        assertEquals(Errno.ENOENT, Errno.number("ENOENT"));
        assertEquals(Errno.EAGAIN, Errno.number("EWOULDBLOCK"));
        assertEquals(Errno.EDEADLK, Errno.number("EDEADLOCK"));
        assertEquals(Errno.EOPNOTSUPP, Errno.number("ENOTSUP"));
        assertEquals(-1, Errno.number("EFOO"));
        for (int e = 1; e < 1024; e++) {
            if (!Errno.name(e).equals("E" + e)) {
                assertEquals(e, Errno.number(Errno.name(e)), Errno.name(e));
            }
        }
    }

    @Test
    void exceptionMessageIsTheCallAsStracePrintsIt() {
        ErrnoException e = new ErrnoException(Errno.EPERM, "mount", Show.str("tmpfs"), Show.str("/mnt"),
                Show.str("tmpfs"), Mount.formatMs(Mount.MS_NOSUID | Mount.MS_NODEV), "NULL");
        assertEquals("mount(\"tmpfs\", \"/mnt\", \"tmpfs\", MS_NOSUID|MS_NODEV, NULL) = -1 EPERM (Operation not permitted)",
                e.getMessage());
        assertEquals(e.getMessage(), e.callLine());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals("EPERM", e.errnoName());
        assertEquals("mount", e.call());
        assertEquals(List.of("\"tmpfs\"", "\"/mnt\"", "\"tmpfs\"", "MS_NOSUID|MS_NODEV", "NULL"), e.arguments());
        assertTrue(e.is(Errno.EPERM));
        assertInstanceOf(IOException.class, e);
        assertEquals("getpid() = -1 ENOSYS (Function not implemented)", new ErrnoException(Errno.ENOSYS, "getpid")
                .getMessage());
    }

    @Test
    void contextGoesInFrontAndKeepsTheCause() {
        ErrnoException e = new ErrnoException(Errno.EINVAL, "umount2", Show.str("/x"), Mount.formatUmount(Mount.MNT_DETACH));
        ErrnoException inner = e.withContext("unmounting the old root");
        ErrnoException outer = inner.withContext("container c1");
        assertEquals("container c1: unmounting the old root: umount2(\"/x\", MNT_DETACH) = -1 EINVAL (Invalid argument)",
                outer.getMessage());
        assertEquals("umount2(\"/x\", MNT_DETACH) = -1 EINVAL (Invalid argument)", outer.callLine());
        assertSame(inner, outer.getCause());
        assertSame(e, inner.getCause());
        assertEquals(Errno.EINVAL, outer.errno());
        assertEquals(e.arguments(), outer.arguments());
    }

    @Test
    void mountExceptionsStayMountExceptionsWithContext() {
        MountException e = new MountException(Errno.ENOENT, "pivot_root", Show.str("."), Show.str("."));
        MountException c = e.withContext("container c1");
        assertEquals("container c1: pivot_root(\".\", \".\") = -1 ENOENT (No such file or directory)", c.getMessage());
        assertSame(e, c.getCause());
    }
}
