#!/bin/sh
# berth in Berth's container image (the repository's Dockerfile): the jlinked Java runtime with the JVM
# options of the repository's launcher (./berth), which needs bash; this image has busybox sh. Filled in by
# dev.berth.it.docker.ImageContext. exec, never fork: the pid a client or a signal targets (PID 1, as the
# image's entrypoint) must be Berth's own.
java_home=@JAVA_HOME@
verb=
skip=
for a in "$@"; do
    if [ -n "$skip" ]; then skip=; continue; fi
    case $a in
        --root|--log|--log-format|--criu) skip=1 ;;
        -*) ;;
        *) verb=$a; break ;;
    esac
done
# berth init stays resident (PID 1): interpreted and with a tiny young generation it idles under 40 MB RSS
# (bench/init.sh); the other verbs are short runs that want the JIT.
init=
[ "$verb" = init ] && init="-Xint -Xmn1m -Xmx32m -XX:TrimNativeHeapInterval=1000"
# The AOT cache was trained with the options before it; JVM warnings go to stderr (stdout carries JSON).
# shellcheck disable=SC2086
exec "$java_home/bin/java" @JVM_OPTIONS@ -XX:AOTCache="$java_home/@AOT_CACHE@" -Xlog:disable -Xlog:all=warning:stderr \
    $init ${BERTH_JAVA_OPTS:-} -m @MAIN@ "$@"
