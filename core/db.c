/* db.c: opening the station file, migrations, transactions, uids. */
#define _POSIX_C_SOURCE 200809L
#include "core/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/validate.h"

#ifndef HEARTH_DEFAULT_DB
#define HEARTH_DEFAULT_DB "/var/lib/hearth/hearth.db"
#endif

/* "HRTH": set by the first migration, so any other SQLite file is told
 * apart before hearth writes a byte to it. */
#define DB_APPLICATION_ID 0x48525448

/* The migrations list, core/db-schema.c. */
extern const char *const db_migrations[];
extern const int db_migration_count;

/* db_begin tokens: which statement closes what db_begin opened. */
enum { TOKEN_TRANSACTION = 1, TOKEN_SAVEPOINT = 2 };

int
db_schema_version(void)
{
	return db_migration_count;
}

const char *
db_path(const char *opt)
{
	const char *env;

	if (opt != NULL && *opt != '\0')
		return opt;
	env = getenv("HEARTH_DB");
	if (env != NULL && *env != '\0')
		return env;
	return HEARTH_DEFAULT_DB;
}

void
db_error(sqlite3 *db, char **cause)
{
	int code;

	if (db == NULL) {
		err_set(cause, _("database error: out of memory"));
		return;
	}
	code = sqlite3_errcode(db);
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		err_set(cause, _("the database is busy: another session is "
		    "saving; try again"));
		break;
	case SQLITE_FULL:
		err_set(cause, _("the disk is full: nothing was saved; free some "
		    "space and try again"));
		break;
	case SQLITE_READONLY:
		err_set(cause, _("the database cannot be written (the file or "
		    "its folder is read-only); ask the administrator"));
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		err_set(cause, _("the database file is damaged; stop and ask the "
		    "administrator to restore a backup"));
		break;
	case SQLITE_IOERR:
		err_set(cause, _("the disk could not be read or written (%s); "
		    "check the SD card and try again"), sqlite3_errmsg(db));
		break;
	default:
		err_set(cause, _("database error: %s"), sqlite3_errmsg(db));
		break;
	}
}

int
db_run(sqlite3 *db, sqlite3_stmt *stmt, char **cause)
{
	int rc = sqlite3_step(stmt);

	/* The message belongs to this step: read it before the reset. */
	if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

sqlite3_stmt *
db_prepare(sqlite3 *db, const char *sql, char **cause)
{
	sqlite3_stmt *stmt = NULL;

	/* The cache is SQLite's own list of the connection's statements,
	 * matched by their text: no state of ours to keep in step with the
	 * connection, and db_close empties it.  The list is a few dozen
	 * long, so walking it costs far less than one parse. */
	while ((stmt = sqlite3_next_stmt(db, stmt)) != NULL)
		if (!sqlite3_stmt_busy(stmt) &&
		    strcmp(sqlite3_sql(stmt), sql) == 0)
			return stmt;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
	    NULL) != SQLITE_OK) {
		db_error(db, cause);
		return NULL;
	}
	return stmt;
}

void
db_done(sqlite3_stmt *stmt)
{
	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

char *
db_column_strdup(sqlite3_stmt *stmt, int col, bool *oom)
{
	const char *s = (const char *)sqlite3_column_text(stmt, col);
	char *copy;

	if (s == NULL || *s == '\0')
		return NULL;
	if ((copy = strdup(s)) == NULL)
		*oom = true;
	return copy;
}

void
db_column_copy(sqlite3_stmt *stmt, int col, char *out, size_t len)
{
	const char *s = (const char *)sqlite3_column_text(stmt, col);

	snprintf(out, len, "%s", s != NULL ? s : "");
}

struct ymd
db_column_date(sqlite3_stmt *stmt, int col)
{
	const char *s = (const char *)sqlite3_column_text(stmt, col);
	struct ymd d = { 0, 0, 0 };
	int minutes;

	/* date_parse_time takes a bare date too, so one helper reads both
	 * date columns and the date of a visit time. */
	if (s == NULL || !date_parse_time(s, &d, &minutes))
		d.y = d.m = d.d = 0;
	return d;
}

bool
db_text_equal(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

void
db_bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(stmt, i);
	else
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
}

void
db_bind_date_or_null(sqlite3_stmt *stmt, int i, struct ymd d)
{
	char buf[11];

	if (d.y == 0) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	date_format(d, buf);
	sqlite3_bind_text(stmt, i, buf, -1, SQLITE_TRANSIENT);
}

/* Run constant SQL (no parameters, no rows wanted). */
static int
db_exec(sqlite3 *db, const char *sql, char **cause)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, cause);
		return -1;
	}
	return 0;
}

