/* test-pinyin.c: initials of names (polyphones, Ext B, Latin letters), the
 * search-as-you-type matcher, and the generated table against Unihan. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "core/pinyin.h"
#include "core/utf8.h"

#define UNIHAN_READINGS "/usr/share/unicode/Unihan_Readings.txt.bz2"

/* Mask of a string of letters: "cds" → c|d|s. */
static uint32_t
letters(const char *s)
{
	uint32_t m = 0;

	for (; *s; s++)
		m |= UINT32_C(1) << (*s - 'a');
	return m;
}

/* Mask of the single character CH (UTF-8). */
static uint32_t
mask_of(const char *ch)
{
	uint32_t cp;

	assert_int_equal(utf8_decode(ch, strlen(ch), &cp), strlen(ch));
	return pinyin_mask(cp);
}

static void
assert_initials(const char *name, const char *want)
{
	char *got = pinyin_initials(name);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

struct reading {
	const char *ch;
	const char *initials;
};

/* Surnames read differently from the common word, all readings checked
 * in Unihan 15.0 (the union over kHanyuPinyin, kMandarin, kXHC1983,
 * kTGHZ2013, kHanyuPinlu; e.g. 仇 also has jū, 覃 yǎn, 重 tóng). */
static const struct reading polyphones[] = {
	{ "单", "cds" }, { "曾", "cz" }, { "解", "jx" }, { "朴", "p" },
	{ "乐", "ly" }, { "仇", "cjq" }, { "区", "oq" }, { "尉", "wy" },
	{ "查", "cz" }, { "盖", "g" }, { "缪", "m" }, { "覃", "qty" },
	{ "种", "cz" }, { "秘", "bm" }, { "翟", "dz" }, { "员", "y" },
	{ "长", "cz" }, { "重", "ctz" },
};

static void
test_polyphones(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof polyphones / sizeof polyphones[0]; i++) {
		assert_int_equal(mask_of(polyphones[i].ch),
		    letters(polyphones[i].initials));
		assert_initials(polyphones[i].ch, polyphones[i].initials);
	}
}

/* Common characters from the start to the end of the URO, each with a
 * kMandarin reading, and what the union of readings gives them. */
static const struct reading uro[] = {
	{ "一", "y" }, { "丁", "dz" }, { "人", "r" }, { "刘", "l" },
	{ "吴", "tw" }, { "国", "g" }, { "大", "dt" }, { "孙", "s" },
	{ "张", "z" }, { "徐", "x" }, { "李", "l" }, { "林", "l" },
	{ "王", "wy" }, { "石", "ds" }, { "胡", "h" }, { "许", "x" },
	{ "赵", "z" }, { "郭", "g" }, { "陈", "c" }, { "韩", "h" },
	{ "马", "m" }, { "黄", "h" }, { "龟", "gjq" }, { "龥", "y" },
	{ "\xE9\xBF\xAD", "n" },	/* U+9FED, last with a reading */
};

static void
test_uro_spot_checks(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof uro / sizeof uro[0]; i++)
		assert_int_equal(mask_of(uro[i].ch), letters(uro[i].initials));
}

static void
test_extensions(void **state)
{
	(void)state;
	/* Ext A, both ends. */
	assert_int_equal(pinyin_mask(0x3400), letters("q"));
	assert_int_equal(pinyin_mask(0x4DB5), letters("c"));
	/* Ext B: 𠮷 has no reading in Unihan, it takes j from 吉. */
	assert_int_equal(mask_of("𠮷"), letters("j"));
	assert_initials("𠮷祥", "j x");
	assert_int_equal(pinyin_mask(0x20000), letters("h"));
	assert_int_equal(pinyin_mask(0x2A6D2), letters("l"));
	/* The sorted list: compatibility ideograph, Ext C, Ext H, and
	 * neighbours without readings (bisection at the ends). */
	assert_int_equal(pinyin_mask(0xFA18), letters("l"));
	assert_int_equal(pinyin_mask(0x2A79D), letters("d"));
	assert_int_equal(pinyin_mask(0x31F68), letters("b"));
	assert_int_equal(pinyin_mask(0x2A79E), 0);
	assert_int_equal(pinyin_mask(0xF900 - 1), 0);
	assert_int_equal(pinyin_mask(0x10FFFF), 0);
	/* Unassigned in Unicode 15 inside the dense blocks. */
	assert_int_equal(pinyin_mask(0x9FFF), 0);
	assert_int_equal(pinyin_mask(0x2A6DF), 0);
}

