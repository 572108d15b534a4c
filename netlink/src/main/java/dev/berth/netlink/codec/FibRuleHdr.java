package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * {@code struct fib_rule_hdr} of {@code <linux/fib_rules.h>}: the header of policy-routing rule
 * messages ({@code RTM_NEWRULE}, {@code RTM_DELRULE}, {@code RTM_GETRULE}).
 *
 * @param family {@code AF_INET} or {@code AF_INET6}
 * @param dstLen destination prefix length
 * @param srcLen source prefix length
 * @param tos TOS to match
 * @param table {@code RT_TABLE_*}; above 255 in {@code FRA_TABLE}
 * @param action {@code FR_ACT_*}
 * @param flags {@code FIB_RULE_*}
 */
public record FibRuleHdr(int family, int dstLen, int srcLen, int tos, int table, int action, int flags)
        implements Header {
    public static final int SIZE = 12;

    static FibRuleHdr read(ByteBuffer b) {
        int family = b.get() & 0xff;
        int dst = b.get() & 0xff;
        int src = b.get() & 0xff;
        int tos = b.get() & 0xff;
        int table = b.get() & 0xff;
        b.get();
        b.get();
        return new FibRuleHdr(family, dst, src, tos, table, b.get() & 0xff, b.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer b) {
        b.put((byte) family).put((byte) dstLen).put((byte) srcLen).put((byte) tos).put((byte) table).put((byte) 0)
                .put((byte) 0).put((byte) action).putInt(flags);
    }
}
