package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Resources;
import dev.berth.specs.Resources.BlockIo;
import dev.berth.specs.Resources.Cpu;
import dev.berth.specs.Resources.DeviceRule;
import dev.berth.specs.Resources.Memory;
import dev.berth.specs.Resources.ThrottleDevice;
import dev.berth.specs.Resources.WeightDevice;
import dev.berth.specs.internal.Syntax;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * config-linux.md "Control groups": the MUST rules (burst, weightDevice, rdma) and the kernel's ranges
 * that a cgroup write would otherwise reject or silently clamp. Zero is "not set" wherever docker sends it
 * so ({@code shares}, {@code quota}, {@code period}, {@code weight}).
 */
final class ResourcesCheck {
    private static final Pattern PAGE_SIZE = Pattern.compile("[1-9][0-9]*[KMG]B");
    private static final Pattern CGROUP_FILE = Pattern.compile("[a-z0-9_]+\\.[A-Za-z0-9_.\\-]+");

    private ResourcesCheck() {}

    /** Checks {@code r}, whose JSON path is {@code base} ({@code linux.resources}, or empty for update's input). */
    static void check(Resources r, String base, Violations out) {
        deviceRules(r.devices(), field(base, "devices"), out);
        if (r.memory() != null) {
            memory(r.memory(), field(base, "memory"), out);
        }
        if (r.cpu() != null) {
            cpu(r.cpu(), field(base, "cpu"), out);
        }
        if (r.pids() != null && r.pids().limit() != null && r.pids().limit() < -1) {
            out.add(field(field(base, "pids"), "limit"), "must be -1 (no limit) or at least 0, got " + r.pids().limit());
        }
        if (r.blockIo() != null) {
            blockIo(r.blockIo(), field(base, "blockIO"), out);
        }
        Set<String> sizes = new HashSet<>();
        for (int i = 0; i < r.hugepageLimits().size(); i++) {
            String size = r.hugepageLimits().get(i).pageSize();
            String at = field(index(field(base, "hugepageLimits"), i), "pageSize");
            if (!PAGE_SIZE.matcher(size).matches()) {
                out.add(at, quote(size) + " is not a page size such as 64KB, 2MB or 1GB");
            } else if (!sizes.add(size)) {
                out.add(at, "duplicate page size " + quote(size));
            }
        }
        if (r.network() != null) {
            for (int i = 0; i < r.network().priorities().size(); i++) {
                String name = r.network().priorities().get(i).name();
                if (!Syntax.isInterfaceName(name)) {
                    out.add(field(index(field(field(base, "network"), "priorities"), i), "name"), Syntax.interfaceNameProblem(name));
                }
            }
        }
        for (Map.Entry<String, Resources.Rdma> e : r.rdma().entrySet()) {
            if (e.getValue().hcaHandles() == null && e.getValue().hcaObjects() == null) {
                out.add(field(field(base, "rdma"), e.getKey()), "needs hcaHandles or hcaObjects");
            }
        }
        for (Map.Entry<String, String> e : r.unified().entrySet()) {
            String at = field(field(base, "unified"), e.getKey());
            if (!CGROUP_FILE.matcher(e.getKey()).matches() || e.getKey().contains("..")) {
                out.add(at, "is not a cgroup file name such as memory.max");
            }
            out.nul(at, e.getValue());
        }
    }

    private static void deviceRules(List<DeviceRule> rules, String path, Violations out) {
        for (int i = 0; i < rules.size(); i++) {
            DeviceRule d = rules.get(i);
            String at = index(path, i);
            if (d.type() != null && !d.type().isEmpty() && !KnownNames.DEVICE_RULE_TYPES.contains(d.type())) {
                out.add(field(at, "type"), "unknown device type " + quote(d.type()) + " (expected a, c or b)");
            }
            // -1 is how runc (and some clients) spell the wildcard
            if (d.major() != null && d.major() < -1) {
                out.add(field(at, "major"), "must not be negative");
            }
            if (d.minor() != null && d.minor() < -1) {
                out.add(field(at, "minor"), "must not be negative");
            }
            if (d.access() != null) {
                Set<Character> seen = new HashSet<>();
                for (char c : d.access().toCharArray()) {
                    if ("rwm".indexOf(c) < 0 || !seen.add(c)) {
                        out.add(field(at, "access"), quote(d.access()) + " is not a combination of r, w and m");
                        break;
                    }
                }
            }
        }
    }

