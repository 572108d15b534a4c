package dev.berth.runtime.seccomp;

import dev.berth.syscall.Errno;
import dev.berth.syscall.Seccomp;

/**
 * A filter's verdict: the 32-bit {@code SECCOMP_RET_*} value a program returns, action in the high 16 bits and
 * data (an errno, a trace value) in the low 16 ({@code seccomp(2)}, "Filter return values"). The OCI names are
 * libseccomp's {@code SCMP_ACT_*}; an errno or trace value defaults to {@code EPERM} as runc and crun make it.
 */
record Action(int value) {
    static final Action KILL_PROCESS = new Action(Seccomp.SECCOMP_RET_KILL_PROCESS);
    static final Action KILL_THREAD = new Action(Seccomp.SECCOMP_RET_KILL_THREAD);
    static final Action ALLOW = new Action(Seccomp.SECCOMP_RET_ALLOW);
    static final Action NOTIFY = new Action(Seccomp.SECCOMP_RET_USER_NOTIF);

    /**
     * The action an OCI name stands for, or {@code null} for an unknown name.
     *
     * @param errnoRet {@code errnoRet}/{@code defaultErrnoRet} (uint32), or {@code null} for EPERM; only
     *     {@code SCMP_ACT_ERRNO} and {@code SCMP_ACT_TRACE} carry it, in the low 16 bits as libseccomp keeps it
     */
    static Action parse(String name, Long errnoRet) {
        int data = (errnoRet == null ? Errno.EPERM : errnoRet.intValue()) & Seccomp.SECCOMP_RET_DATA;
        return switch (name) {
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> new Action(Seccomp.SECCOMP_RET_TRAP);
            case "SCMP_ACT_ERRNO" -> new Action(Seccomp.SECCOMP_RET_ERRNO | data);
            case "SCMP_ACT_TRACE" -> new Action(Seccomp.SECCOMP_RET_TRACE | data);
            case "SCMP_ACT_ALLOW" -> ALLOW;
            case "SCMP_ACT_LOG" -> new Action(Seccomp.SECCOMP_RET_LOG);
            case "SCMP_ACT_NOTIFY" -> NOTIFY;
            default -> null;
        };
    }

    /** {@code ERRNO(EPERM)}, {@code ALLOW}, {@code TRACE(7)}: how the renderer and errors print a return value. */
    static String describe(int value) {
        int data = value & Seccomp.SECCOMP_RET_DATA;
        return switch (value & Seccomp.SECCOMP_RET_ACTION_FULL) {
            case Seccomp.SECCOMP_RET_KILL_PROCESS -> "KILL_PROCESS";
            case Seccomp.SECCOMP_RET_KILL_THREAD -> "KILL_THREAD";
            case Seccomp.SECCOMP_RET_TRAP -> "TRAP";
            case Seccomp.SECCOMP_RET_ERRNO -> "ERRNO(" + errnoName(data) + ")";
            case Seccomp.SECCOMP_RET_USER_NOTIF -> "USER_NOTIF";
            case Seccomp.SECCOMP_RET_TRACE -> "TRACE(" + data + ")";
            case Seccomp.SECCOMP_RET_LOG -> "LOG";
            case Seccomp.SECCOMP_RET_ALLOW -> "ALLOW";
            default -> String.format("0x%08x", value);
        };
    }

    private static String errnoName(int errno) {
        String name = Errno.name(errno);
        return name.equals("E" + errno) ? Integer.toString(errno) : name;
    }

    @Override
    public String toString() {
        return describe(value);
    }
}
