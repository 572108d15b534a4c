package dev.berth.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Value conversions between the OCI model (written for cgroup v1) and the kernel files, as runc and
 * crun do them, so that the same spec gives the same kernel values under any of the three.
 */
final class Convert {
    /** {@code 1/ln 2}, as Go's {@code math.Log2E}. */
    private static final double LOG2E = 1.44269504088896340735992468100189214;

    private Convert() {}

    /**
     * cgroup v1 {@code cpu.shares} [2, 262144] (default 1024) to v2 {@code cpu.weight} [1, 10000] (default
     * 100): the quadratic in log2(shares) that maps the minimum, the default and the maximum onto each
     * other, used by runc 1.3+ (opencontainers/cgroups) and crun 1.23+. The older linear formula mapped
     * the default 1024 to 39, making every container weaker than a systemd service. 0 means unset.
     */
    static long cpuSharesToWeight(long shares) {
        if (shares == 0) {
            return 0;
        }
        if (shares <= 2) {
            return 1;
        }
        if (shares >= 262144) {
            return 10000;
        }
        double l = log2(shares);
        double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (long) Math.ceil(Math.pow(10, exponent));
    }

    /** log2 as Go computes it, so exact powers of two give exact results (and the same weights as runc). */
    static double log2(double x) {
        int exp = Math.getExponent(x) + 1;
        double frac = Math.scalb(x, -exp);
        if (frac == 0.5) {
            return exp - 1;
        }
        return Math.log(frac) * LOG2E + exp;
    }

    /** blkio weight [10, 1000] to v2 {@code io.weight} [1, 10000], linearly (runc, crun); 0 means unset. */
    static long blkioWeightToIoWeight(long weight) {
        if (weight == 0) {
            return 0;
        }
        return 1 + (weight - 10) * 9999 / 990;
    }

    /**
     * The OCI {@code memory.swap} (memory plus swap, v1 semantics) as v2 {@code memory.swap.max} (swap
     * alone), as runc converts it. Returns -1 for "max", 0 for "leave unset".
     *
     * @param swap the OCI value, 0 when unset
     * @param memory the memory limit in force (the new one, or the current one on update), 0 when unset,
     *     -1 when unlimited
     */
    static long swapToV2(long swap, long memory) throws CgroupException {
        if (memory == -1 && swap == 0) {
            return -1;
        }
        if (swap == -1 || swap == 0) {
            return swap;
        }
        if (memory == -1) {
            return swap;
        }
        if (memory == 0) {
            throw new CgroupException("linux.resources.memory.swap " + swap + " needs a memory limit: cgroup v2 limits"
                    + " swap alone (memory.swap.max = swap - limit)");
        }
        if (memory < 0) {
            throw new CgroupException("linux.resources.memory.limit " + memory + " is negative and not -1");
        }
        if (swap < memory) {
            throw new CgroupException("linux.resources.memory.swap " + swap + " is below the memory limit " + memory
                    + " (swap counts memory plus swap)");
        }
        return swap - memory;
    }

    /** A byte limit for a v1 file: -1 stays -1 (the kernel's "unlimited"). */
    static String v1Bytes(long value) {
        return Long.toString(value);
    }

    /** A limit for a v2 file: negative means {@code max}. */
    static String v2Max(long value) {
        return value < 0 ? "max" : Long.toString(value);
    }

    /** A limit read back from a file: {@code max} is -1, anything else an unsigned number. */
    static long parseLimit(String text) {
        String t = text.trim();
        if (t.equals("max")) {
            return -1;
        }
        return Long.parseUnsignedLong(t);
    }

    /** A cpuset list such as {@code 0-3,7} as numbers. */
    static List<Integer> parseList(String text) {
        List<Integer> out = new ArrayList<>();
        String t = text.trim();
        if (t.isEmpty()) {
            return out;
        }
        for (String part : t.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.add(Integer.parseInt(part.trim()));
            } else {
                int from = Integer.parseInt(part.substring(0, dash).trim());
                int to = Integer.parseInt(part.substring(dash + 1).trim());
                for (int i = from; i <= to; i++) {
                    out.add(i);
                }
            }
        }
        return out;
    }
}
