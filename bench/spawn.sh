#!/usr/bin/env bash
# Spawn engine numbers (issue 3), run as root from the repository root:
#   sudo bench/spawn.sh            # N=3000 timed spawns per case, 10,000-spawn stress under G1 and ZGC
#   N=500 STRESS=0 bench/spawn.sh  # the short version
# Compares, in one run: spawn+exec+wait of /bin/true through Berth, through ProcessBuilder and natively
# (fork+execve+waitpid in C; also hyperfine -N /bin/true); and Berth with new pid, mount, uts, ipc and
# net namespaces plus a private /proc against `unshare -fpmiun --mount-proc /bin/true` (hyperfine).
# Berth runs with the launcher's JVM flags (SerialGC, C1). Medians in microseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-3000}
STRESS=${STRESS:-10000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ "$(id -u)" = 0 ] || { echo "bench/spawn.sh: run as root (namespaces)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench/spawn.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./mvnw -q -B -pl syscall test-compile >&2
cc -O2 -o "$tmp/spawn_native" bench/spawn_native.c

"$tmp/spawn_native" "$N" > "$tmp/native.txt"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData --enable-native-access=ALL-UNNAMED \
    -cp syscall/target/classes:syscall/target/test-classes dev.berth.syscall.spawn.SpawnBench "$N" namespaces \
    > "$tmp/berth.txt"
hyperfine -N --warmup 50 --runs "$N" --export-json "$tmp/hf.json" \
    /bin/true 'unshare -fpmiun --mount-proc /bin/true' > "$tmp/hyperfine.txt" 2>&1

val() { awk -v k="$1" -v c="${2:-2}" '$1 == k { print $c }' "$tmp"/native.txt "$tmp"/berth.txt; }
hf() { python3 -c "import json,sys; r=json.load(open('$tmp/hf.json'))['results'][$1]; print('%.1f' % (r['$2']*1e6))"; }
native=$(val native_true); berth=$(val berth_true); pb=$(val processbuilder_true)
ns_berth=$(val berth_namespaces); hf_true=$(hf 0 median); hf_unshare=$(hf 1 median)
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }

printf '%-52s %12s %12s\n' case median_us mean_us
printf '%-52s %12s %12s\n' "Berth spawn+exec+wait /bin/true" "$berth" "$(val berth_true 3)"
printf '%-52s %12s %12s\n' "native fork+execve+waitpid (C)" "$native" "$(val native_true 3)"
printf '%-52s %12s %12s\n' "hyperfine -N /bin/true" "$hf_true" "$(hf 0 mean)"
printf '%-52s %12s %12s\n' "ProcessBuilder /bin/true" "$pb" "$(val processbuilder_true 3)"
printf '%-52s %12s %12s\n' "Berth 5 namespaces + private /proc" "$ns_berth" "$(val berth_namespaces 3)"
printf '%-52s %12s %12s\n' "unshare -fpmiun --mount-proc /bin/true" "$hf_unshare" "$(hf 1 mean)"

if [ "$STRESS" -gt 0 ]; then
    ./mvnw -q -B -pl syscall surefire:test@default-test surefire:test@stress-zgc -Dtest=SpawnStressTest \
        -Dsurefire.failIfNoSpecifiedTests=false -Dberth.stress.spawns="$STRESS" >&2
    printf '%-52s %12s\n' "stress: spawns from 2 threads, G1 and ZGC" "$STRESS each, passed"
fi
echo "spawn: true_berth_us=$berth true_native_us=$native true_pb_us=$pb ns_berth_us=$ns_berth ns_unshare_us=$hf_unshare" \
    "pb_speedup=$(ratio "$pb" "$berth") ns_ratio=$(ratio "$ns_berth" "$hf_unshare") ratio=$(ratio "$berth" "$native")"
