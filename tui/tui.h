/* tui.h: the kiosk / SSH user interface, entered from `hearth` or `hearth tui`.
 *
 * tui_main() opens nothing itself but the terminal: the caller has opened
 * the database and chosen the language.  It returns the process exit code
 * (0 when the user quit normally). */
#ifndef HEARTH_TUI_H
#define HEARTH_TUI_H

#include <sqlite3.h>
#include <stdbool.h>

struct tui_options {
	bool kiosk;		/* --kiosk: no quit key, Ctrl-C/Ctrl-Z/Ctrl-\ ignored,
				   logout returns to the login screen */
	bool no_color;		/* --no-color, or $NO_COLOR set */
	int idle_minutes;	/* --idle-logout: log out after this long
				   without a key; 0: the default, 15 in a
				   kiosk and never elsewhere */
};

int tui_main(sqlite3 *db, const char *db_path, const struct tui_options *opt);

#endif
