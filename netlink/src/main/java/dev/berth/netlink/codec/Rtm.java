package dev.berth.netlink.codec;

/**
 * rtnetlink message types {@code RTM_*} and multicast groups ({@code RTMGRP_*} bit masks for
 * {@code sockaddr_nl.nl_groups}, {@code RTNLGRP_*} numbers for {@code NETLINK_ADD_MEMBERSHIP}) of
 * {@code <linux/rtnetlink.h>} ({@code rtnetlink(7)}).
 *
 * <p>Values checked against the kernel headers by {@code ConstantsAbiTest}.
 */
public final class Rtm {
    private Rtm() {}

    public static final int RTM_BASE = 16;
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;
    public static final int RTM_NEWQDISC = 36;
    public static final int RTM_DELQDISC = 37;
    public static final int RTM_GETQDISC = 38;
    public static final int RTM_NEWTCLASS = 40;
    public static final int RTM_DELTCLASS = 41;
    public static final int RTM_GETTCLASS = 42;
    public static final int RTM_NEWTFILTER = 44;
    public static final int RTM_DELTFILTER = 45;
    public static final int RTM_GETTFILTER = 46;
    public static final int RTM_NEWACTION = 48;
    public static final int RTM_DELACTION = 49;
    public static final int RTM_GETACTION = 50;
    public static final int RTM_NEWPREFIX = 52;
    public static final int RTM_GETMULTICAST = 58;
    public static final int RTM_GETANYCAST = 62;
    public static final int RTM_NEWNEIGHTBL = 64;
    public static final int RTM_GETNEIGHTBL = 66;
    public static final int RTM_SETNEIGHTBL = 67;
    public static final int RTM_NEWNDUSEROPT = 68;
    public static final int RTM_NEWADDRLABEL = 72;
    public static final int RTM_DELADDRLABEL = 73;
    public static final int RTM_GETADDRLABEL = 74;
    public static final int RTM_GETDCB = 78;
    public static final int RTM_SETDCB = 79;
    public static final int RTM_NEWNETCONF = 80;
    public static final int RTM_DELNETCONF = 81;
    public static final int RTM_GETNETCONF = 82;
    public static final int RTM_NEWMDB = 84;
    public static final int RTM_DELMDB = 85;
    public static final int RTM_GETMDB = 86;
    public static final int RTM_NEWNSID = 88;
    public static final int RTM_DELNSID = 89;
    public static final int RTM_GETNSID = 90;
    public static final int RTM_NEWSTATS = 92;
    public static final int RTM_GETSTATS = 94;
    public static final int RTM_SETSTATS = 95;
    public static final int RTM_NEWCACHEREPORT = 96;
    public static final int RTM_NEWCHAIN = 100;
    public static final int RTM_DELCHAIN = 101;
    public static final int RTM_GETCHAIN = 102;
    public static final int RTM_NEWNEXTHOP = 104;
    public static final int RTM_DELNEXTHOP = 105;
    public static final int RTM_GETNEXTHOP = 106;
    public static final int RTM_NEWLINKPROP = 108;
    public static final int RTM_DELLINKPROP = 109;
    public static final int RTM_GETLINKPROP = 110;
    public static final int RTM_NEWVLAN = 112;
    public static final int RTM_DELVLAN = 113;
    public static final int RTM_GETVLAN = 114;
    public static final int RTM_NEWNEXTHOPBUCKET = 116;
    public static final int RTM_DELNEXTHOPBUCKET = 117;
    public static final int RTM_GETNEXTHOPBUCKET = 118;
    public static final int RTM_NEWTUNNEL = 120;
    public static final int RTM_DELTUNNEL = 121;
    public static final int RTM_GETTUNNEL = 122;
    public static final int RTMGRP_LINK = 1;
    public static final int RTMGRP_NOTIFY = 2;
    public static final int RTMGRP_NEIGH = 4;
    public static final int RTMGRP_TC = 8;
    public static final int RTMGRP_IPV4_IFADDR = 16;
    public static final int RTMGRP_IPV4_MROUTE = 32;
    public static final int RTMGRP_IPV4_ROUTE = 64;
    public static final int RTMGRP_IPV4_RULE = 128;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;
    public static final int RTMGRP_IPV6_MROUTE = 0x200;
    public static final int RTMGRP_IPV6_ROUTE = 0x400;
    public static final int RTMGRP_IPV6_IFINFO = 0x800;
    public static final int RTMGRP_IPV6_PREFIX = 0x20000;

    public static final int RTNLGRP_NONE = 0;
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_NOTIFY = 2;
    public static final int RTNLGRP_NEIGH = 3;
    public static final int RTNLGRP_TC = 4;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_MROUTE = 6;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV4_RULE = 8;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_MROUTE = 10;
    public static final int RTNLGRP_IPV6_ROUTE = 11;
    public static final int RTNLGRP_IPV6_IFINFO = 12;
    public static final int RTNLGRP_NOP2 = 14;
    public static final int RTNLGRP_NOP4 = 17;
    public static final int RTNLGRP_IPV6_PREFIX = 18;
    public static final int RTNLGRP_IPV6_RULE = 19;
    public static final int RTNLGRP_ND_USEROPT = 20;
    public static final int RTNLGRP_PHONET_IFADDR = 21;
    public static final int RTNLGRP_PHONET_ROUTE = 22;
    public static final int RTNLGRP_DCB = 23;
    public static final int RTNLGRP_IPV4_NETCONF = 24;
    public static final int RTNLGRP_IPV6_NETCONF = 25;
    public static final int RTNLGRP_MDB = 26;
    public static final int RTNLGRP_MPLS_ROUTE = 27;
    public static final int RTNLGRP_NSID = 28;
    public static final int RTNLGRP_MPLS_NETCONF = 29;
    public static final int RTNLGRP_IPV4_MROUTE_R = 30;
    public static final int RTNLGRP_IPV6_MROUTE_R = 31;
    public static final int RTNLGRP_NEXTHOP = 32;
    public static final int RTNLGRP_BRVLAN = 33;
    public static final int RTNLGRP_MCTP_IFADDR = 34;
    public static final int RTNLGRP_TUNNEL = 35;
    public static final int RTNLGRP_STATS = 36;

    /** {@code IFLA_EXT_MASK} bits: what a link dump leaves out or adds. */
    public static final int RTEXT_FILTER_VF = 1;
    public static final int RTEXT_FILTER_BRVLAN = 1 << 1;
    public static final int RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2;
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
}
