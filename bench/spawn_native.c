/* bench/spawn.sh's native baseline: fork + execve + waitpid of /bin/true, N times after a warm-up.
 * Prints "native_true <median us> <mean us>". */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static int cmp(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000, warm = n / 5 < 200 ? 200 : n / 5;
    long *t = malloc(sizeof(long) * n);
    char *av[] = {"true", NULL}, *ev[] = {NULL};
    for (int i = 0; i < warm + n; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pid_t p = fork();
        if (p == 0) {
            execve("/bin/true", av, ev);
            _exit(127);
        }
        int status;
        waitpid(p, &status, 0);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (i >= warm)
            t[i - warm] = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    }
    qsort(t, n, sizeof(long), cmp);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += t[i];
    printf("native_true %.1f %.1f\n", t[n / 2] / 1000.0, sum / n / 1000.0);
    return 0;
}
