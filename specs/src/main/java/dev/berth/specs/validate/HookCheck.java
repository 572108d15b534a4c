package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;

import dev.berth.specs.Hook;
import dev.berth.specs.Hooks;
import dev.berth.specs.Spec;
import java.util.List;

/** config.md "POSIX-platform Hooks": absolute paths, positive timeouts. */
final class HookCheck implements Check {
    @Override
    public void check(Spec spec, Violations out) {
        Hooks hooks = spec.hooks();
        if (hooks == null) {
            return;
        }
        for (String name : Hooks.NAMES) {
            List<Hook> list = hooks.byName(name);
            for (int i = 0; i < list.size(); i++) {
                Hook hook = list.get(i);
                String at = index(field("hooks", name), i);
                out.absolute(field(at, "path"), hook.path());
                out.nuls(field(at, "args"), hook.args());
                out.env(field(at, "env"), hook.env());
                if (hook.timeout() != null && hook.timeout() <= 0) {
                    out.add(field(at, "timeout"), "must be greater than zero, got " + hook.timeout());
                }
            }
        }
    }
}
