package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.berth.specs.SpecException;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import dev.berth.specs.network.NetworkValidator;
import dev.berth.specs.network.NetworkWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What comes from outside the runtime in the CNI format never gets more than a typed error: a network
 * configuration list (annotations, {@code --net FILE}) read and validated, and a CNI result (an external
 * plugin's standard output, or the copy in the state directory) read back. Whatever reads is written and
 * read again to the same thing.
 *
 * <p>{@link #readersNeverCrash} is a Jazzer {@code @FuzzTest}: a normal test run replays the inputs kept under
 * {@code src/test/resources/.../CniConfigFuzzTestInputs/}, {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 * {@link #mutatedSeedsNeverCrash} checks the same property on seeded random mutations of those inputs.
 */
class CniConfigFuzzTest {
    private static final String SEEDS = "CniConfigFuzzTestInputs/readersNeverCrash/";
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999",
        "\"plugins\"", "\"ipam\"", "\"ranges\"", "\"subnet\"", "\"198.18.0.0/33\"", "\"::/0\"", "\"type\"", "\"\\u0000\"",
        "\"cniVersion\"", "\"0.3.1\"", "\"ips\"", "\"interfaces\"", "\"interface\"", "99999999999999999999"};

    @FuzzTest(maxDuration = "10s")
    void readersNeverCrash(byte[] input) {
        check(input);
    }

    @Test
    void mutatedSeedsNeverCrash() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : List.of("bridge-conflist", "result-1.0")) {
            try (InputStream in = getClass().getResourceAsStream(SEEDS + name)) {
                seeds.add(in.readAllBytes());
            }
        }
        Random r = new Random(11);
        int[] read = new int[4];
        for (int i = 0; i < 5000; i++) {
            read[check(mutate(seeds.get(r.nextInt(seeds.size())), r))]++;
        }
        // not only the error paths: mutants that still read went through validation and the round trip
        int lists = read[1] + read[3];
        int results = read[2] + read[3];
        assertTrue(lists > 200 && results > 200, "lists read " + lists + ", results read " + results);
    }

    /** Checks one input; returns 1 if it read as a list, 2 if as a result, 0 if neither. */
    static int check(byte[] input) {
        NetworkConfigList list;
        try {
            list = NetworkReader.read(input, "fuzz");
        } catch (SpecException refused) {
            list = null;
        }
        if (list != null) {
            NetworkValidator.validate(list);
            byte[] written = NetworkWriter.toBytes(list);
            try {
                assertEquals(list, NetworkReader.read(written, "again"), "the list changed in a write and read");
            } catch (SpecException e) {
                throw new AssertionError("a list that read cannot be read once written: "
                        + new String(written, StandardCharsets.UTF_8), e);
            }
        }
        Result result;
        try {
            result = Result.fromJson(input);
        } catch (IOException refused) {
            return list == null ? 0 : 1;
        }
        result.hosts("h");
        result.resolvConf();
        byte[] written = result.toJson();
        try {
            assertEquals(result, Result.fromJson(written), "the result changed in a write and read");
        } catch (IOException e) {
            throw new AssertionError("a result that read cannot be read once written: "
                    + new String(written, StandardCharsets.UTF_8), e);
        }
        return list == null ? 2 : 3;
    }

    /** A few random edits: tokens inserted, bytes flipped, cut or doubled. */
    static byte[] mutate(byte[] seed, Random r) {
        StringBuilder s = new StringBuilder(new String(seed, StandardCharsets.ISO_8859_1));
        int edits = r.nextInt(4) == 0 ? 2 : 1;
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(4)) {
                case 0 -> s.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 1 -> s.setCharAt(at, (char) r.nextInt(256));
                case 2 -> s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(20)));
                default -> s.insert(at, s.substring(at, Math.min(s.length(), at + 1 + r.nextInt(40))));
            }
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
