/** Berth's container runtime, PID 1, and the {@code berth} command line. */
module dev.berth.runtime {
    requires dev.berth.syscall;
    requires dev.berth.netlink;
    requires dev.berth.specs;
    requires com.fasterxml.jackson.core;

    exports dev.berth.runtime;
}
