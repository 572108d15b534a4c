package dev.berth.syscall.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads one section of a little-endian ELF64 object file: just enough ELF for the values the
 * {@link CheckProgram} stores in its own section (x86_64 and aarch64 are both little-endian ELF64).
 */
final class ElfSection {
    private ElfSection() {}

    /** The section called {@code name} as 64-bit little-endian numbers. */
    static long[] longs(byte[] elf, String name) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.length < 64 || b.getInt(0) != 0x464c457f || elf[4] != 2 || elf[5] != 1) {
            throw new IllegalArgumentException("not a little-endian ELF64 object");
        }
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
        long strings = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            if (name.equals(cString(elf, (int) (strings + Integer.toUnsignedLong(b.getInt(h)))))) {
                int offset = (int) b.getLong(h + 0x18);
                long[] out = new long[(int) (b.getLong(h + 0x20) / 8)];
                for (int j = 0; j < out.length; j++) {
                    out[j] = b.getLong(offset + 8 * j);
                }
                return out;
            }
        }
        throw new IllegalArgumentException("no section " + name);
    }

    private static String cString(byte[] b, int at) {
        int end = at;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.US_ASCII);
    }
}
