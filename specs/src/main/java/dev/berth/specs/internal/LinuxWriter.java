package dev.berth.specs.internal;

import dev.berth.specs.Linux;
import dev.berth.specs.Linux.Device;
import dev.berth.specs.Resources;
import dev.berth.specs.Resources.BlockIo;
import dev.berth.specs.Resources.ThrottleDevice;
import dev.berth.specs.Seccomp;
import dev.berth.specs.Seccomp.Syscall;
import java.io.IOException;

/** Writes {@code linux} with its resources and seccomp filter, in the Go types' field order. */
public final class LinuxWriter {
    private LinuxWriter() {}

    public static void linux(JsonOut out, Linux l) throws IOException {
        out.startObject();
        out.list("uidMappings", l.uidMappings(), SpecWriters::idMapping);
        out.list("gidMappings", l.gidMappings(), SpecWriters::idMapping);
        out.stringMap("sysctl", l.sysctl());
        out.object("resources", l.resources(), LinuxWriter::resources);
        out.string("cgroupsPath", l.cgroupsPath());
        out.list("namespaces", l.namespaces(), (o, ns) -> {
            o.startObject();
            o.requiredString("type", ns.type());
            o.string("path", ns.path());
            o.endObject();
        });
        out.list("devices", l.devices(), LinuxWriter::device);
        out.map("netDevices", l.netDevices(), (o, d) -> {
            o.startObject();
            o.string("name", d.name());
            o.endObject();
        });
        out.object("seccomp", l.seccomp(), LinuxWriter::seccomp);
        out.string("rootfsPropagation", l.rootfsPropagation());
        out.strings("maskedPaths", l.maskedPaths());
        out.strings("readonlyPaths", l.readonlyPaths());
        out.string("mountLabel", l.mountLabel());
        out.object("intelRdt", l.intelRdt(), (o, r) -> {
            o.startObject();
            o.string("closID", r.closId());
            o.strings("schemata", r.schemata());
            o.string("l3CacheSchema", r.l3CacheSchema());
            o.string("memBwSchema", r.memBwSchema());
            o.flag("enableMonitoring", r.enableMonitoring());
            o.endObject();
        });
        out.object("personality", l.personality(), (o, p) -> {
            o.startObject();
            o.string("domain", p.domain());
            o.strings("flags", p.flags());
            o.endObject();
        });
        out.map("timeOffsets", l.timeOffsets(), (o, t) -> {
            o.startObject();
            o.numberNonZero("secs", t.secs());
            o.numberNonZero("nanosecs", t.nanosecs());
            o.endObject();
        });
        out.object("memoryPolicy", l.memoryPolicy(), (o, m) -> {
            o.startObject();
            o.string("mode", m.mode());
            o.string("nodes", m.nodes());
            o.strings("flags", m.flags());
            o.endObject();
        });
        out.endObject();
    }

    private static void device(JsonOut out, Device d) throws IOException {
        out.startObject();
        out.requiredString("path", d.path());
        out.requiredString("type", d.type());
        out.number("major", d.major());
        out.number("minor", d.minor());
        out.number("fileMode", d.fileMode());
        out.number("uid", d.uid());
        out.number("gid", d.gid());
        out.endObject();
    }

