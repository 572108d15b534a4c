package dev.berth.runtime.seccomp;

/**
 * An argument comparison of a rule, as the OCI spec and libseccomp's {@code struct scmp_arg_cmp} give it: the
 * 64-bit argument {@code index} against {@code value}; for {@code MASKED_EQ}, {@code (arg & value) == valueTwo}.
 * All values are unsigned 64-bit.
 */
record Cmp(int index, Op op, long value, long valueTwo) {
    /** {@code SCMP_CMP_*}. */
    enum Op {
        NE, LT, LE, EQ, GE, GT, MASKED_EQ;

        static Op parse(String name) {
            return switch (name) {
                case "SCMP_CMP_NE" -> NE;
                case "SCMP_CMP_LT" -> LT;
                case "SCMP_CMP_LE" -> LE;
                case "SCMP_CMP_EQ" -> EQ;
                case "SCMP_CMP_GE" -> GE;
                case "SCMP_CMP_GT" -> GT;
                case "SCMP_CMP_MASKED_EQ" -> MASKED_EQ;
                default -> null;
            };
        }
    }

    /** The mask applied to the argument before comparing: all ones except for {@code MASKED_EQ}. */
    long mask() {
        return op == Op.MASKED_EQ ? value : -1L;
    }

    /** The value compared with, masked as libseccomp masks it. */
    long datum() {
        return op == Op.MASKED_EQ ? valueTwo & value : value;
    }

    /** Whether a 64-bit argument value satisfies this comparison (the meaning every program must implement). */
    boolean test(long arg) {
        return switch (op) {
            case NE -> arg != value;
            case LT -> Long.compareUnsigned(arg, value) < 0;
            case LE -> Long.compareUnsigned(arg, value) <= 0;
            case EQ -> arg == value;
            case GE -> Long.compareUnsigned(arg, value) >= 0;
            case GT -> Long.compareUnsigned(arg, value) > 0;
            case MASKED_EQ -> (arg & value) == (valueTwo & value);
        };
    }

    @Override
    public String toString() {
        return switch (op) {
            case MASKED_EQ -> String.format("(arg%d & 0x%x) == 0x%x", index, value, valueTwo);
            default -> String.format("arg%d %s 0x%x", index, switch (op) {
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case EQ -> "==";
                case GE -> ">=";
                default -> ">";
            }, value);
        };
    }
}
