package dev.berth.syscall;

/** Memory mapping constants ({@code <asm-generic/mman-common.h>}, {@code mmap(2)}). */
public final class Mman {
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_GROWSDOWN = 0x0100;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_STACK = 0x20000;

    private Mman() {}

    private static final class Names {
        static final FlagSet PROT = FlagSet.of(Mman.class, "PROT_");
        static final FlagSet MAP = FlagSet.of(Mman.class, "MAP_");
    }

    /** Protection bits as {@code PROT_READ|PROT_EXEC}. */
    public static String formatProt(int prot) {
        return prot == 0 ? "PROT_NONE" : Names.PROT.format(prot);
    }

    /** Mapping flags as {@code MAP_PRIVATE|MAP_ANONYMOUS}. */
    public static String formatMap(int flags) {
        return Names.MAP.format(flags);
    }
}
