/* term.c: curses set-up, tear-down, keys, looks and the fatal path. */
#include "tui/term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Curses is process-wide state already; these live beside it. */
static bool started;
static attr_t roles[ROLE__COUNT];
/* Set by SIGHUP/SIGTERM (and SIGINT outside a kiosk): the loop ends at
 * the next read and the terminal is restored the ordinary way. */
static volatile sig_atomic_t stop_signal;

/* Mono looks: what TERM=linux or --no-color shows. */
static const attr_t mono[ROLE__COUNT] = {
	[ROLE_NORMAL] = A_NORMAL,
	[ROLE_TITLE] = A_REVERSE,
	[ROLE_HEADER] = A_BOLD | A_UNDERLINE,
	[ROLE_HELP_KEY] = A_BOLD,
	[ROLE_HELP_LABEL] = A_REVERSE,
	[ROLE_SELECTED] = A_REVERSE,
	[ROLE_FIELD] = A_UNDERLINE,
	[ROLE_FIELD_FOCUS] = A_REVERSE,
	[ROLE_CHOSEN] = A_BOLD,
	[ROLE_ERROR] = A_REVERSE | A_BOLD,
	[ROLE_OK] = A_BOLD,
	[ROLE_WARN] = A_BOLD,
	[ROLE_BAR] = A_BOLD,
	[ROLE_HINT] = A_NORMAL,
};

/* Colour pairs: the mono attribute stays, colour is only added, so a
 * terminal that drops colours still shows the difference. */
static const struct {
	enum term_role role;
	short fg, bg;
} colours[] = {
	{ ROLE_TITLE, COLOR_WHITE, COLOR_BLUE },
	{ ROLE_HELP_LABEL, COLOR_BLACK, COLOR_CYAN },
	{ ROLE_SELECTED, COLOR_BLACK, COLOR_CYAN },
	{ ROLE_FIELD_FOCUS, COLOR_BLACK, COLOR_YELLOW },
	{ ROLE_CHOSEN, COLOR_CYAN, -1 },
	{ ROLE_ERROR, COLOR_WHITE, COLOR_RED },
	{ ROLE_OK, COLOR_GREEN, -1 },
	{ ROLE_WARN, COLOR_RED, -1 },
	{ ROLE_BAR, COLOR_GREEN, -1 },
	{ ROLE_HINT, COLOR_CYAN, -1 },
};

static void
looks_init(bool no_color)
{
	size_t i;
	short pair;

	memcpy(roles, mono, sizeof roles);
	if (no_color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (i = 0; i < sizeof colours / sizeof colours[0]; i++) {
		pair = (short)(i + 1);
		if (pair >= COLOR_PAIRS)
			break;
		if (init_pair(pair, colours[i].fg, colours[i].bg) == OK)
			roles[colours[i].role] |= COLOR_PAIR(pair);
	}
}

/* Keys as the common terminals send them.  A TERM that does not match the
 * terminal (TERM=linux in a PuTTY window, xterm on a console, PuTTY's
 * default TERM=xterm with its own Home and End) is common over SSH and
 * at kiosks; F2 must still save rather than type "OQ" into a field, and
 * Home must not be Esc (back) and "[1~".  Only sequences the terminfo
 * entry leaves unbound are added.  What is still unknown is swallowed
 * whole by term_read(). */
static const struct {
	const char *seq;
	int key;
} extra_keys[] = {
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },	/* xterm */
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },	/* PuTTY, rxvt */
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	/* F5 (but the console's) to F10: the same in all of them. */
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },	/* Linux console */
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	{ "\033[Z", KEY_BTAB },	/* Shift-Tab, xterm and PuTTY */
	/* Home and End: PuTTY, the console, tmux and screen; rxvt; xterm
	 * with the cursor keys in application mode, and without. */
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	/* The same everywhere, and so in every terminfo entry; here in
	 * case one lacks them. */
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	/* Arrows in application mode (xterm after smkx) and not. */
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OM", KEY_ENTER },	/* keypad Enter, application mode */
};

static void
keys_init(void)
{
	size_t i;
	int code;

	/* A sequence bound only to an extended name (codes past KEY_MAX:
	 * TERM=linux has kcbt2=\E[Z besides kcbt=\E^I) would reach the
	 * screens as a code none of them knows; it is bound again. */
	for (i = 0; i < sizeof extra_keys / sizeof extra_keys[0]; i++)
		if ((code = key_defined(extra_keys[i].seq)) == 0 ||
		    code > KEY_MAX)
			define_key(extra_keys[i].seq, extra_keys[i].key);
}

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* An SSH session that drops sends SIGHUP; a shutdown sends SIGTERM.
 * Dying there and then would leave the console raw, and ignoring them
 * would leave a process polling a dead terminal; instead the handler
 * only sets a flag.  No SA_RESTART, so a waiting get_wch() returns at
 * once.  Installed before initscr(), which then keeps its own handlers
 * off these signals. */
