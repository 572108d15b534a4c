#!/usr/bin/env bash
# docker run with Berth as docker's runtime vs runc (issue 10), run as root from the repository root:
#   sudo bench/docker.sh           # RUNS=20 hyperfine runs each
# `docker run --rm --network none IMAGE true` with --runtime berth and with --runtime runc, hyperfine in one
# run, on busybox-static in an image of its own (busybox:berth-it, the integration tests' image; built here if
# missing). dockerd's shim calls the runtime four times per container (create, start, delete, delete --force),
# so Berth's start-up counts four times: the second table row pair is one such call (berth/runc state).
# Berth is registered for the run (daemon.json "runtimes" + SIGHUP) as an installed berth would be: the
# launcher on its JDK, never building; daemon.json is put back afterwards. Needs a running dockerd
# (.ci/setup starts one), hyperfine, busybox-static, python3.
# Last line: docker: berth_ms=.. runc_ms=.. ratio=<berth/runc>
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
IMAGE=busybox:berth-it
[ "$(id -u)" = 0 ] || { echo "bench/docker.sh: run as root" >&2; exit 1; }
for tool in docker hyperfine busybox python3; do
    command -v $tool >/dev/null || { echo "bench/docker.sh: needs $tool" >&2; exit 1; }
done
docker version >/dev/null 2>&1 || { echo "bench/docker.sh: no dockerd answers (.ci/setup starts one)" >&2; exit 1; }
dockerd=$(cat /var/run/docker.pid)

tmp=$(mktemp -d)
config=/etc/docker/daemon.json
[ -f "$config" ] && cp -p "$config" "$tmp/daemon.json.orig"
runtimes() { docker info --format '{{json .Runtimes}}'; }
await_runtime() { # await_runtime yes|no
    for _ in $(seq 100); do
        if runtimes | grep -q '"berth"'; then [ "$1" = yes ] && return 0; else [ "$1" = no ] && return 0; fi
        sleep 0.1
    done
    echo "bench/docker.sh: dockerd did not reload $config" >&2; return 1
}
set_runtime() { # set_runtime PATH|"" : daemon.json as it was, with runtimes.berth set or removed
    python3 - "$tmp/daemon.json.orig" "$config" "$1" <<'PY'
import json, os, sys
orig, out, path = sys.argv[1:]
c = json.load(open(orig)) if os.path.exists(orig) and open(orig).read().strip() else {}
rt = c.setdefault("runtimes", {})
rt.pop("berth", None)
if path:
    rt["berth"] = {"path": path}
os.makedirs(os.path.dirname(out), exist_ok=True)
json.dump(c, open(out, "w"), indent=2)
PY
    kill -HUP "$dockerd"
}
restore() {
    set_runtime "" && await_runtime no || true
    if [ -f "$tmp/daemon.json.orig" ]; then cp -p "$tmp/daemon.json.orig" "$config"; else rm -f "$config"; fi
    kill -HUP "$dockerd"
    rm -rf "$tmp"
}
trap restore EXIT

./berth --version >/dev/null # builds Berth and its AOT cache if needed
cat > "$tmp/berth" <<EOF2
#!/bin/sh
JAVA_HOME=$JAVA_HOME BERTH_NO_BUILD=1 exec $PWD/berth "\$@"
EOF2
chmod 755 "$tmp/berth"
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
    mkdir -p "$tmp/image/rootfs/bin" "$tmp/image/rootfs/tmp"
    cp "$(readlink -f "$(command -v busybox)")" "$tmp/image/rootfs/bin/busybox"
    for a in $("$tmp/image/rootfs/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$tmp/image/rootfs/bin/$a"; done
    printf 'FROM scratch\nCOPY rootfs/ /\nCMD ["sh"]\n' > "$tmp/image/Dockerfile"
    docker build -q -t "$IMAGE" "$tmp/image" >/dev/null 2>&1
fi
set_runtime "$tmp/berth"
await_runtime yes

run() { echo "docker run --rm --network none --runtime $1 $IMAGE true"; }
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$tmp/run.json" "$(run berth)" "$(run runc)" > "$tmp/hf.txt" 2>&1 \
    || { cat "$tmp/hf.txt" >&2; exit 1; }
mkdir -p "$tmp/root"
hyperfine -N -i --warmup 3 --runs "$RUNS" --export-json "$tmp/call.json" "$tmp/berth --root $tmp/root state none" \
    "runc --root $tmp/root state none" > "$tmp/hf2.txt" 2>&1 || { cat "$tmp/hf2.txt" >&2; exit 1; }

hf() { python3 -c "import json; r=json.load(open('$tmp/$1.json'))['results'][$2]; print('%.1f' % (r['$3']*1e3))"; }
berth=$(hf run 0 median); runc=$(hf run 1 median)
printf '%-58s %10s %10s\n' case median_ms mean_ms
printf '%-58s %10s %10s\n' "docker run --rm --network none --runtime berth ... true" "$berth" "$(hf run 0 mean)"
printf '%-58s %10s %10s\n' "docker run --rm --network none --runtime runc ... true" "$runc" "$(hf run 1 mean)"
printf '%-58s %10s %10s\n' "one runtime call: berth state (launcher, AOT cache)" "$(hf call 0 median)" "$(hf call 0 mean)"
printf '%-58s %10s %10s\n' "one runtime call: runc state" "$(hf call 1 median)" "$(hf call 1 mean)"
echo "docker: berth_ms=$berth runc_ms=$runc ratio=$(python3 -c "print('%.2f' % ($berth / $runc))")"
