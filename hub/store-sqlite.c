/* store-sqlite.c: hub/store.h on one SQLite file (doc/hub.md).
 *
 * The only SQLite-aware file of hub/.  Pragmas as on a station (core/db.c
 * and doc/storage.md) and for a stronger reason: WAL with synchronous=FULL
 * fsyncs the WAL at every commit, and the hub acks a batch only after its
 * commit returned, so an acked batch survives a power cut.  Statements
 * come from core/db.c's cache (db_prepare), bound, never printf-built.
 * Records are kept as a JSON object of their columns (core/json.c writes
 * it, SQLite's json_each reads it back): unknown columns of a newer station
 * are kept as they came. */
#define _GNU_SOURCE		/* strptime, timegm */
#include "hub/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/err.h"
#include "core/json.h"

/* "HHUB": a station file or any other SQLite file is refused. */
#define STORE_APPLICATION_ID 0x48485542

struct store {
	sqlite3 *db;
	int tok;		/* db_begin token of the open batch, or 0 */
	int roster_tok;		/* ... of the open roster import, or 0 */
	const char *station;	/* of the open batch */
	uint64_t batch_no;
	uint32_t seq;		/* records added to it */
};

/* Migrations: step i moves user_version i to i + 1 and sets it itself.
 * Steps are only appended, never edited once released. */
static const char migration_1[] =
	"PRAGMA application_id = 1212699970;\n"
	"CREATE TABLE station (\n"
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, division_code TEXT NOT NULL,\n"
	"  token_hash BLOB NOT NULL UNIQUE, created_at TEXT NOT NULL);\n"
	"CREATE TABLE token (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  role TEXT NOT NULL CHECK (role IN ('staff','admin')),\n"
	"  token_hash BLOB NOT NULL UNIQUE, created_at TEXT NOT NULL);\n"
	"CREATE TABLE batch (\n"
	"  station TEXT NOT NULL REFERENCES station (code),\n"
	"  batch_no INTEGER NOT NULL CHECK (batch_no > 0),\n"
	"  hash BLOB NOT NULL, bytes INTEGER NOT NULL,\n"
	"  records INTEGER NOT NULL DEFAULT 0,\n"
	"  received_at TEXT NOT NULL, sent_at INTEGER, skew_s INTEGER,\n"
	"  backlog INTEGER,\n"
	"  PRIMARY KEY (station, batch_no));\n"
	"CREATE TABLE record (\n"
	"  station TEXT NOT NULL, batch_no INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
	"  kind INTEGER NOT NULL, uid TEXT NOT NULL, deleted INTEGER NOT NULL,\n"
	"  updated_at TEXT NOT NULL DEFAULT '', id_number TEXT,\n"
	"  body TEXT NOT NULL,\n"
	"  PRIMARY KEY (station, batch_no, seq),\n"
	"  FOREIGN KEY (station, batch_no) REFERENCES batch (station, batch_no));\n"
	"CREATE INDEX record_uid ON record (kind, uid);\n"
	"CREATE INDEX record_id_number ON record (kind, id_number)\n"
	"  WHERE id_number IS NOT NULL;\n"
	"PRAGMA user_version = 1;\n";

/* The roster (issue 5): the county's register of elders and children,
 * one row per (kind, natural key).  The division index serves a village
 * (one code: its rows already in key order) and a town or county (a range
 * of codes) without a scan. */
static const char migration_2[] =
	"CREATE TABLE roster (\n"
	"  kind INTEGER NOT NULL, key TEXT NOT NULL, alt_key TEXT,\n"
	"  division_code TEXT NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (kind, key));\n"
	"CREATE INDEX roster_division ON roster (kind, division_code, key);\n"
	"CREATE INDEX roster_alt_key ON roster (kind, alt_key)\n"
	"  WHERE alt_key IS NOT NULL;\n"
	"PRAGMA user_version = 2;\n";

static const char *const migrations[] = { migration_1, migration_2 };
#define MIGRATION_COUNT ((long)(sizeof migrations / sizeof migrations[0]))

