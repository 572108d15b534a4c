package dev.berth.netlink.codec;

/**
 * Link attributes of {@code <linux/if_link.h>} and {@code <linux/veth.h>}: top-level {@code IFLA_*},
 * {@code IFLA_INFO_*} inside {@code IFLA_LINKINFO}, a bridge port's {@code IFLA_BRPORT_*}, and the
 * {@code IFLA_INFO_DATA} attributes of the
 * kinds Berth creates (veth, bridge, vlan, macvlan, ipvlan, vxlan) with their modes.
 *
 * <p>Values checked against the kernel headers by {@code ConstantsAbiTest}.
 */
public final class Ifla {
    private Ifla() {}

    public static final int IFLA_UNSPEC = 0;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_QDISC = 6;
    public static final int IFLA_STATS = 7;
    public static final int IFLA_COST = 8;
    public static final int IFLA_PRIORITY = 9;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_WIRELESS = 11;
    public static final int IFLA_PROTINFO = 12;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_MAP = 14;
    public static final int IFLA_WEIGHT = 15;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKMODE = 17;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_PID = 19;
    public static final int IFLA_IFALIAS = 20;
    public static final int IFLA_NUM_VF = 21;
    public static final int IFLA_VFINFO_LIST = 22;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_VF_PORTS = 24;
    public static final int IFLA_PORT_SELF = 25;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_GROUP = 27;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_PROMISCUITY = 30;
    public static final int IFLA_NUM_TX_QUEUES = 31;
    public static final int IFLA_NUM_RX_QUEUES = 32;
    public static final int IFLA_CARRIER = 33;
    public static final int IFLA_PHYS_PORT_ID = 34;
    public static final int IFLA_CARRIER_CHANGES = 35;
    public static final int IFLA_PHYS_SWITCH_ID = 36;
    public static final int IFLA_LINK_NETNSID = 37;
    public static final int IFLA_PHYS_PORT_NAME = 38;
    public static final int IFLA_PROTO_DOWN = 39;
    public static final int IFLA_GSO_MAX_SEGS = 40;
    public static final int IFLA_GSO_MAX_SIZE = 41;
    public static final int IFLA_PAD = 42;
    public static final int IFLA_XDP = 43;
    public static final int IFLA_EVENT = 44;
    public static final int IFLA_NEW_NETNSID = 45;
    public static final int IFLA_IF_NETNSID = 46;
    public static final int IFLA_TARGET_NETNSID = 46;
    public static final int IFLA_CARRIER_UP_COUNT = 47;
    public static final int IFLA_CARRIER_DOWN_COUNT = 48;
    public static final int IFLA_NEW_IFINDEX = 49;
    public static final int IFLA_MIN_MTU = 50;
    public static final int IFLA_MAX_MTU = 51;
    public static final int IFLA_PROP_LIST = 52;
    public static final int IFLA_ALT_IFNAME = 53;
    public static final int IFLA_PERM_ADDRESS = 54;
    public static final int IFLA_PROTO_DOWN_REASON = 55;
    public static final int IFLA_PARENT_DEV_NAME = 56;
    public static final int IFLA_PARENT_DEV_BUS_NAME = 57;
    public static final int IFLA_GRO_MAX_SIZE = 58;
    public static final int IFLA_TSO_MAX_SIZE = 59;
    public static final int IFLA_TSO_MAX_SEGS = 60;
    public static final int IFLA_ALLMULTI = 61;

    public static final int IFLA_INET6_UNSPEC = 0;
    public static final int IFLA_INET6_FLAGS = 1;
    public static final int IFLA_INET6_CONF = 2;
    public static final int IFLA_INET6_STATS = 3;
    public static final int IFLA_INET6_MCAST = 4;
    public static final int IFLA_INET6_CACHEINFO = 5;
    public static final int IFLA_INET6_ICMP6STATS = 6;
    public static final int IFLA_INET6_TOKEN = 7;
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    public static final int IFLA_INET6_RA_MTU = 9;

