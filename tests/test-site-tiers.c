/* test-site-tiers.c: the tier table's one-cell text form (site-tiers.h):
 * every shape of tier, full-width separators, round trips, and what is
 * refused (the whole text, never a partial table). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/labels.h"
#include "core/site-tiers.h"

static void
test_shapes(void **state)
{
	struct site_tier t[SITE_TIERS_MAX];
	char *cause = NULL;
	size_t n;

	(void)state;
	assert_int_equal(site_tiers_parse("60-74:300;85-:800;-59:100;80:900;"
	    "低保:800;75-84+低保:600/5;*:200", t, &n, &cause), 0);
	assert_int_equal(n, 7);
	assert_int_equal(t[0].min_age, 60);
	assert_int_equal(t[0].max_age, 74);
	assert_int_equal(t[0].hardship, -1);
	assert_int_equal(t[0].subsidy_fen, 300);
	assert_int_equal(t[0].weekly_cap, 0);
	assert_int_equal(t[1].min_age, 85);
	assert_int_equal(t[1].max_age, -1);
	assert_int_equal(t[2].min_age, -1);
	assert_int_equal(t[2].max_age, 59);
	assert_int_equal(t[3].min_age, 80);
	assert_int_equal(t[3].max_age, 80);
	assert_int_equal(t[4].min_age, -1);
	assert_int_equal(t[4].hardship, choice_find(CH_HARDSHIP, "低保"));
	assert_int_equal(t[5].min_age, 75);
	assert_int_equal(t[5].hardship, choice_find(CH_HARDSHIP, "低保"));
	assert_int_equal(t[5].weekly_cap, 5);
	assert_int_equal(t[6].min_age, -1);
	assert_int_equal(t[6].max_age, -1);
	assert_int_equal(t[6].hardship, -1);
}

/* As people type them: full-width ；： and spaces, a line per tier, an
 * empty text for no tiers. */
static void
test_folding(void **state)
{
	struct site_tier t[SITE_TIERS_MAX];
	char *cause = NULL;
	size_t n;

	(void)state;
	assert_int_equal(site_tiers_parse(" 60-74 ： 300 ；\n85- : 800\r\n",
	    t, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(t[1].subsidy_fen, 800);
	assert_int_equal(site_tiers_parse("", t, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(site_tiers_parse(NULL, t, &n, &cause), 0);
	assert_int_equal(n, 0);
}

static void
test_round_trip(void **state)
{
	static const char *const text[] = {
		"60-74:300;75-84:500;85-:800;低保:800;分散供养特困:1200",
		"75-84+低保:600/5;-59:0;80:900;*:200/3",
		"",
	};
	struct site_tier t[SITE_TIERS_MAX];
	char *cause = NULL, *out;
	size_t n, i;

	(void)state;
	for (i = 0; i < sizeof text / sizeof text[0]; i++) {
		assert_int_equal(site_tiers_parse(text[i], t, &n, &cause), 0);
		out = site_tiers_format(t, n);
		assert_non_null(out);
		assert_string_equal(out, text[i]);
		free(out);
	}
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"60-74", "60-74:", ":300", "60-74:3.00", "60-74:-300",
		"sixty:300", "60-x:300", "-:300", "60-74:300/", "60-74:300/x",
		"本村:300", "75-84+:600", "+低保:600", "60-74:300;seventy:500",
		"1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;"
		"1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1;1-2:1",
	};
	struct site_tier t[SITE_TIERS_MAX];
	char *cause;
	size_t n, i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		n = 99;
		assert_int_equal(site_tiers_parse(bad[i], t, &n, &cause), -1);
		assert_non_null(cause);
		assert_int_equal(n, 0);
		free(cause);
	}
	/* The message quotes the tier that is wrong. */
	cause = NULL;
	site_tiers_parse("60-74:300;seventy:500", t, &n, &cause);
	assert_non_null(strstr(cause, "\"seventy:500\""));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
