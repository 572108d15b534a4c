package dev.berth.runtime.init;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel command line's {@code ip=} parameter in its nfsroot syntax
 * ({@code Documentation/admin-guide/nfs/nfsroot.rst}):
 * {@code ip=<client-ip>:<server-ip>:<gw-ip>:<netmask>:<hostname>:<device>:<autoconf>:<dns0-ip>:<dns1-ip>}.
 * Only static configuration is supported ({@code autoconf} empty, {@code off} or {@code none}).
 *
 * @param address the client address
 * @param prefix the prefix length from {@code netmask} (24 when it is empty)
 * @param gateway the gateway, or null
 * @param hostname the hostname, or null
 * @param device the device, or null for the first NIC that is not {@code lo}
 * @param dns name servers
 */
public record KernelIp(String address, int prefix, String gateway, String hostname, String device, List<String> dns) {

    /** The {@code ip=} value of {@code cmdline} parsed, or null when there is none. */
    public static KernelIp fromCmdline(String cmdline) {
        for (String word : cmdline.trim().split("\\s+")) {
            if (word.startsWith("ip=")) {
                return parse(word.substring(3));
            }
        }
        return null;
    }

    /** Parses an {@code ip=} value. */
    public static KernelIp parse(String value) {
        String[] f = value.split(":", -1);
        if (f.length == 1 && List.of("dhcp", "bootp", "rarp", "any", "on").contains(f[0])) {
            throw new IllegalArgumentException("ip=" + value + ": berth init configures static addresses only");
        }
        if (f[0].isEmpty()) {
            throw new IllegalArgumentException("ip=" + value + ": no client address");
        }
        String autoconf = field(f, 6);
        if (autoconf != null && !List.of("off", "none").contains(autoconf)) {
            throw new IllegalArgumentException("ip=" + value + ": autoconf \"" + autoconf
                    + "\" is not supported, only static addresses (off or none)");
        }
        List<String> dns = new ArrayList<>();
        for (int i = 7; i <= 8; i++) {
            if (field(f, i) != null) {
                dns.add(field(f, i));
            }
        }
        String mask = field(f, 3);
        int prefix;
        try {
            prefix = mask == null ? 24 : prefixLength(mask);
        } catch (IllegalArgumentException e) {
            // Said on the console of a machine that will not come up: name the whole parameter.
            throw new IllegalArgumentException("ip=" + value + ": " + e.getMessage(), e);
        }
        return new KernelIp(f[0], prefix, field(f, 2), field(f, 4), field(f, 5), List.copyOf(dns));
    }

    private static String field(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? f[i] : null;
    }

    /** {@code 255.255.255.0} → 24, refusing masks that are not contiguous. */
    static int prefixLength(String netmask) {
        String[] parts = netmask.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad netmask " + netmask);
        }
        long bits = 0;
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("bad netmask " + netmask);
            }
            bits = (bits << 8) | v;
        }
        int len = Long.bitCount(bits);
        if (bits != ((0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("netmask " + netmask + " is not contiguous");
        }
        return len;
    }
}
