package dev.berth.netlink.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * IP and link-layer addresses as the raw network-order bytes netlink carries, parsed and printed the
 * way {@code inet_pton(3)}/{@code inet_ntop(3)} and {@code ip} do. Never resolves names: a string that is
 * not an address literal is an error, not a DNS lookup.
 */
public final class Inet {
    private Inet() {}

    /** An address with a prefix length, {@code 198.18.0.0/24}. */
    public record Prefix(byte[] address, int length) {
        public Prefix {
            address = address.clone();
            if (address.length != 4 && address.length != 16) {
                throw new IllegalArgumentException("address of " + address.length + " bytes");
            }
            if (length < 0 || length > address.length * 8) {
                throw new IllegalArgumentException("prefix length " + length + " out of 0.." + address.length * 8);
            }
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        /** {@code AF_INET} or {@code AF_INET6}. */
        public int family() {
            return Inet.family(address);
        }

        /** Whether this is the whole address space ({@code 0.0.0.0/0}, {@code ::/0}), {@code default}. */
        public boolean isDefault() {
            return length == 0;
        }

        /** {@code 198.18.0.0/24}. */
        @Override
        public String toString() {
            return format(address) + "/" + length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && p.length == length && Arrays.equals(p.address, address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address) * 31 + length;
        }

        /** {@code 198.18.0.1/24}, or a bare address (full length); {@code default} is not accepted here. */
        public static Prefix parse(String s) {
            int slash = s.indexOf('/');
            byte[] a = Inet.parse(slash < 0 ? s : s.substring(0, slash));
            int len = a.length * 8;
            if (slash >= 0) {
                String n = s.substring(slash + 1);
                if (n.isEmpty() || n.length() > 3 || !n.chars().allMatch(Character::isDigit)) {
                    throw new IllegalArgumentException("invalid prefix length in \"" + s + "\"");
                }
                len = Integer.parseInt(n);
                if (len > a.length * 8) {
                    throw new IllegalArgumentException("invalid prefix length " + len + " in \"" + s + "\"");
                }
            }
            return new Prefix(a, len);
        }

        /** The network: the address with the host bits cleared. */
        public Prefix network() {
            byte[] n = address.clone();
            for (int bit = length; bit < n.length * 8; bit++) {
                n[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return new Prefix(n, length);
        }

        /** The IPv4 broadcast address of this prefix (all host bits set). */
        public byte[] broadcast() {
            byte[] n = address.clone();
            for (int bit = length; bit < n.length * 8; bit++) {
                n[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            return n;
        }
    }

    /** {@code AF_INET} for 4 bytes, {@code AF_INET6} for 16. */
    public static int family(byte[] address) {
        return switch (address.length) {
            case 4 -> 2;
            case 16 -> 10;
            default -> throw new IllegalArgumentException("address of " + address.length + " bytes");
        };
    }

    /** Parses an IPv4 dotted quad or an IPv6 literal into 4 or 16 bytes. */
    public static byte[] parse(String s) {
        byte[] a = s.indexOf(':') >= 0 ? parse6(s) : parse4(s);
        if (a == null) {
            throw new IllegalArgumentException("invalid address \"" + s + "\"");
        }
        return a;
    }

    /** Whether {@code s} is an IP address literal. */
    public static boolean isAddress(String s) {
        return (s.indexOf(':') >= 0 ? parse6(s) : parse4(s)) != null;
    }

    private static byte[] parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parse6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        int[] head = groups(dbl < 0 ? s : s.substring(0, dbl), dbl < 0);
        int[] tail = dbl < 0 ? new int[0] : groups(s.substring(dbl + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int n = head.length + tail.length;
        if (dbl < 0 ? n != 8 : n > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int pos = 8 - tail.length + i;
            out[2 * pos] = (byte) (tail[i] >> 8);
            out[2 * pos + 1] = (byte) tail[i];
        }
        return out;
    }

    /** The 16-bit groups of one side of "::"; a dotted IPv4 tail counts as two. Null if malformed. */
    private static int[] groups(String s, boolean mayEndInIpv4) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && p.indexOf('.') >= 0) {
                byte[] v4 = parse4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                out[n++] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Prints 4 or 16 bytes as {@code inet_ntop(3)} does (RFC 5952 for IPv6); anything else in hex. */
    public static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        if (a.length != 16) {
            return HexFormat.of().formatHex(a);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i > 0) {
                sb.append(':');
            }
            // glibc prints an IPv4-compatible or IPv4-mapped tail in dotted form
            if (i == 6 && bestBase == 0 && (bestLen == 6 || bestLen == 5 && w[5] == 0xffff)) {
                sb.append(format(Arrays.copyOfRange(a, 12, 16)));
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** A MAC (or any link-layer address) as {@code 02:00:00:00:00:01}. */
    public static String formatMac(byte[] a) {
        StringBuilder sb = new StringBuilder(a.length * 3);
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((a[i] >> 4) & 0xf, 16)).append(Character.forDigit(a[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** Parses {@code 02:00:00:00:00:01} (any number of colon-separated hex bytes). */
    public static byte[] parseMac(String s) {
        String[] parts = s.split(":", -1);
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("invalid link-layer address \"" + s + "\"");
            }
            try {
                out[i] = (byte) Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid link-layer address \"" + s + "\"");
            }
        }
        return out;
    }
}
