package dev.berth.netlink.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the bytes, {@link Codec#decode} returns messages or throws {@link MalformedMessageException} (at a
 * message boundary inside the datagram), nothing else: no index out of bounds, no huge allocation, no other
 * exception. What decodes encodes to messages of the same lengths, whose bytes differ from the input only where
 * the encoder writes padding zeros, and which decode back to equal messages.
 *
 * <p>Two Jazzer {@code @FuzzTest}s: {@link #anyDatagram} mutates bytes, starting from every datagram of the golden
 * fixtures (real kernel traffic: link, address, route, neighbour and rule messages, dumps, errors with
 * extended ACKs); {@link #generatedDatagrams} builds datagrams from the decoder's own policies
 * ({@link DatagramGenerator}). In the unit-test run they replay the inputs kept under
 * {@code src/test/resources/dev/berth/netlink/codec/CodecFuzzTestInputs/} (every finding becomes one) and the
 * seeds; the build's {@code netlink-fuzz-*} executions fuzz each for a short while ({@code JAZZER_FUZZ=1}),
 * {@code bench/fuzz.sh} for long. {@link #randomDatagramsKeepTheProperty} checks the same property on seeded
 * random datagrams.
 */
class CodecFuzzTest {
    static Stream<Arguments> goldenDatagrams() {
        List<Arguments> out = new ArrayList<>();
        for (String name : Golden.ALL) {
            List<Golden.Datagram> datagrams = Golden.load(name).datagrams();
            for (int i = 0; i < datagrams.size(); i++) {
                out.add(Arguments.of(Named.of(name + "#" + i, datagrams.get(i).bytes())));
            }
        }
        return out.stream();
    }

    @MethodSource("goldenDatagrams")
    @FuzzTest(maxDuration = "10s")
    void anyDatagram(byte[] datagram) {
        check(datagram);
    }

    @FuzzTest(maxDuration = "10s")
    void generatedDatagrams(FuzzedDataProvider data) {
        check(DatagramGenerator.datagram(DatagramGenerator.Choices.of(data)));
    }

    @Test
    void randomDatagramsKeepTheProperty() {
        Random random = new Random(20261127);
        DatagramGenerator.Choices choices = DatagramGenerator.Choices.of(random);
        for (int i = 0; i < 5000; i++) {
            check(DatagramGenerator.datagram(choices));
        }
        List<byte[]> golden = goldenDatagrams().map(a -> (byte[]) ((Named<?>) a.get()[0]).getPayload()).toList();
        for (int i = 0; i < 3000; i++) {
            byte[] d = golden.get(random.nextInt(golden.size())).clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                int at = random.nextInt(d.length);
                d[at] = random.nextInt(3) == 0 ? (byte) DatagramGenerator.EDGES[random.nextInt(DatagramGenerator.EDGES.length)]
                        : (byte) random.nextInt(256);
            }
            check(d);
        }
    }

    /** The property, for one datagram: see the class comment. */
    static void check(byte[] datagram) {
        List<Message> messages;
        try {
            messages = Codec.decode(datagram);
        } catch (MalformedMessageException e) {
            assertTrue(e.offset() >= 0 && e.offset() < datagram.length && e.offset() % 4 == 0, e::getMessage);
            return;
        }
        List<int[]> frames = frames(datagram);
        assertEquals(frames.size(), messages.size(), "messages in " + hex(datagram));
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            int start = frames.get(i)[0];
            int len = frames.get(i)[1];
            byte[] encoded = Codec.encode(m);
            assertEquals(len, encoded.length, () -> "nlmsg_len of " + m);
            assertEquals(encoded.length, Codec.size(m));
            for (int j = 0; j < len; j++) {
                int at = j;
                assertTrue(encoded[j] == datagram[start + j] || encoded[j] == 0,
                        () -> "byte " + at + " of " + m + "\nin  " + hex(java.util.Arrays.copyOfRange(datagram, start, start + len))
                                + "\nout " + hex(encoded));
            }
        }
        byte[] encoded = Codec.encode(messages);
        List<Message> again = Codec.decode(encoded);
        assertEquals(messages, again);
        assertArrayEquals(encoded, Codec.encode(again), "encoding is not stable");
    }

    /** Start and length of each message, framed the way the kernel frames them ({@code NLMSG_NEXT}). */
    private static List<int[]> frames(byte[] datagram) {
        ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        List<int[]> out = new ArrayList<>();
        int pos = 0;
        while (datagram.length - pos >= Nl.NLMSG_HDRLEN && b.getInt(pos) != 0) {
            int len = b.getInt(pos);
            out.add(new int[] {pos, len});
            pos += Nl.align(len);
        }
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
