package dev.berth.netlink.ip;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.syscall.ErrnoException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code berth ip}: the {@code ip} command of iproute2 ({@code ip(8)}) for links, addresses, routes,
 * neighbours, rules, network namespaces and monitoring, over Berth's netlink.
 *
 * <pre>
 * berth ip [-j] [-4|-6] [-n NETNS] OBJECT COMMAND...
 *   OBJECT := link | address | route | neighbour | rule | netns | monitor
 * </pre>
 *
 * Human output has {@code ip}'s line shapes; {@code -j} prints JSON with iproute2's field names. An error
 * is one line on {@code err} and a non-zero status: 1 for a command line {@code ip} would refuse, 2 when
 * the kernel refused (as {@code ip} does), with the kernel's own message.
 */
public final class IpCommand {
    private IpCommand() {}

    private static final String USAGE = """
            Usage: berth ip [ OPTIONS ] OBJECT { COMMAND | help }
            where  OBJECT := { link | address | route | neighbour | rule | netns | monitor }
                   OPTIONS := { -j[son] | -4 | -6 | -n[etns] NAME }""";

    /**
     * Runs one command.
     *
     * @param args the words after {@code ip}, such as {@code ["link", "add", "v0", "type", "veth", "peer", "name", "v1"]}
     * @param out where output goes
     * @param err where the one-line error goes
     * @return the exit status: 0, 1 (bad command line) or 2 (the kernel refused)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Long.MAX_VALUE);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}; {@code monitor} stops after {@code maxEvents}. */
    static int run(String[] args, PrintStream out, PrintStream err, long maxEvents) {
        try {
            return dispatch(Arrays.asList(args), out, maxEvents);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 1;
        } catch (NetlinkException e) {
            err.println(e.getMessage());
            return 2;
        } catch (ErrnoException e) {
            err.println(e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    private static int dispatch(List<String> words, PrintStream out, long maxEvents) throws ErrnoException {
        boolean json = false;
        int family = 0;
        String netns = null;
        int i = 0;
        for (; i < words.size() && words.get(i).startsWith("-"); i++) {
            String opt = words.get(i).replaceFirst("^--?", "");
            switch (opt) {
                case "j", "json" -> json = true;
                case "4" -> family = 2;
                case "6" -> family = 10;
                case "p", "pretty", "d", "details", "s", "stats", "statistics" -> {}
                case "n", "netns" -> {
                    if (++i >= words.size()) {
                        throw new UsageException("No netns name specified");
                    }
                    netns = words.get(i);
                }
                case "V", "Version" -> {
                    out.println("berth ip, iproute2-compatible subset");
                    return 0;
                }
                case "h", "help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> throw new UsageException("Option \"" + words.get(i) + "\" is unknown, try \"ip -help\".");
            }
        }
        if (i >= words.size()) {
            throw new UsageException(USAGE);
        }
        String object = words.get(i);
        Args a = new Args(words.subList(i + 1, words.size()));
        try (Ctx c = new Ctx(json, family, netns, out)) {
            if (Args.matches(object, "address")) {
                AddrCmd.run(c, a);
            } else if (Args.matches(object, "route")) {
                RouteCmd.run(c, a);
            } else if (Args.matches(object, "rule")) {
                RuleCmd.run(c, a);
            } else if (Args.matches(object, "neighbour") || Args.matches(object, "neighbor")) {
                NeighCmd.run(c, a);
            } else if (Args.matches(object, "link")) {
                LinkCmd.run(c, a);
            } else if (object.length() >= 2 && Args.matches(object, "monitor")) {
                MonitorCmd.run(c, a, maxEvents);
            } else if (object.length() >= 3 && Args.matches(object, "netns")) {
                NetnsCmd.run(c, a);
            } else if (object.equals("help")) {
                out.println(USAGE);
            } else {
                throw new UsageException("Object \"" + object + "\" is unknown, try \"ip help\".");
            }
        }
        return 0;
    }
}
