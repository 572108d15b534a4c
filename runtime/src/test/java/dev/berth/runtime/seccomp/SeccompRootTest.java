package dev.berth.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Seccomp;
import dev.berth.specs.State;
import dev.berth.syscall.Arch;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.Slot;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import dev.berth.syscall.struct.SockaddrUn;
import dev.berth.syscall.testing.RootTest;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled programs installed for real: a child spawned with {@code no_new_privs} and the filter as its last step
 * before {@code execve} runs busybox applets that make allowed and blocked calls.
 */
@RootTest
class SeccompRootTest {
    private static final String BUSYBOX = "/usr/bin/busybox";
    private static final List<String> ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    record Result(String output, ExitStatus status) {}

    static Result run(SeccompProgram p, String... argv) throws ErrnoException {
        return run(SpawnPlan.builder().noNewPrivs().seccomp(p.flags(), p.instructions()), argv);
    }

    static Result run(PlanBuilder b, String... argv) throws ErrnoException {
        int[] out = Fs.pipe2(Open.O_CLOEXEC);
        try (Fd r = Fd.of(out[0]); Fd w = Fd.of(out[1])) {
            b.execve(BUSYBOX, List.of(argv), ENV).inheritFd(w.get(), 1).inheritFd(w.get(), 2);
            try (Spawned s = Spawner.spawn(b.build())) {
                w.close();
                s.awaitExec();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] chunk;
                while ((chunk = Fs.read(r.get(), 8192)).length > 0) {
                    bytes.writeBytes(chunk);
                }
                return new Result(bytes.toString(StandardCharsets.UTF_8), s.waitFor());
            }
        }
    }

    static SeccompProgram compile(String deflt, Seccomp.Syscall... rules) throws SeccompException {
        return SeccompCompiler.compile(new Seccomp(deflt, null, List.of(), List.of(), null, null, List.of(rules)),
                Arch.current());
    }

    static Seccomp.Syscall rule(String action, Long errno, List<String> names, Seccomp.Arg... args) {
        return new Seccomp.Syscall(names, action, errno, List.of(args));
    }

    @Test
    void allowedCallsWorkAndBlockedOnesReturnTheErrno(@TempDir Path tmp) throws Exception {
        SeccompProgram p = compile("SCMP_ACT_ALLOW", rule("SCMP_ACT_ERRNO", 13L, List.of("mkdir", "mkdirat")));
        Result blocked = run(p, "mkdir", tmp.resolve("a").toString());
        assertEquals(1, blocked.status().code(), blocked.toString());
        assertTrue(blocked.output().contains("Permission denied"), blocked.output());
        assertTrue(!Files.exists(tmp.resolve("a")));
        Result allowed = run(p, "sh", "-c", "echo allowed; touch " + tmp.resolve("b"));
        assertEquals(0, allowed.status().code(), allowed.toString());
        assertEquals("allowed\n", allowed.output());
        assertTrue(Files.exists(tmp.resolve("b")));
        Result eperm = run(compile("SCMP_ACT_ALLOW", rule("SCMP_ACT_ERRNO", null, List.of("mkdir", "mkdirat"))),
                "mkdir", tmp.resolve("c").toString());
        assertTrue(eperm.output().contains("Operation not permitted"), eperm.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD"})
    void killDiesBySigsys(String action) throws Exception {
        Result r = run(compile("SCMP_ACT_ALLOW", rule(action, null, List.of("uname"))), "uname", "-a");
        assertEquals(Signal.SIGSYS, r.status().signal(), r.toString());
        assertEquals(128 + 31, r.status().shellCode());
    }

    @Test
    void trapDeliversSigsysToo() throws Exception {
        Result r = run(compile("SCMP_ACT_ALLOW", rule("SCMP_ACT_TRAP", null, List.of("uname"))), "uname");
        assertEquals(Signal.SIGSYS, r.status().signal(), r.toString());
    }

    @Test
    void argumentFilters() throws Exception {
        // personality(PER_LINUX32) refused, personality(PER_LINUX) allowed
        SeccompProgram p = compile("SCMP_ACT_ALLOW", rule("SCMP_ACT_ERRNO", null, List.of("personality"),
                new Seccomp.Arg(0, 8, 0, "SCMP_CMP_EQ")));
        Result linux32 = run(p, "linux32", "true");
        assertEquals(1, linux32.status().code(), linux32.toString());
        assertTrue(linux32.output().contains("Operation not permitted"), linux32.output());
        Result linux64 = run(p, "linux64", "true");
        assertEquals(0, linux64.status().code(), linux64.toString());
        // socket(AF_NETLINK, ...) refused, AF_INET allowed
        SeccompProgram q = compile("SCMP_ACT_ALLOW", rule("SCMP_ACT_ERRNO", 97L, List.of("socket"),
                new Seccomp.Arg(0, 16, 0, "SCMP_CMP_EQ")));
        Result netlink = run(q, "ip", "link");
        assertTrue(netlink.status().code() != 0, netlink.toString());
        assertTrue(netlink.output().contains("Address family not supported"), netlink.output());
        Result inet = run(q, "nc", "-w", "1", "127.0.0.1", "1");
        assertTrue(inet.output().contains("Connection refused"), "AF_INET still works: " + inet.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.DOCKER, Profiles.PODMAN})
    void clientProfilesRunABusyboxShell(String name) throws Exception {
        Seccomp spec = Profiles.load(name);
        SeccompProgram p = SeccompCompiler.compile(spec, Arch.current());
        Result r = run(p, "sh", "-c", "echo hello; ls / >/dev/null; cat /proc/self/status | grep -c Seccomp; "
                + "linux32 uname -m");
        assertEquals(0, r.status().code(), r.toString());
        assertTrue(r.output().startsWith("hello\n"), r.output());
    }

    @Test
    void theListenerFdReachesTheAgentWithTheState(@TempDir Path tmp) throws Exception {
        Path agentPath = tmp.resolve("agent.sock");
        Seccomp spec = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of(), agentPath.toString(), "meta=1",
                List.of(rule("SCMP_ACT_NOTIFY", null, List.of("mkdir", "mkdirat"))));
        SeccompProgram p = SeccompCompiler.compile(spec, Arch.current());
        assertTrue(p.newListener());
        int agent = Sockets.socket(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
        int[] pair = Sockets.socketpair(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
        try (Fd agentFd = Fd.of(agent); Fd parent = Fd.of(pair[0]); Fd child = Fd.of(pair[1]);
                Arena a = Arena.ofConfined()) {
            SockaddrUn addr = new SockaddrUn(agentPath.toString());
            MemorySegment s = addr.allocate(a);
            Sockets.bind(agent, s, addr.length());
            Sockets.listen(agent, 1);
            // the integration's steps: install with NEW_LISTENER into a slot, hand the fd to the parent, close it
            PlanBuilder b = SpawnPlan.builder().noNewPrivs();
            Slot listener = b.slot();
            b.seccomp(p.flags(), p.instructions()).into(listener)
                    .sendFd(FdRef.of(child.get()), listener, "seccomp".getBytes(StandardCharsets.UTF_8))
                    .close(listener);
            int[] out = Fs.pipe2(Open.O_CLOEXEC);
            try (Fd r = Fd.of(out[0]); Fd w = Fd.of(out[1])) {
                b.execve(BUSYBOX, List.of("mkdir", tmp.resolve("d").toString()), ENV).inheritFd(w.get(), 1)
                        .inheritFd(w.get(), 2);
                try (Spawned sp = Spawner.spawn(b.build())) {
                    w.close();
                    child.close();
                    sp.awaitExec();
                    Sockets.Received got = Sockets.receiveFds(parent.get(), 64, 1);
                    assertEquals(1, got.fds().length);
                    State state = new State("1.0.2", "c1", State.Status.CREATING, sp.pid(), "/b", Map.of());
                    try (Fd fromChild = Fd.of(got.fds()[0])) {
                        SeccompListener.send(fromChild.get(), agentPath.toString(), state, sp.pid(), p.listenerMetadata());
                    }
                    int conn = Sockets.accept4(agent, Sock.SOCK_CLOEXEC);
                    try (Fd connFd = Fd.of(conn)) {
                        Sockets.Received msg = Sockets.receiveFds(conn, 8192, 1);
                        String json = new String(msg.data(), StandardCharsets.UTF_8);
                        assertTrue(json.startsWith("{\"ociVersion\":\"1.0.2\",\"fds\":[\"seccompFd\"],\"pid\":" + sp.pid()
                                + ",\"metadata\":\"meta=1\",\"state\":{"), json);
                        assertTrue(json.replace(" ", "").contains("\"status\":\"creating\""), json);
                        assertEquals(1, msg.fds().length);
                        assertEquals("anon_inode:seccomp notify",
                                Fs.readlinkat(-100, "/proc/self/fd/" + msg.fds()[0]));
                        // the agent goes away without answering: the pending mkdir fails with ENOSYS
                        Fs.close(msg.fds()[0]);
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    byte[] chunk;
                    while ((chunk = Fs.read(r.get(), 8192)).length > 0) {
                        bytes.writeBytes(chunk);
                    }
                    ExitStatus st = sp.waitFor();
                    assertEquals(1, st.code(), bytes.toString(StandardCharsets.UTF_8));
                    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("Function not implemented"),
                            bytes.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
