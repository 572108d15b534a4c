/** Berth's container runtime, PID 1, and the {@code berth} command line. */
module dev.berth.runtime {
    requires dev.berth.syscall;
    requires dev.berth.netlink;
    requires dev.berth.specs;

    exports dev.berth.runtime;
}
