/* draw.c: sanitised, clipped text and the frame around every screen. */
#include "tui/draw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/i18n.h"
#include "core/utf8.h"
#include "tui/term.h"

#define ELLIPSIS "…"

/* Columns left on row Y from X, so nothing wraps to the next row. */
static int
room(int x, int cols)
{
	if (x >= COLS)
		return 0;
	return cols < COLS - x ? cols : COLS - x;
}

/* Sanitise S; on allocation failure draw nothing rather than the raw
 * bytes.  utf8_sanitize() measures with the core's own width table, which
 * agrees with wcwidth() wherever the locale knows the character; one it
 * does not know (unassigned, private use: wcwidth -1) curses would draw
 * as an escape of its own, wider than counted, and the row would wrap
 * into the next.  Such a character becomes U+FFFD. */
static char *
safe_copy(const char *s)
{
	char *clean = utf8_sanitize(s != NULL ? s : ""), *out;
	size_t len, i = 0, o = 0, n;
	uint32_t cp;

	if (clean == NULL)
		return NULL;
	len = strlen(clean);
	/* A 2-byte character may grow to the 3 bytes of U+FFFD. */
	if ((out = malloc(len * 2 + 1)) == NULL) {
		free(clean);
		return NULL;
	}
	while (i < len) {
		/* utf8_sanitize() left only well-formed text. */
		n = utf8_decode(clean + i, len - i, &cp);
		if (n == 0)
			n = 1;
		if (cp >= 0x80 && wcwidth((wchar_t)cp) < 0)
			o += utf8_encode(0xFFFD, out + o);
		else {
			memcpy(out + o, clean + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	free(clean);
	return out;
}

int
draw_text(int y, int x, int cols, attr_t attr, const char *s)
{
	char *safe;
	size_t n;
	int used = 0;

	if ((cols = room(x, cols)) <= 0 || y < 0 || y >= LINES)
		return 0;
	if ((safe = safe_copy(s)) == NULL)
		return 0;
	n = utf8_fit(safe, cols, &used);
	attrset(attr);
	mvaddnstr(y, x, safe, (int)n);
	attrset(A_NORMAL);
	free(safe);
	return used;
}

int
draw_text_cut(int y, int x, int cols, attr_t attr, const char *s)
{
	char *safe;
	size_t n;
	int used = 0, ell = draw_width(ELLIPSIS);

	if ((cols = room(x, cols)) <= 0 || y < 0 || y >= LINES)
		return 0;
	if ((safe = safe_copy(s)) == NULL)
		return 0;
	if (utf8_width(safe) <= cols)
		n = utf8_fit(safe, cols, &used);
	else
		n = utf8_fit(safe, cols - ell, &used);
	attrset(attr);
	mvaddnstr(y, x, safe, (int)n);
	if (safe[n] != '\0' && cols >= ell) {
		addstr(ELLIPSIS);
		used += ell;
	}
	attrset(A_NORMAL);
	free(safe);
	return used;
}

void
draw_cell(int y, int x, int cols, attr_t attr, const char *s)
{
	int used = draw_text_cut(y, x, cols, attr, s);

	cols = room(x, cols);
	/* hline takes the attribute with the character, not attrset's. */
	if (used < cols)
		mvhline(y, x + used, ' ' | attr, cols - used);
}

int
draw_pair(int y, int x, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		value = "—";
	x += draw_text(y, x, COLS - x, term_attr(ROLE_HINT), label);
	x += draw_text(y, x, COLS - x, A_NORMAL, " ");
	x += draw_text_cut(y, x, COLS - x - 1, A_NORMAL, value);
	return x + 3;
}

void
draw_text_right(int y, int x_end, attr_t attr, const char *s)
{
	int w = draw_width(s), x = x_end - w;

	if (x < 0)
		x = 0;
	draw_text_cut(y, x, x_end - x, attr, s);
}

int
draw_width(const char *s)
{
	return utf8_width(s != NULL ? s : "");
}

void
draw_fill(int y, int x, int cols, attr_t attr)
{
	if ((cols = room(x, cols)) <= 0 || y < 0 || y >= LINES || x < 0)
		return;
	mvhline(y, x, ' ' | attr, cols);
}

void
draw_erase(void)
{
	erase();
}

int
draw_body_top(void)
{
	return 1;
}

int
draw_body_end(void)
{
	return LINES - 2;
}

void
draw_title(const char *left, const char *right)
{
	attr_t a = term_attr(ROLE_TITLE);
	int w = draw_width(right) + 1;

	draw_fill(0, 0, COLS, a);
	/* The right part (user, date) matters more than a long station
	 * name: it is drawn whole and the left one is cut. */
	draw_text_cut(0, 1, COLS - w - 2, a | A_BOLD, left);
	draw_text_right(0, COLS - 1, a, right);
}

void
draw_help(const struct help_key *keys, size_t n)
{
	int y = LINES - 1, x = 0, kw, lw;
	size_t i;

	move(y, 0);
	clrtoeol();
	for (i = 0; i < n; i++) {
		kw = draw_width(keys[i].key);
		lw = draw_width(keys[i].label);
		if (x + kw + lw + 1 > COLS)
			break;
		x += draw_text(y, x, kw, term_attr(ROLE_HELP_KEY), keys[i].key);
		x += draw_text(y, x, lw, term_attr(ROLE_HELP_LABEL),
		    keys[i].label);
		x++;
	}
}

void
draw_status(attr_t attr, const char *msg)
{
	int y = LINES - 2;

	move(y, 0);
	clrtoeol();
	if (msg != NULL && *msg != '\0')
		draw_text_cut(y, 1, COLS - 2, attr, msg);
}

bool
draw_too_small(const char *way_out)
{
	char size[64];
	int y;

	if (COLS >= DRAW_MIN_COLS && LINES >= DRAW_MIN_LINES)
		return false;
	erase();
	y = LINES / 2 - 1;
	draw_text_cut(y, 0, COLS, A_BOLD,
	    /* TRANSLATORS: shown alone on a terminal too small to work in;
	     * as short as you can. */
	    _("Window too small: please enlarge it"));
	snprintf(size, sizeof size, _("at least %d×%d (now %d×%d)"),
	    DRAW_MIN_COLS, DRAW_MIN_LINES, COLS, LINES);
	draw_text_cut(y + 1, 0, COLS, A_NORMAL, size);
	if (way_out != NULL)
		draw_text_cut(y + 2, 0, COLS, A_NORMAL, way_out);
	return true;
}

void
draw_bar(int y, int x, int cols, int permille)
{
	int inner = cols - 2, filled;

	if (inner < 1)
		return;
	filled = permille <= 0 ? 0 : (int)((long)inner * permille / 1000);
	/* Some progress must show as at least one mark. */
	if (permille > 0 && filled == 0)
		filled = 1;
	if (filled > inner)
		filled = inner;
	mvaddch(y, x, '[');
	if (filled > 0)
		mvhline(y, x + 1, '#' | term_attr(ROLE_BAR), filled);
	if (inner > filled)
		mvhline(y, x + 1 + filled, '.' | term_attr(ROLE_HINT),
		    inner - filled);
	mvaddch(y, x + 1 + inner, ']');
}

const char *
draw_percent(int permille, char buf[16])
{
	if (permille < 0)
		snprintf(buf, 16, "—");
	else
		snprintf(buf, 16, "%d.%d%%", permille / 10, permille % 10);
	return buf;
}

void
draw_mask_id(const char *id, char out[24])
{
	if (strlen(id) == 18)
		snprintf(out, 24, "%.6s********%s", id, id + 14);
	else
		snprintf(out, 24, "%s", id);
}
