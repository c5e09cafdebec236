/* app.c: tui_main(), the screen stack and the key loop. */
#define _GNU_SOURCE
#include "tui/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/term.h"

/* A kiosk left alone this long logs out, so the next person does not
 * write under someone else's name. */
#define KIOSK_IDLE_MINUTES 15

enum ev
app_open(struct app *app, struct screen *s)
{
	if (s == NULL)
		return EV_HANDLED;
	app->pending = s;
	return EV_OPEN;
}

enum ev
app_replace(struct app *app, struct screen *s)
{
	if (s == NULL)
		return EV_HANDLED;
	app->pending = s;
	return EV_REPLACE;
}

static void
message_set(struct app *app, enum app_msg kind, const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	free(app->msg);
	app->msg = s;
	app->msg_kind = s != NULL ? kind : MSG_NONE;
	app->nask_keys = 0;
}

void
app_message(struct app *app, enum app_msg kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message_set(app, kind, fmt, ap);
	va_end(ap);
}

void
app_ask(struct app *app, const struct help_key *keys, size_t n,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message_set(app, MSG_ERROR, fmt, ap);
	va_end(ap);
	if (app->msg == NULL)
		return;
	if (n > APP_ASK_KEYS)
		n = APP_ASK_KEYS;
	memcpy(app->ask_keys, keys, n * sizeof *keys);
	app->nask_keys = n;
}

void
app_error(struct app *app, char **cause)
{
	app_message(app, MSG_ERROR, "%s",
	    *cause != NULL ? *cause : _("out of memory"));
	free(*cause);
	*cause = NULL;
}

void
app_cursor(struct app *app, int y, int x)
{
	app->cursor_y = y;
	app->cursor_x = x;
}

const char *
app_user_name(const struct app *app)
{
	return app->user.display_name != NULL &&
	    *app->user.display_name != '\0' ? app->user.display_name :
	    app->user.login;
}

const char *
app_village(struct app *app, const char *code)
{
	struct village *v;
	size_t i;

	for (i = 0; i < app->nvillages; i++)
		if (strcmp(app->villages[i].code, code) == 0)
			goto found;
	v = realloc(app->villages, (app->nvillages + 1) * sizeof *v);
	if (v == NULL)
		return code;
	app->villages = v;
	i = app->nvillages++;
	snprintf(v[i].code, sizeof v[i].code, "%s", code);
	v[i].name = db_division_name(app->db, code);
found:
	return app->villages[i].name != NULL ? app->villages[i].name : code;
}

struct search_index *
app_index(struct app *app)
{
	char *cause = NULL;

	if (app->index == NULL && (app->index = search_load(app->db,
	    &cause)) == NULL)
		app_error(app, &cause);
	return app->index;
}

/* The question of the topmost screen that holds input not yet saved,
 * or NULL when leaving would lose nothing. */
static const char *
unsaved(const struct app *app)
{
	struct screen *s;
	const char *q;
	size_t i;

	for (i = app->depth; i > 0; i--) {
		s = app->stack[i - 1];
		if (s->ops->unsaved != NULL && (q = s->ops->unsaved(s)) != NULL)
			return q;
	}
	return NULL;
}

enum ev
app_ask_quit(struct app *app)
{
	if (app->opt.kiosk)
		return EV_IGNORED;
	app->confirm_quit = true;
	app->unsaved = unsaved(app);
	return EV_HANDLED;
}

/* Whether F10 leaves on a window too small to work in: not in a kiosk,
 * whose screen is what it is, nor while a form holds input (no question
 * fits there to ask whether to lose it). */
static bool
too_small_leaves(const struct app *app)
{
	return !app->opt.kiosk && unsaved(app) == NULL;
}

