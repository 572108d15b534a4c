/**
 * The rtnetlink wire format, without I/O: {@link dev.berth.netlink.codec.Message} and its
 * {@link dev.berth.netlink.codec.Body}, the family headers ({@code struct ifinfomsg}, {@code ifaddrmsg},
 * {@code rtmsg}, {@code ndmsg}, {@code fib_rule_hdr}), {@link dev.berth.netlink.codec.Attr attributes}
 * built with {@link dev.berth.netlink.codec.Attrs.Builder}, and {@link dev.berth.netlink.codec.Codec}.
 * Constants keep the kernel's names, one class per family ({@link dev.berth.netlink.codec.Ifla},
 * {@link dev.berth.netlink.codec.Rta}, ...). See {@code netlink(7)} and {@code rtnetlink(7)}.
 */
package dev.berth.netlink.codec;
