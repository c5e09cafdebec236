/* test-editbuf.c: the UTF-8 edit line: code points, columns, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "forms/editbuf.h"

#define CJK_ZHANG 0x5F20	/* 张: three bytes, two columns */
#define CJK_JI 0x20BB7		/* 𠮷: four bytes, two columns */

static void
type(struct editbuf *eb, const uint32_t *cps, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_true(editbuf_insert(eb, cps[i]));
}

static void
test_insert_mixed(void **state)
{
	static const uint32_t cps[] = { CJK_ZHANG, 'a', CJK_JI, 'b' };
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 0), 0);
	type(&eb, cps, 4);
	assert_string_equal(editbuf_text(&eb), "张a𠮷b");
	assert_int_equal(eb.len, 3 + 1 + 4 + 1);
	assert_int_equal(eb.count, 4);
	assert_int_equal(editbuf_width(&eb), 6);
	assert_int_equal(editbuf_cursor_col(&eb), 6);
	editbuf_free(&eb);
}

static void
test_cursor_columns(void **state)
{
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 0), 0);
	assert_int_equal(editbuf_set(&eb, "张a𠮷b"), 0);
	assert_int_equal(eb.cur, eb.len);
	assert_true(editbuf_left(&eb));		/* before b */
	assert_int_equal(editbuf_cursor_col(&eb), 5);
	assert_true(editbuf_left(&eb));		/* before 𠮷: one step */
	assert_int_equal(eb.cur, 4);
	assert_int_equal(editbuf_cursor_col(&eb), 3);
	assert_true(editbuf_left(&eb));
	assert_true(editbuf_left(&eb));
	assert_int_equal(eb.cur, 0);
	assert_false(editbuf_left(&eb));
	assert_true(editbuf_right(&eb));	/* over 张: three bytes */
	assert_int_equal(eb.cur, 3);
	assert_int_equal(editbuf_cursor_col(&eb), 2);
	editbuf_end(&eb);
	assert_false(editbuf_right(&eb));
	editbuf_home(&eb);
	assert_int_equal(editbuf_cursor_col(&eb), 0);
	/* Typing in the middle goes in at the cursor. */
	assert_true(editbuf_right(&eb));
	assert_true(editbuf_insert(&eb, 0x4E09));	/* 三 */
	assert_string_equal(editbuf_text(&eb), "张三a𠮷b");
	assert_int_equal(editbuf_cursor_col(&eb), 4);
	editbuf_free(&eb);
}

static void
test_backspace_wide(void **state)
{
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 0), 0);
	assert_int_equal(editbuf_set(&eb, "a张𠮷"), 0);
	assert_true(editbuf_backspace(&eb));	/* all four bytes of 𠮷 */
	assert_string_equal(editbuf_text(&eb), "a张");
	assert_int_equal(eb.count, 2);
	assert_int_equal(editbuf_cursor_col(&eb), 3);
	assert_true(editbuf_backspace(&eb));
	assert_string_equal(editbuf_text(&eb), "a");
	editbuf_home(&eb);
	assert_false(editbuf_backspace(&eb));
	assert_true(editbuf_delete(&eb));
	assert_string_equal(editbuf_text(&eb), "");
	assert_false(editbuf_delete(&eb));
	assert_true(editbuf_empty(&eb));
	editbuf_free(&eb);
}

static void
test_max_length(void **state)
{
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 3), 0);
	assert_true(editbuf_insert(&eb, CJK_JI));
	assert_true(editbuf_insert(&eb, CJK_ZHANG));
	assert_true(editbuf_insert(&eb, 'x'));
	assert_false(editbuf_insert(&eb, 'y'));	/* characters, not bytes */
	assert_string_equal(editbuf_text(&eb), "𠮷张x");
	assert_int_equal(editbuf_set(&eb, "一二三四五"), 0);
	assert_string_equal(editbuf_text(&eb), "一二三");
	assert_true(editbuf_backspace(&eb));
	assert_true(editbuf_insert(&eb, 'z'));
	assert_false(editbuf_insert(&eb, 'z'));
	editbuf_free(&eb);
}

static void
test_refuses_controls_and_bad_bytes(void **state)
{
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 0), 0);
	assert_false(editbuf_insert(&eb, 0x1B));	/* ESC */
	assert_false(editbuf_insert(&eb, '\n'));
	assert_false(editbuf_insert(&eb, 0x85));	/* C1 NEL */
	assert_false(editbuf_insert(&eb, 0xD800));	/* surrogate */
	assert_false(editbuf_insert(&eb, 0x110000));
	assert_int_equal(eb.len, 0);
	/* Malformed input becomes U+FFFD: the text stays well-formed. */
	assert_int_equal(editbuf_set(&eb, "a\xff" "b\xe5"), 0);
	assert_string_equal(editbuf_text(&eb), "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	assert_int_equal(eb.count, 4);
	/* A newline from a stored note is kept and shown as ^J. */
	assert_int_equal(editbuf_set(&eb, "a\nb"), 0);
	assert_int_equal(editbuf_width(&eb), 4);
	editbuf_free(&eb);
}

static void
test_scroll(void **state)
{
	struct editbuf eb;
	size_t start;
	int pad, col;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 0), 0);
	/* 12 columns of text in a 6-column view, cursor at the end. */
	assert_int_equal(editbuf_set(&eb, "一二三四五六"), 0);
	col = editbuf_scroll(&eb, 6, &start, &pad);
	assert_int_equal(eb.scroll, 7);
	assert_int_equal(col, 5);
	/* 四 spans columns 6-7: it straddles the edge, so it is skipped
	 * and one blank column is drawn in its place. */
	assert_string_equal(eb.text + start, "五六");
	assert_int_equal(pad, 1);
	editbuf_home(&eb);
	col = editbuf_scroll(&eb, 6, &start, &pad);
	assert_int_equal(eb.scroll, 0);
	assert_int_equal(col, 0);
	assert_int_equal(start, 0);
	assert_int_equal(pad, 0);
	editbuf_free(&eb);
}

static void
test_wrap(void **state)
{
	struct editbuf eb;
	size_t rows[8], n, crow = 99;
	int ccol = -1;

	(void)state;
	assert_int_equal(editbuf_init(&eb, 0), 0);
	/* "ab张三李" in 5 columns: "ab张" is 4, 三 would make 6. */
	assert_int_equal(editbuf_set(&eb, "ab张三李"), 0);
	n = editbuf_wrap(&eb, 5, rows, 8, &crow, &ccol);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0], 0);
	assert_string_equal(eb.text + rows[1], "三李");
	assert_int_equal(crow, 1);
	assert_int_equal(ccol, 4);
	/* Exactly full last row: the cursor opens a new row. */
	assert_int_equal(editbuf_set(&eb, "一二"), 0);
	n = editbuf_wrap(&eb, 4, rows, 8, &crow, &ccol);
	assert_int_equal(n, 2);
	assert_int_equal(crow, 1);
	assert_int_equal(ccol, 0);
	editbuf_home(&eb);
	n = editbuf_wrap(&eb, 4, rows, 8, &crow, &ccol);
	assert_int_equal(n, 1);
	assert_int_equal(crow, 0);
	assert_int_equal(ccol, 0);
	editbuf_free(&eb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_mixed),
		cmocka_unit_test(test_cursor_columns),
		cmocka_unit_test(test_backspace_wide),
		cmocka_unit_test(test_max_length),
		cmocka_unit_test(test_refuses_controls_and_bad_bytes),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