static long
pragma_long(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static int
store_migrate(sqlite3 *db, const char *path, char **cause)
{
	long version, app;
	char *msg = NULL;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, cause);
		return -1;
	}
	version = pragma_long(db, "PRAGMA user_version");
	app = pragma_long(db, "PRAGMA application_id");
	if (version < 0 || (version > 0 && app != STORE_APPLICATION_ID) ||
	    (version == 0 && pragma_long(db,
	    "SELECT count(*) FROM sqlite_master") != 0)) {
		err_set(cause, "%s is not a hearth-hub database", path);
		goto fail;
	}
	if (version > MIGRATION_COUNT) {
		err_set(cause, "%s was written by a newer hearth-hub (schema %ld; "
		    "this one knows %ld)", path, version, MIGRATION_COUNT);
		goto fail;
	}
	for (; version < MIGRATION_COUNT; version++) {
		if (sqlite3_exec(db, migrations[version], NULL, NULL, &msg) !=
		    SQLITE_OK || pragma_long(db, "PRAGMA user_version") !=
		    version + 1) {
			err_set(cause, "%s: schema upgrade failed: %s", path,
			    msg != NULL ? msg : "wrong version");
			sqlite3_free(msg);
			goto fail;
		}
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, cause);
		goto fail;
	}
	return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

struct store *
store_open(const char *path, bool create, char **cause)
{
	struct store *st;
	struct stat sb;
	int fd;

	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !create) {
			if (errno == ENOENT)
				err_set(cause, "no hub database at %s: run "
				    "`hearth-hub init` first", path);
			else
				err_set(cause, "cannot open %s: %s", path,
				    strerror(errno));
			return NULL;
		}
		/* 0600 from the start: the file holds token hashes and
		 * people's ID numbers; SQLite gives -wal/-shm the same. */
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			err_set(cause, "cannot create %s: %s", path,
			    strerror(errno));
			return NULL;
		}
		if (fd >= 0)
			close(fd);
	} else if (!S_ISREG(sb.st_mode)) {
		err_set(cause, "%s is not a hearth-hub database", path);
		return NULL;
	}
	if ((st = calloc(1, sizeof *st)) == NULL) {
		err_set(cause, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_error(st->db, cause);
		goto fail;
	}
	/* FULL, not NORMAL: an ack is a promise (FIELD-NOTES). */
	if (sqlite3_exec(st->db,
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA journal_size_limit = 4194304;", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_error(st->db, cause);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (store_migrate(st->db, path, cause) != 0)
		goto fail;
	return st;
fail:
	db_close(st->db);
	free(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->tok != 0)
		store_batch_abort(st);
	if (st->roster_tok != 0)
		store_roster_abort(st);
	db_close(st->db);
	free(st);
}

int
store_ping(struct store *st, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(st->db, "SELECT count(*) FROM station",
	    cause)) == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void
utc_now(char out[STORE_TIME_MAX])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, STORE_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A constraint failure on insert means "exists"; say so plainly. */
static int
insert_run(struct store *st, sqlite3_stmt *stmt, const char *what,
    const char *key, char **cause)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_DONE) {
		db_done(stmt);
		return 0;
	}
	if (rc == SQLITE_CONSTRAINT)
		err_set(cause, "%s %s already exists", what, key);
	else
		db_error(st->db, cause);
	db_done(stmt);
	return -1;
}

