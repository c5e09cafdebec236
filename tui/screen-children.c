/* screen-children.c: children under three: who needs a guidance session,
 * and search.
 *
 * With the search line empty the list is today's guidance-due list
 * (core/guidance-due.h: overdue first, then the oldest child); typing
 * searches every child instead (core/search.h: name, pinyin initials, ID
 * tail).  Enter records a session for the selected child.  Space marks
 * children — found one by one, or picked off the due list — and Enter
 * then records ONE session for all the marked (a parents' class). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/guidance-due.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/search.h"
#include "forms/editbuf.h"
#include "tui/app.h"
#include "tui/formview.h"
#include "tui/list.h"

#define QUERY_MAX 20
#define MAX_HITS 200
#define MARK_MAX 60		/* a class is a village's children */

#define COL_MARK 1
#define COL_NAME 5
#define W_NAME 12
#define COL_VILLAGE 18
#define W_VILLAGE 14
#define COL_AGE 33
#define W_AGE 8
#define COL_LAST 42
#define W_LAST 11
#define COL_DUE 54

struct mark {
	char uid[HEARTH_UID_MAX];
};

struct children {
	struct screen base;
	struct ymd today;
	struct guidance_due_item *due;
	size_t ndue;
	int overdue;
	struct editbuf query;
	struct search_hit hits[MAX_HITS];
	size_t nhits, total;
	struct list list;
	struct mark marks[MARK_MAX];
	size_t nmarks;
	struct help_key help[6];
};

static int
list_top(void)
{
	return draw_body_top() + 4;
}

static int
list_rows(void)
{
	return draw_body_end() - list_top();
}

static bool
searching(const struct children *s)
{
	return !editbuf_empty(&s->query);
}

static size_t
rows_n(const struct children *s)
{
	return searching(s) ? s->nhits : s->ndue;
}

static const char *
row_uid(const struct children *s, size_t i)
{
	return searching(s) ? s->hits[i].uid : s->due[i].uid;
}

static void
children_load(struct children *s, struct app *app)
{
	char *cause = NULL;
	size_t i;

	guidance_due_free(s->due, s->ndue);
	s->due = NULL;
	s->ndue = 0;
	s->overdue = 0;
	s->today = date_today();
	if (guidance_due_list(app->db, s->today, &s->due, &s->ndue,
	    &cause) == -1)
		app_error(app, &cause);
	for (i = 0; i < s->ndue; i++)
		if (s->due[i].overdue_days > 0)
			s->overdue++;
	list_reset(&s->list, rows_n(s));
}

static void
children_search(struct children *s, struct app *app)
{
	struct search_index *ix;

	s->nhits = s->total = 0;
	if (searching(s) && (ix = app_index(app)) != NULL) {
		s->total = search_run_kinds(ix, editbuf_text(&s->query),
		    SEARCH_CHILDREN, s->hits, MAX_HITS);
		s->nhits = s->total < MAX_HITS ? s->total : MAX_HITS;
	}
	s->list.sel = s->list.first = 0;
	list_reset(&s->list, rows_n(s));
}

static int
mark_find(const struct children *s, const char *uid)
{
	size_t i;

	for (i = 0; i < s->nmarks; i++)
		if (strcmp(s->marks[i].uid, uid) == 0)
			return (int)i;
	return -1;
}

/* The due-list entry of UID, or NULL (not due today). */
static const struct guidance_due_item *
due_of(const struct children *s, const char *uid)
{
	size_t i;

	for (i = 0; i < s->ndue; i++)
		if (strcmp(s->due[i].uid, uid) == 0)
			return &s->due[i];
	return NULL;
}

static void
draw_due_cell(const struct children *s, const struct guidance_due_item *it,
    int y, attr_t a)
{
	char text[64], day[11];

	if (it == NULL)
		text[0] = '\0';
	else if (it->overdue_days > 0) {
		snprintf(text, sizeof text, _("overdue %d days"),
		    it->overdue_days);
		a |= term_attr(ROLE_WARN);
	} else if (date_to_days(it->due_by) == date_to_days(s->today))
		snprintf(text, sizeof text, "%s", _("due today"));
	else {
		date_format(it->due_by, day);
		snprintf(text, sizeof text, _("by %s"), day);
	}
	draw_cell(y, COL_DUE, COLS - COL_DUE - 1, a, text);
}

