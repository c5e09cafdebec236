/* outbox.c: pending entries into frozen batches, and their acks. */
#include "core/outbox.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

/* Raised above the file's own numbers when the hub knew more of them. */
#define FLOOR_KEY "sync.batch_floor"
/* The hub high-water mark at which every record was queued again. */
#define BEHIND_KEY "sync.hub_behind"

struct entry {
	long long seq;
	int kind;
	char uid[HEARTH_UID_MAX];
	bool gone;		/* the record no longer exists */
};

static void
oom(char **cause)
{
	err_set(cause, "%s", _("out of memory"));
}

/* One integer from SQL (bound with ?1 = ARG when ARG >= 0): 0, -1. */
static int
query_int(sqlite3 *db, const char *sql, long long arg, long long *out,
    char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(db, sql, cause)) == NULL)
		return -1;
	if (arg >= 0)
		sqlite3_bind_int64(stmt, 1, arg);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Run SQL bound with ?1 = A and ?2 = B (when >= 0). */
static int
run2(sqlite3 *db, const char *sql, long long a, long long b, char **cause)
{
	sqlite3_stmt *stmt;

	if ((stmt = db_prepare(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, a);
	if (b >= 0)
		sqlite3_bind_int64(stmt, 2, b);
	return db_run(db, stmt, cause);
}

static long long
floor_get(sqlite3 *db)
{
	char *s = db_setting_get(db, FLOOR_KEY);
	long long v = s != NULL ? strtoll(s, NULL, 10) : 0;

	free(s);
	return v > 0 ? v : 0;
}

/* The next batch number: above every number this file has used and
 * above the floor (numbers never repeat, void ones included). */
static int
next_number(sqlite3 *db, uint64_t *out, char **cause)
{
	long long max, fl = floor_get(db);

	if (query_int(db, "SELECT coalesce(max(batch_no), 0) FROM sync_batch",
	    -1, &max, cause) != 0)
		return -1;
	*out = (uint64_t)(max > fl ? max : fl) + 1;
	return 0;
}

/* The oldest MAX pending entries into *OUT (malloc'd). */
static int
load_pending(sqlite3 *db, size_t max, struct entry **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *stmt;
	struct entry *e;
	int rc;

	*n = 0;
	if ((*out = e = calloc(max, sizeof *e)) == NULL) {
		oom(cause);
		return -1;
	}
	if ((stmt = db_prepare(db, "SELECT seq, kind, uid FROM outbox "
	    "WHERE batch_no IS NULL ORDER BY seq LIMIT ?1", cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, (sqlite3_int64)max);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		e[*n].seq = sqlite3_column_int64(stmt, 0);
		e[*n].kind = sqlite3_column_int(stmt, 1);
		db_column_copy(stmt, 2, e[*n].uid, sizeof e[*n].uid);
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

static size_t
record_size(const struct wire_record *r)
{
	size_t i, n = strlen(r->uid) + 2;

	for (i = 0; i < r->ncols; i++)
		n += strlen(r->names[i]) + 1 +
		    (r->values[i] != NULL ? strlen(r->values[i]) : 0);
	return n;
}

/* Encode E[0..*TAKEN) (at most LIMIT entries, stopping once their text
 * reaches max_bytes) as batch NO; *RECORDS = those that exist. */
static int
encode(sqlite3 *db, const char *station, uint64_t no, struct entry *e,
    size_t limit, const struct outbox_limits *lim, outbox_source_fn source,
    void *arg, unsigned char **bytes, size_t *len, size_t *taken,
    size_t *records, char **cause)
{
	struct wire_encoder *enc;
	struct wire_record r;
	size_t i, raw = 0;
	int rc;

	if ((enc = wire_encoder_new(station, no)) == NULL) {
		oom(cause);
		return -1;
	}
	*records = 0;
	for (i = 0; i < limit && (raw < lim->max_bytes || *records == 0);
	    i++) {
		memset(&r, 0, sizeof r);
		if ((rc = source(arg, db, e[i].kind, e[i].uid, &r, cause)) < 0)
			goto fail;
		if ((e[i].gone = rc == 1))
			continue;
		r.kind = e[i].kind;
		r.uid = e[i].uid;
		if (wire_encoder_add(enc, &r, cause) != 0)
			goto fail;
		raw += record_size(&r);
		(*records)++;
	}
	*taken = i;
	*bytes = NULL;
	*len = 0;
	if (*records > 0 && wire_encoder_finish(enc, bytes, len, cause) != 0)
		goto fail;
	wire_encoder_free(enc);
	return 0;
fail:
	wire_encoder_free(enc);
	return -1;
}

/* Store batch NO (BYTES, RECORDS) and give it E[0..TAKEN); entries whose
 * record is gone are dropped. */
static int
store(sqlite3 *db, uint64_t no, const unsigned char *bytes, size_t len,
    size_t records, const struct entry *e, size_t taken, char **cause)
{
	char now[HEARTH_TS_MAX];
	sqlite3_stmt *stmt;
	size_t i;

	if (records > 0) {
		db_timestamp(now);
		if ((stmt = db_prepare(db, "INSERT INTO sync_batch (batch_no, "
		    "bytes, records, created_at) VALUES (?1, ?2, ?3, ?4)",
		    cause)) == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, (sqlite3_int64)no);
		sqlite3_bind_blob(stmt, 2, bytes, (int)len, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)records);
		sqlite3_bind_text(stmt, 4, now, -1, SQLITE_STATIC);
		if (db_run(db, stmt, cause) != 0)
			return -1;
	}
	for (i = 0; i < taken; i++) {
		if (e[i].gone ? run2(db, "DELETE FROM outbox WHERE seq = ?1",
		    e[i].seq, -1, cause) != 0 : run2(db, "UPDATE outbox SET "
		    "batch_no = ?1 WHERE seq = ?2", (long long)no, e[i].seq,
		    cause) != 0)
			return -1;
	}
	return 0;
}

/* One try at a batch; 1 cut, 0 nothing pending, 2 only vanished
 * records (dropped: try again). */
static int
cut_once(sqlite3 *db, const struct outbox_limits *lim,
    outbox_source_fn source, void *arg, uint64_t *batch_no, char **cause)
{
	struct station st;
	struct entry *e = NULL;
	unsigned char *bytes = NULL;
	size_t n, limit, taken, records, len;
	uint64_t no;
	int tok, rc = -1;

	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if ((rc = db_station_get(db, &st, cause)) != 0) {
		if (rc == 1)
			err_set(cause, "%s", _("this database has no station "
			    "yet: run hearth init first"));
		db_rollback(db, tok);
		return -1;
	}
	rc = -1;
	if (load_pending(db, lim->max_records > 0 ? lim->max_records : 1,
	    &e, &n, cause) != 0 || next_number(db, &no, cause) != 0)
		goto fail;
	if (n == 0) {
		rc = 0;
		goto fail;	/* nothing written: roll back is a no-op */
	}
	/* Text size is a cheap bound on the encoded size (columns deflate);
	 * the rare batch that still comes out too big is cut in half. */
	for (limit = n;; limit = taken / 2) {
		free(bytes);
		if (encode(db, st.code, no, e, limit, lim, source, arg, &bytes,
		    &len, &taken, &records, cause) != 0)
			goto fail;
		if (len <= lim->max_bytes || records <= 1 || taken <= 1)
			break;
	}
	if (store(db, no, bytes, len, records, e, taken, cause) != 0)
		goto fail;
	if (db_commit(db, tok, cause) != 0) {
		tok = 0;
		goto fail;
	}
	tok = 0;
	*batch_no = no;
	rc = records > 0 ? 1 : 2;
fail:
	if (tok > 0)
		db_rollback(db, tok);
	db_station_clear(&st);
	free(bytes);
	free(e);
	return rc;
}

int
outbox_cut(sqlite3 *db, const struct outbox_limits *lim,
    outbox_source_fn source, void *arg, uint64_t *batch_no, char **cause)
{
	int rc;

	while ((rc = cut_once(db, lim, source, arg, batch_no, cause)) == 2)
		;
	return rc;
}

int
outbox_next(sqlite3 *db, struct outbox_batch *b, char **cause)
{
	sqlite3_stmt *stmt;
	const void *p;
	int rc;

	memset(b, 0, sizeof *b);
	if ((stmt = db_prepare(db, "SELECT batch_no, bytes, records FROM "
	    "sync_batch WHERE state = 'cut' ORDER BY batch_no LIMIT 1",
	    cause)) == NULL)
		return -1;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		b->batch_no = (uint64_t)sqlite3_column_int64(stmt, 0);
		p = sqlite3_column_blob(stmt, 1);
		b->len = (size_t)sqlite3_column_bytes(stmt, 1);
		b->records = (uint32_t)sqlite3_column_int64(stmt, 2);
		if (p == NULL || (b->bytes = malloc(b->len)) == NULL) {
			db_done(stmt);
			if (p == NULL)
				err_set(cause, _("batch %llu has lost its "
				    "bytes"), (unsigned long long)b->batch_no);
			else
				oom(cause);
			return -1;
		}
		memcpy(b->bytes, p, b->len);
		db_done(stmt);
		return 1;
	}
	if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
outbox_batch_clear(struct outbox_batch *b)
{
	free(b->bytes);
	memset(b, 0, sizeof *b);
}

/* Ack every cut batch numbered in [LO, HI], inside the caller's
 * transaction. */
static int
ack_range(sqlite3 *db, long long lo, long long hi, char **cause)
{
	char now[HEARTH_TS_MAX];
	sqlite3_stmt *stmt;

	db_timestamp(now);
	if ((stmt = db_prepare(db, "UPDATE sync_batch SET state = 'acked', "
	    "acked_at = ?3, bytes = NULL WHERE state = 'cut' AND "
	    "batch_no BETWEEN ?1 AND ?2", cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, lo);
	sqlite3_bind_int64(stmt, 2, hi);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0)
		return -1;
	return run2(db, "DELETE FROM outbox WHERE batch_no BETWEEN ?1 AND ?2",
	    lo, hi, cause);
}

int
outbox_ack(sqlite3 *db, uint64_t batch_no, char **cause)
{
	int tok;

	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if (ack_range(db, (long long)batch_no, (long long)batch_no,
	    cause) != 0) {
		db_rollback(db, tok);
		return -1;
	}
	return db_commit(db, tok, cause);
}

/* Make batch NO void inside the caller's transaction. */
static int
void_one(sqlite3 *db, long long no, char **cause)
{
	/* The older place wins: a record's first queued copy keeps its
	 * position, so an elder still goes before its visits. */
	if (run2(db, "DELETE FROM outbox WHERE batch_no IS NULL AND EXISTS "
	    "(SELECT 1 FROM outbox AS o WHERE o.batch_no = ?1 AND "
	    "o.kind = outbox.kind AND o.uid = outbox.uid)", no, -1,
	    cause) != 0 ||
	    run2(db, "UPDATE outbox SET batch_no = NULL WHERE batch_no = ?1",
	    no, -1, cause) != 0)
		return -1;
	return run2(db, "UPDATE sync_batch SET state = 'void', bytes = NULL "
	    "WHERE batch_no = ?1 AND state = 'cut'", no, -1, cause);
}

int
outbox_void(sqlite3 *db, uint64_t batch_no, char **cause)
{
	int tok;

	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if (void_one(db, (long long)batch_no, cause) != 0) {
		db_rollback(db, tok);
		return -1;
	}
	return db_commit(db, tok, cause);
}

/* Void every cut batch, newest first (so each one's records take their
 * places back before an older one's claim the older places). */
static int
void_all(sqlite3 *db, char **cause)
{
	long long no;

	for (;;) {
		if (query_int(db, "SELECT coalesce(max(batch_no), 0) FROM "
		    "sync_batch WHERE state = 'cut'", -1, &no, cause) != 0)
			return -1;
		if (no == 0)
			return 0;
		if (void_one(db, no, cause) != 0)
			return -1;
	}
}

/* The hub lost batches this file had acked (restored from an older
 * backup): queue every record again, once for each such high-water mark
 * HW, inside the caller's transaction.  *N is how many were queued (0:
 * the hub is not behind, or this was done already). */
static int
hub_behind(sqlite3 *db, uint64_t hw, long *n, char **cause)
{
	char text[24], *done;
	long long acked;
	sqlite3_stmt *stmt;
	bool again;

	*n = 0;
	if (query_int(db, "SELECT coalesce(max(batch_no), 0) FROM sync_batch "
	    "WHERE state = 'acked'", -1, &acked, cause) != 0)
		return -1;
	if ((long long)hw >= acked)
		return 0;
	snprintf(text, sizeof text, "%llu", (unsigned long long)hw);
	done = db_setting_get(db, BEHIND_KEY);
	again = done != NULL && strcmp(done, text) == 0;
	free(done);
	if (again)
		return 0;
	/* Which records were in the lost batches is not kept (an ack drops
	 * the entries), so all of them go: the hub keeps one row per uid
	 * in its listings, and nothing the station holds stays missing.
	 * Deleted records too, so the hub learns of the deletion. */
	if ((stmt = db_prepare(db, "INSERT OR IGNORE INTO outbox (kind, uid) "
	    "SELECT 1, uid FROM elder UNION ALL SELECT 2, uid FROM visit "
	    "UNION ALL SELECT 3, uid FROM meal UNION ALL SELECT 4, uid FROM site "
	    "UNION ALL SELECT 5, uid FROM child "
	    "UNION ALL SELECT 6, uid FROM guidance", cause)) == NULL ||
	    db_run(db, stmt, cause) != 0)
		return -1;
	*n = (long)sqlite3_changes(db);
	return db_setting_set(db, BEHIND_KEY, text, cause);
}

int
outbox_high_water(sqlite3 *db, uint64_t hw, int *reset, long *requeued,
    char **cause)
{
	char text[24];
	long long max, fl;
	long n = 0;
	int tok;

	if (reset != NULL)
		*reset = 0;
	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	fl = floor_get(db);
	if (query_int(db, "SELECT coalesce(max(batch_no), 0) FROM sync_batch",
	    -1, &max, cause) != 0)
		goto fail;
	if ((long long)hw > max && (long long)hw > fl) {
		/* Numbers this file never cut: it is not the file that sent
		 * them.  Whatever it has not had acked goes again, above. */
		snprintf(text, sizeof text, "%llu", (unsigned long long)hw);
		if (void_all(db, cause) != 0 ||
		    db_setting_set(db, FLOOR_KEY, text, cause) != 0)
			goto fail;
		if (reset != NULL)
			*reset = 1;
	} else if ((hw > 0 && ack_range(db, 1, (long long)hw, cause) != 0) ||
	    hub_behind(db, hw, &n, cause) != 0)
		goto fail;
	if (requeued != NULL)
		*requeued = n;
	return db_commit(db, tok, cause);
fail:
	db_rollback(db, tok);
	return -1;
}

int
outbox_status(sqlite3 *db, struct outbox_status *st, char **cause)
{
	sqlite3_stmt *stmt;
	long long v;
	int rc;

	memset(st, 0, sizeof *st);
	if (query_int(db, "SELECT count(*) FROM outbox WHERE batch_no IS NULL",
	    -1, &v, cause) != 0)
		return -1;
	st->pending = (long)v;
	if (query_int(db, "SELECT count(*) FROM sync_batch WHERE state = 'cut'",
	    -1, &v, cause) != 0)
		return -1;
	st->unacked = (long)v;
	if (query_int(db, "SELECT coalesce(sum(records), 0) FROM sync_batch "
	    "WHERE state = 'cut'", -1, &v, cause) != 0)
		return -1;
	st->unacked_records = (long)v;
	if ((stmt = db_prepare(db, "SELECT batch_no, acked_at FROM sync_batch "
	    "WHERE state = 'acked' ORDER BY batch_no DESC LIMIT 1",
	    cause)) == NULL)
		return -1;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		st->last_acked = (uint64_t)sqlite3_column_int64(stmt, 0);
		db_column_copy(stmt, 1, st->last_acked_at,
		    sizeof st->last_acked_at);
	} else if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}
