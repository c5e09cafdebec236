/* test-guidance.c: guidance sessions (several children in one
 * transaction, nothing saved when one child is refused, re-import
 * identity, age in months on read), the guidance-due list and the
 * monthly guidance coverage with its month edges. */
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

#include "core/child.h"
#include "core/date.h"
#include "core/db.h"
#include "core/guidance.h"
#include "core/guidance-coverage.h"
#include "core/guidance-due.h"
#include "core/labels.h"
#include "tests/fixture.h"

#define VILLAGE_B "110101001002"

static struct ymd
ymd(int y, int m, int d)
{
	struct ymd r = { y, m, d };

	return r;
}

static const struct ymd none = { 0, 0, 0 };

static struct ymd
parse(const char *s)
{
	struct ymd d = none;

	if (s != NULL)
		assert_true(date_parse(s, &d));
	return d;
}

/* Save a child born BIRTH, registered REGISTERED (NULL: today), in
 * DIVISION (NULL: the fixture's); MOVED: the moving day or NULL. */
static void
add_child(struct fixture *f, const char *name, const char *birth,
    const char *registered, const char *division, const char *moved,
    char uid[HEARTH_UID_MAX])
{
	struct child c;
	char *cause = NULL;

	child_init(&c);
	c.name = strdup(name);
	c.caregiver = strdup("张妈妈");
	c.gender = GENDER_MALE;
	c.birth = parse(birth);
	c.registered_on = parse(registered);
	if (moved != NULL) {
		c.status = CHILD_MOVED;
		c.status_date = parse(moved);
	}
	strcpy(c.division_code, division != NULL ? division :
	    FIXTURE_DIVISION);
	if (child_save(f->db, &c, "wang", &cause) != CHILD_INSERTED)
		fail_msg("child_save %s: %s", name, cause);
	strcpy(uid, c.meta.uid);
	child_clear(&c);
}

/* A session at AT ("YYYY-MM-DD HH:MM") by 李医生 on feeding. */
static void
session_fill(struct guidance *g, const char *at)
{
	guidance_init(g);
	assert_true(date_parse_time(at, &g->day, &g->minutes));
	g->form = 0;
	g->provider = strdup("李医生");
	g->topics = 1u << 1;
}

/* Save a session at AT for the N children; returns 0 or -1 (*CAUSE). */
static int
save_at(struct fixture *f, const char *at, const char *const *children,
    size_t n, struct ymd next, char **cause)
{
	struct guidance g;
	int rc;

	session_fill(&g, at);
	g.next_date = next;
	rc = guidance_save_session(f->db, &g, children, n, "wang", NULL,
	    cause);
	guidance_clear(&g);
	return rc;
}

static long
rows(struct fixture *f)
{
	return fixture_query_long(f->db, "SELECT count(*) FROM guidance");
}

