package dev.berth.specs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Spec;
import dev.berth.specs.SpecReader;
import dev.berth.specs.validate.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the benchmark honest: its document is a valid config of at least 1 MiB. */
class BenchDocumentTest {
    @Test
    void benchmarkDocumentIsAValidMegabyteConfig() throws Exception {
        byte[] config = SpecParseBench.bigConfig(1 << 20);
        assertTrue(config.length >= 1 << 20 && config.length < 2 << 20, "size " + config.length);
        Spec spec = SpecReader.readConfig(config, "config.json");
        assertEquals(List.of(), SpecValidator.validate(spec));
        assertTrue(spec.linux().seccomp().syscalls().size() > 1000);
    }
}
