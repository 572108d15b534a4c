package dev.berth.syscall;

/**
 * The kernel's {@code struct termios} as {@code TCGETS}/{@code TCSETS} copy it, and the flags and
 * {@code c_cc} indices {@code cfmakeraw(3)} touches ({@code <asm/termbits.h>}; the same on x86_64 and
 * aarch64). Used by {@link Terminals#getAttributes}, {@link Terminals#setAttributes} and
 * {@link Terminals#raw}.
 */
public final class Termios {
    /** {@code c_iflag}. */
    public static final int IGNBRK = 0x1;
    public static final int BRKINT = 0x2;
    public static final int PARMRK = 0x8;
    public static final int ISTRIP = 0x20;
    public static final int INLCR = 0x40;
    public static final int IGNCR = 0x80;
    public static final int ICRNL = 0x100;
    public static final int IXON = 0x400;
    /** {@code c_oflag}. */
    public static final int OPOST = 0x1;
    /** {@code c_cflag}. */
    public static final int CSIZE = 0x30;
    public static final int CS8 = 0x30;
    public static final int PARENB = 0x100;
    /** {@code c_lflag}. */
    public static final int ISIG = 0x1;
    public static final int ICANON = 0x2;
    public static final int ECHO = 0x8;
    public static final int ECHONL = 0x40;
    public static final int IEXTEN = 0x8000;
    /** {@code c_cc} indices, and its length. */
    public static final int VTIME = 5;
    public static final int VMIN = 6;
    public static final int NCCS = 19;

    /** Byte offsets in the struct: four {@code tcflag_t} (u32), {@code c_line}, then {@code c_cc[NCCS]}. */
    public static final int IFLAG = 0;
    public static final int OFLAG = 4;
    public static final int CFLAG = 8;
    public static final int LFLAG = 12;
    public static final int CC = 17;
    /** The struct's size. */
    public static final int SIZE = CC + NCCS;

    private Termios() {}
}
