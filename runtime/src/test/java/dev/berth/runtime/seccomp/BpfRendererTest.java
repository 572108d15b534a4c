package dev.berth.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listing of a small program, instruction by instruction. */
class BpfRendererTest {
    @Test
    void listsEachInstructionWithWhatItDoes() throws Exception {
        Seccomp s = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of(), null, null, List.of(
                new Seccomp.Syscall(List.of("personality"), "SCMP_ACT_ERRNO", null,
                        List.of(new Seccomp.Arg(0, 0xff, 8, "SCMP_CMP_MASKED_EQ")))));
        String listing = SeccompCompiler.compile(s, Arch.X86_64).render();
        assertEquals("""
                0000: ld   [4]                       A = arch
                0001: jeq  #0xc000003e  0002 0005    if (A == AUDIT_ARCH_X86_64)
                0002: ld   [0]                       A = nr
                0003: jge  #0x40000000  0004 0006    if (A >= 0x40000000)
                0004: jeq  #0xffffffff  0011 0005    if (A == 0xffffffff)
                0005: ret  #0x80000000               return KILL_PROCESS
                0006: jge  #0x00000087  0007 0011    if (A >= 0x87)
                0007: jge  #0x00000088  0011 0008    if (A >= 0x88)
                0008: ld   [16]                      A = args[0] (low)
                0009: and  #0xff                     A &= 0xff
                0010: jeq  #0x00000008  0012 0011    if (A == 0x8)
                0011: ret  #0x7fff0000               return ALLOW
                0012: ret  #0x00050001               return ERRNO(EPERM)
                """, listing);
    }
}
