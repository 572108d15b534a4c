package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Stat#makedev} against glibc's {@code makedev(3)} ({@code <sys/sysmacros.h>}). The expected
 * values were printed by {@code printf("%llx", (unsigned long long)makedev(major, minor))} with gcc 12
 * and glibc 2.36 on x86_64.
 */
class StatTest {
    @ParameterizedTest
    @CsvSource({
        "0x0, 0x0, 0x0",
        "0x1, 0x3, 0x103", // /dev/null
        "0x8, 0x11, 0x811", // /dev/sdb1
        "0x88, 0x0, 0x8800", // /dev/pts/0
        "0x103, 0x12345, 0x12310345", // a minor beyond 8 bits
        "0xfff, 0xff, 0xfffff",
        "0x1000, 0x100, 0x100000100000", // a major beyond 12 bits
        "0xfffff, 0xfffff, 0xff000ffffffff",
        "0xffffffff, 0xffffffff, 0xffffffffffffffff", // every bit, as unsigned ints
        "0x12345678, 0x9abcdef0, 0x123459abcde678f0"})
    void makedevIsGlibcs(String major, String minor, String dev) {
        assertEquals(Long.parseUnsignedLong(dev.substring(2), 16),
                Stat.makedev(Integer.parseUnsignedInt(major.substring(2), 16),
                        Integer.parseUnsignedInt(minor.substring(2), 16)));
    }
}
