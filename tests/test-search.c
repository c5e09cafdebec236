/* test-search.c: the elder index — Chinese substrings, pinyin initials
 * with polyphones, ID tails, result order and the MAX cut — and the
 * children beside the elders. */
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
#include "core/db.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "core/search.h"
#include "tests/fixture.h"

struct search_fixture {
	struct fixture f;
	struct search_index *ix;
};

static const struct {
	const char *name;
	const char *id_number;
	int status;
	int deleted;
} elders[] = {
	{ "单雄", "110105194912310011", STATUS_ACTIVE, 0 },
	{ "解秀", "110105194912310022", STATUS_ACTIVE, 0 },
	{ "张三", "11010519491231002X", STATUS_ACTIVE, 0 },
	{ "张三丰", "110105194912310031", STATUS_ACTIVE, 0 },
	{ "王小明", "110105194912311234", STATUS_ACTIVE, 0 },
	{ "李单", "110105194912310021", STATUS_ACTIVE, 0 },
	{ "单田芳", "110105194912315678", STATUS_ACTIVE, 0 },
	{ "孙", "110105194912310043", STATUS_MOVED, 0 },
	{ "沈石", "110105194912310051", STATUS_ACTIVE, 1 },
	{ "宋小舍", "110105194912310062", STATUS_DECEASED, 0 },
};
#define NELDERS (sizeof elders / sizeof elders[0])

/* Row I of the table, each in its own village. */
static void
add_elder(struct fixture *f, size_t i)
{
	char uid[HEARTH_UID_MAX], division[13];
	struct fixture_elder e = {
		.name = elders[i].name, .tier = RISK_NORMAL,
		.status = elders[i].status, .registered_on = "2023-01-01",
		.consent = 1, .deleted = elders[i].deleted,
		.division = division, .id_number = elders[i].id_number,
	};

	snprintf(division, sizeof division, "1101050010%02zu", i);
	fixture_add_elder(f, &e, uid);
}

static int
setup(void **state)
{
	struct search_fixture *s = malloc(sizeof *s);
	char *cause = NULL;
	size_t i;

	assert_non_null(s);
	fixture_open(&s->f, FIXTURE_DB);
	for (i = 0; i < NELDERS; i++)
		add_elder(&s->f, i);
	if ((s->ix = search_load(s->f.db, &cause)) == NULL)
		fail_msg("search_load: %s", cause);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct search_fixture *s = *state;
	int rc;

	search_free(s->ix);
	rc = fixture_close(&s->f);
	free(s);
	return rc;
}

/* Run QUERY with room for MAX hits and check the total and the names of
 * the hits returned, given as one string "a b c". */
static void
assert_search(struct search_fixture *f, const char *query, size_t max,
    size_t total, const char *names)
{
	struct search_hit hits[16];
	char got[256] = "";
	size_t n, i;

	assert_true(max <= 16);
	memset(hits, 0, sizeof hits);
	n = search_run(f->ix, query, hits, max);
	assert_int_equal(n, total);
	for (i = 0; i < (n < max ? n : max); i++) {
		assert_non_null(hits[i].name);
		if (i > 0)
			strcat(got, " ");
		strcat(got, hits[i].name);
	}
	assert_string_equal(got, names);
}

static void
test_size(void **state)
{
	struct search_fixture *f = *state;

	/* The deleted one is left out. */
	assert_int_equal(search_size(f->ix), NELDERS - 1);
}

static void
test_chinese(void **state)
{
	struct search_fixture *f = *state;

	/* Name prefixes first (each by name: initials), then the rest. */
	assert_search(f, "单", 16, 3, "单田芳 单雄 李单");
	assert_search(f, " 单 ", 16, 3, "单田芳 单雄 李单");
	/* The exact name before the longer one it begins. */
	assert_search(f, "张三", 16, 2, "张三 张三丰");
	assert_search(f, "三丰", 16, 1, "张三丰");
	assert_search(f, "小", 16, 2, "宋小舍 王小明");
	/* Deleted: not in the index. */
	assert_search(f, "沈", 16, 0, "");
	assert_search(f, "赵", 16, 0, "");
	assert_search(f, "", 16, 0, "");
	assert_search(f, "   ", 16, 0, "");
}

static void
test_initials(void **state)
{
	struct search_fixture *f = *state;

	/* 单 reads dān, shàn and chán: each initial finds 单雄. */
	assert_search(f, "dx", 16, 1, "单雄");
	assert_search(f, "cx", 16, 1, "单雄");
	assert_search(f, "sx", 16, 2, "单雄 宋小舍");
	assert_search(f, "SX", 16, 2, "单雄 宋小舍");
	assert_search(f, "sX", 16, 2, "单雄 宋小舍");
	/* 解 reads jiě and xiè. */
	assert_search(f, "jx", 16, 1, "解秀");
	assert_search(f, "xx", 16, 1, "解秀");
	/* Any run of consecutive characters: the given name alone. */
	assert_search(f, "sf", 16, 1, "张三丰");
	assert_search(f, "zf", 16, 0, "");
	/* Order: whole initials (孙), from the first character, then the
	 * rest, each by name. */
	assert_search(f, "s", 16, 7, "孙 单田芳 单雄 宋小舍 李单 张三 张三丰");
	assert_search(f, "zs", 16, 2, "张三 张三丰");
	assert_search(f, "wxm", 16, 1, "王小明");
	assert_search(f, "yxm", 16, 1, "王小明");
	assert_search(f, "wxmq", 16, 0, "");
}

