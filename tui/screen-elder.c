/* screen-elder.c: one elder's record and visit history; Enter records a
 * visit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/elder.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/visit.h"
#include "tui/app.h"
#include "tui/list.h"

/* Visits shown: a year of weekly visits and then some. */
#define HISTORY_MAX 100

#define COL_TIME 1
#define W_TIME 17
#define COL_MODE 19
#define W_MODE 9
#define COL_MET 29
#define W_MET 5
#define COL_OUTCOME 35
#define W_OUTCOME 9
#define COL_SERVICES 45
#define W_SERVICES 22
#define COL_VISITOR 68

struct elder_screen {
	struct screen base;
	char uid[HEARTH_UID_MAX];
	bool loaded;
	struct elder e;
	struct visit *visits;
	size_t nvisits;
	struct list list;
	struct help_key help[4];
};

static int
list_top(void)
{
	return draw_body_top() + 7;
}

static int
list_rows(void)
{
	return draw_body_end() - list_top();
}

static void
elder_load(struct elder_screen *es, struct app *app)
{
	char *cause = NULL;
	int rc;

	visit_list_free(es->visits, es->nvisits);
	es->visits = NULL;
	es->nvisits = 0;
	elder_clear(&es->e);
	elder_init(&es->e);
	rc = elder_get(app->db, es->uid, &es->e, &cause);
	es->loaded = rc == 0;
	if (rc == 1)
		app_message(app, MSG_ERROR, "%s", _("This elder is no longer "
		    "in the register"));
	else if (rc == -1)
		app_error(app, &cause);
	if (es->loaded && visit_list(app->db, es->uid, HISTORY_MAX,
	    &es->visits, &es->nvisits, &cause) == -1)
		app_error(app, &cause);
	list_reset(&es->list, es->nvisits);
}

static void
draw_record(struct elder_screen *es, struct app *app, int y)
{
	const struct elder *e = &es->e;
	char line[160], id[24], *hardship;
	int x, age = date_age(e->birth, date_today());

	x = 1 + draw_text_cut(y, 1, 24, A_BOLD, e->name);
	snprintf(line, sizeof line, _("%s, %d years"),
	    e->gender >= 0 ? choice_display(CH_GENDER, e->gender) : "",
	    age);
	x += 2;
	x += draw_text(y, x, COLS - x, A_NORMAL, line) + 3;
	x = draw_pair(y, x, _("Tier"), choice_display(CH_RISK, e->risk_tier));
	draw_pair(y, x, _("Status"), choice_display(CH_STATUS, e->status));

	/* Volunteers see enough to tell people apart; workers, who fill in
	 * forms for the county, see the whole number. */
	if (app->user.role == ROLE_VOLUNTEER)
		draw_mask_id(e->id_number, id);
	else
		snprintf(id, sizeof id, "%s", e->id_number);
	x = draw_pair(y + 1, 1, _("ID number"), id);
	draw_pair(y + 1, x, _("Phone"), e->phone);
	snprintf(line, sizeof line, "%s %s",
	    e->emergency_contact ? e->emergency_contact : "",
	    e->emergency_phone ? e->emergency_phone : "");
	draw_pair(y + 2, 1, _("Emergency contact"), line);
	snprintf(line, sizeof line, "%s %s",
	    app_village(app, e->division_code),
	    e->address ? e->address : "");
	draw_pair(y + 3, 1, _("Address"), line);
	hardship = choice_join(CH_HARDSHIP, e->hardship, true);
	x = draw_pair(y + 4, 1, _("Hardship"), hardship);
	free(hardship);
	draw_pair(y + 4, x, _("Lives"),
	    e->living >= 0 ? choice_display(CH_LIVING, e->living) : NULL);
}

