/*
 * Berth's spawn trampoline for x86_64 (System V ABI, GNU as, AT&T syntax).
 *
 *   long berth_spawn(struct plan *plan);          rdi = plan
 *
 * Parent side: block every signal in the calling thread, clone3(), restore the thread's mask,
 * return the child's pid or -errno. Child side (clone3 returned 0, on the plan's own stack, sharing
 * the parent's memory through CLONE_VM): run the plan's steps with the syscall instruction, never
 * touching libc, TLS or the parent's stack; on the first unexpected result write {step, result} to
 * the error pipe (its fd in slot 63) and exit_group(127); after the last step (normally an execve that does not return)
 * exit_group(0).
 *
 * Two steps are not system calls. STEP_NR == -2 stores the low 32 bits of args[1] at the address
 * args[0] (an fd from a slot into a message buffer, say). STEP_NR == -1 closes every fd from args[2] up except those in the
 * sorted int array args[0] of args[1] entries, with close_range() over the gaps. The plan's prologue
 * uses it so that a child holds no fd it does not need, not even before exec.
 *
 * Position independent: only relative branches, no data. Syscall numbers come from the plan
 * (filled in from Berth's checked per-architecture tables), so this file has none.
 * Layouts below must match SpawnPlan.java; SpawnTrampolineTest re-assembles this file and
 * compares the bytes with trampoline-x86_64.bin.
 */
        .equ PLAN_NSTEPS,          0
        .equ PLAN_CLONE_ARGS,      8
        .equ PLAN_CLONE_SIZE,     16
        .equ PLAN_SLOTS,          24
        .equ PLAN_ALL_MASK,       32
        .equ PLAN_NR_SIGMASK,     40
        .equ PLAN_NR_CLONE3,      48
        .equ PLAN_NR_WRITE,       56
        .equ PLAN_NR_EXIT,        64
        .equ PLAN_ERR_STEP,       72
        .equ PLAN_ERR_RESULT,     80
        .equ PLAN_NR_CLOSE_RANGE, 88
        .equ PLAN_STEPS,          96
        .equ ERR_SLOT_OFFSET,    504    /* slots[63] holds the error pipe's fd: a step can move it */

        .equ STEP_NR,            0
        .equ STEP_ARGS,          8
        .equ STEP_SRC,          56      /* 6 bytes: slot to take arg i from, 0xff = literal */
        .equ STEP_DST,          62      /* slot for the result, 0xff = none */
        .equ STEP_FLAGS,        63      /* bit 0: result must equal STEP_EXPECT */
        .equ STEP_TOLERATE,     64      /* an errno (positive) that counts as success, 0 = none */
        .equ STEP_SKIP,         68      /* steps to skip when the tolerated errno happened */
        .equ STEP_EXPECT,       72
        .equ STEP_SIZE,         80

        .equ SIG_SETMASK,        2

        .text
        .globl berth_spawn
berth_spawn:
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rbp
        sub     $24, %rsp               /* 0(%rsp): the caller's signal mask */
        mov     %rdi, %rbx

        /* rt_sigprocmask(SIG_SETMASK, &plan->all_mask, &old, 8) */
        mov     PLAN_NR_SIGMASK(%rbx), %rax
        mov     $SIG_SETMASK, %edi
        lea     PLAN_ALL_MASK(%rbx), %rsi
        mov     %rsp, %rdx
        mov     $8, %r10d
        syscall
        test    %rax, %rax
        js      .Lreturn

        /* clone3(plan->clone_args, plan->clone_size) */
        mov     PLAN_NR_CLONE3(%rbx), %rax
        mov     PLAN_CLONE_ARGS(%rbx), %rdi
        mov     PLAN_CLONE_SIZE(%rbx), %rsi
        syscall
        test    %rax, %rax
        jz      .Lchild
        mov     %rax, %r12

        /* rt_sigprocmask(SIG_SETMASK, &old, NULL, 8) */
        mov     PLAN_NR_SIGMASK(%rbx), %rax
        mov     $SIG_SETMASK, %edi
        mov     %rsp, %rsi
        xor     %edx, %edx
        mov     $8, %r10d
        syscall
        mov     %r12, %rax
