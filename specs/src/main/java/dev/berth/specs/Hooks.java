package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;

/**
 * The lifecycle hooks ({@code hooks}), each list run in order.
 *
 * @param prestart deprecated; run during create, in the runtime namespace, before {@code createRuntime}
 * @param createRuntime during create, in the runtime namespace, before pivot_root
 * @param createContainer during create, in the container namespace, before pivot_root
 * @param startContainer during start, in the container, before the process is executed
 * @param poststart after the process is executed, before start returns
 * @param poststop after the container is deleted, before delete returns
 */
public record Hooks(
        List<Hook> prestart,
        List<Hook> createRuntime,
        List<Hook> createContainer,
        List<Hook> startContainer,
        List<Hook> poststart,
        List<Hook> poststop) {

    /** The JSON names of the hook lists, in lifecycle order. */
    public static final List<String> NAMES =
            List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");

    public Hooks {
        prestart = Immutable.list(prestart);
        createRuntime = Immutable.list(createRuntime);
        createContainer = Immutable.list(createContainer);
        startContainer = Immutable.list(startContainer);
        poststart = Immutable.list(poststart);
        poststop = Immutable.list(poststop);
    }

    /** The list named {@code name} (one of {@link #NAMES}). */
    public List<Hook> byName(String name) {
        return switch (name) {
            case "prestart" -> prestart;
            case "createRuntime" -> createRuntime;
            case "createContainer" -> createContainer;
            case "startContainer" -> startContainer;
            case "poststart" -> poststart;
            case "poststop" -> poststop;
            default -> throw new IllegalArgumentException("no hook list " + name);
        };
    }
}
