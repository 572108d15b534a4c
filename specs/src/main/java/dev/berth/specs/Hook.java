package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * A program run at a lifecycle event, with the container's state on its standard input.
 *
 * @param path absolute path of the program (execv(3)'s path)
 * @param args argv, including argv[0]
 * @param env environment, {@code NAME=value} entries
 * @param timeout seconds before the hook is aborted, null for none
 */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    public Hook {
        Objects.requireNonNull(path, "path");
        args = Immutable.list(args);
        env = Immutable.list(env);
    }
}
