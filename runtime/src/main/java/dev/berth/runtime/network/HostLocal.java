package dev.berth.runtime.network;

import dev.berth.specs.network.Dns;
import dev.berth.netlink.codec.Inet;
import dev.berth.specs.network.Ipam;
import dev.berth.specs.network.RawJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code host-local} IPAM plugin: one address from each range set, taken round-robin, recorded on disk
 * in host-local's own format so that either implementation can release the other's allocations:
 * {@code DATADIR/NETWORK/ADDRESS} holds {@code CONTAINERID\r\nIFNAME}, {@code last_reserved_ip.N} the last
 * address taken from range set N, and {@code lock} is {@code flock}ed while the directory changes.
 */
final class HostLocal {
    private static final String LINE_BREAK = "\r\n";
    private static final String LAST_RESERVED = "last_reserved_ip.";

    private HostLocal() {}

    /**
     * One range, canonical: start and end inclusive, gateway set (skipped when allocating). Addresses are
     * numbers; parsing and printing go through netlink's {@link Inet}, which needs no regular expressions
     * (an allocation parses every file name of the directory).
     */
    record Range(Inet.Prefix subnet, BigInteger start, BigInteger end, BigInteger gateway) {
        boolean ipv4() {
            return subnet.address().length == 4;
        }

        boolean contains(BigInteger a, boolean ipv4) {
            return ipv4 == ipv4() && a.compareTo(start) >= 0 && a.compareTo(end) <= 0;
        }

        static Range of(Ipam.IpRange r) {
            Inet.Prefix subnet = Inet.Prefix.parse(r.subnet()).network();
            boolean v4 = subnet.address().length == 4;
            BigInteger network = number(subnet.address());
            BigInteger first = network.add(BigInteger.ONE);
            BigInteger all = network.add(BigInteger.ONE.shiftLeft(subnet.address().length * 8 - subnet.length()))
                    .subtract(BigInteger.ONE);
            // host-local's lastIP(): the last address, minus the broadcast address for IPv4
            BigInteger last = v4 ? all.subtract(BigInteger.ONE) : all;
            BigInteger start = r.rangeStart() == null ? first : number(Inet.parse(r.rangeStart()));
            BigInteger end = r.rangeEnd() == null ? last : number(Inet.parse(r.rangeEnd()));
            BigInteger gw = r.gateway() == null ? first : number(Inet.parse(r.gateway()));
            return new Range(subnet, start, end, gw);
        }

        String gatewayText() {
            return format(gateway, ipv4());
        }
    }

    /** The directory of {@code network}'s allocations. */
    static Path dir(Session s, Ipam ipam) {
        Path root = ipam.dataDir() != null ? Path.of(ipam.dataDir()) : s.dataDir();
        return root.resolve(s.network());
    }

    /** Allocates one address per range set for the session's container and interface. */
    static Result add(Session s, Ipam ipam, Undo undo) throws Exception {
        Path dir = dir(s, ipam);
        Dns dns = ipam.dns();
        RawJson resolv = ipam.extra().get("resolvConf");
        if (Json.string(resolv) != null) {
            dns = parseResolvConf(Path.of(Json.string(resolv)));
        }
        List<Result.IpConfig> ips = new ArrayList<>();
        try (AllocationDir d = AllocationDir.open(dir, true)) {
            undo.add("releasing the addresses of " + s.containerId() + " in " + dir, () -> release(s, ipam));
            List<String> files = d.files();
            for (int i = 0; i < ipam.ranges().size(); i++) {
                List<Range> set = new ArrayList<>();
                for (Ipam.IpRange r : ipam.ranges().get(i)) {
                    set.add(Range.of(r));
                }
                try {
                    ips.add(allocate(d, files, set, i, s.containerId(), s.ifName()));
                } catch (NetworkException e) {
                    throw new NetworkException("host-local: failed to allocate for range " + i + ": " + e.getMessage());
                }
            }
        }
        List<Result.Route> routes = new ArrayList<>();
        for (Ipam.Route r : ipam.routes()) {
            routes.add(new Result.Route(canonicalNetwork(r.dst()), r.gw() == null ? null : canonical(r.gw())));
        }
        return Result.ofIpam(s.version(), ips, routes, dns);
    }

