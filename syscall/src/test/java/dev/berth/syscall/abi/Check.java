package dev.berth.syscall.abi;

/**
 * One fact to verify against the C headers: a value Berth's Java tables hold, and the C expression
 * that must have the same value.
 *
 * @param name what is checked, for the report ({@code "Open.O_DIRECTORY"}, {@code "Statx.stx_mode offset"})
 * @param c the C integer constant expression ({@code "O_DIRECTORY"}, {@code "offsetof(struct statx, stx_mode)"})
 * @param java the Java value
 * @param width how the two compare
 * @param radix how the report prints the two values
 * @param guard a macro whose absence means "missing in the headers" (checked with {@code #ifdef}), or
 *     {@code null} when {@code c} is compiled unguarded (a missing name is then a compile error of its own)
 * @param relation what the two values must satisfy
 */
record Check(String name, String c, long java, Width width, Radix radix, String guard, Relation relation) {

    /** A check that C's value equals Java's. */
    Check(String name, String c, long java, Width width, Radix radix, String guard) {
        this(name, c, java, width, radix, guard, Relation.EQUAL);
    }

    /** What the two values must satisfy. */
    enum Relation {
        EQUAL,
        /** C's value must not exceed Java's (an alignment: Java may demand more than C, never less). */
        C_AT_MOST
    }

    /** How the Java value and the C value compare. */
    enum Width {
        /**
         * A Java {@code int}: the C value must equal it read as a signed or as an unsigned 32-bit
         * number, since C defines some of these as {@code unsigned} ({@code EPOLLET}, {@code 0xfee1dead})
         * and Java has no unsigned int. A C value beyond 32 bits never matches.
         */
        INT32,
        /** A Java {@code long}: the 64-bit patterns must be equal. */
        INT64
    }

    /** How the report prints values. */
    enum Radix {
        DECIMAL, OCTAL, HEX;

        String format(long v) {
            return switch (this) {
                case DECIMAL -> Long.toString(v);
                case OCTAL -> v == 0 ? "0" : v < 0 ? "-0" + Long.toOctalString(-v) : "0" + Long.toOctalString(v);
                case HEX -> v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
            };
        }

        /** A sensible radix for a constant called {@code name} with value {@code v}. */
        static Radix forConstant(String name, long v) {
            if (name.startsWith("O_") || name.startsWith("S_I")) {
                return OCTAL;
            }
            return Math.abs(v) <= 4096 ? DECIMAL : HEX;
        }
    }

    /** The C {@code _Static_assert} condition. */
    String condition() {
        String value = "(unsigned long long)(" + c + ")";
        if (relation == Relation.C_AT_MOST) {
            return value + " <= " + literal(java);
        }
        if (width == Width.INT64 || java >= 0) {
            return value + " == " + literal(width == Width.INT64 ? java : java & 0xFFFF_FFFFL);
        }
        // A negative int: the C value is either that int (sign-extended) or the same 32 bits unsigned.
        return value + " == " + literal(java) + " || " + value + " == " + literal(java & 0xFFFF_FFFFL);
    }

    private static String literal(long v) {
        // Decimal where people read numbers that way (sizes, offsets, syscall numbers), hex for bit patterns.
        return (v >= 0 && v < 65536 ? Long.toString(v) : "0x" + Long.toHexString(v)) + "ULL";
    }

    /** The C value (as the 64 bits the values program stored) shown like the Java value. */
    String showC(long cBits) {
        if (width == Width.INT32 && (cBits == (int) cBits || cBits == (cBits & 0xFFFF_FFFFL))) {
            long asJava = java < 0 ? (int) cBits : cBits;
            return radix.format(asJava);
        }
        return radix.format(cBits) + (width == Width.INT32 ? " (beyond 32 bits)" : "");
    }

    String showJava() {
        return radix.format(java);
    }

    /** What the report adds after the two values. */
    String requirement() {
        return relation == Relation.C_AT_MOST ? ", C's must not exceed Java's" : "";
    }
}
