/* test-site.c: meal sites, their tiers and the subsidy rules, on a real
 * file; the fen/yuan conversion they print with. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/elder.h"
#include "core/labels.h"
#include "core/money.h"
#include "core/site-subsidy.h"
#include "core/site.h"
#include "tests/fixture.h"

static struct site_tier
tier(int min_age, int max_age, const char *hardship, long long fen, int cap)
{
	struct site_tier t = { min_age, max_age, -1, fen, cap };

	if (hardship != NULL)
		assert_true((t.hardship = choice_find(CH_HARDSHIP,
		    hardship)) >= 0);
	return t;
}

/* 幸福食堂: lunch and supper at 12.00 yuan, the county's usual table:
 * 特困 any age, 85+, 75–84 with 低保, 75–84, 60–74. */
static void
make_site(struct site *s)
{
	site_init(s);
	s->name = strdup("李家村幸福食堂");
	s->slots = 1u << SLOT_LUNCH | 1u << SLOT_SUPPER;
	s->price_fen = 1200;
	s->tiers[0] = tier(-1, -1, "分散供养特困", 1200, 0);
	s->tiers[1] = tier(85, -1, NULL, 1000, 0);
	s->tiers[2] = tier(75, 84, "低保", 800, 0);
	s->tiers[3] = tier(75, 84, NULL, 500, 0);
	s->tiers[4] = tier(60, 74, NULL, 300, 5);
	s->ntiers = 5;
}

static void
test_money(void **state)
{
	char out[MONEY_TEXT_MAX];
	long long fen;

	(void)state;
	money_format(1250, out);
	assert_string_equal(out, "12.50");
	money_format(5, out);
	assert_string_equal(out, "0.05");
	money_format(-5, out);
	assert_string_equal(out, "-0.05");
	money_format(0, out);
	assert_string_equal(out, "0.00");

	assert_true(money_parse("12", &fen));
	assert_int_equal(fen, 1200);
	assert_true(money_parse("12.5", &fen));
	assert_int_equal(fen, 1250);
	assert_true(money_parse("0.05", &fen));
	assert_int_equal(fen, 5);
	assert_true(money_parse("￥8.00元", &fen));
	assert_int_equal(fen, 800);
	assert_false(money_parse("-1", &fen));
	assert_false(money_parse("1.234", &fen));
	assert_false(money_parse("1.", &fen));
	assert_false(money_parse("", &fen));
	assert_false(money_parse("12 元", &fen));
	assert_false(money_parse("99999999999", &fen));
}

/* site_normalize's refusals, each with the field named. */
static void
test_validation(void **state)
{
	struct site s;
	char *cause = NULL;

	(void)state;
	make_site(&s);
	strcpy(s.division_code, FIXTURE_DIVISION);
	assert_int_equal(site_normalize(&s, &cause), 0);

	free(s.name);
	s.name = strdup("  ");
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "site name"));
	free(cause);
	free(s.name);
	s.name = strdup(" 3号助餐点 ");
	assert_int_equal(site_normalize(&s, &cause), 0);
	assert_string_equal(s.name, "3号助餐点");

	s.price_fen = -1;
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "price"));
	free(cause);
	s.price_fen = 1200;

	s.slots = 0;
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "at least one"));
	free(cause);
	s.slots = 1u << SLOT_LUNCH;

	s.tiers[3].min_age = 85;	/* 85–84 */
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "tier 4"));
	free(cause);
	s.tiers[3].min_age = 75;

	s.tiers[1].subsidy_fen = 1201;	/* more than the price */
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "tier 2"));
	assert_non_null(strstr(cause, "12.00"));
	free(cause);
	s.tiers[1].subsidy_fen = -1;
	assert_int_equal(site_normalize(&s, &cause), -1);
	free(cause);
	s.tiers[1].subsidy_fen = 1000;

	s.tiers[4].weekly_cap = -1;
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "tier 5"));
	free(cause);
	s.tiers[4].weekly_cap = 5;

	s.tiers[0].hardship = 99;
	assert_int_equal(site_normalize(&s, &cause), -1);
	free(cause);
	s.tiers[0].hardship = -1;

	strcpy(s.division_code, "123");
	assert_int_equal(site_normalize(&s, &cause), -1);
	assert_non_null(strstr(cause, "division"));
	free(cause);
	site_clear(&s);
}