    private static Result.IpConfig allocate(AllocationDir d, List<String> files, List<Range> set, int setIndex,
            String id, String ifName) throws IOException, NetworkException {
        boolean ipv4 = set.getFirst().ipv4();
        // no second address for the same container and interface from one range set (CNI spec)
        for (BigInteger held : heldBy(d, files, id, ifName, ipv4)) {
            if (rangeFor(set, held, ipv4) != null) {
                throw new NetworkException(format(held, ipv4) + " has been allocated to " + id
                        + ", duplicate allocation is not allowed");
            }
        }
        String content = id.strip() + LINE_BREAK + ifName;
        BigInteger last = lastReserved(d, setIndex, ipv4);
        int rangeIdx = 0;
        BigInteger cur = null;
        BigInteger startIp = null;
        if (last != null && rangeFor(set, last, ipv4) != null) {
            rangeIdx = set.indexOf(rangeFor(set, last, ipv4));
            cur = last;
        } else {
            startIp = set.getFirst().start();
        }
        // host-local's RangeIter: from the last reserved address + 1, round the whole set once, gateways skipped
        while (true) {
            Range r = set.get(rangeIdx);
            if (cur == null) {
                cur = r.start();
                startIp = cur;
            } else {
                if (cur.equals(r.end())) {
                    rangeIdx = (rangeIdx + 1) % set.size();
                    r = set.get(rangeIdx);
                    cur = r.start();
                } else {
                    cur = cur.add(BigInteger.ONE);
                }
                if (startIp == null) {
                    startIp = cur;
                } else if (cur.equals(startIp)) {
                    break;
                }
            }
            if (cur.equals(r.gateway())) {
                continue;
            }
            String ip = format(cur, ipv4);
            if (d.createNew(ip, content)) {
                d.write(LAST_RESERVED + setIndex, ip);
                return new Result.IpConfig(ip + "/" + r.subnet().length(), r.gatewayText(), null);
            }
        }
        throw new NetworkException("no IP addresses available in range set: " + describe(set, ipv4));
    }

    private static Range rangeFor(List<Range> set, BigInteger a, boolean ipv4) {
        for (Range r : set) {
            if (r.contains(a, ipv4)) {
                return r;
            }
        }
        return null;
    }

    private static BigInteger lastReserved(AllocationDir d, int setIndex, boolean ipv4) {
        byte[] a = address(d.read(LAST_RESERVED + setIndex));
        return a != null && (a.length == 4) == ipv4 ? number(a) : null;
    }

    /** The address {@code text} spells, or null (file names such as {@code lock} are not addresses). */
    private static byte[] address(String text) {
        return text != null && Inet.isAddress(text) ? Inet.parse(text) : null;
    }

    private static BigInteger number(byte[] address) {
        return new BigInteger(1, address);
    }

    /** The addresses recorded for {@code id}/{@code ifName} (or, as old host-local wrote them, for {@code id} alone). */
    private static List<BigInteger> heldBy(AllocationDir d, List<String> files, String id, String ifName, boolean ipv4) {
        List<BigInteger> out = new ArrayList<>();
        String match = id.strip() + LINE_BREAK + ifName;
        for (String f : files) {
            byte[] a = address(f);
            if (a == null || (a.length == 4) != ipv4) {
                continue; // lock, last_reserved_ip.N: never an allocation
            }
            String content = d.read(f);
            if (content != null && (content.equals(match) || content.equals(id.strip()))) {
                out.add(number(a));
            }
        }
        return out;
    }

    /** Releases the session's addresses, as host-local's DEL: by container id and interface. Idempotent. */
    static void release(Session s, Ipam ipam) throws IOException {
        try (AllocationDir d = AllocationDir.open(dir(s, ipam), false)) {
            if (d == null) {
                return;
            }
            List<String> files = d.files();
            if (!releaseMatching(d, files, s.containerId().strip() + LINE_BREAK + s.ifName())) {
                releaseMatching(d, files, s.containerId().strip());
            }
        }
    }

    private static boolean releaseMatching(AllocationDir d, List<String> files, String match) throws IOException {
        boolean found = false;
        for (String f : files) {
            if (!f.equals("lock") && match.equals(d.read(f))) {
                d.delete(f);
                found = true;
            }
        }
        return found;
    }

    /** Whether the container holds an address in the network (host-local's CHECK). */
    static boolean holds(Session s, Ipam ipam) throws IOException {
        try (AllocationDir d = AllocationDir.open(dir(s, ipam), false)) {
            if (d == null) {
                return false;
            }
            String match = s.containerId().strip() + LINE_BREAK + s.ifName();
            for (String f : d.files()) {
                String c = d.read(f);
                if (match.equals(c) || s.containerId().strip().equals(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String format(BigInteger n, boolean ipv4) {
        byte[] raw = n.toByteArray();
        byte[] bytes = new byte[ipv4 ? 4 : 16];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        return Inet.format(bytes);
    }

    private static String describe(List<Range> set, boolean ipv4) {
        List<String> parts = new ArrayList<>();
        for (Range r : set) {
            parts.add(format(r.start(), ipv4) + "-" + format(r.end(), ipv4));
        }
        return String.join(",", parts);
    }

    /** {@code 198.19.0.1/16} as Go's {@code net.ParseCIDR} keeps it: {@code 198.19.0.0/16}. */
    static String canonicalNetwork(String cidr) {
        return Inet.Prefix.parse(cidr).network().toString();
    }

    /** An address as Go prints it (RFC 5952 for IPv6). */
    static String canonical(String address) {
        return Inet.format(Inet.parse(address));
    }

    /** host-local's {@code resolvConf}: nameservers, domain, search and options of a resolv.conf file. */
    static Dns parseResolvConf(Path file) throws IOException {
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String domain = null;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].startsWith("#") || f[0].startsWith(";")) {
                continue;
            }
            switch (f[0]) {
                case "nameserver" -> nameservers.add(f[1]);
                case "domain" -> domain = f[1];
                case "search" -> search.addAll(List.of(f).subList(1, f.length));
                case "options" -> options.addAll(List.of(f).subList(1, f.length));
                default -> {}
            }
        }
        return new Dns(nameservers, domain, search, options, Map.of());
    }
}