    public static final int IFLA_BR_UNSPEC = 0;
    public static final int IFLA_BR_FORWARD_DELAY = 1;
    public static final int IFLA_BR_HELLO_TIME = 2;
    public static final int IFLA_BR_MAX_AGE = 3;
    public static final int IFLA_BR_AGEING_TIME = 4;
    public static final int IFLA_BR_STP_STATE = 5;
    public static final int IFLA_BR_PRIORITY = 6;
    public static final int IFLA_BR_VLAN_FILTERING = 7;
    public static final int IFLA_BR_VLAN_PROTOCOL = 8;
    public static final int IFLA_BR_GROUP_FWD_MASK = 9;
    public static final int IFLA_BR_ROOT_ID = 10;
    public static final int IFLA_BR_BRIDGE_ID = 11;
    public static final int IFLA_BR_ROOT_PORT = 12;
    public static final int IFLA_BR_ROOT_PATH_COST = 13;
    public static final int IFLA_BR_TOPOLOGY_CHANGE = 14;
    public static final int IFLA_BR_TOPOLOGY_CHANGE_DETECTED = 15;
    public static final int IFLA_BR_HELLO_TIMER = 16;
    public static final int IFLA_BR_TCN_TIMER = 17;
    public static final int IFLA_BR_TOPOLOGY_CHANGE_TIMER = 18;
    public static final int IFLA_BR_GC_TIMER = 19;
    public static final int IFLA_BR_GROUP_ADDR = 20;
    public static final int IFLA_BR_FDB_FLUSH = 21;
    public static final int IFLA_BR_MCAST_ROUTER = 22;
    public static final int IFLA_BR_MCAST_SNOOPING = 23;
    public static final int IFLA_BR_MCAST_QUERY_USE_IFADDR = 24;
    public static final int IFLA_BR_MCAST_QUERIER = 25;
    public static final int IFLA_BR_MCAST_HASH_ELASTICITY = 26;
    public static final int IFLA_BR_MCAST_LAST_MEMBER_CNT = 28;
    public static final int IFLA_BR_MCAST_STARTUP_QUERY_CNT = 29;
    public static final int IFLA_BR_MCAST_LAST_MEMBER_INTVL = 30;
    public static final int IFLA_BR_MCAST_MEMBERSHIP_INTVL = 31;
    public static final int IFLA_BR_MCAST_QUERIER_INTVL = 32;
    public static final int IFLA_BR_MCAST_QUERY_INTVL = 33;
    public static final int IFLA_BR_MCAST_QUERY_RESPONSE_INTVL = 34;
    public static final int IFLA_BR_MCAST_STARTUP_QUERY_INTVL = 35;
    public static final int IFLA_BR_NF_CALL_IPTABLES = 36;
    public static final int IFLA_BR_NF_CALL_IP6TABLES = 37;
    public static final int IFLA_BR_NF_CALL_ARPTABLES = 38;
    public static final int IFLA_BR_VLAN_DEFAULT_PVID = 39;
    public static final int IFLA_BR_PAD = 40;
    public static final int IFLA_BR_VLAN_STATS_ENABLED = 41;
    public static final int IFLA_BR_MCAST_STATS_ENABLED = 42;
    public static final int IFLA_BR_MCAST_IGMP_VERSION = 43;
    public static final int IFLA_BR_MCAST_MLD_VERSION = 44;
    public static final int IFLA_BR_VLAN_STATS_PER_PORT = 45;
    public static final int IFLA_BR_MULTI_BOOLOPT = 46;
    public static final int IFLA_BR_MCAST_QUERIER_STATE = 47;