static void
stop_signals_init(bool kiosk)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!kiosk)
		sigaction(SIGINT, &sa, NULL);
}

int
term_start(bool kiosk, bool no_color)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -1;
	if (kiosk) {
		/* Set before initscr: curses leaves ignored signals alone. */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
	}
	stop_signals_init(kiosk);
	/* Esc is "back": do not wait a full second to see whether it
	 * starts an escape sequence. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(50);
	if (initscr() == NULL)
		return -1;
	started = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	keys_init();
	looks_init(no_color);
	curs_set(0);
	return 0;
}

void
term_end(void)
{
	if (started) {
		endwin();
		started = false;
	}
}

void
term_fatal(const char *fmt, ...)
{
	va_list ap;

	term_end();
	fputs("hearth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
term_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		term_fatal("out of memory");
	return p;
}

char *
term_xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		term_fatal("out of memory");
	return p;
}

/* After get_wch() failed: has the terminal gone (hang-up, EOF)? */
static bool
input_gone(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* The next character waiting in a sequence, in *C; false when there is
 * none, or a key curses decoded (given back). */
static bool
sequence_next(wint_t *c)
{
	int rc = get_wch(c);

	if (rc == KEY_CODE_YES)
		ungetch((int)*c);
	return rc == OK;
}

/* One byte ending "ESC O" or "ESC [ [", unless it cannot be one. */
static void
sequence_last(void)
{
	wint_t c;

	if (sequence_next(&c) && (c < 0x20 || c > 0x7e))
		unget_wch((wchar_t)c);
}

/* Just after an Esc: whether what follows, already waiting, is the rest
 * of an escape sequence curses did not know (it read those bytes while
 * matching and gave them back).  If so it is read to its end (ECMA-48:
 * "ESC [", parameter and intermediate bytes, a final byte; "ESC O" and
 * one byte; the Linux console's "ESC [ [" and one letter) and dropped,
 * so an unknown key (Shift-Home, an odd terminal's F11) is neither Esc,
 * which leaves a screen, nor text typed into a field.  A lone Esc has
 * nothing waiting after it: curses has already waited ESCDELAY; Esc and
 * a key other than "[" or "O" faster than that stay two keys. */
static bool
sequence_drop(void)
{
	wint_t c;
	int n;

	timeout(0);
	if (!sequence_next(&c))
		return false;
	if (c != '[' && c != 'O') {
		unget_wch((wchar_t)c);
		return false;
	}
	if (c == 'O') {
		sequence_last();
		return true;
	}
	for (n = 0; n < 32 && sequence_next(&c); n++) {
		if (n == 0 && c == '[') {
			sequence_last();
			break;
		}
		if (c >= 0x20 && c <= 0x3f)
			continue;	/* parameters, intermediates */
		if (c < 0x40 || c > 0x7e)
			unget_wch((wchar_t)c);	/* not part of it */
		break;
	}
	return true;
}

bool
term_key_enter(const struct term_key *k)
{
	return (!k->fn && (k->code == '\r' || k->code == '\n')) ||
	    (k->fn && k->code == KEY_ENTER);
}

int
term_read(struct term_key *k, int timeout_ms)
{
	wint_t c;
	int rc;

	timeout(timeout_ms);
	for (;;) {
		if (stop_signal != 0)
			return -1;
		errno = 0;
		rc = get_wch(&c);
		if (stop_signal != 0)
			return -1;
		if (rc == KEY_CODE_YES || rc == OK)
			break;
		if (errno == EINTR)
			continue;
		if (input_gone())
			return -1;
		return 1;
	}
	if (rc == OK && c == TERM_ESC && sequence_drop()) {
		k->fn = true;
		k->code = TERM_KEY_UNKNOWN;
		return 0;
	}
	k->fn = rc == KEY_CODE_YES;
	k->code = (int)c;
	return 0;
}

attr_t
term_attr(enum term_role role)
{
	return roles[role];
}

void
term_cursor(int y, int x)
{
	if (y < 0) {
		curs_set(0);
		return;
	}
	move(y, x);
	curs_set(1);
}
