/* test-child.c: the children's register — 结案 at the third birthday
 * (Feb 29 births too), age in months at month ends, validation, and the
 * upsert identity (ID number, else name + birth date + caregiver). */
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
#include "core/idnum.h"
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
assert_ymd(struct ymd got, int y, int m, int d)
{
	char g[11], w[11];

	date_format(got, g);
	date_format(ymd(y, m, d), w);
	assert_string_equal(g, w);
}

/* A valid ID number for a child born Y-M-D, odd SEQ male. */
static void
make_id(char out[19], int y, int m, int d, int seq)
{
	snprintf(out, 19, "110101%04d%02d%02d%03d", y, m, d, seq);
	out[17] = idnum_check_digit(out);
	out[18] = '\0';
}

/* A child ready to save: 王小宝, girl, born BIRTH, cared for by 王芳. */
static void
child_fill(struct child *c, const char *name, struct ymd birth)
{
	child_init(c);
	c->name = strdup(name);
	c->caregiver = strdup("王芳");
	assert_non_null(c->name);
	assert_non_null(c->caregiver);
	c->gender = GENDER_FEMALE;
	c->birth = birth;
	c->relation = 0;
	strcpy(c->division_code, FIXTURE_DIVISION);
}

static void
test_third_birthday(void **state)
{
	struct ymd b;
	long d, tb;

	(void)state;
	assert_ymd(child_third_birthday(ymd(2021, 6, 15)), 2024, 6, 15);
	/* Born on a leap day: three on Feb 28 of the (common) year. */
	assert_ymd(child_third_birthday(ymd(2020, 2, 29)), 2023, 2, 28);
	assert_ymd(child_third_birthday(ymd(2024, 2, 29)), 2027, 2, 28);
	/* Third birthday falling in a leap year: the day itself, never
	 * moved to Feb 29. */
	assert_ymd(child_third_birthday(ymd(2021, 2, 28)), 2024, 2, 28);
	assert_ymd(child_third_birthday(ymd(2021, 3, 1)), 2024, 3, 1);
	/* One rule with date_age(): for every birth of seven years, the
	 * third birthday is the first day date_age() says 3. */
	for (d = date_to_days(ymd(2018, 1, 1));
	    d <= date_to_days(ymd(2024, 12, 31)); d++) {
		b = date_from_days(d);
		tb = date_to_days(child_third_birthday(b));
		assert_int_equal(date_age(b, date_from_days(tb)), 3);
		assert_int_equal(date_age(b, date_from_days(tb - 1)), 2);
	}
}

static void
test_status_at(void **state)
{
	struct ymd leap = ymd(2020, 2, 29);

	(void)state;
	assert_int_equal(child_status_at(CHILD_ACTIVE, none, leap,
	    ymd(2023, 2, 27)), CHILD_ACTIVE);
	assert_int_equal(child_status_at(CHILD_ACTIVE, none, leap,
	    ymd(2023, 2, 28)), CHILD_CLOSED);
	assert_int_equal(child_status_at(CHILD_ACTIVE, none, leap,
	    ymd(2023, 3, 1)), CHILD_CLOSED);
	/* 2021-03-01 birth: still 在册 on the leap day 2024-02-29. */
	assert_int_equal(child_status_at(CHILD_ACTIVE, none, ymd(2021, 3, 1),
	    ymd(2024, 2, 29)), CHILD_ACTIVE);
	assert_int_equal(child_status_at(CHILD_ACTIVE, none, ymd(2021, 3, 1),
	    ymd(2024, 3, 1)), CHILD_CLOSED);
	/* Moved out: the moving day is the last day in the register. */
	assert_int_equal(child_status_at(CHILD_MOVED, ymd(2024, 5, 10),
	    ymd(2023, 1, 1), ymd(2024, 5, 10)), CHILD_ACTIVE);
	assert_int_equal(child_status_at(CHILD_MOVED, ymd(2024, 5, 10),
	    ymd(2023, 1, 1), ymd(2024, 5, 11)), CHILD_MOVED);
	/* A move before the third birthday stays a move after it. */
	assert_int_equal(child_status_at(CHILD_MOVED, ymd(2024, 5, 10),
	    ymd(2023, 1, 1), ymd(2026, 5, 10)), CHILD_MOVED);
	/* Moved with no date: moved. */
	assert_int_equal(child_status_at(CHILD_MOVED, none, ymd(2023, 1, 1),
	    ymd(2023, 6, 1)), CHILD_MOVED);
}

