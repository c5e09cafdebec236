/* test-due.c: the visit-due rule per risk tier (month edges, leap years,
 * the weekly rule across months) and the due list from a real file. */
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

#include "core/date.h"
#include "core/db.h"
#include "core/due.h"
#include "core/elder.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "core/visit.h"
#include "tests/fixture.h"

static struct ymd
ymd(int y, int m, int d)
{
	struct ymd r = { y, m, d };

	return r;
}

static const struct ymd never = { 0, 0, 0 };
static const struct ymd long_ago = { 2020, 1, 1 };

/* The rule's answer, asserted due with deadline Y-M-D. */
static void
assert_due(int tier, struct ymd today, struct ymd reg, struct ymd last,
    int count, int y, int m, int d)
{
	struct ymd by = { -1, -1, -1 };

	assert_true(due_rule(tier, today, reg, last, count, &by));
	assert_int_equal(by.y, y);
	assert_int_equal(by.m, m);
	assert_int_equal(by.d, d);
}

static void
assert_not_due(int tier, struct ymd today, struct ymd reg, struct ymd last,
    int count)
{
	struct ymd by = { -1, -1, -1 };

	assert_false(due_rule(tier, today, reg, last, count, &by));
}

static void
test_normal_month_edges(void **state)
{
	(void)state;
	/* Due by the last day of today's month, whatever that is. */
	assert_due(RISK_NORMAL, ymd(2024, 1, 31), long_ago, ymd(2023, 12, 5),
	    0, 2024, 1, 31);
	assert_due(RISK_NORMAL, ymd(2024, 2, 1), long_ago, ymd(2024, 1, 31),
	    0, 2024, 2, 29);
	assert_due(RISK_NORMAL, ymd(2023, 2, 1), long_ago, ymd(2023, 1, 31),
	    0, 2023, 2, 28);
	assert_due(RISK_NORMAL, ymd(2024, 2, 28), ymd(2024, 2, 1), never, 0,
	    2024, 2, 29);
	assert_due(RISK_NORMAL, ymd(2024, 2, 29), ymd(2024, 2, 1), never, 0,
	    2024, 2, 29);
	assert_due(RISK_NORMAL, ymd(2023, 2, 28), ymd(2023, 2, 1), never, 0,
	    2023, 2, 28);
	assert_due(RISK_NORMAL, ymd(2023, 12, 31), long_ago, ymd(2023, 11, 2),
	    0, 2023, 12, 31);
	/* A visit on Dec 31 does not carry into January. */
	assert_due(RISK_NORMAL, ymd(2024, 1, 1), long_ago, ymd(2023, 12, 31),
	    0, 2024, 1, 31);
	/* One contacted visit this month satisfies it. */
	assert_not_due(RISK_NORMAL, ymd(2024, 1, 31), long_ago,
	    ymd(2024, 1, 1), 1);
	assert_not_due(RISK_NORMAL, ymd(2024, 2, 29), long_ago,
	    ymd(2024, 2, 29), 1);
	/* An unknown tier gets the monthly floor. */
	assert_due(99, ymd(2024, 2, 10), ymd(2024, 2, 1), never, 0, 2024, 2, 29);
}

static void
test_missed_month(void **state)
{
	(void)state;
	/* A whole month went by without a visit: due since that month's end,
	 * so overdue and ranked first. */
	assert_due(RISK_NORMAL, ymd(2024, 3, 10), long_ago, ymd(2024, 1, 15),
	    0, 2024, 2, 29);
	assert_due(RISK_NORMAL, ymd(2024, 1, 5), long_ago, ymd(2023, 11, 30),
	    0, 2023, 12, 31);
	/* Never visited since registering in December. */
	assert_due(RISK_NORMAL, ymd(2024, 3, 10), ymd(2023, 12, 20), never, 0,
	    2023, 12, 31);
	assert_due(RISK_NORMAL, ymd(2024, 3, 10), long_ago, never, 0,
	    2020, 1, 31);
	/* Focus tier: the missed month comes before the 15th. */
	assert_due(RISK_FOCUS, ymd(2024, 3, 10), long_ago, ymd(2024, 1, 15),
	    0, 2024, 2, 29);
	/* Last month visited: only this month's deadline. */
	assert_due(RISK_NORMAL, ymd(2024, 3, 10), long_ago, ymd(2024, 2, 1),
	    0, 2024, 3, 31);
}

