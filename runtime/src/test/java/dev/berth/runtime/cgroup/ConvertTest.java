package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conversions between OCI values and kernel files. */
class ConvertTest {
    /**
     * Expected weights from the reference formula (opencontainers/cgroups ConvertCPUSharesToCgroupV2Value,
     * runc 1.3+), computed with Python's math.log2/pow/ceil; the default 1024 lands on v2's default 100.
     */
    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "2,1", "3,2", "128,21", "512,59", "1000,99", "1024,100", "2048,174", "4096,303",
        "100000,4340", "262143,10000", "262144,10000", "1000000,10000"})
    void cpuSharesToWeight(long shares, long weight) {
        assertEquals(weight, Convert.cpuSharesToWeight(shares));
    }

    @Test
    void log2IsExactOnPowersOfTwo() {
        for (int i = 1; i < 40; i++) {
            assertEquals(i, Convert.log2(Math.pow(2, i)));
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0", "10,1", "100,910", "500,4950", "1000,10000"})
    void blkioWeightToIoWeight(long blkio, long io) {
        assertEquals(io, Convert.blkioWeightToIoWeight(blkio));
    }

    @Test
    void swapToV2FollowsRunc() throws Exception {
        assertEquals(-1, Convert.swapToV2(0, -1), "unlimited memory, swap unset: both unlimited");
        assertEquals(0, Convert.swapToV2(0, 1000));
        assertEquals(-1, Convert.swapToV2(-1, 1000));
        assertEquals(5000, Convert.swapToV2(5000, -1));
        assertEquals(512, Convert.swapToV2(1536, 1024));
        assertEquals(0, Convert.swapToV2(1024, 1024));
        CgroupException e = assertThrows(CgroupException.class, () -> Convert.swapToV2(1000, 0));
        assertTrue(e.getMessage().contains("needs a memory limit"), e.getMessage());
        assertThrows(CgroupException.class, () -> Convert.swapToV2(1000, 2000));
    }

    @Test
    void limitsAndLists() {
        assertEquals("max", Convert.v2Max(-1));
        assertEquals("1024", Convert.v2Max(1024));
        assertEquals("-1", Convert.v1Bytes(-1));
        assertEquals(-1, Convert.parseLimit("max\n"));
        assertEquals(9223372036854771712L, Convert.parseLimit("9223372036854771712\n"));
        assertEquals(-1, Convert.parseLimit("18446744073709551615"));
        assertEquals(List.of(0, 1, 2, 3, 7), Convert.parseList("0-3,7\n"));
        assertEquals(List.of(), Convert.parseList("\n"));
    }
}