/* The integer of a one-row constant query (a PRAGMA, a count). */
static int
db_query_int(sqlite3 *db, const char *sql, long *out, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(db, sql, cause)) == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(stmt, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* What is in the file, read without writing to it. */
enum db_kind { KIND_EMPTY, KIND_HEARTH, KIND_FOREIGN };

static int
db_identify(sqlite3 *db, const char *path, enum db_kind *kind, long *version,
    char **cause)
{
	long app_id, objects;

	if (db_query_int(db, "PRAGMA application_id", &app_id, NULL) != 0) {
		/* A text file, a PDF...: SQLite only finds out on the
		 * first read. */
		if (sqlite3_errcode(db) == SQLITE_NOTADB)
			err_set(cause, _("%s is not a hearth database"), path);
		else
			db_error(db, cause);
		return -1;
	}
	if (db_query_int(db, "PRAGMA user_version", version, cause) != 0 ||
	    db_query_int(db, "SELECT count(*) FROM sqlite_master", &objects,
	    cause) != 0)
		return -1;
	if (app_id == DB_APPLICATION_ID)
		*kind = KIND_HEARTH;
	else if (app_id == 0 && *version == 0 && objects == 0)
		*kind = KIND_EMPTY;
	else
		*kind = KIND_FOREIGN;
	return 0;
}

/* Refuse what this program must not touch: another program's file, or
 * a hearth file from a newer version (never downgraded). */
static int
db_refuse(const char *path, enum db_kind kind, long version, char **cause)
{
	if (kind == KIND_FOREIGN) {
		err_set(cause, _("%s is not a hearth database"), path);
		return -1;
	}
	if (version > db_migration_count) {
		err_set(cause, _("%s was written by a newer version of hearth "
		    "(schema %ld, this program knows %d): install the newer "
		    "hearth"), path, version, db_migration_count);
		return -1;
	}
	return 0;
}

/* Bring the schema up to this program's version.  The check is repeated
 * under the write lock: two sessions opening a new file at once must not
 * both run the first migration. */
static int
db_migrate(sqlite3 *db, const char *path, char **cause)
{
	enum db_kind kind;
	long version;
	int tok;

	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if (db_identify(db, path, &kind, &version, cause) != 0 ||
	    db_refuse(path, kind, version, cause) != 0)
		goto fail;
	for (; version < db_migration_count; version++) {
		long now;

		if (db_exec(db, db_migrations[version], cause) != 0 ||
		    db_query_int(db, "PRAGMA user_version", &now, cause) != 0)
			goto fail;
		if (now != version + 1) {
			err_set(cause, _("internal error: schema step %ld did not "
			    "set version %ld"), version + 1, version + 1);
			goto fail;
		}
	}
	return db_commit(db, tok, cause);

fail:
	db_rollback(db, tok);
	return -1;
}

/* The connection settings of doc/storage.md.  journal_mode=WAL is
 * persistent in the file but cheap to repeat; the others are per
 * connection. */
static int
db_pragmas(sqlite3 *db, char **cause)
{
	sqlite3_stmt *stmt;
	const unsigned char *mode;
	int ok;

	if ((stmt = db_prepare(db, "PRAGMA journal_mode = WAL", cause)) == NULL)
		return -1;
	ok = sqlite3_step(stmt) == SQLITE_ROW &&
	    (mode = sqlite3_column_text(stmt, 0)) != NULL &&
	    strcmp((const char *)mode, "wal") == 0;
	if (!ok)
		db_error(db, cause);
	db_done(stmt);
	if (!ok)
		return -1;
	return db_exec(db,
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA journal_size_limit = 4194304;", cause);
}

/* A station schema in memory: WAL and fsyncs mean nothing there. */
static sqlite3 *
db_open_scratch(char **cause)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		db_error(db, cause);
		sqlite3_close(db);
		return NULL;
	}
	if (db_exec(db, "PRAGMA foreign_keys = ON;", cause) != 0 ||
	    db_migrate(db, ":memory:", cause) != 0) {
		db_close(db);
		return NULL;
	}
	return db;
}

