package dev.berth.specs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Seccomp;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecException;
import dev.berth.specs.SpecReader;
import dev.berth.specs.SpecWriter;
import dev.berth.specs.validate.KnownNames;
import dev.berth.specs.validate.SpecValidator;
import dev.berth.specs.validate.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a ~1 MB config.json: Berth's streaming reader into the records, against jackson-databind's
 * {@code readTree} (which only builds a tree, no binding). Run by {@code bench/specs.sh}.
 *
 * <p>The document is docker-like and compact (as docker and containerd write it), grown to 1 MB with
 * what real configs are big with: a seccomp profile of many rules, mounts, environment, annotations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SpecParseBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private byte[] config;

    /** A valid docker-like config of about {@code targetBytes}, compact. */
    public static byte[] bigConfig(int targetBytes) throws IOException {
        Spec base = DefaultSpecs.runcLike();
        List<Mount> mounts = new ArrayList<>(base.mounts());
        List<String> env = new ArrayList<>(base.process().env());
        Map<String, String> annotations = new LinkedHashMap<>();
        List<Seccomp.Syscall> rules = new ArrayList<>();
        int i = 0;
        byte[] bytes;
        do {
            for (int k = 0; k < 50; k++, i++) {
                List<String> names = new ArrayList<>();
                for (int n = 0; n < 20; n++) {
                    names.add("syscall_" + i + "_" + n);
                }
                rules.add(new Seccomp.Syscall(names, KnownNames.SECCOMP_ACTIONS.get(i % 7), null,
                        i % 3 == 0 ? List.of(new Seccomp.Arg(0, 2114060288L + i, 0, "SCMP_CMP_MASKED_EQ")) : List.of()));
                mounts.add(new Mount("/var/lib/data/volume-" + i, "none", "/srv/volumes/" + i + "/_data",
                        List.of("rbind", "rprivate", i % 2 == 0 ? "ro" : "rw")));
                env.add("VARIABLE_" + i + "=value-of-variable-number-" + i);
                annotations.put("com.example.annotation." + i, "annotation value " + i);
            }
            Linux linux = base.linux().withSeccomp(new Seccomp("SCMP_ACT_ERRNO", 1L,
                    List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), List.of(), null, null, rules));
            Spec spec = base.withMounts(mounts).withAnnotations(annotations).withLinux(linux)
                    .withProcess(base.process().withEnv(env));
            bytes = MAPPER.writeValueAsBytes(MAPPER.readTree(SpecWriter.toBytes(spec)));
        } while (bytes.length < targetBytes);
        return bytes;
    }

    @Setup
    public void setup() throws IOException, SpecException {
        config = bigConfig(1 << 20);
        List<Violation> violations = SpecValidator.validate(SpecReader.readConfig(config, "config.json"));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("benchmark config is invalid: " + violations);
        }
    }

    /** Prints the size in bytes of the benchmark's document, for bench/specs.sh's report. */
    public static void main(String[] args) throws IOException {
        System.out.println(bigConfig(1 << 20).length);
    }

    @Benchmark
    public Spec berthReader() throws SpecException {
        return SpecReader.readConfig(config, "config.json");
    }

    @Benchmark
    public List<Violation> berthReaderAndValidator() throws SpecException {
        return SpecValidator.validate(SpecReader.readConfig(config, "config.json"));
    }

    @Benchmark
    public JsonNode databindReadTree() throws IOException {
        return MAPPER.readTree(config);
    }
}
