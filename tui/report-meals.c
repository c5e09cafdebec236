/* report-meals.c: the reports screen's third view, meals served per day
 * in the month (core/meal-report.h; CSV: `hearth report meals-by-day`).
 *
 * One bar a day, scaled to the busiest day, with the count (and the
 * day's subsidy when there is room) beside it.  A month is laid out in as
 * many columns as the rows need — two at 80×24 — so the whole month is
 * seen at once, without scrolling.  Saturdays and Sundays are marked by
 * their weekday (and bold).  The site is the one the station's canteen
 * works for (setting "canteen_site", its record number or its name), or
 * every site when none is set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/meal-report.h"
#include "core/money.h"
#include "core/site.h"
#include "tui/app.h"
#include "tui/report.h"

#define ROWS_ABOVE 3		/* title, summary, header */
#define W_DAY 2			/* "31" */
#define W_WEEKDAY 2		/* "六", "Sa" */
#define COL_BAR (W_DAY + 1 + W_WEEKDAY + 1)
#define COL_GAP 2		/* between two columns of days */
#define MIN_COL_COLS 30		/* narrower than this: fewer columns */
#define MIN_BAR 10		/* the subsidy goes before the bar does */

struct report_meals {
	struct report_view base;
	char site_uid[HEARTH_UID_MAX];	/* "" for every site */
	char *site_name;
	struct meal_tally days[31];
	int ndays;
	struct meal_tally month;	/* servings, portions, money */
	long most;			/* servings on the busiest day */
	bool loaded;
};

/* Weekday names, ISO order (Monday first). */
static const char *const weekday_name[7] = {
	/* TRANSLATORS: weekdays in the meals chart, Monday to Sunday;
	 * exactly 2 columns each (one Chinese character: 一 … 日). */
	N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"),
};

/* The canteen's site from the settings into M, or "" (every site).  A
 * site that is gone (deleted, renamed) falls back to every site rather
 * than to an empty chart. */
static void
meals_site(struct report_meals *rm, sqlite3 *db)
{
	char *key = db_setting_get(db, "canteen_site"), *cause = NULL;
	struct site s;

	rm->site_uid[0] = '\0';
	free(rm->site_name);
	rm->site_name = NULL;
	if (key == NULL || *key == '\0') {
		free(key);
		return;
	}
	if (site_get(db, key, &s, &cause) != 0) {
		site_clear(&s);
		free(cause);
		cause = NULL;
		if (site_get_by_name(db, key, &s, &cause) != 0) {
			site_clear(&s);
			free(cause);
			free(key);
			return;
		}
	}
	snprintf(rm->site_uid, sizeof rm->site_uid, "%s", s.meta.uid);
	rm->site_name = s.name;
	s.name = NULL;
	site_clear(&s);
	free(key);
}

static int
meals_load(struct report_view *v, struct app *app, int y, int m)
{
	struct report_meals *rm = (struct report_meals *)v;
	struct meal_tally *t;
	char *cause = NULL;
	int d;

	rm->loaded = false;
	meals_site(rm, app->db);
	if (meal_report_days(app->db, rm->site_uid[0] ? rm->site_uid : NULL,
	    y, m, rm->days, &rm->ndays, &cause) != 0) {
		app_error(app, &cause);
		return -1;
	}
	memset(&rm->month, 0, sizeof rm->month);
	rm->most = 0;
	for (d = 0; d < rm->ndays; d++) {
		t = &rm->days[d];
		rm->month.servings += t->servings;
		rm->month.portions += t->portions;
		rm->month.subsidy_fen += t->subsidy_fen;
		if (t->servings > rm->most)
			rm->most = t->servings;
	}
	rm->loaded = true;
	return 0;
}

/* Where the pieces of one column of days go, from its left edge. */
struct day_layout {
	int bar;		/* bar width, brackets included */
	int count_end;		/* the count ends here (exclusive) */
	int money_end;		/* the subsidy ends here; 0: not shown */
};

static int
digits(long long v)
{
	char buf[32];

	return snprintf(buf, sizeof buf, "%lld", v);
}

static struct day_layout
day_layout(const struct report_meals *rm, int col_cols)
{
	struct day_layout l;
	char money[MONEY_TEXT_MAX];
	long long most_fen = 0;
	int w_count = digits(rm->most), w_money, d;

	/* The count's heading may reach left over the bar's empty
	 * heading; the subsidy's must not run into the count's. */
	if (w_count < 3)
		w_count = 3;
	for (d = 0; d < rm->ndays; d++)
		if (rm->days[d].subsidy_fen > most_fen)
			most_fen = rm->days[d].subsidy_fen;
	money_format(most_fen, money);
	w_money = (int)strlen(money);
	if (w_money < draw_width(_("Subsidy")))
		w_money = draw_width(_("Subsidy"));
	l.bar = col_cols - COL_GAP - COL_BAR - 1 - w_count - 1 - w_money;
	if (l.bar >= MIN_BAR) {
		l.count_end = COL_BAR + l.bar + 1 + w_count;
		l.money_end = l.count_end + 1 + w_money;
		return l;
	}
	l.bar = col_cols - COL_GAP - COL_BAR - 1 - w_count;
	l.count_end = COL_BAR + l.bar + 1 + w_count;
	l.money_end = 0;
	return l;
}

