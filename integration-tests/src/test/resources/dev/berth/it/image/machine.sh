# The payload of the Berth container the feature tests run berth in (dev.berth.it.image.BerthMachine),
# under the image's own entrypoint (berth init). Docker mounts /sys and the cgroup hierarchies read-only
# even with every capability; Berth creates cgroups and mounts sysfs, so they are made writable here, for
# this container's mounts only (a bind remount changes the mount's flags, not the file system's).
set -e
mount -o remount,bind,rw /sys
# docker's masks over /proc and /sys/firmware leave neither "fully visible", and the kernel lets a new user
# namespace mount proc or sysfs only where they are: take the masks off (Berth puts its own on its
# containers).
for m in $(awk '$2 ~ "^/proc/" || $2 == "/sys/firmware" { print $2 }' /proc/self/mounts | sort -r); do
    umount "$m"
done
for d in /sys/fs/cgroup/*; do
    if grep -q " $d " /proc/self/mounts; then mount -o remount,bind,rw "$d"; fi
done
# The root file system every bundle copies: busybox with its applets, and users for process.user tests.
r=/bundles/.rootfs
mkdir -p $r/bin $r/etc $r/proc $r/sys $r/dev $r/tmp $r/root $r/home/alice
cp /bin/busybox $r/bin/busybox
/bin/busybox --install -s $r/bin
printf '%s\n' root:x:0:0:root:/root:/bin/sh alice:x:1000:1000:Alice:/home/alice:/bin/sh \
    nobody:x:65534:65534:nobody:/nonexistent:/bin/false > $r/etc/passwd
printf '%s\n' root:x:0: users:x:100:alice alice:x:1000: nogroup:x:65534: > $r/etc/group
echo "berth-machine: ready"
exec sleep 2147483647
