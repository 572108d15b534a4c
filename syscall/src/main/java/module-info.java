/**
 * The Linux kernel ABI from Java: raw system calls through FFM with errno captured per call
 * ({@link dev.berth.syscall.Raw}), friendly wrappers by family ({@link dev.berth.syscall.Syscalls},
 * {@link dev.berth.syscall.Fs}, {@link dev.berth.syscall.Mounts}, ...), constants under their kernel
 * names, one record per kernel struct ({@code dev.berth.syscall.struct}), and the spawn engine.
 * Needs {@code --enable-native-access=dev.berth.syscall}.
 */
module dev.berth.syscall {
    exports dev.berth.syscall;
    exports dev.berth.syscall.struct;
    exports dev.berth.syscall.spawn;
}
