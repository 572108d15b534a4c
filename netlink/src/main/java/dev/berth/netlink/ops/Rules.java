package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.FibRuleHdr;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** Policy-routing rules ({@code ip rule}): add, delete, list. */
public final class Rules {
    private final NetlinkClient nl;

    Rules(NetlinkClient nl) {
        this.nl = nl;
    }

    /** {@code ip rule add}. */
    public void add(RuleSpec rule) throws ErrnoException {
        nl.request(rule.toRequest(Rtm.RTM_NEWRULE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
    }

    /** {@code ip rule del}: the first rule that matches what is given. */
    public void delete(RuleSpec rule) throws ErrnoException {
        nl.request(rule.toRequest(Rtm.RTM_DELRULE, 0));
    }

    /** The rules of {@code family} ({@code AF_INET} 2 or {@code AF_INET6} 10), in priority order. */
    public List<Rule> list(int family) throws ErrnoException {
        Message req = Message.request(Rtm.RTM_GETRULE, 0, new FibRuleHdr(family, 0, 0, 0, 0, 0, 0), Attrs.of());
        List<Rule> out = new ArrayList<>();
        for (Message m : nl.dump(req)) {
            if (m.type() == Rtm.RTM_NEWRULE) {
                Rule r = Rule.of(m);
                if (family == 0 || r.family() == family) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