static void
test_focus_tier(void **state)
{
	(void)state;
	/* None yet: the first is due by the 15th, before and after it. */
	assert_due(RISK_FOCUS, ymd(2024, 3, 1), ymd(2024, 3, 1), never, 0,
	    2024, 3, 15);
	assert_due(RISK_FOCUS, ymd(2024, 3, 14), long_ago, ymd(2024, 2, 20),
	    0, 2024, 3, 15);
	assert_due(RISK_FOCUS, ymd(2024, 3, 15), long_ago, ymd(2024, 2, 20),
	    0, 2024, 3, 15);
	assert_due(RISK_FOCUS, ymd(2024, 3, 16), long_ago, ymd(2024, 2, 20),
	    0, 2024, 3, 15);
	/* One: the second by the month's last day (leap and common Feb). */
	assert_due(RISK_FOCUS, ymd(2024, 3, 14), long_ago, ymd(2024, 3, 2),
	    1, 2024, 3, 31);
	assert_due(RISK_FOCUS, ymd(2024, 3, 16), long_ago, ymd(2024, 3, 2),
	    1, 2024, 3, 31);
	assert_due(RISK_FOCUS, ymd(2024, 2, 16), long_ago, ymd(2024, 2, 2),
	    1, 2024, 2, 29);
	assert_due(RISK_FOCUS, ymd(2023, 2, 16), long_ago, ymd(2023, 2, 2),
	    1, 2023, 2, 28);
	/* Two: done for the month, before and after the 15th. */
	assert_not_due(RISK_FOCUS, ymd(2024, 3, 14), long_ago,
	    ymd(2024, 3, 10), 2);
	assert_not_due(RISK_FOCUS, ymd(2024, 3, 16), long_ago,
	    ymd(2024, 3, 16), 2);
	assert_not_due(RISK_FOCUS, ymd(2024, 3, 31), long_ago,
	    ymd(2024, 3, 30), 3);
	/* Joined on the 20th: the 15th's deadline moves to that day. */
	assert_due(RISK_FOCUS, ymd(2024, 3, 22), ymd(2024, 3, 20), never, 0,
	    2024, 3, 20);
}

static void
test_high_tier(void **state)
{
	(void)state;
	/* Within a month (visited this month): due 7 days after. */
	assert_not_due(RISK_HIGH, ymd(2024, 3, 10), long_ago, ymd(2024, 3, 4),
	    1);
	assert_due(RISK_HIGH, ymd(2024, 3, 11), long_ago, ymd(2024, 3, 4), 1,
	    2024, 3, 11);
	assert_due(RISK_HIGH, ymd(2024, 3, 12), long_ago, ymd(2024, 3, 4), 1,
	    2024, 3, 11);
	/* Across a month boundary: no visit this month yet, so the monthly
	 * rule has it due already; the deadline is still the weekly one. */
	assert_due(RISK_HIGH, ymd(2024, 3, 1), long_ago, ymd(2024, 2, 27), 0,
	    2024, 3, 5);
	assert_due(RISK_HIGH, ymd(2024, 3, 4), long_ago, ymd(2024, 2, 27), 0,
	    2024, 3, 5);
	assert_due(RISK_HIGH, ymd(2024, 3, 5), long_ago, ymd(2024, 2, 27), 0,
	    2024, 3, 5);
	assert_due(RISK_HIGH, ymd(2024, 3, 6), long_ago, ymd(2024, 2, 27), 0,
	    2024, 3, 5);
	/* Feb 29 is one of the seven days in 2024, not in 2023. */
	assert_due(RISK_HIGH, ymd(2024, 3, 1), long_ago, ymd(2024, 2, 26), 0,
	    2024, 3, 4);
	assert_due(RISK_HIGH, ymd(2023, 3, 1), long_ago, ymd(2023, 2, 26), 0,
	    2023, 3, 5);
	/* Across the year. */
	assert_due(RISK_HIGH, ymd(2024, 1, 1), long_ago, ymd(2023, 12, 28), 0,
	    2024, 1, 4);
	/* Visited last in a month, next visit falls into the next one. */
	assert_not_due(RISK_HIGH, ymd(2024, 1, 31), long_ago,
	    ymd(2024, 1, 30), 3);
	/* Never visited: due the day of registration. */
	assert_due(RISK_HIGH, ymd(2024, 3, 10), ymd(2024, 3, 1), never, 0,
	    2024, 3, 1);
	assert_due(RISK_HIGH, ymd(2024, 3, 1), ymd(2024, 3, 1), never, 0,
	    2024, 3, 1);
}

static void
test_not_registered_yet(void **state)
{
	int tier;

	(void)state;
	for (tier = RISK_HIGH; tier <= RISK_NORMAL; tier++)
		assert_not_due(tier, ymd(2024, 3, 10), ymd(2024, 3, 11), never,
		    0);
}

