package dev.berth.netlink.bench;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import java.util.Arrays;

/**
 * The Berth side of {@code bench/netlink.sh}: the same work as the iproute2 batch, through Berth's API,
 * inside an existing named namespace. Prints {@code key=value} lines; times are measured in-process
 * with {@link System#nanoTime()} around the API calls (JVM start-up excluded; the script times whole
 * processes separately).
 *
 * <pre>
 * veth NS COUNT         create COUNT veth pairs with one address each, then delete them
 * dump NS TABLE REPEAT  dump the IPv4 routes of TABLE, REPEAT times in this JVM
 * train VNS DNS TABLE   both, small, for an AOT cache training run (-XX:AOTCacheOutput)
 * </pre>
 */
public final class NetlinkBench {
    private NetlinkBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "veth" -> veth(args[1], Integer.parseInt(args[2]));
            case "dump" -> dump(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "train" -> {
                veth(args[1], 10);
                dump(args[2], Integer.parseInt(args[3]), 3);
            }
            default -> throw new IllegalArgumentException("veth NS COUNT | dump NS TABLE REPEAT | train VNS DNS TABLE");
        }
    }

    /** {@code 198.18.0.0/15} has room for 1000 /31s: pair i gets 198.18.(2i/256).(2i%256)/31. */
    static String address(int i) {
        int host = 2 * i;
        return "198." + (18 + host / 65536) + "." + (host / 256 % 256) + "." + (host % 256) + "/31";
    }

    private static void veth(String ns, int count) throws Exception {
        long t0 = System.nanoTime();
        try (NetNs h = NetNs.named(ns); Rtnl nl = h.rtnl()) {
            long t1 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Link l = nl.links().add(NewLink.veth("bv" + i, "bp" + i));
                nl.addresses().add(l.index(), NewAddress.of(address(i)));
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                nl.links().delete("bv" + i);
            }
            long t3 = System.nanoTime();
            System.out.printf("open_ms=%.1f create_ms=%.1f delete_ms=%.1f total_ms=%.1f%n", (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6);
        }
    }

    private static void dump(String ns, int table, int repeat) throws Exception {
        double[] ms = new double[repeat];
        int n = 0;
        long t0 = System.nanoTime();
        try (NetNs h = NetNs.named(ns); Rtnl nl = h.rtnl()) {
            long open = System.nanoTime() - t0;
            for (int i = 0; i < repeat; i++) {
                long s = System.nanoTime();
                n = nl.routes().list(2, table).size();
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            double first = ms[0] + open / 1e6;
            double[] warm = Arrays.copyOfRange(ms, Math.min(repeat - 1, repeat / 2), repeat);
            Arrays.sort(warm);
            System.out.printf("routes=%d first_ms=%.2f warm_median_ms=%.2f%n", n, first, warm[warm.length / 2]);
        }
    }
}
