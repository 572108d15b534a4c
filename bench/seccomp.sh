#!/usr/bin/env bash
# bench/seccomp.sh: Berth's seccomp compiler against libseccomp on docker's default profile, run from the
# repository root. Prints a table and ends with one line:
#   seccomp: key=value ... ratio=X   (ratio = Berth's average BPF instructions per system call / libseccomp's)
# Program length: instructions of each program (libseccomp's from seccomp_export_bpf, built as runc builds it).
# Compile time: Berth's median per compile in a timed loop after warm-up (one JVM); libseccomp's per
# build+export in its C harness. Instructions per system call: every x86_64 (and i386) system call number with
# zero arguments, both programs run in Berth's test BPF interpreter.
# Cost in `berth run`: as root with hyperfine, busybox and runc, `berth run` and `runc run` of /bin/true on a
# busybox bundle with and without the profile's linux.seccomp, hyperfine in one run (RUNS, default 20).
# Environment: JAVA_HOME (a JDK >= 25), N (iterations, default 2000), PROFILE (default docker's config.json from
# shared/client-configs next to the repository). Needs libseccomp-dev and cc.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
N=${N:-2000}
shared=${BERTH_SHARED:-$(cd .. && pwd)/shared}
[ -d "$shared/client-configs" ] || shared=/work/shared
PROFILE=${PROFILE:-$shared/client-configs/docker-20.10-config.json}
[ -f "$PROFILE" ] || { echo "bench/seccomp.sh: no profile at $PROFILE (set PROFILE)" >&2; exit 2; }
[ -f /usr/include/seccomp.h ] || { echo "bench/seccomp.sh: needs libseccomp-dev (apt-get install libseccomp-dev)" >&2; exit 2; }

out=bench/out
mkdir -p "$out"
./mvnw -q -B -pl runtime -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/$out/seccomp.cp" \
    -Dmdep.includeScope=test >"$out/seccomp-build.log" 2>&1 || { cat "$out/seccomp-build.log" >&2; exit 2; }
cp="runtime/target/test-classes:runtime/target/classes:syscall/target/classes:syscall/target/test-classes:specs/target/classes:netlink/target/classes:$(cat "$out/seccomp.cp")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.berth.runtime.seccomp.SeccompBench \
    "$PROFILE" "$N" > "$out/seccomp.txt"

v() { awk -F= -v k="$1" '$1 == k { print $2 }' "$out/seccomp.txt"; }
ratio=$(awk -v a="$(v avg_exec)" -v b="$(v libseccomp_avg_exec)" 'BEGIN { printf "%.3f", a / b }')
printf '%-44s %12s %12s\n' "docker 20.10 default profile, x86_64" "Berth" "libseccomp"
printf '%-44s %12s %12s\n' "program length (instructions)" "$(v insns)" "$(v libseccomp_insns)"
printf '%-44s %12s %12s\n' "compile time (us)" "$(v compile_us)" "$(v libseccomp_compile_us)"
printf '%-44s %12s %12s\n' "instructions per x86_64 syscall ($(v syscalls) calls)" "$(v avg_exec)" "$(v libseccomp_avg_exec)"
printf '%-44s %12s %12s\n' "instructions per i386 syscall ($(v syscalls_i386) calls)" "$(v avg_exec_i386)" "$(v libseccomp_avg_exec_i386)"
run_cost=""
if [ "$(id -u)" = 0 ] && command -v hyperfine >/dev/null && command -v busybox >/dev/null && command -v runc >/dev/null; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    ./berth --version >/dev/null # builds, and makes the AOT cache
    for b in plain filtered; do
        mkdir -p "$tmp/$b/rootfs/bin" "$tmp/$b/rootfs"/{proc,sys,dev,etc,tmp}
        cp "$(readlink -f "$(command -v busybox)")" "$tmp/$b/rootfs/bin/busybox"
        ln -s busybox "$tmp/$b/rootfs/bin/true"
        ./berth spec --bundle "$tmp/$b" >&2
        python3 - "$tmp/$b/config.json" "$PROFILE" "$b" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
if sys.argv[3] == "filtered":
    c["linux"]["seccomp"] = json.load(open(sys.argv[2]))["linux"]["seccomp"]
json.dump(c, open(sys.argv[1], "w"), indent=2)
PY
    done
    run() { echo "$1 --root $tmp/$1-root run --bundle $tmp/$2 $2"; }
    hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$tmp/hf.json" "$(run ./berth plain)" \
        "$(run ./berth filtered)" "$(run runc plain)" "$(run runc filtered)" > "$tmp/hf.txt" 2>&1 \
        || { cat "$tmp/hf.txt" >&2; exit 1; }
    hf() { python3 -c "import json; print('%.1f' % (json.load(open('$tmp/hf.json'))['results'][$1]['median'] * 1e3))"; }
    printf '%-44s %12s %12s\n' "run /bin/true, median ms" "berth run" "runc run"
    printf '%-44s %12s %12s\n' "without linux.seccomp" "$(hf 0)" "$(hf 2)"
    printf '%-44s %12s %12s\n' "with docker's profile" "$(hf 1)" "$(hf 3)"
    run_cost=" berth_run_added_ms=$(awk -v a="$(hf 1)" -v b="$(hf 0)" 'BEGIN { printf "%.1f", a - b }')"
    run_cost+=" runc_run_added_ms=$(awk -v a="$(hf 3)" -v b="$(hf 2)" 'BEGIN { printf "%.1f", a - b }')"
else
    echo "(cost in berth run skipped: needs root, hyperfine, busybox and runc)"
fi
echo "seccomp: profile=$(basename "$PROFILE" .json) insns=$(v insns) libseccomp_insns=$(v libseccomp_insns)" \
    "compile_us=$(v compile_us) libseccomp_compile_us=$(v libseccomp_compile_us) avg_exec=$(v avg_exec)" \
    "libseccomp_avg_exec=$(v libseccomp_avg_exec)$run_cost ratio=$ratio"
