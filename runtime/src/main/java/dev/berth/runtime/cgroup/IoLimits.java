package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import java.util.List;

/**
 * {@code linux.resources.blockIO}. v1 blkio (blkio-controller.rst): {@code blkio.weight} or, under the
 * bfq scheduler, {@code blkio.bfq.weight}; {@code blkio.leaf_weight}; {@code blkio[.bfq].weight_device};
 * {@code blkio.throttle.{read,write}_{bps,iops}_device}. v2 io: {@code io.bfq.weight} (same 1-1000
 * scale) or {@code io.weight} (converted to 1-10000), and {@code io.max} ({@code rbps wbps riops wiops}).
 */
final class IoLimits {
    private static final String FIELD = "linux.resources.blockIO";

    private IoLimits() {}

    static boolean isSet(Resources.BlockIo b) {
        return b != null && (nz(b.weight()) || nz(b.leafWeight()) || !b.weightDevice().isEmpty()
                || !b.throttleReadBpsDevice().isEmpty() || !b.throttleWriteBpsDevice().isEmpty()
                || !b.throttleReadIopsDevice().isEmpty() || !b.throttleWriteIopsDevice().isEmpty());
    }

    /** {@code blkio} when a v1 hierarchy has it, else {@code io} (v2). */
    static String controller(Target t) {
        Hierarchy h = t.hierarchy("blkio");
        return h != null && !h.unified() ? "blkio" : "io";
    }

    static void check(Resources.BlockIo b, Target t) throws CgroupException {
        if (isSet(b)) {
            t.require(controller(t), FIELD);
        }
    }

    static void apply(Resources.BlockIo b, Target t) throws CgroupException {
        if (!isSet(b)) {
            return;
        }
        String ctrl = controller(t);
        String dir = t.dir(ctrl, FIELD);
        if (ctrl.equals("io")) {
            applyV2(b, t, dir);
        } else {
            applyV1(b, t, dir);
        }
    }

    private static void applyV1(Resources.BlockIo b, Target t, String dir) throws CgroupException {
        // Under bfq the cfq files are gone and blkio.bfq.* take the same values.
        String weightFile = t.exists(dir, "blkio.weight") ? "blkio.weight" : "blkio.bfq.weight";
        String deviceFile = t.exists(dir, "blkio.weight_device") ? "blkio.weight_device" : "blkio.bfq.weight_device";
        if (nz(b.weight())) {
            t.write(dir, weightFile, Integer.toString(b.weight()), FIELD + ".weight");
        }
        if (nz(b.leafWeight())) {
            t.write(dir, "blkio.leaf_weight", Integer.toString(b.leafWeight()), FIELD + ".leafWeight");
        }
        for (Resources.WeightDevice d : b.weightDevice()) {
            if (d.weight() != null) {
                t.write(dir, deviceFile, dev(d.major(), d.minor()) + " " + d.weight(), FIELD + ".weightDevice");
            }
            if (d.leafWeight() != null) {
                t.write(dir, "blkio.leaf_weight_device", dev(d.major(), d.minor()) + " " + d.leafWeight(),
                        FIELD + ".weightDevice.leafWeight");
            }
        }
        throttleV1(t, dir, "blkio.throttle.read_bps_device", b.throttleReadBpsDevice(), ".throttleReadBpsDevice");
        throttleV1(t, dir, "blkio.throttle.write_bps_device", b.throttleWriteBpsDevice(), ".throttleWriteBpsDevice");
        throttleV1(t, dir, "blkio.throttle.read_iops_device", b.throttleReadIopsDevice(), ".throttleReadIOPSDevice");
        throttleV1(t, dir, "blkio.throttle.write_iops_device", b.throttleWriteIopsDevice(),
                ".throttleWriteIOPSDevice");
    }

    private static void throttleV1(Target t, String dir, String file, List<Resources.ThrottleDevice> devices,
            String field) throws CgroupException {
        for (Resources.ThrottleDevice d : devices) {
            t.write(dir, file, dev(d.major(), d.minor()) + " " + Long.toUnsignedString(d.rate()), FIELD + field);
        }
    }

    private static void applyV2(Resources.BlockIo b, Target t, String dir) throws CgroupException {
        boolean bfq = t.exists(dir, "io.bfq.weight");
        if (nz(b.weight())) {
            if (bfq) {
                t.write(dir, "io.bfq.weight", Integer.toString(b.weight()), FIELD + ".weight");
            } else {
                t.write(dir, "io.weight", "default " + Convert.blkioWeightToIoWeight(b.weight()), FIELD + ".weight");
            }
        }
        if (nz(b.leafWeight())) {
            t.warn(FIELD + ".leafWeight " + b.leafWeight() + " ignored: cgroup v2 has no leaf weight (" + dir + ")");
        }
        for (Resources.WeightDevice d : b.weightDevice()) {
            if (d.weight() != null) {
                String value = bfq ? Integer.toString(d.weight()) : Long.toString(Convert.blkioWeightToIoWeight(
                        d.weight()));
                t.write(dir, bfq ? "io.bfq.weight" : "io.weight", dev(d.major(), d.minor()) + " " + value,
                        FIELD + ".weightDevice");
            }
            if (d.leafWeight() != null) {
                t.warn(FIELD + ".weightDevice.leafWeight ignored: cgroup v2 has no leaf weight (" + dir + ")");
            }
        }
        throttleV2(t, dir, "rbps", b.throttleReadBpsDevice(), ".throttleReadBpsDevice");
        throttleV2(t, dir, "wbps", b.throttleWriteBpsDevice(), ".throttleWriteBpsDevice");
        throttleV2(t, dir, "riops", b.throttleReadIopsDevice(), ".throttleReadIOPSDevice");
        throttleV2(t, dir, "wiops", b.throttleWriteIopsDevice(), ".throttleWriteIOPSDevice");
    }

    /** A rate of 0 removes the limit on v1; on v2 that is {@code max}. */
    private static void throttleV2(Target t, String dir, String key, List<Resources.ThrottleDevice> devices,
            String field) throws CgroupException {
        for (Resources.ThrottleDevice d : devices) {
            String rate = d.rate() == 0 ? "max" : Long.toUnsignedString(d.rate());
            t.write(dir, "io.max", dev(d.major(), d.minor()) + " " + key + "=" + rate, FIELD + field);
        }
    }

    private static String dev(long major, long minor) {
        return major + ":" + minor;
    }

    private static boolean nz(Integer v) {
        return v != null && v != 0;
    }
}
