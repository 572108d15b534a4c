package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;

import dev.berth.specs.Linux;
import dev.berth.specs.Spec;
import java.util.Set;

/**
 * {@code linux.sysctl}: /proc/sys is only partly namespaced, so a key is allowed only with the namespace
 * that isolates it, as runc decides: the IPC ones with an ipc namespace, {@code net.*} with a network
 * namespace, {@code kernel.domainname} with a uts namespace; anything else would change the host.
 */
final class SysctlCheck implements Check {
    private static final Set<String> IPC_KEYS = Set.of(
            "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax",
            "kernel.shmmni", "kernel.shm_rmid_forced");

    @Override
    public void check(Spec spec, Violations out) {
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        for (var e : linux.sysctl().entrySet()) {
            String at = field("linux.sysctl", e.getKey());
            out.nul(at, e.getValue());
            String key = dotted(e.getKey());
            if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                out.add(at, "is not a sysctl name");
            } else if (IPC_KEYS.contains(key) || key.startsWith("fs.mqueue.")) {
                if (linux.namespace("ipc") == null) {
                    out.add(at, "requires an ipc namespace");
                }
            } else if (key.startsWith("net.")) {
                if (linux.namespace("network") == null) {
                    out.add(at, "requires a network namespace");
                }
            } else if (key.equals("kernel.domainname")) {
                if (linux.namespace("uts") == null) {
                    out.add(at, "requires a uts namespace");
                }
            } else if (key.equals("kernel.hostname")) {
                out.add(at, "conflicts with the hostname property; set that instead");
            } else {
                out.add(at, "is not namespaced: setting it would change the host");
            }
        }
    }

    /**
     * sysctl(8) also accepts {@code /} as the separator, in which case dots belong to names
     * ({@code net/ipv4/conf/eth0.100/rp_filter}): swap the two to get the dotted form.
     */
    static String dotted(String key) {
        int first = indexOfAny(key);
        if (first < 0 || key.charAt(first) == '.') {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            sb.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return sb.toString();
    }

    private static int indexOfAny(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.' || key.charAt(i) == '/') {
                return i;
            }
        }
        return -1;
    }
}
