package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks that a test class left the real host as it found it: its interfaces, its nft tables, the named
 * network namespaces, {@code /run/cni} and {@code /var/lib/cni} (every test works in namespaces and a data
 * directory of its own).
 */
final class HostGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HostGuard.class);

    static List<String> state() throws Exception {
        List<String> out = new ArrayList<>();
        out.add("links: " + run("ip", "-o", "link", "show").lines().map(l -> l.split(":")[1].strip()).sorted().toList());
        out.add("netns: " + run("ip", "netns", "list"));
        if (Exec.find(Exec.systemPath(), "nft") != null) {
            out.add("nft: " + run("nft", "list", "tables"));
        }
        for (String d : List.of("/run/cni", "/var/lib/cni")) {
            out.add(d + ": " + (Files.exists(Path.of(d)) ? "exists" : "absent"));
        }
        return out;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.strip();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(NS).put("before", state());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) context.getStore(NS).get("before");
        assertEquals(String.join("\n", before), String.join("\n", state()), "the host after " + context.getDisplayName());
    }
}
