/* test-date.c: calendar arithmetic, parsing, formatting and ages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/date.h"

static struct ymd
ymd(int y, int m, int d)
{
	struct ymd r = { y, m, d };

	return r;
}

static void
assert_ymd(struct ymd got, int y, int m, int d)
{
	assert_int_equal(got.y, y);
	assert_int_equal(got.m, m);
	assert_int_equal(got.d, d);
}

static void
test_leap(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(1600));
}

static void
test_month_lengths(void **state)
{
	static const int common[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int m;

	(void)state;
	for (m = 1; m <= 12; m++) {
		assert_int_equal(date_days_in_month(2023, m), common[m - 1]);
		assert_int_equal(date_days_in_month(2024, m),
		    m == 2 ? 29 : common[m - 1]);
	}
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2024, 0), 0);
	assert_int_equal(date_days_in_month(2024, 13), 0);
}

static void
test_valid(void **state)
{
	(void)state;
	assert_true(date_valid(ymd(2024, 2, 29)));
	assert_false(date_valid(ymd(2023, 2, 29)));
	assert_false(date_valid(ymd(2023, 4, 31)));
	assert_false(date_valid(ymd(2023, 0, 1)));
	assert_false(date_valid(ymd(2023, 1, 0)));
	assert_false(date_valid(ymd(1899, 12, 31)));
	assert_true(date_valid(ymd(1900, 1, 1)));
	assert_true(date_valid(ymd(9999, 12, 31)));
	assert_false(date_valid(ymd(10000, 1, 1)));
}

static void
test_day_numbers(void **state)
{
	struct ymd d, prev;
	long n;

	(void)state;
	assert_int_equal(date_to_days(ymd(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(ymd(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(ymd(2000, 3, 1)), 11017);
	assert_int_equal(date_to_days(ymd(2024, 2, 29)), 19782);
	assert_int_equal(date_to_days(ymd(1900, 1, 1)), -25567);

	/* Every day from 1600 to 2400 round-trips and follows the one
	 * before it by the calendar's rules. */
	prev = date_from_days(date_to_days(ymd(1600, 1, 1)) - 1);
	assert_ymd(prev, 1599, 12, 31);
	for (n = date_to_days(ymd(1600, 1, 1));
	    n <= date_to_days(ymd(2400, 12, 31)); n++) {
		d = date_from_days(n);
		assert_int_equal(date_to_days(d), n);
		if (prev.d == date_days_in_month(prev.y, prev.m)) {
			assert_int_equal(d.d, 1);
			if (prev.m == 12) {
				assert_int_equal(d.m, 1);
				assert_int_equal(d.y, prev.y + 1);
			} else
				assert_int_equal(d.m, prev.m + 1);
		} else
			assert_ymd(d, prev.y, prev.m, prev.d + 1);
		prev = d;
	}
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(ymd(1970, 1, 1)), 4);	/* Thursday */
	assert_int_equal(date_weekday(ymd(2024, 2, 29)), 4);
	assert_int_equal(date_weekday(ymd(2024, 3, 3)), 7);	/* Sunday */
	assert_int_equal(date_weekday(ymd(2024, 3, 4)), 1);	/* Monday */
	assert_int_equal(date_weekday(ymd(1949, 10, 1)), 6);	/* Saturday */
	assert_int_equal(date_weekday(ymd(1900, 1, 1)), 1);
}

static void
test_parse_good(void **state)
{
	static const struct {
		const char *s;
		int y, m, d;
	} good[] = {
		{ "2024-02-29", 2024, 2, 29 },
		{ "2024/02/29", 2024, 2, 29 },
		{ "20240229", 2024, 2, 29 },
		{ "2024/3/5", 2024, 3, 5 },
		{ "2024-3-5", 2024, 3, 5 },
		{ "2024/12/31", 2024, 12, 31 },
		{ "1900-01-01", 1900, 1, 1 },
		{ "2000-02-29", 2000, 2, 29 },
	};
	struct ymd d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		memset(&d, 0, sizeof d);
		if (!date_parse(good[i].s, &d))
			fail_msg("rejected %s", good[i].s);
		assert_ymd(d, good[i].y, good[i].m, good[i].d);
	}
}

