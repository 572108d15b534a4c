#!/usr/bin/env bash
# bench/fuzz.sh: the long fuzzing runs (issue 9), run from the repository root (as root like the other bench
# scripts, though no target needs a privilege):
#   sudo bench/fuzz.sh                  # every fuzz target for 10 minutes
#   FUZZ_SECONDS=20 bench/fuzz.sh       # the short version
# Targets: every @FuzzTest method of the netlink codec (CodecFuzzTest), the spec readers and validator
# (SpecFuzzTest), the seccomp compiler (SeccompFuzzTest) and the CNI config reader (CniConfigFuzzTest in
# dev.berth.runtime.network, skipped with a message while it does not exist). Each runs for FUZZ_SECONDS in a JVM
# of its own with Jazzer's coverage instrumentation on the code under test, going on after a finding
# (JAZZER_KEEP_GOING) so that one run reports every distinct one. The corpus grows in <module>/target/fuzz/ (the
# same one the build's short runs use); what a run finds is copied to bench/out/fuzz/<target>/: to keep a finding,
# fix it and move the file to src/test/resources/<package>/<Class>Inputs/<method>/.
# Prints a table (target, seconds, executions, findings) and ends with one line:
#   fuzz: targets=N seconds=S findings=F
# Exits 1 when something was found. Environment: FUZZ_SECONDS (default 600), JAVA_HOME (a JDK >= 25),
# FUZZ_INPUT_TIMEOUT (seconds one input may take before it counts as a hang, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || { echo "bench/fuzz.sh: no JDK 25 at $JAVA_HOME (set JAVA_HOME)" >&2; exit 2; }
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_INPUT_TIMEOUT=${FUZZ_INPUT_TIMEOUT:-30}

# module | test class | what the coverage instrumentation and the hooks cover (as in the module's pom)
targets=(
    "netlink|dev.berth.netlink.codec.CodecFuzzTest|dev.berth.netlink.codec.**"
    "specs|dev.berth.specs.SpecFuzzTest|dev.berth.specs.**:com.fasterxml.jackson.core.**"
    "runtime|dev.berth.runtime.seccomp.SeccompFuzzTest|dev.berth.runtime.seccomp.**"
    "runtime|dev.berth.runtime.network.CniConfigFuzzTest|dev.berth.runtime.network.**:dev.berth.specs.**"
)
# Sanitizers for bugs the fuzzed code cannot have (the poms' berth.jazzer.disabledHooks).
disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection:com.code_intelligence.jazzer.sanitizers.RegexRoadblocks:com.code_intelligence.jazzer.sanitizers.OsCommandInjection

out=bench/out/fuzz
rm -rf "$out"
mkdir -p "$out"

# The @FuzzTest methods of a test class, from its source: the first method declared after each annotation.
fuzz_methods() {
    awk '/@FuzzTest/ { want = 1; next } want && match($0, /void [A-Za-z0-9_]+\(/) {
        print substr($0, RSTART + 5, RLENGTH - 6); want = 0 }' "$1"
}

modules=()
for t in "${targets[@]}"; do
    IFS='|' read -r module class _ <<<"$t"
    if [ -f "$module/src/test/java/${class//.//}.java" ] && [[ " ${modules[*]} " != *" $module "* ]]; then
        modules+=("$module")
    fi
done
pl=$(IFS=,; echo "${modules[*]}")
echo "bench/fuzz.sh: building $pl and their test class paths ..." >&2
./mvnw -q -B -pl "$pl" -am test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.cp \
    -Dmdep.includeScope=test >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 2; }

rows=()
total_targets=0
total_seconds=0
total_findings=0
for t in "${targets[@]}"; do
    IFS='|' read -r module class includes <<<"$t"
    source="$module/src/test/java/${class//.//}.java"
    if [ ! -f "$source" ]; then
        echo "bench/fuzz.sh: skipping ${class##*.}: no $source" >&2
        rows+=("${class##*.}|skipped|-|-")
        continue
    fi
    cp="$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$module/target/fuzz.cp")"
    for method in $(fuzz_methods "$source"); do
        name="${class##*.}#$method"
        base="$root/$module/target/fuzz"
        log="$out/${class##*.}-$method.log"
        mkdir -p "$base"
        before=$(find "$base" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
        echo "bench/fuzz.sh: $name for ${FUZZ_SECONDS}s (log: $log)" >&2
        start=$(date +%s)
        status=0
        # The JUnit timeout is Jazzer's per-input limit; JUnit's own enforcement would end the whole run.
        (cd "$base" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${FUZZ_SECONDS}s" JAZZER_KEEP_GOING=100 \
            JAZZER_INSTRUMENTATION_INCLUDES="$includes" JAZZER_CUSTOM_HOOK_INCLUDES="$includes" \
            JAZZER_DISABLED_HOOKS="$disabled_hooks" \
            "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss2m -XX:+EnableDynamicAgentLoading \
                --sun-misc-unsafe-memory-access=allow \
                -Djunit.jupiter.execution.timeout.default="${FUZZ_INPUT_TIMEOUT}s" \
                -Djunit.jupiter.execution.timeout.mode=disabled \
                -cp "$cp" "$root/bench/FuzzLauncher.java" "$class#$method" "$base") >"$log" 2>&1 || status=$?
        seconds=$(( $(date +%s) - start ))
        after=$(find "$base" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
        found=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')
        findings=$(echo -n "$found" | grep -c . || true)
        if [ -n "$found" ]; then
            mkdir -p "$out/$name"
            echo "$found" | xargs -I{} cp {} "$out/$name/"
        fi
        # a failure without an input to show for it (the kept inputs or the seeds failed, the JVM died)
        if [ "$status" != 0 ] && [ "$findings" = 0 ]; then
            findings=1
            echo "bench/fuzz.sh: $name failed (exit $status) without a crash file; see $log" >&2
        fi
        # libFuzzer's closing "Done N runs", else its last status line "#N ..."
        execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
        [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -1)
        rows+=("$name|$seconds|${execs:--}|$findings")
        total_targets=$(( total_targets + 1 ))
        total_seconds=$(( total_seconds + seconds ))
        total_findings=$(( total_findings + findings ))
    done
done

printf '%-48s %8s %14s %9s\n' target seconds executions findings
for r in "${rows[@]}"; do
    IFS='|' read -r name seconds execs findings <<<"$r"
    printf '%-48s %8s %14s %9s\n' "$name" "$seconds" "$execs" "$findings"
done
[ "$total_findings" = 0 ] || echo "bench/fuzz.sh: findings copied to $out/<target>/" >&2
echo "fuzz: targets=$total_targets seconds=$total_seconds findings=$total_findings"
[ "$total_findings" = 0 ]
