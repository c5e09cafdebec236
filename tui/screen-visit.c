/* screen-visit.c: record a visit to one elder.
 *
 * The form opens filled with what most visits are (visit_init: now, home
 * visit, met in person, outcome normal), so the volunteer changes only
 * what differs.  "Saved" is said only after visit_save() has committed;
 * a failed save leaves every field as typed and shows why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/elder.h"
#include "core/i18n.h"
#include "core/visit.h"
#include "forms/visit-form.h"
#include "tui/app.h"
#include "tui/formview.h"

struct visit_screen {
	struct screen base;
	char *elder_name;
	char *village;
	struct visit v;
	struct form form;
	struct formview view;
	struct help_key help[5];
};

static void
visit_draw(struct screen *s, struct app *app)
{
	struct visit_screen *vs = (struct visit_screen *)s;
	int y = draw_body_top(), x = 1, cy, cx;
	char title[128];

	snprintf(title, sizeof title, _("Visit to %s"), vs->elder_name);
	x += draw_text_cut(y, x, 40, A_BOLD, title);
	x += 2;
	draw_text_cut(y, x, COLS - x - 1, term_attr(ROLE_HINT), vs->village);
	formview_draw(&vs->view, &vs->form, y + 2, draw_body_end(), &cy, &cx);
	app_cursor(app, cy, cx);
}

/* The keys of the focused field come first in the help line. */
static const struct help_key *
visit_help(struct screen *s, struct app *app, size_t *n)
{
	struct visit_screen *vs = (struct visit_screen *)s;
	const struct field_def *d = &vs->form.defs[vs->form.focus];
	size_t i = 0;

	(void)app;
	vs->help[i++] = (struct help_key){ "F2", _("Save") };
	vs->help[i++] = (struct help_key){ "Tab", _("Next") };
	switch (d->type) {
	case FIELD_CHOICE:
	case FIELD_YESNO:
		vs->help[i++] = (struct help_key){ "←→", _("Choose") };
		break;
	case FIELD_MULTI:
		vs->help[i++] = (struct help_key){ "←→", _("Move") };
		vs->help[i++] = (struct help_key){ _("Space"), _("Tick") };
		break;
	default:
		break;
	}
	vs->help[i++] = (struct help_key){ "Esc", _("Back") };
	*n = i;
	return vs->help;
}

static enum ev
save(struct visit_screen *vs, struct app *app)
{
	char *cause = NULL, when[17];
	enum kind_result rc;
	size_t bad = 0;

	/* The path `hearth add` and CSV import take too (forms/kind.h). */
	rc = kind_submit(&visit_kind, &vs->form, app->db, &vs->v,
	    app->user.login, &bad, &cause);
	if (rc == KIND_ERROR) {
		/* The form is untouched: nothing typed is lost. */
		form_focus(&vs->form, bad);
		app_error(app, &cause);
		return EV_HANDLED;
	}
	date_format_time(vs->v.day, vs->v.minutes, when);
	app_message(app, MSG_OK, rc == KIND_INSERTED ?
	    _("Saved: visit to %s, %s") : _("Saved (updated): visit to %s, %s"),
	    vs->elder_name, when);
	return EV_BACK;
}

static enum ev
visit_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct visit_screen *vs = (struct visit_screen *)s;
	enum ev ev;

	if ((ev = formview_esc(&vs->view, &vs->form, app, k)) != EV_IGNORED)
		return ev;
	if ((k->fn && k->code == KEY_F(2)) ||
	    (!k->fn && k->code == TERM_CTRL('s')))
		return save(vs, app);
	return formview_key(&vs->form, k) ? EV_HANDLED : EV_IGNORED;
}

static void
visit_free(struct screen *s)
{
	struct visit_screen *vs = (struct visit_screen *)s;

	form_free(&vs->form);
	visit_clear(&vs->v);
	free(vs->elder_name);
	free(vs->village);
	free(vs);
}

static const char *
visit_unsaved(struct screen *s)
{
	struct visit_screen *vs = (struct visit_screen *)s;

	if (!vs->form.changed)
		return NULL;
	/* TRANSLATORS: on the status line (≤ 78 columns); keep "y/N",
	 * the keys that answer it. */
	return _("The visit is not saved. Leave hearth anyway? (y/N)");
}

static const struct screen_ops visit_ops = {
	"visit", visit_draw, visit_key, visit_help, NULL, visit_free,
	visit_unsaved, NULL,
};

struct screen *
screen_visit_new(struct app *app, const char *elder_uid)
{
	struct visit_screen *vs = term_xmalloc(sizeof *vs);
	struct elder e;
	char *cause = NULL;
	int rc;

	memset(vs, 0, sizeof *vs);
	vs->base.ops = &visit_ops;
	elder_init(&e);
	if ((rc = elder_get(app->db, elder_uid, &e, &cause)) != 0) {
		if (rc == 1)
			app_message(app, MSG_ERROR, "%s", _("This elder is no "
			    "longer in the register"));
		else
			app_error(app, &cause);
		elder_clear(&e);
		free(vs);
		return NULL;
	}
	vs->elder_name = term_xstrdup(e.name);
	vs->village = term_xstrdup(app_village(app, e.division_code));
	elder_clear(&e);

	visit_init(&vs->v);
	snprintf(vs->v.elder_uid, sizeof vs->v.elder_uid, "%s", elder_uid);
	free(vs->v.visitor);
	vs->v.visitor = term_xstrdup(app_user_name(app));
	if (kind_form_init(&vs->form, &visit_kind) == -1 ||
	    form_load(&vs->form, &vs->v) == -1 ||
	    form_set_ref(&vs->form, "elder_id_number", elder_uid, NULL,
	    vs->elder_name) == -1)
		term_fatal("out of memory");
	return &vs->base;
}
