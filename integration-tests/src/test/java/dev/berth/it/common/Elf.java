package dev.berth.it.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Just enough of an ELF64 little-endian reader ({@code elf(5)}, {@code <elf.h>}) for the harness: a section's
 * bytes by name (a kernel module's {@code .modinfo}) and whether a program asks for a dynamic loader
 * ({@code PT_INTERP}; busybox must be static to run in an initramfs without libc).
 */
public final class Elf {
    private static final int PT_INTERP = 3;

    private final Path path;
    private final ByteBuffer b;

    private Elf(Path path, ByteBuffer b) {
        this.path = path;
        this.b = b.order(ByteOrder.LITTLE_ENDIAN);
    }

    public static Elf read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return of(path, b);
        }
    }

    static Elf of(Path path, ByteBuffer b) throws IOException {
        b.order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f) {
            throw new IOException(path + ": not an ELF file");
        }
        if (b.get(4) != 2 || b.get(5) != 1) {
            throw new IOException(path + ": not ELF64 little-endian (EI_CLASS " + b.get(4) + ", EI_DATA " + b.get(5) + ")");
        }
        return new Elf(path, b);
    }

    /** Whether the file has a {@code PT_INTERP} program header, i.e. needs a dynamic loader. */
    public boolean hasInterpreter() {
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            if (b.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) {
                return true;
            }
        }
        return false;
    }

    /** The contents of the section called {@code name}, if there is one. */
    public Optional<byte[]> section(String name) throws IOException {
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
        int shnum = Short.toUnsignedInt(b.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3E));
        if (shoff == 0 || shstrndx >= shnum) {
            return Optional.empty();
        }
        long names = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            if (cString((int) (names + Integer.toUnsignedLong(b.getInt(sh)))).equals(name)) {
                long offset = b.getLong(sh + 0x18);
                long size = b.getLong(sh + 0x20);
                if (offset + size > b.limit()) {
                    throw new IOException(path + ": section " + name + " runs past the end of the file");
                }
                byte[] data = new byte[(int) size];
                b.get((int) offset, data);
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    private String cString(int offset) {
        int end = offset;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - offset];
        b.get(offset, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
