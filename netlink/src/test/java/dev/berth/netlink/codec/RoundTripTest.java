package dev.berth.netlink.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every datagram of every golden fixture decodes and encodes back to the same bytes. */
class RoundTripTest {
    static List<String> fixtures() {
        return Golden.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyDatagramSurvivesDecodeThenEncode(String name) {
        Golden g = Golden.load(name);
        assertFalse(g.datagrams().isEmpty(), name);
        for (Golden.Datagram d : g.datagrams()) {
            List<Message> messages = Codec.decode(d.bytes());
            byte[] again = Codec.encode(messages);
            // iproute2 sends its request struct whole; the kernel stops at the zero length after the message.
            byte[] tail = Arrays.copyOfRange(d.bytes(), Math.min(again.length, d.bytes().length), d.bytes().length);
            assertArrayEquals(new byte[tail.length], tail, () -> name + ": non-zero bytes after the last message");
            byte[] used = Arrays.copyOf(d.bytes(), Math.min(again.length, d.bytes().length));
            assertArrayEquals(used, again, () -> name + " " + d.call() + "\nwant " + HexFormat.of().formatHex(used)
                    + "\ngot  " + HexFormat.of().formatHex(again) + "\n" + messages);
        }
    }
}
