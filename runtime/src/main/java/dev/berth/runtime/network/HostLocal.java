package dev.berth.runtime.network;

import dev.berth.specs.network.Dns;
import dev.berth.specs.network.IpPrefix;
import dev.berth.specs.network.Ipam;
import dev.berth.specs.network.RawJson;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** One range, canonical: start and end inclusive, gateway set (skipped when allocating). */
    record Range(IpPrefix subnet, BigInteger start, BigInteger end, BigInteger gateway) {
        boolean contains(BigInteger a, boolean ipv4) {
            return ipv4 == subnet.isIpv4() && a.compareTo(start) >= 0 && a.compareTo(end) <= 0;
        }

        static Range of(Ipam.IpRange r) {
            IpPrefix subnet = IpPrefix.parse(r.subnet()).network();
            BigInteger first = subnet.first().add(BigInteger.ONE);
            // host-local's lastIP(): the last address, minus the broadcast address for IPv4
            BigInteger last = subnet.isIpv4() ? subnet.last().subtract(BigInteger.ONE) : subnet.last();
            BigInteger start = r.rangeStart() == null ? first : IpPrefix.toNumber(IpPrefix.parseAddress(r.rangeStart()));
            BigInteger end = r.rangeEnd() == null ? last : IpPrefix.toNumber(IpPrefix.parseAddress(r.rangeEnd()));
            BigInteger gw = r.gateway() == null ? first : IpPrefix.toNumber(IpPrefix.parseAddress(r.gateway()));
            return new Range(subnet, start, end, gw);
        }

        String gatewayText() {
            return IpPrefix.format(IpPrefix.fromNumber(gateway, subnet.isIpv4()));
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
        Files.createDirectories(dir);
        Dns dns = ipam.dns();
        RawJson resolv = ipam.extra().get("resolvConf");
        if (Json.string(resolv) != null) {
            dns = parseResolvConf(Path.of(Json.string(resolv)));
        }
        List<Result.IpConfig> ips = new ArrayList<>();
        try (Locks.Held lock = Locks.lock(dir.resolve("lock"))) {
            undo.add("releasing the addresses of " + s.containerId() + " in " + dir, () -> release(s, ipam));
            for (int i = 0; i < ipam.ranges().size(); i++) {
                List<Range> set = new ArrayList<>();
                for (Ipam.IpRange r : ipam.ranges().get(i)) {
                    set.add(Range.of(r));
                }
                try {
                    ips.add(allocate(dir, set, i, s.containerId(), s.ifName()));
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

    private static Result.IpConfig allocate(Path dir, List<Range> set, int setIndex, String id, String ifName)
            throws IOException, NetworkException {
        boolean ipv4 = set.getFirst().subnet().isIpv4();
        // no second address for the same container and interface from one range set (CNI spec)
        for (BigInteger held : heldBy(dir, id, ifName, ipv4)) {
            if (rangeFor(set, held, ipv4) != null) {
                throw new NetworkException(format(held, ipv4) + " has been allocated to " + id
                        + ", duplicate allocation is not allowed");
            }
        }
        String content = id.strip() + LINE_BREAK + ifName;
        BigInteger last = lastReserved(dir, setIndex, ipv4);
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
            if (reserve(dir, ip, content, setIndex)) {
                return new Result.IpConfig(ip + "/" + r.subnet().length(), r.gatewayText(), null);
            }
        }
        throw new NetworkException("no IP addresses available in range set: " + describe(set, ipv4));
    }

    private static boolean reserve(Path dir, String ip, String content, int setIndex) throws IOException {
        Path file = dir.resolve(ip);
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.writeString(dir.resolve(LAST_RESERVED + setIndex), ip);
        return true;
    }

    private static Range rangeFor(List<Range> set, BigInteger a, boolean ipv4) {
        for (Range r : set) {
            if (r.contains(a, ipv4)) {
                return r;
            }
        }
        return null;
    }

    private static BigInteger lastReserved(Path dir, int setIndex, boolean ipv4) throws IOException {
        try {
            String text = Files.readString(dir.resolve(LAST_RESERVED + setIndex)).strip();
            InetAddress a = IpPrefix.parseAddress(text);
            return (a instanceof java.net.Inet4Address) == ipv4 ? IpPrefix.toNumber(a) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The addresses recorded for {@code id}/{@code ifName} (or, as old host-local wrote them, for {@code id} alone). */
    private static List<BigInteger> heldBy(Path dir, String id, String ifName, boolean ipv4) throws IOException {
        List<BigInteger> out = new ArrayList<>();
        String match = id.strip() + LINE_BREAK + ifName;
        for (Path f : files(dir)) {
            String content = read(f);
            if (content != null && (content.equals(match) || content.equals(id.strip()))) {
                try {
                    InetAddress a = IpPrefix.parseAddress(f.getFileName().toString());
                    if ((a instanceof java.net.Inet4Address) == ipv4) {
                        out.add(IpPrefix.toNumber(a));
                    }
                } catch (IllegalArgumentException notAnAddress) {
                    // lock, last_reserved_ip.N
                }
            }
        }
        return out;
    }

    /** Releases the session's addresses, as host-local's DEL: by container id and interface. Idempotent. */
    static void release(Session s, Ipam ipam) throws IOException {
        Path dir = dir(s, ipam);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Locks.Held lock = Locks.lock(dir.resolve("lock"))) {
            if (!releaseMatching(dir, s.containerId().strip() + LINE_BREAK + s.ifName())) {
                releaseMatching(dir, s.containerId().strip());
            }
        }
    }

    private static boolean releaseMatching(Path dir, String match) throws IOException {
        boolean found = false;
        for (Path f : files(dir)) {
            if (match.equals(read(f))) {
                Files.deleteIfExists(f);
                found = true;
            }
        }
        return found;
    }

    /** Whether the container holds an address in the network (host-local's CHECK). */
    static boolean holds(Session s, Ipam ipam) throws IOException {
        Path dir = dir(s, ipam);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        String match = s.containerId().strip() + LINE_BREAK + s.ifName();
        for (Path f : files(dir)) {
            String c = read(f);
            if (match.equals(c) || s.containerId().strip().equals(c)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static String format(BigInteger n, boolean ipv4) {
        return IpPrefix.format(IpPrefix.fromNumber(n, ipv4));
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
        return IpPrefix.parse(cidr).network().toString();
    }

    static String canonical(String address) {
        return IpPrefix.format(IpPrefix.parseAddress(address));
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
