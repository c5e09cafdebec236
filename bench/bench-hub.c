/* bench-hub.c: the hub's ingest rate against a raw SQLite bulk insert.
 *
 * usage: bench-hub STATION-DB DIR [BATCH-RECORDS]
 *
 * STATION-DB is a station with a full outbox (bench/run makes one with
 * `hearth demo --elders 2000 --months 3`).  Its outbox is cut into
 * batches exactly as `hearth sync` cuts it (core/outbox.c with
 * forms/sync-record.c, 2,000 records a batch unless BATCH-RECORDS says
 * otherwise: the station file is changed, use a copy), and each batch is
 * decoded (core/wire.h) into memory.  Then the same records are stored
 * two ways, in files under DIR, and timed:
 *   hub   hub/store.h as hearth-hub stores an upload: store_batch_begin,
 *         store_batch_add per record, store_batch_commit, one batch at a
 *         time (WAL, synchronous=FULL: the hub acks after the commit);
 *         in-process, no HTTP, no decoding in the timing;
 *   raw   the floor: one table (uid, body), one prepared INSERT per
 *         record of its uid and the same JSON object of its columns
 *         (core/json.c), one transaction per batch, the same pragmas.
 * Prints records/s for both and the ratio hub/raw (target >= 0.5). */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/json.h"
#include "core/outbox.h"
#include "core/wire.h"
#include "forms/sync-record.h"
#include "hub/store.h"

struct rec {
	int kind;
	bool deleted;
	char *uid;
	size_t ncols;
	char **names, **values;
	const char *updated_at;	/* one of values, or NULL */
};

struct batch {
	uint64_t no;
	size_t bytes;
	struct rec *recs;
	size_t n, cap;
};

static char station[16];

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench-hub: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL)
		die("memory", NULL);
	return p;
}

static char *
xstrdup(const char *s)
{
	return s != NULL ? strcpy(xmalloc(strlen(s) + 1), s) : NULL;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
keep(const struct wire_record *r, void *arg)
{
	struct batch *b = arg;
	struct rec *x;
	size_t i;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		if ((b->recs = realloc(b->recs, b->cap * sizeof *b->recs)) ==
		    NULL)
			die("memory", NULL);
	}
	x = &b->recs[b->n++];
	x->kind = r->kind;
	x->deleted = r->deleted;
	x->uid = xstrdup(r->uid);
	x->ncols = r->ncols;
	x->names = xmalloc(r->ncols * sizeof *x->names);
	x->values = xmalloc(r->ncols * sizeof *x->values);
	x->updated_at = NULL;
	for (i = 0; i < r->ncols; i++) {
		x->names[i] = xstrdup(r->names[i]);
		x->values[i] = xstrdup(r->values[i]);
		if (strcmp(x->names[i], "updated_at") == 0)
			x->updated_at = x->values[i];
	}
	return 0;
}

static void
as_wire(const struct rec *x, struct wire_record *r)
{
	r->kind = x->kind;
	r->uid = x->uid;
	r->deleted = x->deleted;
	r->ncols = x->ncols;
	r->names = (const char *const *)x->names;
	r->values = (const char *const *)x->values;
}

/* Cut the station's outbox and decode every batch into *OUT. */
static size_t
load_batches(const char *path, size_t per_batch, struct batch **out,
    size_t *nrecords)
{
	struct outbox_limits lim = { per_batch, OUTBOX_MAX_BYTES };
	struct wire_limits wl = { 64u << 20, 256u << 20, 1000000 };
	struct wire_batch_info info;
	struct sync_record *src;
	struct batch *v = NULL;
	sqlite3_stmt *stmt;
	char *cause = NULL;
	size_t n = 0, cap = 0;
	uint64_t no;
	sqlite3 *db;
	int rc;

	if ((db = db_open(path, DB_OPEN_EXISTING, &cause)) == NULL)
		die(path, cause);
	for (;;) {
		if ((src = sync_record_new()) == NULL)
			die("memory", NULL);
		rc = outbox_cut(db, &lim, sync_record_load, src, &no, &cause);
		sync_record_free(src);
		if (rc < 0)
			die("outbox_cut", cause);
		if (rc == 0)
			break;
	}
	if ((stmt = db_prepare(db, "SELECT batch_no, bytes FROM sync_batch "
	    "WHERE state = 'cut' ORDER BY batch_no", &cause)) == NULL)
		die("sync_batch", cause);
	*nrecords = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((v = realloc(v, cap * sizeof *v)) == NULL)
				die("memory", NULL);
		}
		memset(&v[n], 0, sizeof v[n]);
		v[n].no = (uint64_t)sqlite3_column_int64(stmt, 0);
		v[n].bytes = (size_t)sqlite3_column_bytes(stmt, 1);
		if (wire_decode(sqlite3_column_blob(stmt, 1), v[n].bytes, &wl,
		    &info, keep, &v[n], NULL, &cause) != 0)
			die("wire_decode", cause);
		snprintf(station, sizeof station, "%s", info.station);
		*nrecords += v[n].n;
		n++;
	}
	db_done(stmt);
	db_close(db);
	*out = v;
	return n;
}