static void
test_session_multi(void **state)
{
	struct fixture *f = *state;
	char a[HEARTH_UID_MAX], b[HEARTH_UID_MAX], c[HEARTH_UID_MAX],
	    d[HEARTH_UID_MAX], session[HEARTH_UID_MAX], *cause = NULL;
	const char *kids[3] = { a, b, c };
	const char *late[1] = { d };
	struct guidance_saved out[3];
	struct guidance g, *list;
	size_t n;
	int i;

	setenv("HEARTH_NOW", "2025-06-15 12:00", 1);
	add_child(f, "甲宝", "2024-01-31", NULL, NULL, NULL, a);
	add_child(f, "乙宝", "2023-07-01", NULL, NULL, NULL, b);
	add_child(f, "丙宝", "2025-03-01", NULL, NULL, NULL, c);
	add_child(f, "丁宝", "2024-12-01", NULL, NULL, NULL, d);

	/* A parents' class for three: one row each, one session. */
	session_fill(&g, "2025-06-10 09:30");
	g.form = 2;
	g.topics = 1u << 0 | 1u << 4;
	assert_int_equal(guidance_save_session(f->db, &g, kids, 3, "wang", out,
	    &cause), 0);
	strcpy(session, g.session_uid);
	assert_true(session[0] != '\0');
	for (i = 0; i < 3; i++)
		assert_int_equal(out[i].result, GUIDANCE_INSERTED);
	assert_string_not_equal(out[0].uid, out[1].uid);
	assert_int_equal(rows(f), 3);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(DISTINCT session_uid) FROM guidance"), 1);
	fixture_assert_text(f->db, "SELECT DISTINCT topics FROM guidance",
	    "生长发育、伤害预防");
	fixture_assert_text(f->db, "SELECT DISTINCT held_at FROM guidance",
	    "2025-06-10 09:30");

	/* The same again (a re-import): nothing changes. */
	assert_int_equal(guidance_save_session(f->db, &g, kids, 3, "wang", out,
	    &cause), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(out[i].result, GUIDANCE_UNCHANGED);
	/* Corrected topics: the same rows, updated. */
	g.topics = 1u << 0;
	assert_int_equal(guidance_save_session(f->db, &g, kids, 3, "wang", out,
	    &cause), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(out[i].result, GUIDANCE_UPDATED);
	assert_int_equal(rows(f), 3);
	/* A child added to the class afterwards joins its session. */
	assert_int_equal(guidance_save_session(f->db, &g, late, 1, "wang", out,
	    &cause), 0);
	assert_string_equal(g.session_uid, session);
	assert_int_equal(rows(f), 4);
	guidance_clear(&g);

	/* Age in months is derived on read. */
	assert_int_equal(guidance_list(f->db, a, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].child_name, "甲宝");
	assert_int_equal(list[0].age_months, 16);
	assert_string_equal(list[0].session_uid, session);
	guidance_list_free(list, n);
	unsetenv("HEARTH_NOW");
}

static void
test_age_months_on_read(void **state)
{
	struct fixture *f = *state;
	char a[HEARTH_UID_MAX], *cause = NULL;
	const char *kid[1] = { a };
	struct guidance *list;
	size_t n;

	setenv("HEARTH_NOW", "2024-04-15 12:00", 1);
	add_child(f, "甲宝", "2024-01-31", NULL, NULL, NULL, a);
	assert_int_equal(save_at(f, "2024-02-28 10:00", kid, 1, none,
	    &cause), 0);
	assert_int_equal(save_at(f, "2024-02-29 10:00", kid, 1, none,
	    &cause), 0);
	assert_int_equal(save_at(f, "2024-03-30 10:00", kid, 1, none,
	    &cause), 0);
	assert_int_equal(save_at(f, "2024-03-31 10:00", kid, 1, none,
	    &cause), 0);
	assert_int_equal(guidance_list(f->db, a, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 4);		/* newest first */
	assert_int_equal(list[0].age_months, 2);	/* 03-31 */
	assert_int_equal(list[1].age_months, 1);	/* 03-30 */
	assert_int_equal(list[2].age_months, 1);	/* 02-29 */
	assert_int_equal(list[3].age_months, 0);	/* 02-28 */
	guidance_list_free(list, n);
	unsetenv("HEARTH_NOW");
}

static void
test_refused(void **state)
{
	struct fixture *f = *state;
	char a[HEARTH_UID_MAX], b[HEARTH_UID_MAX], leap[HEARTH_UID_MAX],
	    moved[HEARTH_UID_MAX], *cause = NULL;
	const char *pair[2] = { a, b };
	const char *twice[2] = { a, a };
	const char *ghost[2] = { a, "LJC01:999" };
	const char *one[1] = { leap };
	const char *gone[1] = { moved };
	struct guidance g;

	setenv("HEARTH_NOW", "2025-06-15 12:00", 1);
	add_child(f, "甲宝", "2024-01-31", NULL, NULL, NULL, a);
	add_child(f, "乙宝", "2025-05-20", NULL, NULL, NULL, b);
	add_child(f, "闰宝", "2020-02-29", "2022-01-01", NULL, NULL, leap);
	add_child(f, "走宝", "2024-01-01", NULL, NULL, "2025-06-01", moved);

	/* Before one child's birth: refused, naming the child; nothing of
	 * the session saved, not even the other child's row. */
	assert_int_equal(save_at(f, "2025-05-19 10:00", pair, 2, none,
	    &cause), -1);
	assert_non_null(strstr(cause, "乙宝"));
	assert_non_null(strstr(cause, "2025-05-20"));
	free(cause);
	assert_int_equal(rows(f), 0);
	assert_int_equal(save_at(f, "2025-05-20 10:00", pair, 2, none,
	    &cause), 0);
	assert_int_equal(rows(f), 2);

	/* An unknown child: nothing saved. */
	assert_int_equal(save_at(f, "2025-05-21 10:00", ghost, 2, none,
	    &cause), -1);
	assert_non_null(strstr(cause, "LJC01:999"));
	free(cause);
	assert_int_equal(rows(f), 2);
	/* The same child twice. */
	assert_int_equal(save_at(f, "2025-05-21 10:00", twice, 2, none,
	    &cause), -1);
	free(cause);
	assert_int_equal(save_at(f, "2025-05-21 10:00", pair, 0, none,
	    &cause), -1);
	free(cause);

	/* Born Feb 29, 2020: three on Feb 28, 2023; guidance ends then. */
	assert_int_equal(save_at(f, "2023-02-28 09:00", one, 1, none,
	    &cause), -1);
	assert_non_null(strstr(cause, "2023-02-28"));
	free(cause);
	assert_int_equal(save_at(f, "2023-02-27 23:59", one, 1, none,
	    &cause), 0);
	assert_int_equal(rows(f), 3);

	/* Moved out on June 1: that day yes, the next no. */
	assert_int_equal(save_at(f, "2025-06-02 09:00", gone, 1, none,
	    &cause), -1);
	assert_non_null(strstr(cause, "2025-06-01"));
	free(cause);
	assert_int_equal(save_at(f, "2025-06-01 09:00", gone, 1, none,
	    &cause), 0);
	assert_int_equal(rows(f), 4);

	/* The session's own fields. */
	assert_int_equal(save_at(f, "2025-06-15 12:30", pair, 2, none,
	    &cause), -1);	/* in the future */
	free(cause);
	assert_int_equal(save_at(f, "2025-06-10 09:00", pair, 2,
	    ymd(2025, 6, 10), &cause), -1);	/* next date not after */
	free(cause);
	session_fill(&g, "2025-06-10 09:00");
	g.topics = 0;
	assert_int_equal(guidance_save_session(f->db, &g, pair, 2, "wang",
	    NULL, &cause), -1);
	free(cause);
	g.topics = 1;
	free(g.provider);
	g.provider = strdup(" ");
	assert_int_equal(guidance_save_session(f->db, &g, pair, 2, "wang",
	    NULL, &cause), -1);
	free(cause);
	guidance_clear(&g);
	assert_int_equal(rows(f), 4);
	unsetenv("HEARTH_NOW");
}

static void
test_due_rule(void **state)
{
	struct ymd today = ymd(2025, 6, 15), by;

	(void)state;
	/* Nothing this month: due by the month's end. */
	assert_true(guidance_due_rule(today, none, 0, &by));
	assert_int_equal(date_to_days(by), date_to_days(ymd(2025, 6, 30)));
	/* ... or by a next date before that. */
	assert_true(guidance_due_rule(today, ymd(2025, 6, 20), 0, &by));
	assert_int_equal(date_to_days(by), date_to_days(ymd(2025, 6, 20)));
	/* Served this month, next date ahead: not due. */
	assert_false(guidance_due_rule(today, ymd(2025, 7, 1), 1, &by));
	assert_false(guidance_due_rule(today, none, 1, &by));
	/* The next date has come: due, whatever the month's count. */
	assert_true(guidance_due_rule(today, today, 1, &by));
	assert_int_equal(date_to_days(by), date_to_days(today));
	assert_true(guidance_due_rule(today, ymd(2025, 6, 1), 2, &by));
	assert_int_equal(date_to_days(by), date_to_days(ymd(2025, 6, 1)));
	/* Month edge: Feb of a leap year ends on the 29th. */
	assert_true(guidance_due_rule(ymd(2024, 2, 1), none, 0, &by));
	assert_int_equal(date_to_days(by), date_to_days(ymd(2024, 2, 29)));
}

static void
test_due_list(void **state)
{
	struct fixture *f = *state;
	char a[HEARTH_UID_MAX], b[HEARTH_UID_MAX], c[HEARTH_UID_MAX],
	    d[HEARTH_UID_MAX], e[HEARTH_UID_MAX], x[HEARTH_UID_MAX],
	    *cause = NULL;
	const char *ka[1] = { a }, *kb[1] = { b }, *ke[1] = { e };
	struct guidance_due_item *items;
	size_t n;

	setenv("HEARTH_NOW", "2025-06-15 12:00", 1);
	add_child(f, "甲宝", "2024-01-01", NULL, NULL, NULL, a);
	add_child(f, "乙宝", "2023-07-01", NULL, NULL, NULL, b);
	add_child(f, "丙宝", "2023-08-01", NULL, NULL, NULL, c);
	add_child(f, "丁宝", "2025-01-01", NULL, NULL, NULL, d);
	add_child(f, "戊宝", "2024-06-01", NULL, NULL, NULL, e);
	/* Three on June 10, and moved out on June 1: never due. */
	add_child(f, "己宝", "2022-06-10", "2023-01-01", NULL, NULL, x);
	add_child(f, "庚宝", "2024-01-01", NULL, NULL, "2025-06-01", x);

	/* 甲: next date June 1 passed, 14 days overdue. */
	assert_int_equal(save_at(f, "2025-05-20 10:00", ka, 1,
	    ymd(2025, 6, 1), &cause), 0);
	/* 乙: served this month, next date June 12: 3 days overdue. */
	assert_int_equal(save_at(f, "2025-06-10 10:00", kb, 1,
	    ymd(2025, 6, 12), &cause), 0);
	/* 戊: served this month, next in July: not due. */
	assert_int_equal(save_at(f, "2025-06-05 10:00", ke, 1,
	    ymd(2025, 7, 5), &cause), 0);

	assert_int_equal(guidance_due_list(f->db, ymd(2025, 6, 15), &items, &n,
	    &cause), 0);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].uid, a);
	assert_int_equal(items[0].overdue_days, 14);
	assert_string_equal(items[1].uid, b);
	assert_int_equal(items[1].overdue_days, 3);
	assert_int_equal(items[1].sessions_this_month, 1);
	/* Not overdue: the older child first. */
	assert_string_equal(items[2].uid, c);
	assert_int_equal(items[2].overdue_days, 0);
	assert_int_equal(items[2].age_months, 22);
	assert_int_equal(date_to_days(items[2].due_by),
	    date_to_days(ymd(2025, 6, 30)));
	assert_string_equal(items[3].uid, d);
	assert_int_equal(items[3].last_session.y, 0);
	guidance_due_free(items, n);
	unsetenv("HEARTH_NOW");
}

static void
test_coverage_rule(void **state)
{
	struct ymd reg = ymd(2024, 1, 1);

	(void)state;
	/* 在册 all month: counted, served or not. */
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2024, 5, 1), reg, true, 2025, 6));
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2024, 5, 1), reg, false, 2025, 6));
	/* Three on June 2: counted only if served in June (on the 1st). */
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2022, 6, 2), reg, true, 2025, 6));
	assert_false(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2022, 6, 2), reg, false, 2025, 6));
	/* Three on June 1: never in the register in June. */
	assert_false(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2022, 6, 1), reg, true, 2025, 6));
	/* Three on July 1: 在册 on June 30. */
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2022, 7, 1), reg, false, 2025, 6));
	/* Born Feb 29, 2020: three on Feb 28, 2023, so February 2023 is
	 * the month of leaving; January is a whole month. */
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2020, 2, 29), ymd(2021, 1, 1), false, 2023, 1));
	assert_false(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2020, 2, 29), ymd(2021, 1, 1), false, 2023, 2));
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2020, 2, 29), ymd(2021, 1, 1), true, 2023, 2));
	assert_false(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2020, 2, 29), ymd(2021, 1, 1), true, 2023, 3));
	/* Moved out during the month: only if served; before: never;
	 * after: whole month; no date: never. */
	assert_true(guidance_coverage_counts(CHILD_MOVED, ymd(2025, 6, 10),
	    ymd(2024, 5, 1), reg, true, 2025, 6));
	assert_false(guidance_coverage_counts(CHILD_MOVED, ymd(2025, 6, 10),
	    ymd(2024, 5, 1), reg, false, 2025, 6));
	assert_false(guidance_coverage_counts(CHILD_MOVED, ymd(2025, 5, 31),
	    ymd(2024, 5, 1), reg, true, 2025, 6));
	assert_true(guidance_coverage_counts(CHILD_MOVED, ymd(2025, 6, 30),
	    ymd(2024, 5, 1), reg, false, 2025, 6));
	assert_false(guidance_coverage_counts(CHILD_MOVED, none,
	    ymd(2024, 5, 1), reg, true, 2025, 6));
	/* Registered or born during the month counts; after, not. */
	assert_true(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2025, 6, 20), ymd(2025, 6, 30), false, 2025, 6));
	assert_false(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2024, 5, 1), ymd(2025, 7, 1), false, 2025, 6));
	assert_false(guidance_coverage_counts(CHILD_ACTIVE, none,
	    ymd(2025, 7, 1), none, false, 2025, 6));
}