static struct screen *
top(struct app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

/* Another session may have written since the screen on top loaded. */
static void
idle_top(struct app *app)
{
	struct screen *s = top(app);

	if (s != NULL && s->ops->idle != NULL)
		s->ops->idle(s, app);
}

static void
push(struct app *app, struct screen *s)
{
	if (app->depth == APP_DEPTH) {
		/* Only a loop of screens opening screens gets here. */
		s->ops->free(s);
		app_message(app, MSG_ERROR, "%s",
		    _("Too many screens open: press Esc to go back"));
		return;
	}
	app->stack[app->depth++] = s;
}

static void
pop(struct app *app)
{
	struct screen *s = app->stack[--app->depth];

	s->ops->free(s);
}

static void
resume(struct app *app)
{
	struct screen *s = top(app);

	if (s != NULL && s->ops->resume != NULL)
		s->ops->resume(s, app);
}

static void
logout(struct app *app)
{
	while (app->depth > 0)
		pop(app);
	user_clear(&app->user);
	memset(&app->user, 0, sizeof app->user);
	app->logged_in = false;
	push(app, screen_login_new(app));
}

/* The title line: station on the left; user and date on the right. */
static void
draw_frame_title(struct app *app)
{
	char day[11], right[128];

	date_format(date_today(), day);
	if (app->logged_in)
		snprintf(right, sizeof right, "%s · %s", app_user_name(app),
		    day);
	else
		snprintf(right, sizeof right, "%s", day);
	draw_title(app->station.name != NULL ? app->station.name : "hearth",
	    right);
}

static void
redraw(struct app *app)
{
	const struct help_key quit_help[2] = {
		{ "Enter", _("Leave") }, { "Esc", _("Stay") },
	};
	const struct help_key unsaved_help[2] = {
		{ "y", _("Leave") }, { "Enter", _("Stay") },
	};
	struct screen *s = top(app);
	const struct help_key *help;
	attr_t attr;
	size_t n;

	draw_erase();
	app->cursor_y = app->cursor_x = -1;
	/* TRANSLATORS: below "Window too small: please enlarge it", on a
	 * window that may be 40 columns wide: as short as you can. */
	if (draw_too_small(too_small_leaves(app) ? _("F10: leave hearth") :
	    NULL)) {
		term_cursor(-1, 0);
		refresh();
		return;
	}
	draw_frame_title(app);
	s->ops->draw(s, app);
	if (app->confirm_quit && app->unsaved != NULL) {
		draw_status(term_attr(ROLE_ERROR), app->unsaved);
		draw_help(unsaved_help, 2);
		app->cursor_y = -1;
	} else if (app->confirm_quit) {
		draw_status(term_attr(ROLE_ERROR),
		    _("Leave hearth? Enter: leave, Esc: stay"));
		draw_help(quit_help, 2);
		app->cursor_y = -1;
	} else {
		attr = app->msg_kind == MSG_ERROR ? term_attr(ROLE_ERROR) :
		    app->msg_kind == MSG_OK ? term_attr(ROLE_OK) :
		    term_attr(ROLE_NORMAL);
		draw_status(attr, app->msg);
		/* A question's keys, not the screen's: the next key goes
		 * to the question. */
		if (app->nask_keys > 0)
			draw_help(app->ask_keys, app->nask_keys);
		else {
			help = s->ops->help(s, app, &n);
			draw_help(help, n);
		}
	}
	term_cursor(app->cursor_y, app->cursor_x);
	refresh();
}

static void
message_clear(struct app *app)
{
	free(app->msg);
	app->msg = NULL;
	app->msg_kind = MSG_NONE;
	app->nask_keys = 0;
}

/* Keys every screen shares; true if used (the screen never sees it, and
 * its message stays on the status line). */
static bool
global_key(struct app *app, const struct term_key *k, enum ev *ev)
{
	bool yes;

	if (app->confirm_quit) {
		/* With typed work at stake only y leaves: Enter is what a
		 * volunteer presses to get past any question, and a second
		 * Ctrl-C may be a stuck key. */
		yes = !k->fn && (k->code == 'y' || k->code == 'Y');
		app->confirm_quit = false;
		*ev = yes || (app->unsaved == NULL && term_key_enter(k)) ?
		    EV_QUIT : EV_HANDLED;
		app->unsaved = NULL;
		return true;
	}
	if (!k->fn && k->code == TERM_CTRL('l')) {
		clearok(curscr, TRUE);
		*ev = EV_HANDLED;
		return true;
	}
	/* Raw mode delivers Ctrl-C as a key: outside a kiosk it asks to
	 * leave, as people over SSH expect. */
	if (!k->fn && k->code == TERM_CTRL('c')) {
		*ev = app_ask_quit(app);
		return true;
	}
	return false;
}

/* One key for the top screen, and what follows from its answer. */
static void
dispatch(struct app *app, const struct term_key *k)
{
	struct screen *s = top(app);
	enum ev ev;

	if (!global_key(app, k, &ev)) {
		/* The status line answered the key before this one.  Not
		 * cleared for a global key: after "stay" the screen's own
		 * question ("not saved yet: y throws it away") must be
		 * back in sight with its keys, as the screen still waits for
		 * its answer. */
		message_clear(app);
		ev = s->ops->key(s, app, k);
	}
	switch (ev) {
	case EV_IGNORED:
	case EV_HANDLED:
		break;
	case EV_OPEN:
		push(app, app->pending);
		break;
	case EV_REPLACE:
		pop(app);
		push(app, app->pending);
		break;
	case EV_BACK:
		if (app->depth > 1) {
			pop(app);
			resume(app);
		}
		break;
	case EV_HOME:
		while (app->depth > 1)
			pop(app);
		resume(app);
		break;
	case EV_LOGOUT:
		logout(app);
		break;
	case EV_QUIT:
		while (app->depth > 0)
			pop(app);
		break;
	}
	app->pending = NULL;
}

/* Seconds without a key before logging out; 0: never. */
static time_t
idle_limit(const struct tui_options *opt)
{
	if (opt->idle_minutes > 0)
		return (time_t)opt->idle_minutes * 60;
	return opt->kiosk ? KIOSK_IDLE_MINUTES * 60 : 0;
}

/* The key loop.  -1 if it ended because the terminal went away (or a
 * hang-up or termination signal came), 0 when the user left. */
static int
run(struct app *app)
{
	struct term_key k;
	time_t last = time(NULL), idle = idle_limit(&app->opt);
	time_t refreshed = last;
	int rc;

	while (app->depth > 0) {
		redraw(app);
		rc = term_read(&k, 1000);
		if (rc < 0)
			return -1;	/* nobody left to draw for */
		if (rc == 1) {
			if (idle > 0 && app->logged_in &&
			    time(NULL) - last >= idle) {
				logout(app);
				app_message(app, MSG_INFO, "%s",
				    _("Logged out after a long pause"));
			}
			/* Only in a pause, so a list never moves under a
			 * key being pressed. */
			if (time(NULL) - refreshed >= APP_REFRESH_SECONDS) {
				idle_top(app);
				refreshed = time(NULL);
			}
			continue;
		}
		last = time(NULL);
		if (k.fn && k.code == KEY_RESIZE)
			continue;	/* curses has the new size; redraw */
		if (COLS < DRAW_MIN_COLS || LINES < DRAW_MIN_LINES) {
			/* Nothing to work with but a way out. */
			if (k.fn && k.code == KEY_F(10) &&
			    too_small_leaves(app))
				return 0;
			continue;
		}
		dispatch(app, &k);
	}
	return 0;
}

int
tui_main(sqlite3 *db, const char *db_path, const struct tui_options *opt)
{
	struct app app;
	char *cause = NULL;
	size_t i;
	int rc;

	memset(&app, 0, sizeof app);
	app.db = db;
	app.db_path = db_path;
	app.opt = *opt;
	rc = db_station_get(db, &app.station, &cause);
	if (rc != 0) {
		if (rc == 1)
			fprintf(stderr, _("hearth: %s is not set up yet: run "
			    "\"hearth init\" first\n"), db_path);
		else
			fprintf(stderr, "hearth: %s\n", cause);
		free(cause);
		return 1;
	}
	if (term_start(opt->kiosk, opt->no_color) == -1) {
		fprintf(stderr, "%s\n",
		    _("hearth: the screens need a terminal"));
		db_station_clear(&app.station);
		return 1;
	}
	push(&app, screen_login_new(&app));
	rc = run(&app) == 0 ? 0 : 1;
	term_end();

	while (app.depth > 0)
		pop(&app);
	if (app.index != NULL)
		search_free(app.index);
	for (i = 0; i < app.nvillages; i++)
		free(app.villages[i].name);
	free(app.villages);
	free(app.msg);
	user_clear(&app.user);
	db_station_clear(&app.station);
	return rc;
}
