#!/usr/bin/env bash
# bench/syscall.sh: the cost of a system call through Berth's FFM binding against the same loop in C.
#
#   bench/syscall.sh                  JMH (SyscallBench) and the C baseline in turn, about two minutes
#   bench/syscall.sh --alternatives   also times the parts and the prototypes of other bindings, and the C
#                                     loops inside the JVM, round after round in one JVM (Interleaved),
#                                     about half a minute more
#
# Operations: getpid (Syscalls.getpid() and Raw.call(nr) against glibc's getpid(), which in glibc 2.36
# makes the system call every time) and a 4 KiB read(2) from /dev/zero into a preallocated buffer
# (Fs.read(fd, segment) against read(2)). Run from the repository root, as root or not. Prints a table
# and, last, one line: syscall: getpid_berth_ns=.. getpid_c_ns=.. read4k_berth_ns=.. read4k_c_ns=.. ratio=..
# where ratio is the worse (higher) of the two Berth/C ratios. Target: ratio <= 1.2.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

alternatives=0
case "${1:-}" in
    "") ;;
    --alternatives) alternatives=1 ;;
    *) echo "usage: bench/syscall.sh [--alternatives]" >&2; exit 2 ;;
esac

java_major() { # the feature version of the JDK at $1, or nothing
    local v
    [ -x "$1/bin/java" ] && [ -f "$1/release" ] || return 0
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
    echo "${v:-}"
}
jdk=
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ -x "$candidate/bin/javac" ]; then
        jdk=$candidate
        break
    fi
done
if [ -z "$jdk" ]; then
    echo "bench/syscall.sh: needs a JDK 25 or newer (set JAVA_HOME, or install Temurin 25 under /usr/lib/jvm)" >&2
    exit 1
fi
export JAVA_HOME=$jdk
command -v cc >/dev/null || { echo "bench/syscall.sh: needs a C compiler (apt-get install gcc)" >&2; exit 1; }

load=$(cut -d' ' -f1 /proc/loadavg)
busy=$(awk -v l="$load" -v n="$(nproc)" 'BEGIN { print (l > n / 2 ? 1 : 0) }')
if [ "$busy" = 1 ]; then
    echo "bench/syscall.sh: load average $load on $(nproc) CPUs: other work will add noise" >&2
fi

