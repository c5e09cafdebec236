/* test-visit.c: visit validation, twins, listing, on a real file. */
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

#include "core/elder.h"
#include "core/labels.h"
#include "core/visit.h"
#include "tests/fixture.h"

static void
make_visit(struct visit *v, const char *elder, struct ymd day, int minutes)
{
	visit_init(v);
	strcpy(v->elder_uid, elder);
	v->day = day;
	v->minutes = minutes;
	v->visitor = strdup("王芳");
	v->health = strdup("精神好，腿脚不便");
	v->services = 1u << 0 | 1u << 1;
}

static void
test_future_rejected(void **state)
{
	struct fixture *f = *state;
	struct visit v;
	struct ymd today;
	char *cause = NULL;
	long days;
	int now;

	date_now(&today, &now);
	days = date_to_days(today);

	/* Tomorrow is in the future. */
	make_visit(&v, f->elder, date_from_days(days + 1), 9 * 60);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	assert_non_null(strstr(cause, "future"));
	free(cause);
	visit_clear(&v);
	/* Twenty minutes ahead is too (as a time on the minute scale,
	 * crossing midnight if need be). */
	make_visit(&v, f->elder, today, 0);
	{
		long t = days * 1440 + now + 20;

		v.day = date_from_days(t / 1440);
		v.minutes = (int)(t % 1440);
	}
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	assert_non_null(strstr(cause, "future"));
	free(cause);
	visit_clear(&v);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM visit"), 0);

	/* Now, and a clock three minutes fast, are fine. */
	make_visit(&v, f->elder, today, now);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);
	{
		long t = days * 1440 + now + 3;

		make_visit(&v, f->elder, date_from_days(t / 1440),
		    (int)(t % 1440));
	}
	v.mode = MODE_PHONE;
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);
}

static void
test_twin_updates(void **state)
{
	struct fixture *f = *state;
	struct visit v;
	char *cause = NULL, uid[HEARTH_UID_MAX];
	struct ymd day = { 2024, 3, 5 };

	make_visit(&v, f->elder, day, 9 * 60 + 30);
	if (visit_save(f->db, &v, "wang", &cause) != VISIT_INSERTED)
		fail_msg("%s", cause);
	strcpy(uid, v.meta.uid);
	visit_clear(&v);

	/* The same file imported again. */
	make_visit(&v, f->elder, day, 9 * 60 + 30);
	assert_int_equal(visit_save(f->db, &v, "li", &cause), VISIT_UNCHANGED);
	assert_string_equal(v.meta.uid, uid);
	visit_clear(&v);

	/* Corrected notes: the twin is updated, not duplicated. */
	make_visit(&v, f->elder, day, 9 * 60 + 30);
	v.needs = strdup("需要助餐");
	v.contacted = false;
	assert_int_equal(visit_save(f->db, &v, "li", &cause), VISIT_UPDATED);
	assert_string_equal(v.meta.uid, uid);
	assert_string_equal(v.meta.created_by, "wang");
	visit_clear(&v);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM visit"), 1);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT contacted FROM visit"), 0);

	/* Another minute, mode or visitor is another visit. */
	make_visit(&v, f->elder, day, 9 * 60 + 31);
	assert_int_equal(visit_save(f->db, &v, "li", &cause), VISIT_INSERTED);
	visit_clear(&v);
	make_visit(&v, f->elder, day, 9 * 60 + 30);
	v.mode = MODE_VIDEO;
	assert_int_equal(visit_save(f->db, &v, "li", &cause), VISIT_INSERTED);
	visit_clear(&v);
	make_visit(&v, f->elder, day, 9 * 60 + 30);
	free(v.visitor);
	v.visitor = strdup("李强");
	assert_int_equal(visit_save(f->db, &v, "li", &cause), VISIT_INSERTED);
	visit_clear(&v);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM visit"), 4);
}

