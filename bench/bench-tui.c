/* bench-tui.c: time from exec to the TUI's first complete frame, and the
 * peak memory (VmHWM) at that moment; then the same for logging in and
 * reaching the home screen (PIN check + due list + monthly rate).
 *
 * usage: bench-tui HEARTH DB [RUNS] [LOGIN PIN]
 *
 * Runs HEARTH --db DB --lang en in a fresh 80x24 pseudo-terminal RUNS
 * times (default 20) and waits for each frame's last line: the help line
 * at the bottom, recognised by its last key's label ("Leave" on the login
 * screen, "Quit" on the home screen), which ncurses writes after every
 * other row.  Nothing in hearth knows it is being measured. */
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

#define LOGIN_MARKER "Leave"
#define HOME_MARKER "Quit"
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

/* Read FD until MARKER shows up; returns the time it did (ms) or -1. */
static double
wait_for(int fd, const char *marker, double start)
{
	static char buf[65536];
	size_t have = 0;
	ssize_t n;

	while (now_ms() - start < TIMEOUT_MS) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n <= 0)
			return -1;
		have += (size_t)n;
		if (memmem(buf, have, marker, strlen(marker)) != NULL)
			return now_ms();
		if (have > sizeof buf / 2) {
			/* keep a tail long enough to hold a split marker */
			memmove(buf, buf + have - 64, 64);
			have = 64;
		}
	}
	return -1;
}

struct sample {
	double first_ms, home_ms;	/* home_ms: -1 when not measured */
	long first_hwm, home_hwm;	/* kB */
};

/* One run of HEARTH; LOGIN/PIN (may be NULL) to go on to the home screen. */
static int
run_once(const char *hearth, const char *db, const char *login,
    const char *pin, struct sample *out)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	char keys[128];
	double start, t;
	pid_t pid;
	int fd, status, ok = -1;

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
	out->home_ms = -1;
	if ((t = wait_for(fd, LOGIN_MARKER, start)) < 0)
		goto done;
	out->first_ms = t - start;
	out->first_hwm = vm_hwm(pid);
	if (login != NULL) {
		snprintf(keys, sizeof keys, "%s\r%s\r", login, pin);
		start = now_ms();
		if (write(fd, keys, strlen(keys)) < 0 ||
		    (t = wait_for(fd, HOME_MARKER, start)) < 0)
			goto done;
		out->home_ms = t - start;
		out->home_hwm = vm_hwm(pid);
	}
	ok = 0;
done:
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(fd);
	return ok;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

int
main(int argc, char **argv)
{
	int runs = argc > 3 ? atoi(argv[3]) : 20, i;
	const char *login = argc > 5 ? argv[4] : NULL;
	const char *pin = argc > 5 ? argv[5] : NULL;
	double *first, *home, first_max = 0, home_max = 0;
	long first_hwm = 0, home_hwm = 0;
	struct sample s = { 0 };

	if (argc < 3 || runs <= 0) {
		fprintf(stderr, "usage: bench-tui HEARTH DB [RUNS] [LOGIN PIN]\n");
		return 2;
	}
	first = calloc((size_t)runs, sizeof *first);
	home = calloc((size_t)runs, sizeof *home);
	for (i = 0; i < runs; i++) {
		if (run_once(argv[1], argv[2], login, pin, &s) != 0) {
			fprintf(stderr, "bench-tui: no %s screen within %d ms\n",
			    s.home_ms < 0 && login ? "home" : "login",
			    TIMEOUT_MS);
			return 1;
		}
		first[i] = s.first_ms;
		home[i] = s.home_ms;
		first_max = s.first_ms > first_max ? s.first_ms : first_max;
		home_max = s.home_ms > home_max ? s.home_ms : home_max;
		first_hwm = s.first_hwm > first_hwm ? s.first_hwm : first_hwm;
		home_hwm = s.home_hwm > home_hwm ? s.home_hwm : home_hwm;
	}
	printf("tui first frame: median %.1f ms, max %.1f ms over %d runs; "
	    "peak VmHWM %ld kB (%.1f MB)\n", median(first, runs), first_max,
	    runs, first_hwm, first_hwm / 1024.0);
	if (login != NULL)
		printf("tui login to home screen (PIN check, due list, rate): "
		    "median %.1f ms, max %.1f ms; peak VmHWM %ld kB (%.1f MB)\n",
		    median(home, runs), home_max, home_hwm, home_hwm / 1024.0);
	free(first);
	free(home);
	return 0;
}
