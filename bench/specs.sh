#!/usr/bin/env bash
# bench/specs.sh: JMH benchmark of parsing a ~1 MB config.json, run from the repository root.
# Compares Berth's streaming reader (specs module) with jackson-databind's readTree, prints a table and
# ends with one line: specs: key=value ... ratio=X (ratio = reader time / readTree time).
# Exits 1 when the reader misses its budget. Environment: JAVA_HOME (a JDK >= 25), BENCH_JMH_ARGS
# (extra JMH options, e.g. "-wi 1 -i 3" for a quick run), SPECS_BUDGET_MS (default 10: the budget for the warm 1 MB parse,
# about three times what a shared 2-vCPU VM measured).
set -euo pipefail
cd "$(dirname "$0")/.."

budget_ms=${SPECS_BUDGET_MS:-10}

java_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
    for candidate in /usr/lib/jvm/*; do
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ] && [ -x "$candidate/bin/javac" ]; then
            export JAVA_HOME="$candidate"
            break
        fi
    done
fi
[ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] || { echo "specs.sh: needs a JDK >= 25 (JAVA_HOME)" >&2; exit 2; }

out=bench/out
mkdir -p "$out"
# compile the module and its tests (the benchmarks live in src/test/java) and write the test class path
./mvnw -q -B -pl specs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$out/specs.cp" -Dmdep.includeScope=test >"$out/build.log" 2>&1 \
    || { cat "$out/build.log" >&2; exit 2; }
cp="specs/target/test-classes:specs/target/classes:$(cat "$out/specs.cp")"

size=$("$JAVA_HOME/bin/java" -cp "$cp" dev.berth.specs.bench.SpecParseBench)
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'dev.berth.specs.bench.SpecParseBench' \
    -rf csv -rff "$out/specs.csv" ${BENCH_JMH_ARGS:-} >"$out/jmh.log" 2>&1 \
    || { tail -40 "$out/jmh.log" >&2; exit 2; }

score() { # mean and 99.9% error of one benchmark, from JMH's CSV
    awk -F, -v name="\"dev.berth.specs.bench.SpecParseBench.$1\"" '$1 == name { gsub(/"/, ""); printf "%.3f %.3f", $5, $6 }' "$out/specs.csv"
}
read -r reader reader_err <<<"$(score berthReader)"
read -r validate validate_err <<<"$(score berthReaderAndValidator)"
read -r tree tree_err <<<"$(score databindReadTree)"

printf '%-36s %12s %10s\n' "parse $(( size / 1024 )) KiB config.json" "ms/op" "± 99.9%"
printf '%-36s %12s %10s\n' "Berth reader (jackson-core streaming)" "$reader" "$reader_err"
printf '%-36s %12s %10s\n' "Berth reader + validator" "$validate" "$validate_err"
printf '%-36s %12s %10s\n' "jackson-databind readTree" "$tree" "$tree_err"
ratio=$(awk -v a="$reader" -v b="$tree" 'BEGIN { printf "%.2f", a / b }')
within=$(awk -v a="$reader" -v b="$budget_ms" 'BEGIN { print (a <= b) ? "yes" : "no" }')
echo "specs: size_bytes=$size reader_ms=$reader validate_ms=$validate readtree_ms=$tree budget_ms=$budget_ms within_budget=$within ratio=$ratio"
[ "$within" = yes ]