static void
draw_row(struct children *s, struct app *app, size_t i, int y)
{
	attr_t a = i == s->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
	const char *uid = row_uid(s, i);
	const struct guidance_due_item *it = searching(s) ?
	    due_of(s, uid) : &s->due[i];
	char age[32], day[11];

	draw_cell(y, 0, COLS, a, "");
	draw_cell(y, COL_MARK, 3, a, mark_find(s, uid) >= 0 ? "[x]" : "[ ]");
	draw_cell(y, COL_NAME, W_NAME, a | A_BOLD, searching(s) ?
	    s->hits[i].name : it->name);
	draw_cell(y, COL_VILLAGE, W_VILLAGE, a, app_village(app, searching(s) ?
	    s->hits[i].division_code : it->division_code));
	if (it != NULL) {
		/* TRANSLATORS: a child's age in months; ≤ 8 columns. */
		snprintf(age, sizeof age, _("%d mo"), it->age_months);
		draw_cell(y, COL_AGE, W_AGE, a, age);
		if (it->last_session.y != 0)
			date_format(it->last_session, day);
		draw_cell(y, COL_LAST, W_LAST, a, it->last_session.y != 0 ?
		    day : _("none yet"));
	} else
		/* Not due: say where the child stands (在册, 结案, 迁出). */
		draw_cell(y, COL_AGE, W_AGE + 1 + W_LAST, a,
		    choice_display(CH_CHILD_STATUS, s->hits[i].status));
	draw_due_cell(s, it, y, a);
}

static void
children_draw(struct screen *scr, struct app *app)
{
	struct children *s = (struct children *)scr;
	int y = draw_body_top(), x = 1, cx, rows = list_rows(), r;
	attr_t hd = term_attr(ROLE_HEADER);
	char line[128];

	x += draw_text(y, x, COLS, A_BOLD, _("Find child:"));
	cx = formview_draw_edit(y, x + 1, 20, &s->query, true, false);
	app_cursor(app, y, cx);
	if (searching(s))
		snprintf(line, sizeof line, _("%zu found"), s->total);
	else if (s->overdue > 0)
		snprintf(line, sizeof line, _("Guidance due: %zu children "
		    "(%d overdue)"), s->ndue, s->overdue);
	else
		snprintf(line, sizeof line, _("Guidance due: %zu children"),
		    s->ndue);
	draw_text_cut(y + 1, 1, COLS - 2, A_BOLD, line);
	if (s->nmarks > 0) {
		snprintf(line, sizeof line, _("%zu marked: Enter records one "
		    "session for all"), s->nmarks);
		draw_text_cut(y + 2, 1, COLS - 2, term_attr(ROLE_OK), line);
	} else
		draw_text_cut(y + 2, 1, COLS - 2, term_attr(ROLE_HINT),
		    _("Type a name or pinyin initials; Space marks children "
		    "for a class"));
	draw_cell(y + 3, COL_NAME, W_NAME, hd, _("Name"));
	draw_cell(y + 3, COL_VILLAGE, W_VILLAGE, hd, _("Village"));
	draw_cell(y + 3, COL_AGE, W_AGE, hd, _("Age"));
	draw_cell(y + 3, COL_LAST, W_LAST, hd, _("Last session"));
	/* TRANSLATORS: column of when a child's guidance session is due
	 * (not the elders' "Due", which is a visit); ≤ 24 columns. */
	draw_cell(y + 3, COL_DUE, COLS - COL_DUE - 1, hd, _("Session due"));
	if (rows_n(s) == 0) {
		if (!searching(s))
			draw_text_cut(list_top() + 1, 2, COLS - 4,
			    term_attr(ROLE_OK), _("No child needs a session "
			    "now. Thank you!"));
		return;
	}
	list_fit(&s->list, rows);
	for (r = 0; r < rows && s->list.first + (size_t)r < rows_n(s); r++)
		draw_row(s, app, s->list.first + (size_t)r, list_top() + r);
}