sqlite3 *
db_open(const char *path, enum db_open_flags flags, char **cause)
{
	sqlite3 *db = NULL;
	struct stat sb;
	enum db_kind kind;
	long version;
	int fd;

	if (flags == DB_OPEN_SCRATCH)
		return db_open_scratch(cause);
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || flags != DB_OPEN_CREATE) {
			if (errno == ENOENT)
				err_set(cause, _("no database at %s: run `hearth "
				    "init` or `hearth demo` first"), path);
			else
				err_set(cause, _("cannot open %s: %s"), path,
				    strerror(errno));
			return NULL;
		}
		/* Created here, not by SQLite, to get mode 0600: the file
		 * holds PIN hashes and people's ID numbers (doc/security.md),
		 * and SQLite gives its -wal and -shm files the same mode. */
		if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600)) < 0 && errno != EEXIST) {
			err_set(cause, _("cannot open %s: %s"), path,
			    strerror(errno));
			return NULL;
		}
		if (fd >= 0)
			close(fd);
	} else if (!S_ISREG(sb.st_mode)) {
		err_set(cause, _("%s is not a hearth database"), path);
		return NULL;
	}

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		if (db != NULL && sqlite3_errcode(db) == SQLITE_CANTOPEN)
			err_set(cause, _("cannot open %s: %s"), path,
			    strerror(sqlite3_system_errno(db)));
		else
			db_error(db, cause);
		sqlite3_close(db);
		return NULL;
	}
	if (sqlite3_busy_timeout(db, 5000) != SQLITE_OK)
		goto fail_db;

	/* Look before writing anything: journal_mode=WAL alone would
	 * rewrite another program's file header. */
	if (db_identify(db, path, &kind, &version, cause) != 0 ||
	    db_refuse(path, kind, version, cause) != 0)
		goto fail;
	if (kind == KIND_EMPTY && flags != DB_OPEN_CREATE) {
		err_set(cause, _("no database at %s: run `hearth init` or "
		    "`hearth demo` first"), path);
		goto fail;
	}
	if (db_pragmas(db, cause) != 0)
		goto fail;
	if (version < db_migration_count && db_migrate(db, path, cause) != 0)
		goto fail;
	return db;

fail_db:
	db_error(db, cause);
fail:
	db_close(db);
	return NULL;
}

void
db_close(sqlite3 *db)
{
	sqlite3_stmt *stmt;

	if (db == NULL)
		return;
	/* The statements db_prepare kept (and any a bug left behind). */
	while ((stmt = sqlite3_next_stmt(db, NULL)) != NULL)
		sqlite3_finalize(stmt);
	sqlite3_close_v2(db);
}

/* Run SQL, one statement without parameters, as a kept statement: every
 * save opens and closes a transaction or savepoint, and sqlite3_exec would
 * parse those words again each time. */
static int
db_run_sql(sqlite3 *db, const char *sql, char **cause)
{
	sqlite3_stmt *stmt;

	if ((stmt = db_prepare(db, sql, cause)) == NULL)
		return -1;
	return db_run(db, stmt, cause);
}

