#!/usr/bin/env bash
# Resident memory of an idle `berth init` (issue 8 asks for <= 40 MB) against tini, run from the repository root:
#   bench/init.sh                  # IDLE=8 s before reading, REPEAT=3 runs per row (median)
#   IDLE=15 REPEAT=1 bench/init.sh
# Each row runs `./berth init -- sleep ...` through the launcher with extra JVM options in BERTH_JAVA_OPTS (on
# top of the launcher's -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData) and reads VmRSS, RssAnon and
# RssFile of the JVM from /proc/PID/status once it has been idle IDLE seconds (the payload asleep). start_ms is
# the mean wall time of `./berth init -- true` with the same options (launcher script included).
# The AOT cache rows use a cache made here by a training run (`-XX:AOTCacheOutput`, JDK 25); it is only valid
# for the jars it was made from. The peer is Debian's tini (`tini -s -- sleep ...`).
# Last line: init: rss_kb=<recommended row> tini_rss_kb=... ratio=...
set -euo pipefail
cd "$(dirname "$0")/.."
IDLE=${IDLE:-8}
REPEAT=${REPEAT:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v tini >/dev/null || { echo "bench/init.sh: needs tini as the peer (apt-get install tini)" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

./berth init -- true >&2 # builds the runtime when it is missing or stale
export BERTH_NO_BUILD=1
aot="$tmp/init.aot"
BERTH_JAVA_OPTS="-XX:AOTCacheOutput=$aot" ./berth init -- true > "$tmp/train.log" 2>&1 \
    || { cat "$tmp/train.log" >&2; exit 1; }

# label | extra JVM options
rows=(
    "launcher as is|"
    "young gen 1 MB|-Xmn1m"
    "young gen 1 MB, native heap trimmed|-Xmn1m -XX:TrimNativeHeapInterval=1000"
    "young gen 1 MB, trimmed, AOT cache|-Xmn1m -XX:TrimNativeHeapInterval=1000 -XX:AOTCache=$aot"
    "interpreter only, young gen 1 MB|-Xint -Xmn1m"
    "interpreter only, young gen 1 MB, no CDS|-Xint -Xmn1m -Xshare:off"
    "interpreter only, young gen 1 MB, AOT cache|-Xint -Xmn1m -XX:AOTCache=$aot"
    "recommended: the same with -Xmx32m|-Xint -Xmn1m -Xmx32m -XX:AOTCache=$aot"
)
recommended=${#rows[@]}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# rss_of PID: "VmRSS RssAnon RssFile" in kB
rss_of() { awk '/^(VmRSS|RssAnon|RssFile):/ { printf "%s ", $2 } END { print "" }' "/proc/$1/status"; }

# measure COMMAND...: starts it in the background, waits IDLE s, prints "VmRSS RssAnon RssFile" of its pid
measure() {
    "$@" > /dev/null 2>&1 &
    local pid=$!
    pids+=("$pid")
    sleep "$IDLE"
    if ! kill -0 "$pid" 2>/dev/null || ! pgrep -P "$pid" -x sleep > /dev/null; then
        echo "bench/init.sh: $* ended or has no payload after ${IDLE} s" >&2
        exit 1
    fi
    rss_of "$pid"
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
}

start_ms() {
    local t0 t1 i
    t0=$(date +%s%N)
    for i in $(seq 10); do BERTH_JAVA_OPTS="$1" ./berth init -- true; done
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 10000000 ))
}

printf '%-52s %9s %9s %9s %9s  %s\n' row rss_kb anon_kb file_kb start_ms "extra JVM options"
i=0
for row in "${rows[@]}"; do
    i=$((i + 1))
    label=${row%%|*}
    opts=${row#*|}
    : > "$tmp/runs"
    for _ in $(seq "$REPEAT"); do
        BERTH_JAVA_OPTS="$opts" measure ./berth init -- sleep $((IDLE + 30)) >> "$tmp/runs"
    done
    rss=$(awk '{print $1}' "$tmp/runs" | median)
    line=$(awk -v r="$rss" '$1 == r { print; exit }' "$tmp/runs")
    printf '%-52s %9s %9s %9s %9s  %s\n' "$label" "$rss" "$(echo "$line" | awk '{print $2}')" \
        "$(echo "$line" | awk '{print $3}')" "$(start_ms "$opts")" "${opts//$aot/init.aot}"
    [ "$i" = "$recommended" ] && init_rss=$rss
done

: > "$tmp/runs"
for _ in $(seq "$REPEAT"); do
    measure tini -s -- sleep $((IDLE + 30)) >> "$tmp/runs"
done
tini_rss=$(awk '{print $1}' "$tmp/runs" | median)
line=$(awk -v r="$tini_rss" '$1 == r { print; exit }' "$tmp/runs")
printf '%-52s %9s %9s %9s %9s  %s\n' "tini $(tini --version | awk '{print $3}')" "$tini_rss" \
    "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $3}')" - "(C, static: Debian's tini)"
echo "init: rss_kb=$init_rss tini_rss_kb=$tini_rss ratio=$(awk -v a="$init_rss" -v b="$tini_rss" 'BEGIN { printf "%.1f", a / b }')"
