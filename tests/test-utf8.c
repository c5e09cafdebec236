/* test-utf8.c: strict decoding, widths and sanitising of untrusted text. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"

static void
test_decode(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("张", 3, &cp), 3);
	assert_int_equal(cp, 0x5F20);
	assert_int_equal(utf8_decode("𠮷", 4, &cp), 4);
	assert_int_equal(cp, 0x20BB7);
	/* overlong '/', surrogate, truncated, beyond U+10FFFF */
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xE5\xBC", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(cp, 0xFFFD);
}

static void
test_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x5F20, 0x3000, 0x20BB7, 0x10FFFF };
	char buf[4];
	uint32_t back;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8_encode(cps[i], buf);
		assert_true(n > 0);
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	assert_int_equal(utf8_encode(0xD800, buf), 0);
	assert_int_equal(utf8_encode(0x110000, buf), 0);
}

static void
test_valid_count(void **state)
{
	(void)state;
	assert_true(utf8_valid("单曾解", strlen("单曾解")));
	assert_false(utf8_valid("ab\xFF", 3));
	assert_int_equal(utf8_count("张三a𠮷"), 4);
}

static void
test_controls(void **state)
{
	(void)state;
	assert_true(utf8_has_control("张\x1b[2J", false));
	assert_true(utf8_has_control("a\nb", false));
	assert_false(utf8_has_control("a\nb", true));
	assert_true(utf8_has_control("a\xC2\x9B" "b", true));	/* C1 CSI */
	assert_true(utf8_has_control("a\xE2\x80\xAE" "b", true));	/* RLO */
	assert_false(utf8_has_control("王　芳", false));
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("张三"), 4);
	assert_int_equal(utf8_width("𠮷a"), 3);
	assert_int_equal(utf8_width("a\x1b"), 3);	/* shown as ^[ */
}

static void
test_sanitize(void **state)
{
	char *s;

	(void)state;
	s = utf8_sanitize("张\x1b[31m三\x7f");
	assert_string_equal(s, "张^[[31m三^?");
	free(s);
	s = utf8_sanitize("a\xFF" "b");
	assert_string_equal(s, "a\xEF\xBF\xBD" "b");
	free(s);
	s = utf8_sanitize("x\xC2\x9B" "y");
	assert_string_equal(s, "x\xEF\xBF\xBD" "y");
	free(s);
}

static void
test_fit(void **state)
{
	int used;

	(void)state;
	/* never split a wide character */
	assert_int_equal(utf8_fit("张三丰", 5, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(utf8_fit("ab张", 3, &used), 2);
	assert_int_equal(used, 2);
	assert_int_equal(utf8_fit("ab", 10, &used), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_valid_count),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_fit),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
