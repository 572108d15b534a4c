package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.Resources;
import dev.berth.specs.Resources.BlockIo;
import dev.berth.specs.Resources.Cpu;
import dev.berth.specs.Resources.DeviceRule;
import dev.berth.specs.Resources.HugepageLimit;
import dev.berth.specs.Resources.InterfacePriority;
import dev.berth.specs.Resources.Memory;
import dev.berth.specs.Resources.Network;
import dev.berth.specs.Resources.Pids;
import dev.berth.specs.Resources.Rdma;
import dev.berth.specs.Resources.ThrottleDevice;
import dev.berth.specs.Resources.WeightDevice;
import dev.berth.specs.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code linux.resources}, which is also the whole input of {@code update --resources}. */
public final class ResourcesReader {
    private ResourcesReader() {}

    public static Resources read(JsonIn in) throws SpecException {
        in.expectObject();
        List<DeviceRule> devices = null;
        Memory memory = null;
        Cpu cpu = null;
        Pids pids = null;
        BlockIo blockIo = null;
        List<HugepageLimit> hugepageLimits = null;
        Network network = null;
        Map<String, Rdma> rdma = null;
        Map<String, String> unified = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "devices" -> {
                    devices = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        devices.add(deviceRule(in));
                    }
                }
                case "memory" -> memory = memory(in);
                case "cpu" -> cpu = cpu(in);
                case "pids" -> pids = pids(in);
                case "blockIO" -> blockIo = blockIo(in);
                case "hugepageLimits" -> {
                    hugepageLimits = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        hugepageLimits.add(hugepageLimit(in));
                    }
                }
                case "network" -> network = network(in);
                case "rdma" -> {
                    rdma = new LinkedHashMap<>();
                    in.expectObject();
                    for (String key; (key = in.nextEntry()) != null; ) {
                        rdma.put(key, rdma(in));
                    }
                }
                case "unified" -> unified = in.stringMap();
                default -> in.skip();
            }
        }
        return new Resources(devices, memory, cpu, pids, blockIo, hugepageLimits, network, rdma, unified);
    }

    private static DeviceRule deviceRule(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        Boolean allow = null;
        String type = null;
        Long major = null;
        Long minor = null;
        String access = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "allow" -> allow = in.bool();
                case "type" -> type = in.string();
                case "major" -> major = in.int64();
                case "minor" -> minor = in.int64();
                case "access" -> access = in.string();
                default -> in.skip();
            }
        }
        if (allow == null) {
            throw in.missing(start, "allow");
        }
        return new DeviceRule(allow, type, major, minor, access);
    }

    private static Memory memory(JsonIn in) throws SpecException {
        in.expectObject();
        Long limit = null;
        Long reservation = null;
        Long swap = null;
        Long kernel = null;
        Long kernelTcp = null;
        Long swappiness = null;
        Boolean disableOomKiller = null;
        Boolean useHierarchy = null;
        Boolean checkBeforeUpdate = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "limit" -> limit = in.int64();
                case "reservation" -> reservation = in.int64();
                case "swap" -> swap = in.int64();
                case "kernel" -> kernel = in.int64();
                case "kernelTCP" -> kernelTcp = in.int64();
                case "swappiness" -> swappiness = in.uint64();
                case "disableOOMKiller" -> disableOomKiller = in.bool();
                case "useHierarchy" -> useHierarchy = in.bool();
                case "checkBeforeUpdate" -> checkBeforeUpdate = in.bool();
                default -> in.skip();
            }
        }
        return new Memory(limit, reservation, swap, kernel, kernelTcp, swappiness, disableOomKiller, useHierarchy,
                checkBeforeUpdate);
    }

    private static Cpu cpu(JsonIn in) throws SpecException {
        in.expectObject();
        Long shares = null;
        Long quota = null;
        Long burst = null;
        Long period = null;
        Long realtimeRuntime = null;
        Long realtimePeriod = null;
        String cpus = null;
        String mems = null;
        Long idle = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "shares" -> shares = in.uint64();
                case "quota" -> quota = in.int64();
                case "burst" -> burst = in.uint64();
                case "period" -> period = in.uint64();
                case "realtimeRuntime" -> realtimeRuntime = in.int64();
                case "realtimePeriod" -> realtimePeriod = in.uint64();
                case "cpus" -> cpus = in.string();
                case "mems" -> mems = in.string();
                case "idle" -> idle = in.int64();
                default -> in.skip();
            }
        }
        return new Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }

    private static Pids pids(JsonIn in) throws SpecException {
        in.expectObject();
        Long limit = null;
        for (String f; (f = in.nextField()) != null; ) {
            if (f.equals("limit")) {
                limit = in.int64();
            } else {
                in.skip();
            }
        }
        return new Pids(limit);
    }

    private static BlockIo blockIo(JsonIn in) throws SpecException {
        in.expectObject();
        Integer weight = null;
        Integer leafWeight = null;
        List<WeightDevice> weightDevice = null;
        List<ThrottleDevice> readBps = null;
        List<ThrottleDevice> writeBps = null;
        List<ThrottleDevice> readIops = null;
        List<ThrottleDevice> writeIops = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "weight" -> weight = in.uint16();
                case "leafWeight" -> leafWeight = in.uint16();
                case "weightDevice" -> {
                    weightDevice = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        weightDevice.add(weightDevice(in));
                    }
                }
                case "throttleReadBpsDevice" -> {
                    readBps = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        readBps.add(throttleDevice(in));
                    }
                }
                case "throttleWriteBpsDevice" -> {
                    writeBps = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        writeBps.add(throttleDevice(in));
                    }
                }
                case "throttleReadIOPSDevice" -> {
                    readIops = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        readIops.add(throttleDevice(in));
                    }
                }
                case "throttleWriteIOPSDevice" -> {
                    writeIops = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        writeIops.add(throttleDevice(in));
                    }
                }
                default -> in.skip();
            }
        }
        return new BlockIo(weight, leafWeight, weightDevice, readBps, writeBps, readIops, writeIops);
    }

    private static WeightDevice weightDevice(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        Long major = null;
        Long minor = null;
        Integer weight = null;
        Integer leafWeight = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "major" -> major = in.int64();
                case "minor" -> minor = in.int64();
                case "weight" -> weight = in.uint16();
                case "leafWeight" -> leafWeight = in.uint16();
                default -> in.skip();
            }
        }
        requireDevice(in, start, major, minor);
        return new WeightDevice(major, minor, weight, leafWeight);
    }

    private static ThrottleDevice throttleDevice(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        Long major = null;
        Long minor = null;
        long rate = 0;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "major" -> major = in.int64();
                case "minor" -> minor = in.int64();
                case "rate" -> rate = in.uint64();
                default -> in.skip();
            }
        }
        requireDevice(in, start, major, minor);
        return new ThrottleDevice(major, minor, rate);
    }

    private static void requireDevice(JsonIn in, JsonLocation start, Long major, Long minor) throws SpecException {
        if (major == null) {
            throw in.missing(start, "major");
        }
        if (minor == null) {
            throw in.missing(start, "minor");
        }
    }

    private static HugepageLimit hugepageLimit(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String pageSize = null;
        Long limit = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "pageSize" -> pageSize = in.string();
                case "limit" -> limit = in.uint64();
                default -> in.skip();
            }
        }
        if (pageSize == null) {
            throw in.missing(start, "pageSize");
        }
        if (limit == null) {
            throw in.missing(start, "limit");
        }
        return new HugepageLimit(pageSize, limit);
    }

    private static Network network(JsonIn in) throws SpecException {
        in.expectObject();
        Long classId = null;
        List<InterfacePriority> priorities = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "classID" -> classId = in.uint32();
                case "priorities" -> {
                    priorities = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        priorities.add(priority(in));
                    }
                }
                default -> in.skip();
            }
        }
        return new Network(classId, priorities);
    }

    private static InterfacePriority priority(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String name = null;
        Long priority = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "name" -> name = in.string();
                case "priority" -> priority = in.uint32();
                default -> in.skip();
            }
        }
        if (name == null) {
            throw in.missing(start, "name");
        }
        if (priority == null) {
            throw in.missing(start, "priority");
        }
        return new InterfacePriority(name, priority);
    }

    private static Rdma rdma(JsonIn in) throws SpecException {
        in.expectObject();
        Long hcaHandles = null;
        Long hcaObjects = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "hcaHandles" -> hcaHandles = in.uint32();
                case "hcaObjects" -> hcaObjects = in.uint32();
                default -> in.skip();
            }
        }
        return new Rdma(hcaHandles, hcaObjects);
    }
}
