/* screen-home.c: this month's rate, the sync backlog and today's due
 * list.
 *
 * The fast path of the whole program: arrow to an elder, Enter, (edit),
 * F2 — the visit form opens already filled with now, home visit, met in
 * person, outcome normal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/date.h"
#include "core/due.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/outbox.h"
#include "core/sync.h"
#include "tui/app.h"
#include "tui/list.h"

/* Column layout at 80 columns; the due column takes what is left. */
#define COL_NAME 1
#define W_NAME 12
#define COL_VILLAGE 14
#define W_VILLAGE 16
#define COL_TIER 31
#define W_TIER 6
#define COL_LAST 38
#define W_LAST 12
#define COL_DUE 51

struct home {
	struct screen base;
	struct ymd today;
	struct due_item *items;
	size_t nitems;
	int overdue;			/* how many are overdue */
	struct coverage_row total;	/* this month, all villages */
	bool have_total;
	/* When a hub is set (sync.hub_url): the backlog and how the last
	 * sync went, read from the database only; "" otherwise. */
	char sync[288];
	bool sync_failed;
	struct list list;
	struct help_key help[8];
};

/* The row of the "To visit" line: below the sync line when there is
 * one. */
static int
todo_row(const struct home *h)
{
	return draw_body_top() + (h->sync[0] != '\0' ? 2 : 1);
}

/* First row of the list and how many rows it has. */
static int
list_top(const struct home *h)
{
	return todo_row(h) + 2;
}

static int
list_rows(const struct home *h)
{
	return draw_body_end() - list_top(h);
}

/* "MM-DD HH:MM" of a stored local "YYYY-MM-DD HH:MM:SS" (else as it
 * is). */
static void
short_time(const char *ts, char out[HEARTH_TS_MAX])
{
	if (strlen(ts) >= 16 && ts[4] == '-' && ts[10] == ' ')
		snprintf(out, HEARTH_TS_MAX, "%.11s", ts + 5);
	else
		snprintf(out, HEARTH_TS_MAX, "%s", ts);
}

/* The sync line: nothing unless a hub is set.  No network: the outbox
 * and what the last `hearth sync` left in the settings. */
static void
sync_load(struct home *h, struct app *app)
{
	struct outbox_status st;
	char *url, *ok, *err, *err_at, *kind, *cause = NULL;
	char backlog[96], last[160], when[HEARTH_TS_MAX];
	const char *why;

	h->sync[0] = '\0';
	h->sync_failed = false;
	url = db_setting_get(app->db, SYNC_KEY_HUB_URL);
	if (url == NULL || *url == '\0' ||
	    outbox_status(app->db, &st, &cause) != 0) {
		free(url);
		free(cause);	/* an old file: the line is only a hint */
		return;
	}
	free(url);
	/* TRANSLATORS: the home screen's sync line is "BACKLOG · LAST"
	 * from the strings below; keep the whole under 78 columns
	 * (39 Chinese characters) with the longest reason. */
	if (st.pending + st.unacked_records > 0)
		snprintf(backlog, sizeof backlog, _("Records to upload: %ld"),
		    st.pending + st.unacked_records);
	else
		snprintf(backlog, sizeof backlog, "%s",
		    _("Nothing to upload"));
	ok = db_setting_get(app->db, SYNC_KEY_LAST_OK);
	err = db_setting_get(app->db, SYNC_KEY_LAST_ERROR);
	err_at = db_setting_get(app->db, SYNC_KEY_LAST_ERROR_AT);
	kind = db_setting_get(app->db, SYNC_KEY_LAST_RESULT);
	if (err != NULL && *err != '\0') {
		h->sync_failed = true;
		short_time(err_at != NULL ? err_at : "", when);
		why = kind == NULL ? NULL :
		    strcmp(kind, "network") == 0 ? _("cannot reach the hub") :
		    strcmp(kind, "token") == 0 ? _("the hub refused the token") :
		    strcmp(kind, "refused") == 0 ? _("the hub refused a batch") :
		    strcmp(kind, "local") == 0 ? _("station database error") :
		    strcmp(kind, "roster") == 0 ?
		    _("the roster could not be updated") : NULL;
		if (why != NULL)
			snprintf(last, sizeof last, _("last sync %s failed: %s"),
			    when, why);
		else
			snprintf(last, sizeof last, _("last sync %s failed"),
			    when);
	} else if (ok != NULL && *ok != '\0') {
		short_time(ok, when);
		snprintf(last, sizeof last, _("last sync %s succeeded"), when);
	} else
		snprintf(last, sizeof last, "%s", _("not synced yet"));
	snprintf(h->sync, sizeof h->sync, "%s · %s", backlog, last);
	free(ok);
	free(err);
	free(err_at);
	free(kind);
}

