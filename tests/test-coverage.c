/* test-coverage.c: who counts towards the monthly visit rate, grouping by
 * village/town/county, month edges to the minute, and per-mille rounding. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/coverage.h"
#include "core/date.h"
#include "core/db.h"
#include "core/labels.h"
#include "tests/fixture.h"

static struct ymd
ymd(int y, int m, int d)
{
	struct ymd r = { y, m, d };

	return r;
}

static const struct ymd none = { 0, 0, 0 };

static void
test_counts_rule(void **state)
{
	struct ymd reg = ymd(2023, 6, 1);

	(void)state;
	assert_true(coverage_counts(STATUS_ACTIVE, none, reg, true, false,
	    2024, 2));
	/* Registered during the month counts, on its last day too; the day
	 * after does not. */
	assert_true(coverage_counts(STATUS_ACTIVE, none, ymd(2024, 2, 15),
	    true, false, 2024, 2));
	assert_true(coverage_counts(STATUS_ACTIVE, none, ymd(2024, 2, 29),
	    true, false, 2024, 2));
	assert_false(coverage_counts(STATUS_ACTIVE, none, ymd(2024, 3, 1),
	    true, false, 2024, 2));
	assert_false(coverage_counts(STATUS_ACTIVE, none, ymd(2023, 3, 1),
	    true, false, 2023, 2));
	/* Left during the month: not counted at all, on its last day too. */
	assert_false(coverage_counts(STATUS_MOVED, ymd(2024, 2, 10), reg,
	    true, false, 2024, 2));
	assert_false(coverage_counts(STATUS_MOVED, ymd(2024, 2, 29), reg,
	    true, false, 2024, 2));
	/* Left after the month: still counted for it. */
	assert_true(coverage_counts(STATUS_MOVED, ymd(2024, 3, 1), reg,
	    true, false, 2024, 2));
	assert_true(coverage_counts(STATUS_INSTITUTION, ymd(2024, 3, 5), reg,
	    true, false, 2024, 2));
	assert_false(coverage_counts(STATUS_DECEASED, ymd(2024, 2, 20), reg,
	    true, false, 2024, 2));
	assert_true(coverage_counts(STATUS_DECEASED, ymd(2024, 4, 20), reg,
	    true, false, 2024, 2));
	/* Left, but nobody wrote down when: not counted. */
	assert_false(coverage_counts(STATUS_DECEASED, none, reg, true, false,
	    2024, 2));
	/* No consent, deleted. */
	assert_false(coverage_counts(STATUS_ACTIVE, none, reg, false, false,
	    2024, 2));
	assert_false(coverage_counts(STATUS_ACTIVE, none, reg, true, true,
	    2024, 2));
	/* December's last day against the next year. */
	assert_true(coverage_counts(STATUS_MOVED, ymd(2025, 1, 1), reg, true,
	    false, 2024, 12));
	assert_false(coverage_counts(STATUS_MOVED, ymd(2024, 12, 31), reg,
	    true, false, 2024, 12));
}

static void
test_permille(void **state)
{
	struct coverage_row r;

	(void)state;
	memset(&r, 0, sizeof r);
	r.visited = 1999;
	r.total = 2000;
	assert_int_equal(coverage_permille(&r), 999);
	r.visited = 2000;
	assert_int_equal(coverage_permille(&r), 1000);
	r.visited = 0;
	assert_int_equal(coverage_permille(&r), 0);
	r.visited = 2;
	r.total = 3;
	assert_int_equal(coverage_permille(&r), 666);
	r.visited = 1;
	r.total = 7;
	assert_int_equal(coverage_permille(&r), 142);
	r.visited = 0;
	r.total = 0;
	assert_int_equal(coverage_permille(&r), -1);
}

/* An elder of DIVISION (tier and name do not matter here); its uid in UID. */
static void
add_elder(struct fixture *f, const char *division, int status,
    const char *status_date, const char *registered, int consent,
    int deleted, char uid[HEARTH_UID_MAX])
{
	const struct fixture_elder e = {
		.name = "老人", .tier = RISK_NORMAL, .status = status,
		.status_date = status_date, .registered_on = registered,
		.consent = consent, .deleted = deleted, .division = division,
	};

	fixture_add_elder(f, &e, uid);
}

