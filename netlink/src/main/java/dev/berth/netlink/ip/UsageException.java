package dev.berth.netlink.ip;

/** A command line {@code ip} would refuse: printed as one line, exit status 1 (iproute2's for usage errors). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
