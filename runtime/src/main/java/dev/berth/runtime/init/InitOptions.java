package dev.berth.runtime.init;

import dev.berth.syscall.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code berth init} was asked to do.
 *
 * @param command the payload's argv (empty in VM mode with a spec that has a process)
 * @param processGroup {@code -g}: signals go to the payload's process group, not only the payload
 * @param setsid {@code --setsid}: the payload leads a new session (dumb-init's default mode) and gets
 *     stdin as its controlling terminal when that is a tty
 * @param subreaper become a child subreaper when not PID 1 ({@code --no-subreaper} turns it off)
 * @param drain {@code --drain}: after the payload ends, wait until every other process has ended too
 * @param graceSeconds {@code --grace}: after a SIGTERM is forwarded, SIGKILL everything left once this
 *     many seconds have passed; negative for never
 * @param successCodes {@code -e CODE}: exit codes reported as 0
 * @param delays {@code --delay SIG:SECONDS}: signals held this long before they are forwarded
 * @param rewrites {@code --rewrite SIG:SIG}: signals forwarded as another (0 = dropped)
 * @param verbose {@code -v}: say what happens on stderr
 * @param spec {@code --spec FILE}: VM mode's configuration (Berth's network extension, hostname, process)
 * @param vm {@code --vm} forces VM mode, {@code --no-vm} forbids it; {@code null} detects it
 */
public record InitOptions(List<String> command, boolean processGroup, boolean setsid, boolean subreaper, boolean drain,
        double graceSeconds, Set<Integer> successCodes, Map<Integer, Double> delays, Map<Integer, Integer> rewrites,
        boolean verbose, Path spec, Boolean vm) {

    public static final String USAGE = """
            usage: berth init [options] -- COMMAND [ARGS...]

            Runs COMMAND as the child of an init: reaps every process, forwards signals, exits with
            COMMAND's status (128+signal if a signal killed it). As the real PID 1 of a VM it also
            mounts /proc, /sys, /dev, /run, brings up the network and powers off at the end.

              -g                forward signals to COMMAND's process group
              --setsid          run COMMAND in a new session (its controlling tty is stdin, if a tty)
              -e CODE           report exit code CODE as 0 (repeatable; e.g. -e 143 for a JVM)
              --no-subreaper    do not become a child subreaper when not PID 1
              --drain           after COMMAND ends, wait for every other process to end
              --grace SECONDS   after forwarding SIGTERM, SIGKILL everything left after SECONDS
                                (default 10; 0 kills at once; -1 never)
              --delay SIG:SEC   hold SIG for SEC seconds before forwarding it (repeatable)
              --rewrite SIG:SIG forward the first signal as the second; SIG:0 drops it (repeatable)
              --spec FILE       VM mode: hostname, network and process from an OCI config.json
              --vm, --no-vm     force or forbid VM mode (default: PID 1 with no /proc mounted)
              -v                tell what happens on stderr
            """;

    /** Parses {@code berth init}'s arguments. */
    public static InitOptions parse(String[] args) {
        boolean group = false;
        boolean setsid = false;
        boolean subreaper = true;
        boolean drain = false;
        boolean verbose = false;
        double grace = 10;
        Set<Integer> success = new HashSet<>();
        Map<Integer, Double> delays = new HashMap<>();
        Map<Integer, Integer> rewrites = new HashMap<>();
        Path spec = null;
        Boolean vm = null;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-")) {
                break;
            }
            switch (a) {
                case "-g", "--pgroup" -> group = true;
                case "--setsid" -> setsid = true;
                case "--no-subreaper" -> subreaper = false;
                case "-s", "--subreaper" -> subreaper = true;
                case "--drain" -> drain = true;
                case "-v", "--verbose" -> verbose = true;
                case "--vm" -> vm = true;
                case "--no-vm" -> vm = false;
                case "-e" -> {
                    int code = parseInt(value(args, i++, a), a);
                    if (code < 0 || code > 255) {
                        throw new IllegalArgumentException("-e: exit code must be 0..255, not " + code);
                    }
                    success.add(code);
                }
                case "--grace" -> grace = parseSeconds(value(args, i++, a), a, true);
                case "--delay" -> {
                    String[] p = pair(value(args, i++, a), a);
                    delays.put(Signal.parse(p[0]), parseSeconds(p[1], a, false));
                }
                case "--rewrite", "-r" -> {
                    String[] p = pair(value(args, i++, a), a);
                    rewrites.put(Signal.parse(p[0]), p[1].equals("0") ? 0 : Signal.parse(p[1]));
                }
                case "--spec" -> spec = Path.of(value(args, i++, a));
                default -> throw new IllegalArgumentException("unknown option " + a + " (see berth init --help)");
            }
        }
        List<String> command = new ArrayList<>(List.of(args).subList(i, args.length));
        if (command.isEmpty() && spec == null) {
            throw new IllegalArgumentException("no command to run: berth init [options] -- COMMAND [ARGS...]");
        }
        return new InitOptions(List.copyOf(command), group, setsid, subreaper, drain, grace, Set.copyOf(success),
                Map.copyOf(delays), Map.copyOf(rewrites), verbose, spec, vm);
    }

    private static String value(String[] args, int i, String option) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i + 1];
    }

    private static String[] pair(String text, String option) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + ": expected SIG:VALUE, not \"" + text + "\"");
        }
        return new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    private static int parseInt(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: \"" + text + "\"");
        }
    }

    private static double parseSeconds(String text, String option, boolean negativeAllowed) {
        try {
            double s = Double.parseDouble(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
            if (Double.isNaN(s) || Double.isInfinite(s) || (s < 0 && !(negativeAllowed && s == -1))) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number of seconds: \"" + text + "\"");
        }
    }
}
