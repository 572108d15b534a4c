package dev.berth.syscall;

/** Execution domains and flags of {@code personality(2)} ({@code <linux/personality.h>}). */
public final class Personality {
    public static final int PER_LINUX = 0x0000;
    public static final int PER_LINUX32 = 0x0008;
    public static final int UNAME26 = 0x0020000;
    public static final int ADDR_NO_RANDOMIZE = 0x0040000;
    public static final int FDPIC_FUNCPTRS = 0x0080000;
    public static final int MMAP_PAGE_ZERO = 0x0100000;
    public static final int ADDR_COMPAT_LAYOUT = 0x0200000;
    public static final int READ_IMPLIES_EXEC = 0x0400000;
    public static final int ADDR_LIMIT_32BIT = 0x0800000;
    public static final int SHORT_INODE = 0x1000000;
    public static final int WHOLE_SECONDS = 0x2000000;
    public static final int STICKY_TIMEOUTS = 0x4000000;
    public static final int ADDR_LIMIT_3GB = 0x8000000;
    /** Passed to {@code personality(2)} to read the current value without changing it. */
    public static final int QUERY = 0xffffffff;

    private Personality() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Personality.class, "", n -> n.equals("QUERY") || n.startsWith("PER_"))
                .withField(0xff, "PER_LINUX", "1", "2", "3", "4", "5", "6", "7", "PER_LINUX32");
    }

    /** A persona as {@code PER_LINUX32|ADDR_NO_RANDOMIZE}. */
    public static String format(int persona) {
        return persona == QUERY ? "0xffffffff" : Names.SET.format(persona);
    }
}
