#!/bin/bash
# Per-container network setup + teardown (issue 7): Berth's in-process CNI plugins against the reference
# plugin programs (Debian's containernetworking-plugins) running the same conflist, exec'd one by one by the
# CNI protocol as a runtime runs them. Run as root from the repository root:
#
#   bench/network.sh [N] [WARMUP]        (defaults: 300 100)
#
# One JVM (NetworkBench in the runtime test sources) alternates the two, N times each after WARMUP rounds,
# each time in a fresh container network namespace attached to a bridge in the JVM's own network namespace,
# which plays the host as a runtime's does. That namespace is a new one (unshare --net), so the real host's
# interfaces are never touched; addresses are in 198.18.0.0/15. Reported: medians (and p90) of
# setup+teardown, and of setup alone; Berth's first call in the JVM; Berth with CniNetwork.Options.awaitRelease
# (teardown also waits for the kernel to free the veth pair, as the reference plugins' DEL does).
# Target: ratio (Berth/plugins) <= 0.5.
set -euo pipefail
N=${1:-300}
WARMUP=${2:-100}
PLUGINS=${CNI_PLUGIN_DIR:-/usr/lib/cni}

cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench/network.sh: run as root" >&2; exit 1; }
for p in loopback bridge host-local; do
    [ -x "$PLUGINS/$p" ] || { echo "bench/network.sh: no $PLUGINS/$p (apt-get install containernetworking-plugins)" >&2; exit 1; }
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)
fi
export JAVA_HOME

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mvnw -q -B -pl runtime -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
cp="runtime/target/test-classes:runtime/target/classes:netlink/target/classes:specs/target/classes"
cp="$cp:syscall/target/classes:syscall/target/test-classes:$(cat "$work/cp")"

links_before=$(ip -o link | wc -l)
tables_before=$(nft list tables 2>/dev/null | wc -l || true)
out=$(unshare --net -- "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" \
    dev.berth.runtime.bench.NetworkBench "$PLUGINS" "$WARMUP" "$N")
kv() { echo "$out" | sed -n "s/^$1=\(.*\)/\1/p"; }
[ "$(kv host_links_after)" = "[bench0, lo]" ] || { echo "left on the bench host: $(kv host_links_after)" >&2; exit 1; }
[ "$(kv allocations_after)" = 0 ] || { echo "allocations left: $(kv allocations_after)" >&2; exit 1; }
[ "$(ip -o link | wc -l)" = "$links_before" ] || { echo "the real host's links changed" >&2; exit 1; }
[ "$(nft list tables 2>/dev/null | wc -l || true)" = "$tables_before" ] || { echo "the real host's nft tables changed" >&2; exit 1; }

version=$(dpkg-query -W -f='${Version}' containernetworking-plugins 2>/dev/null || echo unknown)
printf '\n%-44s %12s %12s\n' "setup+teardown per container (loopback+bridge+host-local)" "median" "p90"
printf '%-44s %9s ms %9s ms\n' "Berth, in-process (warm)" "$(kv berth_median_ms)" "$(kv berth_p90_ms)"
printf '%-44s %9s ms %9s ms\n' "Berth, teardown also awaiting the kernel" "$(kv berth_release_median_ms)" "$(kv berth_release_p90_ms)"
printf '%-44s %9s ms %12s\n' "Berth, first call in the JVM" "$(kv berth_first_ms)" ""
printf '%-44s %9s ms %9s ms\n' "reference plugins $version (exec'd)" "$(kv plugins_median_ms)" "$(kv plugins_p90_ms)"
printf '%-44s %9s ms %12s\n' "  of which setup alone: Berth" "$(kv berth_setup_median_ms)" ""
printf '%-44s %9s ms %12s\n' "  of which setup alone: reference plugins" "$(kv plugins_setup_median_ms)" ""
echo "(Berth's teardown returns once the veth pair has left every table; the kernel frees it an RCU grace"
echo " period later, 20+ ms here, which the reference plugins wait for: see the 'awaiting the kernel' row)"
echo "network: n=$N warmup=$WARMUP berth_median_ms=$(kv berth_median_ms) berth_p90_ms=$(kv berth_p90_ms)" \
    "berth_first_ms=$(kv berth_first_ms) plugins_median_ms=$(kv plugins_median_ms) plugins_p90_ms=$(kv plugins_p90_ms)" \
    "berth_setup_median_ms=$(kv berth_setup_median_ms) plugins_setup_median_ms=$(kv plugins_setup_median_ms)" \
    "berth_release_median_ms=$(kv berth_release_median_ms) ratio_release=$(kv ratio_release) ratio=$(kv ratio)"
