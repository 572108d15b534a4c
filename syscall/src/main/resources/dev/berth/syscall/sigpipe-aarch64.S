/*
 * Berth's signal handler for aarch64; see sigpipe-x86_64.S. The kernel returns through the vDSO's
 * sigreturn trampoline on aarch64, but a restorer is provided the same way for symmetry.
 */
        .text
        .globl berth_sigpipe
berth_sigpipe:
data_fd:        .quad 0
data_nr_write:  .quad 0
data_nr_return: .quad 0

handler:
        sub     sp, sp, #16
        strb    w0, [sp]
        ldr     x0, data_fd
        mov     x1, sp
        mov     x2, #1
        ldr     x8, data_nr_write
        svc     #0
        add     sp, sp, #16
        ret

        .balign 16
restorer:
        ldr     x8, data_nr_return
        svc     #0
        brk     #0