/* Load (or reload) everything the screen shows.  The selection stays on
 * the same elder while they are still due; once visited (here or from
 * another session) it rests on whoever is now in their row. */
static void
home_load(struct home *h, struct app *app)
{
	struct coverage_row *rows = NULL;
	char *cause = NULL, sel[HEARTH_UID_MAX] = "";
	size_t n = 0, i;

	if (h->nitems > 0)
		snprintf(sel, sizeof sel, "%s", h->items[h->list.sel].uid);
	due_free(h->items, h->nitems);
	h->items = NULL;
	h->nitems = 0;
	h->overdue = 0;
	h->today = date_today();
	if (due_list(app->db, h->today, &h->items, &h->nitems, &cause) == -1)
		app_error(app, &cause);
	for (i = 0; i < h->nitems; i++) {
		if (h->items[i].overdue_days > 0)
			h->overdue++;
		if (strcmp(h->items[i].uid, sel) == 0)
			h->list.sel = i;
	}
	list_reset(&h->list, h->nitems);
	sync_load(h, app);
	h->have_total = coverage_month(app->db, h->today.y, h->today.m,
	    COV_VILLAGE, &rows, &n, &h->total, &cause) == 0;
	if (h->have_total)
		coverage_free(rows, n);
	else
		app_error(app, &cause);
}

static void
draw_rate(struct home *h, int y)
{
	char line[128], pct[16];
	int x = 1;

	x += draw_text(y, x, COLS, A_BOLD, _("This month's visit rate"));
	x++;
	if (!h->have_total)
		return;
	x += draw_text(y, x, COLS - x, A_BOLD,
	    draw_percent(coverage_permille(&h->total), pct));
	snprintf(line, sizeof line, _("  %d of %d elders visited"),
	    h->total.visited, h->total.total);
	x += draw_text(y, x, COLS - x, A_NORMAL, line);
	if (COLS - x > 12)
		draw_bar(y, x + 2, COLS - x - 3 < 40 ? COLS - x - 3 : 40,
		    coverage_permille(&h->total));
}

static void
draw_due_cell(const struct due_item *it, struct ymd today, int y, attr_t a)
{
	char text[64], day[11];

	if (it->overdue_days > 0) {
		snprintf(text, sizeof text, _("overdue %d days"),
		    it->overdue_days);
		a |= term_attr(ROLE_WARN);
	} else if (date_to_days(it->due_by) == date_to_days(today))
		snprintf(text, sizeof text, "%s", _("due today"));
	else {
		date_format(it->due_by, day);
		snprintf(text, sizeof text, _("by %s"), day);
	}
	draw_cell(y, COL_DUE, COLS - COL_DUE - 1, a, text);
}

static void
draw_item(struct home *h, struct app *app, size_t i, int y)
{
	const struct due_item *it = &h->items[i];
	attr_t a = i == h->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
	char day[11];

	draw_cell(y, 0, COLS, a, "");
	draw_cell(y, COL_NAME, W_NAME, a | A_BOLD, it->name);
	draw_cell(y, COL_VILLAGE, W_VILLAGE, a,
	    app_village(app, it->division_code));
	draw_cell(y, COL_TIER, W_TIER, a,
	    choice_display(CH_RISK, it->risk_tier));
	if (it->last_visit.y != 0)
		date_format(it->last_visit, day);
	draw_cell(y, COL_LAST, W_LAST, a,
	    it->last_visit.y != 0 ? day : _("never"));
	draw_due_cell(it, h->today, y, a);
}

