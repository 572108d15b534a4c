package dev.berth.syscall;

import java.lang.foreign.MemorySegment;

/**
 * Renders system call arguments the way {@code strace} shows them, for error messages and printed
 * spawn plans. Everything here runs only when something is printed.
 */
public final class Show {
    private static final int MAX_STRING = 256;

    private Show() {}

    /** A C string argument: quoted and escaped, or {@code NULL}. */
    public static String str(String s) {
        if (s == null) {
            return "NULL";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int n = Math.min(s.length(), MAX_STRING);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\%o", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (s.length() > MAX_STRING) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** A directory fd argument of an {@code *at} call: {@code AT_FDCWD} or the number. */
    public static String dirfd(int fd) {
        return fd == At.AT_FDCWD ? "AT_FDCWD" : Integer.toString(fd);
    }

    /** A pointer argument: {@code NULL} or its address in hex. */
    public static String ptr(MemorySegment s) {
        return s == null || s.address() == 0 ? "NULL" : "0x" + Long.toHexString(s.address());
    }

    /** A mode argument in octal, as {@code 0755}. */
    public static String mode(int mode) {
        return mode == 0 ? "0" : "0" + Integer.toOctalString(mode);
    }

    /** A list of strings, as strace shows argv: {@code ["sh", "-c", "true"]}. */
    public static String strs(java.util.List<String> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(str(list.get(i)));
        }
        return sb.append(']').toString();
    }
}
