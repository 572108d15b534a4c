package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Features;
import dev.berth.specs.Process;
import dev.berth.specs.Resources;
import dev.berth.specs.Spec;
import dev.berth.specs.State;
import dev.berth.specs.internal.Syntax;
import java.util.List;

/**
 * The rules of config.md and config-linux.md that reading cannot apply because they involve more than
 * one value or a value's meaning: absolute paths, known names, duplicates, ranges, properties that need
 * a namespace. Where the spec is silent, runc's behaviour is the guide. Every check runs and every
 * violation is returned, each with its JSON path; an empty list means valid.
 *
 * <p>The checks, in order: document (version, root, hostname, annotations), process, mounts, hooks,
 * namespaces and id mappings, sysctl, devices, seccomp, and the rest of {@code linux} including resources.
 * Berth is deliberately stricter than the spec in a few places (relative mount destinations, unknown
 * capability names, {@code root} required); see the cross-check test's notes.
 */
public final class SpecValidator {
    private static final List<Check> CHECKS = checks(false);
    private static final List<Check> CREATE_CHECKS = checks(true);

    private SpecValidator() {}

    private static List<Check> checks(boolean forCreate) {
        return List.of(
                new DocumentCheck(forCreate),
                new ProcessCheck(),
                new MountCheck(),
                new HookCheck(),
                new NamespaceCheck(),
                new SysctlCheck(),
                new DeviceCheck(),
                new SeccompCheck(),
                new LinuxMiscCheck());
    }

    /** Validates a config.json document. */
    public static List<Violation> validate(Spec spec) {
        return run(spec, CHECKS);
    }

    /**
     * Validates a config for creating a Linux container from it: the document rules, plus a
     * {@code process} (the spec requires one to start the container) and the Linux rules even when the
     * document has no {@code linux} section.
     */
    public static List<Violation> validateForCreate(Spec spec) {
        Violations out = new Violations();
        if (spec.process() == null) {
            out.add("process", "required to start the container");
        }
        for (Check check : CREATE_CHECKS) {
            check.check(spec, out);
        }
        return out.list();
    }

    private static List<Violation> run(Spec spec, List<Check> checks) {
        Violations out = new Violations();
        for (Check check : checks) {
            check.check(spec, out);
        }
        return out.list();
    }

    /** Validates a lone process object ({@code exec --process}); paths are relative to it ({@code cwd}). */
    public static List<Violation> validateProcess(Process process) {
        Violations out = new Violations();
        ProcessCheck.check(process, "", out);
        return out.list();
    }

    /** Validates a lone resources object ({@code update --resources}); paths are relative to it. */
    public static List<Violation> validateResources(Resources resources) {
        Violations out = new Violations();
        ResourcesCheck.check(resources, "", out);
        return out.list();
    }

    /** Validates a state document (runtime.md "State"). */
    public static List<Violation> validateState(State state) {
        Violations out = new Violations();
        if (!Syntax.isSemver(state.ociVersion())) {
            out.add("ociVersion", quote(state.ociVersion()) + " is not a SemVer 2.0 version");
        }
        if (state.id().isEmpty()) {
            out.add("id", "must not be empty");
        }
        if (!Syntax.isAbsolute(state.bundle())) {
            out.add("bundle", "must be an absolute path");
        }
        boolean live = state.status() == State.Status.CREATED || state.status() == State.Status.RUNNING
                || state.status() == State.Status.PAUSED;
        if (live && state.pid() <= 0) {
            out.add("pid", "required when the status is " + state.status().json());
        }
        return out.list();
    }

    /** Validates a features document: both versions SemVer, the minimum not above the maximum. */
    public static List<Violation> validateFeatures(Features features) {
        Violations out = new Violations();
        boolean min = Syntax.isSemver(features.ociVersionMin());
        boolean max = Syntax.isSemver(features.ociVersionMax());
        if (!min) {
            out.add("ociVersionMin", quote(features.ociVersionMin()) + " is not a SemVer 2.0 version");
        }
        if (!max) {
            out.add("ociVersionMax", quote(features.ociVersionMax()) + " is not a SemVer 2.0 version");
        }
        if (min && max && Syntax.compareSemverCore(features.ociVersionMin(), features.ociVersionMax()) > 0) {
            out.add("ociVersionMin", "is above ociVersionMax " + quote(features.ociVersionMax()));
        }
        return out.list();
    }
}
