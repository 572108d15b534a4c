package dev.berth.runtime.seccomp;

import dev.berth.runtime.util.JsonStrings;
import dev.berth.specs.SpecWriter;
import dev.berth.specs.State;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.struct.SockaddrUn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Hands a seccomp user-notification listener fd to the agent at {@code linux.seccomp.listenerPath}, as the OCI
 * runtime spec's "Seccomp State" describes: connect a {@code SOCK_STREAM} unix socket to the path and send, in one
 * {@code sendmsg(2)}, the container process state as JSON with the fd attached ({@code SCM_RIGHTS}):
 *
 * <pre>
 * {"ociVersion": "1.0.2", "fds": ["seccompFd"], "pid": 4422, "metadata": "...", "state": {...the OCI state...}}
 * </pre>
 *
 * {@code fds} names the attached fds in order; {@code metadata} is {@code listenerMetadata} and left out when the
 * profile has none. The runtime keeps no copy of the fd afterwards: the caller closes its own.
 */
public final class SeccompListener {
    /** The name of the listener fd in {@code fds}. */
    public static final String SECCOMP_FD = "seccompFd";

    private SeccompListener() {}

    /** The container process state document: {@code pid} is the container process the filter applies to. */
    public static byte[] containerProcessState(State state, int pid, String metadata) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"ociVersion\":");
        sb.append(JsonStrings.quote(state.ociVersion()));
        sb.append(",\"fds\":[\"").append(SECCOMP_FD).append("\"],\"pid\":").append(pid);
        if (metadata != null && !metadata.isEmpty()) {
            sb.append(",\"metadata\":");
            sb.append(JsonStrings.quote(metadata));
        }
        sb.append(",\"state\":").append(new String(SpecWriter.toBytes(state), StandardCharsets.UTF_8).strip())
                .append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Connects to {@code listenerPath} and sends the state with {@code listenerFd}; returns once the message is
     * sent. Errors name the path.
     */
    public static void send(int listenerFd, String listenerPath, State state, int pid, String metadata)
            throws ErrnoException {
        byte[] message = containerProcessState(state, pid, metadata);
        int fd = Sockets.socket(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
        try (Arena a = Arena.ofConfined()) {
            SockaddrUn addr = new SockaddrUn(listenerPath);
            MemorySegment s = addr.allocate(a);
            Sockets.connect(fd, s, addr.length());
            Sockets.sendFds(fd, message, listenerFd);
        } catch (ErrnoException e) {
            throw e.withContext("seccomp listenerPath " + listenerPath);
        } finally {
            Fs.close(fd);
        }
    }
}
