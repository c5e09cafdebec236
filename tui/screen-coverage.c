/* screen-coverage.c: the month's visit rate, one bar per village;
 * Left/Right go to the previous/next month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/date.h"
#include "core/i18n.h"
#include "tui/app.h"
#include "tui/list.h"

#define COL_NAME 1
#define W_NAME 16
#define COL_BAR 18
/* Right of the bar: " 123/456  100.0%" */
#define W_FIGURES 17

struct coverage_screen {
	struct screen base;
	int y, m;			/* the month shown */
	struct coverage_row *rows;
	size_t nrows;
	struct coverage_row total;
	bool loaded;
	struct list list;
	struct help_key help[3];
};

static int
list_top(void)
{
	return draw_body_top() + 4;	/* title, hint, total, header */
}

static int
list_rows(void)
{
	return draw_body_end() - list_top();
}

static void
coverage_load(struct coverage_screen *cs, struct app *app)
{
	char *cause = NULL;

	coverage_free(cs->rows, cs->nrows);
	cs->rows = NULL;
	cs->nrows = 0;
	cs->loaded = coverage_month(app->db, cs->y, cs->m, COV_VILLAGE,
	    &cs->rows, &cs->nrows, &cs->total, &cause) == 0;
	if (!cs->loaded)
		app_error(app, &cause);
	cs->list.sel = cs->list.first = 0;
	list_reset(&cs->list, cs->nrows);
}

static void
draw_row(int y, const char *name, const struct coverage_row *r, attr_t a)
{
	int bar = COLS - COL_BAR - W_FIGURES - 1, p = coverage_permille(r);
	char figures[48], pct[16];

	draw_cell(y, COL_NAME, W_NAME, a, name);
	draw_bar(y, COL_BAR, bar, p);
	snprintf(figures, sizeof figures, "%d/%d", r->visited, r->total);
	draw_text_right(y, COL_BAR + bar + 9, a, figures);
	draw_text_right(y, COL_BAR + bar + W_FIGURES, a,
	    draw_percent(p, pct));
}

static void
draw_header(int y)
{
	int bar = COLS - COL_BAR - W_FIGURES - 1;
	attr_t hd = term_attr(ROLE_HEADER);

	draw_cell(y, COL_NAME, W_NAME, hd, _("Village"));
	/* TRANSLATORS: above "visited/total", right-aligned. */
	draw_text_right(y, COL_BAR + bar + 9, hd, _("Visited/all"));
	draw_text_right(y, COL_BAR + bar + W_FIGURES, hd, _("Rate"));
}

static void
coverage_draw(struct screen *s, struct app *app)
{
	struct coverage_screen *cs = (struct coverage_screen *)s;
	int y = draw_body_top(), rows = list_rows(), r;
	const struct coverage_row *row;
	char title[64];
	size_t i;

	snprintf(title, sizeof title, _("Visit rate, %d-%02d"), cs->y, cs->m);
	draw_text(y, 1, COLS - 2, A_BOLD, title);
	draw_text_cut(y + 1, 1, COLS - 2, term_attr(ROLE_HINT),
	    _("Elders met in person at least once in the month, of all on "
	    "the register who agreed to visits"));
	if (!cs->loaded)
		return;
	draw_row(y + 2, _("All villages"), &cs->total, A_BOLD);
	if (cs->nrows == 0) {
		draw_text_cut(list_top(), 2, COLS - 4, term_attr(ROLE_HINT),
		    _("No elders on the register yet"));
		return;
	}
	draw_header(y + 3);
	list_fit(&cs->list, rows);
	for (r = 0; r < rows; r++) {
		i = cs->list.first + (size_t)r;
		if (i >= cs->nrows)
			break;
		row = &cs->rows[i];
		draw_row(list_top() + r, row->name != NULL ? row->name :
		    app_village(app, row->code), row, i == cs->list.sel ?
		    term_attr(ROLE_SELECTED) : A_NORMAL);
	}
}

static const struct help_key *
coverage_help(struct screen *s, struct app *app, size_t *n)
{
	struct coverage_screen *cs = (struct coverage_screen *)s;

	(void)app;
	cs->help[0] = (struct help_key){ "←→", _("Month") };
	cs->help[1] = (struct help_key){ "↑↓", _("Scroll") };
	cs->help[2] = (struct help_key){ "Esc", _("Back") };
	*n = 3;
	return cs->help;
}

/* Step the month by DIR; never past the current one. */
static bool
step_month(struct coverage_screen *cs, int dir)
{
	struct ymd today = date_today();
	int y = cs->y, m = cs->m + dir;

	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	if (y * 12 + m > today.y * 12 + today.m || y < 1900)
		return false;
	cs->y = y;
	cs->m = m;
	return true;
}

static enum ev
coverage_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct coverage_screen *cs = (struct coverage_screen *)s;

	if (k->fn && (k->code == KEY_LEFT || k->code == KEY_RIGHT)) {
		if (step_month(cs, k->code == KEY_LEFT ? -1 : 1))
			coverage_load(cs, app);
		return EV_HANDLED;
	}
	if (list_key(&cs->list, k, list_rows()))
		return EV_HANDLED;
	if ((!k->fn && k->code == TERM_ESC) || (k->fn && k->code == KEY_F(10)))
		return EV_BACK;
	return EV_IGNORED;
}

static void
coverage_free_screen(struct screen *s)
{
	struct coverage_screen *cs = (struct coverage_screen *)s;

	coverage_free(cs->rows, cs->nrows);
	free(cs);
}

static const struct screen_ops coverage_ops = {
	"coverage", coverage_draw, coverage_key, coverage_help, NULL,
	coverage_free_screen,
};

struct screen *
screen_coverage_new(struct app *app)
{
	struct coverage_screen *cs = term_xmalloc(sizeof *cs);
	struct ymd today = date_today();

	memset(cs, 0, sizeof *cs);
	cs->base.ops = &coverage_ops;
	cs->y = today.y;
	cs->m = today.m;
	coverage_load(cs, app);
	return &cs->base;
}
