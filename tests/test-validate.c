/* test-validate.c: field checks and their messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/validate.h"

/* The longest name allowed: 30 characters. */
#define NAME_30 "长长长长长长长长长长长长长长长" "长长长长长长长长长长长长长长长"

/* Assert that a check failed with a message starting with LABEL ": ". */
static void
assert_cause(int rv, char **causep, const char *label, const char *what)
{
	char *cause = *causep;

	/* Take CAUSE through a pointer: the check that sets it is another
	 * argument of the same call, evaluated in no fixed order. */
	*causep = NULL;
	assert_int_equal(rv, -1);
	if (cause == NULL)
		fail_msg("no message for %s", what);
	if (strncmp(cause, label, strlen(label)) != 0 ||
	    strncmp(cause + strlen(label), ": ", 2) != 0)
		fail_msg("message for %s lacks the label: %s", what, cause);
	free(cause);
}

static void
test_err(void **state)
{
	char *s, *cause = NULL;

	(void)state;
	s = err_fmt("%s: %d of %zu", "row", 3, (size_t)7);
	assert_string_equal(s, "row: 3 of 7");
	free(s);
	err_set(&cause, "%s", "first");
	assert_string_equal(cause, "first");
	free(cause);
	err_set(NULL, "%s", "ignored");		/* must not crash */
}

static void
test_trim(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "   ", "" },
		{ "张三", "张三" },
		{ "  张三\t", "张三" },
		{ "\r\n张 三\n", "张 三" },
		{ "\xe3\x80\x80张三\xe3\x80\x80 ", "张三" },
		{ "张\xe3\x80\x80三", "张\xe3\x80\x80三" },
		{ "\xe3\x80\x80", "" },
		{ "\xe3\x80", "\xe3\x80" },	/* half a U+3000 is kept */
	};
	size_t i;
	char *t;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t = validate_trim(cases[i].in);
		assert_non_null(t);
		assert_string_equal(t, cases[i].out);
		free(t);
	}
	t = validate_trim(NULL);
	assert_string_equal(t, "");
	free(t);
}

