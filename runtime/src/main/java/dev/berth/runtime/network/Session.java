package dev.berth.runtime.network;

import dev.berth.netlink.netns.NetNs;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import java.nio.file.Path;
import java.util.List;

/**
 * One setup, check or teardown of one configuration list for one container: the two namespaces it works
 * in and what every plugin needs to know. Closing it closes the netlink sockets and the handles it opened.
 */
final class Session implements AutoCloseable {
    final NetworkConfigList list;
    final Attachment at;
    final CniNetwork.Options options;
    final Side host;
    /** The container's side; null in a teardown whose namespace is already gone. */
    final Side container;

    private Session(NetworkConfigList list, Attachment at, CniNetwork.Options options, Side host, Side container) {
        this.list = list;
        this.at = at;
        this.options = options;
        this.host = host;
        this.container = container;
    }

    /**
     * Opens the namespaces of {@code at}. With {@code mayBeGone} (teardown) a container namespace that no
     * longer exists is not an error: its interfaces went with it.
     */
    static Session open(NetworkConfigList list, Attachment at, CniNetwork.Options options, boolean mayBeGone)
            throws NetworkException {
        Side container = null;
        if (at.netns() != null) {
            container = Side.of(at.netns(), false);
        } else {
            try {
                container = Side.of(NetNs.path(at.netnsPath()), true);
            } catch (ErrnoException e) {
                boolean gone = e.is(Errno.ENOENT) || e.is(Errno.ESRCH);
                if (!(gone && mayBeGone)) {
                    throw new NetworkException("network \"" + list.name() + "\": cannot open the container's network "
                            + "namespace " + at.netnsPath() + ": " + e.getMessage(), e);
                }
            }
        }
        Side host = at.host() != null ? Side.of(at.host(), false) : Side.own();
        return new Session(list, at, options, host, container);
    }

    /** A session that touches no namespace (IPAM alone), for tests and tools. */
    static Session offline(NetworkConfigList list, Attachment at) {
        return new Session(list, at, CniNetwork.Options.defaults(), Side.own(), null);
    }

    String network() {
        return list.name();
    }

    String version() {
        return list.cniVersion();
    }

    String containerId() {
        return at.containerId();
    }

    String ifName() {
        return at.ifName();
    }

    /** The {@code sandbox} of interfaces inside the container. */
    String sandbox() {
        return at.netnsPath();
    }

    Path dataDir() {
        return at.dataDir();
    }

    List<Path> cniPath() {
        return options.cniPath();
    }

    /** The container's side, or an error saying it is gone. */
    Side container() throws NetworkException {
        if (container == null) {
            throw new NetworkException("the container's network namespace " + at.netnsPath() + " no longer exists");
        }
        return container;
    }

    @Override
    public void close() {
        if (container != null) {
            container.close();
        }
        host.close();
    }
}
