/* screen-guidance.c: record one parenting-guidance session for one child
 * or for several at once (a parents' class, the children marked on the
 * list).
 *
 * The form is the guidance kind's (forms/guidance-form.c) drawn by
 * formview; it opens filled as most sessions are (now, a home visit, the
 * provider who logged in).  "Saved" is said only after
 * guidance_save_session() has committed, for all the children or none; a
 * failed save leaves every field as typed and shows why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/i18n.h"
#include "forms/guidance-form.h"
#include "tui/app.h"
#include "tui/formview.h"

struct guidance_screen {
	struct screen base;
	char (*uids)[HEARTH_UID_MAX];
	const char **list;	/* pointers into uids, for the save */
	size_t n;
	char *names;		/* "王小宝、张丫丫", for the title */
	struct guidance g;
	struct form form;
	struct formview view;
	struct help_key help[6];
};

static void
guidance_draw(struct screen *s, struct app *app)
{
	struct guidance_screen *gs = (struct guidance_screen *)s;
	int y = draw_body_top(), x = 1, cy, cx;
	char title[80];

	if (gs->n == 1)
		snprintf(title, sizeof title, "%s", _("Guidance for"));
	else
		snprintf(title, sizeof title, _("One session for %zu children:"),
		    gs->n);
	x += draw_text(y, x, COLS - 2, A_BOLD, title);
	x++;
	draw_text_cut(y, x, COLS - x - 1, A_BOLD, gs->names);
	formview_draw(&gs->view, &gs->form, y + 2, draw_body_end(), &cy, &cx);
	app_cursor(app, cy, cx);
}

/* The keys of the focused field come first in the help line. */
static const struct help_key *
guidance_help(struct screen *s, struct app *app, size_t *n)
{
	struct guidance_screen *gs = (struct guidance_screen *)s;
	const struct field_def *d = &gs->form.defs[gs->form.focus];
	size_t i = 0;

	(void)app;
	gs->help[i++] = (struct help_key){ "F2", _("Save") };
	gs->help[i++] = (struct help_key){ "Tab", _("Next") };
	switch (d->type) {
	case FIELD_CHOICE:
	case FIELD_YESNO:
		gs->help[i++] = (struct help_key){ "←→", _("Choose") };
		break;
	case FIELD_MULTI:
		gs->help[i++] = (struct help_key){ "←→", _("Move") };
		gs->help[i++] = (struct help_key){ _("Space"), _("Tick") };
		break;
	default:
		break;
	}
	gs->help[i++] = (struct help_key){ "Esc", _("Back") };
	*n = i;
	return gs->help;
}

static enum ev
save(struct guidance_screen *gs, struct app *app)
{
	char *cause = NULL, when[17];
	enum kind_result rc;
	size_t bad = 0;

	/* One transaction for every child: all are saved or none. */
	rc = kind_submit_group(&guidance_kind, &gs->form, app->db, &gs->g,
	    gs->list, gs->n, app->user.login, &bad, &cause);
	if (rc == KIND_ERROR) {
		/* The form is untouched: nothing typed is lost. */
		form_focus(&gs->form, bad);
		app_error(app, &cause);
		return EV_HANDLED;
	}
	date_format_time(gs->g.day, gs->g.minutes, when);
	if (gs->n == 1)
		app_message(app, MSG_OK, _("Saved: guidance for %s, %s"),
		    gs->names, when);
	else
		app_message(app, MSG_OK, _("Saved: one session for %zu "
		    "children, %s"), gs->n, when);
	return EV_BACK;
}

static enum ev
guidance_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct guidance_screen *gs = (struct guidance_screen *)s;
	enum ev ev;

	if ((ev = formview_esc(&gs->view, &gs->form, app, k)) != EV_IGNORED)
		return ev;
	if ((k->fn && k->code == KEY_F(2)) ||
	    (!k->fn && k->code == TERM_CTRL('s')))
		return save(gs, app);
	return formview_key(&gs->form, k) ? EV_HANDLED : EV_IGNORED;
}

static void
guidance_free(struct screen *s)
{
	struct guidance_screen *gs = (struct guidance_screen *)s;

	form_free(&gs->form);
	guidance_clear(&gs->g);
	free(gs->uids);
	free(gs->list);
	free(gs->names);
	free(gs);
}

static const char *
guidance_unsaved(struct screen *s)
{
	struct guidance_screen *gs = (struct guidance_screen *)s;

	if (!gs->form.changed)
		return NULL;
	/* TRANSLATORS: on the status line (≤ 78 columns); keep "y/N",
	 * the keys that answer it. */
	return _("The guidance session is not saved. Leave hearth anyway? "
	    "(y/N)");
}

static const struct screen_ops guidance_ops = {
	"guidance", guidance_draw, guidance_key, guidance_help, NULL,
	guidance_free, guidance_unsaved, NULL,
};

/* Append NAME to the title's list. */
static void
add_name(struct guidance_screen *gs, const char *name)
{
	size_t len = gs->names != NULL ? strlen(gs->names) : 0;
	char *more = term_xmalloc(len + strlen(name) + sizeof "、");

	snprintf(more, len + strlen(name) + sizeof "、", "%s%s%s",
	    len > 0 ? gs->names : "", len > 0 ? "、" : "", name);
	free(gs->names);
	gs->names = more;
}

struct screen *
screen_guidance_new(struct app *app, const char *const *uids, size_t n)
{
	struct guidance_screen *gs;
	char *cause = NULL;
	struct child c;
	size_t i;
	int rc;

	if (n == 0)
		return NULL;
	gs = term_xmalloc(sizeof *gs);
	memset(gs, 0, sizeof *gs);
	gs->base.ops = &guidance_ops;
	gs->uids = term_xmalloc(n * sizeof *gs->uids);
	gs->list = term_xmalloc(n * sizeof *gs->list);
	gs->n = n;
	guidance_init(&gs->g);
	for (i = 0; i < n; i++) {
		snprintf(gs->uids[i], HEARTH_UID_MAX, "%s", uids[i]);
		gs->list[i] = gs->uids[i];
		if ((rc = child_get(app->db, uids[i], &c, &cause)) != 0) {
			if (rc == 1)
				app_message(app, MSG_ERROR, "%s", _("This child "
				    "is no longer in the register"));
			else
				app_error(app, &cause);
			guidance_free(&gs->base);
			return NULL;
		}
		add_name(gs, c.name != NULL ? c.name : c.meta.uid);
		child_clear(&c);
	}
	snprintf(gs->g.child_uid, sizeof gs->g.child_uid, "%s", uids[0]);
	free(gs->g.provider);
	gs->g.provider = term_xstrdup(app_user_name(app));
	if (kind_form_init(&gs->form, &guidance_kind) == -1 ||
	    form_load(&gs->form, &gs->g) == -1 ||
	    form_set_ref(&gs->form, "child_uid", uids[0], NULL, NULL) == -1)
		term_fatal("out of memory");
	/* The child's age in months, shown while the form is open.  A class
	 * has as many ages as children: none is shown, blank as for an age
	 * not known (the record's -1 would show as it is). */
	if (n == 1 ? guidance_kind.derive(&gs->form, app->db, &cause) == -1 :
	    form_set_text(&gs->form, "age_months", "") == -1)
		term_fatal("out of memory");
	form_mark_clean(&gs->form);
	return &gs->base;
}
