/**
 * seccomp for containers, without libseccomp: {@link dev.berth.runtime.seccomp.SeccompCompiler} turns the OCI
 * {@code linux.seccomp} object into a classic BPF program ({@link dev.berth.runtime.seccomp.SeccompProgram}), and
 * {@link dev.berth.runtime.seccomp.SeccompListener} hands a {@code SCMP_ACT_NOTIFY} listener fd to
 * {@code listenerPath}. {@link dev.berth.runtime.seccomp.BpfRenderer} prints a program for {@code --debug}.
 *
 * <h2>Integration into a container's init plan</h2>
 *
 * Compile on the host, before the clone (errors are {@link dev.berth.runtime.seccomp.SeccompException}, a
 * {@code ConfigException} with JSON paths):
 * <pre>{@code
 * SeccompProgram p = SeccompCompiler.compile(spec.linux().seccomp(), Arch.current());
 * }</pre>
 * Then, in the child's plan:
 * <ol>
 *   <li><b>With {@code process.noNewPrivileges}</b> (docker, podman and containerd set it by default): after
 *       every other step of the process (rlimits, cwd, bounding set, user switch, capabilities, ambient set,
 *       {@code noNewPrivs()}, umask), as the last step before the epilogue and {@code execve}:
 *       {@code b.seccomp(p.flags(), p.instructions())}. The epilogue's own calls ({@code fcntl}, {@code dup3},
 *       {@code rt_sigprocmask}) and {@code execve} then run under the filter, as runc's do.</li>
 *   <li><b>Without it</b> the kernel requires {@code CAP_SYS_ADMIN} in the effective set to install a filter:
 *       install it before the capability and user steps ({@code ProcessSteps.identity}), as runc does; the
 *       remaining steps run under the filter and must be allowed by it (the client profiles allow them).</li>
 *   <li><b>When {@link dev.berth.runtime.seccomp.SeccompProgram#newListener()}</b>: the install step returns the
 *       listener fd; keep it in a slot and send it to the parent right away over a connected unix socket the
 *       parent made for it (a {@code socketpair}, the child's end kept by the plan), then close it:
 *       <pre>{@code
 * Slot listener = b.slot();
 * b.seccomp(p.flags(), p.instructions()).into(listener).label("linux.seccomp")
 *  .sendFd(FdRef.of(seccompSocket), listener, "seccomp".getBytes(UTF_8)).label("linux.seccomp.listenerPath")
 *  .close(listener);
 *       }</pre>
 *       The parent, after the steps it does while the child waits on the sync pipe, receives it
 *       ({@code Sockets.receiveFds(parentEnd, 64, 1)}) and forwards it with
 *       {@code SeccompListener.send(fd, p.listenerPath(), state, pid, p.listenerMetadata())} (state with status
 *       {@code creating}), then closes its copy, all before {@code create} returns. The compiler refuses
 *       {@code SCMP_ACT_NOTIFY} on {@code sendmsg} (the hand-off would wait on itself) and as the default action.
 *       Calls the child makes after the hand-off may be notified; the agent answers them.</li>
 * </ol>
 *
 * Show {@link dev.berth.runtime.seccomp.SeccompProgram#render()} and
 * {@link dev.berth.runtime.seccomp.SeccompProgram#notes()} (names skipped per ABI, architectures left out) with
 * {@code --debug}. {@code berth features} can list {@link dev.berth.runtime.seccomp.SeccompCompiler#ACTIONS},
 * {@link dev.berth.runtime.seccomp.SeccompCompiler#OPERATORS}, {@link dev.berth.runtime.seccomp.SeccompCompiler#ARCHITECTURES}
 * and {@link dev.berth.runtime.seccomp.SeccompCompiler#FLAGS}.
 */
package dev.berth.runtime.seccomp;
