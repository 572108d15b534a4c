package dev.berth.runtime.lifecycle;

import java.nio.file.Path;

/**
 * How to create a container ({@code berth create}, and the first half of {@code berth run}).
 *
 * @param id the container id
 * @param bundle the bundle directory
 * @param pidFile where to write the init's pid, or null
 * @param consoleSocket the unix socket that receives the pty master when {@code process.terminal}, or null
 * @param noPivot {@code --no-pivot}
 * @param noNewKeyring {@code --no-new-keyring}: keep the caller's session keyring
 * @param preserveFds {@code --preserve-fds N}
 * @param waitForStart wait on the exec FIFO for {@code start} ({@code create}); false execs at once ({@code run})
 */
public record CreateOptions(String id, Path bundle, Path pidFile, Path consoleSocket, boolean noPivot,
        boolean noNewKeyring, int preserveFds, boolean waitForStart) {}
