/* report-rate.c: a month's rate per village as a list of bars — the
 * visit rate and the guidance coverage are drawn alike, so a worker reads
 * both the same way.  The bar is always 0..100%: a rate scaled to its
 * largest value would make 60% look like success. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/list.h"
#include "tui/report.h"

#define COL_NAME 1
#define W_NAME 16
#define COL_BAR 18
/* Right of the bar: " 123/456  100.0%" */
#define W_FIGURES 17
#define W_COUNTS 9		/* " 123/456" ends here, after the bar */
#define ROWS_ABOVE 4		/* title, hint, total, header */

struct report_rate {
	struct report_view base;
	const struct report_rate_kind *kind;
	struct coverage_row *rows;
	size_t nrows;
	struct coverage_row total;
	bool loaded;
	struct list list;
};

static void
rate_clear(struct report_rate *r)
{
	coverage_free(r->rows, r->nrows);
	free(r->total.name);
	r->rows = NULL;
	r->nrows = 0;
	memset(&r->total, 0, sizeof r->total);
	r->loaded = false;
}

static int
rate_load(struct report_view *v, struct app *app, int y, int m)
{
	struct report_rate *r = (struct report_rate *)v;
	char *cause = NULL;

	rate_clear(r);
	if (r->kind->load(app->db, y, m, &r->rows, &r->nrows, &r->total,
	    &cause) != 0) {
		app_error(app, &cause);
		return -1;
	}
	r->loaded = true;
	r->list.sel = r->list.first = 0;
	list_reset(&r->list, r->nrows);
	return 0;
}

static int
bar_cols(void)
{
	return COLS - COL_BAR - W_FIGURES - 1;
}

static void
draw_row(int y, const char *name, const struct coverage_row *row, attr_t a)
{
	int bar = bar_cols(), p = coverage_permille(row);
	char figures[48], pct[16];

	draw_cell(y, COL_NAME, W_NAME, a, name);
	draw_bar(y, COL_BAR, bar, p);
	snprintf(figures, sizeof figures, "%d/%d", row->visited, row->total);
	draw_text_right(y, COL_BAR + bar + W_COUNTS, a, figures);
	draw_text_right(y, COL_BAR + bar + W_FIGURES, a,
	    draw_percent(p, pct));
}

static void
draw_header(struct report_rate *r, int y)
{
	int bar = bar_cols();
	attr_t hd = term_attr(ROLE_HEADER);

	draw_cell(y, COL_NAME, W_NAME, hd, _("Village"));
	draw_text_right(y, COL_BAR + bar + W_COUNTS, hd, _(r->kind->counts));
	draw_text_right(y, COL_BAR + bar + W_FIGURES, hd, _(r->kind->rate));
}

static void
rate_draw(struct report_view *v, struct app *app, int y, int m, int top,
    int end)
{
	struct report_rate *r = (struct report_rate *)v;
	int rows = end - top - ROWS_ABOVE, i;
	const struct coverage_row *row;
	char title[96];
	size_t k;

	snprintf(title, sizeof title, _(r->kind->title), y, m);
	draw_text(top, 1, COLS - 2, A_BOLD, title);
	draw_text_cut(top + 1, 1, COLS - 2, term_attr(ROLE_HINT),
	    _(r->kind->hint));
	if (!r->loaded)
		return;
	draw_row(top + 2, _("All villages"), &r->total, A_BOLD);
	if (r->nrows == 0) {
		draw_text_cut(top + ROWS_ABOVE, 2, COLS - 4,
		    term_attr(ROLE_HINT), _(r->kind->empty));
		return;
	}
	draw_header(r, top + 3);
	list_fit(&r->list, rows);
	for (i = 0; i < rows; i++) {
		k = r->list.first + (size_t)i;
		if (k >= r->nrows)
			break;
		row = &r->rows[k];
		draw_row(top + ROWS_ABOVE + i, row->name != NULL ? row->name :
		    app_village(app, row->code), row, k == r->list.sel ?
		    term_attr(ROLE_SELECTED) : A_NORMAL);
	}
}

static bool
rate_key(struct report_view *v, const struct term_key *k, int top, int end)
{
	struct report_rate *r = (struct report_rate *)v;

	return list_key(&r->list, k, end - top - ROWS_ABOVE);
}

static void
rate_free(struct report_view *v)
{
	struct report_rate *r = (struct report_rate *)v;

	rate_clear(r);
	free(r);
}

static const struct report_view_ops rate_ops = {
	rate_load, rate_draw, rate_key, rate_free,
};

struct report_view *
report_rate_new(const struct report_rate_kind *kind)
{
	struct report_rate *r = term_xmalloc(sizeof *r);

	memset(r, 0, sizeof *r);
	r->base.ops = &rate_ops;
	r->base.label = kind->label;
	r->kind = kind;
	return &r->base;
}
