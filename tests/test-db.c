/* test-db.c: opening, migrating and refusing files; transactions; uids.
 * Every test works on real files in a fresh directory under /tmp. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/db.h"
#include "tests/fixture.h"

static sqlite3 *
open_new(struct fixture *f)
{
	char *cause = NULL;
	sqlite3 *db = db_open(f->path, DB_OPEN_CREATE, &cause);

	if (db == NULL)
		fail_msg("db_open: %s", cause);
	return db;
}

static void
test_open_missing(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	assert_null(db_open(f->path, DB_OPEN_EXISTING, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, f->path));
	assert_non_null(strstr(cause, "hearth init"));
	free(cause);
	/* Refusing must not leave an empty file behind. */
	assert_int_not_equal(access(f->path, F_OK), 0);
}

static void
test_migrate_fresh_and_reopen(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, *mode;
	sqlite3 *db = open_new(f);
	struct stat sb;

	assert_int_equal(db_schema_version(), 4);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"),
	    db_schema_version());
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name IN ('station', 'setting', 'seq', "
	    "'division', 'user', 'elder', 'visit')"), 7);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'index' AND name IN ('elder_division', "
	    "'visit_elder', 'visit_time')"), 3);
	mode = fixture_query_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	/* PIN hashes and ID numbers: readable by the hearth user alone. */
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(fixture_query_long(db,
	    "PRAGMA synchronous"), 2);	/* FULL */
	assert_int_equal(fixture_query_long(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(fixture_query_long(db, "PRAGMA busy_timeout"), 5000);
	assert_int_equal(fixture_query_long(db, "PRAGMA journal_size_limit"),
	    4194304);
	assert_int_equal(db_station_init(db, "LJC01", "李家村幸福院",
	    "510104001001", &cause), 0);
	db_close(db);

	/* Reopening an up-to-date file keeps its data. */
	db = db_open(f->path, DB_OPEN_EXISTING, &cause);
	assert_non_null(db);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"),
	    db_schema_version());
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM station"), 1);
	assert_int_equal(fixture_query_long(db, "PRAGMA foreign_keys"), 1);
	db_close(db);
}

/* A file made by the first release (version 1) with an elder and a visit
 * in it: opening it runs the later steps, keeps the records and adds the
 * tables of meals, children and guidance, the outbox (which queues the
 * old records) and the roster's bases (empty: nothing was merged). */
/* The hub's scratch station: the whole schema, in memory, no file. */
static void
test_open_scratch(void **state)
{
	char *cause = NULL;
	const char *file;
	sqlite3 *db;

	(void)state;
	db = db_open(NULL, DB_OPEN_SCRATCH, &cause);
	assert_non_null(db);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"),
	    db_schema_version());
	assert_int_equal(fixture_query_long(db, "SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'roster_base'"), 1);
	file = sqlite3_db_filename(db, "main");
	assert_true(file == NULL || *file == '\0');
	db_close(db);
}

static void
test_upgrade_from_version_1(void **state)
{
	extern const char *const db_migrations[];
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *raw, *db;

	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, db_migrations[0], NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	    "INSERT INTO station VALUES ('LJC01', '李家村', '411523101201',"
	    " '2024-01-01 08:00:00');"
	    "INSERT INTO elder (uid, name, initials, id_number, gender,"
	    " birth_date, division_code, registered_on, created_at, created_by,"
	    " updated_at) VALUES ('LJC01:1', '单雄', 'cds x',"
	    " '11010519491231002X', '女', '1949-12-31', '411523101201',"
	    " '2024-01-01', '2024-01-01 08:00:00', 'x', '2024-01-01 08:00:00');"
	    "INSERT INTO visit (uid, elder_uid, visited_at, mode, visitor,"
	    " contacted, created_at, created_by, updated_at) VALUES"
	    " ('LJC01:2', 'LJC01:1', '2024-01-05 10:00', '上门', '王芳', 1,"
	    " '2024-01-05 10:00:00', 'x', '2024-01-05 10:00:00');",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);

	db = db_open(f->path, DB_OPEN_EXISTING, &cause);
	if (db == NULL)
		fail_msg("db_open: %s", cause);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"),
	    db_schema_version());
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM elder WHERE name = '单雄'"), 1);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM visit"), 1);
	assert_int_equal(fixture_query_long(db, "SELECT count(*) FROM "
	    "sqlite_master WHERE name IN ('site', 'site_tier', 'meal',"
	    " 'child', 'guidance')"), 5);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM outbox"), 2);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM roster_base"), 0);
	/* One b-tree keyed by (uid, field): no rowid. */
	assert_int_equal(fixture_query_long(db, "SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'roster_base' AND sql LIKE "
	    "'%WITHOUT ROWID%'"), 1);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO roster_base VALUES "
	    "('LJC01:1', 'phone', '13800000001')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO roster_base VALUES "
	    "('LJC01:1', 'phone', '13800000002')", NULL, NULL, NULL),
	    SQLITE_OK);
	db_close(db);
}