static void
test_id_tail(void **state)
{
	struct search_fixture *f = *state;
	struct search_hit hit;

	assert_search(f, "002X", 16, 1, "张三");
	assert_search(f, "002x", 16, 1, "张三");
	assert_search(f, "1002x", 16, 1, "张三");
	assert_search(f, "11010519491231002x", 16, 1, "张三");
	assert_search(f, "0021", 16, 1, "李单");
	assert_search(f, "1234", 16, 1, "王小明");
	/* The end only, not the middle. */
	assert_search(f, "1231", 16, 0, "");
	/* Fewer than four characters: nothing. */
	assert_search(f, "234", 16, 0, "");
	assert_search(f, "02X", 16, 0, "");
	/* Digits ending like many IDs: by name. */
	assert_search(f, "310011", 16, 1, "单雄");
	assert_search(f, "12310", 16, 0, "");

	assert_int_equal(search_run(f->ix, "0043", &hit, 1), 1);
	assert_string_equal(hit.name, "孙");
	assert_string_equal(hit.id_number, "110105194912310043");
	assert_string_equal(hit.uid, "T01:8");
	assert_string_equal(hit.division_code, "110105001007");
	assert_int_equal(hit.status, STATUS_MOVED);
}

static void
test_max(void **state)
{
	struct search_fixture *f = *state;

	/* The total is counted in full; the hits are the first MAX of the
	 * full order, whatever order the matches were met in. */
	assert_search(f, "s", 0, 7, "");
	assert_search(f, "s", 1, 7, "孙");
	assert_search(f, "s", 3, 7, "孙 单田芳 单雄");
	assert_search(f, "s", 5, 7, "孙 单田芳 单雄 宋小舍 李单");
	assert_search(f, "s", 7, 7, "孙 单田芳 单雄 宋小舍 李单 张三 张三丰");
	assert_search(f, "单", 2, 3, "单田芳 单雄");
	assert_search(f, "张三", 1, 2, "张三");
}

/* Save a child (under three when registered on REG) with ID number ID
 * (NULL: none). */
static void
add_child(struct fixture *f, const char *name, struct ymd birth,
    struct ymd reg, const char *id)
{
	struct child c;
	char *cause = NULL;

	child_init(&c);
	c.name = strdup(name);
	c.caregiver = strdup("王芳");
	c.gender = GENDER_FEMALE;
	c.birth = birth;
	c.registered_on = reg;
	if (id != NULL) {
		strcpy(c.id_number, id);
		c.gender = -1;
	}
	strcpy(c.division_code, FIXTURE_DIVISION);
	if (child_save(f->db, &c, "wang", &cause) != CHILD_INSERTED)
		fail_msg("child_save: %s", cause);
	child_clear(&c);
}

/* Children are indexed beside the elders, but an elder search never
 * sees them; a child's status is derived on the day the index loads. */
static void
test_children(void **state)
{
	struct fixture *f = *state;
	struct search_index *ix;
	struct search_hit hits[8];
	struct fixture_elder e = { .name = "王小明", .tier = RISK_NORMAL,
	    .status = STATUS_ACTIVE, .consent = 1 };
	char uid[HEARTH_UID_MAX], id[19], *cause = NULL;
	size_t n;

	setenv("HEARTH_NOW", "2025-06-15 10:00", 1);
	fixture_add_elder(f, &e, uid);
	add_child(f, "王小宝", (struct ymd){ 2024, 5, 1 },
	    (struct ymd){ 0, 0, 0 }, NULL);
	strcpy(id, "11010120220101004");
	id[17] = idnum_check_digit(id);
	id[18] = '\0';
	add_child(f, "王大宝", (struct ymd){ 0, 0, 0 },
	    (struct ymd){ 2023, 1, 1 }, id);
	if ((ix = search_load(f->db, &cause)) == NULL)
		fail_msg("search_load: %s", cause);
	assert_int_equal(search_size(ix), 3);
	assert_int_equal(search_count(ix, SEARCH_ELDERS), 1);
	assert_int_equal(search_count(ix, SEARCH_CHILDREN), 2);

	/* Elders only, as before. */
	assert_int_equal(search_run(ix, "王", hits, 8), 1);
	assert_string_equal(hits[0].name, "王小明");
	assert_int_equal(hits[0].kind, SEARCH_ELDER);
	assert_int_equal(hits[0].status, STATUS_ACTIVE);

	/* Children only: 王大宝 is three (结案) on the day of loading. */
	n = search_run_kinds(ix, "王", SEARCH_CHILDREN, hits, 8);
	assert_int_equal(n, 2);
	assert_string_equal(hits[0].name, "王大宝");
	assert_int_equal(hits[0].kind, SEARCH_CHILD);
	assert_int_equal(hits[0].status, CHILD_CLOSED);
	assert_string_equal(hits[1].name, "王小宝");
	assert_int_equal(hits[1].status, CHILD_ACTIVE);
	assert_string_equal(hits[1].id_number, "");

	/* Both: within a class, elders before children. */
	n = search_run_kinds(ix, "wx", SEARCH_ALL, hits, 8);
	assert_int_equal(n, 2);
	assert_string_equal(hits[0].name, "王小明");
	assert_string_equal(hits[1].name, "王小宝");
	/* A child's ID number tail. */
	n = search_run_kinds(ix, id + 14, SEARCH_ALL, hits, 8);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].name, "王大宝");
	search_free(ix);
	unsetenv("HEARTH_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chinese, setup, teardown),
		cmocka_unit_test_setup_teardown(test_initials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max, setup, teardown),
		cmocka_unit_test_setup_teardown(test_children,
		    fixture_setup_station, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
