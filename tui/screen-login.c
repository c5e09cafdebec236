/* screen-login.c: login + PIN; on a station with no account yet, the
 * administrator's account is made here first (login, PIN twice). */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/user.h"
#include "forms/editbuf.h"
#include "tui/app.h"
#include "tui/formview.h"

#define LOGIN_MAX 31		/* core/user.h */
#define PIN_MAX 12
#define FIELD_COLS 20

enum { F_LOGIN, F_PIN, F_PIN2 };

struct login {
	struct screen base;
	bool setup;		/* no account yet: make the administrator's */
	struct editbuf field[3];
	int focus;
	struct help_key help[3];
};

static int
nfields(const struct login *l)
{
	return l->setup ? 3 : 2;
}

static void
login_draw(struct screen *s, struct app *app)
{
	struct login *l = (struct login *)s;
	const char *labels[3];
	int y = draw_body_top() + 2, x = (COLS - 40) / 2, i, cx;

	labels[F_LOGIN] = _("Login");
	labels[F_PIN] = _("PIN");
	labels[F_PIN2] = _("PIN again");
	if (l->setup) {
		draw_text_cut(y, x, COLS - x, A_BOLD,
		    _("First use: create the administrator's account"));
		draw_text_cut(y + 1, x, COLS - x, term_attr(ROLE_HINT),
		    _("Login: small letters or digits, e.g. admin"));
		draw_text_cut(y + 2, x, COLS - x, term_attr(ROLE_HINT),
		    _("PIN: 4 to 12 digits; remember it well"));
	} else
		draw_text_cut(y, x, COLS - x, A_BOLD, _("Please log in"));
	y += 4;
	for (i = 0; i < nfields(l); i++, y += 2) {
		draw_text_cut(y, x, 12, i == l->focus ? A_BOLD : A_NORMAL,
		    labels[i]);
		cx = formview_draw_edit(y, x + 12, FIELD_COLS, &l->field[i],
		    i == l->focus, i != F_LOGIN);
		if (i == l->focus)
			app_cursor(app, y, cx);
	}
}

static const struct help_key *
login_help(struct screen *s, struct app *app, size_t *n)
{
	struct login *l = (struct login *)s;

	l->help[0] = (struct help_key){ "Enter", _("Next / log in") };
	l->help[1] = (struct help_key){ "Tab", _("Next field") };
	l->help[2] = (struct help_key){ "Esc", _("Leave") };
	/* A kiosk has no way out. */
	*n = app->opt.kiosk ? 2 : 3;
	return l->help;
}

/* Logins are [a-z0-9_.-]; capitals are taken as small letters, so a
 * stuck Caps Lock does not lock anyone out. */
static bool
allowed(int field, int c)
{
	if (field == F_LOGIN)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '.' || c == '-';
	return c >= '0' && c <= '9';
}

/* Empty the PIN fields, wiping the digits too: editbuf_clear() only
 * ends the string, and a PIN must not outlive its check in memory. */
static void
clear_pins(struct login *l)
{
	int i;

	for (i = F_PIN; i <= F_PIN2; i++) {
		memset(l->field[i].text, 0, l->field[i].cap);
		editbuf_clear(&l->field[i]);
	}
}

/* Tell the volunteer we are working: Argon2id takes a moment on a
 * kiosk. */
static void
show_wait(void)
{
	draw_status(A_BOLD, _("Checking…"));
	refresh();
}

static enum ev
logged_in(struct app *app, struct user *u)
{
	app->user = *u;
	app->logged_in = true;
	return app_replace(app, screen_home_new(app));
}

static enum ev
create_admin(struct login *l, struct app *app)
{
	const char *login = editbuf_text(&l->field[F_LOGIN]);
	const char *pin = editbuf_text(&l->field[F_PIN]);
	struct user u;
	char *cause = NULL;

	if (strcmp(pin, editbuf_text(&l->field[F_PIN2])) != 0) {
		app_message(app, MSG_ERROR, "%s",
		    _("The two PINs differ: please type them again"));
		clear_pins(l);
		l->focus = F_PIN;
		return EV_HANDLED;
	}
	show_wait();
	if (user_add(app->db, login, ROLE_ADMIN, pin, login, &cause) == -1) {
		app_error(app, &cause);
		return EV_HANDLED;
	}
	memset(&u, 0, sizeof u);
	if (user_verify(app->db, login, pin, &u, &cause) != USER_OK) {
		free(cause);
		l->setup = false;
		clear_pins(l);
		l->focus = F_PIN;
		app_message(app, MSG_OK, "%s",
		    _("Account created: please log in"));
		return EV_HANDLED;
	}
	app_message(app, MSG_OK, "%s", _("Administrator account created"));
	return logged_in(app, &u);
}

