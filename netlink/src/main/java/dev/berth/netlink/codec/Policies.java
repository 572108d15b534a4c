package dev.berth.netlink.codec;

import static dev.berth.netlink.codec.Policy.Kind.BE16;
import static dev.berth.netlink.codec.Policy.Kind.BE32;
import static dev.berth.netlink.codec.Policy.Kind.BIN;
import static dev.berth.netlink.codec.Policy.Kind.FLAG;
import static dev.berth.netlink.codec.Policy.Kind.STR;
import static dev.berth.netlink.codec.Policy.Kind.U16;
import static dev.berth.netlink.codec.Policy.Kind.U32;
import static dev.berth.netlink.codec.Policy.Kind.U64;
import static dev.berth.netlink.codec.Policy.Kind.U8;

import java.util.Map;

/**
 * The attribute policies of the message families Berth reads, after the kernel's own
 * ({@code ifla_policy} in {@code net/core/rtnetlink.c}, {@code rtm_ipv4_policy}, {@code ifa_ipv4_policy},
 * {@code nda_policy}, {@code fib_rule_policy}, the per-kind {@code IFLA_INFO_DATA} policies of
 * {@code drivers/net/veth.c}, {@code vxlan}, {@code macvlan}, ...). Attributes not listed here stay raw.
 */
final class Policies {
    private Policies() {}

    static final Policy LINK = Policy.named("IFLA");
    static final Policy LINK_INFO = Policy.named("IFLA_INFO");
    static final Policy PROP_LIST = Policy.named("IFLA_PROP_LIST");
    static final Policy VETH = Policy.named("VETH_INFO");
    static final Policy BRIDGE = Policy.named("IFLA_BR");
    static final Policy BRIDGE_PORT = Policy.named("IFLA_BRPORT");
    static final Policy VLAN = Policy.named("IFLA_VLAN");
    static final Policy MACVLAN = Policy.named("IFLA_MACVLAN");
    static final Policy IPVLAN = Policy.named("IFLA_IPVLAN");
    static final Policy VXLAN = Policy.named("IFLA_VXLAN");
    static final Policy ADDR = Policy.named("IFA");
    static final Policy ROUTE = Policy.named("RTA");
    static final Policy METRICS = Policy.named("RTAX");
    static final Policy NEIGH = Policy.named("NDA");
    static final Policy RULE = Policy.named("FRA");
    static final Policy ACK = Policy.named("NLMSGERR_ATTR");