    public static final int IFLA_BRPORT_UNSPEC = 0;
    public static final int IFLA_BRPORT_STATE = 1;
    public static final int IFLA_BRPORT_PRIORITY = 2;
    public static final int IFLA_BRPORT_COST = 3;
    /** Hairpin mode: frames may leave through the port they came in by. */
    public static final int IFLA_BRPORT_MODE = 4;
    public static final int IFLA_BRPORT_GUARD = 5;
    public static final int IFLA_BRPORT_PROTECT = 6;
    public static final int IFLA_BRPORT_FAST_LEAVE = 7;
    public static final int IFLA_BRPORT_LEARNING = 8;
    public static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
    public static final int IFLA_BRPORT_PROXYARP = 10;

    public static final int IFLA_INFO_UNSPEC = 0;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_INFO_XSTATS = 3;
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    public static final int IFLA_INFO_SLAVE_DATA = 5;

    public static final int IFLA_VLAN_UNSPEC = 0;
    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_FLAGS = 2;
    public static final int IFLA_VLAN_EGRESS_QOS = 3;
    public static final int IFLA_VLAN_INGRESS_QOS = 4;
    public static final int IFLA_VLAN_PROTOCOL = 5;

    public static final int IFLA_MACVLAN_UNSPEC = 0;
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_MACVLAN_FLAGS = 2;
    public static final int IFLA_MACVLAN_MACADDR_MODE = 3;
    public static final int IFLA_MACVLAN_MACADDR = 4;
    public static final int IFLA_MACVLAN_MACADDR_DATA = 5;
    public static final int IFLA_MACVLAN_MACADDR_COUNT = 6;
    public static final int IFLA_MACVLAN_BC_QUEUE_LEN = 7;
    public static final int IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8;

    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    public static final int MACVLAN_MODE_SOURCE = 16;

    public static final int IFLA_IPVLAN_UNSPEC = 0;
    public static final int IFLA_IPVLAN_MODE = 1;
    public static final int IFLA_IPVLAN_FLAGS = 2;

    public static final int IPVLAN_MODE_L2 = 0;
    public static final int IPVLAN_MODE_L3 = 1;
    public static final int IPVLAN_MODE_L3S = 2;

    public static final int IFLA_VXLAN_UNSPEC = 0;
    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_GROUP = 2;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_TTL = 5;
    public static final int IFLA_VXLAN_TOS = 6;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_AGEING = 8;
    public static final int IFLA_VXLAN_LIMIT = 9;
    public static final int IFLA_VXLAN_PORT_RANGE = 10;
    public static final int IFLA_VXLAN_PROXY = 11;
    public static final int IFLA_VXLAN_RSC = 12;
    public static final int IFLA_VXLAN_L2MISS = 13;
    public static final int IFLA_VXLAN_L3MISS = 14;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_GROUP6 = 16;
    public static final int IFLA_VXLAN_LOCAL6 = 17;
    public static final int IFLA_VXLAN_UDP_CSUM = 18;
    public static final int IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19;
    public static final int IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20;
    public static final int IFLA_VXLAN_REMCSUM_TX = 21;
    public static final int IFLA_VXLAN_REMCSUM_RX = 22;
    public static final int IFLA_VXLAN_GBP = 23;
    public static final int IFLA_VXLAN_REMCSUM_NOPARTIAL = 24;
    public static final int IFLA_VXLAN_COLLECT_METADATA = 25;
    public static final int IFLA_VXLAN_LABEL = 26;
    public static final int IFLA_VXLAN_GPE = 27;
    public static final int IFLA_VXLAN_TTL_INHERIT = 28;
    public static final int IFLA_VXLAN_DF = 29;
    public static final int IFLA_VXLAN_VNIFILTER = 30;

    public static final int VETH_INFO_UNSPEC = 0;
    public static final int VETH_INFO_PEER = 1;
    public static final int MACVLAN_FLAG_NOPROMISC = 1;
    public static final int MACVLAN_FLAG_NODST = 2;
    public static final int IPVLAN_F_PRIVATE = 1;
    public static final int IPVLAN_F_VEPA = 2;
}
