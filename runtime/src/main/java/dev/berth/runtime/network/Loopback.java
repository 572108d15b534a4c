package dev.berth.runtime.network;

import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.CniPlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code loopback}: {@code lo} up in the container (whatever {@code CNI_IFNAME} says); the result is the
 * previous one when there is one, else {@code lo} with its first IPv4 and IPv6 address.
 */
final class Loopback implements Builtin {
    @Override
    public Result add(Session s, int index, CniPlugin p, Result prev, Undo undo) throws Exception {
        Rtnl nl = s.container().nl();
        Link lo = nl.links().get("lo");
        if (!lo.isUp()) {
            nl.links().set(lo.index(), LinkChange.of().up());
            undo.add("setting lo down", () -> nl.links().set(lo.index(), LinkChange.of().down()));
        }
        Faults.at("loopback:up");
        String v4 = null;
        String v6 = null;
        for (Address a : nl.addresses().list(0, lo.index())) {
            String text = a.prefix().toString();
            boolean loopback = a.family() == 2 ? (a.local()[0] == 127) : text.equals("::1/128");
            if (!loopback) {
                throw new NetworkException("loopback interface found with non-loopback address " + text);
            }
            if (a.family() == 2 && v4 == null) {
                v4 = text;
            } else if (a.family() == 10 && v6 == null) {
                v6 = text;
            }
        }
        if (prev != null) {
            return prev;
        }
        List<Result.IpConfig> ips = new ArrayList<>();
        if (v4 != null) {
            ips.add(new Result.IpConfig(v4, null, 0));
        }
        if (v6 != null) {
            ips.add(new Result.IpConfig(v6, null, 0));
        }
        return new Result(s.version(), List.of(new Result.Interface("lo", "00:00:00:00:00:00", s.sandbox())), ips,
                List.of(), null);
    }

    @Override
    public void del(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (s.container == null) {
            return;
        }
        s.container.nl().links().set("lo", LinkChange.of().down());
    }

    @Override
    public void check(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (!s.container().nl().links().get("lo").isUp()) {
            throw new NetworkException("loopback interface is down");
        }
    }
}
