package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.FibRuleHdr;
import dev.berth.netlink.codec.Fra;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rta;

/**
 * A policy-routing rule for {@link Rules}: {@code ip rule add|del [from P] [to P] [iif D] [oif D]
 * [fwmark M] [pref N] [table T]}. Action {@code FR_ACT_TO_TBL} when a table is given. Mutable builder;
 * the attribute order is iproute2's.
 */
public final class RuleSpec {
    private final int family;
    private Inet.Prefix from;
    private Inet.Prefix to;
    private String iif;
    private String oif;
    private Integer fwmark;
    private Long priority;
    private int table;
    private int action = Fra.FR_ACT_TO_TBL;

    private RuleSpec(int family) {
        this.family = family;
    }

    /** A rule of {@code family} ({@code AF_INET} 2, {@code AF_INET6} 10). */
    public static RuleSpec of(int family) {
        return new RuleSpec(family);
    }

    public RuleSpec from(Inet.Prefix from) {
        this.from = from;
        return this;
    }

    public RuleSpec to(Inet.Prefix to) {
        this.to = to;
        return this;
    }

    public RuleSpec iif(String dev) {
        this.iif = dev;
        return this;
    }

    public RuleSpec oif(String dev) {
        this.oif = dev;
        return this;
    }

    public RuleSpec fwmark(int mark) {
        this.fwmark = mark;
        return this;
    }

    /** {@code FRA_PRIORITY}: {@code ip rule ... pref N}. */
    public RuleSpec priority(long priority) {
        this.priority = priority;
        return this;
    }

    public RuleSpec table(int table) {
        this.table = table;
        return this;
    }

    /** {@code FR_ACT_*}: to-table by default; blackhole, unreachable, prohibit. */
    public RuleSpec action(int action) {
        this.action = action;
        return this;
    }

    /** {@code RTM_NEWRULE} or {@code RTM_DELRULE} with {@code nlFlags}. */
    public Message toRequest(int msgType, int nlFlags) {
        int hdrTable = table < 256 ? table : Rta.RT_TABLE_UNSPEC;
        FibRuleHdr h = new FibRuleHdr(family, to == null ? 0 : to.length(), from == null ? 0 : from.length(), 0,
                hdrTable, action, 0);
        Attrs.Builder b = Attrs.builder();
        if (from != null) {
            b.bin(Fra.FRA_SRC, from.network().address());
        }
        if (to != null) {
            b.bin(Fra.FRA_DST, to.network().address());
        }
        if (iif != null) {
            b.str(Fra.FRA_IIFNAME, iif);
        }
        if (oif != null) {
            b.str(Fra.FRA_OIFNAME, oif);
        }
        if (fwmark != null) {
            b.u32(Fra.FRA_FWMARK, fwmark);
        }
        if (priority != null) {
            b.u32(Fra.FRA_PRIORITY, (int) (long) priority);
        }
        if (table >= 256) {
            b.u32(Fra.FRA_TABLE, table);
        }
        return Message.request(msgType, Nl.NLM_F_ACK | nlFlags, h, b.build());
    }
}