int
store_station_add(struct store *st, const char *code, const char *name,
    const char *division_code, const unsigned char hash[STORE_HASH_LEN],
    char **cause)
{
	sqlite3_stmt *stmt;
	char now[STORE_TIME_MAX];

	if ((stmt = db_prepare(st->db, "INSERT INTO station (code, name, "
	    "division_code, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	    cause)) == NULL)
		return -1;
	utc_now(now);
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, division_code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(stmt, 4, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 5, now, -1, SQLITE_TRANSIENT);
	return insert_run(st, stmt, "station", code, cause);
}

int
store_token_add(struct store *st, const char *name, enum store_role role,
    const unsigned char hash[STORE_HASH_LEN], char **cause)
{
	sqlite3_stmt *stmt;
	char now[STORE_TIME_MAX];

	if (role != STORE_STAFF && role != STORE_ADMIN) {
		err_set(cause, "a token's role is staff or admin");
		return -1;
	}
	if ((stmt = db_prepare(st->db, "INSERT INTO token (name, role, "
	    "token_hash, created_at) VALUES (?1, ?2, ?3, ?4)", cause)) == NULL)
		return -1;
	utc_now(now);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, role == STORE_ADMIN ? "admin" : "staff", -1,
	    SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 3, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, now, -1, SQLITE_TRANSIENT);
	return insert_run(st, stmt, "token", name, cause);
}

int
store_principal_find(struct store *st,
    const unsigned char hash[STORE_HASH_LEN], struct store_principal *who,
    char **cause)
{
	sqlite3_stmt *stmt;
	const char *role;
	int rc;

	if ((stmt = db_prepare(st->db,
	    "SELECT 'station', code, token_hash FROM station "
	    "WHERE token_hash = ?1 UNION ALL "
	    "SELECT role, name, token_hash FROM token WHERE token_hash = ?1",
	    cause)) == NULL)
		return -1;
	sqlite3_bind_blob(stmt, 1, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW &&
	    sqlite3_column_bytes(stmt, 2) == STORE_HASH_LEN) {
		role = (const char *)sqlite3_column_text(stmt, 0);
		who->role = strcmp(role, "station") == 0 ? STORE_STATION :
		    strcmp(role, "admin") == 0 ? STORE_ADMIN : STORE_STAFF;
		db_column_copy(stmt, 1, who->name, sizeof who->name);
		memcpy(who->hash, sqlite3_column_blob(stmt, 2), STORE_HASH_LEN);
		db_done(stmt);
		return 1;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* *SEEN for B's key, and the stored record count. */
static int
batch_seen(struct store *st, const struct store_batch *b,
    enum store_seen *seen, uint32_t *records, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(st->db, "SELECT hash, records FROM batch "
	    "WHERE station = ?1 AND batch_no = ?2", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, b->station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)b->batch_no);
	rc = sqlite3_step(stmt);
	*seen = STORE_SEEN_NONE;
	if (rc == SQLITE_ROW) {
		*seen = sqlite3_column_bytes(stmt, 0) == STORE_HASH_LEN &&
		    memcmp(sqlite3_column_blob(stmt, 0), b->hash,
		    STORE_HASH_LEN) == 0 ? STORE_SEEN_SAME :
		    STORE_SEEN_DIFFERENT;
		*records = (uint32_t)sqlite3_column_int64(stmt, 1);
	} else if (rc != SQLITE_DONE)
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_batch_begin(struct store *st, const struct store_batch *b,
    enum store_seen *seen, uint32_t *records, char **cause)
{
	sqlite3_stmt *stmt;
	int tok;

	if (st->tok != 0 || st->roster_tok != 0) {
		err_set(cause, "a batch or roster is already being stored");
		return -1;
	}
	/* Checked inside the write transaction, so two copies of one batch
	 * arriving together cannot both find it new (and the primary key
	 * would refuse the second anyway). */
	if ((tok = db_begin(st->db, cause)) < 0)
		return -1;
	if (batch_seen(st, b, seen, records, cause) != 0)
		goto fail;
	if (*seen != STORE_SEEN_NONE) {
		db_rollback(st->db, tok);
		return 0;
	}
	if ((stmt = db_prepare(st->db, "INSERT INTO batch (station, batch_no, "
	    "hash, bytes, received_at, sent_at, skew_s, backlog) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", cause)) == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, b->station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)b->batch_no);
	sqlite3_bind_blob(stmt, 3, b->hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)b->bytes);
	sqlite3_bind_text(stmt, 5, b->received_at, -1, SQLITE_TRANSIENT);
	if (b->has_sent_at) {
		struct tm tm = { 0 };
		time_t t;

		/* Skew against the receipt time as stored, so the two
		 * columns always agree. */
		sqlite3_bind_int64(stmt, 6, b->sent_at);
		if (strptime(b->received_at, "%Y-%m-%dT%H:%M:%SZ", &tm) !=
		    NULL && (t = timegm(&tm)) != (time_t)-1)
			sqlite3_bind_int64(stmt, 7, b->sent_at - (int64_t)t);
	}
	if (b->backlog >= 0)
		sqlite3_bind_int64(stmt, 8, b->backlog);
	if (db_run(st->db, stmt, cause) != 0)
		goto fail;
	st->tok = tok;
	st->station = b->station;
	st->batch_no = b->batch_no;
	st->seq = 0;
	return 0;
fail:
	db_rollback(st->db, tok);
	return -1;
}

/* The record's columns as one JSON object (malloc'd). */
static char *
record_json(const struct wire_record *r)
{
	struct json_obj o;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;
	int rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	json_obj_begin(&o, f);
	for (i = 0; i < r->ncols; i++)
		json_obj_str(&o, r->names[i], r->values[i]);
	rc = json_obj_end(&o);
	if (fclose(f) != 0 || rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
store_batch_add(struct store *st, const struct wire_record *r,
    const char *updated_at, char **cause)
{
	sqlite3_stmt *stmt;
	const char *id_number = NULL;
	char *body;
	size_t i;
	int rc;

	if (st->tok == 0) {
		err_set(cause, "no batch is being stored");
		return -1;
	}
	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], "id_number") == 0)
			id_number = r->values[i];
	if ((body = record_json(r)) == NULL) {
		err_set(cause, "out of memory");
		return -1;
	}
	if ((stmt = db_prepare(st->db, "INSERT INTO record (station, batch_no, "
	    "seq, kind, uid, deleted, updated_at, id_number, body) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", cause)) == NULL) {
		free(body);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, st->station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)st->batch_no);
	sqlite3_bind_int64(stmt, 3, st->seq + 1);
	sqlite3_bind_int(stmt, 4, r->kind);
	sqlite3_bind_text(stmt, 5, r->uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 6, r->deleted ? 1 : 0);
	sqlite3_bind_text(stmt, 7, updated_at != NULL ? updated_at : "", -1,
	    SQLITE_TRANSIENT);
	db_bind_text_or_null(stmt, 8, id_number);
	sqlite3_bind_text(stmt, 9, body, -1, free);
	if ((rc = db_run(st->db, stmt, cause)) == 0)
		st->seq++;
	return rc;
}