static enum ev
check_login(struct login *l, struct app *app)
{
	struct user u;
	char *cause = NULL;

	memset(&u, 0, sizeof u);
	show_wait();
	switch (user_verify(app->db, editbuf_text(&l->field[F_LOGIN]),
	    editbuf_text(&l->field[F_PIN]), &u, &cause)) {
	case USER_OK:
		return logged_in(app, &u);
	case USER_BAD:
		app_message(app, MSG_ERROR, "%s",
		    _("Wrong login or PIN: please try again"));
		break;
	case USER_LOCKED:
		app_message(app, MSG_ERROR,
		    _("Too many wrong PINs: locked, try again in %d minutes"),
		    USER_LOCK_MINUTES);
		break;
	default:
		app_error(app, &cause);
		break;
	}
	free(cause);
	clear_pins(l);
	l->focus = F_PIN;
	return EV_HANDLED;
}

static enum ev
submit(struct login *l, struct app *app)
{
	int i;

	for (i = 0; i < nfields(l); i++) {
		if (editbuf_empty(&l->field[i])) {
			l->focus = i;
			app_message(app, MSG_ERROR, "%s", i == F_LOGIN ?
			    _("Please type your login") :
			    _("Please type your PIN"));
			return EV_HANDLED;
		}
	}
	return l->setup ? create_admin(l, app) : check_login(l, app);
}

static enum ev
login_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct login *l = (struct login *)s;
	struct term_key lower = *k;

	if (k->fn && (k->code == KEY_DOWN || k->code == KEY_UP ||
	    k->code == KEY_BTAB)) {
		l->focus = (l->focus + (k->code == KEY_DOWN ? 1 :
		    nfields(l) - 1)) % nfields(l);
		return EV_HANDLED;
	}
	if (!k->fn && k->code == '\t') {
		l->focus = (l->focus + 1) % nfields(l);
		return EV_HANDLED;
	}
	if (term_key_enter(k)) {
		if (l->focus + 1 < nfields(l) &&
		    editbuf_empty(&l->field[l->focus + 1])) {
			l->focus++;
			return EV_HANDLED;
		}
		return submit(l, app);
	}
	if ((!k->fn && k->code == TERM_ESC) || (k->fn && k->code == KEY_F(10)))
		return app->opt.kiosk ? EV_IGNORED : EV_QUIT;
	if (!k->fn && k->code >= 'A' && k->code <= 'Z')
		lower.code = k->code - 'A' + 'a';
	if (!lower.fn && lower.code >= 0x20 && !allowed(l->focus, lower.code))
		return EV_IGNORED;
	return formview_edit_key(&l->field[l->focus], &lower) ? EV_HANDLED :
	    EV_IGNORED;
}

static void
login_free(struct screen *s)
{
	struct login *l = (struct login *)s;
	int i;

	for (i = 0; i < 3; i++) {
		/* Do not leave PINs lying in freed memory. */
		memset(l->field[i].text, 0, l->field[i].cap);
		editbuf_free(&l->field[i]);
	}
	free(l);
}

static const struct screen_ops login_ops = {
	"login", login_draw, login_key, login_help, NULL, login_free, NULL,
	NULL,
};

struct screen *
screen_login_new(struct app *app)
{
	struct login *l = term_xmalloc(sizeof *l);
	int i;

	memset(l, 0, sizeof *l);
	l->base.ops = &login_ops;
	l->setup = user_count(app->db) == 0;
	for (i = 0; i < 3; i++)
		if (editbuf_init(&l->field[i], i == F_LOGIN ? LOGIN_MAX :
		    PIN_MAX) == -1)
			term_fatal("out of memory");
	return &l->base;
}