static void
test_parse_bad(void **state)
{
	static const char *bad[] = {
		"", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
		"2024-04-31", "2024-01-00", "2024-1-", "2024-01-01 ",
		" 2024-01-01", "2024-01-011", "2024/01-01", "2024.01.01",
		"24-01-01", "2024010", "202401011", "2024-001-01",
		"1899-12-31", "二〇二四-01-01", "2024-01-01x", "abcd-ef-gh",
		"2024--01", "+2024-01-01",
	};
	struct ymd d = { 1, 2, 3 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (date_parse(bad[i], &d))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_ymd(d, 1, 2, 3);		/* untouched on failure */
	}
	assert_false(date_parse(NULL, &d));
}

static void
test_parse_month(void **state)
{
	int y = 0, m = 0;

	(void)state;
	assert_true(date_parse_month("2024-02", &y, &m));
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_false(date_parse_month("2024-13", &y, &m));
	assert_false(date_parse_month("2024-00", &y, &m));
	assert_false(date_parse_month("2024-2", &y, &m));
	assert_false(date_parse_month("2024-02-01", &y, &m));
	assert_false(date_parse_month("202402", &y, &m));
}

static void
test_parse_time(void **state)
{
	static const struct {
		const char *s;
		int y, m, d, minutes;
	} good[] = {
		{ "2024-03-05 09:30", 2024, 3, 5, 9 * 60 + 30 },
		{ "2024-03-05T09:30", 2024, 3, 5, 9 * 60 + 30 },
		{ "2024-03-05 23:59:59", 2024, 3, 5, 23 * 60 + 59 },
		{ "2024-03-05", 2024, 3, 5, 0 },
		{ "2024/3/5 9:30", 2024, 3, 5, 9 * 60 + 30 },
		{ "2024-02-29 00:00", 2024, 2, 29, 0 },
	};
	static const char *bad[] = {
		"2024-03-05 24:00", "2024-03-05 12:60", "2024-03-05 12:5",
		"2024-03-05 12:30:60", "2024-03-05 12", "2024-03-05  12:30",
		"2024-03-05 12:30 ", "2023-02-29 12:00", "2024-03-05x12:30",
		"2024-03-05 123:00", "",
	};
	struct ymd d;
	int minutes;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		minutes = -1;
		if (!date_parse_time(good[i].s, &d, &minutes))
			fail_msg("rejected %s", good[i].s);
		assert_ymd(d, good[i].y, good[i].m, good[i].d);
		assert_int_equal(minutes, good[i].minutes);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (date_parse_time(bad[i], &d, &minutes))
			fail_msg("accepted \"%s\"", bad[i]);
}

static void
test_format(void **state)
{
	char day[11], when[17];
	struct ymd d;
	int minutes;

	(void)state;
	date_format(ymd(2024, 3, 5), day);
	assert_string_equal(day, "2024-03-05");
	date_format(ymd(1900, 12, 31), day);
	assert_string_equal(day, "1900-12-31");
	date_format_time(ymd(2024, 3, 5), 9 * 60 + 7, when);
	assert_string_equal(when, "2024-03-05 09:07");
	date_format_time(ymd(2024, 12, 31), 23 * 60 + 59, when);
	assert_string_equal(when, "2024-12-31 23:59");

	/* What is formatted parses back to the same thing. */
	assert_true(date_parse_time(when, &d, &minutes));
	assert_ymd(d, 2024, 12, 31);
	assert_int_equal(minutes, 23 * 60 + 59);
}

struct age_case {
	struct ymd	birth, on;
	int		want;
};

