package dev.berth.syscall;

import java.util.Locale;

/**
 * Signal numbers and {@code rt_sigprocmask(2)}/{@code signalfd(2)} flags ({@code <asm/signal.h>};
 * the same on x86_64 and aarch64). {@code SIGRTMIN} is the kernel's 32: glibc reserves 32 and 33 for
 * itself, which matters only to programs linked with it.
 */
public final class Signal {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    public static final int SIGRTMIN = 32;
    public static final int SIGRTMAX = 64;
    /** The highest signal number. */
    public static final int NSIG = 64;

    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;

    public static final long SA_NOCLDSTOP = 0x00000001L;
    public static final long SA_NOCLDWAIT = 0x00000002L;
    public static final long SA_SIGINFO = 0x00000004L;
    public static final long SA_RESTORER = 0x04000000L;
    public static final long SA_ONSTACK = 0x08000000L;
    public static final long SA_RESTART = 0x10000000L;
    public static final long SA_NODEFER = 0x40000000L;
    public static final long SA_RESETHAND = 0x80000000L;
    /** {@code sa_handler} values. */
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;

    public static final int SFD_CLOEXEC = Open.O_CLOEXEC;
    public static final int SFD_NONBLOCK = Open.O_NONBLOCK;

    /** Size of the kernel's {@code sigset_t}, the last argument of the {@code rt_sig*} calls. */
    public static final int SIGSET_SIZE = 8;

    private Signal() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Signal.class, "SIG", n -> !n.matches("SIG[A-Z0-9]+")
                || n.equals("SIGRTMIN") || n.equals("SIGRTMAX"));
        static final FlagSet HOW = FlagSet.of(Signal.class, "SIG_", n -> n.equals("SIG_DFL") || n.equals("SIG_IGN"));
        static final FlagSet SA = FlagSet.of(Signal.class, "SA_");
    }

    /** The name of signal {@code sig}: {@code SIGTERM}, {@code SIGRTMIN+3}, or the number. */
    public static String name(int sig) {
        if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
            return sig == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (sig - SIGRTMIN);
        }
        return Names.SET.formatValue(sig);
    }

    /** {@code sa_flags} as {@code SA_RESTORER|SA_RESTART}. */
    public static String formatSaFlags(long flags) {
        return Names.SA.format(flags);
    }

    /** A {@code how} argument of {@code rt_sigprocmask(2)}. */
    public static String formatHow(int how) {
        return how == SIG_BLOCK ? "SIG_BLOCK" : Names.HOW.formatValue(how);
    }

    /**
     * Parses a signal as people write it: {@code TERM}, {@code SIGTERM}, {@code sigterm}, {@code 15},
     * {@code RTMIN+2}.
     *
     * @throws IllegalArgumentException naming the input when it is none of those
     */
    public static int parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= NSIG) {
                return n;
            }
            throw new IllegalArgumentException("invalid signal number " + text + " (1.." + NSIG + ")");
        }
        if (!s.startsWith("SIG")) {
            s = "SIG" + s;
        }
        if (s.startsWith("SIGRTMIN") || s.startsWith("SIGRTMAX")) {
            int base = s.startsWith("SIGRTMIN") ? SIGRTMIN : SIGRTMAX;
            String rest = s.substring(8);
            try {
                int off = rest.isEmpty() ? 0 : Integer.parseInt(rest);
                int n = base + off;
                if (n >= SIGRTMIN && n <= SIGRTMAX) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("invalid signal " + text);
        }
        switch (s) {
            case "SIGIOT" -> {
                return SIGABRT;
            }
            case "SIGPOLL" -> {
                return SIGIO;
            }
            case "SIGCLD" -> {
                return SIGCHLD;
            }
            default -> {
                for (int i = 1; i < SIGRTMIN; i++) {
                    if (name(i).equals(s)) {
                        return i;
                    }
                }
            }
        }
        throw new IllegalArgumentException("unknown signal " + text);
    }

    /** A {@code sigset_t} value with the given signals set. */
    public static long mask(int... signals) {
        long m = 0;
        for (int s : signals) {
            m |= 1L << (s - 1);
        }
        return m;
    }

    /** A signal mask as strace prints one: {@code [INT TERM]}, {@code ~[]} for everything. */
    public static String formatMask(long mask) {
        if (mask == -1L) {
            return "~[]";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int s = 1; s <= NSIG; s++) {
            if ((mask & (1L << (s - 1))) != 0) {
                if (sb.length() > 1) {
                    sb.append(' ');
                }
                sb.append(name(s).substring(3));
            }
        }
        return sb.append(']').toString();
    }
}
