package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.Hook;
import dev.berth.specs.Hooks;
import dev.berth.specs.IdMapping;
import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Process;
import dev.berth.specs.Root;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the top level of config.json and its small parts: {@code root}, {@code mounts}, {@code hooks}, id mappings. */
public final class SpecReaders {
    private SpecReaders() {}

    public static Spec spec(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String ociVersion = null;
        Process process = null;
        Root root = null;
        String hostname = null;
        String domainname = null;
        List<Mount> mounts = null;
        Hooks hooks = null;
        Map<String, String> annotations = null;
        Linux linux = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "ociVersion" -> ociVersion = in.string();
                case "process" -> process = ProcessReader.read(in);
                case "root" -> root = root(in);
                case "hostname" -> hostname = in.string();
                case "domainname" -> domainname = in.string();
                case "mounts" -> {
                    mounts = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        mounts.add(mount(in));
                    }
                }
                case "hooks" -> hooks = hooks(in);
                case "annotations" -> annotations = in.stringMap();
                case "linux" -> linux = LinuxReader.read(in);
                default -> in.skip();
            }
        }
        if (ociVersion == null) {
            throw in.missing(start, "ociVersion");
        }
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    static Root root(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String path = null;
        boolean readonly = false;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "path" -> path = in.string();
                case "readonly" -> readonly = in.bool();
                default -> in.skip();
            }
        }
        if (path == null) {
            throw in.missing(start, "path");
        }
        return new Root(path, readonly);
    }

    static Mount mount(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String destination = null;
        String type = null;
        String source = null;
        List<String> options = null;
        List<IdMapping> uidMappings = null;
        List<IdMapping> gidMappings = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "destination" -> destination = in.string();
                case "type" -> type = in.string();
                case "source" -> source = in.string();
                case "options" -> options = in.strings();
                case "uidMappings" -> {
                    uidMappings = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        uidMappings.add(idMapping(in));
                    }
                }
                case "gidMappings" -> {
                    gidMappings = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        gidMappings.add(idMapping(in));
                    }
                }
                default -> in.skip();
            }
        }
        if (destination == null) {
            throw in.missing(start, "destination");
        }
        return new Mount(destination, type, source, options, uidMappings, gidMappings);
    }

    static IdMapping idMapping(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        Long containerId = null;
        Long hostId = null;
        Long size = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "containerID" -> containerId = in.uint32();
                case "hostID" -> hostId = in.uint32();
                case "size" -> size = in.uint32();
                default -> in.skip();
            }
        }
        if (containerId == null) {
            throw in.missing(start, "containerID");
        }
        if (hostId == null) {
            throw in.missing(start, "hostID");
        }
        if (size == null) {
            throw in.missing(start, "size");
        }
        return new IdMapping(containerId, hostId, size);
    }

    static Hooks hooks(JsonIn in) throws SpecException {
        in.expectObject();
        List<Hook> prestart = null;
        List<Hook> createRuntime = null;
        List<Hook> createContainer = null;
        List<Hook> startContainer = null;
        List<Hook> poststart = null;
        List<Hook> poststop = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "prestart" -> {
                    prestart = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        prestart.add(hook(in));
                    }
                }
                case "createRuntime" -> {
                    createRuntime = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        createRuntime.add(hook(in));
                    }
                }
                case "createContainer" -> {
                    createContainer = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        createContainer.add(hook(in));
                    }
                }
                case "startContainer" -> {
                    startContainer = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        startContainer.add(hook(in));
                    }
                }
                case "poststart" -> {
                    poststart = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        poststart.add(hook(in));
                    }
                }
                case "poststop" -> {
                    poststop = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        poststop.add(hook(in));
                    }
                }
                default -> in.skip();
            }
        }
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    static Hook hook(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String path = null;
        List<String> args = null;
        List<String> env = null;
        Integer timeout = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "path" -> path = in.string();
                case "args" -> args = in.strings();
                case "env" -> env = in.strings();
                case "timeout" -> timeout = in.int32();
                default -> in.skip();
            }
        }
        if (path == null) {
            throw in.missing(start, "path");
        }
        return new Hook(path, args, env, timeout);
    }
}
