/*
 * Berth's signal handler for x86_64: writes the signal number as one byte to a pipe (the self-pipe
 * trick) with a raw write(2), so a Java thread can read and act on it. Async-signal-safe: no libc,
 * no errno, no Java. Position independent; its data sits in front of the code.
 *
 *   offset 0   .quad fd          the pipe's write end (O_NONBLOCK: a full pipe drops, never blocks)
 *   offset 8   .quad nr_write    write(2)'s number
 *   offset 16  .quad nr_sigreturn
 *   offset 24  handler(int sig)                      sa_handler
 *   offset 64  restorer                              sa_restorer (SA_RESTORER: rt_sigreturn)
 * SignalCatcher.java fills in the data; SignalCatcherTest re-assembles this file and checks the bytes
 * and the two entry offsets.
 */
        .text
        .globl berth_sigpipe
berth_sigpipe:
data_fd:        .quad 0
data_nr_write:  .quad 0
data_nr_return: .quad 0

handler:
        sub     $8, %rsp
        mov     %dil, (%rsp)
        mov     data_fd(%rip), %rdi
        mov     %rsp, %rsi
        mov     $1, %edx
        mov     data_nr_write(%rip), %rax
        syscall
        add     $8, %rsp
        ret

        .balign 16
restorer:
        mov     data_nr_return(%rip), %rax
        syscall
        ud2
