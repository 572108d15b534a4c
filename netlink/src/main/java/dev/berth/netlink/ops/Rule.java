package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.FibRuleHdr;
import dev.berth.netlink.codec.Fra;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;

/** A policy-routing rule as {@code RTM_NEWRULE} describes it: {@code struct fib_rule_hdr} and {@code FRA_*}. */
public record Rule(FibRuleHdr header, Attrs attrs) {
    public static Rule of(Message m) {
        return new Rule((FibRuleHdr) m.header(), m.attrs());
    }

    public int family() {
        return header.family();
    }

    /** {@code FRA_PRIORITY} ({@code ip rule}'s "pref"), 0 if absent. */
    public long priority() {
        return attrs.num(Fra.FRA_PRIORITY, 0);
    }

    /** {@code FRA_TABLE} when present, else the header's table. */
    public int table() {
        return attrs.u32(Fra.FRA_TABLE, header.table());
    }

    /** {@code FR_ACT_*}. */
    public int action() {
        return header.action();
    }

    /** {@code FRA_SRC} with {@code src_len}, or null for "from all". */
    public Inet.Prefix source() {
        byte[] a = attrs.bytes(Fra.FRA_SRC);
        return a == null ? null : new Inet.Prefix(a, header.srcLen());
    }

    /** {@code FRA_DST} with {@code dst_len}, or null for "to all". */
    public Inet.Prefix destination() {
        byte[] a = attrs.bytes(Fra.FRA_DST);
        return a == null ? null : new Inet.Prefix(a, header.dstLen());
    }

    /** {@code FRA_IIFNAME}, or null. */
    public String inputInterface() {
        return attrs.str(Fra.FRA_IIFNAME);
    }

    /** {@code FRA_OIFNAME}, or null. */
    public String outputInterface() {
        return attrs.str(Fra.FRA_OIFNAME);
    }

    /** {@code FRA_FWMARK}, -1 if absent. */
    public long fwmark() {
        return attrs.num(Fra.FRA_FWMARK, -1);
    }
}
