/**
 * Container networking from CNI configuration lists, in-process: veth pairs, bridges, macvlan devices,
 * addresses, routes and NAT, set up from the host side while the container's init waits on its sync
 * pipe, over Berth's own netlink client (no {@code ip}, no {@code nsenter}, no plugin processes for the
 * built-in types).
 *
 * <h2>API</h2>
 * <ul>
 * <li>{@link dev.berth.runtime.network.CniNetwork#setUp CniNetwork.setUp(list, attachment)} (CNI ADD)
 *     returns a {@link dev.berth.runtime.network.Result}; a failure undoes everything and throws one
 *     {@link dev.berth.runtime.network.NetworkException}.</li>
 * <li>{@link dev.berth.runtime.network.CniNetwork#tearDown CniNetwork.tearDown(list, attachment, result)}
 *     (CNI DEL, plugins in reverse order) is idempotent and works with a null result and with the
 *     container's namespace gone: allocations are found by container id on disk, NAT rules by comment.
 *     It returns once the interfaces have left every table; the kernel frees them an RCU grace period
 *     later (tens of ms), which {@link dev.berth.runtime.network.CniNetwork.Options#awaitRelease} also
 *     waits for, as the reference plugins do.</li>
 * <li>{@link dev.berth.runtime.network.CniNetwork#check CniNetwork.check} (CNI CHECK).</li>
 * <li>{@link dev.berth.runtime.network.CniNetwork#defaultBridge()}: the list for {@code --net bridge}
 *     (bridge {@code berth0}, 198.18.0.0/16, gateway, default route, masquerade).</li>
 * <li>{@link dev.berth.runtime.network.Attachment}: container id, its network namespace (path such as
 *     {@code /proc/PID/ns/net}, or an open {@link dev.berth.netlink.netns.NetNs}), interface name
 *     ({@code eth0}), the host-side namespace (default: the caller's), the data directory.</li>
 * <li>{@link dev.berth.runtime.network.Result#toJson()}/{@link dev.berth.runtime.network.Result#fromJson}
 *     for the container state; {@link dev.berth.runtime.network.Result#resolvConf()} and
 *     {@link dev.berth.runtime.network.Result#hosts(String)} for the root filesystem.</li>
 * <li>{@link dev.berth.runtime.network.NetDevices#moveIn}/{@link dev.berth.runtime.network.NetDevices#moveBack}
 *     for {@code linux.netDevices}, with {@link dev.berth.runtime.network.NetDevices#toJson} for the state;
 *     {@link dev.berth.runtime.network.NetnsPin} keeps a namespace for {@code delete}.</li>
 * </ul>
 *
 * <h2>Integration into create and delete</h2>
 * <ol>
 * <li>{@code create}, after {@code Spawner.spawn} and the id maps, before {@code go.signal()} (the init
 *     waits on its sync pipe in its new network namespace): {@code NetnsPin.pin(pid, STATE/netns)}; if
 *     {@code linux.netDevices}: {@code NetDevices.moveIn(devices, ns, null)} with
 *     {@code ns = NetNs.path(STATE/netns)}; if the annotations name a list
 *     ({@code NetworkReader.fromAnnotations}): {@code CniNetwork.standard().setUp(list,
 *     Attachment.of(id, STATE/netns))}. Register the reverse of each in the create's rollback:
 *     {@code tearDown(list, at, result)}, {@code moveBack}, {@code unpin}.</li>
 * <li>Keep in the state directory: {@code result.toJson()} and {@code NetDevices.toJson(moved)}; write
 *     {@code result.resolvConf()} / {@code result.hosts(hostname)} into the rootfs when asked.</li>
 * <li>{@code delete}: read the list again from {@code config.json}'s annotations, then
 *     {@code tearDown(list, Attachment.of(id, STATE/netns), Result.fromJson(saved) or null)},
 *     {@code NetDevices.moveBack(NetDevices.fromJson(saved), ns, null)}, {@code NetnsPin.unpin}.
 *     Each step tolerates what a crash left half done.</li>
 * </ol>
 *
 * <h2>Behaviour</h2>
 * The built-in types are those of the reference CNI plugins (containernetworking/plugins 1.1, as Debian
 * ships them) and are tested against them: {@code loopback}; {@code bridge} ({@code bridge},
 * {@code isGateway}, {@code isDefaultGateway}, {@code forceAddress}, {@code ipMasq}, {@code mtu},
 * {@code hairpinMode}, {@code promiscMode}, {@code enabledad}); {@code ptp} ({@code mtu}, {@code ipMasq});
 * {@code macvlan} ({@code master}, {@code mode}, {@code mtu}); IPAM {@code host-local} (range sets,
 * {@code rangeStart}, {@code rangeEnd}, {@code gateway}, {@code routes}, {@code dataDir},
 * {@code resolvConf}; host-local's on-disk format and default {@code /var/lib/cni/networks}) and
 * {@code static}. Other IPAM types run as programs; any other plugin type runs by the CNI protocol from
 * {@code CNI_PATH}, as do built-in types listed in
 * {@link dev.berth.runtime.network.CniNetwork.Options#withExternal}. {@code ipvlan} always runs the
 * external program (this kernel has no ipvlan driver to test Berth's against). {@code ipMasq} uses nftables
 * through {@code nft} (table {@code inet berth-NETWORK}); without {@code nft} it is an error.
 * Not supported by the built-in bridge (refused, not ignored): {@code vlan}, {@code vlanTrunk},
 * {@code macspoofchk}; host-local's requested addresses ({@code CNI_ARGS IP=}, {@code ips} capability).
 */
package dev.berth.runtime.network;
