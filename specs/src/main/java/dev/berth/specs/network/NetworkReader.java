package dev.berth.specs.network;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.SpecException;
import dev.berth.specs.internal.Json;
import dev.berth.specs.internal.JsonIn;
import dev.berth.specs.internal.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a CNI network configuration list. The whole document is read as {@link RawJson} first (so the
 * plugin's {@code type} is known before its other keys are interpreted), remembering where each value
 * was; then the typed parts are taken out, with errors that name the source, line, column and path like
 * {@link dev.berth.specs.SpecReader}'s. Unknown keys are kept, not dropped.
 */
public final class NetworkReader {
    /** Annotation naming the list's file, absolute or relative to the bundle directory. */
    public static final String CONFLIST_ANNOTATION = "dev.berth.network.conflist";
    /** Annotation whose value is the list's JSON itself. */
    public static final String INLINE_ANNOTATION = "dev.berth.network";

    private static final java.util.Set<String> LIST_KEYS =
            java.util.Set.of("cniVersion", "cniVersions", "name", "disableCheck", "disableGC", "plugins");
    private static final java.util.Set<String> PLUGIN_KEYS = java.util.Set.of("type", "bridge", "isGateway",
            "isDefaultGateway", "forceAddress", "ipMasq", "hairpinMode", "promiscMode", "mtu", "vlan", "master", "mode",
            "ipam", "dns");
    private static final java.util.Set<String> IPAM_KEYS =
            java.util.Set.of("type", "ranges", "routes", "dataDir", "addresses", "dns");
    private static final java.util.Set<String> RANGE_KEYS = java.util.Set.of("subnet", "rangeStart", "rangeEnd", "gateway");
    private static final java.util.Set<String> ROUTE_KEYS = java.util.Set.of("dst", "gw");
    private static final java.util.Set<String> ADDRESS_KEYS = java.util.Set.of("address", "gateway");
    private static final java.util.Set<String> DNS_KEYS = java.util.Set.of("nameservers", "domain", "search", "options");
    private static final java.util.Set<String> TYPE_ONLY = java.util.Set.of("type");

    private final String source;
    private final IdentityHashMap<RawJson, JsonLocation> where = new IdentityHashMap<>();

    private NetworkReader(String source) {
        this.source = source;
    }

    /** Reads a list from a file. */
    public static NetworkConfigList read(Path file, String name) throws SpecException {
        return read(Json.readFile(file, name), name);
    }

    /** Reads a list. */
    public static NetworkConfigList read(byte[] json, String name) throws SpecException {
        NetworkReader reader = new NetworkReader(name);
        RawJson root = JsonIn.read(json, name, reader::raw);
        return reader.list(root);
    }

    /**
     * The list a config's annotations ask for: the file named by {@value #CONFLIST_ANNOTATION} (relative
     * paths are relative to {@code bundle}), or the JSON in {@value #INLINE_ANNOTATION}; empty when neither
     * is set. Setting both is an error.
     */
    public static Optional<NetworkConfigList> fromAnnotations(Map<String, String> annotations, Path bundle)
            throws SpecException {
        String file = annotations.get(CONFLIST_ANNOTATION);
        String inline = annotations.get(INLINE_ANNOTATION);
        if (file != null && inline != null) {
            throw new SpecException("config.json", "annotations",
                    "\"" + INLINE_ANNOTATION + "\" and \"" + CONFLIST_ANNOTATION + "\" are both set; use one");
        }
        if (inline != null) {
            return Optional.of(read(inline.getBytes(StandardCharsets.UTF_8), "annotation " + INLINE_ANNOTATION));
        }
        if (file != null) {
            if (file.isEmpty()) {
                throw new SpecException("config.json", JsonPath.field("annotations", CONFLIST_ANNOTATION), "must name a file");
            }
            return Optional.of(read(bundle.resolve(file), file));
        }
        return Optional.empty();
    }

    // --- the raw tree, with positions --------------------------------------------------------------------

    private RawJson raw(JsonIn in) throws SpecException {
        JsonLocation at = in.mark();
        RawJson node = switch (in.token()) {
            case START_OBJECT -> {
                LinkedHashMap<String, RawJson> members = new LinkedHashMap<>();
                for (String key; (key = in.nextEntry()) != null; ) {
                    members.put(key, raw(in));
                }
                yield new RawJson.Obj(members);
            }
            case START_ARRAY -> {
                List<RawJson> elements = new ArrayList<>();
                while (in.next() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    elements.add(raw(in));
                }
                yield new RawJson.Arr(elements);
            }
            case VALUE_STRING -> new RawJson.Str(in.string());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new RawJson.Num(in.text());
            case VALUE_TRUE -> new RawJson.Bool(true);
            case VALUE_FALSE -> new RawJson.Bool(false);
            case VALUE_NULL -> new RawJson.Null();
            default -> throw in.error("unexpected " + in.token());
        };
        where.put(node, at);
        return node;
    }

    // --- interpretation ----------------------------------------------------------------------------------

    private NetworkConfigList list(RawJson root) throws SpecException {
        Map<String, RawJson> m = object(root, "");
        List<CniPlugin> plugins = new ArrayList<>();
        RawJson.Arr array = array(m.get("plugins"), "plugins");
        if (array != null) {
            for (int i = 0; i < array.elements().size(); i++) {
                plugins.add(plugin(array.elements().get(i), JsonPath.index("plugins", i)));
            }
        }
        return new NetworkConfigList(string(m, "cniVersion", ""), strings(m, "cniVersions", ""), string(m, "name", ""),
                bool(m, "disableCheck", "", false), bool(m, "disableGC", "", false), plugins, extra(m, LIST_KEYS));
    }

    private CniPlugin plugin(RawJson node, String path) throws SpecException {
        Map<String, RawJson> m = object(node, path);
        String type = string(m, "type", path);
        if (type == null || !CniPlugin.BUILT_IN.contains(type)) {
            return CniPlugin.external(type, extra(m, TYPE_ONLY));
        }
        RawJson ipam = m.get("ipam");
        RawJson dns = m.get("dns");
        return new CniPlugin(type, string(m, "bridge", path), bool(m, "isGateway", path), bool(m, "isDefaultGateway", path),
                bool(m, "forceAddress", path), bool(m, "ipMasq", path), bool(m, "hairpinMode", path),
                bool(m, "promiscMode", path), integer(m, "mtu", path), integer(m, "vlan", path), string(m, "master", path),
                string(m, "mode", path), present(ipam) ? ipam(ipam, JsonPath.field(path, "ipam")) : null,
                present(dns) ? dns(dns, JsonPath.field(path, "dns")) : null, extra(m, PLUGIN_KEYS));
    }

    private Ipam ipam(RawJson node, String path) throws SpecException {
        Map<String, RawJson> m = object(node, path);
        String type = string(m, "type", path);
        if (type == null || !Ipam.BUILT_IN.contains(type)) {
            return new Ipam(type, null, null, null, null, null, extra(m, TYPE_ONLY));
        }
        List<List<Ipam.IpRange>> ranges = new ArrayList<>();
        RawJson.Arr sets = array(m.get("ranges"), JsonPath.field(path, "ranges"));
        if (sets != null) {
            for (int i = 0; i < sets.elements().size(); i++) {
                String setPath = JsonPath.index(JsonPath.field(path, "ranges"), i);
                RawJson.Arr set = array(sets.elements().get(i), setPath);
                List<Ipam.IpRange> ranges1 = new ArrayList<>();
                for (int j = 0; set != null && j < set.elements().size(); j++) {
                    String at = JsonPath.index(setPath, j);
                    Map<String, RawJson> r = object(set.elements().get(j), at);
                    ranges1.add(new Ipam.IpRange(string(r, "subnet", at), string(r, "rangeStart", at),
                            string(r, "rangeEnd", at), string(r, "gateway", at), extra(r, RANGE_KEYS)));
                }
                ranges.add(ranges1);
            }
        }
        List<Ipam.Route> routes = new ArrayList<>();
        RawJson.Arr routeArray = array(m.get("routes"), JsonPath.field(path, "routes"));
        for (int i = 0; routeArray != null && i < routeArray.elements().size(); i++) {
            String at = JsonPath.index(JsonPath.field(path, "routes"), i);
            Map<String, RawJson> r = object(routeArray.elements().get(i), at);
            routes.add(new Ipam.Route(string(r, "dst", at), string(r, "gw", at), extra(r, ROUTE_KEYS)));
        }
        List<Ipam.StaticAddress> addresses = new ArrayList<>();
        RawJson.Arr addressArray = array(m.get("addresses"), JsonPath.field(path, "addresses"));
        for (int i = 0; addressArray != null && i < addressArray.elements().size(); i++) {
            String at = JsonPath.index(JsonPath.field(path, "addresses"), i);
            Map<String, RawJson> a = object(addressArray.elements().get(i), at);
            addresses.add(new Ipam.StaticAddress(string(a, "address", at), string(a, "gateway", at), extra(a, ADDRESS_KEYS)));
        }
        RawJson dns = m.get("dns");
        return new Ipam(type, ranges, routes, string(m, "dataDir", path), addresses,
                present(dns) ? dns(dns, JsonPath.field(path, "dns")) : null, extra(m, IPAM_KEYS));
    }

    private Dns dns(RawJson node, String path) throws SpecException {
        Map<String, RawJson> m = object(node, path);
        return new Dns(strings(m, "nameservers", path), string(m, "domain", path), strings(m, "search", path),
                strings(m, "options", path), extra(m, DNS_KEYS));
    }

    private static boolean present(RawJson node) {
        return node != null && !(node instanceof RawJson.Null);
    }

    private static Map<String, RawJson> extra(Map<String, RawJson> members, java.util.Set<String> known) {
        LinkedHashMap<String, RawJson> extra = new LinkedHashMap<>();
        for (Map.Entry<String, RawJson> e : members.entrySet()) {
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return extra;
    }

    private Map<String, RawJson> object(RawJson node, String path) throws SpecException {
        if (node instanceof RawJson.Obj o) {
            return o.members();
        }
        throw typeError(node, path, "an object");
    }

    private RawJson.Arr array(RawJson node, String path) throws SpecException {
        if (!present(node)) {
            return null;
        }
        if (node instanceof RawJson.Arr a) {
            return a;
        }
        throw typeError(node, path, "an array");
    }

    private String string(Map<String, RawJson> m, String key, String path) throws SpecException {
        RawJson node = m.get(key);
        if (!present(node)) {
            return null;
        }
        if (node instanceof RawJson.Str s) {
            return s.value();
        }
        throw typeError(node, JsonPath.field(path, key), "a string");
    }

    private List<String> strings(Map<String, RawJson> m, String key, String path) throws SpecException {
        String at = JsonPath.field(path, key);
        RawJson.Arr array = array(m.get(key), at);
        List<String> out = new ArrayList<>();
        for (int i = 0; array != null && i < array.elements().size(); i++) {
            RawJson element = array.elements().get(i);
            if (!(element instanceof RawJson.Str s)) {
                throw typeError(element, JsonPath.index(at, i), "a string");
            }
            out.add(s.value());
        }
        return out;
    }

    private Boolean bool(Map<String, RawJson> m, String key, String path) throws SpecException {
        RawJson node = m.get(key);
        if (!present(node)) {
            return null;
        }
        if (node instanceof RawJson.Bool b) {
            return b.value();
        }
        throw typeError(node, JsonPath.field(path, key), "a boolean");
    }

    private boolean bool(Map<String, RawJson> m, String key, String path, boolean absent) throws SpecException {
        Boolean value = bool(m, key, path);
        return value == null ? absent : value;
    }

    private Integer integer(Map<String, RawJson> m, String key, String path) throws SpecException {
        RawJson node = m.get(key);
        if (!present(node)) {
            return null;
        }
        if (node instanceof RawJson.Num n) {
            if (n.text().matches("-?\\d{1,10}")) {
                long value = Long.parseLong(n.text());
                if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                    return (int) value;
                }
            }
            throw error(node, JsonPath.field(path, key), "expected an int32, got " + n.text());
        }
        throw typeError(node, JsonPath.field(path, key), "an integer");
    }

    private SpecException typeError(RawJson node, String path, String expected) {
        String got = switch (node) {
            case RawJson.Obj o -> "an object";
            case RawJson.Arr a -> "an array";
            case RawJson.Str s -> "a string";
            case RawJson.Num n -> "a number";
            case RawJson.Bool b -> "a boolean";
            case RawJson.Null n -> "null";
        };
        return error(node, path, "expected " + expected + ", got " + got);
    }

    private SpecException error(RawJson node, String path, String problem) {
        JsonLocation at = where.get(node);
        return new SpecException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path, problem, null);
    }
}
