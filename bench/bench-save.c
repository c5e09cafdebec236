/* bench-save.c: what one visit save costs the SD card.
 *
 * usage: bench-save DB [N]
 *
 * Saves N visits (default 500) one by one, as the TUI does, to the elders of
 * DB (made by `hearth demo`), counting transactions (commit hook) and syncs
 * (a counting VFS, bench/vfs-count.c) per save.  SQLite's automatic WAL
 * checkpoint (every 1000 pages, kept at its default on purpose, see
 * doc/storage.md) adds syncs to the save that triggers it; those saves are
 * reported separately. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/vfs-count.h"
#include "core/date.h"
#include "core/db.h"
#include "core/elder.h"
#include "core/visit.h"

static long commits;

static int
on_commit(void *arg)
{
	(void)arg;
	commits++;
	return 0;
}

struct uids {
	char (*uid)[HEARTH_UID_MAX];
	size_t n, cap;
};

static int
collect(const struct elder *e, void *arg)
{
	struct uids *u = arg;

	if (e->status != 0)
		return 0;
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 256;
		u->uid = realloc(u->uid, u->cap * sizeof *u->uid);
		if (u->uid == NULL)
			return 1;
	}
	memcpy(u->uid[u->n++], e->meta.uid, HEARTH_UID_MAX);
	return 0;
}

int
main(int argc, char **argv)
{
	struct uids u = { 0 };
	long n = argc > 2 ? atol(argv[2]) : 500, i, s, maxs = 0, one = 0, more = 0;
	long tx_bad = 0;
	struct timespec t0, t1;
	double ms = 0;
	char *cause = NULL;
	sqlite3 *db;

	if (argc < 2 || n <= 0) {
		fprintf(stderr, "usage: bench-save DB [N]\n");
		return 2;
	}
	if (vfs_count_register() != SQLITE_OK)
		return 1;
	if ((db = db_open(argv[1], DB_OPEN_EXISTING, &cause)) == NULL) {
		fprintf(stderr, "bench-save: %s\n", cause);
		return 1;
	}
	if (elder_each(db, collect, &u, &cause) != 0 || u.n == 0) {
		fprintf(stderr, "bench-save: no elders (%s)\n", cause ? cause : "");
		return 1;
	}
	sqlite3_commit_hook(db, on_commit, NULL);
	for (i = 0; i < n; i++) {
		struct visit v;

		visit_init(&v);
		memcpy(v.elder_uid, u.uid[(size_t)i % u.n], HEARTH_UID_MAX);
		/* distinct visits in the past, never twins of each other */
		v.day = date_from_days(date_to_days(date_today()) - 1 - i / 1440);
		v.minutes = (int)(i % 1440);
		v.visitor = strdup("基准测试");
		commits = 0;
		vfs_count_reset();
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (visit_save(db, &v, "bench", &cause) < 0) {
			fprintf(stderr, "bench-save: %s\n", cause);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms += (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		s = vfs_count_syncs();
		if (commits != 1)
			tx_bad++;
		if (s <= 1)
			one++;
		else
			more++;
		if (s > maxs)
			maxs = s;
		visit_clear(&v);
	}
	printf("visit save: %ld saves, %.2f ms mean; transactions per save: "
	    "%s; saves with <= 1 sync: %ld, with checkpoint syncs: %ld "
	    "(max %ld syncs)\n", n, ms / n, tx_bad ? "NOT 1" : "1", one, more,
	    maxs);
	free(u.uid);
	db_close(db);
	return tx_bad ? 1 : 0;
}
