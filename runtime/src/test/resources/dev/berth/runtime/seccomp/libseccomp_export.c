/*
 * The differential test's reference: builds a filter with libseccomp the way runc does and writes the BPF
 * program libseccomp generates (seccomp_export_bpf) to stdout.
 *
 *   libseccomp_export export      profile on stdin, raw struct sock_filter array on stdout
 *   libseccomp_export resolve     "arch name" lines on stdin, "arch name number" lines on stdout
 *   libseccomp_export bench N     profile on stdin, builds and exports it N times, prints ns per build
 *
 * Profile lines (values decimal, uint32 actions as SECCOMP_RET_* values):
 *   native <libseccomp arch name>                     (the filter's own arch instead of this machine's)
 *   arch <libseccomp arch name>                       (x86, x32, arm: added to the native one)
 *   default <action>
 *   rule <action> <name> <n> (<index> <op> <value> <valueTwo>){n}   (op: SCMP_CMP_* number)
 *
 * As runc's matchCall: unknown names are skipped, a rule with the default action is skipped, a rule with two
 * conditions on one argument is added as one rule per condition. The bad-architecture action is set to
 * SCMP_ACT_KILL_PROCESS, Berth's choice (libseccomp 2.5 defaults to SCMP_ACT_KILL). A rule libseccomp refuses
 * ends the program with exit status 3 and the error, as runc refuses the container.
 */
#include <errno.h>
#include <inttypes.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LINES 4096

static char *lines[MAX_LINES];
static int nlines;

static void read_lines(void)
{
	char buf[8192];
	while (nlines < MAX_LINES && fgets(buf, sizeof(buf), stdin))
		lines[nlines++] = strdup(buf);
}

/* Returns NULL on success, or the error text. */
static const char *build(scmp_filter_ctx *out)
{
	static char err[512];
	uint32_t def = 0;
	int i;
	for (i = 0; i < nlines; i++)
		if (sscanf(lines[i], "default %" SCNu32, &def) == 1)
			break;
	scmp_filter_ctx ctx = seccomp_init(def);
	if (!ctx)
		return "seccomp_init failed";
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0)
		return "seccomp_attr_set(SCMP_FLTATR_ACT_BADARCH) failed";
	for (i = 0; i < nlines; i++) {
		char name[128];
		if (sscanf(lines[i], "native %127s", name) == 1) {
			uint32_t token = seccomp_arch_resolve_name(name);
			if (token == 0) {
				snprintf(err, sizeof(err), "unknown arch %s", name);
				return err;
			}
			if (token != seccomp_arch_native()) {
				int rc = seccomp_arch_add(ctx, token);
				if (rc == 0)
					rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
				if (rc < 0) {
					snprintf(err, sizeof(err), "native %s: %s", name, strerror(-rc));
					return err;
				}
			}
		}
	}
	for (i = 0; i < nlines; i++) {
		char name[128];
		if (sscanf(lines[i], "arch %127s", name) == 1) {
			uint32_t token = seccomp_arch_resolve_name(name);
			if (token == 0) {
				snprintf(err, sizeof(err), "unknown arch %s", name);
				return err;
			}
			int rc = seccomp_arch_add(ctx, token);
			if (rc < 0 && rc != -EEXIST) {
				snprintf(err, sizeof(err), "seccomp_arch_add %s: %s", name, strerror(-rc));
				return err;
			}
		}
	}
	for (i = 0; i < nlines; i++) {
		uint32_t action;
		char name[128];
		int n, used;
		if (sscanf(lines[i], "rule %" SCNu32 " %127s %d%n", &action, name, &n, &used) != 3)
			continue;
		struct scmp_arg_cmp conds[16];
		int counts[8] = {0};
		int multiple = 0;
		char *p = lines[i] + used;
		for (int c = 0; c < n && c < 16; c++) {
			unsigned int index, op;
			uint64_t a, b;
			int more;
			if (sscanf(p, " %u %u %" SCNu64 " %" SCNu64 "%n", &index, &op, &a, &b, &more) != 4) {
				snprintf(err, sizeof(err), "bad rule line %d", i);
				return err;
			}
			p += more;
			conds[c].arg = index;
			conds[c].op = op;
			conds[c].datum_a = a;
			conds[c].datum_b = op == SCMP_CMP_MASKED_EQ ? b : 0;
			if (index < 8 && ++counts[index] > 1)
				multiple = 1;
		}
		int nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR)
			continue;
		if (action == def)
			continue;
		int rc = 0;
		if (n == 0) {
			rc = seccomp_rule_add(ctx, action, nr, 0);
		} else if (multiple) {
			for (int c = 0; c < n && rc == 0; c++)
				rc = seccomp_rule_add_array(ctx, action, nr, 1, &conds[c]);
		} else {
			rc = seccomp_rule_add_array(ctx, action, nr, n, conds);
		}
		if (rc < 0) {
			snprintf(err, sizeof(err), "rule on line %d (%s): %s", i + 1, name, strerror(-rc));
			return err;
		}
	}
	*out = ctx;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "export";
	read_lines();
	if (!strcmp(mode, "resolve")) {
		for (int i = 0; i < nlines; i++) {
			char arch[64], name[128];
			if (sscanf(lines[i], "%63s %127s", arch, name) != 2)
				continue;
			uint32_t token = seccomp_arch_resolve_name(arch);
			int nr = token ? seccomp_syscall_resolve_name_arch(token, name) : __NR_SCMP_ERROR;
			printf("%s %s %d\n", arch, name, nr);
		}
		return 0;
	}
	if (!strcmp(mode, "bench")) {
		long n = argc > 2 ? atol(argv[2]) : 1000;
		FILE *null = fopen("/dev/null", "w");
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long k = 0; k < n; k++) {
			scmp_filter_ctx ctx;
			const char *e = build(&ctx);
			if (e) {
				fprintf(stderr, "%s\n", e);
				return 3;
			}
			seccomp_export_bpf(ctx, fileno(null));
			seccomp_release(ctx);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
		printf("%.0f\n", ns / n);
		return 0;
	}
	scmp_filter_ctx ctx;
	const char *e = build(&ctx);
	if (e) {
		fprintf(stderr, "%s\n", e);
		return 3;
	}
	int rc = seccomp_export_bpf(ctx, 1);
	if (rc < 0) {
		fprintf(stderr, "seccomp_export_bpf: %s\n", strerror(-rc));
		return 2;
	}
	seccomp_release(ctx);
	return 0;
}