    static {
        LINK.put(BIN, Ifla.IFLA_ADDRESS, Ifla.IFLA_BROADCAST, Ifla.IFLA_PERM_ADDRESS, Ifla.IFLA_PHYS_PORT_ID,
                        Ifla.IFLA_PHYS_SWITCH_ID)
                .put(STR, Ifla.IFLA_IFNAME, Ifla.IFLA_QDISC, Ifla.IFLA_IFALIAS, Ifla.IFLA_PHYS_PORT_NAME,
                        Ifla.IFLA_ALT_IFNAME, Ifla.IFLA_PARENT_DEV_NAME, Ifla.IFLA_PARENT_DEV_BUS_NAME)
                .put(U32, Ifla.IFLA_MTU, Ifla.IFLA_LINK, Ifla.IFLA_MASTER, Ifla.IFLA_TXQLEN, Ifla.IFLA_NET_NS_PID,
                        Ifla.IFLA_NUM_VF, Ifla.IFLA_GROUP, Ifla.IFLA_NET_NS_FD, Ifla.IFLA_EXT_MASK,
                        Ifla.IFLA_PROMISCUITY, Ifla.IFLA_NUM_TX_QUEUES, Ifla.IFLA_NUM_RX_QUEUES,
                        Ifla.IFLA_CARRIER_CHANGES, Ifla.IFLA_LINK_NETNSID, Ifla.IFLA_GSO_MAX_SEGS,
                        Ifla.IFLA_GSO_MAX_SIZE, Ifla.IFLA_EVENT, Ifla.IFLA_NEW_NETNSID, Ifla.IFLA_TARGET_NETNSID,
                        Ifla.IFLA_CARRIER_UP_COUNT, Ifla.IFLA_CARRIER_DOWN_COUNT, Ifla.IFLA_NEW_IFINDEX,
                        Ifla.IFLA_MIN_MTU, Ifla.IFLA_MAX_MTU, Ifla.IFLA_GRO_MAX_SIZE, Ifla.IFLA_TSO_MAX_SIZE,
                        Ifla.IFLA_TSO_MAX_SEGS, Ifla.IFLA_ALLMULTI)
                .put(U8, Ifla.IFLA_OPERSTATE, Ifla.IFLA_LINKMODE, Ifla.IFLA_CARRIER, Ifla.IFLA_PROTO_DOWN)
                .nested(Ifla.IFLA_LINKINFO, () -> LINK_INFO)
                .nested(Ifla.IFLA_PROP_LIST, () -> PROP_LIST);
        PROP_LIST.put(STR, Ifla.IFLA_ALT_IFNAME);
        LINK_INFO.put(STR, Ifla.IFLA_INFO_KIND, Ifla.IFLA_INFO_SLAVE_KIND)
                .byKind(Ifla.IFLA_INFO_DATA, Map.of(
                        "veth", () -> VETH,
                        "bridge", () -> BRIDGE,
                        "vlan", () -> VLAN,
                        "macvlan", () -> MACVLAN,
                        "macvtap", () -> MACVLAN,
                        "ipvlan", () -> IPVLAN,
                        "ipvtap", () -> IPVLAN,
                        "vxlan", () -> VXLAN), Ifla.IFLA_INFO_KIND)
                .byKind(Ifla.IFLA_INFO_SLAVE_DATA, Map.of(
                        "bridge", () -> BRIDGE_PORT,
                        "bridge_slave", () -> BRIDGE_PORT), Ifla.IFLA_INFO_SLAVE_KIND, Ifla.IFLA_INFO_KIND);
        VETH.peer(Ifla.VETH_INFO_PEER, () -> LINK);
        BRIDGE.put(U32, Ifla.IFLA_BR_FORWARD_DELAY, Ifla.IFLA_BR_HELLO_TIME, Ifla.IFLA_BR_MAX_AGE,
                        Ifla.IFLA_BR_AGEING_TIME, Ifla.IFLA_BR_STP_STATE, Ifla.IFLA_BR_ROOT_PATH_COST)
                .put(U16, Ifla.IFLA_BR_PRIORITY, Ifla.IFLA_BR_GROUP_FWD_MASK, Ifla.IFLA_BR_ROOT_PORT,
                        Ifla.IFLA_BR_VLAN_DEFAULT_PVID)
                .put(U8, Ifla.IFLA_BR_VLAN_FILTERING, Ifla.IFLA_BR_TOPOLOGY_CHANGE,
                        Ifla.IFLA_BR_TOPOLOGY_CHANGE_DETECTED, Ifla.IFLA_BR_MCAST_SNOOPING,
                        Ifla.IFLA_BR_NF_CALL_IPTABLES, Ifla.IFLA_BR_NF_CALL_IP6TABLES, Ifla.IFLA_BR_NF_CALL_ARPTABLES,
                        Ifla.IFLA_BR_VLAN_STATS_ENABLED, Ifla.IFLA_BR_MCAST_STATS_ENABLED)
                .put(BE16, Ifla.IFLA_BR_VLAN_PROTOCOL)
                .put(U64, Ifla.IFLA_BR_HELLO_TIMER, Ifla.IFLA_BR_TCN_TIMER, Ifla.IFLA_BR_TOPOLOGY_CHANGE_TIMER,
                        Ifla.IFLA_BR_GC_TIMER)
                .put(BIN, Ifla.IFLA_BR_GROUP_ADDR, Ifla.IFLA_BR_ROOT_ID, Ifla.IFLA_BR_BRIDGE_ID);
        BRIDGE_PORT.put(U8, Ifla.IFLA_BRPORT_STATE, Ifla.IFLA_BRPORT_MODE, Ifla.IFLA_BRPORT_GUARD,
                        Ifla.IFLA_BRPORT_PROTECT, Ifla.IFLA_BRPORT_FAST_LEAVE, Ifla.IFLA_BRPORT_LEARNING,
                        Ifla.IFLA_BRPORT_UNICAST_FLOOD, Ifla.IFLA_BRPORT_PROXYARP)
                .put(U16, Ifla.IFLA_BRPORT_PRIORITY)
                .put(U32, Ifla.IFLA_BRPORT_COST);
        VLAN.put(U16, Ifla.IFLA_VLAN_ID).put(BIN, Ifla.IFLA_VLAN_FLAGS).put(BE16, Ifla.IFLA_VLAN_PROTOCOL);
        MACVLAN.put(U32, Ifla.IFLA_MACVLAN_MODE, Ifla.IFLA_MACVLAN_MACADDR_MODE, Ifla.IFLA_MACVLAN_MACADDR_COUNT,
                        Ifla.IFLA_MACVLAN_BC_QUEUE_LEN, Ifla.IFLA_MACVLAN_BC_QUEUE_LEN_USED)
                .put(U16, Ifla.IFLA_MACVLAN_FLAGS).put(BIN, Ifla.IFLA_MACVLAN_MACADDR);
        IPVLAN.put(U16, Ifla.IFLA_IPVLAN_MODE, Ifla.IFLA_IPVLAN_FLAGS);
        VXLAN.put(U32, Ifla.IFLA_VXLAN_ID, Ifla.IFLA_VXLAN_LINK, Ifla.IFLA_VXLAN_AGEING, Ifla.IFLA_VXLAN_LIMIT)
                .put(BIN, Ifla.IFLA_VXLAN_GROUP, Ifla.IFLA_VXLAN_LOCAL, Ifla.IFLA_VXLAN_GROUP6,
                        Ifla.IFLA_VXLAN_LOCAL6, Ifla.IFLA_VXLAN_PORT_RANGE)
                .put(U8, Ifla.IFLA_VXLAN_TTL, Ifla.IFLA_VXLAN_TOS, Ifla.IFLA_VXLAN_LEARNING, Ifla.IFLA_VXLAN_PROXY,
                        Ifla.IFLA_VXLAN_RSC, Ifla.IFLA_VXLAN_L2MISS, Ifla.IFLA_VXLAN_L3MISS,
                        Ifla.IFLA_VXLAN_UDP_CSUM, Ifla.IFLA_VXLAN_UDP_ZERO_CSUM6_TX,
                        Ifla.IFLA_VXLAN_UDP_ZERO_CSUM6_RX, Ifla.IFLA_VXLAN_REMCSUM_TX, Ifla.IFLA_VXLAN_REMCSUM_RX,
                        Ifla.IFLA_VXLAN_COLLECT_METADATA, Ifla.IFLA_VXLAN_TTL_INHERIT, Ifla.IFLA_VXLAN_DF,
                        Ifla.IFLA_VXLAN_VNIFILTER)
                .put(BE16, Ifla.IFLA_VXLAN_PORT)
                .put(BE32, Ifla.IFLA_VXLAN_LABEL)
                .put(FLAG, Ifla.IFLA_VXLAN_GBP, Ifla.IFLA_VXLAN_REMCSUM_NOPARTIAL, Ifla.IFLA_VXLAN_GPE);

        ADDR.put(BIN, Ifa.IFA_ADDRESS, Ifa.IFA_LOCAL, Ifa.IFA_BROADCAST, Ifa.IFA_ANYCAST, Ifa.IFA_CACHEINFO,
                        Ifa.IFA_MULTICAST)
                .put(STR, Ifa.IFA_LABEL)
                .put(U32, Ifa.IFA_FLAGS, Ifa.IFA_RT_PRIORITY, Ifa.IFA_TARGET_NETNSID)
                .put(U8, Ifa.IFA_PROTO);

        ROUTE.put(BIN, Rta.RTA_DST, Rta.RTA_SRC, Rta.RTA_GATEWAY, Rta.RTA_PREFSRC, Rta.RTA_CACHEINFO,
                        Rta.RTA_MFC_STATS, Rta.RTA_VIA, Rta.RTA_NEWDST)
                .put(U32, Rta.RTA_IIF, Rta.RTA_OIF, Rta.RTA_PRIORITY, Rta.RTA_FLOW, Rta.RTA_TABLE, Rta.RTA_MARK,
                        Rta.RTA_UID, Rta.RTA_NH_ID)
                .put(U8, Rta.RTA_PREF, Rta.RTA_TTL_PROPAGATE, Rta.RTA_IP_PROTO)
                .put(U16, Rta.RTA_ENCAP_TYPE)
                .put(BE16, Rta.RTA_SPORT, Rta.RTA_DPORT)
                .nested(Rta.RTA_METRICS, () -> METRICS)
                .multipath(Rta.RTA_MULTIPATH, () -> ROUTE);
        METRICS.put(U32, Rta.RTAX_LOCK, Rta.RTAX_MTU, Rta.RTAX_WINDOW, Rta.RTAX_RTT, Rta.RTAX_RTTVAR,
                        Rta.RTAX_SSTHRESH, Rta.RTAX_CWND, Rta.RTAX_ADVMSS, Rta.RTAX_REORDERING, Rta.RTAX_HOPLIMIT,
                        Rta.RTAX_INITCWND, Rta.RTAX_FEATURES, Rta.RTAX_RTO_MIN, Rta.RTAX_INITRWND,
                        Rta.RTAX_QUICKACK, Rta.RTAX_FASTOPEN_NO_COOKIE)
                .put(STR, Rta.RTAX_CC_ALGO);

        NEIGH.put(BIN, Nda.NDA_DST, Nda.NDA_LLADDR, Nda.NDA_CACHEINFO)
                .put(U32, Nda.NDA_PROBES, Nda.NDA_VNI, Nda.NDA_IFINDEX, Nda.NDA_MASTER, Nda.NDA_LINK_NETNSID,
                        Nda.NDA_SRC_VNI, Nda.NDA_NH_ID, Nda.NDA_FLAGS_EXT)
                .put(U16, Nda.NDA_VLAN)
                .put(BE16, Nda.NDA_PORT)
                .put(U8, Nda.NDA_PROTOCOL);

        RULE.put(BIN, Fra.FRA_DST, Fra.FRA_SRC, Fra.FRA_UID_RANGE, Fra.FRA_SPORT_RANGE, Fra.FRA_DPORT_RANGE)
                .put(STR, Fra.FRA_IIFNAME, Fra.FRA_OIFNAME)
                .put(U32, Fra.FRA_GOTO, Fra.FRA_PRIORITY, Fra.FRA_FWMARK, Fra.FRA_FLOW, Fra.FRA_SUPPRESS_IFGROUP,
                        Fra.FRA_SUPPRESS_PREFIXLEN, Fra.FRA_TABLE, Fra.FRA_FWMASK)
                .put(U8, Fra.FRA_L3MDEV, Fra.FRA_PROTOCOL, Fra.FRA_IP_PROTO);

        ACK.put(STR, Nl.NLMSGERR_ATTR_MSG)
                .put(U32, Nl.NLMSGERR_ATTR_OFFS, Nl.NLMSGERR_ATTR_MISS_TYPE, Nl.NLMSGERR_ATTR_MISS_NEST)
                .put(BIN, Nl.NLMSGERR_ATTR_COOKIE);
    }

    /** The family header size and attribute policy for an rtnetlink message type, or null. */
    static Policy forType(int type) {
        return switch (type & ~3) {
            case Rtm.RTM_NEWLINK -> LINK;
            case Rtm.RTM_NEWADDR -> ADDR;
            case Rtm.RTM_NEWROUTE -> ROUTE;
            case Rtm.RTM_NEWNEIGH -> NEIGH;
            case Rtm.RTM_NEWRULE -> RULE;
            default -> null;
        };
    }
}
