package dev.berth.it.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one boot left: the serial console line by line, each with the wall time since qemu started, and how
 * qemu ended.
 *
 * @param lines the console, in order
 * @param qemuStderr what qemu itself printed (its own errors)
 * @param qemuExitCode qemu's exit status (-1 if it was killed at the timeout)
 * @param timedOut whether the timeout killed qemu
 * @param wallTime from starting qemu to its end
 * @param initramfsTime how long building the initramfs took (before qemu started)
 * @param consoleLog the file the console was copied to as it came
 */
public record VmResult(List<ConsoleLine> lines, String qemuStderr, int qemuExitCode, boolean timedOut, Duration wallTime,
        Duration initramfsTime, Path consoleLog) {

    /** One line of the serial console and when it arrived. */
    public record ConsoleLine(Duration at, String text) {}

    /** The kernel's last word before {@code reboot(LINUX_REBOOT_CMD_POWER_OFF)} turns the machine off. */
    public static final String POWER_DOWN = "reboot: Power down";

    public String console() {
        return lines.stream().map(ConsoleLine::text).collect(Collectors.joining("\n"));
    }

    /** Whether the guest powered itself off (the kernel printed {@value #POWER_DOWN}). */
    public boolean poweredOff() {
        return find(POWER_DOWN).isPresent();
    }

    /** Whether the kernel panicked (with {@code panic=-1} and {@code -no-reboot}, qemu then exits too). */
    public boolean panicked() {
        return find("Kernel panic").isPresent();
    }

    /** qemu ended by itself because the guest powered off: not the timeout, not a panic. */
    public boolean exitedCleanly() {
        return !timedOut && qemuExitCode == 0 && poweredOff() && !panicked();
    }

    /** The first line that contains {@code text}. */
    public Optional<ConsoleLine> find(String text) {
        return lines.stream().filter(l -> l.text().contains(text)).findFirst();
    }

    /** The first match of {@code regex} in a line. */
    public Optional<Matcher> find(Pattern regex) {
        for (ConsoleLine l : lines) {
            Matcher m = regex.matcher(l.text());
            if (m.find()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Wall time from qemu's start to the first line containing {@code text}. */
    public Optional<Duration> timeTo(String text) {
        return find(text).map(ConsoleLine::at);
    }

    /** A summary for assertion messages: how qemu ended and the console's last lines. */
    public String describe() {
        // A panic's stack trace would push the lines that explain it out of view: end at the panic.
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).text().contains("Kernel panic")) {
                end = i + 1;
                break;
            }
        }
        int from = Math.max(0, end - 40);
        return "qemu " + (timedOut ? "killed at the timeout" : "exited with " + qemuExitCode) + " after "
                + wallTime.toMillis() + " ms" + (qemuStderr.isBlank() ? "" : "; qemu said: " + qemuStderr.strip())
                + "; console (" + consoleLog + "), last lines:\n" + lines.subList(from, end).stream()
                        .map(ConsoleLine::text).collect(Collectors.joining("\n"));
    }
}