static void
test_age(void **state)
{
	static const struct age_case cases[] = {
		{ { 1949, 10, 1 }, { 2024, 9, 30 }, 74 },
		{ { 1949, 10, 1 }, { 2024, 10, 1 }, 75 },
		{ { 2024, 1, 1 }, { 2024, 1, 1 }, 0 },
		{ { 2024, 1, 2 }, { 2024, 1, 1 }, -1 },
		/* Born on a leap day: a year older on Feb 28 of a common
		 * year, on Feb 29 of a leap year. */
		{ { 2020, 2, 29 }, { 2021, 2, 27 }, 0 },
		{ { 2020, 2, 29 }, { 2021, 2, 28 }, 1 },
		{ { 2020, 2, 29 }, { 2024, 2, 28 }, 3 },
		{ { 2020, 2, 29 }, { 2024, 2, 29 }, 4 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (date_age(cases[i].birth, cases[i].on) != cases[i].want)
			fail_msg("age case %zu: got %d, want %d", i,
			    date_age(cases[i].birth, cases[i].on),
			    cases[i].want);
}

static void
test_age_months(void **state)
{
	static const struct age_case cases[] = {
		{ { 2024, 1, 15 }, { 2024, 1, 31 }, 0 },
		{ { 2024, 1, 15 }, { 2024, 2, 14 }, 0 },
		{ { 2024, 1, 15 }, { 2024, 2, 15 }, 1 },
		{ { 2021, 6, 10 }, { 2024, 6, 9 }, 35 },
		{ { 2021, 6, 10 }, { 2024, 6, 10 }, 36 },
		{ { 2024, 3, 1 }, { 2024, 2, 29 }, -1 },
		/* Born Jan 31: one month old at the end of February. */
		{ { 2023, 1, 31 }, { 2023, 2, 27 }, 0 },
		{ { 2023, 1, 31 }, { 2023, 2, 28 }, 1 },
		{ { 2024, 1, 31 }, { 2024, 2, 28 }, 0 },
		{ { 2024, 1, 31 }, { 2024, 2, 29 }, 1 },
		{ { 2024, 1, 31 }, { 2024, 3, 30 }, 1 },
		{ { 2024, 1, 31 }, { 2024, 3, 31 }, 2 },
		{ { 2024, 1, 31 }, { 2024, 4, 30 }, 3 },
		/* Born Jan 30 or 29: Feb 28 of a common year completes the
		 * month. */
		{ { 2023, 1, 30 }, { 2023, 2, 28 }, 1 },
		{ { 2023, 1, 29 }, { 2023, 2, 28 }, 1 },
		/* Across a year end. */
		{ { 2023, 12, 31 }, { 2024, 1, 30 }, 0 },
		{ { 2023, 12, 31 }, { 2024, 1, 31 }, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (date_age_months(cases[i].birth, cases[i].on) !=
		    cases[i].want)
			fail_msg("month case %zu: got %d, want %d", i,
			    date_age_months(cases[i].birth, cases[i].on),
			    cases[i].want);
}

/* Run with faketime to check the clock is read through localtime; without
 * it, today must at least agree with what localtime_r says now. */
static void
test_today(void **state)
{
	const char *want = getenv("HEARTH_TEST_TODAY");
	struct ymd d, expect;
	struct tm tm;
	time_t t;
	int minutes;

	(void)state;
	t = time(NULL);
	assert_non_null(localtime_r(&t, &tm));
	d = date_today();
	if (want != NULL) {
		assert_true(date_parse(want, &expect));
		assert_ymd(d, expect.y, expect.m, expect.d);
	} else if (tm.tm_hour != 23 || tm.tm_min != 59)	/* midnight race */
		assert_ymd(d, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	date_now(&d, &minutes);
	assert_true(date_valid(d));
	assert_in_range(minutes, 0, 24 * 60 - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap),
		cmocka_unit_test(test_month_lengths),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_month),
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_age_months),
		cmocka_unit_test(test_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
