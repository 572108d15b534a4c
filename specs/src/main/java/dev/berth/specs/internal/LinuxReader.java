package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.specs.IdMapping;
import dev.berth.specs.Linux;
import dev.berth.specs.Linux.Device;
import dev.berth.specs.Linux.IntelRdt;
import dev.berth.specs.Linux.MemoryPolicy;
import dev.berth.specs.Linux.Namespace;
import dev.berth.specs.Linux.NetDevice;
import dev.berth.specs.Linux.Personality;
import dev.berth.specs.Linux.TimeOffset;
import dev.berth.specs.Resources;
import dev.berth.specs.Seccomp;
import dev.berth.specs.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code linux} (config-linux.md), except {@code resources} and {@code seccomp}, which have their own readers. */
public final class LinuxReader {
    private LinuxReader() {}

    public static Linux read(JsonIn in) throws SpecException {
        in.expectObject();
        List<IdMapping> uidMappings = null;
        List<IdMapping> gidMappings = null;
        Map<String, String> sysctl = null;
        Resources resources = null;
        String cgroupsPath = null;
        List<Namespace> namespaces = null;
        List<Device> devices = null;
        Map<String, NetDevice> netDevices = null;
        Seccomp seccomp = null;
        String rootfsPropagation = null;
        List<String> maskedPaths = null;
        List<String> readonlyPaths = null;
        String mountLabel = null;
        IntelRdt intelRdt = null;
        Personality personality = null;
        Map<String, TimeOffset> timeOffsets = null;
        MemoryPolicy memoryPolicy = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "uidMappings" -> {
                    uidMappings = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        uidMappings.add(SpecReaders.idMapping(in));
                    }
                }
                case "gidMappings" -> {
                    gidMappings = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        gidMappings.add(SpecReaders.idMapping(in));
                    }
                }
                case "sysctl" -> sysctl = in.stringMap();
                case "resources" -> resources = ResourcesReader.read(in);
                case "cgroupsPath" -> cgroupsPath = in.string();
                case "namespaces" -> {
                    namespaces = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        namespaces.add(namespace(in));
                    }
                }
                case "devices" -> {
                    devices = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        devices.add(device(in));
                    }
                }
                case "netDevices" -> {
                    netDevices = new LinkedHashMap<>();
                    in.expectObject();
                    for (String key; (key = in.nextEntry()) != null; ) {
                        netDevices.put(key, netDevice(in));
                    }
                }
                case "seccomp" -> seccomp = SeccompReader.read(in);
                case "rootfsPropagation" -> rootfsPropagation = in.string();
                case "maskedPaths" -> maskedPaths = in.strings();
                case "readonlyPaths" -> readonlyPaths = in.strings();
                case "mountLabel" -> mountLabel = in.string();
                case "intelRdt" -> intelRdt = intelRdt(in);
                case "personality" -> personality = personality(in);
                case "timeOffsets" -> {
                    timeOffsets = new LinkedHashMap<>();
                    in.expectObject();
                    for (String key; (key = in.nextEntry()) != null; ) {
                        timeOffsets.put(key, timeOffset(in));
                    }
                }
                case "memoryPolicy" -> memoryPolicy = memoryPolicy(in);
                default -> in.skip();
            }
        }
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, netDevices,
                seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                memoryPolicy);
    }

    private static Namespace namespace(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String type = null;
        String path = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "type" -> type = in.string();
                case "path" -> path = in.string();
                default -> in.skip();
            }
        }
        if (type == null) {
            throw in.missing(start, "type");
        }
        return new Namespace(type, path);
    }

    private static Device device(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String type = null;
        String path = null;
        Long major = null;
        Long minor = null;
        Long fileMode = null;
        Long uid = null;
        Long gid = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "type" -> type = in.string();
                case "path" -> path = in.string();
                case "major" -> major = in.int64();
                case "minor" -> minor = in.int64();
                case "fileMode" -> fileMode = in.uint32();
                case "uid" -> uid = in.uint32();
                case "gid" -> gid = in.uint32();
                default -> in.skip();
            }
        }
        if (type == null) {
            throw in.missing(start, "type");
        }
        if (path == null) {
            throw in.missing(start, "path");
        }
        return new Device(type, path, major, minor, fileMode, uid, gid);
    }

    private static NetDevice netDevice(JsonIn in) throws SpecException {
        in.expectObject();
        String name = null;
        for (String f; (f = in.nextField()) != null; ) {
            if (f.equals("name")) {
                name = in.string();
            } else {
                in.skip();
            }
        }
        return new NetDevice(name);
    }

    private static TimeOffset timeOffset(JsonIn in) throws SpecException {
        in.expectObject();
        long secs = 0;
        long nanosecs = 0;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "secs" -> secs = in.int64();
                case "nanosecs" -> nanosecs = in.uint32();
                default -> in.skip();
            }
        }
        return new TimeOffset(secs, nanosecs);
    }

    private static IntelRdt intelRdt(JsonIn in) throws SpecException {
        in.expectObject();
        String closId = null;
        List<String> schemata = null;
        String l3CacheSchema = null;
        String memBwSchema = null;
        boolean enableMonitoring = false;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "closID" -> closId = in.string();
                case "schemata" -> schemata = schemata(in);
                case "l3CacheSchema" -> l3CacheSchema = in.string();
                case "memBwSchema" -> memBwSchema = in.string();
                case "enableMonitoring" -> enableMonitoring = in.bool();
                default -> in.skip();
            }
        }
        return new IntelRdt(closId, schemata, l3CacheSchema, memBwSchema, enableMonitoring);
    }

    // runtime-spec 1.1 and 1.2 had "schemata" as one string of lines; 1.3 made it an array of lines
    private static List<String> schemata(JsonIn in) throws SpecException {
        if (in.token() != JsonToken.VALUE_STRING) {
            return in.strings();
        }
        List<String> lines = new ArrayList<>();
        for (String line : in.string().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Personality personality(JsonIn in) throws SpecException {
        in.expectObject();
        String domain = null;
        List<String> flags = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "domain" -> domain = in.string();
                case "flags" -> flags = in.strings();
                default -> in.skip();
            }
        }
        return new Personality(domain, flags);
    }

    private static MemoryPolicy memoryPolicy(JsonIn in) throws SpecException {
        in.expectObject();
        String mode = null;
        String nodes = null;
        List<String> flags = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "mode" -> mode = in.string();
                case "nodes" -> nodes = in.string();
                case "flags" -> flags = in.strings();
                default -> in.skip();
            }
        }
        return new MemoryPolicy(mode, nodes, flags);
    }
}
