package dev.berth.runtime.network;

import dev.berth.specs.SpecException;
import dev.berth.specs.network.CniPlugin;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import dev.berth.specs.network.NetworkValidator;
import dev.berth.specs.validate.Violation;
import dev.berth.syscall.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sets up, checks and tears down a container's network from a CNI configuration list, the way a CNI
 * runtime (libcni) runs the list's plugins: in order for ADD, each one given the previous one's result,
 * in reverse order for DEL. The types {@code loopback}, {@code bridge}, {@code ptp} and {@code macvlan}
 * with IPAM {@code host-local} or {@code static} run in-process over Berth's netlink client; any other
 * type runs as an external plugin program by the CNI protocol.
 *
 * <p>A {@link #setUp} that fails undoes every step already done, its own and the plugins' before it (for
 * external plugins: their DEL), and throws one {@link NetworkException} naming the network, the plugin and
 * what went wrong. {@link #tearDown} is idempotent and needs only the configuration and the container's
 * id: allocations, NAT rules and interfaces are found again from what is on disk and in the kernel, so it
 * also cleans up after a runtime that crashed between create and delete.
 *
 * <p>Instances are immutable and thread-safe; setups of different containers may run concurrently.
 */
public final class CniNetwork {
    /** The reference plugins' places: the CNI convention and Debian's {@code containernetworking-plugins}. */
    public static final List<Path> DEFAULT_CNI_PATH = List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni"));

    /**
     * How plugins are found and run.
     *
     * @param cniPath directories searched for external plugin programs, in order ({@code CNI_PATH})
     * @param external built-in types to run as external programs anyway (to compare with, or to use an
     *     option Berth's version refuses)
     * @param awaitRelease whether a teardown also waits until the kernel has freed the interfaces it
     *     deleted (an RCU grace period after they left every table: tens of milliseconds), as the reference
     *     plugins do; by default it returns once they are gone from every table and namespace
     */
    public record Options(List<Path> cniPath, Set<String> external, boolean awaitRelease) {
        public Options {
            cniPath = List.copyOf(cniPath);
            external = Set.copyOf(external);
        }

        /** {@code $CNI_PATH} when set, else {@link #DEFAULT_CNI_PATH}; every built-in type in-process. */
        public static Options defaults() {
            String env = System.getenv("CNI_PATH");
            List<Path> path = new ArrayList<>();
            if (env != null) {
                for (String d : env.split(":")) {
                    if (!d.isEmpty()) {
                        path.add(Path.of(d));
                    }
                }
            }
            return new Options(path.isEmpty() ? DEFAULT_CNI_PATH : path, Set.of(), false);
        }

        public Options withCniPath(List<Path> path) {
            return new Options(path, external, awaitRelease);
        }

        /** These built-in types run as external programs. */
        public Options withExternal(String... types) {
            return new Options(cniPath, Set.of(types), awaitRelease);
        }

        /** See {@link #awaitRelease()}. */
        public Options withAwaitRelease(boolean on) {
            return new Options(cniPath, external, on);
        }
    }

    /** The network {@code berth sandbox --net bridge} means; see {@link #defaultBridge()}. */
    static final String DEFAULT_BRIDGE = """
            {"cniVersion": "1.0.0", "name": "berth", "plugins": [
              {"type": "bridge", "bridge": "berth0", "isGateway": true, "isDefaultGateway": true, "ipMasq": true,
               "hairpinMode": true,
               "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.0.0/16"}]]}}]}
            """;

    private final Options options;

    public CniNetwork(Options options) {
        this.options = options;
    }

    /** With {@link Options#defaults()}. */
    public static CniNetwork standard() {
        return new CniNetwork(Options.defaults());
    }

    public Options options() {
        return options;
    }

    /**
     * A sensible network when none is configured ({@code berth sandbox --net bridge}): bridge {@code berth0}
     * with the gateway 198.18.0.1, addresses from 198.18.0.0/16 (host-local), a default route through the
     * bridge and masquerading (nftables) for traffic leaving the subnet, hairpin for a container that reaches
     * itself through a published address.
     */
    public static NetworkConfigList defaultBridge() {
        try {
            return NetworkReader.read(DEFAULT_BRIDGE.getBytes(StandardCharsets.UTF_8), "Berth's default bridge network");
        } catch (SpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * ADD: runs every plugin of {@code list} for the container of {@code at} and returns the last plugin's
     * result. On failure everything done is undone before the exception is thrown.
     */
    public Result setUp(NetworkConfigList list, Attachment at) throws NetworkException {
        validate(list);
        try (Session s = Session.open(list, at, options, false)) {
            Undo undo = new Undo();
            Result prev = null;
            try {
                for (int i = 0; i < list.plugins().size(); i++) {
                    prev = add(s, i, prev, undo);
                    Faults.at("plugin:" + i);
                }
                undo.commit();
                return prev.withVersion(list.cniVersion());
            } catch (NetworkException | RuntimeException | Error e) {
                undo.run(e);
                throw e;
            }
        }
    }

    private Result add(Session s, int i, Result prev, Undo undo) throws NetworkException {
        CniPlugin p = s.list.plugins().get(i);
        try {
            Builtin b = builtin(p);
            if (b != null) {
                return b.add(s, i, p, prev, undo);
            }
            // CNI asks runtimes to DEL after a failed ADD too: the plugin may have done half of it
            undo.add("DEL of " + where(s, i), () -> ExternalPlugin.run(s, "DEL", i, prev));
            return ExternalPlugin.add(s, i, prev);
        } catch (Exception e) {
            throw wrap(s, i, e);
        }
    }

    /**
     * DEL: runs every plugin of {@code list} in reverse order, each with {@code previous} (the result of the
     * setup, or null when it is lost). Idempotent. Every plugin runs even when one fails; the first failure
     * is thrown with the others suppressed.
     */
    public void tearDown(NetworkConfigList list, Attachment at, Result previous) throws NetworkException {
        validate(list);
        try (Session s = Session.open(list, at, options, true)) {
            NetworkException first = null;
            for (int i = list.plugins().size() - 1; i >= 0; i--) {
                CniPlugin p = list.plugins().get(i);
                try {
                    Builtin b = builtin(p);
                    if (b != null) {
                        b.del(s, i, p, previous);
                    } else {
                        ExternalPlugin.run(s, "DEL", i, previous);
                    }
                } catch (Exception e) {
                    NetworkException w = wrap(s, i, e);
                    if (first == null) {
                        first = w;
                    } else {
                        first.addSuppressed(w);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** CHECK: every plugin confirms that what it set up is still there, given the setup's {@code previous} result. */
    public void check(NetworkConfigList list, Attachment at, Result previous) throws NetworkException {
        validate(list);
        if (list.disableCheck()) {
            return;
        }
        try (Session s = Session.open(list, at, options, false)) {
            for (int i = 0; i < list.plugins().size(); i++) {
                CniPlugin p = list.plugins().get(i);
                try {
                    Builtin b = builtin(p);
                    if (b != null) {
                        b.check(s, i, p, previous);
                    } else {
                        ExternalPlugin.run(s, "CHECK", i, previous);
                    }
                } catch (Exception e) {
                    throw wrap(s, i, e);
                }
            }
        }
    }

    /** The in-process implementation of {@code p}'s type, or null to run it as a program. */
    private Builtin builtin(CniPlugin p) {
        return !p.builtIn() || options.external().contains(p.type()) ? null : Builtin.of(p.type());
    }

    private static void validate(NetworkConfigList list) throws NetworkException {
        List<Violation> violations = NetworkValidator.validate(list);
        if (!violations.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Violation v : violations) {
                lines.add(v.toString());
            }
            throw new NetworkException("network " + (list.name() == null ? "" : "\"" + list.name() + "\" ")
                    + "configuration is not valid: " + String.join("; ", lines));
        }
    }

    private static String where(Session s, int i) {
        return "network \"" + s.network() + "\", plugin " + i + " (" + s.list.plugins().get(i).type() + ")";
    }

    /** One exception that says which network and plugin, and keeps the cause's words. */
    private static NetworkException wrap(Session s, int i, Exception e) {
        String type = s.list.plugins().get(i).type();
        if (e instanceof NetworkException n && n.getMessage().startsWith("network \"")) {
            return n;
        }
        String what = switch (e) {
            case NetworkException n -> n.getMessage();
            case ErrnoException x -> x.getMessage();
            case Faults.InjectedFault f -> f.getMessage();
            default -> e.toString();
        };
        int code = e instanceof NetworkException n ? n.code() : 0;
        return new NetworkException(where(s, i) + ": " + what, type, code, e);
    }
}
