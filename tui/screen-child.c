/* screen-child.c: one child's record, caregiver and guidance sessions;
 * Enter records a session for this child. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/date.h"
#include "core/guidance.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "tui/app.h"
#include "tui/list.h"

/* Sessions shown: three years of monthly sessions and classes. */
#define HISTORY_MAX 100

#define COL_TIME 1
#define W_TIME 17
#define COL_FORM 19
#define W_FORM 9
#define COL_AGE 29
#define W_AGE 7
#define COL_TOPICS 37
#define W_TOPICS 22
#define COL_PROVIDER 60

struct child_screen {
	struct screen base;
	char uid[HEARTH_UID_MAX];
	bool loaded;
	struct child c;
	struct guidance *sessions;
	size_t nsessions;
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
child_load(struct child_screen *cs, struct app *app)
{
	char *cause = NULL;
	int rc;

	guidance_list_free(cs->sessions, cs->nsessions);
	cs->sessions = NULL;
	cs->nsessions = 0;
	child_clear(&cs->c);
	rc = child_get(app->db, cs->uid, &cs->c, &cause);
	cs->loaded = rc == 0;
	if (rc == 1)
		app_message(app, MSG_ERROR, "%s", _("This child is no longer "
		    "in the register"));
	else if (rc == -1)
		app_error(app, &cause);
	if (cs->loaded && guidance_list(app->db, cs->uid, HISTORY_MAX,
	    &cs->sessions, &cs->nsessions, &cause) == -1)
		app_error(app, &cause);
	list_reset(&cs->list, cs->nsessions);
}

static void
draw_record(struct child_screen *cs, struct app *app, int y)
{
	const struct child *c = &cs->c;
	struct ymd today = date_today();
	char line[160], id[24], born[11], *flags;
	int x;

	x = 1 + draw_text_cut(y, 1, 24, A_BOLD, c->name);
	date_format(c->birth, born);
	snprintf(line, sizeof line, _("%s, born %s, %d months"),
	    c->gender >= 0 ? choice_display(CH_GENDER, c->gender) : "",
	    born, date_age_months(c->birth, today));
	x += 2;
	x += draw_text(y, x, COLS - x, A_NORMAL, line) + 3;
	draw_pair(y, x, _("Status"), choice_display(CH_CHILD_STATUS,
	    child_status_on(c, today)));

	/* As for elders: volunteers see enough to tell children apart. */
	if (app->user.role == ROLE_VOLUNTEER)
		draw_mask_id(c->id_number, id);
	else
		snprintf(id, sizeof id, "%s", c->id_number);
	x = draw_pair(y + 1, 1, _("ID number"), id);
	draw_pair(y + 1, x, _("Record"), c->meta.uid);
	snprintf(line, sizeof line, "%s %s %s", c->caregiver ? c->caregiver :
	    "", c->relation >= 0 ? choice_display(CH_RELATION, c->relation) :
	    "", c->caregiver_phone ? c->caregiver_phone : "");
	draw_pair(y + 2, 1, _("Caregiver"), line);
	snprintf(line, sizeof line, "%s %s",
	    app_village(app, c->division_code),
	    c->address ? c->address : "");
	draw_pair(y + 3, 1, _("Address"), line);
	flags = choice_join(CH_CHILD_FLAG, c->flags, true);
	draw_pair(y + 4, 1, _("Flags"), flags);
	free(flags);
}

static void
draw_session(struct child_screen *cs, size_t i, int y)
{
	const struct guidance *g = &cs->sessions[i];
	attr_t a = i == cs->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
	char when[17], age[32], *topics;

	date_format_time(g->day, g->minutes, when);
	topics = choice_join(CH_TOPIC, g->topics, true);
	if (g->age_months >= 0)
		snprintf(age, sizeof age, _("%d mo"), g->age_months);
	else
		age[0] = '\0';
	draw_cell(y, 0, COLS, a, "");
	draw_cell(y, COL_TIME, W_TIME, a, when);
	draw_cell(y, COL_FORM, W_FORM, a, choice_display(CH_GUIDANCE_FORM,
	    g->form));
	draw_cell(y, COL_AGE, W_AGE, a, age);
	draw_cell(y, COL_TOPICS, W_TOPICS, a, topics);
	draw_cell(y, COL_PROVIDER, COLS - COL_PROVIDER - 1, a, g->provider);
	free(topics);
}

static void
child_draw(struct screen *s, struct app *app)
{
	struct child_screen *cs = (struct child_screen *)s;
	int y = draw_body_top(), rows = list_rows(), r;
	attr_t hd = term_attr(ROLE_HEADER);
	char line[80];

	if (!cs->loaded)
		return;
	draw_record(cs, app, y);
	snprintf(line, sizeof line, _("Guidance sessions (%zu)"),
	    cs->nsessions);
	draw_text(y + 5, 1, COLS - 2, A_BOLD, line);
	draw_cell(y + 6, COL_TIME, W_TIME, hd, _("Held at"));
	draw_cell(y + 6, COL_FORM, W_FORM, hd, _("Form"));
	draw_cell(y + 6, COL_AGE, W_AGE, hd, _("Age"));
	draw_cell(y + 6, COL_TOPICS, W_TOPICS, hd, _("Topics"));
	draw_cell(y + 6, COL_PROVIDER, COLS - COL_PROVIDER - 1, hd,
	    _("Provider"));
	if (cs->nsessions == 0) {
		draw_text_cut(list_top(), 2, COLS - 4, term_attr(ROLE_HINT),
		    _("No guidance sessions yet"));
		return;
	}
	list_fit(&cs->list, rows);
	for (r = 0; r < rows && cs->list.first + (size_t)r < cs->nsessions;
	    r++)
		draw_session(cs, cs->list.first + (size_t)r, list_top() + r);
}

static const struct help_key *
child_help(struct screen *s, struct app *app, size_t *n)
{
	struct child_screen *cs = (struct child_screen *)s;

	(void)app;
	cs->help[0] = (struct help_key){ "Enter", _("Record session") };
	cs->help[1] = (struct help_key){ "↑↓", _("Sessions") };
	cs->help[2] = (struct help_key){ "Esc", _("Back") };
	cs->help[3] = (struct help_key){ "F10", _("Home") };
	*n = 4;
	return cs->help;
}

static enum ev
child_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct child_screen *cs = (struct child_screen *)s;
	const char *uid = cs->uid;

