/* screen.h: what a screen is, and the screens there are.
 *
 * As htop's panels do, a screen draws itself and handles one key at a
 * time, answering with a result; it never reaches into another screen.
 * The loop in app.c keeps a stack: opening a screen pushes it (the screen
 * hands the new one to app_open() and returns its answer; the login
 * screen gives way to the home screen with app_replace()), EV_BACK pops
 * back to the one below, which is told with resume() so it can reload
 * (the due list after a visit was saved); the screen on top is also
 * given idle() now and then, as other sessions write to the same
 * database.
 *
 * The frame (title, status and help line) is drawn by the loop; a screen
 * draws the rows between and lists its keys in help().
 *
 * A screen that holds input not yet saved (a form, a serving half
 * recorded) says so through unsaved(): before leaving hearth the loop
 * asks that screen's question instead of its own and only y leaves; on a
 * window too small to ask anything, F10 does not leave then.
 *
 * A question on the status line that the next key answers ("record a
 * second? (y/N)") is asked with app_ask(), which puts its keys on the
 * help line in place of the screen's own. */
#ifndef HEARTH_SCREEN_H
#define HEARTH_SCREEN_H

#include <stddef.h>

#include "tui/draw.h"
#include "tui/term.h"

struct app;
struct screen;

enum ev {
	EV_IGNORED,	/* not this screen's key */
	EV_HANDLED,	/* used (redraw) */
	EV_BACK,	/* close this screen */
	EV_OPEN,	/* open the screen given to app_open() */
	EV_REPLACE,	/* this screen gives way to app_replace()'s */
	EV_HOME,	/* close everything above the home screen */
	EV_LOGOUT,	/* back to the login screen */
	EV_QUIT,	/* leave the program (already confirmed) */
};

struct screen_ops {
	const char *name;
	void (*draw)(struct screen *, struct app *);
	enum ev (*key)(struct screen *, struct app *, const struct term_key *);
	/* The keys for the help line (translated labels). */
	const struct help_key *(*help)(struct screen *, struct app *,
	    size_t *n);
	void (*resume)(struct screen *, struct app *);	/* may be NULL */
	void (*free)(struct screen *);
	/* May be NULL.  NULL when leaving now would lose nothing, else the
	 * translated question to ask first, "… not saved. Leave hearth
	 * anyway? (y/N)". */
	const char *(*unsaved)(struct screen *);
	/* May be NULL.  Called every APP_REFRESH_SECONDS while the screen
	 * is on top and no key comes: reload what another session (a
	 * second SSH login, `hearth sync`) may have changed since, with
	 * cheap queries only, keeping the selection. */
	void (*idle)(struct screen *, struct app *);
};

/* The first member of every screen's own struct. */
struct screen {
	const struct screen_ops *ops;
};

struct screen *screen_login_new(struct app *);
struct screen *screen_home_new(struct app *);
struct screen *screen_search_new(struct app *);
struct screen *screen_elder_new(struct app *, const char *elder_uid);
struct screen *screen_visit_new(struct app *, const char *elder_uid);
struct screen *screen_coverage_new(struct app *);
/* Children under three (screen-children.c: the guidance-due list and
 * search), one child (screen-child.c), and a guidance session for the N
 * children UIDS (screen-guidance.c: one session for a whole class). */
struct screen *screen_children_new(struct app *);
struct screen *screen_child_new(struct app *, const char *child_uid);
struct screen *screen_guidance_new(struct app *, const char *const *uids,
    size_t n);
/* The canteen counter (screen-canteen.c); NULL with a message when the
 * station has no meal site. */
struct screen *screen_canteen_new(struct app *);

#endif
