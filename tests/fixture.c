/* fixture.c: a station database in a temporary directory for the unit
 * tests; see fixture.h. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/elder.h"
#include "core/labels.h"
#include "core/pinyin.h"
#include "tests/fixture.h"

static void
fixture_make_dir(struct fixture *f)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((size_t)snprintf(f->dir, sizeof f->dir, "%s/hearth-test.XXXXXX",
	    tmp) >= sizeof f->dir)
		fail_msg("TMPDIR too long: %s", tmp);
	if (mkdtemp(f->dir) == NULL)
		fail_msg("mkdtemp %s failed", f->dir);
	snprintf(f->path, sizeof f->path, "%s/hearth.db", f->dir);
}

static void
fixture_save_elder(struct fixture *f)
{
	struct elder e;
	char *cause = NULL;

	elder_init(&e);
	e.name = strdup(FIXTURE_ELDER_NAME);
	assert_non_null(e.name);
	strcpy(e.id_number, FIXTURE_ELDER_ID);
	strcpy(e.division_code, FIXTURE_DIVISION);
	e.registered_on = (struct ymd){ 2020, 1, 1 };
	if (elder_save(f->db, &e, "wang", &cause) != ELDER_INSERTED)
		fail_msg("elder_save: %s", cause);
	strcpy(f->elder, e.meta.uid);
	elder_clear(&e);
}

void
fixture_open(struct fixture *f, enum fixture_level level)
{
	char *cause = NULL;

	memset(f, 0, sizeof *f);
	fixture_make_dir(f);
	if (level < FIXTURE_DB)
		return;
	if ((f->db = db_open(f->path, DB_OPEN_CREATE, &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	if (level < FIXTURE_STATION)
		return;
	if (db_station_init(f->db, FIXTURE_STATION_CODE, FIXTURE_STATION_NAME,
	    FIXTURE_DIVISION, &cause) != 0)
		fail_msg("db_station_init: %s", cause);
	if (level < FIXTURE_ELDER)
		return;
	fixture_save_elder(f);
}

int
fixture_close(struct fixture *f)
{
	char path[sizeof f->dir + 256 + 2];
	struct dirent *de;
	DIR *d;

	sqlite3_finalize(f->add_elder);
	sqlite3_finalize(f->add_visit);
	db_close(f->db);
	f->db = NULL;
	/* The WAL and shm files, and whatever a test wrote beside them. */
	if ((d = opendir(f->dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", f->dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	return rmdir(f->dir);
}

static int
fixture_setup_level(void **state, enum fixture_level level)
{
	struct fixture *f = malloc(sizeof *f);

	assert_non_null(f);
	fixture_open(f, level);
	*state = f;
	return 0;
}

int
fixture_setup(void **state)
{
	return fixture_setup_level(state, FIXTURE_DIR);
}

int
fixture_setup_db(void **state)
{
	return fixture_setup_level(state, FIXTURE_DB);
}

int
fixture_setup_station(void **state)
{
	return fixture_setup_level(state, FIXTURE_STATION);
}

int
fixture_setup_elder(void **state)
{
	return fixture_setup_level(state, FIXTURE_ELDER);
}

int
fixture_teardown(void **state)
{
	struct fixture *f = *state;
	int rc = fixture_close(f);

	free(f);
	return rc;
}

/* Prepared on first use and kept: test-coverage adds thousands of rows. */
static sqlite3_stmt *
fixture_stmt(struct fixture *f, sqlite3_stmt **slot, const char *sql)
{
	if (*slot == NULL)
		assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, slot,
		    NULL), SQLITE_OK);
	sqlite3_reset(*slot);
	sqlite3_clear_bindings(*slot);
	return *slot;
}

void
fixture_add_elder(struct fixture *f, const struct fixture_elder *e,
    char uid[HEARTH_UID_MAX])
{
	static const char sql[] =
		"INSERT INTO elder (uid, name, initials, id_number, gender,"
		" birth_date, division_code, visit_consent, risk_tier, status,"
		" status_date, registered_on, created_at, created_by,"
		" updated_at, deleted)"
		" VALUES (?1, ?2, ?3, ?4, '女', '1940-01-01', ?5, ?6, ?7, ?8,"
		" ?9, ?10, '2020-01-01 08:00:00', 'test',"
		" '2020-01-01 08:00:00', ?11)";
	sqlite3_stmt *st = fixture_stmt(f, &f->add_elder, sql);
	const char *name = e->name ? e->name : "老人";
	char *initials = pinyin_initials(name);
	char id[19];

	assert_non_null(initials);
	f->seq++;
	snprintf(uid, HEARTH_UID_MAX, "T01:%d", f->seq);
	snprintf(id, sizeof id, "1101011940%08d", f->seq);
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, initials, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->id_number ? e->id_number : id, -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, e->division ? e->division : FIXTURE_DIVISION,
	    -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, e->consent);
	sqlite3_bind_text(st, 7, choice_label(CH_RISK, e->tier), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 8, choice_label(CH_STATUS, e->status), -1,
	    SQLITE_STATIC);
	if (e->status_date != NULL)
		sqlite3_bind_text(st, 9, e->status_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, e->registered_on ? e->registered_on :
	    "2024-03-01", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, e->deleted);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	/* The statement keeps pointers to the bound text until reset. */
	sqlite3_reset(st);
	free(initials);
}

void
fixture_add_visit(struct fixture *f, const char *elder_uid, const char *at,
    int contacted, int deleted)
{
	static const char sql[] =
		"INSERT INTO visit (uid, elder_uid, visited_at, mode, visitor,"
		" contacted, created_at, created_by, updated_at, deleted)"
		" VALUES (?1, ?2, ?3, '上门', '志愿者', ?4,"
		" '2020-01-01 08:00:00', 'test', '2020-01-01 08:00:00', ?5)";
	sqlite3_stmt *st = fixture_stmt(f, &f->add_visit, sql);
	char uid[HEARTH_UID_MAX];

	f->seq++;
	snprintf(uid, sizeof uid, "T01:%d", f->seq);
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, contacted);
	sqlite3_bind_int(st, 5, deleted);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
}

long
fixture_query_long(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	long v = -999;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

char *
fixture_query_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		v = strdup((const char *)sqlite3_column_text(stmt, 0));
		assert_non_null(v);
	}
	sqlite3_finalize(stmt);
	return v;
}

void
fixture_assert_text(sqlite3 *db, const char *sql, const char *want)
{
	char *got = fixture_query_text(db, sql);

	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}