.Lreturn:
        add     $24, %rsp
        pop     %rbp
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        ret

/* The child: rbx = plan, r12 = step count, r13 = current step, r14 = index, r15 = slots. */
.Lchild:
        mov     PLAN_NSTEPS(%rbx), %r12
        lea     PLAN_STEPS(%rbx), %r13
        xor     %r14d, %r14d
        mov     PLAN_SLOTS(%rbx), %r15

.Lstep:
        cmp     %r12, %r14
        jae     .Ldone

        .macro  loadarg index, reg
        movzbl  STEP_SRC+\index(%r13), %eax
        cmp     $0xff, %eax
        je      1f
        mov     (%r15,%rax,8), \reg
        jmp     2f
1:      mov     STEP_ARGS+8*\index(%r13), \reg
2:
        .endm

        loadarg 0, %rdi
        loadarg 1, %rsi
        loadarg 2, %rdx
        loadarg 3, %r10
        loadarg 4, %r8
        loadarg 5, %r9
        mov     STEP_NR(%r13), %rax
        cmp     $-1, %rax
        je      .Lclose_except
        cmp     $-2, %rax
        je      .Lpoke32
        syscall

        cmp     $-4095, %rax            /* unsigned: rax >= -4095 means -errno */
        jb      .Lsucceeded
        mov     STEP_TOLERATE(%r13), %ecx
        test    %ecx, %ecx
        jz      .Lfail
        mov     %rax, %rdx
        neg     %rdx
        cmp     %rcx, %rdx
        jne     .Lfail
        movzbl  STEP_SKIP(%r13), %ecx   /* tolerated: skip the steps that depended on success */
        add     %rcx, %r14
        imul    $STEP_SIZE, %rcx, %rcx
        add     %rcx, %r13
        jmp     .Lnext

.Lsucceeded:
        testb   $1, STEP_FLAGS(%r13)
        jz      .Lstore
        cmp     STEP_EXPECT(%r13), %rax
        jne     .Lfail
.Lstore:
        movzbl  STEP_DST(%r13), %ecx
        cmp     $0xff, %ecx
        je      .Lnext
        mov     %rax, (%r15,%rcx,8)
.Lnext:
        add     $STEP_SIZE, %r13
        inc     %r14
        jmp     .Lstep

.Lpoke32:
        mov     %esi, (%rdi)
        jmp     .Lnext

/* close every fd >= rdx but the rsi sorted ones at rdi: rbp = next kept, r8 = left, r9 = low end */
.Lclose_except:
        mov     %rdi, %rbp
        mov     %rsi, %r8
        mov     %rdx, %r9
1:      test    %r8, %r8
        jz      3f
        movl    (%rbp), %r10d
        add     $4, %rbp
        dec     %r8
        cmp     %r9, %r10
        jb      1b                      /* below the low end already (a duplicate) */
        je      2f
        mov     PLAN_NR_CLOSE_RANGE(%rbx), %rax
        mov     %r9, %rdi
        lea     -1(%r10), %rsi
        xor     %edx, %edx
        syscall
        cmp     $-4095, %rax
        jae     .Lfail
2:      lea     1(%r10), %r9
        jmp     1b
3:      mov     PLAN_NR_CLOSE_RANGE(%rbx), %rax
        mov     %r9, %rdi
        mov     $0xffffffff, %esi
        xor     %edx, %edx
        syscall
        cmp     $-4095, %rax
        jae     .Lfail
        jmp     .Lnext

.Ldone:
        mov     PLAN_NR_EXIT(%rbx), %rax
        xor     %edi, %edi
        syscall
        ud2

.Lfail:
        mov     %r14, PLAN_ERR_STEP(%rbx)
        mov     %rax, PLAN_ERR_RESULT(%rbx)
        mov     PLAN_NR_WRITE(%rbx), %rax
        mov     ERR_SLOT_OFFSET(%r15), %rdi
        lea     PLAN_ERR_STEP(%rbx), %rsi
        mov     $16, %edx
        syscall
        mov     PLAN_NR_EXIT(%rbx), %rax
        mov     $127, %edi
        syscall
        ud2
