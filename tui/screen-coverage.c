/* screen-coverage.c: the reports screen (F5 from home) — a line of tabs
 * over one view of tui/report.h: the visit rate, the guidance coverage
 * and the meals per day.  Tab (or 1, 2, 3) switches the view, Left/Right
 * go to the previous/next month in every view, never past this one.
 *
 * The month belongs to the screen, not to a view, so a worker comparing
 * May's visits with May's meals does not have to find May twice.  A view
 * is loaded when it is shown for a month it has not loaded yet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "tui/app.h"
#include "tui/report.h"

#define N_VIEWS 3

struct reports_screen {
	struct screen base;
	int y, m;			/* the month shown */
	struct report_view *views[N_VIEWS];
	int loaded[N_VIEWS];		/* y * 12 + m loaded, or 0 */
	int cur;
	struct help_key help[5];
};

/* The view's rows: below the tabs. */
static int
view_top(void)
{
	return draw_body_top() + 1;
}

static void
reports_show(struct reports_screen *rs, struct app *app)
{
	struct report_view *v = rs->views[rs->cur];
	int month = rs->y * 12 + rs->m;

	if (rs->loaded[rs->cur] == month)
		return;
	/* A failed load is not retried on every key: the message stays
	 * until the month or the view changes. */
	v->ops->load(v, app, rs->y, rs->m);
	rs->loaded[rs->cur] = month;
}

/* "[1 Visit rate]  2 Guidance  3 Meals per day": the brackets mark the
 * view shown where reverse video is not to be seen. */
static void
draw_tabs(struct reports_screen *rs, int row)
{
	char tab[96];
	int x = 1, i, w;

	draw_fill(row, 0, COLS, A_NORMAL);
	for (i = 0; i < N_VIEWS && x < COLS - 1; i++) {
		snprintf(tab, sizeof tab, i == rs->cur ? "[%d %s]" : " %d %s ",
		    i + 1, _(rs->views[i]->label));
		w = draw_text_cut(row, x, COLS - 1 - x, i == rs->cur ?
		    term_attr(ROLE_SELECTED) | A_BOLD : A_NORMAL, tab);
		x += w + 1;
	}
}

static void
reports_draw(struct screen *s, struct app *app)
{
	struct reports_screen *rs = (struct reports_screen *)s;
	struct report_view *v = rs->views[rs->cur];

	draw_tabs(rs, draw_body_top());
	v->ops->draw(v, app, rs->y, rs->m, view_top(), draw_body_end());
}

static const struct help_key *
reports_help(struct screen *s, struct app *app, size_t *n)
{
	struct reports_screen *rs = (struct reports_screen *)s;

	(void)app;
	/* TRANSLATORS: the key that shows the next report; ≤ 8 columns. */
	rs->help[0] = (struct help_key){ "Tab", _("Next report") };
	rs->help[1] = (struct help_key){ "←→", _("Month") };
	rs->help[2] = (struct help_key){ "↑↓", _("Scroll") };
	rs->help[3] = (struct help_key){ "Esc", _("Back") };
	*n = 4;
	return rs->help;
}

/* Step the month by DIR; never past the current one. */
static bool
step_month(struct reports_screen *rs, int dir)
{
	struct ymd today = date_today();
	int y = rs->y, m = rs->m + dir;

	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	if (y * 12 + m > today.y * 12 + today.m || y < 1900)
		return false;
	rs->y = y;
	rs->m = m;
	return true;
}

/* The view K asks for (Tab, Shift-Tab, 1..3), or -1. */
static int
view_for_key(const struct reports_screen *rs, const struct term_key *k)
{
	if (!k->fn && k->code == '\t')
		return (rs->cur + 1) % N_VIEWS;
	if (k->fn && k->code == KEY_BTAB)
		return (rs->cur + N_VIEWS - 1) % N_VIEWS;
	if (!k->fn && k->code >= '1' && k->code < '1' + N_VIEWS)
		return k->code - '1';
	return -1;
}

static enum ev
reports_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct reports_screen *rs = (struct reports_screen *)s;
	struct report_view *v = rs->views[rs->cur];
	int next = view_for_key(rs, k);

	if (next >= 0) {
		rs->cur = next;
		reports_show(rs, app);
		return EV_HANDLED;
	}
	if (k->fn && (k->code == KEY_LEFT || k->code == KEY_RIGHT)) {
		if (step_month(rs, k->code == KEY_LEFT ? -1 : 1))
			reports_show(rs, app);
		return EV_HANDLED;
	}
	if (v->ops->key(v, k, view_top(), draw_body_end()))
		return EV_HANDLED;
	if ((!k->fn && k->code == TERM_ESC) || (k->fn && k->code == KEY_F(10)))
		return EV_BACK;
	return EV_IGNORED;
}

static void
reports_free(struct screen *s)
{
	struct reports_screen *rs = (struct reports_screen *)s;
	int i;

	for (i = 0; i < N_VIEWS; i++)
		rs->views[i]->ops->free(rs->views[i]);
	free(rs);
}

static const struct screen_ops reports_ops = {
	"reports", reports_draw, reports_key, reports_help, NULL,
	reports_free, NULL, NULL,
};

struct screen *
screen_coverage_new(struct app *app)
{
	struct reports_screen *rs = term_xmalloc(sizeof *rs);
	struct ymd today = date_today();

	memset(rs, 0, sizeof *rs);
	rs->base.ops = &reports_ops;
	rs->y = today.y;
	rs->m = today.m;
	rs->views[0] = report_visits_new();
	rs->views[1] = report_guidance_new();
	rs->views[2] = report_meals_new();
	reports_show(rs, app);
	return &rs->base;
}