static void
draw_visit(struct elder_screen *es, size_t i, int y)
{
	const struct visit *v = &es->visits[i];
	attr_t a = i == es->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
	char when[17], *services;

	date_format_time(v->day, v->minutes, when);
	services = choice_join(CH_SERVICE, v->services, true);
	draw_cell(y, 0, COLS, a, "");
	draw_cell(y, COL_TIME, W_TIME, a, when);
	draw_cell(y, COL_MODE, W_MODE, a, choice_display(CH_VISIT_MODE,
	    v->mode));
	draw_cell(y, COL_MET, W_MET, a, choice_display(CH_YESNO,
	    v->contacted ? 0 : 1));
	draw_cell(y, COL_OUTCOME, W_OUTCOME, v->outcome == OUTCOME_RISK ?
	    a | term_attr(ROLE_WARN) : a, choice_display(CH_OUTCOME,
	    v->outcome));
	draw_cell(y, COL_SERVICES, W_SERVICES, a, services);
	draw_cell(y, COL_VISITOR, COLS - COL_VISITOR - 1, a, v->visitor);
	free(services);
}

static void
elder_draw(struct screen *s, struct app *app)
{
	struct elder_screen *es = (struct elder_screen *)s;
	int y = draw_body_top(), rows = list_rows(), r;
	attr_t hd = term_attr(ROLE_HEADER);
	char line[80];

	if (!es->loaded)
		return;
	draw_record(es, app, y);
	snprintf(line, sizeof line, _("Visits (%zu)"), es->nvisits);
	draw_text(y + 5, 1, COLS - 2, A_BOLD, line);
	draw_cell(y + 6, COL_TIME, W_TIME, hd, _("Time"));
	draw_cell(y + 6, COL_MODE, W_MODE, hd, _("Mode"));
	draw_cell(y + 6, COL_MET, W_MET, hd, _("Met"));
	draw_cell(y + 6, COL_OUTCOME, W_OUTCOME, hd, _("Outcome"));
	draw_cell(y + 6, COL_SERVICES, W_SERVICES, hd, _("Services"));
	draw_cell(y + 6, COL_VISITOR, COLS - COL_VISITOR - 1, hd,
	    _("Visitor"));
	if (es->nvisits == 0) {
		draw_text_cut(list_top(), 2, COLS - 4, term_attr(ROLE_HINT),
		    _("No visits yet"));
		return;
	}
	list_fit(&es->list, rows);
	for (r = 0; r < rows && es->list.first + (size_t)r < es->nvisits; r++)
		draw_visit(es, es->list.first + (size_t)r, list_top() + r);
}

static const struct help_key *
elder_help(struct screen *s, struct app *app, size_t *n)
{
	struct elder_screen *es = (struct elder_screen *)s;

	(void)app;
	es->help[0] = (struct help_key){ "Enter", _("Record visit") };
	es->help[1] = (struct help_key){ "↑↓", _("Visits") };
	es->help[2] = (struct help_key){ "Esc", _("Back") };
	es->help[3] = (struct help_key){ "F10", _("Home") };
	*n = 4;
	return es->help;
}

static enum ev
elder_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct elder_screen *es = (struct elder_screen *)s;

	if (list_key(&es->list, k, list_rows()))
		return EV_HANDLED;
	if (term_key_enter(k) && es->loaded)
		return app_open(app, screen_visit_new(app, es->uid));
	if ((!k->fn && k->code == TERM_ESC) || (k->fn && k->code == KEY_LEFT))
		return EV_BACK;
	if (k->fn && k->code == KEY_F(10))
		return EV_HOME;
	return EV_IGNORED;
}

static void
elder_resume(struct screen *s, struct app *app)
{
	elder_load((struct elder_screen *)s, app);
}

static void
elder_free(struct screen *s)
{
	struct elder_screen *es = (struct elder_screen *)s;

	visit_list_free(es->visits, es->nvisits);
	elder_clear(&es->e);
	free(es);
}

static const struct screen_ops elder_ops = {
	"elder", elder_draw, elder_key, elder_help, elder_resume, elder_free,
	NULL, NULL,
};

struct screen *
screen_elder_new(struct app *app, const char *uid)
{
	struct elder_screen *es = term_xmalloc(sizeof *es);

	memset(es, 0, sizeof *es);
	es->base.ops = &elder_ops;
	elder_init(&es->e);
	snprintf(es->uid, sizeof es->uid, "%s", uid);
	elder_load(es, app);
	if (!es->loaded) {
		elder_free(&es->base);
		return NULL;	/* the message says why */
	}
	return &es->base;
}
