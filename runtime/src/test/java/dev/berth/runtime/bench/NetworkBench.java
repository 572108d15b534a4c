package dev.berth.runtime.bench;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.runtime.network.Attachment;
import dev.berth.runtime.network.CniNetwork;
import dev.berth.runtime.network.Result;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The in-process half of {@code bench/network.sh}: per-container network setup + teardown of one
 * conflist (loopback, then bridge with a gateway, a default route and host-local), by Berth's built-in
 * plugins (as they are, and with {@code awaitRelease}: teardown also waiting for the kernel to free the
 * veth pair, as the reference plugins do) and by the reference plugin programs (exec'd by the CNI
 * protocol, as a runtime runs them), in turn, with one fresh container namespace per iteration. The JVM's own network namespace plays the host,
 * as a runtime's does: {@code bench/network.sh} starts it in a namespace of its own ({@code unshare --net}),
 * so the real host is never touched. Prints {@code key=value} lines.
 * Usage: {@code NetworkBench PLUGIN_DIR WARMUP N}.
 */
public final class NetworkBench {
    private NetworkBench() {}

    public static final String CONFLIST = """
            {"cniVersion": "1.0.0", "name": "bench", "plugins": [
              {"type": "loopback"},
              {"type": "bridge", "bridge": "bench0", "isGateway": true, "isDefaultGateway": true,
               "ipam": {"type": "host-local", "dataDir": "DATA", "ranges": [[{"subnet": "198.18.0.0/16"}]],
                        "routes": [{"dst": "198.19.0.0/16"}]}}]}
            """;

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        Path data = Files.createTempDirectory("berth-netbench");
        NetNs host = NetNs.current();
        try {
            try (Rtnl nl = host.rtnl()) {
                nl.links().set("lo", LinkChange.of().up());
            }
            NetworkConfigList list = NetworkReader.read(CONFLIST.replace("DATA", data.toString())
                    .getBytes(StandardCharsets.UTF_8), "bench conflist");
            CniNetwork berth = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(plugins)));
            CniNetwork berthRelease = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(plugins))
                    .withAwaitRelease(true));
            CniNetwork reference = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(plugins))
                    .withExternal("loopback", "bridge"));
            long berthFirst = once(berth, list, host, data, "first")[0];
            for (int i = 0; i < warmup; i++) {
                once(berth, list, host, data, "w" + i);
                once(berthRelease, list, host, data, "aw" + i);
                once(reference, list, host, data, "rw" + i);
            }
            long[] b = new long[n];
            long[] r = new long[n];
            long[] bSetup = new long[n];
            long[] rSetup = new long[n];
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                // alternate, so that drift in the machine hits both alike
                long[] tb = once(berth, list, host, data, "b" + i);
                long[] tr = once(reference, list, host, data, "r" + i);
                a[i] = once(berthRelease, list, host, data, "a" + i)[0];
                b[i] = tb[0];
                bSetup[i] = tb[1];
                r[i] = tr[0];
                rSetup[i] = tr[1];
            }
            Arrays.sort(b);
            Arrays.sort(r);
            Arrays.sort(a);
            Arrays.sort(bSetup);
            Arrays.sort(rSetup);
            System.out.printf("berth_setup_median_ms=%.3f%nplugins_setup_median_ms=%.3f%n", bSetup[n / 2] / 1e6,
                    rSetup[n / 2] / 1e6);
            System.out.printf("berth_first_ms=%.3f%n", berthFirst / 1e6);
            System.out.printf("berth_median_ms=%.3f%nberth_p90_ms=%.3f%n", b[n / 2] / 1e6, b[n * 9 / 10] / 1e6);
            System.out.printf("plugins_median_ms=%.3f%nplugins_p90_ms=%.3f%n", r[n / 2] / 1e6, r[n * 9 / 10] / 1e6);
            System.out.printf("berth_release_median_ms=%.3f%nberth_release_p90_ms=%.3f%n", a[n / 2] / 1e6,
                    a[n * 9 / 10] / 1e6);
            System.out.printf("ratio=%.3f%nratio_release=%.3f%n", (double) b[n / 2] / r[n / 2],
                    (double) a[n / 2] / r[n / 2]);
            System.out.printf("host_links_after=%s%n", links(host));
            try (Stream<Path> files = Files.walk(data)) {
                System.out.printf("allocations_after=%d%n", files.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().startsWith("198.")).count());
            }
        } finally {
            host.close();
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * One container: {setup + teardown, setup} in nanoseconds; checks that the setup worked and the teardown
     * cleaned up.
     */
    private static long[] once(CniNetwork net, NetworkConfigList list, NetNs host, Path data, String id)
            throws Exception {
        try (NetNs container = NetNs.createAnonymous()) {
            Attachment at = Attachment.of(id, container).withDataDir(data);
            long t0 = System.nanoTime();
            Result r = net.setUp(list, at);
            long t1 = System.nanoTime();
            net.tearDown(list, at, r);
            long t = System.nanoTime() - t0;
            if (r.ips().isEmpty() || !links(container).equals(List.of("lo"))) {
                throw new IllegalStateException(id + ": setup gave " + r + ", teardown left " + links(container));
            }
            return new long[] {t, t1 - t0};
        }
    }

    private static List<String> links(NetNs ns) throws Exception {
        try (Rtnl nl = ns.rtnl()) {
            return nl.links().list().stream().map(Link::name).sorted().toList();
        }
    }
}
