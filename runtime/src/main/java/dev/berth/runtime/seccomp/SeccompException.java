package dev.berth.runtime.seccomp;

import dev.berth.runtime.config.ConfigException;
import java.util.List;

/**
 * {@code linux.seccomp} cannot be compiled: each problem names its JSON path
 * ({@code linux.seccomp.syscalls[3].args[0].op: unknown operator "SCMP_CMP_XX"}).
 */
public final class SeccompException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public SeccompException(String problem) {
        super(problem);
    }

    public SeccompException(List<String> problems) {
        super(problems);
    }
}
