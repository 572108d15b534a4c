package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signal names, parsing as people write signals ({@code kill -s}), and masks as strace prints them. */
class SignalTest {
    @ParameterizedTest
    @CsvSource({"TERM, 15", "SIGTERM, 15", "sigterm, 15", "15, 15", "' kill ', 9", "HUP, 1", "SIGSYS, 31",
        "IOT, 6", "POLL, 29", "CLD, 17", "RTMIN, 32", "RTMIN+2, 34", "SIGRTMIN+2, 34", "rtmax, 64", "RTMAX-1, 63",
        "64, 64", "1, 1"})
    void parses(String text, int number) {
        assertEquals(number, Signal.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65", "-1", "FOO", "SIG", "", "RTMIN+33", "RTMAX+1", "RTMIN-1", "RTMIN+x", "TERM2"})
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.parse(text));
        assertEquals(true, e.getMessage().contains(text), "the message names the input: " + e.getMessage());
    }

    @Test
    void rejectionMessagesSayWhatIsWrong() {
        assertEquals("invalid signal number 65 (1..64)",
                assertThrows(IllegalArgumentException.class, () -> Signal.parse("65")).getMessage());
        assertEquals("unknown signal FOO",
                assertThrows(IllegalArgumentException.class, () -> Signal.parse("FOO")).getMessage());
        assertEquals("invalid signal RTMIN+40",
                assertThrows(IllegalArgumentException.class, () -> Signal.parse("RTMIN+40")).getMessage());
    }

    @Test
    void namesRoundTripThroughParse() {
        for (int sig = 1; sig <= Signal.NSIG; sig++) {
            assertEquals(sig, Signal.parse(Signal.name(sig)), Signal.name(sig));
        }
        assertEquals("SIGTERM", Signal.name(Signal.SIGTERM));
        assertEquals("SIGRTMIN", Signal.name(Signal.SIGRTMIN));
        assertEquals("SIGRTMIN+32", Signal.name(Signal.SIGRTMAX));
    }

    @Test
    void masks() {
        assertEquals(1L << 14 | 1L << 1, Signal.mask(Signal.SIGINT, Signal.SIGTERM));
        assertEquals("[INT TERM]", Signal.formatMask(Signal.mask(Signal.SIGTERM, Signal.SIGINT)));
        assertEquals("[RTMIN+2]", Signal.formatMask(Signal.mask(34)));
        assertEquals("[]", Signal.formatMask(0));
        assertEquals("~[]", Signal.formatMask(-1L));
        assertEquals("SIG_BLOCK", Signal.formatHow(Signal.SIG_BLOCK));
        assertEquals("SIG_SETMASK", Signal.formatHow(Signal.SIG_SETMASK));
    }
}
