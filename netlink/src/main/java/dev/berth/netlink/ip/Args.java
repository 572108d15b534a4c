package dev.berth.netlink.ip;

import java.util.List;

/**
 * The words of a command line and a cursor over them, with iproute2's {@code matches()} rule: a word
 * may abbreviate a keyword ({@code a} for {@code address}, {@code sh} for {@code show}).
 */
final class Args {
    private final List<String> words;
    private int pos;

    Args(List<String> words) {
        this.words = words;
    }

    boolean more() {
        return pos < words.size();
    }

    String peek() {
        return more() ? words.get(pos) : null;
    }

    String next() {
        if (!more()) {
            throw new UsageException("Command line is not complete. Try option \"help\"");
        }
        return words.get(pos++);
    }

    /** The value after keyword {@code key}. */
    String value(String key) {
        if (!more()) {
            throw new UsageException("Command line is not complete: \"" + key + "\" needs a value. Try option \"help\"");
        }
        return words.get(pos++);
    }

    /** Whether the next word is {@code keyword} exactly; consumes it if so. */
    boolean accept(String keyword) {
        if (more() && words.get(pos).equals(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** The words not yet consumed. */
    List<String> rest() {
        return words.subList(pos, words.size());
    }

    /** iproute2's {@code matches(word, keyword)}: a non-empty prefix of the keyword. */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }
}