static void
test_list_newest_first(void **state)
{
	struct fixture *f = *state;
	struct visit v, *list;
	char *cause = NULL;
	size_t n;
	static const struct { struct ymd day; int min; } when[] = {
		{ { 2024, 2, 10 }, 600 },
		{ { 2024, 4, 1 }, 480 },
		{ { 2024, 3, 15 }, 900 },
		{ { 2024, 3, 15 }, 840 },
	};
	size_t i;

	for (i = 0; i < sizeof when / sizeof when[0]; i++) {
		make_visit(&v, f->elder, when[i].day, when[i].min);
		assert_int_equal(visit_save(f->db, &v, "wang", &cause),
		    VISIT_INSERTED);
		visit_clear(&v);
	}
	assert_int_equal(visit_list(f->db, f->elder, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 4);
	assert_int_equal(list[0].day.m, 4);
	assert_int_equal(list[1].day.m, 3);
	assert_int_equal(list[1].minutes, 900);
	assert_int_equal(list[2].minutes, 840);
	assert_int_equal(list[3].day.m, 2);
	/* Read back as stored. */
	assert_string_equal(list[0].visitor, "王芳");
	assert_string_equal(list[0].health, "精神好，腿脚不便");
	assert_int_equal(list[0].services, 1u << 0 | 1u << 1);
	assert_int_equal(list[0].mode, MODE_HOME);
	assert_true(list[0].contacted);
	visit_list_free(list, n);

	assert_int_equal(visit_list(f->db, f->elder, 2, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].day.m, 4);
	visit_list_free(list, n);

	assert_int_equal(visit_list(f->db, "LJC01:999", 0, &list, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	visit_list_free(list, n);
}

static int
count_visit(const struct visit *v, void *arg)
{
	(void)v;
	(*(int *)arg)++;
	return 0;
}

static void
test_each_range(void **state)
{
	struct fixture *f = *state;
	struct visit v;
	char *cause = NULL;
	int n = 0;

	make_visit(&v, f->elder, (struct ymd){ 2024, 3, 31 }, 23 * 60 + 59);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);
	make_visit(&v, f->elder, (struct ymd){ 2024, 4, 1 }, 0);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);

	assert_int_equal(visit_each(f->db, (struct ymd){ 2024, 3, 1 },
	    (struct ymd){ 2024, 3, 31 }, count_visit, &n, &cause), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(visit_each(f->db, (struct ymd){ 2024, 4, 1 },
	    (struct ymd){ 0, 0, 0 }, count_visit, &n, &cause), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(visit_each(f->db, (struct ymd){ 0, 0, 0 },
	    (struct ymd){ 0, 0, 0 }, count_visit, &n, &cause), 0);
	assert_int_equal(n, 2);
}

static void
test_rules(void **state)
{
	struct fixture *f = *state;
	struct visit v;
	char *cause = NULL;
	struct ymd day = { 2024, 3, 5 };

	/* An emergency needs its action. */
	make_visit(&v, f->elder, day, 600);
	v.emergency = true;
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	assert_non_null(strstr(cause, "emergency"));
	free(cause);
	v.emergency_action = strdup("拨打120，送县医院");
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);

	/* Control characters only as newlines in the note. */
	make_visit(&v, f->elder, day, 601);
	v.note = strdup("第一行\n第二行");
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);
	make_visit(&v, f->elder, day, 602);
	free(v.health);
	v.health = strdup("好\n很好");
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	free(cause);
	visit_clear(&v);

	/* At most 2000 characters. */
	make_visit(&v, f->elder, day, 603);
	v.note = calloc(1, 2001 * 3 + 1);
	for (int i = 0; i < 2001; i++)
		memcpy(v.note + i * 3, "好", 3);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	free(cause);
	v.note[2000 * 3] = '\0';
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);

	/* A visitor is required; the elder must exist. */
	make_visit(&v, f->elder, day, 604);
	free(v.visitor);
	v.visitor = strdup("  ");
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	free(cause);
	visit_clear(&v);
	make_visit(&v, "LJC01:999", day, 604);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	free(cause);
	visit_clear(&v);

	/* A follow-up cannot come before the visit. */
	make_visit(&v, f->elder, day, 605);
	v.follow_up = (struct ymd){ 2024, 3, 4 };
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	free(cause);
	visit_clear(&v);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM visit"), 3);

	/* Not reached: "正常" (seen and well) becomes "未见到"; reached and
	 * "未见到" contradicts itself. */
	make_visit(&v, f->elder, day, 606);
	v.contacted = false;
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	assert_int_equal(v.outcome, OUTCOME_NOT_FOUND);
	fixture_assert_text(f->db, "SELECT outcome FROM visit WHERE "
	    "visited_at = '2024-03-05 10:06'", "未见到");
	visit_clear(&v);
	make_visit(&v, f->elder, day, 607);
	v.outcome = OUTCOME_NOT_FOUND;
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	assert_non_null(strstr(cause, "outcome"));
	free(cause);
	visit_clear(&v);
}

static void
test_elder_left(void **state)
{
	struct fixture *f = *state;
	struct visit v;
	char *cause = NULL;

	/* Died on 2024-03-10: a visit that day counts, one after does not. */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE elder SET status = '死亡', "
	    "status_date = '2024-03-10'", NULL, NULL, NULL), SQLITE_OK);
	make_visit(&v, f->elder, (struct ymd){ 2024, 3, 10 }, 600);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause),
	    VISIT_INSERTED);
	visit_clear(&v);
	make_visit(&v, f->elder, (struct ymd){ 2024, 3, 11 }, 600);
	assert_int_equal(visit_save(f->db, &v, "wang", &cause), VISIT_ERROR);
	assert_non_null(strstr(cause, "2024-03-10"));
	free(cause);
	visit_clear(&v);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM visit"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_future_rejected,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_twin_updates,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_list_newest_first,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_each_range,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rules,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_elder_left,
		    fixture_setup_elder, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
