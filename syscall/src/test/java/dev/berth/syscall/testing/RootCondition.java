package dev.berth.syscall.testing;

import dev.berth.syscall.Syscalls;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link RootTest}s for root, skips them for others, and fails them under CI without root. */
public final class RootCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Syscalls.geteuid() == 0) {
            return ConditionEvaluationResult.enabled("running as root");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("root tests must run as root under CI (CI=true): " + context.getDisplayName());
        }
        return ConditionEvaluationResult.disabled("needs root: run the tests as root (sudo ./berth test)");
    }
}
