/* bench-tui.c: time from exec to the TUI's first complete frame, and the
 * peak memory (VmHWM) at that moment.
 *
 * usage: bench-tui HEARTH DB [RUNS]
 *
 * Runs HEARTH --db DB in a fresh 80x24 pseudo-terminal RUNS times (default
 * 20) and waits for the frame's last line: the help line at the bottom of
 * the login screen, recognised by its key names ("Enter"), which
 * ncurses writes after every other row.  Nothing in hearth knows it is being
 * measured. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MARKER "Enter"
#define TIMEOUT_MS 5000

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* VmHWM of PID in kB, or -1. */
static long
vm_hwm(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* One run: returns milliseconds to the first frame, *HWM its VmHWM. */
static double
run_once(const char *hearth, const char *db, long *hwm)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	char buf[65536];
	size_t have = 0;
	double start, elapsed = -1;
	pid_t pid;
	int fd, status;
	ssize_t n;

	start = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		exit(1);
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		execl(hearth, hearth, "--db", db, "--lang", "en", (char *)NULL);
		_exit(127);
	}
	*hwm = -1;
	while (now_ms() - start < TIMEOUT_MS) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		if (memmem(buf, have, MARKER, strlen(MARKER)) != NULL) {
			elapsed = now_ms() - start;
			*hwm = vm_hwm(pid);
			break;
		}
		if (have > sizeof buf - 1024)
			have = 0;	/* keep the tail small; marker is short */
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(fd);
	return elapsed;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	int runs = argc > 3 ? atoi(argv[3]) : 20, i;
	double *t;
	long hwm, max_hwm = 0;

	if (argc < 3 || runs <= 0) {
		fprintf(stderr, "usage: bench-tui HEARTH DB [RUNS]\n");
		return 2;
	}
	t = calloc((size_t)runs, sizeof *t);
	for (i = 0; i < runs; i++) {
		t[i] = run_once(argv[1], argv[2], &hwm);
		if (t[i] < 0) {
			fprintf(stderr, "bench-tui: no first frame within %d ms\n",
			    TIMEOUT_MS);
			return 1;
		}
		if (hwm > max_hwm)
			max_hwm = hwm;
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	printf("tui first frame: median %.1f ms, max %.1f ms over %d runs; "
	    "peak VmHWM %ld kB (%.1f MB)\n", t[runs / 2], t[runs - 1], runs,
	    max_hwm, max_hwm / 1024.0);
	free(t);
	return 0;
}
