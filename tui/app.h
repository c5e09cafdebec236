/* app.h: the one struct the screens share, and the services of the loop.
 *
 * There is no global mutable state in tui/ beyond curses itself (and the
 * looks in term.c): everything a screen needs — the database, the
 * station, who is logged in, the search index, the message line — lives
 * in struct app, made by tui_main() and passed to every screen. */
#ifndef HEARTH_APP_H
#define HEARTH_APP_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/db.h"
#include "core/search.h"
#include "core/user.h"
#include "tui/screen.h"
#include "tui/tui.h"

#define APP_DEPTH 8		/* login, home, search, elder, visit... */
#define APP_ASK_KEYS 4		/* keys of a question (app_ask) */
/* How often the screen on top reloads while idle (screen.h, idle). */
#define APP_REFRESH_SECONDS 30

enum app_msg { MSG_NONE, MSG_INFO, MSG_OK, MSG_ERROR };

struct village {
	char code[13];
	char *name;		/* NULL: no name known, show the code */
};

struct app {
	sqlite3 *db;
	const char *db_path;
	struct tui_options opt;
	struct station station;		/* name "" when not initialised */

	bool logged_in;
	struct user user;

	struct search_index *index;	/* loaded on first search */

	struct screen *stack[APP_DEPTH];
	size_t depth;
	struct screen *pending;		/* given to app_open/app_replace */

	char *msg;			/* the status line, until a key */
	enum app_msg msg_kind;
	struct help_key ask_keys[APP_ASK_KEYS];	/* msg is a question */
	size_t nask_keys;			/* answered by these */
	bool confirm_quit;		/* "leave hearth?" is on screen */
	const char *unsaved;		/* or a screen's question instead,
					   about input not saved */

	int cursor_y, cursor_x;		/* set by draw(); -1: hidden */

	struct village *villages;	/* names seen so far */
	size_t nvillages;
};

/* Open S on top of the current screen; returns EV_OPEN for the caller to
 * return.  S == NULL (could not be made, message already set) gives
 * EV_HANDLED. */
enum ev app_open(struct app *app, struct screen *s);
/* The same, but S takes the current screen's place (EV_REPLACE). */
enum ev app_replace(struct app *app, struct screen *s);

/* Set the status line (printf-style; the format is translated). */
void app_message(struct app *app, enum app_msg kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Ask a question on the status line (printf-style, translated): the
 * next key that reaches the screen answers it.  Until then the help line
 * shows KEYS (N of them, at most APP_ASK_KEYS, labels translated), the
 * keys that answer, instead of the screen's.  The question and its keys
 * go together: with the next key, or a new message. */
void app_ask(struct app *app, const struct help_key *keys, size_t n,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Show *CAUSE as an error and free it. */
void app_error(struct app *app, char **cause);

/* Where the hardware cursor goes after drawing (editing a field). */
void app_cursor(struct app *app, int y, int x);

/* Who is logged in as people call them: the display name (张丽), else
 * the login (zhangli).  The title line shows it, and forms fill it in as
 * the visitor or provider. */
const char *app_user_name(const struct app *app);

/* The village name for a 12-digit division code, or the code itself. */
const char *app_village(struct app *app, const char *code);

/* The search index, loaded once; NULL with the error on the status line. */
struct search_index *app_index(struct app *app);

/* Ask "leave the program?" (not in kiosk mode); when an open screen
 * holds input not saved, ask its question (screen.h, unsaved()) instead,
 * to which only y says leave. */
enum ev app_ask_quit(struct app *app);

#endif
