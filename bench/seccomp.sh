#!/usr/bin/env bash
# bench/seccomp.sh: Berth's seccomp compiler against libseccomp on docker's default profile, run from the
# repository root. Prints a table and ends with one line:
#   seccomp: key=value ... ratio=X   (ratio = Berth's average BPF instructions per system call / libseccomp's)
# Program length: instructions of each program (libseccomp's from seccomp_export_bpf, built as runc builds it).
# Compile time: Berth's median per compile in a timed loop after warm-up (one JVM); libseccomp's per
# build+export in its C harness. Instructions per system call: every x86_64 (and i386) system call number with
# zero arguments, both programs run in Berth's test BPF interpreter.
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
echo "seccomp: profile=$(basename "$PROFILE" .json) insns=$(v insns) libseccomp_insns=$(v libseccomp_insns)" \
    "compile_us=$(v compile_us) libseccomp_compile_us=$(v libseccomp_compile_us) avg_exec=$(v avg_exec)" \
    "libseccomp_avg_exec=$(v libseccomp_avg_exec) ratio=$ratio"