static const struct help_key *
children_help(struct screen *scr, struct app *app, size_t *n)
{
	struct children *s = (struct children *)scr;

	(void)app;
	s->help[0] = (struct help_key){ "Enter", _("Record session") };
	/* TRANSLATORS: Space marks a child for a class; ≤ 4 columns. */
	s->help[1] = (struct help_key){ _("Space"), _("Mark") };
	s->help[2] = (struct help_key){ "F4", _("Details") };
	s->help[3] = (struct help_key){ "Esc", _("Back") };
	*n = 4;
	return s->help;
}

static void
mark_toggle(struct children *s, struct app *app)
{
	const char *uid;
	int i;

	if (rows_n(s) == 0)
		return;
	uid = row_uid(s, s->list.sel);
	if ((i = mark_find(s, uid)) >= 0)
		s->marks[i] = s->marks[--s->nmarks];
	else if (s->nmarks == MARK_MAX)
		app_message(app, MSG_ERROR, _("At most %d children in one "
		    "session"), MARK_MAX);
	else
		snprintf(s->marks[s->nmarks++].uid, HEARTH_UID_MAX, "%s", uid);
	/* On to the next child, as a ticked list is worked down. */
	if (s->list.sel + 1 < rows_n(s))
		s->list.sel++;
}

static enum ev
record(struct children *s, struct app *app)
{
	const char *list[MARK_MAX];
	const char *one;
	size_t i;

	if (s->nmarks > 0) {
		for (i = 0; i < s->nmarks; i++)
			list[i] = s->marks[i].uid;
		return app_open(app, screen_guidance_new(app, list,
		    s->nmarks));
	}
	if (rows_n(s) == 0)
		return EV_IGNORED;
	one = row_uid(s, s->list.sel);
	return app_open(app, screen_guidance_new(app, &one, 1));
}

static enum ev
children_key(struct screen *scr, struct app *app, const struct term_key *k)
{
	struct children *s = (struct children *)scr;

	if (list_key(&s->list, k, list_rows()))
		return EV_HANDLED;
	if (term_key_enter(k))
		return record(s, app);
	/* Names and initials hold no spaces: Space is free to mark. */
	if (!k->fn && k->code == ' ') {
		mark_toggle(s, app);
		return EV_HANDLED;
	}
	if (k->fn && k->code == KEY_F(4))
		return rows_n(s) > 0 ? app_open(app, screen_child_new(app,
		    row_uid(s, s->list.sel))) : EV_IGNORED;
	if (!k->fn && k->code == TERM_ESC) {
		if (!searching(s))
			return EV_BACK;
		editbuf_set(&s->query, "");
		children_search(s, app);
		return EV_HANDLED;
	}
	if (k->fn && k->code == KEY_F(10))
		return EV_HOME;
	if (formview_edit_key(&s->query, k)) {
		children_search(s, app);
		return EV_HANDLED;
	}
	return EV_IGNORED;
}

/* Back from a form: reload the due list.  A saved session (the form left
 * "saved" on the status line) used the marks up. */
static void
children_resume(struct screen *scr, struct app *app)
{
	struct children *s = (struct children *)scr;

	if (app->msg_kind == MSG_OK)
		s->nmarks = 0;
	children_load(s, app);
	if (searching(s))
		list_reset(&s->list, rows_n(s));
}

static void
children_free(struct screen *scr)
{
	struct children *s = (struct children *)scr;

	guidance_due_free(s->due, s->ndue);
	editbuf_free(&s->query);
	free(s);
}

static const struct screen_ops children_ops = {
	"children", children_draw, children_key, children_help,
	children_resume, children_free, NULL, NULL,
};

struct screen *
screen_children_new(struct app *app)
{
	struct children *s = term_xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->base.ops = &children_ops;
	if (editbuf_init(&s->query, QUERY_MAX) == -1)
		term_fatal("out of memory");
	children_load(s, app);
	return &s->base;
}
