/* cli.h: the command-line front end, one cmd-NAME.c per command.
 *
 * main() parses the global options (--db, --lang), opens the database when
 * it exists (the station's stored language must be known before anything
 * is printed), and hands the rest of argv to the command, argv[0] being the
 * command's name.  A command returns the process exit code:
 *   0 ok, 1 error, 2 usage (unknown option, missing argument), 3 import
 *   with rejected rows.
 * Commands print; core/ never does.  Every message to people is wrapped in
 * _() with an English msgid (locale/fragments/cli.po). */
#ifndef HEARTH_CLI_H
#define HEARTH_CLI_H

#include <getopt.h>
#include <sqlite3.h>
#include <stdbool.h>

enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_ERROR = 1,
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_REJECTED = 3,
};

/* What main() found out before running the command. */
struct cli_env {
	const char *db_path;	/* --db, $HEARTH_DB or the default */
	sqlite3 *db;		/* open if the file existed, else NULL */
	char *open_cause;	/* why it could not be opened, or NULL */
	bool lang_given;	/* --lang was on the command line */
};

struct cli_cmd {
	const char *name;
	const char *usage;	/* synopsis after "hearth ", not translated */
	const char *help;	/* option list, an English msgid */
	int (*run)(int argc, char **argv, struct cli_env *env);
};

extern const struct cli_cmd cmd_init, cmd_demo, cmd_user, cmd_import,
    cmd_export, cmd_report, cmd_find, cmd_add, cmd_tui, cmd_sync,
    cmd_status;
/* `hearth report meals-by-day`, dispatched by cmd_report. */
extern const struct cli_cmd cmd_report_days;
/* `hearth report meals`, dispatched by cmd_report. */
extern const struct cli_cmd cmd_report_meals;

/* getopt_long over a command's options, long ones only plus -h.  Returns
 * the option's value, CLI_OPT_END when done, CLI_OPT_HELP after printing
 * the help (for --help/-h) or CLI_OPT_USAGE after printing a usage error
 * naming the bad option.  main() resets getopt (optind = 0) before it
 * runs a command. */
enum { CLI_OPT_END = -1, CLI_OPT_HELP = -2, CLI_OPT_USAGE = -3 };
int cli_getopt(int argc, char **argv, const struct option *longopts,
    const struct cli_cmd *cmd);

/* The exit code for CLI_OPT_HELP (0) or CLI_OPT_USAGE (2). */
int cli_opt_exit(int c);

/* Print "hearth: MESSAGE" and the command's usage line to stderr; returns
 * CLI_EXIT_USAGE.  FMT is already translated. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the usage line and help of CMD to stdout. */
void cli_help(const struct cli_cmd *cmd);

/* Print "hearth: MESSAGE" to stderr (no usage line). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print CAUSE as an error and free it; returns CLI_EXIT_ERROR. */
int cli_fail(char *cause);

/* The open database, or an error printed ("no database at PATH: run
 * hearth init first") and NULL. */
sqlite3 *cli_db(struct cli_env *env);

/* As cli_db(), for commands that work on a station's records (find, add,
 * import, export, report, user add): a file whose `hearth init` never finished has
 * the schema but no station, and every such command would otherwise fail
 * late and obscurely (or print an empty export as if all were well).
 * NULL and an error printed that says to run `hearth init`. */
sqlite3 *cli_station_db(struct cli_env *env);

/* Who is running the command line, for created_by: the Unix login name
 * (the CLI has no station login; the audit trail still says who). */
void cli_login(char out[32]);

/* Usage error for NAME, which is not a kind of record (forms/kinds.c)
 * CMD knows: lists those it does (plural for import/export, singular for
 * add).  Returns CLI_EXIT_USAGE. */
int cli_kind_error(const struct cli_cmd *cmd, const char *name,
    bool plural);

/* Parse a non-negative decimal for option NAME; false (and a usage error
 * printed) if ARG is not one in [MIN, MAX]. */
bool cli_parse_int(const struct cli_cmd *cmd, const char *name,
    const char *arg, long min, long max, long *out);

/* What the reports' --format takes, in the order the parser lists. */
enum cli_format { CLI_FORMAT_TEXT, CLI_FORMAT_CSV, CLI_FORMAT_NDJSON };

/* The reports' --month ARG (YYYY-MM) into *Y and *M, and --format ARG
 * into *FORMAT; false (and a usage error printed) if ARG is not one. */
bool cli_parse_month(const struct cli_cmd *cmd, const char *arg, int *y,
    int *m);
bool cli_parse_format(const struct cli_cmd *cmd, const char *arg,
    enum cli_format *format);

/* The reports' text tables, on stdout: S left-aligned and padded with
 * spaces to COLS display columns; a column of figures after another, two
 * spaces and then S right-aligned in COLS. */
void cli_put_padded(const char *s, int cols);
void cli_put_right(const char *s, int cols);

#endif