#define V1 "330102001001"	/* village 1 of town 001 */
#define V2 "330102001002"	/* village 2 of town 001 */
#define V3 "330102002001"	/* village 1 of town 002 */
#define OLD "2023-06-01"

static void
add_division(struct fixture *f, const char *code, const char *name)
{
	char *cause = NULL;

	assert_int_equal(db_division_set(f->db, code, name, &cause), 0);
}

static void
fill(struct fixture *f)
{
	char u[HEARTH_UID_MAX];

	add_division(f, V1, "上村村");
	add_division(f, V3, "河口村");
	add_division(f, "330102001000", "城关镇");
	add_division(f, "330102000000", "示范县");

	/* Village 1: counted e1 e2 e3 e5 e8 e11, visited e1 e3 e5 e11. */
	add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 1, 0, u);	/* e1 */
	fixture_add_visit(f, u, "2024-02-29 23:59", 1, 0); /* last minute */
	add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 1, 0, u);	/* e2 */
	fixture_add_visit(f, u, "2024-03-01 00:00", 1, 0);	/* next month */
	fixture_add_visit(f, u, "2024-01-31 23:59", 1, 0);	/* last month */
	fixture_add_visit(f, u, "2024-02-14 10:00", 1, 1); /* deleted visit */
	add_elder(f, V1, STATUS_ACTIVE, NULL, "2024-02-15", 1, 0, u); /* e3 */
	fixture_add_visit(f, u, "2024-02-20 09:30", 1, 0);
	add_elder(f, V1, STATUS_MOVED, "2024-02-10", OLD, 1, 0, u); /* e4 */
	fixture_add_visit(f, u, "2024-02-05 09:30", 1, 0);
	add_elder(f, V1, STATUS_MOVED, "2024-03-05", OLD, 1, 0, u); /* e5 */
	fixture_add_visit(f, u, "2024-02-03 09:30", 1, 0);
	add_elder(f, V1, STATUS_DECEASED, "2024-02-20", OLD, 1, 0, u); /* e6 */
	fixture_add_visit(f, u, "2024-02-02 09:30", 1, 0);
	add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 0, 0, u);	/* e7 */
	fixture_add_visit(f, u, "2024-02-02 09:30", 1, 0);
	add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 1, 0, u);	/* e8 */
	fixture_add_visit(f, u, "2024-02-10 09:30", 0, 0); /* not reached */
	add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 1, 1, u);	/* e9 */
	fixture_add_visit(f, u, "2024-02-10 09:30", 1, 0);
	add_elder(f, V1, STATUS_ACTIVE, NULL, "2024-03-02", 1, 0, u); /* e10 */
	add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 1, 0, u);	/* e11 */
	fixture_add_visit(f, u, "2024-02-01 00:00", 1, 0); /* first minute */
	/* Village 2: 1 of 2 (two visits count once). */
	add_elder(f, V2, STATUS_ACTIVE, NULL, OLD, 1, 0, u);
	fixture_add_visit(f, u, "2024-02-07 09:00", 1, 0);
	fixture_add_visit(f, u, "2024-02-21 09:00", 1, 0);
	add_elder(f, V2, STATUS_ACTIVE, NULL, OLD, 1, 0, u);
	/* Village 3 (another town): 1 of 1. */
	add_elder(f, V3, STATUS_INSTITUTION, "2024-04-01", OLD, 1, 0, u);
	fixture_add_visit(f, u, "2024-02-11 15:00", 1, 0);
}

static void
assert_row(const struct coverage_row *r, const char *code,
    const char *name, int visited, int total)
{
	assert_string_equal(r->code, code);
	if (name == NULL)
		assert_null(r->name);
	else
		assert_string_equal(r->name, name);
	assert_int_equal(r->visited, visited);
	assert_int_equal(r->total, total);
}

