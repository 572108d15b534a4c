#!/bin/bash
# Regenerates the golden fixtures in src/test/resources/golden from iproute2, through strace (this
# kernel has no nlmon). Run as root from the netlink directory: src/test/golden/capture.sh
# Everything happens in a network namespace made for the purpose, deleted at the end; only
# 198.18.0.0/15 and 2001:2::/48 (the IPv4 and IPv6 benchmarking ranges) are used.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../resources/golden
mkdir -p "$out"
ns=berth-golden
ip netns del $ns 2>/dev/null || true
ip netns add $ns
trap 'ip netns del $ns' EXIT
versions="$(ip -V | sed 's/ip utility, //'), kernel $(uname -r), $(strace -V | head -1)"

# capture NAME ARGS...: `ip -n $ns ARGS` under strace, its datagrams into NAME.nl
capture() {
    local name=$1; shift
    local tmp; tmp=$(mktemp)
    strace -f -xx -s 65535 -e trace=sendmsg,recvmsg,sendto,recvfrom -e read=3,4,5 -e write=3,4,5 \
        -o "$tmp" ip -n $ns "$@" >/dev/null 2>&1 || true
    python3 "$here/strace2fixture.py" "$tmp" "ip -n $ns $* (in a fresh netns; strace -f -xx -s 65535 -e read=3,4,5 -e write=3,4,5)" \
        "$versions" > "$out/$name.nl"
    rm -f "$tmp"
}

capture link-add-veth link add v0 type veth peer name v1
capture link-add-unknown-kind link add x0 type nosuchkind
capture link-add-dummy link add d0 type dummy
capture link-add-vlan link add link v0 name v0.10 type vlan id 10
capture link-add-ipvlan link add link v0 name ipv0 type ipvlan mode l2
capture link-add-macvlan link add link v0 name mv0 type macvlan mode bridge
capture link-add-vxlan link add vx0 type vxlan id 42 dstport 4789 dev v0
capture link-add-bridge link add br0 type bridge
capture link-add-duplicate link add v0 type veth peer name v1
capture link-show-lo link show lo
capture link-dump link show
capture link-set link set dev v0 up mtu 1400 address 02:00:00:00:00:01
capture link-set-master link set dev v1 master br0
capture link-set-hairpin link set dev v1 type bridge_slave hairpin on
capture link-set-promisc link set dev br0 promisc on
capture addr-add addr add 198.18.0.1/24 brd + dev v0 label v0:a
capture addr-add6 addr add 2001:2::1/64 dev v0 nodad
capture addr-dump addr show dev v0
ip -n $ns link set v1 nomaster
ip -n $ns link set v1 up
capture route-add route add 198.18.1.0/24 via 198.18.0.2 dev v0 table 1000 metric 5 proto static
capture route-add-default route add default via 198.18.0.254
capture route-add-multipath route add 198.18.2.0/24 nexthop via 198.18.0.2 dev v0 weight 1 nexthop via 198.18.0.3 dev v0 weight 2
capture route-dump route show table 1000
capture neigh-add neigh add 198.18.0.9 lladdr 02:00:00:00:00:09 dev v0 nud permanent
capture neigh-dump neigh show dev v0
capture rule-add rule add from 198.18.0.0/24 table 100 pref 1000
capture rule-dump rule show
capture link-del link del v0
ls -l "$out"
