/* editbuf.c: a UTF-8 edit line moved by code point, measured in columns. */
#include "forms/editbuf.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* The text is kept well-formed, so decoding never fails here; the 1 is a
 * guard that keeps loops moving should that promise ever be broken. */
static size_t
cp_at(const struct editbuf *eb, size_t at, uint32_t *cp)
{
	size_t n = utf8_decode(eb->text + at, eb->len - at, cp);

	return n ? n : 1;
}

/* Start of the code point that ends at AT (AT > 0). */
static size_t
cp_before(const struct editbuf *eb, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)eb->text[at] & 0xC0) == 0x80);
	return at;
}

static int
reserve(struct editbuf *eb, size_t need)
{
	size_t cap = eb->cap ? eb->cap : 16;
	char *p;

	if (need + 1 <= eb->cap)
		return 0;
	while (cap < need + 1)
		cap *= 2;
	if ((p = realloc(eb->text, cap)) == NULL)
		return -1;
	eb->text = p;
	eb->cap = cap;
	return 0;
}

int
editbuf_init(struct editbuf *eb, size_t max)
{
	memset(eb, 0, sizeof *eb);
	eb->max = max;
	if (reserve(eb, 15) == -1)
		return -1;
	eb->text[0] = '\0';
	return 0;
}

void
editbuf_free(struct editbuf *eb)
{
	free(eb->text);
	memset(eb, 0, sizeof *eb);
}

void
editbuf_clear(struct editbuf *eb)
{
	eb->len = eb->cur = eb->count = 0;
	eb->scroll = 0;
	eb->text[0] = '\0';
}

int
editbuf_set(struct editbuf *eb, const char *s)
{
	size_t slen = s ? strlen(s) : 0, n;
	uint32_t cp;

	/* U+FFFD is 3 bytes, so no input byte grows to more than 3. */
	if (reserve(eb, slen * 3) == -1)
		return -1;
	editbuf_clear(eb);
	while (slen > 0 && (eb->max == 0 || eb->count < eb->max)) {
		if ((n = utf8_decode(s, slen, &cp)) == 0)
			n = 1;	/* cp is U+FFFD */
		eb->len += utf8_encode(cp, eb->text + eb->len);
		eb->count++;
		s += n;
		slen -= n;
	}
	eb->text[eb->len] = '\0';
	eb->cur = eb->len;
	return 0;
}

bool
editbuf_empty(const struct editbuf *eb)
{
	return eb->len == 0;
}

bool
editbuf_insert(struct editbuf *eb, uint32_t cp)
{
	char enc[4];
	size_t n;

	if (utf8_is_control(cp) || (n = utf8_encode(cp, enc)) == 0)
		return false;
	if (eb->max != 0 && eb->count >= eb->max)
		return false;
	if (reserve(eb, eb->len + n) == -1)
		return false;
	memmove(eb->text + eb->cur + n, eb->text + eb->cur,
	    eb->len - eb->cur + 1);
	memcpy(eb->text + eb->cur, enc, n);
	eb->len += n;
	eb->cur += n;
	eb->count++;
	return true;
}

/* Remove the bytes [FROM, TO), one code point. */
static void
cut(struct editbuf *eb, size_t from, size_t to)
{
	memmove(eb->text + from, eb->text + to, eb->len - to + 1);
	eb->len -= to - from;
	eb->count--;
	eb->cur = from;
}

bool
editbuf_backspace(struct editbuf *eb)
{
	if (eb->cur == 0)
		return false;
	cut(eb, cp_before(eb, eb->cur), eb->cur);
	return true;
}

bool
editbuf_delete(struct editbuf *eb)
{
	uint32_t cp;

	if (eb->cur >= eb->len)
		return false;
	cut(eb, eb->cur, eb->cur + cp_at(eb, eb->cur, &cp));
	return true;
}

bool
editbuf_left(struct editbuf *eb)
{
	if (eb->cur == 0)
		return false;
	eb->cur = cp_before(eb, eb->cur);
	return true;
}

bool
editbuf_right(struct editbuf *eb)
{
	uint32_t cp;

	if (eb->cur >= eb->len)
		return false;
	eb->cur += cp_at(eb, eb->cur, &cp);
	return true;
}

void
editbuf_home(struct editbuf *eb)
{
	eb->cur = 0;
}

void
editbuf_end(struct editbuf *eb)
{
	eb->cur = eb->len;
}

/* Columns of the bytes [0, TO). */
static int
cols_to(const struct editbuf *eb, size_t to)
{
	uint32_t cp;
	size_t at = 0;
	int cols = 0;

	while (at < to) {
		at += cp_at(eb, at, &cp);
		cols += utf8_drawn_width(cp);
	}
	return cols;
}

int
editbuf_width(const struct editbuf *eb)
{
	return cols_to(eb, eb->len);
}

int
editbuf_cursor_col(const struct editbuf *eb)
{
	return cols_to(eb, eb->cur);
}

int
editbuf_scroll(struct editbuf *eb, int width, size_t *start, int *pad)
{
	int ccol = editbuf_cursor_col(eb), col = 0, w;
	uint32_t cp;
	size_t at = 0, n;

	if (width < 1)
		width = 1;
	/* The terminal cursor stands on the column after the text before
	 * it, so that column must be inside the view too. */
	if (ccol < eb->scroll)
		eb->scroll = ccol;
	else if (ccol >= eb->scroll + width)
		eb->scroll = ccol - width + 1;
	/* Never leave blank room on the right while text is hidden on the
	 * left (after a delete at the end, say). */
	if (eb->scroll > 0 && editbuf_width(eb) + 1 - eb->scroll < width) {
		eb->scroll = editbuf_width(eb) + 1 - width;
		if (eb->scroll < 0)
			eb->scroll = 0;
	}
	/* Skip whole code points left of the view; one that straddles its
	 * edge is not drawn by half: blank columns stand in for it. */
	while (at < eb->len) {
		n = cp_at(eb, at, &cp);
		w = utf8_drawn_width(cp);
		if (col >= eb->scroll)
			break;
		col += w;
		at += n;
	}
	*start = at;
	*pad = col - eb->scroll;
	return ccol - eb->scroll;
}

size_t
editbuf_wrap(const struct editbuf *eb, int width, size_t *rows, size_t max,
    size_t *crow, int *ccol)
{
	size_t at = 0, n, row = 0;
	uint32_t cp;
	int col = 0, w;

	if (width < 2)
		width = 2;	/* a wide character must fit a row */
	if (max > 0)
		rows[0] = 0;
	while (at < eb->len) {
		n = cp_at(eb, at, &cp);
		w = utf8_drawn_width(cp);
		if (col + w > width) {
			row++;
			col = 0;
			if (row < max)
				rows[row] = at;
		}
		if (at == eb->cur) {
			if (crow)
				*crow = row;
			if (ccol)
				*ccol = col;
		}
		col += w;
		at += n;
	}
	if (eb->cur == eb->len) {
		/* The cursor after a full row would stand outside it. */
		if (col >= width) {
			row++;
			col = 0;
			if (row < max)
				rows[row] = at;
		}
		if (crow)
			*crow = row;
		if (ccol)
			*ccol = col;
	}
	return row + 1;
}