/* A version-3 file (the outbox, a batch cut and one pending entry) moves
 * to version 4 without touching what waits for the hub. */
static void
test_upgrade_from_version_3(void **state)
{
	extern const char *const db_migrations[];
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *raw, *db;
	int i;

	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	for (i = 0; i < 3; i++)
		assert_int_equal(sqlite3_exec(raw, db_migrations[i], NULL,
		    NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	    "INSERT INTO station VALUES ('LJC01', '李家村', '411523101201',"
	    " '2024-01-01 08:00:00');"
	    "INSERT INTO elder (uid, name, initials, id_number, gender,"
	    " birth_date, division_code, registered_on, created_at, created_by,"
	    " updated_at) VALUES ('LJC01:1', '单雄', 'cds x',"
	    " '11010519491231002X', '女', '1949-12-31', '411523101201',"
	    " '2024-01-01', '2024-01-01 08:00:00', 'x', '2024-01-01 08:00:00');"
	    "INSERT INTO sync_batch (batch_no, bytes, records, created_at)"
	    " VALUES (1, x'00', 1, '2024-01-02 08:00:00');"
	    "UPDATE outbox SET batch_no = 1;"
	    "INSERT INTO setting VALUES ('sync.hub_url', 'http://hub:8080');",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);

	db = db_open(f->path, DB_OPEN_EXISTING, &cause);
	if (db == NULL)
		fail_msg("db_open: %s", cause);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"), 4);
	assert_int_equal(fixture_query_long(db, "SELECT count(*) FROM "
	    "outbox WHERE batch_no = 1"), 1);
	assert_int_equal(fixture_query_long(db, "SELECT count(*) FROM "
	    "sync_batch WHERE state = 'cut' AND bytes IS NOT NULL"), 1);
	fixture_assert_text(db, "SELECT value FROM setting WHERE key = "
	    "'sync.hub_url'", "http://hub:8080");
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM roster_base"), 0);
	db_close(db);
}

static void
test_empty_file_existing(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	FILE *fp = fopen(f->path, "w");
	sqlite3 *db;

	/* A zero-byte file is no database yet: EXISTING says so, CREATE
	 * makes one in it. */
	assert_non_null(fp);
	fclose(fp);
	assert_null(db_open(f->path, DB_OPEN_EXISTING, &cause));
	assert_non_null(strstr(cause, "hearth init"));
	free(cause);
	db = open_new(f);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"),
	    db_schema_version());
	db_close(db);
}

static void
test_refuse_newer(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *db = open_new(f);

	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	db_close(db);
	assert_null(db_open(f->path, DB_OPEN_EXISTING, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "newer"));
	free(cause);
	cause = NULL;
	assert_null(db_open(f->path, DB_OPEN_CREATE, &cause));
	assert_non_null(cause);
	free(cause);

	/* Never downgraded: the version is still the newer one. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(fixture_query_long(db, "PRAGMA user_version"), 99);
	sqlite3_close(db);
}

static void
test_refuse_foreign_sqlite(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, *mode;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE photos (x); "
	    "INSERT INTO photos VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_null(db_open(f->path, DB_OPEN_CREATE, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "not a hearth database"));
	free(cause);

	/* ...and left it as it was: no hearth tables, not switched to WAL. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'elder'"), 0);
	mode = fixture_query_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "delete");
	free(mode);
	sqlite3_close(db);

	/* A foreign file with a user_version is not "newer hearth". */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	cause = NULL;
	assert_null(db_open(f->path, DB_OPEN_EXISTING, &cause));
	assert_non_null(strstr(cause, "not a hearth database"));
	free(cause);
}

static void
test_refuse_not_sqlite(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	FILE *fp = fopen(f->path, "w");
	char buf[64];

	assert_non_null(fp);
	fputs("姓名,身份证号\n张三,110101194001010011\n", fp);
	fclose(fp);
	assert_null(db_open(f->path, DB_OPEN_CREATE, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "not a hearth database"));
	free(cause);

	/* The file is untouched. */
	fp = fopen(f->path, "r");
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "姓名,身份证号\n");
}

