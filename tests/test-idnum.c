/* test-idnum.c: GB 11643 identity numbers, good and bad. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/idnum.h"

static const struct ymd today = { 2024, 6, 15 };

/*
 * Cases are written with placeholders for the check character so the table
 * stays readable: '?' becomes the right one for the 17 digits before it,
 * '!' a wrong one.  Literal numbers are taken as they are.
 */
static const struct {
	const char		*in;
	enum idnum_error	 want;
	const char		*number;	/* normalised, if OK */
	int			 y, m, d;
	char			 sex;
} cases[] = {
	/* Published examples (GB 11643 annex, Wikipedia). */
	{ "11010519491231002X", IDNUM_OK, "11010519491231002X",
	    1949, 12, 31, 'F' },
	{ "11010519491231002x", IDNUM_OK, "11010519491231002X",
	    1949, 12, 31, 'F' },
	/* Valid check digit, but born 1880: older than we accept. */
	{ "440524188001010014", IDNUM_BIRTH_TOO_OLD, NULL, 0, 0, 0, 0 },

	{ "41010219450815123?", IDNUM_OK, "41010219450815123?",
	    1945, 8, 15, 'M' },
	{ "52262820240229004?", IDNUM_OK, "52262820240229004?",
	    2024, 2, 29, 'F' },
	{ "65010119000101001?", IDNUM_OK, "65010119000101001?",
	    1900, 1, 1, 'M' },
	{ "81000018900101002?", IDNUM_OK, "81000018900101002?",
	    1890, 1, 1, 'F' },
	{ "53012320240615001?", IDNUM_OK, "53012320240615001?",
	    2024, 6, 15, 'M' },
	{ "  41010219450815123?\t", IDNUM_OK, "41010219450815123?",
	    1945, 8, 15, 'M' },
	{ "41010219450815123?\r\n", IDNUM_OK, "41010219450815123?",
	    1945, 8, 15, 'M' },

	{ "", IDNUM_EMPTY, NULL, 0, 0, 0, 0 },
	{ " \t ", IDNUM_EMPTY, NULL, 0, 0, 0, 0 },
	{ "41010219450815123!", IDNUM_CHECK_DIGIT, NULL, 0, 0, 0, 0 },
	{ "11010519491231002Y", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "110105194912310021", IDNUM_CHECK_DIGIT, NULL, 0, 0, 0, 0 },
	{ "52262820230229004?", IDNUM_BIRTH_INVALID, NULL, 0, 0, 0, 0 },
	{ "52262819000229004?", IDNUM_BIRTH_INVALID, NULL, 0, 0, 0, 0 },
	{ "52262820231301004?", IDNUM_BIRTH_INVALID, NULL, 0, 0, 0, 0 },
	{ "52262820230100004?", IDNUM_BIRTH_INVALID, NULL, 0, 0, 0, 0 },
	{ "52262820230431004?", IDNUM_BIRTH_INVALID, NULL, 0, 0, 0, 0 },
	{ "53012320240616001?", IDNUM_BIRTH_FUTURE, NULL, 0, 0, 0, 0 },
	{ "53012330240101001?", IDNUM_BIRTH_FUTURE, NULL, 0, 0, 0, 0 },
	{ "53012318891231001?", IDNUM_BIRTH_TOO_OLD, NULL, 0, 0, 0, 0 },
	{ "10010219450815123?", IDNUM_REGION, NULL, 0, 0, 0, 0 },
	{ "00010219450815123?", IDNUM_REGION, NULL, 0, 0, 0, 0 },
	{ "16010219450815123?", IDNUM_REGION, NULL, 0, 0, 0, 0 },
	{ "99010219450815123?", IDNUM_REGION, NULL, 0, 0, 0, 0 },
	{ "4101021945081512", IDNUM_LENGTH, NULL, 0, 0, 0, 0 },	/* 16 */
	{ "41010219450815123", IDNUM_LENGTH, NULL, 0, 0, 0, 0 },	/* 17 */
	{ "410102194508151231?", IDNUM_LENGTH, NULL, 0, 0, 0, 0 },	/* 19 */
	{ "410102450815123", IDNUM_LENGTH, NULL, 0, 0, 0, 0 },	/* old 15 */
	/* Letter O typed for the digit 0. */
	{ "4101021945O815123?", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "41010219450815X23?", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "4101021945081512X3", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "410102 19450815123?", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "410102-19450815-123?", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "４１０１０２１９４５０８１５１２３４", IDNUM_CHARS,
	    NULL, 0, 0, 0, 0 },
	{ "41010219450815123?\xe3\x80\x80", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
	{ "abc", IDNUM_CHARS, NULL, 0, 0, 0, 0 },
};

/* Replace '?' and '!' in S (copied into OUT) by right and wrong checks. */
static void
fill_check(const char *s, char *out, size_t size)
{
	char *p, right;

	assert_true(strlen(s) < size);
	strcpy(out, s);
	if ((p = strpbrk(out, "?!")) == NULL)
		return;
	assert_true(p - out >= 17);
	/* Cases with wrong characters have no right check: any will do. */
	if ((right = idnum_check_digit(p - 17)) == '\0')
		right = '0';
	if (*p == '?')
		*p = right;
	else
		*p = right == '0' ? '1' : '0';
}

static void
test_check_digit(void **state)
{
	(void)state;
	assert_int_equal(idnum_check_digit("11010519491231002"), 'X');
	assert_int_equal(idnum_check_digit("44052418800101001"), '4');
	assert_int_equal(idnum_check_digit("00000000000000000"), '1');
	assert_int_equal(idnum_check_digit("1101051949123100a"), '\0');
	assert_int_equal(idnum_check_digit("110105194912"), '\0');
}

static void
test_table(void **state)
{
	struct idnum_info info;
	enum idnum_error got;
	char in[64], want_number[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fill_check(cases[i].in, in, sizeof in);
		memset(&info, 0, sizeof info);
		got = idnum_parse(in, today, &info);
		if (got != cases[i].want)
			fail_msg("case %zu \"%s\": got %d, want %d", i, in,
			    (int)got, (int)cases[i].want);
		if (got != IDNUM_OK) {
			/* *out is left alone on failure. */
			assert_int_equal(info.number[0], '\0');
			continue;
		}
		fill_check(cases[i].number, want_number, sizeof want_number);
		assert_string_equal(info.number, want_number);
		assert_int_equal(info.birth.y, cases[i].y);
		assert_int_equal(info.birth.m, cases[i].m);
		assert_int_equal(info.birth.d, cases[i].d);
		assert_int_equal(info.sex, cases[i].sex);
		assert_memory_equal(info.region, want_number, 6);
		assert_int_equal(info.region[6], '\0');
	}
}

/* MOD 11-2 catches every single wrong digit and every swap of two
 * neighbouring digits: none of them may pass. */
static void
test_typos_caught(void **state)
{
	char good[19], typo[19], t;
	int i;
	char c;

	(void)state;
	fill_check("41010219450815123?", good, sizeof good);
	assert_int_equal(idnum_parse(good, today, NULL), IDNUM_OK);
	for (i = 0; i < 17; i++) {
		for (c = '0'; c <= '9'; c++) {
			if (c == good[i])
				continue;
			memcpy(typo, good, sizeof typo);
			typo[i] = c;
			if (idnum_parse(typo, today, NULL) == IDNUM_OK)
				fail_msg("typo accepted: %s", typo);
		}
		if (good[i] == good[i + 1])
			continue;
		memcpy(typo, good, sizeof typo);
		t = typo[i];
		typo[i] = typo[i + 1];
		typo[i + 1] = t;
		if (idnum_parse(typo, today, NULL) == IDNUM_OK)
			fail_msg("swap accepted: %s", typo);
	}
}

static void
test_null_and_out(void **state)
{
	(void)state;
	assert_int_equal(idnum_parse(NULL, today, NULL), IDNUM_EMPTY);
	assert_int_equal(idnum_parse("11010519491231002X", today, NULL),
	    IDNUM_OK);
}

static void
test_province(void **state)
{
	static const char *good[] = {
		"11", "15", "21", "23", "31", "37", "41", "46", "50", "54",
		"61", "65", "71", "81", "82", "83", "91", "110105",
	};
	static const char *bad[] = {
		"10", "16", "20", "24", "30", "38", "40", "47", "49", "55",
		"60", "66", "70", "72", "80", "84", "90", "92", "99", "00",
		"1", "", "a1", "1a",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!idnum_province_valid(good[i]))
			fail_msg("rejected province %s", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (idnum_province_valid(bad[i]))
			fail_msg("accepted province \"%s\"", bad[i]);
	assert_false(idnum_province_valid(NULL));
}

static void
test_strerror(void **state)
{
	enum idnum_error e, f;

	(void)state;
	/* Every error has its own message. */
	for (e = IDNUM_OK; e <= IDNUM_CHECK_DIGIT; e++) {
		assert_non_null(idnum_strerror(e));
		assert_true(strlen(idnum_strerror(e)) > 10);
		for (f = IDNUM_OK; f < e; f++)
			assert_string_not_equal(idnum_strerror(e),
			    idnum_strerror(f));
	}
	assert_non_null(strstr(idnum_strerror(IDNUM_LENGTH), "18"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_digit),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_typos_caught),
		cmocka_unit_test(test_null_and_out),
		cmocka_unit_test(test_province),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
