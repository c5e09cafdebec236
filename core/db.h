/* db.h: the station's SQLite file: opening, schema, transactions, uids.
 *
 * One file holds everything (SPEC).  db_open() applies the pragmas every
 * connection needs — WAL, synchronous=FULL (a volunteer is told "saved" only
 * after the commit is on the SD card: one fsync per save), busy_timeout so
 * several SSH sessions can share the file, foreign_keys, journal_size_limit —
 * and runs the migrations list (PRAGMA user_version) inside one transaction.
 *
 * Every save is one transaction: db_begin() starts BEGIN IMMEDIATE when none
 * is open (so a writer never fails half-way on a lock upgrade) or a SAVEPOINT
 * inside the caller's transaction (an import wraps many saves in one).  The
 * token it returns goes back to db_commit()/db_rollback(). */
#ifndef HEARTH_DB_H
#define HEARTH_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "core/date.h"

#define HEARTH_UID_MAX 48	/* "STATION:SEQ" plus room */
#define HEARTH_TS_MAX 20	/* "YYYY-MM-DD HH:MM:SS" */

enum db_open_flags {
	DB_OPEN_EXISTING = 0,	/* fail with a clear message if missing */
	DB_OPEN_CREATE = 1,	/* create the file and schema if missing */
	DB_OPEN_SCRATCH = 2,	/* a new database in memory, PATH unused:
				   records checked and thrown away (the
				   hub's roster import); nothing durable */
};

/* Open PATH, set pragmas, migrate.  NULL and *CAUSE on failure (missing
 * file, not a hearth database, newer schema than this program knows). */
sqlite3 *db_open(const char *path, enum db_open_flags flags, char **cause);
void db_close(sqlite3 *db);

/* The schema version this program writes (PRAGMA user_version). */
int db_schema_version(void);

/* The database path: --db value if non-NULL, else $HEARTH_DB, else the
 * system default chosen at configure time (HEARTH_DEFAULT_DB). */
const char *db_path(const char *opt);

/* Transactions; see the contract above.  db_begin returns a token > 0, or
 * -1 with *CAUSE. */
int db_begin(sqlite3 *db, char **cause);
/* A failed db_commit has already undone the work (the caller reports
 * *CAUSE and must not call db_rollback with that token). */
int db_commit(sqlite3 *db, int token, char **cause);
void db_rollback(sqlite3 *db, int token);

/* The connection's statement for SQL (a constant string), or NULL with
 * *CAUSE.  Each is prepared once (SQLITE_PREPARE_PERSISTENT) and kept
 * until db_close: a save runs a handful of statements, and parsing them
 * anew every time was most of the cost of a bulk import or `hearth demo`.
 * The statement comes reset and unbound; give it back with db_done(),
 * never sqlite3_finalize.  One still stepping through its rows is never
 * handed out twice (a nested use gets a second copy), but one handed out
 * and not yet stepped could be: step it before asking for the same SQL
 * again. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, char **cause);
/* Reset STMT and clear its bindings, for the next db_prepare (NULL ok). */
void db_done(sqlite3_stmt *stmt);

/* Step STMT (from db_prepare, bound, a write) once and give it back with
 * db_done: 0, or -1 with *CAUSE. */
int db_run(sqlite3 *db, sqlite3_stmt *stmt, char **cause);

/* Row helpers for the record modules.  Text column COL as a malloc'd
 * copy, NULL for NULL or "" (a failed allocation sets *OOM); copied into
 * OUT (truncated, "" for NULL); as a date (a time's date part; y == 0 for
 * NULL or anything date_parse_time() rejects).  Binding: NULL for a NULL
 * or empty S, for a date with y == 0; the values are copied
 * (SQLITE_TRANSIENT).  db_text_equal compares stored text the way it is
 * bound: NULL and "" are the same. */
char *db_column_strdup(sqlite3_stmt *stmt, int col, bool *oom);
void db_column_copy(sqlite3_stmt *stmt, int col, char *out, size_t len);
struct ymd db_column_date(sqlite3_stmt *stmt, int col);
void db_bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s);
void db_bind_date_or_null(sqlite3_stmt *stmt, int i, struct ymd d);
bool db_text_equal(const char *a, const char *b);

/* A *CAUSE for the last SQLite error, worded for people ("the database is
 * busy: another session is saving; try again"). */
void db_error(sqlite3 *db, char **cause);

/* Next uid "STATION:SEQ" for a new record.  Must be called inside a
 * transaction (the sequence lives in the database). */
int db_next_uid(sqlite3 *db, char out[HEARTH_UID_MAX], char **cause);

/* Number the next records above SEQ (never lower the counter): the hub
 * holds records up to STATION:SEQ from this station, so a file restored
 * from an older backup, or set up again under the same code, must not
 * hand those numbers out again.  One statement; 0 or -1 and *CAUSE. */
int db_uid_floor(sqlite3 *db, uint64_t seq, char **cause);

/* The local wall-clock timestamp "YYYY-MM-DD HH:MM:SS" for created_at etc. */
void db_timestamp(char out[HEARTH_TS_MAX]);

/* This station (one row, written by `hearth init`). */
struct station {
	char code[16];		/* e.g. "LJC01": letters, digits, '-' */
	char *name;
	char division_code[13];
};
/* 0 and *ST filled, 1 when not initialised yet, -1 on error. */
int db_station_get(sqlite3 *db, struct station *st, char **cause);
int db_station_init(sqlite3 *db, const char *code, const char *name,
    const char *division_code, char **cause);
void db_station_clear(struct station *st);
bool db_station_code_valid(const char *code);
/* The checks db_station_init() makes of its values, without a database:
 * `hearth init` runs them before it creates the file, so a typo leaves
 * nothing behind.  0, or -1 and *CAUSE. */
int db_station_check(const char *code, const char *name,
    const char *division_code, char **cause);

/* Key/value settings of this station ("lang", later "hub_url"...).
 * db_setting_get returns a malloc'd value or NULL when unset. */
char *db_setting_get(sqlite3 *db, const char *key);
int db_setting_set(sqlite3 *db, const char *key, const char *value,
    char **cause);

/* Names of administrative divisions (村/社区, 乡镇, 县), for reports.
 * Returns a malloc'd name or NULL when unknown. */
char *db_division_name(sqlite3 *db, const char *code);
int db_division_set(sqlite3 *db, const char *code, const char *name,
    char **cause);

#endif
