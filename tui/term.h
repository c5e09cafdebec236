/* term.h: the terminal, set up and torn down in one place (htop's CRT.c).
 *
 * Only term.c calls initscr() and endwin().  The terminal runs raw (so
 * Ctrl-S reaches the program instead of freezing the screen, and Ctrl-C,
 * Ctrl-Z and Ctrl-\ arrive as plain keys), without echo, with keypad keys
 * decoded and wide characters read with get_wch().  In kiosk mode SIGINT,
 * SIGTSTP and SIGQUIT are also ignored, so `kill -INT` from a stray script
 * does not end the session either.  SIGHUP and SIGTERM (and SIGINT
 * outside a kiosk) end term_read() so the program winds down and
 * restores the terminal itself (term_read()).
 *
 * Looks: colours only when the terminal has them and --no-color was not
 * given; every role below is also told apart by A_REVERSE / A_BOLD /
 * A_UNDERLINE alone, so TERM=linux without colour stays legible.
 *
 * term_fatal() is the one way to die with the terminal in use: it calls
 * endwin() first, so the console is never left raw. */
#ifndef HEARTH_TERM_H
#define HEARTH_TERM_H

#include <curses.h>
#include <stdbool.h>

/* What a piece of the screen is, not how it looks. */
enum term_role {
	ROLE_NORMAL,
	ROLE_TITLE,		/* the title line */
	ROLE_HEADER,		/* column headings */
	ROLE_HELP_KEY,		/* "F2" in the help line */
	ROLE_HELP_LABEL,	/* "保存" in the help line */
	ROLE_SELECTED,		/* the chosen row of a list */
	ROLE_FIELD,		/* an input field */
	ROLE_FIELD_FOCUS,	/* the field being edited */
	ROLE_CHOSEN,		/* a chosen item of a choice field */
	ROLE_ERROR,		/* error messages */
	ROLE_OK,		/* "已保存" */
	ROLE_WARN,		/* overdue */
	ROLE_BAR,		/* the filled part of a coverage bar */
	ROLE_HINT,		/* quiet explanations */
	ROLE__COUNT
};

/* A key: a character (fn false; Ctrl-S is 0x13, Enter '\n' or '\r', Esc
 * 0x1b) or a curses key code (fn true; KEY_F(2), KEY_RESIZE...). */
struct term_key {
	bool fn;
	int code;
};

/* An escape sequence no terminfo entry or term.c knows, read whole and
 * dropped (fn true): no screen's key, never typed text. */
#define TERM_KEY_UNKNOWN (-1)

/* Whether K is Enter: '\r' or '\n', or the keypad's KEY_ENTER. */
bool term_key_enter(const struct term_key *k);

#define TERM_CTRL(c) ((c) & 0x1f)
#define TERM_ESC 0x1b

/* Start curses.  -1 (terminal untouched) if the terminal cannot be used. */
int term_start(bool kiosk, bool no_color);
void term_end(void);

/* Restore the terminal, print "hearth: MESSAGE" to stderr, exit 1. */
_Noreturn void term_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* malloc/strdup that die through term_fatal(): a screen that cannot get a
 * few bytes has nothing better to do. */
void *term_xmalloc(size_t n);
char *term_xstrdup(const char *s);

/* Wait up to TIMEOUT_MS (-1: for ever) for a key.  0 and *K, 1 on
 * timeout, -1 when the terminal has gone (EOF on a closed SSH session) or
 * SIGHUP or SIGTERM came (also SIGINT outside a kiosk): the caller then
 * winds down and calls term_end(). */
int term_read(struct term_key *k, int timeout_ms);

attr_t term_attr(enum term_role role);

/* Show the hardware cursor at Y, X, or hide it (Y < 0). */
void term_cursor(int y, int x);

#endif