static void
utc_now(char out[STORE_TIME_MAX])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, STORE_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static double
run_hub(const char *path, const struct batch *v, size_t n)
{
	struct store *st;
	struct store_batch sb;
	struct wire_record r;
	unsigned char hash[STORE_HASH_LEN] = { 0 };
	enum store_seen seen;
	char *cause = NULL;
	uint32_t records;
	size_t i, j;
	double t0;

	remove(path);
	if ((st = store_open(path, true, &cause)) == NULL)
		die(path, cause);
	if (store_station_add(st, station, "bench", "110101001001", hash,
	    &cause) != 0)
		die("store_station_add", cause);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		memset(&sb, 0, sizeof sb);
		sb.station = station;
		sb.batch_no = v[i].no;
		memcpy(sb.hash, &v[i].no, sizeof v[i].no);
		sb.bytes = v[i].bytes;
		utc_now(sb.received_at);
		sb.backlog = -1;
		if (store_batch_begin(st, &sb, &seen, &records, &cause) != 0 ||
		    seen != STORE_SEEN_NONE)
			die("store_batch_begin", cause);
		for (j = 0; j < v[i].n; j++) {
			as_wire(&v[i].recs[j], &r);
			if (store_batch_add(st, &r, v[i].recs[j].updated_at,
			    &cause) != 0)
				die("store_batch_add", cause);
		}
		if (store_batch_commit(st, &records, &cause) != 0)
			die("store_batch_commit", cause);
	}
	t0 = now_s() - t0;
	store_close(st);
	return t0;
}

/* The record's columns as one JSON object, as the hub writes it. */
static char *
body_json(const struct rec *x)
{
	struct json_obj o;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		die("memory", NULL);
	json_obj_begin(&o, f);
	for (i = 0; i < x->ncols; i++)
		json_obj_str(&o, x->names[i], x->values[i]);
	if (json_obj_end(&o) != 0 || fclose(f) != 0)
		die("json", NULL);
	return buf;
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-hub: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
}

static double
run_raw(const char *path, const struct batch *v, size_t n)
{
	sqlite3_stmt *stmt;
	sqlite3 *db;
	size_t i, j;
	double t0;

	remove(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(path, (char *)sqlite3_errmsg(db));
	exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = 4194304;"
	    "CREATE TABLE raw (uid TEXT NOT NULL, body TEXT NOT NULL)");
	if (sqlite3_prepare_v2(db, "INSERT INTO raw (uid, body) VALUES "
	    "(?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
		die("prepare", (char *)sqlite3_errmsg(db));
	t0 = now_s();
	for (i = 0; i < n; i++) {
		exec(db, "BEGIN IMMEDIATE");
		for (j = 0; j < v[i].n; j++) {
			sqlite3_bind_text(stmt, 1, v[i].recs[j].uid, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(stmt, 2, body_json(&v[i].recs[j]),
			    -1, free);
			if (sqlite3_step(stmt) != SQLITE_DONE)
				die("insert", (char *)sqlite3_errmsg(db));
			sqlite3_reset(stmt);
		}
		exec(db, "COMMIT");
	}
	t0 = now_s() - t0;
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return t0;
}

int
main(int argc, char **argv)
{
	char hub[4096], raw[4096];
	struct batch *v;
	size_t n, nrec, per = OUTBOX_MAX_RECORDS, i, j, k;
	double th = 1e9, tr = 1e9, t;
	int round;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: bench-hub STATION-DB DIR "
		    "[BATCH-RECORDS]\n");
		return 2;
	}
	if (argc == 4 && (per = strtoul(argv[3], NULL, 10)) == 0)
		per = 1;
	snprintf(hub, sizeof hub, "%s/bench-hub.db", argv[2]);
	snprintf(raw, sizeof raw, "%s/bench-raw.db", argv[2]);
	n = load_batches(argv[1], per, &v, &nrec);
	if (nrec == 0)
		die(argv[1], "the outbox is empty");
	/* Best of three each, alternating, so neither gets a warmer cache. */
	for (round = 0; round < 3; round++) {
		if ((t = run_hub(hub, v, n)) < th)
			th = t;
		if ((t = run_raw(raw, v, n)) < tr)
			tr = t;
	}
	printf("hub ingest: %zu records in %zu batches (<= %zu each)\n", nrec,
	    n, per);
	printf("  hub store (store_batch_*): %8.0f records/s (%.3f s)\n",
	    (double)nrec / th, th);
	printf("  raw SQLite bulk insert:    %8.0f records/s (%.3f s)\n",
	    (double)nrec / tr, tr);
	printf("  ratio hub/raw: %.2f (target >= 0.5)\n", tr / th);
	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].n; j++) {
			for (k = 0; k < v[i].recs[j].ncols; k++) {
				free(v[i].recs[j].names[k]);
				free(v[i].recs[j].values[k]);
			}
			free(v[i].recs[j].names);
			free(v[i].recs[j].values);
			free(v[i].recs[j].uid);
		}
		free(v[i].recs);
	}
	free(v);
	remove(hub);
	remove(raw);
	return 0;
}