static void
test_save_get_list(void **state)
{
	struct fixture *f = *state;
	struct site s, got, *list;
	char *cause = NULL, uid[HEARTH_UID_MAX];
	size_t n;

	make_site(&s);
	/* No division code: the station's. */
	if (site_save(f->db, &s, "wang", &cause) != SITE_INSERTED)
		fail_msg("%s", cause);
	strcpy(uid, s.meta.uid);
	assert_string_equal(s.division_code, FIXTURE_DIVISION);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM site_tier"), 5);
	fixture_assert_text(f->db, "SELECT slots FROM site", "午、晚");
	fixture_assert_text(f->db, "SELECT hardship FROM site_tier "
	    "WHERE rank = 3", "低保");
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "site_tier WHERE rank = 2 AND max_age IS NULL AND hardship IS NULL "
	    "AND weekly_cap IS NULL"), 1);

	/* Saved again by name: nothing changes. */
	site_clear(&s);
	make_site(&s);
	assert_int_equal(site_save(f->db, &s, "li", &cause), SITE_UNCHANGED);
	assert_string_equal(s.meta.uid, uid);

	/* Fewer tiers: the table is replaced, not merged. */
	s.ntiers = 2;
	s.tiers[1].subsidy_fen = 900;
	assert_int_equal(site_save(f->db, &s, "li", &cause), SITE_UPDATED);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM site_tier"), 2);
	assert_int_equal(site_get(f->db, uid, &got, &cause), 0);
	assert_string_equal(got.name, "李家村幸福食堂");
	assert_int_equal(got.ntiers, 2);
	assert_int_equal(got.tiers[1].subsidy_fen, 900);
	assert_int_equal(got.tiers[1].min_age, 85);
	assert_int_equal(got.tiers[1].max_age, -1);
	assert_int_equal(got.tiers[0].hardship,
	    choice_find(CH_HARDSHIP, "分散供养特困"));
	assert_int_equal(got.slots, 1u << SLOT_LUNCH | 1u << SLOT_SUPPER);
	assert_int_equal(got.price_fen, 1200);
	assert_string_equal(got.meta.created_by, "wang");
	assert_true(site_serves(&got, SLOT_SUPPER));
	assert_false(site_serves(&got, SLOT_BREAKFAST));
	site_clear(&got);
	site_clear(&s);

	/* A tier above a new, lower price is refused; nothing changes. */
	assert_int_equal(site_get(f->db, uid, &s, &cause), 0);
	s.price_fen = 800;
	assert_int_equal(site_save(f->db, &s, "li", &cause), SITE_ERROR);
	free(cause);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT price_fen FROM site"), 1200);
	site_clear(&s);

	/* A second site; renaming it to the first's name is refused. */
	site_init(&s);
	s.name = strdup("王庄助餐点");
	s.price_fen = 1000;
	s.default_mode = MEAL_DELIVERED;
	assert_int_equal(site_save(f->db, &s, "li", &cause), SITE_INSERTED);
	free(s.name);
	s.name = strdup("李家村幸福食堂");
	assert_int_equal(site_save(f->db, &s, "li", &cause), SITE_ERROR);
	assert_non_null(strstr(cause, "already"));
	free(cause);
	site_clear(&s);

	assert_int_equal(site_list(f->db, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].ntiers + list[1].ntiers, 2);
	assert_int_equal(site_get_by_name(f->db, " 王庄助餐点 ", &s, &cause),
	    0);
	assert_int_equal(s.default_mode, MEAL_DELIVERED);
	assert_int_equal(s.ntiers, 0);
	site_clear(&s);
	assert_int_equal(site_get_by_name(f->db, "无此食堂", &s, &cause), 1);
	site_list_free(list, n);
}

static void
elder_born(struct elder *e, int y, int m, int d, const char *hardship)
{
	elder_init(e);
	strcpy(e->meta.uid, "T01:1");
	e->birth = (struct ymd){ y, m, d };
	if (hardship != NULL)
		e->hardship = 1u << choice_find(CH_HARDSHIP, hardship);
}

/* The tier of an elder born Y-M-D on day ON, counted from 1; 0 none. */
static int
rank_on(const struct site *s, const struct elder *e, int y, int m, int d)
{
	return site_tier_match(s, e, (struct ymd){ y, m, d }) + 1;
}

static void
test_tier_birthdays(void **state)
{
	struct site s;
	struct elder e;

	(void)state;
	make_site(&s);
	/* Turning 75 on the serving day: the 75–84 tier from that day. */
	elder_born(&e, 1949, 3, 10, NULL);
	assert_int_equal(rank_on(&s, &e, 2024, 3, 9), 5);
	assert_int_equal(rank_on(&s, &e, 2024, 3, 10), 4);
	/* Turning 85. */
	elder_born(&e, 1939, 3, 10, NULL);
	assert_int_equal(rank_on(&s, &e, 2024, 3, 9), 4);
	assert_int_equal(rank_on(&s, &e, 2024, 3, 10), 2);
	/* Born on Feb 29: 75 on Feb 28 of a common year, Feb 29 of a leap
	 * one. */
	elder_born(&e, 1948, 2, 29, NULL);
	assert_int_equal(rank_on(&s, &e, 2023, 2, 27), 5);
	assert_int_equal(rank_on(&s, &e, 2023, 2, 28), 4);
	elder_born(&e, 1949, 2, 28, NULL);
	assert_int_equal(rank_on(&s, &e, 2024, 2, 27), 5);
	assert_int_equal(rank_on(&s, &e, 2024, 2, 28), 4);
	/* Under 60: no tier. */
	elder_born(&e, 1970, 1, 1, NULL);
	assert_int_equal(rank_on(&s, &e, 2024, 3, 9), 0);
	site_clear(&s);
}

