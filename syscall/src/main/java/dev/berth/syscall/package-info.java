/**
 * System calls, constants and errors of the Linux kernel ABI, scriptable from Java as ljsyscall made
 * them scriptable from LuaJIT.
 *
 * <h2>One mechanism</h2>
 * Every call goes through libc's {@code syscall(2)} with the number from the running architecture's
 * table ({@link dev.berth.syscall.Arch}: x86_64 and aarch64), linked once per arity with
 * {@code Linker.Option.captureCallState("errno")} ({@link dev.berth.syscall.Raw}). Raw numbers rather
 * than libc's named wrappers because: the calling convention is uniform (result or {@code -errno}); Berth
 * needs calls that glibc 2.36 and musl do not wrap ({@code open_tree}, {@code fsconfig},
 * {@code mount_setattr}, {@code pidfd_getfd}, {@code clone3}); the spawn engine's trampoline uses the
 * same numbers; and the ABI test can check every number against the kernel headers.
 *
 * <h2>Layers</h2>
 * <ul>
 * <li>{@link dev.berth.syscall.Raw}: {@code call(nr, args...)} returning the kernel's value.</li>
 * <li>Constant families under kernel names: {@link dev.berth.syscall.Clone}, {@link dev.berth.syscall.Mount},
 * {@link dev.berth.syscall.Open}, {@link dev.berth.syscall.At}, {@link dev.berth.syscall.Signal},
 * {@link dev.berth.syscall.Prctl}, {@link dev.berth.syscall.Caps}, {@link dev.berth.syscall.Seccomp},
 * {@link dev.berth.syscall.Ioctl}, {@link dev.berth.syscall.Sock}, ... each able to print a flags
 * value symbolically ({@code MS_BIND|MS_REC}).</li>
 * <li>Friendly wrappers by family: {@link dev.berth.syscall.Syscalls} (processes, credentials,
 * namespaces, system), {@link dev.berth.syscall.Fs}, {@link dev.berth.syscall.Mounts},
 * {@link dev.berth.syscall.Signals}, {@link dev.berth.syscall.Sockets}, {@link dev.berth.syscall.Epolls},
 * {@link dev.berth.syscall.Terminals}, {@link dev.berth.syscall.Memory}.</li>
 * <li>Failures: {@link dev.berth.syscall.ErrnoException} with errno name, call and arguments as strace
 * prints them.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Namespaces, credentials, the working directory of a thread after {@code unshare(CLONE_FS)}, and
 * signal masks belong to the calling OS thread. Run such calls on a dedicated platform thread
 * ({@link dev.berth.syscall.NsThread}), never on a virtual thread.
 */
package dev.berth.syscall;