static void
test_age_months(void **state)
{
	struct ymd b = ymd(2024, 1, 31);

	(void)state;
	/* Born on the 31st: a month old on the last day of a shorter
	 * month. */
	assert_int_equal(date_age_months(b, ymd(2024, 1, 31)), 0);
	assert_int_equal(date_age_months(b, ymd(2024, 2, 28)), 0);
	assert_int_equal(date_age_months(b, ymd(2024, 2, 29)), 1);
	assert_int_equal(date_age_months(b, ymd(2024, 3, 30)), 1);
	assert_int_equal(date_age_months(b, ymd(2024, 3, 31)), 2);
	assert_int_equal(date_age_months(b, ymd(2024, 4, 30)), 3);
	assert_int_equal(date_age_months(b, ymd(2025, 2, 28)), 13);
	assert_int_equal(date_age_months(b, ymd(2026, 12, 31)), 35);
	assert_int_equal(date_age_months(b, ymd(2027, 1, 30)), 35);
	assert_int_equal(date_age_months(b, ymd(2027, 1, 31)), 36);
	assert_int_equal(date_age_months(ymd(2020, 2, 29), ymd(2023, 2, 28)),
	    36);
	assert_int_equal(date_age_months(b, ymd(2024, 1, 30)), -1);
}

static void
test_normalize(void **state)
{
	struct ymd today = ymd(2025, 6, 15);
	struct child c;
	char *cause = NULL, id[19];

	(void)state;
	child_fill(&c, " 王小宝 ", ymd(2024, 5, 1));
	assert_int_equal(child_normalize(&c, today, &cause), 0);
	assert_string_equal(c.name, "王小宝");
	assert_non_null(c.initials);	/* pinyin masks: test-pinyin.c */
	assert_ymd(c.registered_on, 2025, 6, 15);
	child_clear(&c);

	/* The ID number decides birth date and gender. */
	child_fill(&c, "王小宝", none);
	c.gender = -1;
	make_id(id, 2024, 5, 1, 13);
	id[17] = id[17] == 'X' ? 'x' : id[17];
	strcpy(c.id_number, id);
	assert_int_equal(child_normalize(&c, today, &cause), 0);
	assert_ymd(c.birth, 2024, 5, 1);
	assert_int_equal(c.gender, GENDER_MALE);
	child_clear(&c);
	/* ... and a typed one must agree. */
	child_fill(&c, "王小宝", ymd(2024, 5, 2));
	c.gender = GENDER_MALE;
	strcpy(c.id_number, id);
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	assert_non_null(strstr(cause, "2024-05-01"));
	free(cause);
	child_clear(&c);

	/* Birth date required without an ID number; not in the future. */
	child_fill(&c, "王小宝", none);
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	free(cause);
	child_clear(&c);
	child_fill(&c, "王小宝", ymd(2025, 6, 16));
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	free(cause);
	child_clear(&c);

	/* Three or older on the registration day: refused, clearly. */
	child_fill(&c, "王小宝", ymd(2022, 6, 15));
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	assert_non_null(strstr(cause, "2025-06-15"));
	free(cause);
	child_clear(&c);
	child_fill(&c, "王小宝", ymd(2022, 6, 16));	/* a day short */
	assert_int_equal(child_normalize(&c, today, &cause), 0);
	child_clear(&c);
	/* Registered back then, when under three: fine. */
	child_fill(&c, "王小宝", ymd(2022, 1, 1));
	c.registered_on = ymd(2024, 1, 1);
	assert_int_equal(child_normalize(&c, today, &cause), 0);
	child_clear(&c);

	/* Caregiver required; phone checked. */
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	free(c.caregiver);
	c.caregiver = strdup("  ");
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	free(cause);
	child_clear(&c);
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.caregiver_phone = strdup("12345");
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	free(cause);
	child_clear(&c);

	/* 结案 is derived: refused for a child under three, stored as 在册
	 * for one already three (an export re-imported). */
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.status = CHILD_CLOSED;
	assert_int_equal(child_normalize(&c, today, &cause), -1);
	free(cause);
	child_clear(&c);
	child_fill(&c, "王小宝", ymd(2022, 1, 1));
	c.registered_on = ymd(2023, 1, 1);
	c.status = CHILD_CLOSED;
	assert_int_equal(child_normalize(&c, today, &cause), 0);
	assert_int_equal(c.status, CHILD_ACTIVE);
	assert_int_equal(child_status_on(&c, today), CHILD_CLOSED);
	child_clear(&c);

	/* A move without a date happened today. */
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.status = CHILD_MOVED;
	assert_int_equal(child_normalize(&c, today, &cause), 0);
	assert_ymd(c.status_date, 2025, 6, 15);
	child_clear(&c);
}