static void
home_draw(struct screen *s, struct app *app)
{
	struct home *h = (struct home *)s;
	char line[128];
	int y = todo_row(h) - 1, rows = list_rows(h), r;
	attr_t hd = term_attr(ROLE_HEADER);

	draw_rate(h, draw_body_top());
	if (h->sync[0] != '\0')
		draw_text_cut(draw_body_top() + 1, 1, COLS - 2,
		    h->sync_failed ? term_attr(ROLE_WARN) :
		    term_attr(ROLE_HINT), h->sync);
	if (h->overdue > 0)
		snprintf(line, sizeof line,
		    _("To visit: %zu elders (%d overdue)"), h->nitems,
		    h->overdue);
	else
		snprintf(line, sizeof line, _("To visit: %zu elders"),
		    h->nitems);
	draw_text(y + 1, 1, COLS - 2, A_BOLD, line);
	draw_cell(y + 2, COL_NAME, W_NAME, hd, _("Name"));
	draw_cell(y + 2, COL_VILLAGE, W_VILLAGE, hd, _("Village"));
	draw_cell(y + 2, COL_TIER, W_TIER, hd, _("Tier"));
	draw_cell(y + 2, COL_LAST, W_LAST, hd, _("Last visit"));
	draw_cell(y + 2, COL_DUE, COLS - COL_DUE - 1, hd, _("Due"));
	if (h->nitems == 0) {
		if (h->have_total && h->total.total == 0)
			draw_text_cut(list_top(h) + 1, 2, COLS - 4,
			    term_attr(ROLE_HINT),
			    _("No elders on the register yet"));
		else
			draw_text_cut(list_top(h) + 1, 2, COLS - 4,
			    term_attr(ROLE_OK),
			    _("Everyone has been visited. Thank you!"));
		return;
	}
	list_fit(&h->list, rows);
	for (r = 0; r < rows && h->list.first + (size_t)r < h->nitems; r++)
		draw_item(h, app, h->list.first + (size_t)r, list_top(h) + r);
}

static const struct help_key *
home_help(struct screen *s, struct app *app, size_t *n)
{
	struct home *h = (struct home *)s;

	h->help[0] = (struct help_key){ "Enter", _("Record visit") };
	h->help[1] = (struct help_key){ "F4", _("Details") };
	h->help[2] = (struct help_key){ "/", _("Find elder") };
	/* TRANSLATORS: F5 on the home screen: visit rate, guidance
	 * coverage and meals per day; ≤ 4 columns. */
	h->help[3] = (struct help_key){ "F5", _("Reports") };
	/* TRANSLATORS: F6 opens the canteen counter; ≤ 4 columns. */
	h->help[4] = (struct help_key){ "F6", _("Canteen") };
	/* TRANSLATORS: F7 opens children under three and parenting
	 * guidance; ≤ 4 columns. */
	h->help[5] = (struct help_key){ "F7", _("Children") };
	h->help[6] = (struct help_key){ "F10", app->opt.kiosk ?
	    _("Log out") : _("Quit") };
	*n = 7;
	return h->help;
}

static const char *
selected_uid(struct home *h)
{
	return h->nitems > 0 ? h->items[h->list.sel].uid : NULL;
}

static enum ev
home_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct home *h = (struct home *)s;
	const char *uid = selected_uid(h);
	int c = k->code;

	if (list_key(&h->list, k, list_rows(h)))
		return EV_HANDLED;
	if (term_key_enter(k))
		return uid ? app_open(app, screen_visit_new(app, uid)) :
		    EV_IGNORED;
	if ((k->fn && (c == KEY_F(4) || c == KEY_RIGHT)) ||
	    (!k->fn && c == 'd'))
		return uid ? app_open(app, screen_elder_new(app, uid)) :
		    EV_IGNORED;
	if ((k->fn && c == KEY_F(3)) || (!k->fn && (c == '/' || c == 'f')))
		return app_open(app, screen_search_new(app));
	if (k->fn && c == KEY_F(6))
		return app_open(app, screen_canteen_new(app));
	if (k->fn && c == KEY_F(7))
		return app_open(app, screen_children_new(app));
	if ((k->fn && c == KEY_F(5)) || (!k->fn && c == 'c'))
		return app_open(app, screen_coverage_new(app));
	if ((k->fn && c == KEY_F(10)) || (!k->fn && c == 'q'))
		return app->opt.kiosk ? EV_LOGOUT : app_ask_quit(app);
	return EV_IGNORED;
}

/* Back on top, and now and then while idle: other sessions (a second
 * SSH login, a sync) record visits too, and the list must not offer
 * elders already seen.  A few indexed queries of this station's own
 * records; no network. */
static void
home_resume(struct screen *s, struct app *app)
{
	home_load((struct home *)s, app);
}

static void
home_free(struct screen *s)
{
	struct home *h = (struct home *)s;

	due_free(h->items, h->nitems);
	free(h);
}

static const struct screen_ops home_ops = {
	"home", home_draw, home_key, home_help, home_resume, home_free, NULL,
	home_resume,
};

struct screen *
screen_home_new(struct app *app)
{
	struct home *h = term_xmalloc(sizeof *h);

	memset(h, 0, sizeof *h);
	h->base.ops = &home_ops;
	home_load(h, app);
	return &h->base;
}
