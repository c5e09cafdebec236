/* editbuf.h: one line of editable UTF-8 text, as nano and dialog keep it.
 *
 * The text is always well-formed UTF-8 and NUL-terminated.  The cursor is a
 * byte index that only ever sits on a code point boundary; it moves one code
 * point at a time (never byte-wise) and its display column is measured with
 * utf8_cp_width(), so a Chinese character takes two columns and 𠮷 (four
 * bytes) is one step.  A control character already in the text (set from a
 * stored note) is counted as the screen shows it after utf8_sanitize():
 * two columns for "^X", one for U+FFFD in place of a C1 control or bidi
 * override; typing any of them is refused.  MAX bounds the length in code points (what a
 * volunteer sees as "characters"), 0 for no bound.
 *
 * For a field narrower than its text, editbuf_scroll() keeps a horizontal
 * offset (in columns) that follows the cursor; editbuf_wrap() splits the
 * text into rows of at most WIDTH columns for a multi-row view.  No curses
 * here: the view draws what these functions report. */
#ifndef HEARTH_EDITBUF_H
#define HEARTH_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct editbuf {
	char *text;		/* NUL-terminated, never NULL after init */
	size_t len;		/* bytes, without the NUL */
	size_t cap;
	size_t cur;		/* cursor, a byte index on a boundary */
	size_t count;		/* code points in text */
	size_t max;		/* bound in code points, 0 = none */
	int scroll;		/* first column shown (editbuf_scroll) */
};

/* An empty buffer holding at most MAX code points.  -1 if out of memory. */
int editbuf_init(struct editbuf *eb, size_t max);
void editbuf_free(struct editbuf *eb);

/* Replace the text with S (malformed bytes become U+FFFD, the text is cut
 * at MAX code points); the cursor goes to the end.  -1 if out of memory. */
int editbuf_set(struct editbuf *eb, const char *s);
void editbuf_clear(struct editbuf *eb);
static inline const char *
editbuf_text(const struct editbuf *eb)
{
	return eb->text;
}
bool editbuf_empty(const struct editbuf *eb);

/* Insert CP at the cursor and move past it.  False (nothing changed) for a
 * control character, a non-scalar value, a full buffer or no memory. */
bool editbuf_insert(struct editbuf *eb, uint32_t cp);

/* Delete the code point before / at the cursor.  False if there is none. */
bool editbuf_backspace(struct editbuf *eb);
bool editbuf_delete(struct editbuf *eb);

/* Cursor motion by one code point / to either end.  False if it could not
 * move. */
bool editbuf_left(struct editbuf *eb);
bool editbuf_right(struct editbuf *eb);
void editbuf_home(struct editbuf *eb);
void editbuf_end(struct editbuf *eb);

/* Display columns of the whole text and of the text before the cursor. */
int editbuf_width(const struct editbuf *eb);
int editbuf_cursor_col(const struct editbuf *eb);

/* For a view WIDTH columns wide: move eb->scroll so the cursor column (and
 * one column after it, where the terminal cursor stands) is visible, then
 * report the first byte to draw in *START and the blank columns to draw
 * before it in *PAD (1 when a wide character straddles the left edge).
 * Returns the cursor's column inside the view. */
int editbuf_scroll(struct editbuf *eb, int width, size_t *start, int *pad);

/* Soft-wrap the text into rows of at most WIDTH columns (WIDTH >= 2).
 * Fills ROWS[0..MAX) with the byte offset each row starts at and returns
 * the number of rows (which may exceed MAX; only MAX are stored).  Where
 * the cursor stands is reported in *CROW / *CCOL (either may be NULL); a
 * cursor at the end of a full row goes to the start of the next one. */
size_t editbuf_wrap(const struct editbuf *eb, int width, size_t *rows,
    size_t max, size_t *crow, int *ccol);


#endif
