package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.berth.syscall.Stat;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * {@code struct statx} of {@code <linux/stat.h>} ({@code statx(2)}): the fields up to
 * {@code stx_dio_offset_align}; the rest of the kernel's 256 bytes is spare.
 */
public record Statx(int mask, int blksize, long attributes, int nlink, int uid, int gid, int mode, long ino,
        long size, long blocks, long attributesMask, StatxTimestamp atime, StatxTimestamp btime,
        StatxTimestamp ctime, StatxTimestamp mtime, int rdevMajor, int rdevMinor, int devMajor, int devMinor,
        long mntId, int dioMemAlign, int dioOffsetAlign) {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("stx_mask"),
            JAVA_INT.withName("stx_blksize"),
            JAVA_LONG.withName("stx_attributes"),
            JAVA_INT.withName("stx_nlink"),
            JAVA_INT.withName("stx_uid"),
            JAVA_INT.withName("stx_gid"),
            JAVA_SHORT.withName("stx_mode"),
            MemoryLayout.paddingLayout(2),
            JAVA_LONG.withName("stx_ino"),
            JAVA_LONG.withName("stx_size"),
            JAVA_LONG.withName("stx_blocks"),
            JAVA_LONG.withName("stx_attributes_mask"),
            StatxTimestamp.LAYOUT.withName("stx_atime"),
            StatxTimestamp.LAYOUT.withName("stx_btime"),
            StatxTimestamp.LAYOUT.withName("stx_ctime"),
            StatxTimestamp.LAYOUT.withName("stx_mtime"),
            JAVA_INT.withName("stx_rdev_major"),
            JAVA_INT.withName("stx_rdev_minor"),
            JAVA_INT.withName("stx_dev_major"),
            JAVA_INT.withName("stx_dev_minor"),
            JAVA_LONG.withName("stx_mnt_id"),
            JAVA_INT.withName("stx_dio_mem_align"),
            JAVA_INT.withName("stx_dio_offset_align"),
            MemoryLayout.paddingLayout(96)).withName("statx");

    private static final long MASK = Layouts.offset(LAYOUT, "stx_mask");
    private static final long BLKSIZE = Layouts.offset(LAYOUT, "stx_blksize");
    private static final long ATTRIBUTES = Layouts.offset(LAYOUT, "stx_attributes");
    private static final long NLINK = Layouts.offset(LAYOUT, "stx_nlink");
    private static final long UID = Layouts.offset(LAYOUT, "stx_uid");
    private static final long GID = Layouts.offset(LAYOUT, "stx_gid");
    private static final long MODE = Layouts.offset(LAYOUT, "stx_mode");
    private static final long INO = Layouts.offset(LAYOUT, "stx_ino");
    private static final long SIZE = Layouts.offset(LAYOUT, "stx_size");
    private static final long BLOCKS = Layouts.offset(LAYOUT, "stx_blocks");
    private static final long ATTRIBUTES_MASK = Layouts.offset(LAYOUT, "stx_attributes_mask");
    private static final long ATIME = Layouts.offset(LAYOUT, "stx_atime");
    private static final long BTIME = Layouts.offset(LAYOUT, "stx_btime");
    private static final long CTIME = Layouts.offset(LAYOUT, "stx_ctime");
    private static final long MTIME = Layouts.offset(LAYOUT, "stx_mtime");
    private static final long RDEV_MAJOR = Layouts.offset(LAYOUT, "stx_rdev_major");
    private static final long RDEV_MINOR = Layouts.offset(LAYOUT, "stx_rdev_minor");
    private static final long DEV_MAJOR = Layouts.offset(LAYOUT, "stx_dev_major");
    private static final long DEV_MINOR = Layouts.offset(LAYOUT, "stx_dev_minor");
    private static final long MNT_ID = Layouts.offset(LAYOUT, "stx_mnt_id");
    private static final long DIO_MEM_ALIGN = Layouts.offset(LAYOUT, "stx_dio_mem_align");
    private static final long DIO_OFFSET_ALIGN = Layouts.offset(LAYOUT, "stx_dio_offset_align");

    public static Statx read(MemorySegment s) {
        return new Statx(s.get(JAVA_INT, MASK), s.get(JAVA_INT, BLKSIZE), s.get(JAVA_LONG, ATTRIBUTES),
                s.get(JAVA_INT, NLINK), s.get(JAVA_INT, UID), s.get(JAVA_INT, GID),
                Short.toUnsignedInt(s.get(JAVA_SHORT, MODE)), s.get(JAVA_LONG, INO), s.get(JAVA_LONG, SIZE),
                s.get(JAVA_LONG, BLOCKS), s.get(JAVA_LONG, ATTRIBUTES_MASK),
                StatxTimestamp.read(s.asSlice(ATIME)), StatxTimestamp.read(s.asSlice(BTIME)),
                StatxTimestamp.read(s.asSlice(CTIME)), StatxTimestamp.read(s.asSlice(MTIME)),
                s.get(JAVA_INT, RDEV_MAJOR), s.get(JAVA_INT, RDEV_MINOR), s.get(JAVA_INT, DEV_MAJOR),
                s.get(JAVA_INT, DEV_MINOR), s.get(JAVA_LONG, MNT_ID), s.get(JAVA_INT, DIO_MEM_ALIGN),
                s.get(JAVA_INT, DIO_OFFSET_ALIGN));
    }

    public MemorySegment write(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(JAVA_INT, MASK, mask);
        s.set(JAVA_INT, BLKSIZE, blksize);
        s.set(JAVA_LONG, ATTRIBUTES, attributes);
        s.set(JAVA_INT, NLINK, nlink);
        s.set(JAVA_INT, UID, uid);
        s.set(JAVA_INT, GID, gid);
        s.set(JAVA_SHORT, MODE, (short) mode);
        s.set(JAVA_LONG, INO, ino);
        s.set(JAVA_LONG, SIZE, size);
        s.set(JAVA_LONG, BLOCKS, blocks);
        s.set(JAVA_LONG, ATTRIBUTES_MASK, attributesMask);
        atime.write(s.asSlice(ATIME));
        btime.write(s.asSlice(BTIME));
        ctime.write(s.asSlice(CTIME));
        mtime.write(s.asSlice(MTIME));
        s.set(JAVA_INT, RDEV_MAJOR, rdevMajor);
        s.set(JAVA_INT, RDEV_MINOR, rdevMinor);
        s.set(JAVA_INT, DEV_MAJOR, devMajor);
        s.set(JAVA_INT, DEV_MINOR, devMinor);
        s.set(JAVA_LONG, MNT_ID, mntId);
        s.set(JAVA_INT, DIO_MEM_ALIGN, dioMemAlign);
        s.set(JAVA_INT, DIO_OFFSET_ALIGN, dioOffsetAlign);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** The file type bits of {@link #mode()}. */
    public int type() {
        return mode & Stat.S_IFMT;
    }

    public boolean isDirectory() {
        return type() == Stat.S_IFDIR;
    }

    public boolean isSymlink() {
        return type() == Stat.S_IFLNK;
    }

    public boolean isRegularFile() {
        return type() == Stat.S_IFREG;
    }
}
