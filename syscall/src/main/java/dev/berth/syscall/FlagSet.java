package dev.berth.syscall;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Names for the bits of a flags argument, so errors and plans print {@code MS_BIND|MS_REC} instead
 * of {@code 0x5000}. A set is read once, by reflection, from the public constants of a family class
 * whose names share a prefix; it is built only when something is printed.
 *
 * <p>Multi-bit names (such as {@code O_TMPFILE}) are matched before single bits; bits no name covers are
 * printed in hex at the end. An optional "enumerated field" handles values that are not bits, like the
 * access mode in the low two bits of {@code open(2)} flags.
 */
public final class FlagSet {
    private record Name(String name, long value) {}

    private final List<Name> names;
    private final long fieldMask;
    private final String[] fieldNames;

    private FlagSet(List<Name> names, long fieldMask, String[] fieldNames) {
        this.names = names;
        this.fieldMask = fieldMask;
        this.fieldNames = fieldNames;
    }

    /** The constants of {@code family} whose names start with {@code prefix}, except those {@code skip} rejects. */
    public static FlagSet of(Class<?> family, String prefix, Predicate<String> skip) {
        List<Name> names = new ArrayList<>();
        for (Field f : family.getFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || !f.getName().startsWith(prefix) || skip.test(f.getName())) {
                continue;
            }
            long v;
            try {
                if (f.getType() == int.class) {
                    v = f.getInt(null) & 0xFFFF_FFFFL;
                } else if (f.getType() == long.class) {
                    v = f.getLong(null);
                } else {
                    continue;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (v != 0) {
                names.add(new Name(f.getName(), v));
            }
        }
        names.sort(Comparator.comparingInt((Name n) -> -Long.bitCount(n.value)).thenComparingLong(Name::value));
        return new FlagSet(List.copyOf(names), 0, new String[0]);
    }

    /** The constants of {@code family} whose names start with {@code prefix}. */
    public static FlagSet of(Class<?> family, String prefix) {
        return of(family, prefix, n -> false);
    }

    /** This set, with the bits in {@code mask} read as an enumerated value named by {@code names[value]}. */
    public FlagSet withField(long mask, String... names) {
        List<Name> rest = this.names.stream().filter(n -> (n.value & mask) == 0).toList();
        return new FlagSet(rest, mask, names);
    }

    /** The names of this set and of {@code other}, for arguments that take flags of two families. */
    public FlagSet and(FlagSet other) {
        List<Name> all = new ArrayList<>(names);
        all.addAll(other.names);
        all.sort(Comparator.comparingInt((Name n) -> -Long.bitCount(n.value)).thenComparingLong(Name::value));
        return new FlagSet(List.copyOf(all), fieldMask, fieldNames);
    }

    /** {@code value} as {@code NAME|NAME|0x...}; {@code "0"} when nothing is set and there is no field. */
    public String format(long value) {
        StringBuilder sb = new StringBuilder();
        long rest = value;
        if (fieldMask != 0) {
            int field = (int) ((value & fieldMask) >>> Long.numberOfTrailingZeros(fieldMask));
            sb.append(field < fieldNames.length ? fieldNames[field] : "0x" + Long.toHexString(value & fieldMask));
            rest &= ~fieldMask;
        }
        for (Name n : names) {
            if ((rest & n.value) == n.value) {
                if (!sb.isEmpty()) {
                    sb.append('|');
                }
                sb.append(n.name);
                rest &= ~n.value;
            }
        }
        if (rest != 0 || sb.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(rest == 0 ? "0" : "0x" + Long.toHexString(rest));
        }
        return sb.toString();
    }

    /** The name whose value equals {@code value} exactly (for enumerations such as signal numbers), or hex. */
    public String formatValue(long value) {
        for (Name n : names) {
            if (n.value == value) {
                return n.name;
            }
        }
        return Long.toString(value);
    }
}
