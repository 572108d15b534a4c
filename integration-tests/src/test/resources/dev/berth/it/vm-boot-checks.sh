# The payload of VmBootIT: runs as `berth init`'s child inside the test VM (busybox sh), prints one line
# per check ("check NAME: ok" or "check NAME: FAIL why"), a few "info" lines, a verdict, and exits with
# the code it was given. The test reads all of it from the serial console.
# usage: sh vm-boot-checks.sh HOSTNAME DEVICE ADDRESS/PREFIX GATEWAY DNS EXIT_CODE
hostname_want=$1 dev=$2 cidr=$3 gw=$4 dns=$5 code=$6
echo "info payload_uptime_s=$(cut -d' ' -f1 /proc/uptime)"
passed=0 failed=0
check() { # check NAME COMMAND [ARGS...]
    name=$1; shift
    if out=$("$@" 2>&1); then
        passed=$((passed + 1)); echo "check $name: ok"
    else
        failed=$((failed + 1)); echo "check $name: FAIL $(echo "$out" | tr '\n' ' ')"
    fi
}
equals() { [ "$1" = "$2" ] || { echo "got '$1', want '$2'"; return 1; }; }
mounted() { # mounted TARGET TYPE
    grep -q "^[^ ]* $1 $2 " /proc/mounts || { echo "$1 is not a $2 mount:"; grep " $1 " /proc/mounts; return 1; }
}
has() { # has PATTERN COMMAND...: COMMAND's output has a line matching PATTERN
    pattern=$1; shift
    text=$("$@" 2>&1); echo "$text" | grep -q -- "$pattern" || { echo "no '$pattern' in: $text"; return 1; }
}
field() { sed -n "s/^$2:[[:space:]]*//p" "$1"; } # field FILE NAME: a "Name: value" line of /proc/PID/status

for m in "/proc proc" "/sys sysfs" "/dev devtmpfs" "/dev/pts devpts" "/dev/shm tmpfs" "/run tmpfs" "/tmp tmpfs" \
        "/sys/fs/cgroup cgroup2"; do
    set -- $m
    check "mount $1 $2" mounted "$1" "$2"
done
check "hostname" equals "$(hostname)" "$hostname_want"
check "$dev address $cidr" has "inet $cidr " ip addr show dev "$dev"
check "$dev up" has "<.*UP.*>" ip link show dev "$dev"
check "default route via $gw" has "^default via $gw dev $dev" ip route
check "resolv.conf nameserver $dns" has "^nameserver $dns\$" cat /etc/resolv.conf
check "lo up" has "<LOOPBACK,UP" ip link show dev lo
check "lo 127.0.0.1/8" has "inet 127.0.0.1/8" ip addr show dev lo
check "pid 1 is java" equals "$(cat /proc/1/comm)" java
check "pid 1 runs berth init" has "dev.berth.runtime.*init" tr '\0' ' ' < /proc/1/cmdline
check "payload's parent is pid 1" equals "$(field /proc/$$/status PPid)" 1

# Zombie reaping: the subshell exits at once, so its sleeps are orphans re-parented to PID 1, which must
# reap them when they end (a zombie keeps /proc/PID with State Z).
reaping() {
    ( for i in 1 2 3 4 5; do sleep 1 & done; echo $! > /tmp/orphan )
    orphan=$(cat /tmp/orphan)
    parent=$(field /proc/$orphan/status PPid)
    [ "$parent" = 1 ] || { echo "orphan $orphan has parent '$parent', not 1"; return 1; }
    sleep 3
    zombies=$(grep -l '^State:[[:space:]]*Z' /proc/[0-9]*/status 2>/dev/null)
    [ -z "$zombies" ] || { echo "zombies left: $zombies"; return 1; }
    [ ! -e /proc/$orphan ] || { echo "orphan $orphan still there: $(field /proc/$orphan/status State)"; return 1; }
}
check "orphans reaped, no zombies" reaping

echo "info pid1_rss_kb=$(field /proc/1/status VmRSS | sed 's/ kB//')"
total=$((passed + failed))
if [ "$failed" = 0 ]; then echo "payload verdict: ok ($total checks)"; else echo "payload verdict: FAILED ($failed of $total checks)"; fi
exit "$code"