static void
test_tier_hardship(void **state)
{
	struct site s;
	struct elder e;

	(void)state;
	make_site(&s);
	/* 低保 counts only in the 75–84 band it is listed with. */
	elder_born(&e, 1945, 1, 1, "低保");
	assert_int_equal(rank_on(&s, &e, 2024, 3, 1), 3);
	elder_born(&e, 1955, 1, 1, "低保");
	assert_int_equal(rank_on(&s, &e, 2024, 3, 1), 5);
	/* 特困 wins at any age, even under 60: rank order, first fit. */
	elder_born(&e, 1970, 1, 1, "分散供养特困");
	assert_int_equal(rank_on(&s, &e, 2024, 3, 1), 1);
	elder_born(&e, 1930, 1, 1, "分散供养特困");
	e.hardship |= 1u << choice_find(CH_HARDSHIP, "低保");
	assert_int_equal(rank_on(&s, &e, 2024, 3, 1), 1);
	/* Another hardship type alone does not fit a 低保 tier. */
	elder_born(&e, 1945, 1, 1, "独居");
	assert_int_equal(rank_on(&s, &e, 2024, 3, 1), 4);
	site_clear(&s);
}

/* site_subsidy: amounts, the reason shown, and who is refused. */
static void
test_subsidy_rule(void **state)
{
	struct fixture *f = *state;
	struct site s;
	struct elder e;
	char *cause = NULL, *rule = NULL;
	long long fen;

	make_site(&s);
	assert_int_equal(site_save(f->db, &s, "wang", &cause), SITE_INSERTED);
	assert_int_equal(elder_get(f->db, f->elder, &e, &cause), 0);
	/* The fixture elder, born 1940-01-01, is 84 in 2024. */
	assert_int_equal(site_subsidy(f->db, &s, &e, (struct ymd){ 2024, 3, 5 },
	    SLOT_LUNCH, NULL, &fen, &rule, &cause), 0);
	assert_int_equal(fen, 500);
	assert_non_null(strstr(rule, "tier 4"));
	assert_non_null(strstr(rule, "75–84"));
	assert_non_null(strstr(rule, "5.00"));
	free(rule);
	/* 85 on 2025-01-01. */
	assert_int_equal(site_subsidy(f->db, &s, &e, (struct ymd){ 2025, 1, 1 },
	    SLOT_LUNCH, NULL, &fen, &rule, &cause), 0);
	assert_int_equal(fen, 1000);
	free(rule);

	/* Died on 2024-03-10: served that day, refused the next. */
	e.status = STATUS_DECEASED;
	e.status_date = (struct ymd){ 2024, 3, 10 };
	assert_int_equal(site_subsidy(f->db, &s, &e,
	    (struct ymd){ 2024, 3, 10 }, SLOT_LUNCH, NULL, &fen, NULL,
	    &cause), 0);
	assert_int_equal(site_subsidy(f->db, &s, &e,
	    (struct ymd){ 2024, 3, 11 }, SLOT_LUNCH, NULL, &fen, &rule,
	    &cause), -1);
	assert_int_equal(fen, 0);
	assert_null(rule);
	assert_non_null(strstr(cause, "left the register"));
	assert_non_null(strstr(cause, "2024-03-10"));
	free(cause);
	e.status = STATUS_MOVED;
	assert_int_equal(site_elder_check(&e, (struct ymd){ 2024, 4, 1 },
	    &cause), -1);
	free(cause);
	elder_clear(&e);

	/* No tier fits a 50-year-old: full price, and the screen says so. */
	elder_born(&e, 1974, 1, 1, NULL);
	assert_int_equal(site_subsidy(f->db, &s, &e, (struct ymd){ 2024, 3, 5 },
	    SLOT_LUNCH, NULL, &fen, &rule, &cause), 0);
	assert_int_equal(fen, 0);
	assert_non_null(strstr(rule, "age 50"));
	free(rule);
	site_clear(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_validation),
		cmocka_unit_test_setup_teardown(test_save_get_list,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test(test_tier_birthdays),
		cmocka_unit_test(test_tier_hardship),
		cmocka_unit_test_setup_teardown(test_subsidy_rule,
		    fixture_setup_elder, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
