package dev.berth.netlink.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address parsing and printing match {@code inet_pton(3)}/{@code inet_ntop(3)} (glibc) and never resolve names. */
class InetTest {
    @ParameterizedTest
    @CsvSource({
        "198.18.0.1, c6120001",
        "0.0.0.0, 00000000",
        "::, 00000000000000000000000000000000",
        "::1, 00000000000000000000000000000001",
        "2001:2::1, 20010002000000000000000000000001",
        "fe80::5421:5ff:fe22:4498, fe80000000000000542105fffe224498",
        "2001:db8:0:1:1:1:1:1, 20010db8000000010001000100010001",
        "2001:db8::1:0:0:1, 20010db8000000000001000000000001",
        "::ffff:198.18.0.1, 00000000000000000000ffffc6120001",
        "1::, 00010000000000000000000000000000",
    })
    void parsesAndPrintsLikeInetNtop(String text, String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        assertArrayEquals(raw, Inet.parse(text));
        assertEquals(text, Inet.format(raw));
    }

    @Test
    void refusesWhatIsNotALiteral() {
        for (String bad : new String[] {"example.com", "198.18.0", "198.18.0.256", "1:2:3:4:5:6:7:8:9", "1::2::3",
            ":1", "", "01234::"}) {
            assertFalse(Inet.isAddress(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Inet.parse(bad), bad);
        }
    }

    @Test
    void prefixes() {
        Inet.Prefix p = Inet.Prefix.parse("198.18.0.77/24");
        assertEquals(24, p.length());
        assertEquals("198.18.0.0/24", p.network().toString());
        assertEquals("198.18.0.255", Inet.format(p.broadcast()));
        assertEquals(32, Inet.Prefix.parse("198.18.0.1").length());
        assertEquals("2001:2::/48", Inet.Prefix.parse("2001:2::1/48").network().toString());
        assertThrows(IllegalArgumentException.class, () -> Inet.Prefix.parse("198.18.0.1/33"));
        assertThrows(IllegalArgumentException.class, () -> Inet.Prefix.parse("198.18.0.1/"));
    }

    @Test
    void macs() {
        assertEquals("02:00:00:00:00:0a", Inet.formatMac(Inet.parseMac("02:00:00:00:00:0A")));
        assertThrows(IllegalArgumentException.class, () -> Inet.parseMac("02:00:zz:00:00:01"));
    }
}
