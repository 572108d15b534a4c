package dev.berth.runtime.network;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.Linux;
import dev.berth.specs.network.RawJson;
import dev.berth.syscall.Errno;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.netDevices} (runtime-spec 1.3): existing host interfaces moved into the container's network
 * namespace under their new names, and back on delete. The kernel drops an interface's addresses when it
 * changes namespace, so they are read before the move and added again after it (IPv6 link-local ones
 * excepted: the kernel makes those itself); an interface that was up is brought up again. Move and rename
 * are one {@code RTM_NEWLINK} ({@code IFLA_NET_NS_FD} with {@code IFLA_IFNAME}, {@code rtnetlink(7)}), so the
 * device never shows up in the container under its host name.
 *
 * <p>Moving back needs the container's namespace: after the container's last process has ended it exists
 * only while something holds it (see {@link NetnsPin}). Physical devices whose namespace is gone return to
 * the initial namespace by themselves; virtual ones are destroyed with it.
 */
public final class NetDevices {
    private static final JsonFactory JSON = new JsonFactory();

    private NetDevices() {}

    /**
     * A device that was moved: what the container state must keep to move it back.
     *
     * @param hostName its name on the host
     * @param containerName its name in the container
     * @param addresses its addresses before the move, {@code 198.18.0.5/24}
     * @param up whether it was up
     */
    public record Moved(String hostName, String containerName, List<String> addresses, boolean up) {
        public Moved {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Moves each {@code devices} entry (host name → {@link Linux.NetDevice}, whose name may be null to keep
     * it) from {@code host} (null: the caller's namespace) into {@code container}. All or nothing: when one
     * fails, those already moved go back.
     */
    public static List<Moved> moveIn(Map<String, Linux.NetDevice> devices, NetNs container, NetNs host)
            throws NetworkException {
        List<Moved> moved = new ArrayList<>();
        try (Side h = host == null ? Side.own() : Side.of(host, false); Side c = Side.of(container, false)) {
            for (Map.Entry<String, Linux.NetDevice> e : devices.entrySet()) {
                String hostName = e.getKey();
                String name = e.getValue().name() == null || e.getValue().name().isEmpty() ? hostName : e.getValue().name();
                try {
                    moved.add(move(h, c, hostName, name, null));
                    Faults.at("netdevices:" + hostName);
                } catch (Exception ex) {
                    NetworkException failure = new NetworkException("linux.netDevices: cannot move " + hostName
                            + " into the container as " + name + ": " + message(ex), ex);
                    for (int i = moved.size() - 1; i >= 0; i--) {
                        Moved m = moved.get(i);
                        try {
                            move(c, h, m.containerName(), m.hostName(), m.addresses());
                        } catch (Exception undo) {
                            failure.addSuppressed(undo);
                        }
                    }
                    throw failure;
                }
            }
        }
        return moved;
    }

    /**
     * Moves devices back from {@code container} to {@code host} (null: the caller's namespace) under their
     * host names, with the addresses they had there. A device no longer in the container is skipped. Every
     * device is tried; the first failure is thrown with the others suppressed.
     */
    public static void moveBack(List<Moved> moved, NetNs container, NetNs host) throws NetworkException {
        NetworkException first = null;
        try (Side h = host == null ? Side.own() : Side.of(host, false); Side c = Side.of(container, false)) {
            for (int i = moved.size() - 1; i >= 0; i--) {
                Moved m = moved.get(i);
                try {
                    if (c.nl().links().find(m.containerName()).isPresent()) {
                        Moved back = move(c, h, m.containerName(), m.hostName(), m.addresses());
                        if (m.up()) {
                            h.nl().links().set(m.hostName(), LinkChange.of().up());
                        } else if (back.up()) {
                            h.nl().links().set(m.hostName(), LinkChange.of().down());
                        }
                    }
                } catch (Exception e) {
                    NetworkException w = new NetworkException("linux.netDevices: cannot move " + m.containerName()
                            + " back to the host as " + m.hostName() + ": " + message(e), e);
                    if (first == null) {
                        first = w;
                    } else {
                        first.addSuppressed(w);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Moves {@code from}'s link {@code name} to {@code to} as {@code newName}, then gives it {@code addresses}
     * (null: the ones it had) and brings it up if it was.
     */
    private static Moved move(Side from, Side to, String name, String newName, List<String> addresses) throws Exception {
        Rtnl src = from.nl();
        Link link = src.links().get(name);
        List<String> had = new ArrayList<>();
        for (Address a : src.addresses().list(0, link.index())) {
            if (a.family() == 10 && a.scope() == Rta.RT_SCOPE_LINK) {
                continue;
            }
            had.add(a.prefix().toString());
        }
        boolean up = link.isUp();
        src.links().set(link.index(), LinkChange.of().netns(to.target()).name(newName));
        Rtnl dst = to.nl();
        Link moved = dst.links().get(newName);
        for (String a : addresses == null ? had : addresses) {
            try {
                NewAddress na = Iface.address(a);
                dst.addresses().add(moved.index(), na);
            } catch (NetlinkException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e.withContext("adding " + a + " to " + newName);
                }
            }
        }
        if (up) {
            dst.links().set(moved.index(), LinkChange.of().up());
        }
        return new Moved(name, newName, addresses == null ? had : addresses, up);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    // ---- state ---------------------------------------------------------------------------------------

    /** The moved devices as JSON, for the container's state. */
    public static byte[] toJson(List<Moved> moved) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Moved m : moved) {
                g.writeStartObject();
                g.writeStringField("hostName", m.hostName());
                g.writeStringField("containerName", m.containerName());
                g.writeArrayFieldStart("addresses");
                for (String a : m.addresses()) {
                    g.writeString(a);
                }
                g.writeEndArray();
                g.writeBooleanField("up", m.up());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Reads what {@link #toJson} wrote. */
    public static List<Moved> fromJson(byte[] json) throws IOException {
        List<Moved> out = new ArrayList<>();
        for (RawJson e : Json.array(Json.parse(json, "moved devices"))) {
            Map<String, RawJson> m = Json.object(e);
            String hostName = Json.string(m.get("hostName"));
            String containerName = Json.string(m.get("containerName"));
            if (hostName == null || containerName == null) {
                throw new IOException("moved devices: an entry lacks hostName or containerName");
            }
            out.add(new Moved(hostName, containerName, Json.strings(m.get("addresses")),
                    m.get("up") instanceof RawJson.Bool b && b.value()));
        }
        return out;
    }
}
