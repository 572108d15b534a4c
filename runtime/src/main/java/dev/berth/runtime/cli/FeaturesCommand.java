package dev.berth.runtime.cli;

import dev.berth.runtime.Version;
import dev.berth.specs.Features;
import dev.berth.specs.SpecWriter;
import dev.berth.syscall.Caps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code berth features}: what this Berth supports, as the runtime-spec's features document
 * (features.md): what it can honour, not merely parse. Unsupported parts are absent or disabled.
 */
public final class FeaturesCommand {
    private FeaturesCommand() {}

    /** The mount options {@link dev.berth.runtime.config.MountOptions} understands. */
    static final List<String> MOUNT_OPTIONS = List.of("async", "atime", "bind", "defaults", "dev", "diratime", "exec",
            "noatime", "nodev", "nodiratime", "noexec", "norelatime", "nostrictatime", "nosuid", "nosymfollow",
            "private", "rbind", "relatime", "ro", "rprivate", "rshared", "rslave", "runbindable", "rw", "shared",
            "slave", "strictatime", "suid", "symfollow", "unbindable");

    static String json() {
        List<String> caps = new ArrayList<>();
        for (int c = 0; c <= Caps.CAP_LAST_CAP; c++) {
            caps.add(Caps.name(c));
        }
        boolean v2 = java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/cgroup.controllers"));
        Features.LinuxFeatures linux = new Features.LinuxFeatures(
                List.of("cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"), caps,
                new Features.Cgroup(!v2, true, false, false, false), new Features.SeccompFeatures(true,
                        dev.berth.runtime.seccomp.SeccompCompiler.ACTIONS, dev.berth.runtime.seccomp.SeccompCompiler.OPERATORS,
                        dev.berth.runtime.seccomp.SeccompCompiler.ARCHITECTURES, dev.berth.runtime.seccomp.SeccompCompiler.FLAGS,
                        dev.berth.runtime.seccomp.SeccompCompiler.FLAGS), new Features.Enabled(false),
                new Features.Enabled(false), new Features.IntelRdtFeatures(false, false, false),
                new Features.MountExtensions(new Features.Enabled(false)), new Features.Enabled(true), null);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("dev.berth.version", Version.BERTH);
        Features f = new Features("1.0.0", Version.OCI_SPEC, List.of("prestart", "createRuntime", "createContainer",
                "startContainer", "poststart", "poststop"), MOUNT_OPTIONS, linux, annotations, List.of());
        return new String(SpecWriter.toBytes(f), StandardCharsets.UTF_8) + "\n";
    }
}
