package dev.berth.specs.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random configs that are valid by both the schema and Berth's rules, for the cross-check. */
final class RandomConfigs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RandomConfigs() {}

    private static <T> List<T> some(Random r, List<T> from, int max) {
        List<T> copy = new ArrayList<>(from);
        Collections.shuffle(copy, r);
        return copy.subList(0, r.nextInt(Math.min(max, copy.size()) + 1));
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    static JsonNode valid(Random r) {
        ObjectNode doc = NODES.objectNode();
        doc.put("ociVersion", r.nextInt(2) + "." + r.nextInt(4) + "." + r.nextInt(3) + (r.nextBoolean() ? "" : "-dev"));
        doc.putObject("root").put("path", r.nextBoolean() ? "rootfs" : "/var/lib/x/rootfs").put("readonly", r.nextBoolean());
        List<String> namespaces = new ArrayList<>(some(r, KnownNames.NAMESPACES, 8));
        if (!namespaces.contains("mount")) {
            namespaces.add("mount");
        }
        namespaces.remove("user");
        namespaces.remove("time");

        ObjectNode process = doc.putObject("process");
        process.put("terminal", r.nextBoolean());
        process.set("args", strings(List.of("sh", "-c", "exit " + r.nextInt(3))));
        process.set("env", strings(List.of("PATH=/bin", "N" + r.nextInt(100) + "=v")));
        process.put("cwd", "/" + (r.nextBoolean() ? "" : "tmp"));
        process.putObject("user").put("uid", r.nextInt(65536)).put("gid", r.nextInt(65536)).put("umask", r.nextInt(0777));
        List<String> caps = some(r, KnownNames.CAPABILITIES, 10);
        process.putObject("capabilities").<ObjectNode>set("bounding", strings(caps)).<ObjectNode>set("permitted", strings(caps))
                .set("effective", strings(caps.subList(0, caps.size() / 2)));
        ArrayNode rlimits = process.putArray("rlimits");
        for (String type : some(r, KnownNames.RLIMITS, 5)) {
            long hard = r.nextInt(1 << 20);
            rlimits.addObject().put("type", type).put("hard", hard).put("soft", hard / 2);
        }
        process.put("noNewPrivileges", r.nextBoolean());
        process.put("oomScoreAdj", r.nextInt(2001) - 1000);
        if (r.nextBoolean()) {
            process.putObject("ioPriority").put("class", KnownNames.IOPRIO_CLASSES.get(r.nextInt(3))).put("priority", r.nextInt(8));
        }

        ArrayNode mounts = doc.putArray("mounts");
        mounts.addObject().put("destination", "/proc").put("type", "proc").put("source", "proc");
        for (int i = 0; i < r.nextInt(4); i++) {
            mounts.addObject().put("destination", "/data" + i).put("type", "none").put("source", "/srv/" + i)
                    .set("options", strings(List.of("rbind", r.nextBoolean() ? "ro" : "rw")));
        }
        if (r.nextBoolean()) {
            doc.putObject("hooks").putArray("poststop").addObject().put("path", "/bin/hook").put("timeout", 1 + r.nextInt(60));
        }
        if (namespaces.contains("uts") && r.nextBoolean()) {
            doc.put("hostname", "h" + r.nextInt(1000));
        }
        doc.putObject("annotations").put("com.example.k" + r.nextInt(10), "v");

        ObjectNode linux = doc.putObject("linux");
        ArrayNode ns = linux.putArray("namespaces");
        namespaces.forEach(t -> ns.addObject().put("type", t));
        if (namespaces.contains("network") && r.nextBoolean()) {
            linux.putObject("sysctl").put("net.ipv4.ip_forward", "1");
        }
        linux.set("maskedPaths", strings(some(r, List.of("/proc/kcore", "/proc/keys", "/sys/firmware"), 3)));
        linux.put("rootfsPropagation", List.of("private", "shared", "slave", "unbindable").get(r.nextInt(4)));
        ObjectNode resources = linux.putObject("resources");
        resources.putArray("devices").addObject().put("allow", false).put("access", "rwm");
        long limit = (1L + r.nextInt(1024)) << 20;
        resources.putObject("memory").put("limit", limit).put("swap", limit * 2).put("swappiness", r.nextInt(101));
        resources.putObject("cpu").put("shares", 2 + r.nextInt(4096)).put("quota", 1000 + r.nextInt(100000))
                .put("period", 1000 + r.nextInt(999000)).put("cpus", "0-" + r.nextInt(8));
        resources.putObject("pids").put("limit", r.nextInt(5000) - 1);
        if (r.nextBoolean()) {
            resources.putArray("hugepageLimits").addObject().put("pageSize", "2MB").put("limit", r.nextInt(1 << 30));
        }
        ObjectNode seccomp = linux.putObject("seccomp");
        seccomp.put("defaultAction", r.nextBoolean() ? "SCMP_ACT_ALLOW" : "SCMP_ACT_ERRNO");
        seccomp.set("architectures", strings(some(r, KnownNames.SECCOMP_ARCHS, 3)));
        ArrayNode syscalls = seccomp.putArray("syscalls");
        for (int i = 0; i < r.nextInt(5); i++) {
            ObjectNode rule = syscalls.addObject();
            rule.set("names", strings(List.of("syscall" + i, "other" + i)));
            String action = KnownNames.SECCOMP_ACTIONS.get(r.nextInt(KnownNames.SECCOMP_ACTIONS.size() - 1));
            rule.put("action", action);
            if (KnownNames.SECCOMP_ERRNO_ACTIONS.contains(action)) {
                rule.put("errnoRet", r.nextInt(134));
            }
            if (r.nextBoolean()) {
                rule.putArray("args").addObject().put("index", r.nextInt(6)).put("value", r.nextLong() >>> 1)
                        .put("op", KnownNames.SECCOMP_OPERATORS.get(r.nextInt(7)));
            }
        }
        return doc;
    }
}