	if (list_key(&cs->list, k, list_rows()))
		return EV_HANDLED;
	if (term_key_enter(k) && cs->loaded)
		return app_open(app, screen_guidance_new(app, &uid, 1));
	if ((!k->fn && k->code == TERM_ESC) || (k->fn && k->code == KEY_LEFT))
		return EV_BACK;
	if (k->fn && k->code == KEY_F(10))
		return EV_HOME;
	return EV_IGNORED;
}

static void
child_resume(struct screen *s, struct app *app)
{
	child_load((struct child_screen *)s, app);
}

static void
child_screen_free(struct screen *s)
{
	struct child_screen *cs = (struct child_screen *)s;

	guidance_list_free(cs->sessions, cs->nsessions);
	child_clear(&cs->c);
	free(cs);
}

static const struct screen_ops child_ops = {
	"child", child_draw, child_key, child_help, child_resume,
	child_screen_free, NULL, NULL,
};

struct screen *
screen_child_new(struct app *app, const char *uid)
{
	struct child_screen *cs = term_xmalloc(sizeof *cs);

	memset(cs, 0, sizeof *cs);
	cs->base.ops = &child_ops;
	child_init(&cs->c);
	snprintf(cs->uid, sizeof cs->uid, "%s", uid);
	child_load(cs, app);
	if (!cs->loaded) {
		child_screen_free(&cs->base);
		return NULL;	/* the message says why */
	}
	return &cs->base;
}
