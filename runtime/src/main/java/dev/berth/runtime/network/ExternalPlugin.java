package dev.berth.runtime.network;

import dev.berth.specs.network.NetworkWriter;
import dev.berth.specs.network.RawJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin run as a program by the CNI protocol (CNI spec, "Execution Protocol"): found by its type in
 * {@code CNI_PATH}, given {@code CNI_COMMAND}, {@code CNI_CONTAINERID}, {@code CNI_NETNS},
 * {@code CNI_IFNAME}, {@code CNI_ARGS} and {@code CNI_PATH} on top of the runtime's environment, its
 * configuration on standard input (the list's {@code name} and {@code cniVersion} added, the previous
 * result as {@code prevResult}, {@code runtimeConfig} for the capabilities it declares), its result or
 * error as JSON on standard output. It runs in the host-side namespace, as a runtime runs it.
 */
final class ExternalPlugin {
    private ExternalPlugin() {}

    /** The configuration plugin {@code index} of the list gets on its standard input. */
    static byte[] config(Session s, int index, Result prev) throws IOException {
        RawJson base = Json.parse(NetworkWriter.pluginConfig(s.list, index), "plugin configuration");
        Map<String, RawJson> m = new LinkedHashMap<>(Json.object(base));
        Map<String, RawJson> runtimeConfig = new LinkedHashMap<>();
        for (Map.Entry<String, RawJson> cap : Json.object(m.get("capabilities")).entrySet()) {
            RawJson value = s.at.capabilityArgs().get(cap.getKey());
            if (cap.getValue() instanceof RawJson.Bool b && b.value() && value != null) {
                runtimeConfig.put(cap.getKey(), value);
            }
        }
        if (!runtimeConfig.isEmpty()) {
            m.put("runtimeConfig", new RawJson.Obj(runtimeConfig));
        }
        if (prev != null) {
            m.put("prevResult", Json.parse(prev.withVersion(s.version()).toJson(), "result"));
        }
        return Json.write(new RawJson.Obj(m));
    }

    /**
     * Runs {@code type} with {@code command} and {@code stdin}; returns its standard output. A failure is a
     * {@link NetworkException} with the plugin's own message and code.
     */
    static byte[] invoke(Session s, String command, String type, byte[] stdin) throws Exception {
        String path = Exec.find(s.cniPath(), type);
        if (path == null) {
            throw new NetworkException("no plugin \"" + type + "\" in CNI_PATH (" + joinPath(s) + ")", type, 0, null);
        }
        List<String> env = environment(s, command);
        Exec.Outcome out = Exec.run(path, List.of(path), env, stdin, s.host.setnsFd());
        if (out.ok()) {
            return out.stdout();
        }
        throw failure(type, path, command, out);
    }

    /** ADD of plugin {@code index}: its result. */
    static Result add(Session s, int index, Result prev) throws Exception {
        String type = s.list.plugins().get(index).type();
        byte[] stdout = invoke(s, "ADD", type, config(s, index, prev));
        try {
            return Result.fromJson(stdout).withVersion(s.version());
        } catch (IOException e) {
            throw new NetworkException("plugin " + type + " printed no CNI result: " + e.getMessage() + ": "
                    + snippet(stdout), type, 0, e);
        }
    }

    /** DEL or CHECK of plugin {@code index}. */
    static void run(Session s, String command, int index, Result prev) throws Exception {
        String type = s.list.plugins().get(index).type();
        invoke(s, command, type, config(s, index, prev));
    }

    private static List<String> environment(Session s, String command) {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (!e.getKey().startsWith("CNI_")) {
                env.add(e.getKey() + "=" + e.getValue());
            }
        }
        env.add("CNI_COMMAND=" + command);
        env.add("CNI_CONTAINERID=" + s.containerId());
        env.add("CNI_NETNS=" + s.sandbox());
        env.add("CNI_IFNAME=" + s.ifName());
        env.add("CNI_PATH=" + joinPath(s));
        if (s.at.cniArgs() != null) {
            env.add("CNI_ARGS=" + s.at.cniArgs());
        }
        return env;
    }

    private static String joinPath(Session s) {
        List<String> dirs = new ArrayList<>();
        for (java.nio.file.Path p : s.cniPath()) {
            dirs.add(p.toString());
        }
        return String.join(":", dirs);
    }

    /** The CNI error ({@code {"code","msg","details"}}) the plugin printed, or its exit and standard error. */
    private static NetworkException failure(String type, String path, String command, Exec.Outcome out) {
        String msg = null;
        int code = 0;
        try {
            Map<String, RawJson> err = Json.object(Json.parse(out.stdout(), "error"));
            msg = Json.string(err.get("msg"));
            Integer c = Json.integer(err.get("code"));
            code = c == null ? 0 : c;
            String details = Json.string(err.get("details"));
            if (msg != null && details != null && !details.isEmpty()) {
                msg = msg + ": " + details;
            }
        } catch (IOException notJson) {
            // fall through to the exit status and standard error
        }
        if (msg == null) {
            String stderr = out.stderrText();
            msg = path + " " + out.status() + (stderr.isEmpty() ? "" : ": " + stderr)
                    + (out.stdout().length == 0 ? "" : "; output: " + snippet(out.stdout()));
        }
        return new NetworkException("plugin " + type + " (" + command + ") failed: " + msg
                + (code != 0 ? " (CNI error " + code + ")" : ""), type, code, null);
    }

    private static String snippet(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8).strip();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
