/*
 * Berth's spawn trampoline for aarch64 (AAPCS64, GNU as). Same contract and plan layout as
 * trampoline-x86_64.S, which explains the design:
 *
 *   long berth_spawn(struct plan *plan);          x0 = plan
 *
 * Assembled and byte-checked in CI; running it on aarch64 hardware comes later.
 * Syscall convention: number in x8, arguments in x0..x5, result in x0, "svc #0".
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
        .equ STEP_SRC,          56
        .equ STEP_DST,          62
        .equ STEP_FLAGS,        63
        .equ STEP_TOLERATE,     64
        .equ STEP_SKIP,         68      /* steps to skip when the tolerated errno happened */
        .equ STEP_EXPECT,       72
        .equ STEP_SIZE,         80

        .equ SIG_SETMASK,        2

        .text
        .globl berth_spawn
berth_spawn:
        stp     x29, x30, [sp, #-64]!
        mov     x29, sp
        stp     x19, x20, [sp, #16]
        stp     x21, x22, [sp, #32]
        str     x23, [sp, #48]          /* [sp, #56]: the caller's signal mask */
        mov     x19, x0

        /* rt_sigprocmask(SIG_SETMASK, &plan->all_mask, &old, 8) */
        ldr     x8, [x19, #PLAN_NR_SIGMASK]
        mov     x0, #SIG_SETMASK
        add     x1, x19, #PLAN_ALL_MASK
        add     x2, sp, #56
        mov     x3, #8
        svc     #0
        tbnz    x0, #63, .Lreturn

        /* clone3(plan->clone_args, plan->clone_size) */
        ldr     x8, [x19, #PLAN_NR_CLONE3]
        ldr     x0, [x19, #PLAN_CLONE_ARGS]
        ldr     x1, [x19, #PLAN_CLONE_SIZE]
        svc     #0
        cbz     x0, .Lchild
        mov     x20, x0

        /* rt_sigprocmask(SIG_SETMASK, &old, NULL, 8) */
        ldr     x8, [x19, #PLAN_NR_SIGMASK]
        mov     x0, #SIG_SETMASK
        add     x1, sp, #56
        mov     x2, #0
        mov     x3, #8
        svc     #0
        mov     x0, x20
.Lreturn:
        ldr     x23, [sp, #48]
        ldp     x21, x22, [sp, #32]
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #64
        ret

/* The child: x19 = plan, x20 = step count, x21 = current step, x22 = index, x23 = slots. */
.Lchild:
        ldr     x20, [x19, #PLAN_NSTEPS]
        add     x21, x19, #PLAN_STEPS
        mov     x22, #0
        ldr     x23, [x19, #PLAN_SLOTS]

.Lstep:
        cmp     x22, x20
        b.hs    .Ldone

        .macro  loadarg index, reg
        ldrb    w9, [x21, #(STEP_SRC+\index)]
        cmp     w9, #0xff
        b.eq    1f
        ldr     \reg, [x23, x9, lsl #3]
        b       2f
1:      ldr     \reg, [x21, #(STEP_ARGS+8*\index)]
2:
        .endm

        loadarg 0, x0
        loadarg 1, x1
        loadarg 2, x2
        loadarg 3, x3
        loadarg 4, x4
        loadarg 5, x5
        ldr     x8, [x21, #STEP_NR]
        cmn     x8, #1
        b.eq    .Lclose_except
        cmn     x8, #2
        b.eq    .Lpoke32
        svc     #0

        cmn     x0, #4095               /* carry set: x0 >= -4095 unsigned, i.e. -errno */
        b.lo    .Lsucceeded
        ldr     w10, [x21, #STEP_TOLERATE]
        cbz     w10, .Lfail
        neg     x11, x0
        cmp     x11, x10
        b.ne    .Lfail
        ldrb    w10, [x21, #STEP_SKIP]  /* tolerated: skip the steps that depended on success */
        add     x22, x22, x10
        mov     x11, #STEP_SIZE
        madd    x21, x10, x11, x21
        b       .Lnext

.Lsucceeded:
        ldrb    w10, [x21, #STEP_FLAGS]
        tbz     w10, #0, .Lstore
        ldr     x11, [x21, #STEP_EXPECT]
        cmp     x0, x11
        b.ne    .Lfail
.Lstore:
        ldrb    w10, [x21, #STEP_DST]
        cmp     w10, #0xff
        b.eq    .Lnext
        str     x0, [x23, x10, lsl #3]
.Lnext:
        add     x21, x21, #STEP_SIZE
        add     x22, x22, #1
        b       .Lstep

.Lpoke32:
        str     w1, [x0]
        b       .Lnext

/* close every fd >= x2 but the x1 sorted ones at x0: x12 = next kept, x13 = left, x14 = low end */
.Lclose_except:
        mov     x12, x0
        mov     x13, x1
        mov     x14, x2
1:      cbz     x13, 3f
        ldr     w15, [x12], #4
        sub     x13, x13, #1
        cmp     x15, x14
        b.lo    1b
        b.eq    2f
        ldr     x8, [x19, #PLAN_NR_CLOSE_RANGE]
        mov     x0, x14
        sub     x1, x15, #1
        mov     x2, #0
        svc     #0
        cmn     x0, #4095
        b.hs    .Lfail
2:      add     x14, x15, #1
        b       1b
3:      ldr     x8, [x19, #PLAN_NR_CLOSE_RANGE]
        mov     x0, x14
        mov     x1, #0xffffffff
        mov     x2, #0
        svc     #0
        cmn     x0, #4095
        b.hs    .Lfail
        b       .Lnext

.Ldone:
        ldr     x8, [x19, #PLAN_NR_EXIT]
        mov     x0, #0
        svc     #0
        brk     #0

.Lfail:
        str     x22, [x19, #PLAN_ERR_STEP]
        str     x0, [x19, #PLAN_ERR_RESULT]
        ldr     x8, [x19, #PLAN_NR_WRITE]
        ldr     x0, [x23, #ERR_SLOT_OFFSET]
        add     x1, x19, #PLAN_ERR_STEP
        mov     x2, #16
        svc     #0
        ldr     x8, [x19, #PLAN_NR_EXIT]
        mov     x0, #127
        svc     #0
        brk     #0