static void
draw_day(const struct report_meals *rm, struct ymd day, long today, int row,
    int x, const struct day_layout *l)
{
	const struct meal_tally *t = &rm->days[day.d - 1];
	int wd = date_weekday(day);
	attr_t a = wd >= 6 ? A_BOLD : A_NORMAL;
	char text[MONEY_TEXT_MAX + 8];

	snprintf(text, sizeof text, "%2d", day.d);
	draw_text(row, x, W_DAY, a, text);
	draw_cell(row, x + W_DAY + 1, W_WEEKDAY, a, _(weekday_name[wd - 1]));
	/* Days still to come: no bar, not a row of zeros. */
	if (date_to_days(day) > today)
		return;
	draw_bar(row, x + COL_BAR, l->bar, rm->most > 0 ?
	    (int)(t->servings * 1000 / rm->most) : 0);
	snprintf(text, sizeof text, "%ld", t->servings);
	draw_text_right(row, x + l->count_end, A_NORMAL, text);
	if (l->money_end > 0) {
		money_format(t->subsidy_fen, text);
		draw_text_right(row, x + l->money_end, term_attr(ROLE_HINT),
		    text);
	}
}

static void
draw_summary(const struct report_meals *rm, int row)
{
	char line[160], money[MONEY_TEXT_MAX];

	if (rm->month.servings == 0) {
		draw_text_cut(row, 1, COLS - 2, term_attr(ROLE_HINT),
		    _("No meals recorded in this month"));
		return;
	}
	money_format(rm->month.subsidy_fen, money);
	snprintf(line, sizeof line,
	    _("%ld meals in the month, busiest day %ld; subsidy %s yuan"),
	    rm->month.servings, rm->most, money);
	draw_text_cut(row, 1, COLS - 2, A_NORMAL, line);
}

static void
draw_headers(const struct day_layout *l, int ncol, int col_cols, int row)
{
	attr_t hd = term_attr(ROLE_HEADER);
	int c, x;

	for (c = 0; c < ncol; c++) {
		x = 1 + c * col_cols;
		/* TRANSLATORS: above the day of the month; ≤ 5 columns. */
		draw_text(row, x, COL_BAR, hd, _("Day"));
		/* TRANSLATORS: above the number of meals served that day
		 * (a serving is one meal for one elder), right-aligned;
		 * ≤ 6 columns. */
		draw_text_right(row, x + l->count_end, hd, _("Servings"));
		if (l->money_end > 0)
			/* TRANSLATORS: above the day's subsidy in yuan,
			 * right-aligned; ≤ 6 columns. */
			draw_text_right(row, x + l->money_end, hd,
			    _("Subsidy"));
	}
}

static void
meals_draw(struct report_view *v, struct app *app, int y, int m, int top,
    int end)
{
	struct report_meals *rm = (struct report_meals *)v;
	int rows = end - top - ROWS_ABOVE, ncol, max_col, col_cols, per, d;
	long today = date_to_days(date_today());
	struct day_layout l;
	char title[160];

	(void)app;
	if (rm->site_name != NULL)
		snprintf(title, sizeof title, _("Meals per day, %d-%02d, %s"),
		    y, m, rm->site_name);
	else
		snprintf(title, sizeof title, _("Meals per day, %d-%02d, all "
		    "sites"), y, m);
	draw_text_cut(top, 1, COLS - 2, A_BOLD, title);
	if (!rm->loaded || rows < 1 || rm->ndays == 0)
		return;
	draw_summary(rm, top + 1);
	/* As many columns as the days need, as long as each stays wide
	 * enough for a bar; days that still do not fit are left off (the
	 * screen is at least 80×24, where two columns hold any month). */
	ncol = (rm->ndays + rows - 1) / rows;
	max_col = (COLS - 1) / MIN_COL_COLS;
	if (ncol > max_col)
		ncol = max_col > 0 ? max_col : 1;
	col_cols = (COLS - 1) / ncol;
	per = (rm->ndays + ncol - 1) / ncol;
	if (per > rows)
		per = rows;
	l = day_layout(rm, col_cols);
	draw_headers(&l, ncol, col_cols, top + 2);
	for (d = 0; d < rm->ndays && d / per < ncol; d++)
		draw_day(rm, (struct ymd){ y, m, d + 1 }, today,
		    top + ROWS_ABOVE + d % per, 1 + d / per * col_cols, &l);
}

static bool
meals_key(struct report_view *v, const struct term_key *k, int top,
    int end)
{
	(void)v;
	(void)k;
	(void)top;
	(void)end;
	return false;
}

static void
meals_free(struct report_view *v)
{
	struct report_meals *rm = (struct report_meals *)v;

	free(rm->site_name);
	free(rm);
}

static const struct report_view_ops meals_ops = {
	meals_load, meals_draw, meals_key, meals_free,
};

struct report_view *
report_meals_new(void)
{
	struct report_meals *rm = term_xmalloc(sizeof *rm);

	memset(rm, 0, sizeof *rm);
	rm->base.ops = &meals_ops;
	/* TRANSLATORS: a tab of the reports screen; ≤ 12 columns. */
	rm->base.label = N_("Meals per day");
	return &rm->base;
}
