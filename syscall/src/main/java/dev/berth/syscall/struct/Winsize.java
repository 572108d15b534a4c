package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct winsize} of {@code <asm-generic/termios.h>} ({@code TIOCGWINSZ}, {@code TIOCSWINSZ}). */
public record Winsize(int rows, int cols, int xpixel, int ypixel) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("ws_row"),
            JAVA_SHORT.withName("ws_col"),
            JAVA_SHORT.withName("ws_xpixel"),
            JAVA_SHORT.withName("ws_ypixel")).withName("winsize");

    public Winsize(int rows, int cols) {
        this(rows, cols, 0, 0);
    }

    public static Winsize read(MemorySegment s) {
        return new Winsize(Short.toUnsignedInt(s.get(JAVA_SHORT, 0)), Short.toUnsignedInt(s.get(JAVA_SHORT, 2)),
                Short.toUnsignedInt(s.get(JAVA_SHORT, 4)), Short.toUnsignedInt(s.get(JAVA_SHORT, 6)));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_SHORT, 0, (short) rows);
        s.set(JAVA_SHORT, 2, (short) cols);
        s.set(JAVA_SHORT, 4, (short) xpixel);
        s.set(JAVA_SHORT, 6, (short) ypixel);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
