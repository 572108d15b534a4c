package dev.berth.specs.network;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IP address with a prefix length, as CNI configurations write subnets ({@code 198.18.0.0/24}) and
 * interface addresses ({@code 198.18.0.2/24}). Parsing never resolves names: IPv4 must be a dotted quad
 * of decimal numbers without leading zeros (as Go's parser, which the reference plugins use, requires),
 * IPv6 a literal.
 *
 * @param address the address as written (host bits may be set)
 * @param length prefix length
 */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > bits(address)) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
    }

    /** Parses {@code address/length}; throws {@link IllegalArgumentException} with the reason. */
    public static IpPrefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            parseAddress(cidr);
            throw new IllegalArgumentException("has no prefix length");
        }
        InetAddress address = parseAddress(cidr.substring(0, slash));
        String len = cidr.substring(slash + 1);
        if (!len.matches("\\d{1,3}") || (len.length() > 1 && len.startsWith("0")) || Integer.parseInt(len) > bits(address)) {
            throw new IllegalArgumentException("has an invalid prefix length");
        }
        return new IpPrefix(address, Integer.parseInt(len));
    }

    /** Parses an IPv4 or IPv6 literal; throws {@link IllegalArgumentException} when it is not one. */
    public static InetAddress parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            try {
                if (text.startsWith("[") || text.indexOf('%') >= 0) {
                    throw new IllegalArgumentException("is not an IP address");
                }
                return Inet6Address.ofLiteral(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not an IP address");
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("is not an IP address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (!p.matches("\\d{1,3}") || (p.length() > 1 && p.startsWith("0")) || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("is not an IP address");
            }
            bytes[i] = (byte) Integer.parseInt(p);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("is not an IP address", e);
        }
    }

    /** Whether this is an IPv4 prefix (IPv4-mapped IPv6 addresses count as IPv4). */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** 32 or 128. */
    public int bits() {
        return bits(address);
    }

    private static int bits(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    /** The first address of the prefix, as a number. */
    public BigInteger first() {
        return toNumber(address).shiftRight(bits() - length).shiftLeft(bits() - length);
    }

    /** The last address of the prefix, as a number. */
    public BigInteger last() {
        return first().add(BigInteger.ONE.shiftLeft(bits() - length)).subtract(BigInteger.ONE);
    }

    /** Whether the address has bits set beyond the prefix (a host address, not a network). */
    public boolean hostBitsSet() {
        return !toNumber(address).equals(first());
    }

    /** The network: this prefix with the host bits cleared. */
    public IpPrefix network() {
        return new IpPrefix(fromNumber(first(), isIpv4()), length);
    }

    /** Whether {@code a} is of this prefix's family and inside it. */
    public boolean contains(InetAddress a) {
        if ((a instanceof Inet4Address) != isIpv4()) {
            return false;
        }
        BigInteger n = toNumber(a);
        return n.compareTo(first()) >= 0 && n.compareTo(last()) <= 0;
    }

    /** Whether the two prefixes share an address. */
    public boolean overlaps(IpPrefix other) {
        return other.isIpv4() == isIpv4() && first().compareTo(other.last()) <= 0 && other.first().compareTo(last()) <= 0;
    }

    /** The address as an unsigned number. */
    public static BigInteger toNumber(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    /** The address of number {@code n} in the given family. */
    public static InetAddress fromNumber(BigInteger n, boolean ipv4) {
        byte[] raw = n.toByteArray();
        byte[] bytes = new byte[ipv4 ? 4 : 16];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address in its usual text form: dotted quad, or RFC 5952 compressed IPv6. */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format(address) + "/" + length;
    }
}
