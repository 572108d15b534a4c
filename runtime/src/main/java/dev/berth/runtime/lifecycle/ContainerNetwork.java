package dev.berth.runtime.lifecycle;

import dev.berth.netlink.netns.NetNs;
import dev.berth.runtime.config.ConfigException;
import dev.berth.runtime.network.Attachment;
import dev.berth.runtime.network.CniNetwork;
import dev.berth.runtime.network.NetDevices;
import dev.berth.runtime.network.NetnsPin;
import dev.berth.runtime.network.Result;
import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecException;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import dev.berth.specs.network.NetworkWriter;
import dev.berth.syscall.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's network as {@code create} and {@code delete} handle it: the CNI list its annotations name
 * ({@value NetworkReader#CONFLIST_ANNOTATION} or {@value NetworkReader#INLINE_ANNOTATION}), the host
 * interfaces {@code linux.netDevices} moves in, and the {@code /etc} files {@value #ETC_ANNOTATION} asks for.
 *
 * <p>Everything lives in the state directory, so that {@code delete} needs neither the bundle nor a live
 * init: {@code netns} (the namespace, pinned by a bind mount), {@code network.conflist} (the list as it was
 * set up), {@code network.json} (the CNI result), {@code netdevices.json} (what to move back), and the
 * {@code hosts} and {@code resolv.conf} files bind-mounted read-only over the container's {@code /etc}
 * ones: the image is never written, and the files are filled once the network exists (the init, waiting
 * on its sync pipe, has mounted them already; a bind mount of a file shares its inode).
 */
final class ContainerNetwork {
    /** Which of {@code hosts} and {@code resolv.conf} (comma-separated) the runtime provides in {@code /etc}. */
    static final String ETC_ANNOTATION = "dev.berth.network.etc";
    static final String NETNS = "netns";
    static final String CONFLIST = "network.conflist";
    static final String RESULT = "network.json";
    static final String DEVICES = "netdevices.json";
    private static final Set<String> ETC_FILES = Set.of("hosts", "resolv.conf");

    /**
     * What a spec asks for.
     *
     * @param list the CNI list, or null
     * @param devices {@code linux.netDevices}
     * @param etc the {@code /etc} files to provide, a subset of {@code hosts} and {@code resolv.conf}
     * @param hostname for {@code /etc/hosts}
     */
    record Plan(NetworkConfigList list, Map<String, Linux.NetDevice> devices, Set<String> etc, String hostname) {
        boolean any() {
            return list != null || !devices.isEmpty();
        }
    }

    private ContainerNetwork() {}

    /** The spec's network, checked against its namespaces and the caller's privileges. */
    static Plan plan(Spec spec, Path bundle) throws SpecException, ConfigException {
        Optional<NetworkConfigList> list = NetworkReader.fromAnnotations(spec.annotations(), bundle);
        Map<String, Linux.NetDevice> devices = spec.linux() == null ? Map.of() : spec.linux().netDevices();
        Set<String> etc = new LinkedHashSet<>();
        String asked = spec.annotations().get(ETC_ANNOTATION);
        if (asked != null) {
            for (String name : asked.split(",")) {
                String n = name.strip();
                if (!ETC_FILES.contains(n)) {
                    throw new ConfigException("annotations." + ETC_ANNOTATION + ": \"" + n
                            + "\" is not one of hosts, resolv.conf");
                }
                etc.add(n);
            }
            if (list.isEmpty()) {
                throw new ConfigException("annotations." + ETC_ANNOTATION + ": asks for /etc files but no network is "
                        + "configured (" + NetworkReader.CONFLIST_ANNOTATION + " or " + NetworkReader.INLINE_ANNOTATION + ")");
            }
        }
        Plan p = new Plan(list.orElse(null), devices, etc, spec.hostname());
        if (!p.any()) {
            return p;
        }
        String what = list.isPresent() ? "annotations." + (spec.annotations().containsKey(NetworkReader.INLINE_ANNOTATION)
                ? NetworkReader.INLINE_ANNOTATION : NetworkReader.CONFLIST_ANNOTATION) : "linux.netDevices";
        boolean newNetns = spec.linux() != null && spec.linux().namespaces().stream()
                .anyMatch(n -> n.type().equals("network") && (n.path() == null || n.path().isEmpty()));
        if (!newNetns) {
            throw new ConfigException(what + ": the container needs a new network namespace (linux.namespaces has no "
                    + "\"network\" entry without a path) for Berth to set up its network");
        }
        if (Syscalls.geteuid() != 0) {
            throw new ConfigException(what + ": a rootless container has only lo (creating interfaces, addresses and "
                    + "routes on the host needs CAP_NET_ADMIN there)");
        }
        return p;
    }

    /**
     * The spec with read-only binds of the state directory's {@code hosts}/{@code resolv.conf} (created empty
     * here) over the container's, as {@code plan.etc} asks.
     */
    static Spec withEtcMounts(Spec spec, Plan plan, Path dir) throws IOException {
        if (plan.etc().isEmpty()) {
            return spec;
        }
        List<Mount> mounts = new ArrayList<>(spec.mounts());
        for (String name : plan.etc()) {
            Path file = dir.resolve(name);
            Files.write(file, new byte[0]);
            mounts.add(new Mount("/etc/" + name, "bind", file.toString(), List.of("rbind", "ro", "nosuid", "nodev",
                    "noexec")));
        }
        return spec.withMounts(mounts);
    }

    /**
     * Sets the network up for the init {@code pid}, which waits in its new network namespace: pins the
     * namespace, moves the devices in, runs the CNI list, fills the {@code /etc} files. Each step registers
     * its undo in {@code rollback}.
     */
    static void setUp(Plan plan, Path dir, String id, int pid, Rollback rollback) throws Exception {
        if (!plan.any()) {
            return;
        }
        Path pin = dir.resolve(NETNS);
        NetnsPin.pin(pid, pin);
        rollback.add("unpinning the network namespace", () -> NetnsPin.unpin(pin));
        if (!plan.devices().isEmpty()) {
            try (NetNs ns = NetNs.path(pin.toString())) {
                List<NetDevices.Moved> moved = NetDevices.moveIn(plan.devices(), ns, null);
                rollback.add("moving linux.netDevices back", () -> {
                    try (NetNs again = NetNs.path(pin.toString())) {
                        NetDevices.moveBack(moved, again, null);
                    }
                });
                Files.write(dir.resolve(DEVICES), NetDevices.toJson(moved));
            }
        }
        if (plan.list() != null) {
            Files.write(dir.resolve(CONFLIST), NetworkWriter.toBytes(plan.list()));
            Attachment at = Attachment.of(id, pin.toString());
            CniNetwork cni = CniNetwork.standard();
            Result result = cni.setUp(plan.list(), at);
            rollback.add("tearing the network down", () -> cni.tearDown(plan.list(), at, result));
            Files.write(dir.resolve(RESULT), result.toJson());
            if (plan.etc().contains("hosts")) {
                Files.writeString(dir.resolve("hosts"), result.hosts(plan.hostname()));
            }
            if (plan.etc().contains("resolv.conf")) {
                Files.writeString(dir.resolve("resolv.conf"), result.resolvConf().orElseGet(ContainerNetwork::hostResolvConf));
            }
        }
    }

    /**
     * Undoes {@link #setUp} from what the state directory holds: CNI DEL (with the saved result, or without
     * one after a crash), devices moved back, the namespace unpinned. Every step runs; the first failure is
     * thrown once all have been tried. Nothing to do for a container without a network.
     */
    static void tearDown(Path dir, String id) throws Exception {
        Path pin = dir.resolve(NETNS);
        if (!Files.exists(pin, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Exception first = null;
        Path conflist = dir.resolve(CONFLIST);
        if (Files.exists(conflist)) {
            try {
                NetworkConfigList list = NetworkReader.read(conflist, conflist.toString());
                Path saved = dir.resolve(RESULT);
                Result previous = Files.exists(saved) ? Result.fromJson(Files.readAllBytes(saved)) : null;
                CniNetwork.standard().tearDown(list, Attachment.of(id, pin.toString()), previous);
            } catch (Exception e) {
                first = e;
            }
        }
        Path devices = dir.resolve(DEVICES);
        if (Files.exists(devices)) {
            try (NetNs ns = NetNs.path(pin.toString())) {
                NetDevices.moveBack(NetDevices.fromJson(Files.readAllBytes(devices)), ns, null);
            } catch (Exception e) {
                first = keep(first, e);
            }
        }
        try {
            NetnsPin.unpin(pin);
        } catch (Exception e) {
            first = keep(first, e);
        }
        if (first != null) {
            throw first;
        }
    }

    private static Exception keep(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * The host's resolver configuration for a network whose result names no DNS servers, as docker does,
     * without loopback name servers (they would be the container's own loopback).
     */
    static String hostResolvConf() {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String t = line.strip();
                if (t.startsWith("nameserver") && (t.contains(" 127.") || t.contains("\t127.") || t.endsWith("::1"))) {
                    continue;
                }
                out.add(line);
            }
        } catch (IOException e) {
            return "";
        }
        return String.join("\n", out) + (out.isEmpty() ? "" : "\n");
    }
}
