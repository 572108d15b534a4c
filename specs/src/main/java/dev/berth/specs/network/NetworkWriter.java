package dev.berth.specs.network;

import dev.berth.specs.internal.JsonOut;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes configuration lists, and the configuration an external plugin receives on its standard input:
 * its own object with the list's {@code name} and {@code cniVersion} added, as the CNI spec's
 * "Deriving execution configuration from plugin configuration" asks. Typed fields come first, then the
 * keys Berth does not interpret, in their original order and text.
 */
public final class NetworkWriter {
    private NetworkWriter() {}

    /** The list as a document; reading it back gives an equal record. */
    public static byte[] toBytes(NetworkConfigList list) {
        return JsonOut.document(list, NetworkWriter::list);
    }

    /** The configuration for plugin {@code index} of {@code list}. */
    public static byte[] pluginConfig(NetworkConfigList list, int index) {
        CniPlugin plugin = list.plugins().get(index);
        return JsonOut.document(plugin, (out, p) -> plugin(out, p, list));
    }

    private static void list(JsonOut out, NetworkConfigList l) throws IOException {
        out.startObject();
        out.string("cniVersion", l.cniVersion());
        out.strings("cniVersions", l.cniVersions());
        out.string("name", l.name());
        out.flag("disableCheck", l.disableCheck());
        out.flag("disableGC", l.disableGC());
        out.gen().writeArrayFieldStart("plugins");
        for (CniPlugin p : l.plugins()) {
            plugin(out, p, null);
        }
        out.gen().writeEndArray();
        extra(out, l.extra());
        out.endObject();
    }

    private static void plugin(JsonOut out, CniPlugin p, NetworkConfigList injectFrom) throws IOException {
        out.startObject();
        if (injectFrom != null) {
            out.string("cniVersion", injectFrom.cniVersion());
            out.string("name", injectFrom.name());
        }
        out.string("type", p.type());
        out.string("bridge", p.bridge());
        out.bool("isGateway", p.isGateway());
        out.bool("isDefaultGateway", p.isDefaultGateway());
        out.bool("forceAddress", p.forceAddress());
        out.bool("ipMasq", p.ipMasq());
        out.bool("hairpinMode", p.hairpinMode());
        out.bool("promiscMode", p.promiscMode());
        out.number("mtu", p.mtu());
        out.number("vlan", p.vlan());
        out.string("master", p.master());
        out.string("mode", p.mode());
        out.object("ipam", p.ipam(), NetworkWriter::ipam);
        out.object("dns", p.dns(), NetworkWriter::dns);
        Map<String, RawJson> extra = p.extra();
        if (injectFrom != null) {
            extra = new LinkedHashMap<>(extra);
            extra.remove("cniVersion");
            extra.remove("name");
        }
        extra(out, extra);
        out.endObject();
    }

    private static void ipam(JsonOut out, Ipam i) throws IOException {
        out.startObject();
        out.string("type", i.type());
        if (!i.ranges().isEmpty()) {
            out.gen().writeArrayFieldStart("ranges");
            for (List<Ipam.IpRange> set : i.ranges()) {
                out.gen().writeStartArray();
                for (Ipam.IpRange r : set) {
                    out.startObject();
                    out.string("subnet", r.subnet());
                    out.string("rangeStart", r.rangeStart());
                    out.string("rangeEnd", r.rangeEnd());
                    out.string("gateway", r.gateway());
                    extra(out, r.extra());
                    out.endObject();
                }
                out.gen().writeEndArray();
            }
            out.gen().writeEndArray();
        }
        out.list("routes", i.routes(), (o, r) -> {
            o.startObject();
            o.string("dst", r.dst());
            o.string("gw", r.gw());
            extra(o, r.extra());
            o.endObject();
        });
        out.string("dataDir", i.dataDir());
        out.list("addresses", i.addresses(), (o, a) -> {
            o.startObject();
            o.string("address", a.address());
            o.string("gateway", a.gateway());
            extra(o, a.extra());
            o.endObject();
        });
        out.object("dns", i.dns(), NetworkWriter::dns);
        extra(out, i.extra());
        out.endObject();
    }

    private static void dns(JsonOut out, Dns d) throws IOException {
        out.startObject();
        out.strings("nameservers", d.nameservers());
        out.string("domain", d.domain());
        out.strings("search", d.search());
        out.strings("options", d.options());
        extra(out, d.extra());
        out.endObject();
    }

    private static void extra(JsonOut out, Map<String, RawJson> extra) throws IOException {
        for (Map.Entry<String, RawJson> e : extra.entrySet()) {
            out.gen().writeFieldName(e.getKey());
            raw(out, e.getValue());
        }
    }

    private static void raw(JsonOut out, RawJson value) throws IOException {
        switch (value) {
            case RawJson.Obj o -> {
                out.startObject();
                extra(out, o.members());
                out.endObject();
            }
            case RawJson.Arr a -> {
                out.gen().writeStartArray();
                for (RawJson element : a.elements()) {
                    raw(out, element);
                }
                out.gen().writeEndArray();
            }
            case RawJson.Str s -> out.gen().writeString(s.value());
            case RawJson.Num n -> out.gen().writeNumber(n.text());
            case RawJson.Bool b -> out.gen().writeBoolean(b.value());
            case RawJson.Null n -> out.gen().writeNull();
        }
    }
}
