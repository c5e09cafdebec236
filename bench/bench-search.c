/* bench-search.c: search-as-you-type cost per keystroke.
 *
 * usage: bench-search DB
 *
 * Loads the search index of DB (e.g. `hearth demo --elders 50000`) and
 * replays typing: every prefix of each query below is one keystroke, run
 * as the TUI runs it (search_run, at most one screenful of hits).  Reports
 * the index load time and the mean, 99th percentile and worst keystroke. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/search.h"
#include "core/utf8.h"

#define REPEAT 20
#define HITS_MAX 20	/* rows of the search screen at 80x24 */

static const char *const queries[] = {
	"zsf", "wxy", "lgl", "cjh", "dsc", "zqw",	/* pinyin initials */
	"张秀", "王建国", "李桂", "单", "曾",		/* names */
	"123X", "20517", "03821",			/* ID number tails */
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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
	struct search_hit hits[HITS_MAX];
	double t0, load_ms, *t, sum = 0;
	size_t nq = sizeof queries / sizeof queries[0], nt = 0, cap = 4096;
	char *cause = NULL, prefix[64];
	size_t i, len, step, total = 0;
	int r;
	sqlite3 *db;
	struct search_index *ix;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-search DB\n");
		return 2;
	}
	if ((db = db_open(argv[1], DB_OPEN_EXISTING, &cause)) == NULL) {
		fprintf(stderr, "bench-search: %s\n", cause);
		return 1;
	}
	t0 = now_ms();
	if ((ix = search_load(db, &cause)) == NULL) {
		fprintf(stderr, "bench-search: %s\n", cause);
		return 1;
	}
	load_ms = now_ms() - t0;
	t = malloc(cap * sizeof *t);
	for (r = 0; r < REPEAT; r++) {
		for (i = 0; i < nq; i++) {
			len = strlen(queries[i]);
			/* each keystroke adds one code point */
			for (step = 1; step <= len; step++) {
				uint32_t cp;
				size_t n = utf8_decode(queries[i] + step - 1,
				    len - step + 1, &cp);

				if (n == 0)
					n = 1;
				step += n - 1;
				memcpy(prefix, queries[i], step);
				prefix[step] = '\0';
				t0 = now_ms();
				total += search_run(ix, prefix, hits, HITS_MAX);
				if (nt == cap)
					t = realloc(t, (cap *= 2) * sizeof *t);
				t[nt] = now_ms() - t0;
				sum += t[nt++];
			}
		}
	}
	qsort(t, nt, sizeof *t, cmp_double);
	printf("search: %zu elders, index load %.1f ms; per keystroke mean "
	    "%.3f ms, p99 %.3f ms, worst %.3f ms (%zu keystrokes, %zu "
	    "matches)\n", search_size(ix), load_ms, sum / nt,
	    t[nt * 99 / 100], t[nt - 1], nt, total);
	free(t);
	search_free(ix);
	db_close(db);
	return 0;
}
