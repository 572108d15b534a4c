#!/bin/bash
# Berth's netlink API against iproute2 (issue 4). Run as root from the repository root:
#
#   sudo bench/netlink.sh [PAIRS] [ROUTES] [ROUNDS]      (defaults: 1000 10000 3)
#
# (1) create PAIRS veth pairs with one address each, then delete them, in a fresh network namespace:
#     iproute2 as one `ip -batch` file, Berth through its API (NetlinkBench in the netlink test sources);
#     ROUNDS runs of each, alternated so that drift hits both alike.
# (2) dump ROUTES routes of one table: `ip -j route show table N` (hyperfine) against Berth's
#     Routes.list(AF_INET, N), first call in a fresh JVM and warm median.
# Berth runs as the berth launcher will: JDK 25, an AOT cache from a training run, C1 only, Serial GC.
# Only namespaces made here are touched; addresses are in 198.18.0.0/15.
set -euo pipefail
PAIRS=${1:-1000}
ROUTES=${2:-10000}
ROUNDS=${3:-3}
TABLE=100

cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench/netlink.sh: run as root" >&2; exit 1; }
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)
fi
export JAVA_HOME
command -v hyperfine >/dev/null || { echo "bench/netlink.sh: needs hyperfine" >&2; exit 1; }

./mvnw -q -pl netlink -am test-compile >&2
work=$(mktemp -d)
NS_V=berth-bench-veth-$$
NS_D=berth-bench-dump-$$
# ip netns add makes /run/netns a mount point of its own; leave it as it was found
run_netns_mounted() { awk '$5 == "/run/netns" {found = 1} END {exit !found}' /proc/self/mountinfo; }
run_netns_was_mounted=no
run_netns_mounted && run_netns_was_mounted=yes
cleanup() {
    ip netns del "$NS_V" 2>/dev/null || true
    ip netns del "$NS_D" 2>/dev/null || true
    if [ $run_netns_was_mounted = no ] && run_netns_mounted && [ -z "$(ls -A /run/netns)" ]; then
        umount /run/netns
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The AOT cache takes jars only (see TESTING.md).
"$JAVA_HOME/bin/jar" cf "$work/syscall.jar" -C syscall/target/classes .
"$JAVA_HOME/bin/jar" cf "$work/netlink.jar" -C netlink/target/classes .
"$JAVA_HOME/bin/jar" cf "$work/bench.jar" -C netlink/target/test-classes dev/berth/netlink/bench
CP="$work/netlink.jar:$work/syscall.jar:$work/bench.jar"
JFLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED -cp "$CP")
berth() { "$JAVA_HOME/bin/java" -XX:AOTCache="$work/app.aot" "${JFLAGS[@]}" dev.berth.netlink.bench.NetlinkBench "$@"; }

ms_now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
kv() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p"; }

# --- set up: the veth batch, the dump namespace with ROUTES routes, the AOT cache ---
{
    for ((i = 0; i < PAIRS; i++)); do
        h=$((2 * i))
        echo "link add bv$i type veth peer name bp$i"
        echo "addr add 198.$((18 + h / 65536)).$((h / 256 % 256)).$((h % 256))/31 dev bv$i"
    done
    for ((i = 0; i < PAIRS; i++)); do echo "link del bv$i"; done
} > "$work/veth.batch"
ip netns add "$NS_D"
ip -n "$NS_D" link add v0 type veth peer name v1
ip -n "$NS_D" link set v0 up
ip -n "$NS_D" link set v1 up
ip -n "$NS_D" addr add 198.18.0.1/16 dev v0
for ((i = 0; i < ROUTES; i++)); do
    echo "route add 198.19.$((i / 256 % 256)).$((i % 256))/32 via 198.18.0.2 dev v0 table $TABLE"
done > "$work/routes.batch"
ip -n "$NS_D" -batch "$work/routes.batch"
[ "$(ip -n "$NS_D" route show table $TABLE | wc -l)" = "$ROUTES" ] || { echo "route setup failed" >&2; exit 1; }
ip netns add "$NS_V"
"$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/app.aot" "${JFLAGS[@]}" dev.berth.netlink.bench.NetlinkBench \
    train "$NS_V" "$NS_D" $TABLE > /dev/null 2>"$work/aot.log"
ip netns del "$NS_V"
sleep 1

