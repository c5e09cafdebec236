/* hub.h: hearth-hub's command line, one cmd-NAME.c per command.
 *
 * main() takes the global options (--db, --help, --version) and hands the
 * rest of argv to a command (argv[0] its name), which returns the exit
 * code: 0 ok, 1 error, 2 usage (3: rows of a roster import rejected).
 * Commands print; the modules below them (store, auth, ingest, roster,
 * http) never do, except the server's request log on stderr.  Messages are English: hub users are county staff with curl. */
#ifndef HEARTH_HUB_HUB_H
#define HEARTH_HUB_HUB_H

#include <getopt.h>

enum { HUB_EXIT_OK = 0, HUB_EXIT_ERROR = 1, HUB_EXIT_USAGE = 2,
	HUB_EXIT_REJECTED = 3	/* roster import: rows rejected, as hearth's */
};

struct hub_cmd {
	const char *name;
	const char *usage;	/* after "hearth-hub " */
	const char *help;	/* the option list */
	int (*run)(int argc, char **argv, const char *db_path);
};

extern const struct hub_cmd hub_cmd_init, hub_cmd_roster, hub_cmd_serve,
    hub_cmd_station, hub_cmd_token;

/* The database: --db if given, else $HEARTH_HUB_DB, else the default
 * chosen at configure time. */
const char *hub_db_path(const char *opt);

/* getopt_long over long options plus -h: the option, HUB_OPT_END, or
 * HUB_OPT_HELP / HUB_OPT_USAGE once help or a usage error is printed. */
enum { HUB_OPT_END = -1, HUB_OPT_HELP = -2, HUB_OPT_USAGE = -3 };
int hub_getopt(int argc, char **argv, const struct option *longopts,
    const struct hub_cmd *cmd);
int hub_opt_exit(int c);

void hub_help(const struct hub_cmd *cmd);
/* "hearth-hub: MESSAGE" and the usage line on stderr; HUB_EXIT_USAGE. */
int hub_usage(const struct hub_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "hearth-hub: CAUSE" on stderr, CAUSE freed; HUB_EXIT_ERROR. */
int hub_fail(char *cause);

#endif
