/**
 * Berth's network extension: a CNI network configuration list (the format of the CNI spec's
 * {@code .conflist} files) named by the config's annotations, as a model and its validation. The
 * runtime executes it: the built-in types ({@code bridge}, {@code ptp}, {@code macvlan}, {@code ipvlan},
 * {@code loopback} with {@code host-local} or {@code static} IPAM) in-process, any other type as an
 * external CNI plugin that receives its configuration verbatim.
 *
 * <p>Entry points: {@link dev.berth.specs.network.NetworkReader#fromAnnotations},
 * {@link dev.berth.specs.network.NetworkValidator#validate},
 * {@link dev.berth.specs.network.NetworkWriter}.
 */
package dev.berth.specs.network;