tmp=$(mktemp -d /tmp/berth-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

echo "building the benchmark (./mvnw -pl syscall test-compile) ..." >&2
./mvnw -q -B -pl syscall test-compile
./mvnw -q -B -pl syscall dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/classpath" >/dev/null
classpath="syscall/target/test-classes:syscall/target/classes:$(cat "$tmp/classpath")"

cc -O2 -Wall -Wextra -o "$tmp/syscall_baseline" bench/syscall_baseline.c -lpthread

c_rounds=21
run_c() { # the C loops, twice: alone, and with an idle second thread as every JVM has
    "$tmp/syscall_baseline" 200000 "$c_rounds" >"$tmp/c-$1.txt" 2>/dev/null
    "$tmp/syscall_baseline" 200000 "$c_rounds" --idle-thread >"$tmp/cmt-$1.txt" 2>/dev/null
}

# The machine may be shared: C and Java take turns (C, a JMH fork, C, a fork, ..., C) so that a busy
# phase hits both alike, instead of all of one and then all of the other.
forks=3
jmh=(-bm avgt -tu ns -foe true -rf csv)
echo "C baseline (cc -O2, $c_rounds rounds of 200000, median) and JMH SyscallBench (1 fork of 3 x 1 s warm-up" \
    "+ 5 x 1 s), in turn, $forks times ..." >&2
for fork in $(seq 1 "$forks"); do
    run_c "$fork"
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" org.openjdk.jmh.Main \
        'dev\.berth\.syscall\.bench\.SyscallBench\.' "${jmh[@]}" -f 1 -wi 3 -w 1s -i 5 -r 1s \
        -rff "$tmp/jmh-$fork.csv" >"$tmp/jmh-$fork.log" 2>&1 || { tail -40 "$tmp/jmh-$fork.log" >&2; exit 1; }
done
run_c last

if [ "$alternatives" = 1 ]; then
    cc -O2 -Wall -Wextra -fPIC -shared -DBERTH_BASELINE_LIBRARY -o "$tmp/libsyscall_baseline.so" \
        bench/syscall_baseline.c
    echo "Interleaved: the parts, the alternatives and the C loops inside the JVM ..." >&2
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" dev.berth.syscall.bench.Interleaved \
        "$tmp/libsyscall_baseline.so" >"$tmp/interleaved.txt"
fi

# berth BENCHMARK: the mean over the forks of JMH's score (ns/op) of SyscallBench.BENCHMARK
berth() {
    cat "$tmp"/jmh-*.csv | awk -F, -v b="$1" '{ gsub(/"/, "") } $1 ~ ("SyscallBench\\." b "$") { s += $5; n++ }
        END { printf "%.1f", s / n }'
}
# spread BENCHMARK: the lowest and highest fork score
spread() {
    cat "$tmp"/jmh-*.csv | awk -F, -v b="$1" '{ gsub(/"/, "") } $1 ~ ("SyscallBench\\." b "$") {
        if (n++ == 0 || $5 < lo) lo = $5; if ($5 > hi) hi = $5 } END { printf "%.0f-%.0f", lo, hi }'
}
# c NAME PREFIX: the median of the medians NAME= of the C runs PREFIX-*.txt
c() {
    cat "$tmp/$2"-*.txt | sed -n "s/^$1=//p" | sort -g | awk '{ v[NR] = $1 }
        END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }

getpid_berth=$(berth getpid)
getpid_raw=$(berth getpidRaw)
read_berth=$(berth read4k)
getpid_c=$(c getpid_libc c)
getpid_c_syscall=$(c getpid_syscall c)
read_c=$(c read4k c)
read_c_mt=$(c read4k cmt)
getpid_ratio=$(ratio "$getpid_berth" "$getpid_c")
read_ratio=$(ratio "$read_berth" "$read_c")
worse=$(awk -v a="$getpid_ratio" -v b="$read_ratio" 'BEGIN { print (a > b ? a : b) }')

row() { printf '%-44s %18s %9s %7s\n' "$@"; }
echo
echo "$(uname -m), $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(nproc) CPUs, load $load"
if [ "$busy" = 1 ]; then
    echo "warning: the machine was busy (load average $load on $(nproc) CPUs); expect noise"
fi
echo "Berth: JMH mean of $forks forks (lowest-highest fork); C: median of $((forks + 1)) runs' medians of $c_rounds rounds"
row "op" "Berth ns/op" "C ns/op" "ratio"
row "getpid: Syscalls.getpid() / getpid()" "$getpid_berth ($(spread getpid))" "$getpid_c" "$getpid_ratio"
row "getpid: Raw.call(nr) / syscall(SYS_getpid)" "$getpid_raw ($(spread getpidRaw))" "$getpid_c_syscall" \
    "$(ratio "$getpid_raw" "$getpid_c_syscall")"
row "read 4 KiB: Fs.read(fd, segment) / read()" "$read_berth ($(spread read4k))" "$read_c" "$read_ratio"
row "  same, C with an idle 2nd thread" "" "$read_c_mt" "$(ratio "$read_berth" "$read_c_mt")"

if [ "$alternatives" = 1 ]; then
    echo
    echo "alternatives, in one JVM (benchmark sources only; Raw is unchanged):"
    sed 's/^/  /' "$tmp/interleaved.txt"
fi

echo
echo "syscall: getpid_berth_ns=$getpid_berth getpid_c_ns=$getpid_c read4k_berth_ns=$read_berth read4k_c_ns=$read_c ratio=$worse"