static void
test_nested_rollback_keeps_outer(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *db = open_new(f);
	int outer, inner, inner2;

	outer = db_begin(db, &cause);
	assert_true(outer > 0);
	assert_int_equal(db_setting_set(db, "a", "outer", &cause), 0);

	inner = db_begin(db, &cause);
	assert_true(inner > 0);
	assert_int_equal(db_setting_set(db, "b", "inner", &cause), 0);
	db_rollback(db, inner);

	inner2 = db_begin(db, &cause);
	assert_true(inner2 > 0);
	assert_int_equal(db_setting_set(db, "c", "kept", &cause), 0);
	assert_int_equal(db_commit(db, inner2, &cause), 0);

	/* Still inside the outer transaction. */
	assert_false(sqlite3_get_autocommit(db));
	assert_int_equal(db_commit(db, outer, &cause), 0);
	assert_true(sqlite3_get_autocommit(db));
	db_close(db);

	db = db_open(f->path, DB_OPEN_EXISTING, &cause);
	assert_non_null(db);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM setting WHERE "
	    "key = 'a'"), 1);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM setting WHERE "
	    "key = 'b'"), 0);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM setting WHERE "
	    "key = 'c'"), 1);

	/* An outer rollback undoes the committed savepoints too. */
	outer = db_begin(db, &cause);
	inner = db_begin(db, &cause);
	assert_int_equal(db_setting_set(db, "d", "gone", &cause), 0);
	assert_int_equal(db_commit(db, inner, &cause), 0);
	db_rollback(db, outer);
	assert_int_equal(fixture_query_long(db,
	    "SELECT count(*) FROM setting WHERE "
	    "key = 'd'"), 0);
	db_close(db);
}

static void
test_begin_is_immediate(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *a = open_new(f), *b;
	int tok;

	b = db_open(f->path, DB_OPEN_EXISTING, &cause);
	assert_non_null(b);
	sqlite3_busy_timeout(b, 50);	/* do not wait 5 s in a test */
	tok = db_begin(a, &cause);
	assert_true(tok > 0);
	/* The write lock is taken at once, so a second writer is told. */
	assert_int_equal(db_begin(b, &cause), -1);
	assert_non_null(strstr(cause, "busy"));
	free(cause);
	cause = NULL;
	assert_int_equal(db_commit(a, tok, &cause), 0);
	tok = db_begin(b, &cause);
	assert_true(tok > 0);
	db_rollback(b, tok);
	db_close(b);
	db_close(a);
}

static void
test_uid_two_connections(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, uid[HEARTH_UID_MAX];
	sqlite3 *a = open_new(f), *b;
	int tok, i;

	/* No station yet: a clear message, and outside a transaction it is
	 * refused as well. */
	assert_int_equal(db_next_uid(a, uid, &cause), -1);
	free(cause);
	cause = NULL;
	tok = db_begin(a, &cause);
	assert_int_equal(db_next_uid(a, uid, &cause), -1);
	assert_non_null(strstr(cause, "hearth init"));
	free(cause);
	cause = NULL;
	db_rollback(a, tok);

	assert_int_equal(db_station_init(a, "LJC01", "李家村", "510104001001",
	    &cause), 0);
	b = db_open(f->path, DB_OPEN_EXISTING, &cause);
	assert_non_null(b);
	for (i = 0; i < 6; i++) {
		sqlite3 *db = i % 2 ? b : a;
		char want[HEARTH_UID_MAX];

		tok = db_begin(db, &cause);
		assert_true(tok > 0);
		assert_int_equal(db_next_uid(db, uid, &cause), 0);
		assert_int_equal(db_commit(db, tok, &cause), 0);
		snprintf(want, sizeof want, "LJC01:%d", i + 1);
		assert_string_equal(uid, want);
	}
	/* A rolled-back number is handed out again: no gaps are needed. */
	tok = db_begin(a, &cause);
	assert_int_equal(db_next_uid(a, uid, &cause), 0);
	assert_string_equal(uid, "LJC01:7");
	db_rollback(a, tok);
	tok = db_begin(b, &cause);
	assert_int_equal(db_next_uid(b, uid, &cause), 0);
	assert_string_equal(uid, "LJC01:7");
	assert_int_equal(db_commit(b, tok, &cause), 0);
	db_close(b);
	db_close(a);
}

