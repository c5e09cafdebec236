/* cmd-user.c: `hearth user add LOGIN --role ROLE`, the PIN from stdin.
 *
 * Scripts pipe the PIN in (first line); at a terminal it is asked twice
 * with echo off, so it never lands in the shell history or on screen. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/user.h"

#define PIN_BUF 64

/* Read one line of stdin into BUF without its line end; false at EOF or
 * when the line does not fit. */
static bool
pin_read_line(char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, stdin) == NULL)
		return false;
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == len - 1)
		return false;
	buf[n] = '\0';
	return true;
}

/* Prompt with PROMPT on the terminal, echo off. */
static bool
pin_ask(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	bool ok, restore;

	fputs(prompt, stderr);
	fflush(stderr);
	restore = tcgetattr(STDIN_FILENO, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = pin_read_line(buf, len);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return ok;
}

/* The new PIN into PIN; false with the error printed. */
static bool
pin_get(char pin[PIN_BUF])
{
	char again[PIN_BUF];
	bool same;

	if (!isatty(STDIN_FILENO)) {
		if (pin_read_line(pin, PIN_BUF))
			return true;
		cli_error(_("no PIN on standard input (one line of 4 to 12 "
		    "digits)"));
		return false;
	}
	if (!pin_ask(_("New PIN (4 to 12 digits): "), pin, PIN_BUF) ||
	    !pin_ask(_("The same PIN again: "), again, PIN_BUF)) {
		cli_error(_("no PIN given"));
		return false;
	}
	same = strcmp(pin, again) == 0;
	explicit_bzero(again, sizeof again);
	if (!same)
		cli_error(_("the two PINs differ; nothing was saved"));
	return same;
}

static int
cmd_user_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role_arg = NULL;
	char pin[PIN_BUF], by[32], *cause = NULL;
	sqlite3 *db;
	int c, role, rc;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_user)) != CLI_OPT_END) {
		if (c != 'r')
			return cli_opt_exit(c);
		role_arg = optarg;
	}
	if (optind >= argc)
		return cli_usage_error(&cmd_user, _("what to do? (only "
		    "\"add\")"));
	if (strcmp(argv[optind], "add") != 0)
		return cli_usage_error(&cmd_user, _("unknown action %s (only "
		    "\"add\")"), argv[optind]);
	if (optind + 2 != argc)
		return cli_usage_error(&cmd_user,
		    _("give exactly one LOGIN"));
	if (role_arg == NULL)
		return cli_usage_error(&cmd_user, _("--role is required"));
	if ((role = user_role_parse(role_arg)) < 0)
		return cli_usage_error(&cmd_user,
		    _("unknown role %s (volunteer, worker or admin)"),
		    role_arg);
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if (!pin_get(pin))
		return CLI_EXIT_ERROR;
	cli_login(by);
	rc = user_add(db, argv[optind + 1], (enum user_role)role, pin, by,
	    &cause);
	explicit_bzero(pin, sizeof pin);
	if (rc != 0)
		return cli_fail(cause);
	printf(_("Account %s (%s) added.\n"), argv[optind + 1],
	    user_role_name((enum user_role)role));
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_user = {
	"user",
	"user add LOGIN --role volunteer|worker|admin",
	N_("Adds an account.  The PIN (4 to 12 digits) is the first line of "
	   "standard input;\nat a terminal it is asked twice, not shown.\n"
	   "\n"
	   "Options:\n"
	   "  --role ROLE   volunteer, worker or admin\n"),
	cmd_user_run,
};
