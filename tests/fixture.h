/* fixture.h: the set-up the unit tests share — a station database in a
 * fresh temporary directory, rows added straight into it, and queries.
 *
 * Every test gets its own directory (mkdtemp under $TMPDIR or /tmp) so
 * tests never see each other's files; teardown removes whatever a test
 * wrote there (the WAL and shm files too) and fails if it cannot.  The
 * helpers report trouble through cmocka (fail_msg, assert_*), so a broken
 * set-up fails the test instead of testing something else.
 *
 * Use the setup/teardown pairs with cmocka_unit_test_setup_teardown, or
 * embed a struct fixture in a test's own state and call fixture_open and
 * fixture_close. */
#ifndef HEARTH_TESTS_FIXTURE_H
#define HEARTH_TESTS_FIXTURE_H

#include <sqlite3.h>

#include "core/db.h"

/* The station every fixture database is initialised as. */
#define FIXTURE_STATION_CODE	"LJC01"
#define FIXTURE_STATION_NAME	"李家村"
#define FIXTURE_DIVISION	"110101001001"
/* The elder FIXTURE_ELDER saves (1940-01-01, male). */
#define FIXTURE_ELDER_NAME	"张三"
#define FIXTURE_ELDER_ID	"110101194001010012"

struct fixture {
	char dir[256];
	char path[300];		/* DIR/hearth.db */
	sqlite3 *db;		/* NULL at FIXTURE_DIR */
	char elder[HEARTH_UID_MAX];	/* the elder FIXTURE_ELDER saved */
	int seq;		/* last "T01:SEQ" uid fixture_add_* used */
	sqlite3_stmt *add_elder, *add_visit;	/* prepared on first use */
};

/* How far fixture_open goes; each level includes the ones before. */
enum fixture_level {
	FIXTURE_DIR,		/* the directory and PATH, no file yet */
	FIXTURE_DB,		/* PATH opened with DB_OPEN_CREATE */
	FIXTURE_STATION,	/* `hearth init` done: FIXTURE_STATION_CODE */
	FIXTURE_ELDER,		/* one elder saved through elder_save */
};

void fixture_open(struct fixture *f, enum fixture_level level);
/* Close the database and remove the directory; -1 if it would not go. */
int fixture_close(struct fixture *f);

/* cmocka set-up functions: *STATE becomes a malloc'd struct fixture. */
int fixture_setup(void **state);		/* FIXTURE_DIR */
int fixture_setup_db(void **state);		/* FIXTURE_DB */
int fixture_setup_station(void **state);	/* FIXTURE_STATION */
int fixture_setup_elder(void **state);		/* FIXTURE_ELDER */
int fixture_teardown(void **state);

/* An elder written as a plain row, below the model's validation (so a
 * test can store what elder_save would refuse: a status without a date,
 * any registration day).  NULL and 0 fields take the defaults noted. */
struct fixture_elder {
	const char *name;		/* NULL: "老人" */
	int tier;			/* RISK_* */
	int status;			/* STATUS_* */
	const char *status_date;	/* NULL: none */
	const char *registered_on;	/* NULL: "2024-03-01" */
	int consent;
	int deleted;
	const char *division;		/* NULL: FIXTURE_DIVISION */
	const char *id_number;		/* NULL: made from the uid's SEQ */
};

/* Add the elder, its uid "T01:SEQ" in UID; initials from its name. */
void fixture_add_elder(struct fixture *f, const struct fixture_elder *e,
    char uid[HEARTH_UID_MAX]);
/* Add a visit to ELDER_UID at AT ("YYYY-MM-DD HH:MM"). */
void fixture_add_visit(struct fixture *f, const char *elder_uid,
    const char *at, int contacted, int deleted);

/* The first column of the first row of SQL: -999 for no row; a malloc'd
 * copy or NULL for no row or NULL; asserted equal to WANT (NULL: NULL). */
long fixture_query_long(sqlite3 *db, const char *sql);
char *fixture_query_text(sqlite3 *db, const char *sql);
void fixture_assert_text(sqlite3 *db, const char *sql, const char *want);

#endif