    private static void memory(Memory m, String path, Violations out) {
        bytes(field(path, "limit"), m.limit(), out);
        bytes(field(path, "reservation"), m.reservation(), out);
        bytes(field(path, "swap"), m.swap(), out);
        bytes(field(path, "kernel"), m.kernel(), out);
        bytes(field(path, "kernelTCP"), m.kernelTcp(), out);
        if (m.limit() != null && m.swap() != null && m.limit() > 0 && m.swap() > 0 && m.swap() < m.limit()) {
            out.add(field(path, "swap"), "memory+swap limit " + m.swap() + " is below the memory limit " + m.limit());
        }
        // all ones is Go's uint64(-1), which runc takes as "leave swappiness alone"
        if (m.swappiness() != null && Long.compareUnsigned(m.swappiness(), 100) > 0 && m.swappiness() != -1L) {
            out.add(field(path, "swappiness"), "must be 0 to 100, got " + Long.toUnsignedString(m.swappiness()));
        }
    }

    private static void bytes(String path, Long value, Violations out) {
        if (value != null && value < -1) {
            out.add(path, "must be -1 (unlimited) or a number of bytes, got " + value);
        }
    }

    private static void cpu(Cpu c, String path, Violations out) {
        if (c.shares() != null && c.shares() != 0 && (c.shares() < 2 || c.shares() > 262144)) {
            out.add(field(path, "shares"), "must be 2 to 262144, or 0 for the default, got " + Long.toUnsignedString(c.shares()));
        }
        if (c.quota() != null && c.quota() != 0 && c.quota() != -1 && c.quota() < 1000) {
            out.add(field(path, "quota"), "must be -1 (unlimited) or at least 1000 microseconds, got " + c.quota());
        }
        if (c.period() != null && c.period() != 0 && (c.period() < 1000 || c.period() > 1_000_000)) {
            out.add(field(path, "period"), "must be 1000 to 1000000 microseconds, got " + Long.toUnsignedString(c.period()));
        }
        if (c.burst() != null && c.quota() != null && c.quota() > 0 && Long.compareUnsigned(c.burst(), c.quota()) > 0) {
            out.add(field(path, "burst"), "must not exceed quota " + c.quota() + ", got " + Long.toUnsignedString(c.burst()));
        }
        if (c.realtimeRuntime() != null && c.realtimeRuntime() < -1) {
            out.add(field(path, "realtimeRuntime"), "must be -1 (unlimited) or at least 0, got " + c.realtimeRuntime());
        }
        if (c.realtimeRuntime() != null && c.realtimePeriod() != null && c.realtimeRuntime() > 0 && c.realtimePeriod() != 0
                && Long.compareUnsigned(c.realtimeRuntime(), c.realtimePeriod()) > 0) {
            out.add(field(path, "realtimeRuntime"), "must not exceed realtimePeriod " + Long.toUnsignedString(c.realtimePeriod()));
        }
        ProcessCheck.cpuList(field(path, "cpus"), c.cpus(), out);
        ProcessCheck.cpuList(field(path, "mems"), c.mems(), out);
        if (c.idle() != null && c.idle() != 0 && c.idle() != 1) {
            out.add(field(path, "idle"), "must be 0 or 1, got " + c.idle());
        }
    }

    private static void blockIo(BlockIo b, String path, Violations out) {
        weight(field(path, "weight"), b.weight(), out);
        weight(field(path, "leafWeight"), b.leafWeight(), out);
        for (int i = 0; i < b.weightDevice().size(); i++) {
            WeightDevice w = b.weightDevice().get(i);
            String at = index(field(path, "weightDevice"), i);
            if (w.weight() == null && w.leafWeight() == null) {
                out.add(at, "needs weight or leafWeight");
            }
            weight(field(at, "weight"), w.weight(), out);
            weight(field(at, "leafWeight"), w.leafWeight(), out);
            device(at, w.major(), w.minor(), out);
        }
        throttles(field(path, "throttleReadBpsDevice"), b.throttleReadBpsDevice(), out);
        throttles(field(path, "throttleWriteBpsDevice"), b.throttleWriteBpsDevice(), out);
        throttles(field(path, "throttleReadIOPSDevice"), b.throttleReadIopsDevice(), out);
        throttles(field(path, "throttleWriteIOPSDevice"), b.throttleWriteIopsDevice(), out);
    }

    private static void weight(String path, Integer weight, Violations out) {
        if (weight != null && weight != 0 && (weight < 10 || weight > 1000)) {
            out.add(path, "must be 10 to 1000, or 0 for the default, got " + weight);
        }
    }

    private static void throttles(String path, List<ThrottleDevice> devices, Violations out) {
        for (int i = 0; i < devices.size(); i++) {
            device(index(path, i), devices.get(i).major(), devices.get(i).minor(), out);
        }
    }

    private static void device(String path, long major, long minor, Violations out) {
        if (major < 0) {
            out.add(field(path, "major"), "must not be negative");
        }
        if (minor < 0) {
            out.add(field(path, "minor"), "must not be negative");
        }
    }
}