static void
test_mask_non_han(void **state)
{
	(void)state;
	assert_int_equal(pinyin_mask('a'), 1);
	assert_int_equal(pinyin_mask('z'), UINT32_C(1) << 25);
	assert_int_equal(pinyin_mask('Q'), letters("q"));
	assert_int_equal(pinyin_mask(0xFF21), letters("a"));	/* Ａ */
	assert_int_equal(pinyin_mask(0xFF5A), letters("z"));	/* ｚ */
	assert_int_equal(pinyin_mask('0'), 0);
	assert_int_equal(pinyin_mask(' '), 0);
	assert_int_equal(pinyin_mask('@'), 0);
	assert_int_equal(pinyin_mask('['), 0);
	assert_int_equal(pinyin_mask(0xE9), 0);		/* é */
	assert_int_equal(pinyin_mask(0xB7), 0);		/* · */
	assert_int_equal(pinyin_mask(0x3000), 0);	/* ideographic space */
	assert_int_equal(pinyin_mask(0), 0);
}

static void
test_initials_format(void **state)
{
	(void)state;
	assert_initials("张三", "z s");
	assert_initials("单曾", "cds cz");
	assert_initials("李A", "l a");
	assert_initials("Mary王", "m a r y wy");
	assert_initials("Ａ李", "a l");
	assert_initials("阿依古丽·买买提", "ae y gk l m m cdst");
	assert_initials("张 三", "z s");
	assert_initials("\xFF张\xE5三", "z s");	/* malformed bytes */
	assert_initials("", "");
	assert_initials("123", "");
}

static void
test_masks(void **state)
{
	uint32_t m[8];

	(void)state;
	memset(m, 0xFF, sizeof m);
	assert_int_equal(pinyin_masks("单曾", m, 8), 2);
	assert_int_equal(m[0], letters("cds"));
	assert_int_equal(m[1], letters("cz"));
	assert_int_equal(m[2], UINT32_MAX);	/* untouched */

	/* Skipped characters take no slot. */
	assert_int_equal(pinyin_masks("阿依古丽·买买提", m, 8), 7);
	assert_int_equal(m[4], letters("m"));

	/* Truncated at MAX, nothing written beyond. */
	memset(m, 0xFF, sizeof m);
	assert_int_equal(pinyin_masks("张三李四", m, 2), 2);
	assert_int_equal(m[1], letters("s"));
	assert_int_equal(m[2], UINT32_MAX);
	assert_int_equal(pinyin_masks("张三", m, 0), 0);
	assert_int_equal(pinyin_masks("", m, 8), 0);
	assert_int_equal(pinyin_masks("12·", m, 8), 0);
}

/* Position of QUERY in NAME's initials. */
static int
pos(const char *name, const char *query)
{
	uint32_t m[16];
	int n = pinyin_masks(name, m, 16);
	int p = pinyin_match_pos(m, (size_t)n, query);

	assert_int_equal(pinyin_match_masks(m, (size_t)n, query), p >= 0);
	return p;
}

static void
test_match(void **state)
{
	(void)state;
	assert_int_equal(pos("张三", "zs"), 0);
	assert_int_equal(pos("张三", "z"), 0);
	assert_int_equal(pos("张三", "s"), 1);	/* the given name */
	assert_int_equal(pos("张三", "ZS"), 0);	/* folded */
	assert_int_equal(pos("张三", ""), 0);
	assert_int_equal(pos("张三", "sz"), -1);
	assert_int_equal(pos("张三", "zsx"), -1);	/* longer than the name */
	assert_int_equal(pos("张三", "x"), -1);
	assert_int_equal(pos("张三", "z1"), -1);
	assert_int_equal(pos("张三", "z s"), -1);
	assert_int_equal(pos("张三", "张"), -1);

	/* Every reading of a polyphone matches, each one alone. */
	assert_int_equal(pos("单曾", "dz"), 0);
	assert_int_equal(pos("单曾", "sc"), 0);
	assert_int_equal(pos("单曾", "cc"), 0);
	assert_int_equal(pos("单曾", "zd"), -1);
	assert_int_equal(pos("单雄", "sx"), 0);
	assert_int_equal(pos("解秀", "sx"), -1);
	assert_int_equal(pos("解秀", "xx"), 0);
	assert_int_equal(pos("曾解", "zx"), 0);

	/* A run of consecutive characters, not any subsequence. */
	assert_int_equal(pos("李明山", "ms"), 1);
	assert_int_equal(pos("李明山", "lms"), 0);
	assert_int_equal(pos("李明山", "ls"), -1);
	assert_int_equal(pos("李明山", "sm"), -1);

	/* Across a skipped separator; Latin letters in a name. */
	assert_int_equal(pos("阿依古丽·买买提", "lm"), 3);
	assert_int_equal(pos("阿依古丽·买买提", "mmt"), 4);
	assert_int_equal(pos("李A", "la"), 0);
	assert_int_equal(pos("", "a"), -1);
	assert_int_equal(pos("", ""), 0);
}

