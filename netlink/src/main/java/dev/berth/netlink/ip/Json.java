package dev.berth.netlink.ip;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny streaming JSON writer, compact like {@code ip -j} prints: {@code [{"a":1,"b":"x"}]}. Keeps the
 * netlink module free of JSON libraries. Strings are escaped as RFC 8259 requires.
 */
final class Json {
    private final StringBuilder sb;
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    Json(StringBuilder sb) {
        this.sb = sb;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (first.peek()) {
                first.pop();
                first.push(false);
            } else {
                sb.append(',');
            }
        }
    }

    Json beginObject() {
        separate();
        sb.append('{');
        first.push(true);
        return this;
    }

    Json endObject() {
        first.pop();
        sb.append('}');
        return this;
    }

    Json beginArray() {
        separate();
        sb.append('[');
        first.push(true);
        return this;
    }

    Json endArray() {
        first.pop();
        sb.append(']');
        return this;
    }

    Json name(String name) {
        separate();
        quote(name);
        sb.append(':');
        afterName = true;
        return this;
    }

    Json value(String s) {
        separate();
        if (s == null) {
            sb.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    Json value(long n) {
        separate();
        sb.append(n);
        return this;
    }

    Json value(boolean b) {
        separate();
        sb.append(b);
        return this;
    }

    Json nullValue() {
        separate();
        sb.append("null");
        return this;
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
