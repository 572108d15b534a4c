package dev.berth.netlink.codec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * An immutable, ordered list of attributes with look-ups by {@link Attr#id() id}, and its
 * {@link Builder}. Order is kept exactly: it is part of the wire format the golden tests compare.
 */
public final class Attrs implements Iterable<Attr> {
    private static final Attrs EMPTY = new Attrs(List.of());

    private final List<Attr> list;

    private Attrs(List<Attr> list) {
        this.list = list;
    }

    /** No attributes. */
    public static Attrs of() {
        return EMPTY;
    }

    /** These attributes, in this order. */
    public static Attrs of(Attr... attrs) {
        return attrs.length == 0 ? EMPTY : new Attrs(List.of(attrs));
    }

    /** These attributes, in this order. */
    public static Attrs of(List<? extends Attr> attrs) {
        return attrs.isEmpty() ? EMPTY : new Attrs(List.copyOf(attrs));
    }

    /** A builder for requests. */
    public static Builder builder() {
        return new Builder();
    }

    /** All attributes in wire order. */
    public List<Attr> list() {
        return list;
    }

    public int size() {
        return list.size();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    @Override
    public Iterator<Attr> iterator() {
        return list.iterator();
    }

    /** The first attribute with this id, or null. */
    public Attr get(int id) {
        for (Attr a : list) {
            if (a.id() == id) {
                return a;
            }
        }
        return null;
    }

    /** Whether an attribute with this id is present. */
    public boolean has(int id) {
        return get(id) != null;
    }

    /** Every attribute with this id (some, such as {@code IFLA_ALT_IFNAME}, repeat). */
    public List<Attr> all(int id) {
        List<Attr> out = new ArrayList<>();
        for (Attr a : list) {
            if (a.id() == id) {
                out.add(a);
            }
        }
        return out;
    }

    /** A string attribute's value, or null when absent or not a string. */
    public String str(int id) {
        return get(id) instanceof Attr.Str s ? s.value() : null;
    }

    /** An integer attribute's value (any width, any byte order), or {@code dflt} when absent. */
    public long num(int id, long dflt) {
        return switch (get(id)) {
            case Attr.U8 a -> a.value();
            case Attr.U16 a -> a.value();
            case Attr.U32 a -> Integer.toUnsignedLong(a.value());
            case Attr.U64 a -> a.value();
            case Attr.Be16 a -> a.value();
            case Attr.Be32 a -> Integer.toUnsignedLong(a.value());
            case null, default -> dflt;
        };
    }

    /** A 32-bit attribute as a Java int, or {@code dflt}. */
    public int u32(int id, int dflt) {
        return (int) num(id, dflt);
    }

    /** A binary attribute's bytes (also of an {@link Attr.Unknown}), or null. */
    public byte[] bytes(int id) {
        return switch (get(id)) {
            case Attr.Bin b -> b.value();
            case Attr.Unknown u -> u.payload();
            case null, default -> null;
        };
    }

    /** A nested attribute's children, or null. */
    public Attrs nested(int id) {
        return get(id) instanceof Attr.Nested n ? n.attrs() : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attrs a && a.list.equals(list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return list.toString();
    }

    /** Builds attribute lists in wire order; nested lists through a callback. */
    public static final class Builder {
        private final List<Attr> list = new ArrayList<>();

        private Builder() {}

        public Builder add(Attr a) {
            list.add(a);
            return this;
        }

        public Builder addAll(Attrs attrs) {
            list.addAll(attrs.list);
            return this;
        }

        public Builder u8(int type, int value) {
            return add(new Attr.U8(type, value));
        }

        public Builder u16(int type, int value) {
            return add(new Attr.U16(type, value));
        }

        public Builder u32(int type, int value) {
            return add(new Attr.U32(type, value));
        }

        public Builder u64(int type, long value) {
            return add(new Attr.U64(type, value));
        }

        public Builder be16(int type, int value) {
            return add(new Attr.Be16(type, value));
        }

        public Builder be32(int type, int value) {
            return add(new Attr.Be32(type, value));
        }

        /** A NUL-terminated string. */
        public Builder str(int type, String value) {
            return add(new Attr.Str(type, value));
        }

        /** A string without the NUL, as iproute2 sends {@code IFLA_INFO_KIND}. */
        public Builder chars(int type, String value) {
            return add(new Attr.Str(type, value, false));
        }

        public Builder bin(int type, byte[] value) {
            return add(new Attr.Bin(type, value));
        }

        public Builder flag(int type) {
            return add(new Attr.Flag(type));
        }

        public Builder nested(int type, Consumer<Builder> children) {
            Builder b = new Builder();
            children.accept(b);
            return add(new Attr.Nested(type, b.build()));
        }

        public Builder peer(int type, IfInfoMsg header, Consumer<Builder> children) {
            Builder b = new Builder();
            children.accept(b);
            return add(new Attr.Peer(type, header, b.build()));
        }

        public Builder multipath(int type, List<NextHop> hops) {
            return add(new Attr.Multipath(type, hops));
        }

        public Attrs build() {
            return Attrs.of(list);
        }
    }
}
