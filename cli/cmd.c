/* cmd.c: what every command shares: option parsing, usage, errors. */
#define _GNU_SOURCE
#include "cli/cli.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "forms/kind.h"

int
cli_getopt(int argc, char **argv, const struct option *longopts,
    const struct cli_cmd *cmd)
{
	int c;

	opterr = 0;	/* we word the errors ourselves, translated */
	c = getopt_long(argc, argv, ":h", longopts, NULL);
	switch (c) {
	case -1:
		return CLI_OPT_END;
	case 'h':
		cli_help(cmd);
		return CLI_OPT_HELP;
	case '?':
		if (optopt != 0)
			cli_usage_error(cmd, _("unknown option -%c"), optopt);
		else
			cli_usage_error(cmd, _("unknown option %s"),
			    argv[optind - 1]);
		return CLI_OPT_USAGE;
	case ':':
		cli_usage_error(cmd, _("option %s needs a value"),
		    argv[optind - 1]);
		return CLI_OPT_USAGE;
	}
	return c;
}

int
cli_opt_exit(int c)
{
	return c == CLI_OPT_HELP ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

int
cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("hearth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("Usage: hearth %s\n"), cmd->usage);
	return CLI_EXIT_USAGE;
}

void
cli_help(const struct cli_cmd *cmd)
{
	printf(_("Usage: hearth %s\n"), cmd->usage);
	if (cmd->help != NULL && *cmd->help != '\0')
		printf("\n%s", _(cmd->help));
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("hearth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_fail(char *cause)
{
	cli_error("%s", cause != NULL ? cause : _("out of memory"));
	free(cause);
	return CLI_EXIT_ERROR;
}

sqlite3 *
cli_db(struct cli_env *env)
{
	if (env->db != NULL)
		return env->db;
	/* db_open's message already says to run `hearth init`. */
	cli_error("%s", env->open_cause != NULL ? env->open_cause :
	    _("out of memory"));
	return NULL;
}

sqlite3 *
cli_station_db(struct cli_env *env)
{
	struct station st;
	char *cause = NULL;
	sqlite3 *db;
	int rc;

	if ((db = cli_db(env)) == NULL)
		return NULL;
	if ((rc = db_station_get(db, &st, &cause)) == 0) {
		db_station_clear(&st);
		return db;
	}
	if (rc < 0)
		cli_fail(cause);
	else
		cli_error(_("%s has no station yet: run `hearth init --station "
		    "CODE --name NAME --division CODE12` first"), env->db_path);
	return NULL;
}

void
cli_login(char out[32])
{
	struct passwd *pw = getpwuid(geteuid());

	snprintf(out, 32, "%s", pw != NULL ? pw->pw_name : "cli");
}

int
cli_kind_error(const struct cli_cmd *cmd, const char *name, bool plural)
{
	char *list = kind_list(plural);

	cli_usage_error(cmd, _("%s: no such kind of record here (%s)"), name,
	    list != NULL ? list : "");
	free(list);
	return CLI_EXIT_USAGE;
}

bool
cli_parse_int(const struct cli_cmd *cmd, const char *name, const char *arg,
    long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    v < min || v > max) {
		cli_usage_error(cmd, _("--%s must be a whole number from %ld "
		    "to %ld"), name, min, max);
		return false;
	}
	*out = v;
	return true;
}

bool
cli_parse_month(const struct cli_cmd *cmd, const char *arg, int *y, int *m)
{
	if (!date_parse_month(arg, y, m)) {
		cli_usage_error(cmd, _("--month: \"%s\" is not a month "
		    "(YYYY-MM)"), arg);
		return false;
	}
	return true;
}

bool
cli_parse_format(const struct cli_cmd *cmd, const char *arg,
    enum cli_format *format)
{
	static const char *const formats[] = { "text", "csv", "ndjson" };
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(arg, formats[i]) == 0) {
			*format = (enum cli_format)i;
			return true;
		}
	cli_usage_error(cmd, _("unknown format %s (text, csv or ndjson)"),
	    arg);
	return false;
}

void
cli_put_padded(const char *s, int cols)
{
	int w = utf8_width(s);

	fputs(s, stdout);
	for (; w < cols; w++)
		putchar(' ');
}

void
cli_put_right(const char *s, int cols)
{
	int w = utf8_width(s);

	fputs("  ", stdout);
	for (; w < cols; w++)
		putchar(' ');
	fputs(s, stdout);
}
