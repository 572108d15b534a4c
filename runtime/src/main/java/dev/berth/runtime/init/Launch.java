package dev.berth.runtime.init;

import dev.berth.syscall.At;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import java.util.List;

/** Finding the payload's program as {@code execvp(3)} would, in the init's own mount namespace. */
final class Launch {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Launch() {}

    /** The path to execute for {@code command}, or null if no PATH entry has it executable. */
    static String resolve(String command, List<String> env) throws ErrnoException {
        if (command.contains("/")) {
            return command;
        }
        String path = env.stream().filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5)).findFirst()
                .orElse(DEFAULT_PATH);
        for (String dir : path.split(":")) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + command;
            if (Fs.faccessat(At.AT_FDCWD, candidate, 1 /* X_OK */, At.AT_EACCESS)
                    && !Fs.stat(candidate).isDirectory()) {
                return candidate;
            }
        }
        return null;
    }
}
