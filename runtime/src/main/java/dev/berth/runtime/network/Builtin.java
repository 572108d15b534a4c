package dev.berth.runtime.network;

import dev.berth.specs.network.CniPlugin;

/**
 * A plugin type Berth runs in-process, behaving as the reference CNI plugin of the same name: the same
 * options, the same interfaces, addresses and routes, the same result.
 */
interface Builtin {
    /** ADD of plugin {@code index} ({@code p}) after {@code prev}; everything it does is registered in {@code undo}. */
    Result add(Session s, int index, CniPlugin p, Result prev, Undo undo) throws Exception;

    /** DEL: removes what ADD made for the session's container; idempotent, and works without {@code prev}. */
    void del(Session s, int index, CniPlugin p, Result prev) throws Exception;

    /** CHECK: what ADD made is still there. */
    void check(Session s, int index, CniPlugin p, Result prev) throws Exception;

    /** The built-in types. */
    static Builtin of(String type) {
        return switch (type) {
            case "loopback" -> new Loopback();
            case "bridge" -> new Bridge();
            case "ptp" -> new Ptp();
            case "macvlan" -> new Macvlan();
            default -> null;
        };
    }
}
