/* draw.h: every piece of text reaches the screen through here.
 *
 * Text may come from anywhere (names from a CSV file, notes from another
 * station), so draw_text() sanitises it (utf8_sanitize: controls become
 * "^X", bidi overrides and bad bytes U+FFFD) and clips it to a number of
 * columns with utf8_fit(), never splitting a wide character.  Nothing else
 * in tui/ passes strings to curses.
 *
 * The frame every screen shares: a title line at the top (station, user,
 * date), a status line for messages and a help line of keys at the bottom;
 * screens draw in the rows between (draw_body_top() .. draw_body_end()). */
#ifndef HEARTH_DRAW_H
#define HEARTH_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* The smallest terminal the screens are laid out for. */
#define DRAW_MIN_COLS 80
#define DRAW_MIN_LINES 24

/* Draw S at Y, X in at most COLS columns with ATTR; returns the columns
 * used.  draw_text_cut() ends text that does not fit with "…". */
int draw_text(int y, int x, int cols, attr_t attr, const char *s);
int draw_text_cut(int y, int x, int cols, attr_t attr, const char *s);

/* LABEL (as a hint) and VALUE ("—" for NULL or empty) at Y, X, the value
 * cut to fit the row; returns the column where the next pair goes.  A
 * record's fields, several pairs to a row. */
int draw_pair(int y, int x, const char *label, const char *value);

/* S cut or padded with spaces to exactly COLS columns (a table cell). */
void draw_cell(int y, int x, int cols, attr_t attr, const char *s);

/* S right-aligned so it ends at column X_END (exclusive). */
void draw_text_right(int y, int x_end, attr_t attr, const char *s);

/* Columns S takes on the screen (after sanitising). */
int draw_width(const char *s);

/* COLS blanks with ATTR at Y, X (clipped to the row); the whole screen
 * blank. */
void draw_fill(int y, int x, int cols, attr_t attr);
void draw_erase(void);

/* Rows screens may use: from draw_body_top() up to, not including,
 * draw_body_end(). */
int draw_body_top(void);
int draw_body_end(void);

/* The frame. */
void draw_title(const char *left, const char *right);

struct help_key {
	const char *key;	/* "F2", "Enter" (not translated) */
	const char *label;	/* already translated */
};
/* The keys in order; those that do not fit are left off the end. */
void draw_help(const struct help_key *keys, size_t n);
void draw_status(attr_t attr, const char *msg);

/* If the terminal is smaller than DRAW_MIN_COLS x DRAW_MIN_LINES, say so
 * on a cleared screen, with WAY_OUT (how to leave; NULL: none) below,
 * and return true. */
bool draw_too_small(const char *way_out);

/* PERMILLE as "85.0%" in BUF (for < 0, no elders: "—"); returns BUF. */
const char *draw_percent(int permille, char buf[16]);

/* An 18-digit ID number with its middle hidden, "110101********123X":
 * enough to tell two 王秀英 apart without showing the whole number on a
 * shared screen.  Other lengths are copied as they are. */
void draw_mask_id(const char *id, char out[24]);

/* A bar "[#####.....]" COLS wide, filled PERMILLE/1000 (< 0: empty). */
void draw_bar(int y, int x, int cols, int permille);

#endif
