/**
 * {@code berth ip}: the {@code ip(8)} verbs and output over Berth's netlink, entered through
 * {@link dev.berth.netlink.ip.IpCommand}.
 */
package dev.berth.netlink.ip;