static void
test_station(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *db = open_new(f);
	struct station st;

	assert_int_equal(db_station_get(db, &st, &cause), 1);
	assert_true(db_station_code_valid("LJC01"));
	assert_true(db_station_code_valid("a-1"));
	assert_false(db_station_code_valid(""));
	assert_false(db_station_code_valid("-A"));
	assert_false(db_station_code_valid("LJC:01"));
	assert_false(db_station_code_valid("李家"));
	assert_false(db_station_code_valid("ABCDEFGHIJKLMNOP"));	/* 16 */
	assert_true(db_station_code_valid("ABCDEFGHIJKLMNO"));	/* 15 */

	assert_int_equal(db_station_init(db, "LJC:1", "x", "510104001001",
	    &cause), -1);
	free(cause);
	assert_int_equal(db_station_init(db, "LJC01", "x", "5101040010",
	    &cause), -1);
	free(cause);
	assert_int_equal(db_station_init(db, "LJC01", "a\nb", "510104001001",
	    &cause), -1);
	free(cause);
	assert_int_equal(db_station_init(db, "LJC01", "李家村幸福院",
	    "510104001001", &cause), 0);
	assert_int_equal(db_station_init(db, "LJC02", "又一个",
	    "510104001001", &cause), -1);
	free(cause);
	assert_int_equal(db_station_get(db, &st, &cause), 0);
	assert_string_equal(st.code, "LJC01");
	assert_string_equal(st.name, "李家村幸福院");
	assert_string_equal(st.division_code, "510104001001");
	db_station_clear(&st);
	db_close(db);
}

static void
test_settings_divisions(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, *v;
	sqlite3 *db = open_new(f);

	assert_null(db_setting_get(db, "lang"));
	assert_int_equal(db_setting_set(db, "lang", "en", &cause), 0);
	assert_int_equal(db_setting_set(db, "lang", "zh_CN", &cause), 0);
	v = db_setting_get(db, "lang");
	assert_string_equal(v, "zh_CN");
	free(v);

	assert_int_equal(db_division_set(db, "510104", "锦江区", &cause), 0);
	assert_int_equal(db_division_set(db, "510104001", "春熙路街道",
	    &cause), 0);
	assert_int_equal(db_division_set(db, "5101", "x", &cause), -1);
	free(cause);
	v = db_division_name(db, "510104000000");
	assert_string_equal(v, "锦江区");
	free(v);
	v = db_division_name(db, "510104001");
	assert_string_equal(v, "春熙路街道");
	free(v);
	assert_null(db_division_name(db, "510104002000"));
	db_close(db);
}

#ifndef HEARTH_DEFAULT_DB
#define HEARTH_DEFAULT_DB "/var/lib/hearth/hearth.db"	/* as core/db.c */
#endif

static void
test_db_path(void **state)
{
	(void)state;
	unsetenv("HEARTH_DB");
	assert_string_equal(db_path("/x.db"), "/x.db");
	assert_string_equal(db_path(NULL), HEARTH_DEFAULT_DB);
	setenv("HEARTH_DB", "/env.db", 1);
	assert_string_equal(db_path(NULL), "/env.db");
	assert_string_equal(db_path("/x.db"), "/x.db");
	unsetenv("HEARTH_DB");
}

static void
test_error_wording(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *db = open_new(f);
	sqlite3_stmt *stmt;

	/* The generic case carries SQLite's own words. */
	assert_null(db_prepare(db, "SELECT nosuchcolumn FROM station",
	    &cause));
	assert_non_null(strstr(cause, "nosuchcolumn"));
	free(cause);
	stmt = db_prepare(db, "SELECT 1", &cause);
	assert_non_null(stmt);
	sqlite3_finalize(stmt);

	/* A full disk, as SQLite reports it when the file may not grow
	 * (max_page_count is never set below the current size). */
	assert_int_equal(sqlite3_exec(db, "PRAGMA max_page_count = 1", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(db_setting_set(db, "big", "x", &cause), 0);
	assert_int_equal(fixture_query_long(db, "PRAGMA max_page_count"),
	    fixture_query_long(db, "PRAGMA page_count"));
	{
		char big[8192];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		assert_int_equal(db_setting_set(db, "big", big, &cause), -1);
	}
	assert_non_null(strstr(cause, "disk is full"));
	free(cause);
	assert_true(sqlite3_get_autocommit(db));
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_scratch),
		cmocka_unit_test_setup_teardown(test_open_missing,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_migrate_fresh_and_reopen,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_version_3,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_version_1,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_empty_file_existing,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refuse_newer,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refuse_foreign_sqlite,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refuse_not_sqlite,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_nested_rollback_keeps_outer,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_begin_is_immediate,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_uid_two_connections,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_station,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_settings_divisions,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test(test_db_path),
		cmocka_unit_test_setup_teardown(test_error_wording,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