static void
test_month_levels(void **state)
{
	struct fixture *f = *state;
	struct coverage_row *rows, total;
	size_t n;
	char *cause = NULL;

	fill(f);
	assert_int_equal(coverage_month(f->db, 2024, 2, COV_VILLAGE, &rows,
	    &n, &total, &cause), 0);
	assert_int_equal(n, 3);
	assert_row(&rows[0], V1, "上村村", 4, 6);
	assert_row(&rows[1], V2, NULL, 1, 2);
	assert_row(&rows[2], V3, "河口村", 1, 1);
	assert_row(&total, "", NULL, 6, 9);
	assert_int_equal(coverage_permille(&rows[0]), 666);
	assert_int_equal(coverage_permille(&total), 666);
	coverage_free(rows, n);

	assert_int_equal(coverage_month(f->db, 2024, 2, COV_TOWN, &rows, &n,
	    &total, &cause), 0);
	assert_int_equal(n, 2);
	assert_row(&rows[0], "330102001000", "城关镇", 5, 8);
	assert_row(&rows[1], "330102002000", NULL, 1, 1);
	assert_int_equal(coverage_permille(&rows[0]), 625);
	assert_row(&total, "", NULL, 6, 9);
	coverage_free(rows, n);

	assert_int_equal(coverage_month(f->db, 2024, 2, COV_COUNTY, &rows, &n,
	    &total, &cause), 0);
	assert_int_equal(n, 1);
	assert_row(&rows[0], "330102000000", "示范县", 6, 9);
	coverage_free(rows, n);

	/* March: e2's visit at 00:00 on the 1st counts now; e5 (left on
	 * the 5th) is out, e10 (joined on the 2nd) is in. */
	assert_int_equal(coverage_month(f->db, 2024, 3, COV_VILLAGE, &rows,
	    &n, &total, &cause), 0);
	assert_int_equal(n, 3);
	assert_row(&rows[0], V1, "上村村", 1, 6);
	assert_row(&rows[1], V2, NULL, 0, 2);
	assert_row(&rows[2], V3, "河口村", 0, 1);
	assert_row(&total, "", NULL, 1, 9);
	coverage_free(rows, n);

	/* January: e2's visit on the 31st at 23:59; e3 and e10 not yet
	 * registered; e4 e5 e6 still there. */
	assert_int_equal(coverage_month(f->db, 2024, 1, COV_TOWN, &rows, &n,
	    &total, &cause), 0);
	assert_int_equal(n, 2);
	assert_row(&rows[0], "330102001000", "城关镇", 1, 9);
	assert_row(&rows[1], "330102002000", NULL, 0, 1);
	coverage_free(rows, n);
	assert_null(cause);
}

static void
test_month_empty(void **state)
{
	struct fixture *f = *state;
	struct coverage_row *rows, total;
	size_t n = 99;
	char *cause = NULL;

	assert_int_equal(coverage_month(f->db, 2024, 2, COV_VILLAGE, &rows,
	    &n, &total, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(total.total, 0);
	assert_int_equal(coverage_permille(&total), -1);
	coverage_free(rows, n);

	assert_int_equal(coverage_month(f->db, 2024, 13, COV_VILLAGE, &rows,
	    &n, &total, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

/* 1999 of 2000 visited must show 99.9%, not round up to 100%. */
static void
test_permille_from_file(void **state)
{
	struct fixture *f = *state;
	struct coverage_row *rows, total;
	size_t n;
	char *cause = NULL;
	char u[HEARTH_UID_MAX];
	int i;

	assert_int_equal(sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL),
	    SQLITE_OK);
	for (i = 0; i < 2000; i++) {
		add_elder(f, V1, STATUS_ACTIVE, NULL, OLD, 1, 0, u);
		if (i != 1234)
			fixture_add_visit(f, u, "2024-02-10 10:00", 1, 0);
	}
	assert_int_equal(sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(coverage_month(f->db, 2024, 2, COV_VILLAGE, &rows,
	    &n, &total, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].visited, 1999);
	assert_int_equal(rows[0].total, 2000);
	assert_int_equal(coverage_permille(&rows[0]), 999);
	assert_int_equal(coverage_permille(&total), 999);
	coverage_free(rows, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_rule),
		cmocka_unit_test(test_permille),
		cmocka_unit_test_setup_teardown(test_month_levels,
		    fixture_setup_db, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_month_empty,
		    fixture_setup_db, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_permille_from_file,
		    fixture_setup_db, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