int
db_begin(sqlite3 *db, char **cause)
{
	/* A constant savepoint name is enough: savepoints nest as a stack
	 * and RELEASE / ROLLBACK TO act on the innermost of that name, which
	 * is ours as long as callers close in reverse order of opening. */
	if (!sqlite3_get_autocommit(db)) {
		if (db_run_sql(db, "SAVEPOINT hearth_save", cause) != 0)
			return -1;
		return TOKEN_SAVEPOINT;
	}
	if (db_run_sql(db, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	return TOKEN_TRANSACTION;
}

int
db_commit(sqlite3 *db, int token, char **cause)
{
	const char *sql;

	sql = token == TOKEN_SAVEPOINT ? "RELEASE hearth_save" : "COMMIT";
	if (db_run_sql(db, sql, cause) == 0)
		return 0;
	/* Nothing half-done stays behind a failed commit: undo it here, so
	 * the caller only reports the error (and must not roll back). */
	db_rollback(db, token);
	return -1;
}

void
db_rollback(sqlite3 *db, int token)
{
	/* After SQLITE_FULL or an I/O error SQLite may already have rolled
	 * the whole transaction back; then there is nothing left to undo. */
	if (sqlite3_get_autocommit(db))
		return;
	if (token == TOKEN_SAVEPOINT)
		sqlite3_exec(db, "ROLLBACK TO hearth_save; RELEASE hearth_save",
		    NULL, NULL, NULL);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

void
db_timestamp(char out[HEARTH_TS_MAX])
{
	time_t t = time(NULL);
	struct tm tm;
	struct ymd day;
	int minutes;

	/* date_now() is the one clock (it honours $HEARTH_NOW for tests);
	 * the system clock only adds the seconds, and only when both agree
	 * on the minute.  Otherwise the clock is fixed by a test, or the
	 * minute turned between the two readings: say :00 of date_now's
	 * minute, which never goes back in time. */
	date_now(&day, &minutes);
	if (localtime_r(&t, &tm) != NULL && tm.tm_year + 1900 == day.y &&
	    tm.tm_mon + 1 == day.m && tm.tm_mday == day.d &&
	    tm.tm_hour * 60 + tm.tm_min == minutes) {
		strftime(out, HEARTH_TS_MAX, "%Y-%m-%d %H:%M:%S", &tm);
		return;
	}
	date_format_time(day, minutes, out);
	strcpy(out + 16, ":00");
}

int
db_uid_floor(sqlite3 *db, uint64_t seq, char **cause)
{
	sqlite3_stmt *stmt;

	if (seq >= (uint64_t)INT64_MAX)
		return 0;	/* not a number this file could reach */
	if ((stmt = db_prepare(db, "INSERT INTO seq (name, next) VALUES "
	    "('uid', ?1) ON CONFLICT (name) DO UPDATE SET next = "
	    "max(next, excluded.next)", cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, (sqlite3_int64)seq + 1);
	return db_run(db, stmt, cause);
}

int
db_next_uid(sqlite3 *db, char out[HEARTH_UID_MAX], char **cause)
{
	sqlite3_stmt *stmt = NULL;
	char code[16];
	sqlite3_int64 next = 1;
	int rc;

	if (sqlite3_get_autocommit(db)) {
		/* Outside a transaction two sessions could read the same
		 * number: a programming error, said plainly. */
		err_set(cause, _("internal error: a record number was taken "
		    "outside a transaction"));
		return -1;
	}
	if ((stmt = db_prepare(db, "SELECT code FROM station", cause)) == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			err_set(cause, _("this station is not set up yet: run "
			    "`hearth init` first"));
		else
			db_error(db, cause);
		goto fail;
	}
	snprintf(code, sizeof code, "%s", sqlite3_column_text(stmt, 0));
	db_done(stmt);

	if ((stmt = db_prepare(db, "SELECT next FROM seq WHERE name = 'uid'",
	    cause)) == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		next = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(stmt);

	if ((stmt = db_prepare(db, "INSERT OR REPLACE INTO seq (name, next) "
	    "VALUES ('uid', ?)", cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, next + 1);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(stmt);
	snprintf(out, HEARTH_UID_MAX, "%s:%lld", code, (long long)next);
	return 0;

fail:
	db_done(stmt);
	return -1;
}

bool
db_station_code_valid(const char *code)
{
	size_t n;
	char c;

	/* Plain ASCII only (not isalnum, which follows the locale): the code
	 * is the first half of every uid, sent to the hub and typed in
	 * scripts. */
	for (n = 0; (c = code != NULL ? code[n] : '\0') != '\0'; n++) {
		if (n >= sizeof ((struct station *)0)->code - 1)
			return false;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || (c == '-' && n > 0)))
			return false;
	}
	return n > 0;
}

void
db_station_clear(struct station *st)
{
	free(st->name);
	st->name = NULL;
}

int
db_station_get(sqlite3 *db, struct station *st, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(st, 0, sizeof *st);
	if ((stmt = db_prepare(db, "SELECT code, name, division_code FROM "
	    "station", cause)) == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(st->code, sizeof st->code, "%s",
		    sqlite3_column_text(stmt, 0));
		snprintf(st->division_code, sizeof st->division_code, "%s",
		    sqlite3_column_text(stmt, 2));
		if ((st->name = strdup((const char *)
		    sqlite3_column_text(stmt, 1))) == NULL) {
			err_set(cause, _("out of memory"));
			rc = SQLITE_ERROR;
		}
	} else if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : -1;
}

static bool
digits_only(const char *s, size_t len)
{
	size_t i;

	if (strlen(s) != len)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int
db_station_check(const char *code, const char *name,
    const char *division_code, char **cause)
{
	if (!db_station_code_valid(code)) {
		err_set(cause, _("station code \"%s\": use 1 to 15 letters, digits "
		    "or '-'"), code);
		return -1;
	}
	if (name == NULL || *name == '\0' || utf8_count(name) > 60 ||
	    !utf8_valid(name, strlen(name)) || utf8_has_control(name, false)) {
		err_set(cause, _("station name: give 1 to 60 characters, on one "
		    "line"));
		return -1;
	}
	if (division_code == NULL || !digits_only(division_code, 12)) {
		err_set(cause, _("division code: 12 digits are needed"));
		return -1;
	}
	/* 000000000000 has the shape but names nowhere: the hub could
	 * never say which roster is this station's. */
	return validate_division_field(_("division code"), division_code,
	    true, cause);
}

int
db_station_init(sqlite3 *db, const char *code, const char *name,
    const char *division_code, char **cause)
{
	sqlite3_stmt *stmt;
	char ts[HEARTH_TS_MAX];
	long count;
	int tok;

	if (db_station_check(code, name, division_code, cause) != 0)
		return -1;
	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if (db_query_int(db, "SELECT count(*) FROM station", &count,
	    cause) != 0)
		goto fail;
	if (count != 0) {
		err_set(cause, _("this station is already set up"));
		goto fail;
	}
	db_timestamp(ts);
	if ((stmt = db_prepare(db, "INSERT INTO station (code, name, "
	    "division_code, created_at) VALUES (?, ?, ?, ?)", cause)) == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, division_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, ts, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0)
		goto fail;
	return db_commit(db, tok, cause);

fail:
	db_rollback(db, tok);
	return -1;
}

/* The text SQL selects for KEY (its one parameter), malloc'd; NULL when
 * there is none or on any error (the callers treat both as unknown). */
static char *
db_lookup_text(sqlite3 *db, const char *sql, const char *key)
{
	sqlite3_stmt *stmt;
	char *value = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return value;
}

char *
db_setting_get(sqlite3 *db, const char *key)
{
	return db_lookup_text(db, "SELECT value FROM setting WHERE key = ?",
	    key);
}

/* Run STMT (bound, one write) as its own transaction, or a savepoint in
 * the caller's; STMT is finalized. */
static int
db_write_one(sqlite3 *db, sqlite3_stmt *stmt, char **cause)
{
	int tok;

	if ((tok = db_begin(db, cause)) < 0) {
		db_done(stmt);
		return -1;
	}
	if (db_run(db, stmt, cause) != 0) {
		db_rollback(db, tok);
		return -1;
	}
	return db_commit(db, tok, cause);
}

int
db_setting_set(sqlite3 *db, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt *stmt;

	if ((stmt = db_prepare(db, "INSERT OR REPLACE INTO setting (key, "
	    "value) VALUES (?, ?)", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	return db_write_one(db, stmt, cause);
}

/* 6-, 9- or 12-digit division CODE zero-padded to 12 into OUT; false if
 * CODE is none of those. */
static bool
division_pad(const char *code, char out[13])
{
	size_t len = code != NULL ? strlen(code) : 0;

	if ((len != 6 && len != 9 && len != 12) || !digits_only(code, len))
		return false;
	memcpy(out, code, len);
	memset(out + len, '0', 12 - len);
	out[12] = '\0';
	return true;
}

char *
db_division_name(sqlite3 *db, const char *code)
{
	char padded[13];

	if (!division_pad(code, padded))
		return NULL;
	return db_lookup_text(db, "SELECT name FROM division WHERE code = ?",
	    padded);
}

int
db_division_set(sqlite3 *db, const char *code, const char *name,
    char **cause)
{
	sqlite3_stmt *stmt;
	char padded[13];

	if (!division_pad(code, padded)) {
		err_set(cause, _("division code \"%s\": 6, 9 or 12 digits are "
		    "needed"), code != NULL ? code : "");
		return -1;
	}
	if (name == NULL || *name == '\0' || !utf8_valid(name, strlen(name)) ||
	    utf8_has_control(name, false)) {
		err_set(cause, _("division name: give the name on one line"));
		return -1;
	}
	if ((stmt = db_prepare(db, "INSERT OR REPLACE INTO division (code, "
	    "name) VALUES (?, ?)", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, padded, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	return db_write_one(db, stmt, cause);
}
