/* test-search.c: the elder index — Chinese substrings, pinyin initials
 * with polyphones, ID tails, result order and the MAX cut. */
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

#include "core/db.h"
#include "core/labels.h"
#include "core/pinyin.h"
#include "core/search.h"

struct fixture {
	char dir[64];
	char path[96];
	sqlite3 *db;
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

static void
add_elder(sqlite3 *db, size_t i)
{
	static const char sql[] =
		"INSERT INTO elder (uid, name, initials, id_number, gender,"
		" birth_date, division_code, status, registered_on,"
		" created_at, created_by, updated_at, deleted)"
		" VALUES (?1, ?2, ?3, ?4, '男', '1949-12-31', ?5, ?6,"
		" '2023-01-01', '2023-01-01 08:00:00', 'test',"
		" '2023-01-01 08:00:00', ?7)";
	sqlite3_stmt *st;
	char uid[32], division[13];
	char *initials = pinyin_initials(elders[i].name);

	assert_non_null(initials);
	snprintf(uid, sizeof uid, "T01:%zu", i + 1);
	snprintf(division, sizeof division, "1101050010%02zu", i);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, elders[i].name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, initials, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, elders[i].id_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, division, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, choice_label(CH_STATUS, elders[i].status),
	    -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, elders[i].deleted);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	free(initials);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char *cause = NULL;
	size_t i;

	if (f == NULL)
		return -1;
	strcpy(f->dir, "/tmp/hearth-search-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/hearth.db", f->dir);
	if ((f->db = db_open(f->path, DB_OPEN_CREATE, &cause)) == NULL) {
		fprintf(stderr, "db_open: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	for (i = 0; i < NELDERS; i++)
		add_elder(f->db, i);
	if ((f->ix = search_load(f->db, &cause)) == NULL) {
		fprintf(stderr, "search_load: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char side[128];

	search_free(f->ix);
	db_close(f->db);
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Run QUERY with room for MAX hits and check the total and the names of
 * the hits returned, given as one string "a b c". */
static void
assert_search(struct fixture *f, const char *query, size_t max,
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
	struct fixture *f = *state;

	/* The deleted one is left out. */
	assert_int_equal(search_size(f->ix), NELDERS - 1);
}

static void
test_chinese(void **state)
{
	struct fixture *f = *state;

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
	struct fixture *f = *state;

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
	struct fixture *f = *state;
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
	struct fixture *f = *state;

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chinese, setup, teardown),
		cmocka_unit_test_setup_teardown(test_initials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
