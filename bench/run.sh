#!/usr/bin/env bash
# berth run vs runc run (issue 6), run as root from the repository root:
#   sudo bench/run.sh              # RUNS=30 hyperfine runs each, N=1000 in-process containers
#   RUNS=10 N=200 bench/run.sh     # the short version
# 1. Whole command: `berth run` and `runc run` of /bin/true on the same busybox bundle, hyperfine, one run.
#    Berth through its launcher (AOT cache, JVM flags for short runs).
# 2. In-process (Java API): create+start+wait+delete N times in a row (RunBench): median, and fds, mounts
#    and heap before and after (no growth allowed).
# Last line: run: berth_ms=.. runc_ms=.. inprocess_median_ms=.. fds=.. mounts=.. ratio=<berth/runc>
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-30}
N=${N:-1000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ "$(id -u)" = 0 ] || { echo "bench/run.sh: run as root" >&2; exit 1; }
for tool in hyperfine runc busybox; do
    command -v $tool >/dev/null || { echo "bench/run.sh: needs $tool (apt-get install $tool)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bundle="$tmp/bundle"
mkdir -p "$bundle/rootfs/bin" "$bundle/rootfs"/{proc,sys,dev,etc,tmp}
cp "$(readlink -f "$(command -v busybox)")" "$bundle/rootfs/bin/busybox"
for a in $("$bundle/rootfs/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$bundle/rootfs/bin/$a"; done
./berth spec --bundle "$bundle" >&2
python3 - "$bundle/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
json.dump(c, open(sys.argv[1], "w"), indent=2)
PY
./berth --version >/dev/null # builds, and makes the AOT cache
./mvnw -q -B -pl runtime -am test-compile >&2

hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$tmp/hf.json" \
    "./berth --root $tmp/berth-root run --bundle $bundle b" "runc --root $tmp/runc-root run --bundle $bundle r" \
    > "$tmp/hyperfine.txt" 2>&1 || { cat "$tmp/hyperfine.txt" >&2; exit 1; }
cp=$(ls runtime/target/lib/*.jar | tr '\n' ':')runtime/target/classes:runtime/target/test-classes
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp "$cp" dev.berth.runtime.bench.RunBench \
    "$bundle" "$N" > "$tmp/inprocess.txt"

hf() { python3 -c "import json; r=json.load(open('$tmp/hf.json'))['results'][$1]; print('%.1f' % (r['$2']*1e3))"; }
ip() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/inprocess.txt"; }
berth=$(hf 0 median); runc=$(hf 1 median)
printf '%-48s %12s %12s\n' case median_ms mean_ms
printf '%-48s %12s %12s\n' "berth run /bin/true (launcher, AOT cache)" "$berth" "$(hf 0 mean)"
printf '%-48s %12s %12s\n' "runc run /bin/true" "$runc" "$(hf 1 mean)"
printf '%-48s %12s %12s\n' "in-process create+start+wait+delete (median)" "$(ip median_ms)" "-"
printf '%-48s %12s\n' "in-process p90" "$(ip p90_ms)"
printf '%-48s %12s\n' "fds before/after $N containers" "$(ip fds_before)/$(ip fds_after)"
printf '%-48s %12s\n' "mounts before/after" "$(ip mounts_before)/$(ip mounts_after)"
printf '%-48s %12s\n' "heap KiB after GC before/after" "$(ip heap_before_kb)/$(ip heap_after_kb)"
echo "run: berth_ms=$berth runc_ms=$runc inprocess_median_ms=$(ip median_ms) fds=$(ip fds_before)/$(ip fds_after)" \
    "mounts=$(ip mounts_before)/$(ip mounts_after) ratio=$(python3 -c "print('%.2f' % ($berth / $runc))")"