int
store_batch_commit(struct store *st, uint32_t *records, char **cause)
{
	sqlite3_stmt *stmt;
	int tok = st->tok;

	if (tok == 0) {
		err_set(cause, "no batch is being stored");
		return -1;
	}
	st->tok = 0;
	if ((stmt = db_prepare(st->db, "UPDATE batch SET records = ?3 "
	    "WHERE station = ?1 AND batch_no = ?2", cause)) == NULL) {
		db_rollback(st->db, tok);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, st->station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)st->batch_no);
	sqlite3_bind_int64(stmt, 3, st->seq);
	if (db_run(st->db, stmt, cause) != 0) {
		db_rollback(st->db, tok);
		return -1;
	}
	/* db_commit undoes a failed commit itself. */
	if (db_commit(st->db, tok, cause) != 0)
		return -1;
	*records = st->seq;
	return 0;
}

void
store_batch_abort(struct store *st)
{
	if (st->tok != 0)
		db_rollback(st->db, st->tok);
	st->tok = 0;
}

int
store_high_water(struct store *st, const char *station, uint64_t *batch_no,
    uint64_t *max_seq, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(st->db, "SELECT coalesce(max(batch_no), 0) "
	    "FROM batch WHERE station = ?1", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, station, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*batch_no = (uint64_t)sqlite3_column_int64(stmt, 0);
	else
		db_error(st->db, cause);
	db_done(stmt);
	if (rc != SQLITE_ROW || max_seq == NULL)
		return rc == SQLITE_ROW ? 0 : -1;
	/* The station's own uids only (its code and a colon): the primary
	 * key's station prefix bounds the scan to its records. */
	if ((stmt = db_prepare(st->db, "SELECT coalesce(max(CAST(substr(uid, "
	    "length(?1) + 2) AS INTEGER)), 0) FROM record WHERE station = ?1 "
	    "AND substr(uid, 1, length(?1) + 1) = ?1 || ':'", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, station, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*max_seq = (uint64_t)sqlite3_column_int64(stmt, 0);
	else
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A record read back: column arrays that own their strings. */
struct row_buf {
	size_t n, cap;
	char **names, **values;
};

static void
row_buf_clear(struct row_buf *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->names[i]);
		free(b->values[i]);
	}
	b->n = 0;
}

static int
row_buf_push(struct row_buf *b, const char *name, const char *value)
{
	char **nn, **vv;
	size_t cap;

	if (b->n == b->cap) {
		cap = b->cap ? b->cap * 2 : 32;
		if ((nn = realloc(b->names, cap * sizeof *nn)) == NULL)
			return -1;
		b->names = nn;
		if ((vv = realloc(b->values, cap * sizeof *vv)) == NULL)
			return -1;
		b->values = vv;
		b->cap = cap;
	}
	b->names[b->n] = strdup(name);
	b->values[b->n] = value != NULL ? strdup(value) : NULL;
	if (b->names[b->n] == NULL || (value != NULL &&
	    b->values[b->n] == NULL)) {
		free(b->names[b->n]);
		free(b->values[b->n]);
		return -1;
	}
	b->n++;
	return 0;
}

/* Split the stored JSON BODY back into columns, in their stored order. */
static int
row_buf_load(struct store *st, struct row_buf *b, const char *body,
    char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	row_buf_clear(b);
	if ((stmt = db_prepare(st->db, "SELECT key, value FROM json_each(?1) "
	    "ORDER BY id", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, body, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (row_buf_push(b,
		    (const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1)) != 0) {
			err_set(cause, "out of memory");
			db_done(stmt);
			return -1;
		}
	}
	if (rc != SQLITE_DONE)
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_each_current(struct store *st, int kind,
    const struct store_filter *filter,
    int (*fn)(const struct store_row *row, void *arg), void *arg,
    char **cause)
{
	/* The latest version of each uid: updated_at, then the later batch,
	 * then the later record within it (an edit right after a save can
	 * share the second). */
	static const char sql[] =
	    "SELECT station, batch_no, uid, deleted, body, received_at FROM ("
	    " SELECT r.station, r.batch_no, r.seq, r.uid, r.deleted, r.body,"
	    "  b.received_at, row_number() OVER (PARTITION BY r.uid ORDER BY"
	    "  r.updated_at DESC, r.batch_no DESC, r.seq DESC) AS rn"
	    " FROM record r JOIN batch b USING (station, batch_no)"
	    " WHERE r.kind = ?1)"
	    " WHERE rn = 1 AND deleted = 0 AND (?2 IS NULL OR station = ?2)"
	    " ORDER BY station, batch_no, seq";
	struct row_buf buf = { 0, 0, NULL, NULL };
	struct wire_record rec;
	struct store_row row;
	sqlite3_stmt *stmt;
	int rc, ret = 0;

	if ((stmt = db_prepare(st->db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, kind);
	db_bind_text_or_null(stmt, 2, filter != NULL ? filter->station : NULL);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (row_buf_load(st, &buf,
		    (const char *)sqlite3_column_text(stmt, 4), cause) != 0) {
			ret = -1;
			break;
		}
		rec.kind = kind;
		rec.uid = (const char *)sqlite3_column_text(stmt, 2);
		rec.deleted = false;
		rec.ncols = buf.n;
		rec.names = (const char *const *)buf.names;
		rec.values = (const char *const *)buf.values;
		row.rec = &rec;
		row.station = (const char *)sqlite3_column_text(stmt, 0);
		row.batch_no = (uint64_t)sqlite3_column_int64(stmt, 1);
		row.received_at = (const char *)sqlite3_column_text(stmt, 5);
		if ((ret = fn(&row, arg)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE) {
		db_error(st->db, cause);
		ret = -1;
	}
	db_done(stmt);
	row_buf_clear(&buf);
	free(buf.names);
	free(buf.values);
	return ret;
}

char *
store_lookup(struct store *st, int kind, const char *id_number,
    const char *uid, const char *column)
{
	sqlite3_stmt *stmt;
	char *path, *v = NULL;
	bool oom = false;

	if ((id_number == NULL) == (uid == NULL) || column == NULL)
		return NULL;
	/* The JSON path is a bound value, built from the column name; the
	 * SQL text stays constant. */
	if ((path = err_fmt("$.\"%s\"", column)) == NULL)
		return NULL;
	/* Two statements, not one with "?2 IS NULL OR ...": that form keeps
	 * SQLite off the indexes (record_id_number, record_uid), and a
	 * listing asks once per row — a scan each time froze the hub for
	 * minutes on a county's visits. */
	stmt = db_prepare(st->db, id_number != NULL ?
	    "SELECT json_extract(body, ?3) FROM record WHERE kind = ?1 AND "
	    "id_number = ?2 ORDER BY updated_at DESC, batch_no DESC, seq DESC "
	    "LIMIT 1" :
	    "SELECT json_extract(body, ?3) FROM record WHERE kind = ?1 AND "
	    "uid = ?2 ORDER BY updated_at DESC, batch_no DESC, seq DESC "
	    "LIMIT 1", NULL);
	if (stmt != NULL) {
		sqlite3_bind_int(stmt, 1, kind);
		sqlite3_bind_text(stmt, 2, id_number != NULL ? id_number : uid,
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, path, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			v = db_column_strdup(stmt, 0, &oom);
		db_done(stmt);
	}
	free(path);
	return v;
}

int
store_each_station(struct store *st,
    int (*fn)(const struct store_station_info *info, void *arg), void *arg,
    char **cause)
{
	static const char sql[] =
	    "SELECT s.code, s.name, s.division_code,"
	    " coalesce(max(b.batch_no), 0), count(b.batch_no),"
	    " coalesce(sum(b.records), 0),"
	    " (SELECT received_at FROM batch l WHERE l.station = s.code"
	    "  ORDER BY received_at DESC, batch_no DESC LIMIT 1),"
	    " (SELECT skew_s FROM batch l WHERE l.station = s.code"
	    "  ORDER BY received_at DESC, batch_no DESC LIMIT 1),"
	    " (SELECT backlog FROM batch l WHERE l.station = s.code"
	    "  ORDER BY received_at DESC, batch_no DESC LIMIT 1)"
	    " FROM station s LEFT JOIN batch b ON b.station = s.code"
	    " GROUP BY s.code ORDER BY s.code";
	struct store_station_info info;
	sqlite3_stmt *stmt;
	int rc, ret = 0;

	if ((stmt = db_prepare(st->db, sql, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		info.code = (const char *)sqlite3_column_text(stmt, 0);
		info.name = (const char *)sqlite3_column_text(stmt, 1);
		info.division_code = (const char *)sqlite3_column_text(stmt, 2);
		info.high_water = (uint64_t)sqlite3_column_int64(stmt, 3);
		info.batches = (uint64_t)sqlite3_column_int64(stmt, 4);
		info.records = (uint64_t)sqlite3_column_int64(stmt, 5);
		info.last_received_at =
		    (const char *)sqlite3_column_text(stmt, 6);
		info.has_skew = sqlite3_column_type(stmt, 7) != SQLITE_NULL;
		info.skew_s = sqlite3_column_int64(stmt, 7);
		info.backlog = sqlite3_column_type(stmt, 8) != SQLITE_NULL ?
		    sqlite3_column_int64(stmt, 8) : -1;
		if ((ret = fn(&info, arg)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE) {
		db_error(st->db, cause);
		ret = -1;
	}
	db_done(stmt);
	return ret;
}

int
store_station_division(struct store *st, const char *code, char out[13],
    char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	out[0] = '\0';
	if ((stmt = db_prepare(st->db, "SELECT division_code FROM station "
	    "WHERE code = ?1", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		db_column_copy(stmt, 0, out, 13);
	else if (rc != SQLITE_DONE)
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_roster_begin(struct store *st, char **cause)
{
	int tok;

	if (st->tok != 0 || st->roster_tok != 0) {
		err_set(cause, "a batch or roster is already being stored");
		return -1;
	}
	if ((tok = db_begin(st->db, cause)) < 0)
		return -1;
	st->roster_tok = tok;
	return 0;
}

int
store_roster_commit(struct store *st, char **cause)
{
	int tok = st->roster_tok;

	if (tok == 0) {
		err_set(cause, "no roster is being stored");
		return -1;
	}
	st->roster_tok = 0;
	/* db_commit undoes a failed commit itself. */
	return db_commit(st->db, tok, cause);
}

void
store_roster_abort(struct store *st)
{
	if (st->roster_tok != 0)
		db_rollback(st->db, st->roster_tok);
	st->roster_tok = 0;
}

/* Hand the roster row STMT is on (key, alt_key, division_code, body) to
 * FN, its body split back into columns in BUF. */
static int
roster_row(struct store *st, sqlite3_stmt *stmt, int kind,
    struct row_buf *buf,
    int (*fn)(const struct store_roster_row *row, void *arg), void *arg,
    char **cause)
{
	struct store_roster_row row;
	struct wire_record rec;

	if (row_buf_load(st, buf, (const char *)sqlite3_column_text(stmt, 3),
	    cause) != 0)
		return -1;
	memset(&rec, 0, sizeof rec);
	rec.kind = kind;
	rec.uid = "";
	rec.ncols = buf->n;
	rec.names = (const char *const *)buf->names;
	rec.values = (const char *const *)buf->values;
	row.kind = kind;
	row.key = (const char *)sqlite3_column_text(stmt, 0);
	row.alt_key = (const char *)sqlite3_column_text(stmt, 1);
	row.division_code = (const char *)sqlite3_column_text(stmt, 2);
	row.rec = &rec;
	return fn(&row, arg);
}

static void
row_buf_free(struct row_buf *b)
{
	row_buf_clear(b);
	free(b->names);
	free(b->values);
}

int
store_roster_get(struct store *st, int kind, const char *key, bool by_alt,
    int (*fn)(const struct store_roster_row *row, void *arg), void *arg,
    char **cause)
{
	struct row_buf buf = { 0, 0, NULL, NULL };
	sqlite3_stmt *stmt;
	int rc, ret;

	stmt = by_alt ?
	    db_prepare(st->db, "SELECT key, alt_key, division_code, body "
	    "FROM roster WHERE kind = ?1 AND alt_key = ?2 LIMIT 1", cause) :
	    db_prepare(st->db, "SELECT key, alt_key, division_code, body "
	    "FROM roster WHERE kind = ?1 AND key = ?2", cause);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, kind);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		ret = roster_row(st, stmt, kind, &buf, fn, arg, cause);
		if (ret == 0)
			ret = 1;
	} else if (rc == SQLITE_DONE)
		ret = 0;
	else {
		db_error(st->db, cause);
		ret = -1;
	}
	db_done(stmt);
	row_buf_free(&buf);
	return ret;
}

/* What is stored under (KIND, KEY): *FOUND, and *SAME when its division,
 * alt_key and body are these. */
static int
roster_compare(struct store *st, int kind, const char *key,
    const struct store_roster_row *row, const char *body, bool *found,
    bool *same, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	*found = *same = false;
	if ((stmt = db_prepare(st->db, "SELECT division_code, alt_key, body "
	    "FROM roster WHERE kind = ?1 AND key = ?2", cause)) == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, kind);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*found = true;
		*same = db_text_equal((const char *)sqlite3_column_text(stmt,
		    0), row->division_code) &&
		    db_text_equal((const char *)sqlite3_column_text(stmt, 1),
		    row->alt_key) &&
		    db_text_equal((const char *)sqlite3_column_text(stmt, 2),
		    body);
	} else if (rc != SQLITE_DONE)
		db_error(st->db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_roster_put(struct store *st, const struct store_roster_row *row,
    const char *replaces, enum store_put *result, char **cause)
{
	sqlite3_stmt *stmt;
	char now[STORE_TIME_MAX], *body;
	bool found, same, moved = false;

	if (st->roster_tok == 0) {
		err_set(cause, "no roster is being stored");
		return -1;
	}
	if (row->key == NULL || *row->key == '\0') {
		err_set(cause, "a roster row needs a key");
		return -1;
	}
	if ((body = record_json(row->rec)) == NULL) {
		err_set(cause, "out of memory");
		return -1;
	}
	if (roster_compare(st, row->kind, row->key, row, body, &found, &same,
	    cause) != 0)
		goto fail;
	if (!found && replaces != NULL && strcmp(replaces, row->key) != 0) {
		/* The same person under the key it had: take its place. */
		if ((stmt = db_prepare(st->db, "DELETE FROM roster WHERE "
		    "kind = ?1 AND key = ?2", cause)) == NULL)
			goto fail;
		sqlite3_bind_int(stmt, 1, row->kind);
		sqlite3_bind_text(stmt, 2, replaces, -1, SQLITE_TRANSIENT);
		if (db_run(st->db, stmt, cause) != 0)
			goto fail;
		moved = sqlite3_changes(st->db) > 0;
	}
	if (same) {
		free(body);
		*result = STORE_PUT_UNCHANGED;
		return 0;
	}
	if ((stmt = db_prepare(st->db, "INSERT INTO roster (kind, key, "
	    "alt_key, division_code, body, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kind, key) DO UPDATE SET "
	    "alt_key = excluded.alt_key, "
	    "division_code = excluded.division_code, body = excluded.body, "
	    "updated_at = excluded.updated_at", cause)) == NULL)
		goto fail;
	utc_now(now);
	sqlite3_bind_int(stmt, 1, row->kind);
	sqlite3_bind_text(stmt, 2, row->key, -1, SQLITE_TRANSIENT);
	db_bind_text_or_null(stmt, 3, row->alt_key);
	sqlite3_bind_text(stmt, 4, row->division_code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 5, body, -1, free);
	sqlite3_bind_text(stmt, 6, now, -1, SQLITE_TRANSIENT);
	if (db_run(st->db, stmt, cause) != 0)
		return -1;
	*result = found || moved ? STORE_PUT_UPDATED : STORE_PUT_INSERTED;
	return 0;
fail:
	free(body);
	return -1;
}

int
store_each_roster(struct store *st, int kind, const char *division_prefix,
    int (*fn)(const struct store_roster_row *row, void *arg), void *arg,
    char **cause)
{
	struct row_buf buf = { 0, 0, NULL, NULL };
	char lo[13], hi[13];
	sqlite3_stmt *stmt;
	size_t n;
	int rc, ret = 0;

	if (division_prefix == NULL)
		stmt = db_prepare(st->db, "SELECT key, alt_key, division_code, "
		    "body FROM roster WHERE kind = ?1 ORDER BY key", cause);
	else {
		/* Codes are 12 digits: the prefix padded with 0s and with
		 * 9s bounds exactly the codes that start with it. */
		if ((n = strlen(division_prefix)) > 12 ||
		    strspn(division_prefix, "0123456789") != n) {
			err_set(cause, "a division prefix is up to 12 digits");
			return -1;
		}
		memcpy(lo, division_prefix, n);
		memcpy(hi, division_prefix, n);
		memset(lo + n, '0', 12 - n);
		memset(hi + n, '9', 12 - n);
		lo[12] = hi[12] = '\0';
		stmt = db_prepare(st->db, "SELECT key, alt_key, division_code, "
		    "body FROM roster WHERE kind = ?1 AND division_code "
		    "BETWEEN ?2 AND ?3 ORDER BY key", cause);
		if (stmt != NULL) {
			sqlite3_bind_text(stmt, 2, lo, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 3, hi, -1, SQLITE_TRANSIENT);
		}
	}
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, kind);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if ((ret = roster_row(st, stmt, kind, &buf, fn, arg,
		    cause)) != 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE) {
		db_error(st->db, cause);
		ret = -1;
	}
	db_done(stmt);
	row_buf_free(&buf);
	return ret;
}