static void
test_phone(void **state)
{
	static const struct {
		const char	*s;
		bool		 ok;
	} cases[] = {
		{ "13812345678", true },
		{ "19912345678", true },
		{ "16612345678", true },
		{ "+8613812345678", true },
		{ "+86 13812345678", true },
		{ "+86-13812345678", true },
		{ "8613812345678", true },
		{ "010-62345678", true },
		{ "01062345678", true },
		{ "020-8765432", true },
		{ "0371-63123456", true },
		{ "037163123456", true },
		{ "0371-6312345", true },
		{ "0371-63123456-123", true },
		{ "0371-63123456-123456", true },
		{ "63123456", true },
		{ "6312345", true },
		{ "86123456", true },		/* a local number */

		{ "", false },
		{ "12812345678", false },	/* no 12x mobiles */
		{ "10812345678", false },
		{ "1381234567", false },	/* 10 digits */
		{ "138123456789", false },	/* 12 digits */
		{ "138 1234 5678", false },
		{ "138-1234-5678", false },
		{ "+8612812345678", false },
		{ "+86 0371-63123456", false },
		{ "+8513812345678", false },
		{ "013812345678", false },	/* 0 before a mobile */
		{ "0371-12345678", false },	/* local number starts 1 */
		{ "0371-01234567", false },
		{ "0371-631234", false },	/* 6 digits */
		{ "0371-631234567", false },	/* 9 digits */
		{ "0371-63123456-", false },
		{ "0371-63123456-1234567", false },
		{ "0371--63123456", false },
		{ "00371-63123456", false },
		{ "(0371)63123456", false },
		{ "0371 63123456", false },
		{ "１３８１２３４５６７８", false },	/* full-width */
		{ "1381234567a", false },
		{ " 13812345678", false },	/* no trimming here */
		{ "13812345678\n", false },
		{ "0", false },
		{ "01", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (validate_phone(cases[i].s) != cases[i].ok)
			fail_msg("validate_phone(\"%s\") should be %s",
			    cases[i].s, cases[i].ok ? "true" : "false");
	assert_false(validate_phone(NULL));
}

static void
test_phone_field(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(validate_phone_field("phone", " 13812345678 ", true,
	    &cause), 0);
	assert_null(cause);
	assert_int_equal(validate_phone_field("phone", "", false, &cause), 0);
	assert_int_equal(validate_phone_field("phone", NULL, false, &cause), 0);
	assert_int_equal(validate_phone_field("phone", "  ", false, &cause), 0);
	assert_null(cause);
	assert_cause(validate_phone_field("phone", "", true, &cause), &cause,
	    "phone", "empty required phone");
	assert_cause(validate_phone_field("emergency phone", "12345", false,
	    &cause), &cause, "emergency phone", "short phone");
	assert_int_equal(validate_phone_field("phone", "12345", false, NULL),
	    -1);
}

static void
test_division(void **state)
{
	static const char *good[] = {
		"410102001001", "110105000000", "650102003004",
		"810000000000", "910000000000",
	};
	static const char *bad[] = {
		"", "41010200100", "4101020010011", "410102-01001",
		"41010200100a", "100102001001", "990102001001",
		"000000000000", " 410102001001", "４１０１０２００１００１",
	};
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!validate_division(good[i]))
			fail_msg("rejected division %s", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (validate_division(bad[i]))
			fail_msg("accepted division \"%s\"", bad[i]);
	assert_false(validate_division(NULL));

	assert_int_equal(validate_division_field("division", " 410102001001\t",
	    true, &cause), 0);
	assert_null(cause);
	assert_int_equal(validate_division_field("division", "", false,
	    &cause), 0);
	assert_cause(validate_division_field("division", "4101", true, &cause),
	    &cause, "division", "short division");
	assert_cause(validate_division_field("division", "990102001001", true,
	    &cause), &cause, "division", "bad province");
	assert_cause(validate_division_field("division", "", true, &cause),
	    &cause, "division", "empty division");
}

/* What a station's division covers (the hub's roster, doc/hub.md). */
static void
test_division_prefix(void **state)
{
	static const char *const cases[][2] = {
		{ "110101001001", "110101001001" },	/* village */
		{ "110101001000", "110101001" },	/* town */
		{ "110101000001", "110101000001" },	/* village 001 of town 000 */
		{ "110101000000", "110101" },		/* county */
		{ "110100000000", "1101" },		/* city */
		{ "110000000000", "11" },		/* province */
		{ "410102100200", "410102100200" },	/* ends in 00, not 000 */
		{ "410102010000", "410102010" },	/* town 010 */
	};
	static const char *const bad[] = { "", "11010100100", "1101010010011",
		"99010100100X", "990101001001", "11010100100a" };
	char out[13];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(validate_division_prefix(cases[i][0], out),
		    (int)strlen(cases[i][1]));
		assert_string_equal(out, cases[i][1]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(out, "junk", 5);
		assert_int_equal(validate_division_prefix(bad[i], out), -1);
		assert_string_equal(out, "");
	}
	assert_int_equal(validate_division_prefix(NULL, out), -1);
}

static void
test_text(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(validate_text("note", "", false, 10, false, &cause),
	    0);
	assert_int_equal(validate_text("note", NULL, false, 10, false, &cause),
	    0);
	assert_int_equal(validate_text("note", "十个字十个字十个字十", true, 10,
	    false, &cause), 0);
	assert_int_equal(validate_text("note", "  abcdefghij  ", true, 10,
	    false, &cause), 0);
	assert_int_equal(validate_text("note", "第一行\n第二行\t!", true, 100,
	    true, &cause), 0);
	assert_int_equal(validate_text("note", "𠮷𠮷𠮷", true, 3, false,
	    &cause), 0);
	assert_null(cause);

	assert_cause(validate_text("note", "十个字十个字十个字十一", true, 10,
	    false, &cause), &cause, "note", "11 characters of 10");
	assert_cause(validate_text("note", "𠮷𠮷𠮷𠮷", true, 3, false, &cause),
	    &cause, "note", "4 characters of 3");
	assert_cause(validate_text("note", " \xe3\x80\x80\t", true, 10, false,
	    &cause), &cause, "note", "blank required");
	assert_cause(validate_text("note", "第一行\n第二行", true, 100, false,
	    &cause), &cause, "note", "newline in one-line text");
	assert_cause(validate_text("note", "bell\a", true, 100, true, &cause),
	    &cause, "note", "BEL");
	assert_cause(validate_text("note", "esc\x1b[2J", true, 100, true,
	    &cause), &cause, "note", "escape sequence");
	assert_cause(validate_text("note", "c1\xc2\x9b", true, 100, true,
	    &cause), &cause, "note", "C1 control");
	assert_cause(validate_text("note", "gbk \xd5\xc5\xc8\xfd", true, 100,
	    true, &cause), &cause, "note", "GBK bytes");
	assert_cause(validate_text("note", "over\xc0\xaflong", true, 100, true,
	    &cause), &cause, "note", "overlong");
	assert_int_equal(validate_text("note", "x\a", true, 100, true, NULL),
	    -1);
}

/* A line break in a one-line field is told apart from a stray control
 * character: the fix differs. */
static void
test_text_messages(void **state)
{
	char *newline = NULL, *control = NULL;

	(void)state;
	assert_int_equal(validate_text("address", "一\n二", true, 100, false,
	    &newline), -1);
	assert_int_equal(validate_text("address", "一\x01二", true, 100,
	    false, &control), -1);
	assert_non_null(newline);
	assert_non_null(control);
	assert_string_not_equal(newline, control);
	free(newline);
	free(control);
}

/* Ten megabytes of text: refused, quickly, with a message. */
static void
test_huge(void **state)
{
	size_t size = 10 * 1024 * 1024;
	char *big = malloc(size + 1), *cause = NULL, *longer = NULL;
	clock_t start;
	double secs;
	size_t i;

	(void)state;
	assert_non_null(big);
	for (i = 0; i + 3 <= size; i += 3)
		memcpy(big + i, "张", 3);
	big[i] = '\0';
	start = clock();
	assert_cause(validate_text("note", big, true, 2000, true, &cause),
	    &cause, "note", "10 MB note");
	assert_cause(validate_name(big, &cause), &cause, "name", "10 MB name");
	assert_cause(validate_phone_field("phone", big, true, &cause), &cause,
	    "phone", "10 MB phone");
	secs = (double)(clock() - start) / CLOCKS_PER_SEC;
	/* A strlen or two, even under sanitizers; a decode-everything or
	 * quadratic scan would take far longer. */
	assert_true(secs < 1.0);

	/* Refused for its size before it is decoded: ten megabytes of
	 * garbage get the same "too long" message as eleven good characters
	 * against a limit of ten. */
	memset(big, 0xff, size);
	big[size] = '\0';
	assert_int_equal(validate_text("note", big, true, 10, true, &cause),
	    -1);
	assert_int_equal(validate_text("note", "十个字十个字十个字十一", true,
	    10, true, &longer), -1);
	assert_non_null(cause);
	assert_non_null(longer);
	assert_string_equal(cause, longer);
	free(cause);
	free(longer);
	free(big);
}

static void
test_name(void **state)
{
	static const char *good[] = {
		"张三", "欧阳娜娜", "𠮷野家", "王〇", "阿依古丽·买买提",
		"阿依古丽•买买提", "阿依古丽・买买提", "Zhang San",
		"Lǚ Bù", "José", "  李四  ", "\xe3\x80\x80李四",
		"一二三",	/* Chinese numerals are characters */
		"𪚥𰻞",		/* Extensions B and G */
		NAME_30,
	};
	static const char *bad[] = {
		"", "   ", "\xe3\x80\x80", "张三3", "张三３", "李\t四",
		"李\n四", "李\x7f四", "李\xc2\x85四", "李\xe2\x80\xae四",
		"张三!", "张三(妻)", "张-三", "张_三", "😀", "张三\xff",
		NAME_30 "长",
	};
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (validate_name(good[i], &cause) != 0)
			fail_msg("rejected name \"%s\": %s", good[i],
			    cause != NULL ? cause : "(no message)");
		assert_null(cause);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_cause(validate_name(bad[i], &cause), &cause, "name",
		    bad[i]);
	}
	assert_cause(validate_name(NULL, &cause), &cause, "name", "NULL");

	/* Optional names, under their own label. */
	assert_int_equal(validate_name_field("caregiver", "", false, &cause),
	    0);
	assert_null(cause);
	assert_cause(validate_name_field("caregiver", "王1", false, &cause),
	    &cause, "caregiver", "digit in caregiver");
}

/* The digit and length messages differ from the character-set one, so
 * the volunteer is told what to fix. */
static void
test_name_messages(void **state)
{
	char *digit = NULL, *symbol = NULL, *longer = NULL, *other = NULL;

	(void)state;
	assert_int_equal(validate_name("张三3", &digit), -1);
	assert_int_equal(validate_name("张三!", &symbol), -1);
	assert_int_equal(validate_name(NAME_30 "长", &longer), -1);
	assert_non_null(digit);
	assert_non_null(symbol);
	assert_non_null(longer);
	assert_string_not_equal(digit, symbol);
	assert_string_not_equal(digit, longer);
	assert_string_not_equal(symbol, longer);
	assert_non_null(strstr(longer, "30"));
	/* A full-width digit is a digit too. */
	assert_int_equal(validate_name("张三３", &other), -1);
	assert_non_null(other);
	assert_string_equal(other, digit);
	free(other);
	free(digit);
	free(symbol);
	free(longer);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_phone_field),
		cmocka_unit_test(test_division),
		cmocka_unit_test(test_division_prefix),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_messages),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_name_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
