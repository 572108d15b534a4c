package dev.berth.syscall.struct;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;

/** Helpers the struct records share: field offsets by C name and fixed-size C string fields. */
final class Layouts {
    private Layouts() {}

    /** The byte offset of the field named {@code path} (dot-separated for nested structs). */
    static long offset(StructLayout layout, String path) {
        String[] parts = path.split("\\.");
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[parts.length];
        for (int i = 0; i < parts.length; i++) {
            elements[i] = MemoryLayout.PathElement.groupElement(parts[i]);
        }
        return layout.byteOffset(elements);
    }

    /** A NUL-terminated string stored in a {@code char[size]} field at {@code offset}. */
    static String getChars(MemorySegment s, long offset, int size) {
        MemorySegment field = s.asSlice(offset, size);
        int n = 0;
        while (n < size && field.get(java.lang.foreign.ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        return new String(field.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                StandardCharsets.UTF_8);
    }

    /** Stores {@code value} NUL-terminated into a {@code char[size]} field, failing if it does not fit. */
    static void setChars(MemorySegment s, long offset, int size, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length >= size) {
            throw new IllegalArgumentException("\"" + value + "\" is longer than " + (size - 1) + " bytes");
        }
        MemorySegment field = s.asSlice(offset, size);
        field.fill((byte) 0);
        MemorySegment.copy(b, 0, field, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, b.length);
    }
}