static void
test_save_upsert(void **state)
{
	struct fixture *f = *state;
	struct child c, got;
	char *cause = NULL, uid[HEARTH_UID_MAX], id[19];

	setenv("HEARTH_NOW", "2025-06-15 10:00", 1);
	/* No ID number: identity is name + birth date + caregiver. */
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.flags = 1u << 0 | 1u << 2;
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_INSERTED);
	strcpy(uid, c.meta.uid);
	child_clear(&c);
	fixture_assert_text(f->db, "SELECT flags FROM child", "早产、留守");
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT id_number IS NULL FROM child"), 1);
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.flags = 1u << 0 | 1u << 2;
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_UNCHANGED);
	assert_string_equal(c.meta.uid, uid);
	child_clear(&c);

	/* A year later the same file: the registration day is kept, so the
	 * child is not refused, and nothing changes. */
	setenv("HEARTH_NOW", "2026-06-15 10:00", 1);
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.flags = 1u << 0 | 1u << 2;
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_UNCHANGED);
	child_clear(&c);

	/* The ID number added later finds the child stored without one. */
	make_id(id, 2024, 5, 1, 12);
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.flags = 1u << 0 | 1u << 2;
	strcpy(c.id_number, id);
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_UPDATED);
	assert_string_equal(c.meta.uid, uid);
	child_clear(&c);
	/* A list without ID numbers does not erase it. */
	child_fill(&c, "王小宝", ymd(2024, 5, 1));
	c.flags = 1u << 0 | 1u << 2;
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_UNCHANGED);
	child_clear(&c);
	assert_int_equal(child_get_by_id_number(f->db, id, &got, &cause), 0);
	assert_string_equal(got.meta.uid, uid);
	assert_ymd(got.registered_on, 2025, 6, 15);
	assert_int_equal(child_status_on(&got, ymd(2027, 4, 30)),
	    CHILD_ACTIVE);
	assert_int_equal(child_status_on(&got, ymd(2027, 5, 1)),
	    CHILD_CLOSED);
	child_clear(&got);

	/* By ID number: a changed caregiver is an update, not a child. */
	child_fill(&c, "王小宝", none);
	free(c.caregiver);
	c.caregiver = strdup("王大山");
	c.gender = -1;
	strcpy(c.id_number, id);
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_UPDATED);
	assert_string_equal(c.meta.uid, uid);
	child_clear(&c);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM child"), 1);

	/* A new child over three cannot be registered: nothing saved. */
	child_fill(&c, "李大宝", ymd(2023, 6, 15));
	assert_int_equal(child_save(f->db, &c, "wang", &cause), CHILD_ERROR);
	assert_non_null(strstr(cause, "2026-06-15"));
	free(cause);
	child_clear(&c);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM child"), 1);

	/* An edit giving another child's ID number is refused. */
	child_fill(&c, "李小宝", ymd(2025, 1, 2));
	assert_int_equal(child_save(f->db, &c, "wang", &cause),
	    CHILD_INSERTED);
	strcpy(c.id_number, id);
	c.birth = none;
	c.gender = -1;
	assert_int_equal(child_save(f->db, &c, "wang", &cause), CHILD_ERROR);
	assert_non_null(strstr(cause, uid));
	free(cause);
	child_clear(&c);
	unsetenv("HEARTH_NOW");
}

struct each_state {
	char names[8][32];
	int n;
};

static int
each_collect(const struct child *c, void *arg)
{
	struct each_state *s = arg;

	snprintf(s->names[s->n++], sizeof s->names[0], "%s", c->name);
	return 0;
}

static void
test_each(void **state)
{
	struct fixture *f = *state;
	const char *names[] = { "赵六", "王五", "李四" };
	struct each_state s;
	struct child c;
	char *cause = NULL;
	size_t i;

	setenv("HEARTH_NOW", "2025-06-15 10:00", 1);
	for (i = 0; i < 3; i++) {
		child_fill(&c, names[i], ymd(2024, 5, 1 + (int)i));
		if (i == 0)
			strcpy(c.division_code, "110101001002");
		assert_int_equal(child_save(f->db, &c, "wang", &cause),
		    CHILD_INSERTED);
		child_clear(&c);
	}
	memset(&s, 0, sizeof s);
	assert_int_equal(child_each(f->db, each_collect, &s, &cause), 0);
	assert_int_equal(s.n, 3);
	/* By division, then pinyin initials. */
	assert_string_equal(s.names[0], "李四");
	assert_string_equal(s.names[1], "王五");
	assert_string_equal(s.names[2], "赵六");
	unsetenv("HEARTH_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_third_birthday),
		cmocka_unit_test(test_status_at),
		cmocka_unit_test(test_age_months),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test_setup_teardown(test_save_upsert,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_each,
		    fixture_setup_station, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
