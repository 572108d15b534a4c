#!/usr/bin/env bash
# Resident memory of an idle `berth init` (issue 8 asks for <= 40 MB) against tini, run from the repository root:
#   bench/init.sh                  # IDLE=8 s before reading, REPEAT=3 runs per row (median)
#   IDLE=15 REPEAT=1 bench/init.sh
# Each row runs `./berth init -- sleep ...` through the launcher with extra JVM options in BERTH_JAVA_OPTS (on
# top of the launcher's -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData, and for init -Xint -Xmn1m
# -Xmx32m -XX:TrimNativeHeapInterval=1000 and Berth's AOT cache) and reads VmRSS, RssAnon and
# RssFile of the JVM from /proc/PID/status once it has been idle IDLE seconds (the payload asleep). start_ms is
# the mean wall time of `./berth init -- true` with the same options (launcher script included).
# The first row is what `berth init` gets (with the AOT cache the launcher trains on init itself); it is the one
# the summary line reports. Rows with another AOT cache or none run with BERTH_NO_AOT=1, so that the launcher
# does not add its own. The peer is Debian's tini (`tini -s -- sleep ...`).
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
./berth --version > /dev/null # the lifecycle commands' AOT cache, for the row that compares
aot="$PWD/runtime/target/berth.aot"

# label | extra JVM options ("NOAOT": without the launcher's AOT cache)
rows=(
    "launcher as is|"
    "launcher, without its AOT cache|NOAOT"
    "launcher, the lifecycle commands' AOT cache instead|-XX:AOTCache=$aot"
    "launcher, no CDS at all|-Xshare:off"
    "launcher, C1 JIT instead of -Xint|-Xmixed"
    "launcher, C1 JIT, without -Xmx32m -Xmn1m|-Xmixed -Xmx1g -Xmn8m"
)
recommended=1

# berth_with OPTS COMMAND...: runs COMMAND with BERTH_JAVA_OPTS=OPTS, without the launcher's cache if needed
berth_with() {
    local opts=$1; shift
    case "$opts" in
        *NOAOT*|*AOTCache*|*Xshare:off*) BERTH_NO_AOT=1 BERTH_JAVA_OPTS="${opts//NOAOT/}" "$@" ;;
        *) BERTH_JAVA_OPTS="$opts" "$@" ;;
    esac
}

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
    for i in $(seq 10); do berth_with "$1" ./berth init -- true; done
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
        berth_with "$opts" measure ./berth init -- sleep $((IDLE + 30)) >> "$tmp/runs"
    done
    rss=$(awk '{print $1}' "$tmp/runs" | median)
    line=$(awk -v r="$rss" '$1 == r { print; exit }' "$tmp/runs")
    printf '%-52s %9s %9s %9s %9s  %s\n' "$label" "$rss" "$(echo "$line" | awk '{print $2}')" \
        "$(echo "$line" | awk '{print $3}')" "$(start_ms "$opts")" "${opts//$aot/berth.aot}"
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
