/* cmd.c: what hearth-hub's commands share: options, usage, errors. */
#include "hub/hub.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef HEARTH_HUB_DEFAULT_DB
#define HEARTH_HUB_DEFAULT_DB "/var/lib/hearth-hub/hub.db"
#endif

const char *
hub_db_path(const char *opt)
{
	const char *env;

	if (opt != NULL && *opt != '\0')
		return opt;
	if ((env = getenv("HEARTH_HUB_DB")) != NULL && *env != '\0')
		return env;
	return HEARTH_HUB_DEFAULT_DB;
}

int
hub_getopt(int argc, char **argv, const struct option *longopts,
    const struct hub_cmd *cmd)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, ":h", longopts, NULL);
	switch (c) {
	case -1:
		return HUB_OPT_END;
	case 'h':
		hub_help(cmd);
		return HUB_OPT_HELP;
	case '?':
		if (optopt != 0)
			hub_usage(cmd, "unknown option -%c", optopt);
		else
			hub_usage(cmd, "unknown option %s", argv[optind - 1]);
		return HUB_OPT_USAGE;
	case ':':
		hub_usage(cmd, "option %s needs a value", argv[optind - 1]);
		return HUB_OPT_USAGE;
	}
	return c;
}

int
hub_opt_exit(int c)
{
	return c == HUB_OPT_HELP ? HUB_EXIT_OK : HUB_EXIT_USAGE;
}

void
hub_help(const struct hub_cmd *cmd)
{
	printf("Usage: hearth-hub %s\n", cmd->usage);
	if (cmd->help != NULL && *cmd->help != '\0')
		printf("\n%s", cmd->help);
}

int
hub_usage(const struct hub_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("hearth-hub: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nUsage: hearth-hub %s\n", cmd->usage);
	return HUB_EXIT_USAGE;
}

int
hub_fail(char *cause)
{
	fprintf(stderr, "hearth-hub: %s\n", cause != NULL ? cause :
	    "out of memory");
	free(cause);
	return HUB_EXIT_ERROR;
}
