package dev.berth.specs.validate;

import dev.berth.specs.Spec;

/** One group of rules; it adds every violation it finds and never stops at the first. */
@FunctionalInterface
interface Check {
    void check(Spec spec, Violations out);
}
