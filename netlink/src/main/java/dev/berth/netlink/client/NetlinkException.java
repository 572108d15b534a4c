package dev.berth.netlink.client;

import dev.berth.syscall.ErrnoException;
import java.util.List;

/**
 * The kernel refused a netlink request. Besides the errno it carries the kernel's extended-ACK message
 * ({@code NLMSGERR_ATTR_MSG}, see {@code netlink(7)}), so the message reads the way iproute2 reports it:
 * <pre>
 * RTM_NEWLINK(NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, ifname "x0", kind "nosuchkind")
 *     = -1 EOPNOTSUPP (Operation not supported): Error: Unknown device type.
 * </pre>
 * The "call" is the request's message type, the "arguments" its flags and the attributes that name
 * what it was about.
 */
public class NetlinkException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    private final String kernelMessage;
    private final int offset;

    /**
     * @param errno the positive errno
     * @param call the request's message type name ({@code RTM_NEWLINK})
     * @param arguments the request rendered for people
     * @param kernelMessage the extended-ACK message, or null
     * @param offset the extended-ACK offset of the blamed attribute in the request, or -1
     */
    public NetlinkException(int errno, String call, List<String> arguments, String kernelMessage, int offset) {
        this(null, errno, call, arguments, null, kernelMessage, offset);
    }

    private NetlinkException(String context, int errno, String call, List<String> arguments, Throwable cause,
            String kernelMessage, int offset) {
        super(context, errno, call, arguments, cause);
        this.kernelMessage = kernelMessage;
        this.offset = offset;
    }

    /** The kernel's own explanation ({@code "Unknown device type"}), or null when it sent none. */
    public String kernelMessage() {
        return kernelMessage;
    }

    /** The byte offset in the request of the attribute the kernel blamed, or -1. */
    public int offset() {
        return offset;
    }

    @Override
    public String getMessage() {
        String base = super.getMessage();
        if (kernelMessage == null || kernelMessage.isEmpty()) {
            return base;
        }
        return base + ": Error: " + kernelMessage + (kernelMessage.endsWith(".") ? "" : ".");
    }

    /**
     * The kernel's error the way {@code ip} prints it: {@code "Error: Unknown device type."} when the
     * kernel explained, else the {@code strerror} text as in {@code "RTNETLINK answers: File exists"}.
     */
    public String iprouteMessage() {
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            return "Error: " + kernelMessage + (kernelMessage.endsWith(".") ? "" : ".");
        }
        return "RTNETLINK answers: " + dev.berth.syscall.Errno.message(errno());
    }

    @Override
    public NetlinkException withContext(String context) {
        String mine = contextPrefix();
        return new NetlinkException(mine == null ? context : context + ": " + mine, errno(), call(), arguments(),
                this, kernelMessage, offset);
    }

    private String contextPrefix() {
        String full = super.getMessage();
        String line = callLine();
        return full.equals(line) ? null : full.substring(0, full.length() - line.length() - 2);
    }
}
