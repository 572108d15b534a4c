package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;

/**
 * JSON paths as Berth prints them: {@code process.args[1]}, {@code linux.sysctl["net.ipv4.ip_forward"]}.
 * A name that is not a plain identifier is quoted in brackets, so every path reads back unambiguously.
 */
public final class JsonPath {
    private JsonPath() {}

    /** {@code parent.name}, or {@code parent["na.me"]} for names that are not identifiers. */
    public static String field(String parent, String name) {
        StringBuilder sb = new StringBuilder(parent.length() + name.length() + 4).append(parent);
        appendName(sb, name, parent.isEmpty());
        return sb.toString();
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return parent + '[' + index + ']';
    }

    /** The path of the value the parser context points at. */
    public static String of(JsonStreamContext context) {
        ArrayDeque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                // before the first element the index is -1: the path is the array itself
                if (c.hasCurrentIndex()) {
                    sb.append('[').append(c.getCurrentIndex()).append(']');
                }
            } else if (c.getCurrentName() != null) {
                appendName(sb, c.getCurrentName(), sb.isEmpty());
            }
        }
        return sb.toString();
    }

    private static void appendName(StringBuilder sb, String name, boolean first) {
        if (isIdentifier(name)) {
            if (!first) {
                sb.append('.');
            }
            sb.append(name);
        } else {
            sb.append("[\"");
            appendEscaped(sb, name);
            sb.append("\"]");
        }
    }

    static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code s} with quotes, backslashes and control characters escaped as in JSON. */
    public static void appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** {@code "s"} quoted and escaped for messages, cut at 80 characters so hostile input stays readable. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder().append('"');
        appendEscaped(sb, s.length() > 80 ? s.substring(0, 80) : s);
        if (s.length() > 80) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
