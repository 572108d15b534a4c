package dev.berth.netlink.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A golden fixture: the netlink datagrams of one {@code ip} run, captured with strace by
 * {@code src/test/golden/capture.sh}. Its first lines say the command and the iproute2, kernel and
 * strace versions.
 */
public record Golden(String name, List<String> comments, List<Datagram> datagrams) {
    /** One datagram: {@code sent} by ip, or received from the kernel. */
    public record Datagram(boolean sent, String call, byte[] bytes) {}

    /** All fixture names. */
    public static final List<String> ALL = List.of("addr-add", "addr-add6", "addr-dump", "link-add-bridge",
            "link-add-dummy", "link-add-duplicate", "link-add-ipvlan", "link-add-macvlan", "link-add-unknown-kind",
            "link-add-veth", "link-add-vlan", "link-add-vxlan", "link-del", "link-dump", "link-set-master",
            "link-set-hairpin", "link-set-promisc", "link-set", "link-show-lo", "neigh-add", "neigh-dump",
            "route-add-default", "route-add-multipath", "route-add", "route-dump", "rule-add", "rule-dump");

    public static Golden load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".nl")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            List<String> comments = new ArrayList<>();
            List<Datagram> datagrams = new ArrayList<>();
            boolean sent = false;
            String call = null;
            StringBuilder hex = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("#")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith(">") || line.startsWith("<")) {
                    if (hex != null) {
                        datagrams.add(new Datagram(sent, call, HexFormat.of().parseHex(hex)));
                    }
                    sent = line.startsWith(">");
                    call = line.split(" ")[1];
                    hex = new StringBuilder();
                } else if (hex != null) {
                    hex.append(line.replace(" ", ""));
                }
            }
            if (hex != null) {
                datagrams.add(new Datagram(sent, call, HexFormat.of().parseHex(hex)));
            }
            return new Golden(name, comments, datagrams);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code nlmsg_seq} of the first message in {@code datagram}, read raw (not through the codec). */
    public static int seqOf(byte[] datagram) {
        return java.nio.ByteBuffer.wrap(datagram).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** {@code nlmsg_pid} of the first message in {@code datagram}, read raw. */
    public static int pidOf(byte[] datagram) {
        return java.nio.ByteBuffer.wrap(datagram).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(12);
    }

    /** The {@code n}th datagram ip sent (0-based). */
    public byte[] sent(int n) {
        return datagrams.stream().filter(Datagram::sent).skip(n).findFirst().orElseThrow().bytes();
    }

    /** The {@code n}th datagram ip received (0-based). */
    public byte[] received(int n) {
        return datagrams.stream().filter(d -> !d.sent()).skip(n).findFirst().orElseThrow().bytes();
    }

    /** The last datagram ip sent: the request the command is about (earlier ones resolve names). */
    public byte[] lastSent() {
        return datagrams.stream().filter(Datagram::sent).reduce((a, b) -> b).orElseThrow().bytes();
    }

    /** The datagram received right after the last one sent: usually the ACK or error. */
    public byte[] replyToLast() {
        int last = -1;
        for (int i = 0; i < datagrams.size(); i++) {
            if (datagrams.get(i).sent()) {
                last = i;
            }
        }
        return datagrams.get(last + 1).bytes();
    }
}