# --- (1) veth pairs: alternate iproute2 and Berth, each in a fresh namespace ---
ip_v=()
berth_v=()
berth_api=()
for ((r = 1; r <= ROUNDS; r++)); do
    ip netns add "$NS_V"
    s=$(ms_now)
    ip -n "$NS_V" -batch "$work/veth.batch"
    e=$(ms_now)
    ip_v+=($(((e - s) / 1000000)))
    [ "$(ip -n "$NS_V" -o link | wc -l)" = 1 ] || { echo "iproute2 left links behind" >&2; exit 1; }
    ip netns del "$NS_V"
    sleep 2
    ip netns add "$NS_V"
    s=$(ms_now)
    out=$(berth veth "$NS_V" "$PAIRS")
    e=$(ms_now)
    berth_v+=($(((e - s) / 1000000)))
    berth_api+=("$(echo "$out" | kv total_ms)")
    [ "$(ip -n "$NS_V" -o link | wc -l)" = 1 ] || { echo "Berth left links behind" >&2; exit 1; }
    ip netns del "$NS_V"
    sleep 2
    echo "round $r: ip ${ip_v[-1]} ms, berth process ${berth_v[-1]} ms (api ${berth_api[-1]} ms: $out)" >&2
done
veth_ip=$(printf '%s\n' "${ip_v[@]}" | median)
veth_proc=$(printf '%s\n' "${berth_v[@]}" | median)
veth_api=$(printf '%s\n' "${berth_api[@]}" | median)

# --- (2) route dump ---
hyperfine -N --warmup 5 --runs 50 --export-json "$work/ip.json" "ip -n $NS_D -j route show table $TABLE" >&2
dump_ip=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$work/ip.json" | head -1 | awk '{printf "%.2f", $1 * 1000}')
hyperfine -N --warmup 2 --runs 10 --export-json "$work/berth.json" \
    "$JAVA_HOME/bin/java -XX:AOTCache=$work/app.aot ${JFLAGS[*]} dev.berth.netlink.bench.NetlinkBench dump $NS_D $TABLE 1" >&2
dump_proc=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$work/berth.json" | head -1 | awk '{printf "%.1f", $1 * 1000}')
firsts=()
warms=()
for ((r = 1; r <= 5; r++)); do
    out=$(berth dump "$NS_D" $TABLE 50)
    [ "$(echo "$out" | kv routes)" = "$ROUTES" ] || { echo "Berth dumped $(echo "$out" | kv routes) routes" >&2; exit 1; }
    firsts+=("$(echo "$out" | kv first_ms)")
    warms+=("$(echo "$out" | kv warm_median_ms)")
done
dump_first=$(printf '%s\n' "${firsts[@]}" | median)
dump_warm=$(printf '%s\n' "${warms[@]}" | median)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
veth_ratio=$(ratio "$veth_api" "$veth_ip")
veth_ratio_proc=$(ratio "$veth_proc" "$veth_ip")
dump_ratio=$(ratio "$dump_warm" "$dump_ip")
dump_ratio_first=$(ratio "$dump_first" "$dump_ip")
dump_ratio_proc=$(ratio "$dump_proc" "$dump_ip")
worst=$(awk -v a="$veth_ratio" -v b="$dump_ratio" 'BEGIN {printf "%.2f", (a > b ? a : b)}')

printf '\n%-34s %14s %16s %16s %10s\n' "workload (medians)" "iproute2" "Berth API" "Berth process" "API/ip"
printf '%-34s %11s ms %13s ms %13s ms %10s\n' "$PAIRS veth pairs+addr, create+delete" "$veth_ip" "$veth_api" "$veth_proc" "$veth_ratio"
printf '%-34s %11s ms %13s ms %13s ms %10s\n' "dump $ROUTES routes, warm" "$dump_ip" "$dump_warm" "$dump_proc" "$dump_ratio"
printf '%-34s %11s ms %13s ms %16s %10s\n' "dump $ROUTES routes, first call" "$dump_ip" "$dump_first" "" "$dump_ratio_first"
echo "(iproute2: whole process; Berth API: in-process time of the calls; Berth process: whole JVM run)"
echo "netlink: veth_pairs=$PAIRS veth_ip_ms=$veth_ip veth_berth_api_ms=$veth_api veth_berth_process_ms=$veth_proc" \
    "veth_ratio=$veth_ratio veth_ratio_process=$veth_ratio_proc dump_routes=$ROUTES dump_ip_ms=$dump_ip" \
    "dump_berth_warm_ms=$dump_warm dump_berth_first_ms=$dump_first dump_berth_process_ms=$dump_proc" \
    "dump_ratio=$dump_ratio dump_ratio_first=$dump_ratio_first dump_ratio_process=$dump_ratio_proc ratio=$worst"