static void
test_due_list(void **state)
{
	struct fixture *f = *state;
	struct due_item *items;
	size_t n, i;
	char *cause = NULL;
	char u[16][HEARTH_UID_MAX];
	static const struct fixture_elder rows[] = {
		/* 0 */ { "王芳", RISK_NORMAL, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  "110101001002", NULL },
		/* 1 */ { "李秀英", RISK_NORMAL, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 2 */ { "赵桂兰", RISK_NORMAL, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 3 */ { "孙国强", RISK_NORMAL, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 4 */ { "周淑珍", RISK_FOCUS, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 5 */ { "吴建华", RISK_FOCUS, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 6 */ { "郑玉兰", RISK_HIGH, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 7 */ { "冯德明", RISK_HIGH, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
		/* 8 */ { "陈秀兰", RISK_HIGH, STATUS_ACTIVE, NULL, "2024-03-18",
			  1, 0, NULL, NULL },
		/* 9 */ { "褚明", RISK_NORMAL, STATUS_MOVED, "2024-03-02", NULL,
			  1, 0, NULL, NULL },
		/* 10 */ { "卫兰", RISK_NORMAL, STATUS_DECEASED, "2024-03-03",
			  NULL, 1, 0, NULL, NULL },
		/* 11 */ { "蒋华", RISK_HIGH, STATUS_ACTIVE, NULL, NULL, 0, 0,
			  NULL, NULL },
		/* 12 */ { "沈英", RISK_NORMAL, STATUS_ACTIVE, NULL, NULL, 1, 1,
			  NULL, NULL },
		/* 13 */ { "韩梅", RISK_NORMAL, STATUS_ACTIVE, NULL, NULL, 1, 0,
			  NULL, NULL },
	};
	/* Expected order on 2024-03-20: overdue most, then deadline, tier,
	 * name (by initials). */
	static const struct {
		int row;
		int overdue;
		int by_d;		/* day of March 2024 */
		int last_d;		/* 0: never (or not this year) */
		int count;
	} want[] = {
		{ 5, 5, 15, 0, 0 },	/* focus, no visit: the 15th */
		{ 8, 2, 18, 0, 0 },	/* high, never, joined the 18th */
		{ 6, 1, 19, 12, 1 },	/* high, 8 days since */
		{ 4, 0, 31, 2, 1 },	/* focus, one visit */
		{ 1, 0, 31, 0, 0 },	/* normal: l */
		{ 3, 0, 31, 0, 0 },	/* s (visit tomorrow not counted) */
		{ 0, 0, 31, 0, 0 },	/* w */
		{ 2, 0, 31, 0, 0 },	/* z (not contacted) */
	};

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		fixture_add_elder(f, &rows[i], u[i]);
	fixture_add_visit(f, u[2], "2024-03-05 10:00", 0, 0); /* not reached */
	fixture_add_visit(f, u[3], "2024-03-21 09:00", 1, 0);	/* tomorrow */
	fixture_add_visit(f, u[3], "2024-02-10 09:00", 1, 0);
	fixture_add_visit(f, u[4], "2024-03-02 09:00", 1, 0);
	fixture_add_visit(f, u[5], "2024-02-28 09:00", 1, 0);	/* last month */
	fixture_add_visit(f, u[6], "2024-03-12 16:30", 1, 0);
	fixture_add_visit(f, u[6], "2024-03-13 16:30", 0, 0); /* not reached */
	fixture_add_visit(f, u[6], "2024-03-14 16:30", 1, 1);	/* deleted */
	fixture_add_visit(f, u[7], "2024-03-14 08:00", 1, 0); /* 6 days: fine */
	fixture_add_visit(f, u[13], "2024-03-20 23:59", 1, 0); /* today: done */
	fixture_add_visit(f, u[13], "2024-02-29 23:59", 1, 0);

	assert_int_equal(due_list(f->db, ymd(2024, 3, 20), &items, &n, &cause),
	    0);
	assert_null(cause);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (i = 0; i < n; i++) {
		const struct fixture_elder *r = &rows[want[i].row];

		assert_string_equal(items[i].name, r->name);
		assert_string_equal(items[i].uid, u[want[i].row]);
		assert_string_equal(items[i].division_code,
		    r->division ? r->division : "110101001001");
		assert_int_equal(items[i].risk_tier, r->tier);
		assert_int_equal(items[i].overdue_days, want[i].overdue);
		assert_int_equal(items[i].due_by.y, 2024);
		assert_int_equal(items[i].due_by.m, 3);
		assert_int_equal(items[i].due_by.d, want[i].by_d);
		assert_int_equal(items[i].visits_this_month, want[i].count);
		if (want[i].last_d != 0) {
			assert_int_equal(items[i].last_visit.m, 3);
			assert_int_equal(items[i].last_visit.d, want[i].last_d);
		}
	}
	/* Last visits from earlier months are reported too. */
	assert_int_equal(items[5].last_visit.y, 2024);
	assert_int_equal(items[5].last_visit.m, 2);
	assert_int_equal(items[5].last_visit.d, 10);
	assert_int_equal(items[0].last_visit.m, 2);
	assert_int_equal(items[0].last_visit.d, 28);
	assert_int_equal(items[4].last_visit.y, 0);
	due_free(items, n);

	/* A month later everyone without an April visit is due again, and
	 * the high-tier elders are overdue from the weekly rule. */
	assert_int_equal(due_list(f->db, ymd(2024, 4, 1), &items, &n, &cause),
	    0);
	assert_int_equal(n, 10);
	assert_string_equal(items[0].name, "陈秀兰");	/* never: 14 days */
	assert_int_equal(items[0].overdue_days, 14);
	assert_string_equal(items[1].name, "郑玉兰");	/* since the 19th */
	assert_int_equal(items[1].overdue_days, 13);
	assert_string_equal(items[2].name, "冯德明");	/* since the 21st */
	assert_int_equal(items[2].overdue_days, 11);
	due_free(items, n);
}

/* Through the db layer's own saves: the due list reads what elder_save
 * and visit_save write (labels, dates, the contacted flag). */
static void
test_due_list_saved(void **state)
{
	struct fixture *f = *state;
	struct due_item *items;
	struct elder e;
	struct visit v;
	size_t n;
	char *cause = NULL;
	char id[19] = "11010519450307002";

	assert_int_equal(db_station_init(f->db, "T01", "测试站", "110105001001",
	    &cause), 0);
	id[17] = idnum_check_digit(id);
	elder_init(&e);
	e.name = strdup("马桂英");
	memcpy(e.id_number, id, sizeof id);
	memcpy(e.division_code, "110105001001", 13);
	e.risk_tier = RISK_HIGH;
	e.registered_on = ymd(2024, 3, 1);
	assert_int_equal(elder_save(f->db, &e, "test", &cause),
	    ELDER_INSERTED);
	visit_init(&v);
	memcpy(v.elder_uid, e.meta.uid, sizeof v.elder_uid);
	v.day = ymd(2024, 3, 4);
	v.minutes = 10 * 60;
	v.visitor = strdup("李志愿");
	assert_int_equal(visit_save(f->db, &v, "test", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);
	/* Not reached, later: does not move the weekly deadline. */
	visit_init(&v);
	memcpy(v.elder_uid, e.meta.uid, sizeof v.elder_uid);
	v.day = ymd(2024, 3, 9);
	v.minutes = 9 * 60;
	v.mode = MODE_PHONE;
	v.contacted = false;
	v.outcome = OUTCOME_NOT_FOUND;
	v.visitor = strdup("李志愿");
	assert_int_equal(visit_save(f->db, &v, "test", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);

	assert_int_equal(due_list(f->db, ymd(2024, 3, 10), &items, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	due_free(items, n);
	assert_int_equal(due_list(f->db, ymd(2024, 3, 12), &items, &n, &cause),
	    0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].uid, e.meta.uid);
	assert_string_equal(items[0].name, "马桂英");
	assert_int_equal(items[0].risk_tier, RISK_HIGH);
	assert_int_equal(items[0].visits_this_month, 1);
	assert_int_equal(items[0].last_visit.d, 4);
	assert_int_equal(items[0].due_by.d, 11);
	assert_int_equal(items[0].overdue_days, 1);
	due_free(items, n);
	elder_clear(&e);
}

static void
test_due_list_empty(void **state)
{
	struct fixture *f = *state;
	struct due_item *items = (void *)1;
	size_t n = 99;
	char *cause = NULL;

	assert_int_equal(due_list(f->db, ymd(2024, 3, 20), &items, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	due_free(items, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal_month_edges),
		cmocka_unit_test(test_missed_month),
		cmocka_unit_test(test_focus_tier),
		cmocka_unit_test(test_high_tier),
		cmocka_unit_test(test_not_registered_yet),
		cmocka_unit_test_setup_teardown(test_due_list,
		    fixture_setup_db, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_due_list_saved,
		    fixture_setup_db, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_due_list_empty,
		    fixture_setup_db, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
