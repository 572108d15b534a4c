package dev.berth.syscall.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs root. It runs when the JVM is root; otherwise it is skipped with a message,
 * except under CI ({@code CI=true}), where a skipped root test would hide a gap and fails instead.
 * Select or drop them with {@code -Dberth.test.groups=root} / {@code !root}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("root")
@ExtendWith(RootCondition.class)
public @interface RootTest {}
