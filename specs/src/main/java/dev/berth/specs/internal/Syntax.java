package dev.berth.specs.internal;

import java.util.regex.Pattern;

/** Small syntax checks shared by the validators: SemVer, cpu lists, interface names, environment entries. */
public final class Syntax {
    // semver.org's recommended expression for SemVer 2.0.0
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,9})(?:-(\\d{1,9}))?\\s*");

    /** The kernel's IFNAMSIZ, including the terminating NUL. */
    public static final int IFNAMSIZ = 16;

    private Syntax() {}

    public static boolean isSemver(String version) {
        return SEMVER.matcher(version).matches();
    }

    /**
     * Orders two SemVer strings by major, minor and patch (pre-release tags ignored): negative, zero or positive.
     * SemVer puts no bound on the numbers, so they are compared as digit strings, never parsed:
     * {@code 99999999999999999999.0.0} is a valid version that no {@code long} holds.
     */
    public static int compareSemverCore(String a, String b) {
        String[] x = a.split("[-+]", 2)[0].split("\\.");
        String[] y = b.split("[-+]", 2)[0].split("\\.");
        for (int i = 0; i < 3; i++) {
            // SemVer numbers have no leading zeros, so the longer one is larger
            int c = x[i].length() != y[i].length() ? Integer.compare(x[i].length(), y[i].length()) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * A cpuset-style list such as {@code 0-3,7} (cpuset(7) "List format"); the empty string, which the
     * spec and clients use for "unset", is accepted.
     */
    public static boolean isCpuList(String list) {
        if (list.isBlank()) {
            return true;
        }
        for (String element : list.split(",", -1)) {
            var m = RANGE.matcher(element);
            if (!m.matches() || (m.group(2) != null && Long.parseLong(m.group(2)) < Long.parseLong(m.group(1)))) {
                return false;
            }
        }
        return true;
    }

    /** The kernel's dev_valid_name(): 1 to 15 bytes, not {@code .} or {@code ..}, no {@code /}, {@code :} or whitespace. */
    public static boolean isInterfaceName(String name) {
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= IFNAMSIZ
                || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == 0 || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code name} is not an interface name, for messages. */
    public static String interfaceNameProblem(String name) {
        return JsonPath.quote(name) + " is not a valid interface name (1 to 15 bytes; no \"/\", \":\" or whitespace; not \".\" or \"..\")";
    }

    /** An environment entry {@code NAME=value} with a non-empty name. */
    public static boolean isEnvEntry(String entry) {
        int eq = entry.indexOf('=');
        return eq > 0;
    }

    public static boolean hasNul(String s) {
        return s.indexOf('\0') >= 0;
    }

    public static boolean isAbsolute(String path) {
        return path.startsWith("/");
    }
}
