/*
 * Berth's exec shim for x86_64 (GNU as, AT&T syntax): the first program a container's process runs,
 * from a sealed memfd, so that the payload's exec never happens while /proc/self/exe is the runtime's
 * own binary. A clone of Berth's JVM that exec'd the payload directly would let an image run the
 * host's java inside the container through "#!/proc/self/exe" (or an ELF interpreter of that name),
 * keep an fd of it and write to it later (runc CVE-2019-5736). Here /proc/self/exe is this shim, a
 * private, sealed, read-only copy: running it again through /proc/self/exe gets nothing.
 *
 *   argv = [candidate, ..., "", payload argv...], envp = the payload's
 *
 * Sets close-on-exec on the spawn error pipe (fd ERRFD, which the plan moved there without it), then
 * execve()s each candidate in turn with the payload's argv and envp, going on to the next on ENOENT
 * only (a PATH search, as the plan's own execve steps did); when none runs, writes the spawn error
 * record {STEP, -errno} to ERRFD and exits with 127. Without a separator or a candidate it exits 127.
 *
 * ERRFD and STEP are placeholders that ExecShim patches per plan. Position independent, no data, no
 * libc. ExecShimTest re-assembles this file and compares the bytes with exec-shim-x86_64.bin.
 */
        .equ ERRFD,          0x7e5e1fd0
        .equ STEP,           0x7e5e57e9
        .equ NR_WRITE,       1
        .equ NR_EXECVE,      59
        .equ NR_FCNTL,       72
        .equ NR_EXIT_GROUP,  231
        .equ F_SETFD,        2
        .equ FD_CLOEXEC,     1
        .equ ENOENT,         2

        .text
        .globl _start
_start:
        mov     (%rsp), %rax            /* argc */
        lea     8(%rsp), %r12           /* the first candidate */
        lea     16(%rsp,%rax,8), %r13   /* envp, after argv's NULL */
        mov     %r12, %r14
1:      mov     (%r14), %rdi            /* find the "" between candidates and argv */
        test    %rdi, %rdi
        jz      .Lbad
        cmpb    $0, (%rdi)
        je      2f
        add     $8, %r14
        jmp     1b
2:      cmp     %r14, %r12
        je      .Lbad
        lea     8(%r14), %r15           /* the payload's argv */
        mov     $ERRFD, %edi
        mov     $F_SETFD, %esi
        mov     $FD_CLOEXEC, %edx
        mov     $NR_FCNTL, %eax
        syscall
3:      mov     (%r12), %rdi
        mov     %r15, %rsi
        mov     %r13, %rdx
        mov     $NR_EXECVE, %eax
        syscall
        add     $8, %r12
        cmp     %r14, %r12
        je      4f
        cmp     $-ENOENT, %rax
        je      3b
4:      push    %rax                    /* the record: {STEP, result} */
        push    $STEP
        mov     $ERRFD, %edi
        mov     %rsp, %rsi
        mov     $16, %edx
        mov     $NR_WRITE, %eax
        syscall
.Lbad:
        mov     $127, %edi
        mov     $NR_EXIT_GROUP, %eax
        syscall