static void
test_is_query(void **state)
{
	char q[PINYIN_QUERY_MAX + 2];

	(void)state;
	assert_true(pinyin_is_query("zs"));
	assert_true(pinyin_is_query("ZS"));
	assert_false(pinyin_is_query(""));
	assert_false(pinyin_is_query("z s"));
	assert_false(pinyin_is_query("1234"));
	assert_false(pinyin_is_query("z1"));
	assert_false(pinyin_is_query("张"));
	assert_false(pinyin_is_query("@["));
	memset(q, 'a', PINYIN_QUERY_MAX);
	q[PINYIN_QUERY_MAX] = '\0';
	assert_true(pinyin_is_query(q));
	q[PINYIN_QUERY_MAX] = 'a';
	q[PINYIN_QUERY_MAX + 1] = '\0';
	assert_false(pinyin_is_query(q));
}

/* Read the .bz2 file PATH through bzcat, started directly (no shell). */
static FILE *
bzcat_open(const char *path, pid_t *pid)
{
	int fd[2];

	if (pipe(fd) != 0)
		return NULL;
	if ((*pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (*pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execlp("bzcat", "bzcat", path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	return fdopen(fd[0], "r");
}

/* Close what bzcat_open gave; bzcat's exit status, or -1. */
static int
bzcat_close(FILE *f, pid_t pid)
{
	int status;

	fclose(f);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Every code point with a reading in the installed Unihan has initials,
 * and every reading that starts with a plain letter has its bit, so the
 * checked-in table is complete.  Skipped without unicode-data or when it
 * is another Unicode version than the table was made from. */
static void
test_table_matches_unihan(void **state)
{
	char line[4096], version[32] = "";
	char *field, *value, *tok, *save, *r;
	unsigned long cp;
	size_t checked = 0;
	uint32_t mask;
	pid_t pid = -1;
	FILE *f;

	(void)state;
	if (access(UNIHAN_READINGS, R_OK) != 0)
		skip();
	f = bzcat_open(UNIHAN_READINGS, &pid);
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "# Unicode version: %31s", version) == 1 &&
		    strcmp(version, pinyin_table_version) != 0) {
			bzcat_close(f, pid);
			skip();
		}
		if (strncmp(line, "U+", 2) != 0 ||
		    (field = strchr(line, '\t')) == NULL ||
		    (value = strchr(field + 1, '\t')) == NULL)
			continue;
		*field++ = '\0';
		*value++ = '\0';
		if (strcmp(field, "kMandarin") != 0 &&
		    strcmp(field, "kHanyuPinyin") != 0 &&
		    strcmp(field, "kXHC1983") != 0 &&
		    strcmp(field, "kTGHZ2013") != 0 &&
		    strcmp(field, "kHanyuPinlu") != 0)
			continue;
		cp = strtoul(line + 2, NULL, 16);
		mask = pinyin_mask((uint32_t)cp);
		if (mask == 0)
			fail_msg("U+%04lX (%s) has no initials", cp, field);
		for (tok = strtok_r(value, " ", &save); tok;
		    tok = strtok_r(NULL, " ", &save)) {
			/* "21521.030:zēng,céng", "céng" or "yuè(54)". */
			r = strrchr(tok, ':');
			for (r = r ? r + 1 : tok; r; r = strchr(r, ',')) {
				r += *r == ',';
				if (*r >= 'a' && *r <= 'z' &&
				    !(mask & (UINT32_C(1) << (*r - 'a'))))
					fail_msg("U+%04lX lacks %c (%s)", cp,
					    *r, field);
				checked++;
			}
		}
	}
	assert_int_equal(bzcat_close(f, pid), 0);
	assert_string_equal(version, pinyin_table_version);
	assert_true(checked > 90000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_polyphones),
		cmocka_unit_test(test_uro_spot_checks),
		cmocka_unit_test(test_extensions),
		cmocka_unit_test(test_mask_non_han),
		cmocka_unit_test(test_initials_format),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_is_query),
		cmocka_unit_test(test_table_matches_unihan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
