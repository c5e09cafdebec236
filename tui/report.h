/* report.h: the views of the reports screen (F5 from home).
 *
 * The screen (tui/screen-coverage.c) owns the month, the line of tabs
 * and the keys that switch; a view loads its figures for one month and
 * draws them in the rows it is given, with plain characters only
 * (draw_bar's "[###...]" and digits) so a chart reads the same on
 * TERM=linux without colour as in a colour xterm.  The same figures are
 * on the command line as CSV: `hearth report coverage` (visits and
 * guidance) and `hearth report meals-by-day`.
 *
 * Views: report-visits.c (monthly visit rate per village),
 * report-guidance.c (parenting-guidance coverage per village), both drawn
 * by report-rate.c; report-meals.c (meals per day). */
#ifndef HEARTH_REPORT_H
#define HEARTH_REPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/coverage-group.h"
#include "tui/term.h"

struct app;
struct report_view;

struct report_view_ops {
	/* Figures for month Y-M; -1 with the error on the status line. */
	int (*load)(struct report_view *, struct app *, int y, int m);
	/* Draw month Y-M (loaded) in rows [TOP, END). */
	void (*draw)(struct report_view *, struct app *, int y, int m,
	    int top, int end);
	/* A key the screen did not take (scrolling); true if used. */
	bool (*key)(struct report_view *, const struct term_key *,
	    int top, int end);
	void (*free)(struct report_view *);
};

/* The first member of every view's own struct. */
struct report_view {
	const struct report_view_ops *ops;
	const char *label;	/* the tab's, an msgid (translated when drawn) */
};

struct report_view *report_visits_new(void);
struct report_view *report_guidance_new(void);
struct report_view *report_meals_new(void);

/* A rate per village (report-rate.c), told apart by what it counts. */
struct report_rate_kind {
	const char *label;		/* the tab, an msgid */
	const char *title;		/* msgid with "%d-%02d" for the month */
	const char *hint;		/* msgid: what is counted */
	const char *counts;		/* msgid above "served/all" */
	const char *rate;		/* msgid above the percentage */
	const char *empty;		/* msgid: no one to count at all */
	/* Village rows for month Y-M as core/coverage-group.h gives them. */
	int (*load)(sqlite3 *db, int y, int m, struct coverage_row **rows,
	    size_t *n, struct coverage_row *total, char **cause);
};

struct report_view *report_rate_new(const struct report_rate_kind *kind);

#endif
