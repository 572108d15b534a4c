package dev.berth.runtime.network;

import dev.berth.specs.network.IpPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ipMasq}: traffic from the container's addresses to anywhere but their own subnet (and
 * multicast) leaves with the host's address, as the reference plugins' {@code ip.SetupIPMasq} arranges
 * with iptables. Berth uses nftables through the {@code nft} program, in a table of its own per network,
 * {@code table inet berth-NETWORK}, with one rule per address carrying the comment
 * {@code berth:CONTAINERID:IFNAME}; no other table is ever touched. The table goes when its last rule does.
 * Changes to a table are serialised by a lock file, so a teardown cannot drop a table another setup is
 * adding to.
 */
final class Masquerade {
    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)\\s*$");

    private Masquerade() {}

    static String table(Session s) {
        return "berth-" + s.network();
    }

    /** The comment of the session's rules: {@code berth:CONTAINERID:IFNAME}, shortened to nft's 128 bytes. */
    static String comment(Session s) {
        String c = "berth:" + s.containerId() + ":" + s.ifName();
        if (c.length() <= 128) {
            return c;
        }
        String tail = "~" + Integer.toHexString(c.hashCode()) + ":" + s.ifName();
        return c.substring(0, 128 - tail.length()) + tail;
    }

    /** Adds the rules for {@code ips}; {@code undo} removes them. */
    static void add(Session s, List<Result.IpConfig> ips, Undo undo) throws Exception {
        if (ips.isEmpty()) {
            return;
        }
        String nft = nft();
        String table = table(s);
        StringBuilder script = new StringBuilder();
        script.append("table inet ").append(table).append(" {\n  chain postrouting {\n")
                .append("    type nat hook postrouting priority 100; policy accept;\n  }\n}\n");
        for (Result.IpConfig ip : ips) {
            IpPrefix p = IpPrefix.parse(ip.address());
            String fam = p.isIpv4() ? "ip" : "ip6";
            String multicast = p.isIpv4() ? "224.0.0.0/4" : "ff00::/8";
            script.append("add rule inet ").append(table).append(" postrouting ").append(fam).append(" saddr ")
                    .append(IpPrefix.format(p.address())).append(' ').append(fam).append(" daddr != ")
                    .append(p.network()).append(' ').append(fam).append(" daddr != ").append(multicast)
                    .append(" masquerade comment \"").append(comment(s)).append("\"\n");
        }
        try (Locks.Held lock = Locks.lock(lockFile(s))) {
            undo.add("removing the masquerade rules of " + s.containerId() + " from table inet " + table, () -> del(s));
            Exec.Outcome out = Exec.run(nft, List.of("nft", "-f", "-"), List.of(), bytes(script), s.host.setnsFd());
            if (!out.ok()) {
                throw new NetworkException("ipMasq: nft could not add the rules to table inet " + table + ": "
                        + out.stderrText());
            }
        }
    }

    /** Removes the session's rules, and the table when they were its last; idempotent. */
    static void del(Session s) throws Exception {
        String nft = nftOrNull();
        if (nft == null) {
            return;
        }
        String table = table(s);
        try (Locks.Held lock = Locks.lock(lockFile(s))) {
            Exec.Outcome list = Exec.run(nft, List.of("nft", "-a", "list", "chain", "inet", table, "postrouting"),
                    List.of(), new byte[0], s.host.setnsFd());
            if (!list.ok()) {
                return; // no such table or chain: nothing of ours is left
            }
            String needle = "comment \"" + comment(s) + "\"";
            List<String> handles = new ArrayList<>();
            int rules = 0;
            for (String line : new String(list.stdout(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = HANDLE.matcher(line);
                String t = line.strip();
                if (!m.find() || t.startsWith("table ") || t.startsWith("chain ")) {
                    continue;
                }
                rules++;
                if (line.contains(needle)) {
                    handles.add(m.group(1));
                }
            }
            if (handles.isEmpty() && rules > 0) {
                return;
            }
            StringBuilder script = new StringBuilder();
            if (handles.size() == rules) {
                script.append("delete table inet ").append(table).append('\n');
            } else {
                for (String h : handles) {
                    script.append("delete rule inet ").append(table).append(" postrouting handle ").append(h).append('\n');
                }
            }
            Exec.Outcome out = Exec.run(nft, List.of("nft", "-f", "-"), List.of(), bytes(script), s.host.setnsFd());
            if (!out.ok()) {
                throw new NetworkException("ipMasq: nft could not remove the rules of " + s.containerId()
                        + " from table inet " + table + ": " + out.stderrText());
            }
        }
    }

    private static Path lockFile(Session s) {
        return Locks.dir(s.dataDir()).resolve("nft-" + s.network() + ".lock");
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where {@code nft} is looked for; tests point it at an empty directory to see the error without nft. */
    static volatile List<Path> searchPath;

    private static String nftOrNull() {
        List<Path> path = searchPath;
        return Exec.find(path != null ? path : Exec.systemPath(), "nft");
    }

    private static String nft() throws NetworkException {
        String nft = nftOrNull();
        if (nft == null) {
            throw new NetworkException("ipMasq needs nftables: no nft program in PATH or /usr/sbin, /sbin "
                    + "(install the nftables package, or set ipMasq to false)");
        }
        return nft;
    }
}
