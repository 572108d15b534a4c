package dev.berth.specs.network;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;

/**
 * A CNI network configuration list: the plugins that set up one interface of the container, run in
 * order with each one's result passed to the next.
 *
 * @param cniVersion CNI spec version of the list, null when absent
 * @param cniVersions other versions the list is valid for (CNI 1.1)
 * @param name network name, null when absent
 * @param disableCheck skip the CHECK operation
 * @param disableGC skip the GC operation (CNI 1.1)
 * @param plugins the plugins, in order
 * @param extra keys Berth does not interpret, as written
 */
public record NetworkConfigList(String cniVersion, List<String> cniVersions, String name, boolean disableCheck,
        boolean disableGC, List<CniPlugin> plugins, Map<String, RawJson> extra) {
    public NetworkConfigList {
        cniVersions = Immutable.list(cniVersions);
        plugins = Immutable.list(plugins);
        extra = Immutable.map(extra);
    }
}
