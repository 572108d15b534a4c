package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import dev.berth.syscall.ErrnoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A test's own little world: a network namespace that plays the host (with {@code lo} up), containers that
 * are namespaces of their own, and a data directory for IPAM and locks. Nothing of the real host is
 * touched; closing drops the namespaces (and with them every link, address, route and nft table in them)
 * and the data directory. Addresses come from 198.18.0.0/15 only.
 */
final class Lab implements AutoCloseable {
    final NetNs host;
    final Path dataDir;
    private final List<NetNs> containers = new ArrayList<>();

    private Lab(NetNs host, Path dataDir) {
        this.host = host;
        this.dataDir = dataDir;
    }

    static Lab create() throws IOException {
        NetNs host = NetNs.createAnonymous();
        try (Rtnl nl = host.rtnl()) {
            nl.links().set("lo", LinkChange.of().up());
        }
        return new Lab(host, Files.createTempDirectory("berth-net-test"));
    }

    /** A new container namespace (only {@code lo}, down). */
    NetNs container() throws ErrnoException {
        NetNs ns = NetNs.createAnonymous();
        containers.add(ns);
        return ns;
    }

    Attachment attach(String id, NetNs container) {
        return Attachment.of(id, container).withHost(host).withDataDir(dataDir);
    }

    static NetworkConfigList conflist(String json) throws Exception {
        return NetworkReader.read(json.getBytes(StandardCharsets.UTF_8), "test conflist");
    }

    /** Names of the links in {@code ns}, sorted. */
    static List<String> links(NetNs ns) throws ErrnoException {
        try (Rtnl nl = ns.rtnl()) {
            return nl.links().list().stream().map(Link::name).sorted().toList();
        }
    }

    /** Waits (up to 5 s) until link {@code name} is operationally up, so snapshots do not race the kernel. */
    static void waitUp(NetNs ns, String name) throws Exception {
        try (Rtnl nl = ns.rtnl()) {
            for (int i = 0; i < 500 && nl.links().get(name).operstate() != dev.berth.netlink.codec.Iff.IF_OPER_UP; i++) {
                Thread.sleep(10);
            }
            assertEquals(dev.berth.netlink.codec.Iff.IF_OPER_UP, nl.links().get(name).operstate(), name + " up");
        }
    }

    /**
     * Waits (up to 5 s) until the kernel's link watch has caught up: an interface that is up with a carrier
     * is operationally up a moment later, and a bridge left without ports loses its carrier a moment after
     * its last port goes. Snapshots must not race either.
     */
    static void waitSettled(NetNs ns) throws Exception {
        int lowerUp = 0x10000; // IFF_LOWER_UP
        try (Rtnl nl = ns.rtnl()) {
            for (int i = 0; i < 500; i++) {
                List<Link> links = nl.links().list();
                boolean settled = true;
                for (Link l : links) {
                    boolean ports = links.stream().anyMatch(p -> p.master() == l.index());
                    int oper = l.operstate();
                    if ("bridge".equals(l.kind()) && !ports && l.isUp() && oper != dev.berth.netlink.codec.Iff.IF_OPER_DOWN) {
                        settled = false;
                    }
                    if (l.type() != 772 && l.isUp() && (l.flags() & lowerUp) != 0 && oper != dev.berth.netlink.codec.Iff.IF_OPER_UP
                            && !("bridge".equals(l.kind()) && !ports)) {
                        settled = false;
                    }
                }
                if (settled) {
                    return;
                }
                Thread.sleep(10);
            }
        }
    }

    /** {@code lo} up, as Berth's child plan brings it up in a new network namespace. */
    static void loUp(NetNs ns) throws ErrnoException {
        try (Rtnl nl = ns.rtnl()) {
            nl.links().set("lo", LinkChange.of().up());
        }
    }

    static Link link(NetNs ns, String name) throws ErrnoException {
        try (Rtnl nl = ns.rtnl()) {
            return nl.links().get(name);
        }
    }

    /** Files under the data directory other than host-local's bookkeeping and Berth's lock files. */
    List<String> allocations() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String f = p.getFileName().toString();
                if (!f.equals("lock") && !f.startsWith("last_reserved_ip.") && !f.endsWith(".lock")) {
                    out.add(dataDir.relativize(p).toString());
                }
            });
        }
        return out;
    }

    /** nft's tables in {@code ns} ({@code nft list tables}). */
    static String nftTables(NetNs ns) throws Exception {
        Exec.Outcome o = Exec.run(Exec.find(Exec.systemPath(), "nft"), List.of("nft", "list", "tables"), List.of(),
                new byte[0], ns.fd());
        assertEquals(true, o.ok(), o.stderrText());
        return new String(o.stdout(), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws Exception {
        for (NetNs c : containers) {
            c.close();
        }
        host.close();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
