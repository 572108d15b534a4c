package dev.berth.netlink.ip;

/**
 * One output, text or JSON, with iproute2's printing model: each field is printed through one call that
 * names its JSON key and its text format ({@code print_string(PRINT_ANY, "mtu", "mtu %u ", ...)} in
 * iproute2), so the two forms cannot drift apart. "Text only" and "JSON only" calls cover the rest.
 */
final class Out {
    private final boolean json;
    private final StringBuilder sb = new StringBuilder(4096);
    private final Json w;

    Out(boolean json) {
        this.json = json;
        this.w = new Json(sb);
    }

    boolean json() {
        return json;
    }

    /** A string field: {@code "key":"value"} in JSON, {@code fmt} with {@code %s} replaced in text. */
    Out str(String key, String fmt, String value) {
        if (json) {
            if (key != null) {
                w.name(key);
            }
            w.value(value);
        } else {
            text(fmt, value);
        }
        return this;
    }

    /** A number field. */
    Out num(String key, String fmt, long value) {
        if (json) {
            if (key != null) {
                w.name(key);
            }
            w.value(value);
        } else {
            text(fmt, Long.toString(value));
        }
        return this;
    }

    /** A true flag: {@code "key":true} in JSON, {@code fmt} in text. */
    Out flag(String key, String fmt) {
        if (json) {
            w.name(key).value(true);
        } else {
            sb.append(fmt);
        }
        return this;
    }

    /** Text only. */
    Out text(String s) {
        if (!json) {
            sb.append(s);
        }
        return this;
    }

    /** JSON only: a string. */
    Out jsonStr(String key, String value) {
        if (json) {
            w.name(key).value(value);
        }
        return this;
    }

    /** JSON only: a number. */
    Out jsonNum(String key, long value) {
        if (json) {
            w.name(key).value(value);
        }
        return this;
    }

    Out beginObject() {
        if (json) {
            w.beginObject();
        }
        return this;
    }

    Out endObject() {
        if (json) {
            w.endObject();
        }
        return this;
    }

    /** A JSON array named {@code key} (or anonymous at top level); nothing in text. */
    Out beginArray(String key) {
        if (json) {
            if (key != null) {
                w.name(key);
            }
            w.beginArray();
        }
        return this;
    }

    Out endArray() {
        if (json) {
            w.endArray();
        }
        return this;
    }

    private void text(String fmt, String value) {
        int at = fmt.indexOf("%s");
        if (at < 0) {
            sb.append(fmt);
        } else {
            sb.append(fmt, 0, at).append(value).append(fmt, at + 2, fmt.length());
        }
    }

    /** Everything printed so far; JSON gets its final newline. */
    String finish() {
        if (json) {
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Hands over what is buffered (for streaming output such as {@code monitor}). */
    String drain() {
        String s = sb.toString();
        sb.setLength(0);
        return s;
    }
}