static void
test_coverage_month(void **state)
{
	struct fixture *f = *state;
	char a[HEARTH_UID_MAX], b[HEARTH_UID_MAX], c[HEARTH_UID_MAX],
	    d[HEARTH_UID_MAX], e[HEARTH_UID_MAX], *cause = NULL;
	const char *ka[1] = { a }, *kb[1] = { b }, *kc[1] = { c },
	    *kd[1] = { d };
	struct coverage_row *rowsv, total;
	size_t n;

	/* Registered before the months counted (registered today, July
	 * 15, a child would not count for June). */
#define REG "2025-01-01"
	setenv("HEARTH_NOW", "2025-07-15 12:00", 1);
	/* Village A: served on June 30 at 23:59, on July 1 at 00:00, on
	 * May 31 at 23:59: one of three. */
	add_child(f, "甲宝", "2024-01-01", REG, NULL, NULL, a);
	add_child(f, "乙宝", "2024-02-01", REG, NULL, NULL, b);
	add_child(f, "丙宝", "2024-03-01", REG, NULL, NULL, c);
	assert_int_equal(save_at(f, "2025-06-30 23:59", ka, 1, none,
	    &cause), 0);
	assert_int_equal(save_at(f, "2025-07-01 00:00", kb, 1, none,
	    &cause), 0);
	assert_int_equal(save_at(f, "2025-05-31 23:59", kc, 1, none,
	    &cause), 0);
	/* Village B: one served; one turning three on June 15 unserved
	 * (not counted). */
	add_child(f, "丁宝", "2024-04-01", REG, VILLAGE_B, NULL, d);
	add_child(f, "戊宝", "2022-06-15", "2024-01-01", VILLAGE_B, NULL, e);
	assert_int_equal(save_at(f, "2025-06-01 00:00", kd, 1, none,
	    &cause), 0);
	assert_int_equal(db_division_set(f->db, FIXTURE_DIVISION, "李家村",
	    &cause), 0);

	assert_int_equal(guidance_coverage_month(f->db, 2025, 6, COV_VILLAGE,
	    &rowsv, &n, &total, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rowsv[0].code, FIXTURE_DIVISION);
	assert_string_equal(rowsv[0].name, "李家村");
	assert_int_equal(rowsv[0].visited, 1);
	assert_int_equal(rowsv[0].total, 3);
	assert_int_equal(coverage_permille(&rowsv[0]), 333);
	assert_string_equal(rowsv[1].code, VILLAGE_B);
	assert_null(rowsv[1].name);
	assert_int_equal(rowsv[1].visited, 1);
	assert_int_equal(rowsv[1].total, 1);
	assert_int_equal(total.visited, 2);
	assert_int_equal(total.total, 4);
	coverage_free(rowsv, n);

	/* Town: one row for both villages. */
	assert_int_equal(guidance_coverage_month(f->db, 2025, 6, COV_TOWN,
	    &rowsv, &n, &total, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rowsv[0].code, "110101001000");
	assert_int_equal(coverage_permille(&rowsv[0]), 500);
	coverage_free(rowsv, n);

	/* July: 乙 served at 00:00 on the 1st; 戊 is gone. */
	assert_int_equal(guidance_coverage_month(f->db, 2025, 7, COV_COUNTY,
	    &rowsv, &n, &total, &cause), 0);
	assert_int_equal(total.visited, 1);
	assert_int_equal(total.total, 4);
	coverage_free(rowsv, n);

	assert_int_equal(guidance_coverage_month(f->db, 2025, 13, COV_COUNTY,
	    &rowsv, &n, &total, &cause), -1);
	free(cause);
	unsetenv("HEARTH_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_session_multi,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_age_months_on_read,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refused,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test(test_due_rule),
		cmocka_unit_test_setup_teardown(test_due_list,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test(test_coverage_rule),
		cmocka_unit_test_setup_teardown(test_coverage_month,
		    fixture_setup_station, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
