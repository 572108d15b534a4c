/*
 * The C side of bench/syscall.sh: the same loops as Berth's JMH benchmark (SyscallBench), timed with
 * clock_gettime(CLOCK_MONOTONIC) around N iterations, in several rounds taken in turn, median printed.
 *
 *   getpid_syscall  syscall(SYS_getpid), as Berth calls it (libc's syscall(2), the number as argument)
 *   getpid_libc     glibc's getpid(), the baseline: glibc 2.36 does not cache the pid, so this is a
 *                   real system call every time, through glibc's direct wrapper
 *   read4k          read(fd, buf, 4096) from /dev/zero into a preallocated buffer
 *
 * Every result goes to a volatile sink and each iteration ends with a compiler barrier, so the
 * compiler can neither hoist the call out of the loop nor drop it.
 *
 * usage: syscall_baseline [iterations per round] [rounds] [--idle-thread]   (defaults 200000 and 15)
 * prints: name=median_ns_per_op lines, and the rounds on stderr.
 *
 * --idle-thread starts one thread that only sleeps, before timing. A JVM is always multithreaded, and
 * the kernel's file descriptor lookup takes a shortcut only in single-threaded processes (fdget() skips
 * the file reference count when the fd table is not shared), which makes read(2) measurably dearer
 * in any multithreaded process; this shows by how much, in C.
 *
 * Built with -DBERTH_BASELINE_LIBRARY -shared it is a library of the same loops without main(), which
 * the benchmark's prototypes call through FFM to time these exact C loops inside the JVM's process.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile long sink;
static char buf[4096] __attribute__((aligned(4096)));

#define BARRIER() __asm__ __volatile__("" ::: "memory")

void berth_loop_getpid_syscall(long n) {
    for (long i = 0; i < n; i++) {
        sink = syscall(SYS_getpid);
        BARRIER();
    }
}

void berth_loop_getpid_libc(long n) {
    for (long i = 0; i < n; i++) {
        sink = getpid();
        BARRIER();
    }
}

void berth_loop_read4k(int fd, long n) {
    for (long i = 0; i < n; i++) {
        sink = read(fd, buf, sizeof buf);
        BARRIER();
    }
}

#ifndef BERTH_BASELINE_LIBRARY
static int zero_fd;

static void loop_getpid_syscall(long n) {
    berth_loop_getpid_syscall(n);
}

static void loop_getpid_libc(long n) {
    berth_loop_getpid_libc(n);
}

static void loop_read4k(long n) {
    berth_loop_read4k(zero_fd, n);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void *sleep_forever(void *unused) {
    for (;;) {
        pause();
    }
    return unused;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct op {
    const char *name;
    void (*loop)(long);
};

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    int rounds = argc > 2 ? atoi(argv[2]) : 15;
    int idle_thread = argc > 3 && strcmp(argv[3], "--idle-thread") == 0;
    if (n <= 0 || rounds <= 0 || rounds > 1000 || (argc > 3 && !idle_thread)) {
        fprintf(stderr, "usage: %s [iterations per round] [rounds] [--idle-thread]\n", argv[0]);
        return 2;
    }
    if (idle_thread) {
        pthread_t t;
        if (pthread_create(&t, NULL, sleep_forever, NULL) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    zero_fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    if (zero_fd < 0) {
        perror("open /dev/zero");
        return 1;
    }
    struct op ops[] = {
        {"getpid_syscall", loop_getpid_syscall},
        {"getpid_libc", loop_getpid_libc},
        {"read4k", loop_read4k},
    };
    enum { OPS = sizeof ops / sizeof ops[0] };
    double *ns = calloc((size_t)OPS * rounds, sizeof *ns);
    if (ns == NULL) {
        return 1;
    }
    for (int o = 0; o < OPS; o++) {
        ops[o].loop(n / 10); /* warm caches and the branch predictor */
    }
    /* Rounds in turn, so that a slow phase of the machine hits every operation alike. */
    for (int r = 0; r < rounds; r++) {
        for (int o = 0; o < OPS; o++) {
            double start = now_ns();
            ops[o].loop(n);
            ns[o * rounds + r] = (now_ns() - start) / n;
        }
    }
    for (int o = 0; o < OPS; o++) {
        double *v = ns + o * rounds;
        fprintf(stderr, "%s rounds:", ops[o].name);
        for (int r = 0; r < rounds; r++) {
            fprintf(stderr, " %.1f", v[r]);
        }
        fprintf(stderr, "\n");
        qsort(v, rounds, sizeof *v, compare);
        double median = rounds % 2 ? v[rounds / 2] : (v[rounds / 2 - 1] + v[rounds / 2]) / 2;
        printf("%s=%.1f\n", ops[o].name, median);
    }
    close(zero_fd);
    free(ns);
    return 0;
}
#endif