    public static void resources(JsonOut out, Resources r) throws IOException {
        out.startObject();
        out.list("devices", r.devices(), (o, d) -> {
            o.startObject();
            o.gen().writeBooleanField("allow", d.allow());
            o.string("type", d.type());
            o.number("major", d.major());
            o.number("minor", d.minor());
            o.string("access", d.access());
            o.endObject();
        });
        out.object("memory", r.memory(), (o, m) -> {
            o.startObject();
            o.number("limit", m.limit());
            o.number("reservation", m.reservation());
            o.number("swap", m.swap());
            o.number("kernel", m.kernel());
            o.number("kernelTCP", m.kernelTcp());
            o.unsigned("swappiness", m.swappiness());
            o.bool("disableOOMKiller", m.disableOomKiller());
            o.bool("useHierarchy", m.useHierarchy());
            o.bool("checkBeforeUpdate", m.checkBeforeUpdate());
            o.endObject();
        });
        out.object("cpu", r.cpu(), (o, c) -> {
            o.startObject();
            o.unsigned("shares", c.shares());
            o.number("quota", c.quota());
            o.unsigned("burst", c.burst());
            o.unsigned("period", c.period());
            o.number("realtimeRuntime", c.realtimeRuntime());
            o.unsigned("realtimePeriod", c.realtimePeriod());
            o.string("cpus", c.cpus());
            o.string("mems", c.mems());
            o.number("idle", c.idle());
            o.endObject();
        });
        out.object("pids", r.pids(), (o, p) -> {
            o.startObject();
            o.number("limit", p.limit());
            o.endObject();
        });
        out.object("blockIO", r.blockIo(), LinuxWriter::blockIo);
        out.list("hugepageLimits", r.hugepageLimits(), (o, h) -> {
            o.startObject();
            o.requiredString("pageSize", h.pageSize());
            o.requiredUnsigned("limit", h.limit());
            o.endObject();
        });
        out.object("network", r.network(), (o, n) -> {
            o.startObject();
            o.number("classID", n.classId());
            o.list("priorities", n.priorities(), (o2, p) -> {
                o2.startObject();
                o2.requiredString("name", p.name());
                o2.requiredNumber("priority", p.priority());
                o2.endObject();
            });
            o.endObject();
        });
        out.map("rdma", r.rdma(), (o, d) -> {
            o.startObject();
            o.number("hcaHandles", d.hcaHandles());
            o.number("hcaObjects", d.hcaObjects());
            o.endObject();
        });
        out.stringMap("unified", r.unified());
        out.endObject();
    }

    private static void blockIo(JsonOut out, BlockIo b) throws IOException {
        out.startObject();
        out.number("weight", b.weight());
        out.number("leafWeight", b.leafWeight());
        out.list("weightDevice", b.weightDevice(), (o, w) -> {
            o.startObject();
            o.requiredNumber("major", w.major());
            o.requiredNumber("minor", w.minor());
            o.number("weight", w.weight());
            o.number("leafWeight", w.leafWeight());
            o.endObject();
        });
        out.list("throttleReadBpsDevice", b.throttleReadBpsDevice(), LinuxWriter::throttle);
        out.list("throttleWriteBpsDevice", b.throttleWriteBpsDevice(), LinuxWriter::throttle);
        out.list("throttleReadIOPSDevice", b.throttleReadIopsDevice(), LinuxWriter::throttle);
        out.list("throttleWriteIOPSDevice", b.throttleWriteIopsDevice(), LinuxWriter::throttle);
        out.endObject();
    }

    private static void throttle(JsonOut out, ThrottleDevice t) throws IOException {
        out.startObject();
        out.requiredNumber("major", t.major());
        out.requiredNumber("minor", t.minor());
        out.requiredUnsigned("rate", t.rate());
        out.endObject();
    }

    private static void seccomp(JsonOut out, Seccomp s) throws IOException {
        out.startObject();
        out.requiredString("defaultAction", s.defaultAction());
        out.number("defaultErrnoRet", s.defaultErrnoRet());
        out.strings("architectures", s.architectures());
        out.strings("flags", s.flags());
        out.string("listenerPath", s.listenerPath());
        out.string("listenerMetadata", s.listenerMetadata());
        out.list("syscalls", s.syscalls(), LinuxWriter::syscall);
        out.endObject();
    }

    private static void syscall(JsonOut out, Syscall s) throws IOException {
        out.startObject();
        out.requiredStrings("names", s.names());
        out.requiredString("action", s.action());
        out.number("errnoRet", s.errnoRet());
        out.list("args", s.args(), (o, a) -> {
            o.startObject();
            o.requiredNumber("index", a.index());
            o.requiredUnsigned("value", a.value());
            o.unsignedNonZero("valueTwo", a.valueTwo());
            o.requiredString("op", a.op());
            o.endObject();
        });
        out.endObject();
    }
}
