/* cmd-export.c: `hearth export KINDS` (elders, visits: the kinds of
 * forms/kinds.c) to stdout. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/i18n.h"
#include "forms/export.h"

static bool
parse_day(const char *name, const char *arg, struct ymd *out)
{
	if (date_parse(arg, out))
		return true;
	cli_usage_error(&cmd_export, _("--%s: \"%s\" is not a date "
	    "(YYYY-MM-DD)"), name, arg);
	return false;
}

static int
cmd_export_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ "excel", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ymd since = { 0, 0, 0 }, until = { 0, 0, 0 };
	enum export_format format = EXPORT_CSV;
	const struct form_kind *kind;
	char *cause = NULL;
	bool excel = false;
	sqlite3 *db;
	int c;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_export)) !=
	    CLI_OPT_END) {
		switch (c) {
		case 's':
			if (!parse_day("since", optarg, &since))
				return CLI_EXIT_USAGE;
			break;
		case 'u':
			if (!parse_day("until", optarg, &until))
				return CLI_EXIT_USAGE;
			break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				format = EXPORT_CSV;
			else if (strcmp(optarg, "ndjson") == 0)
				format = EXPORT_NDJSON;
			else
				return cli_usage_error(&cmd_export,
				    _("unknown format %s (csv or ndjson)"),
				    optarg);
			break;
		case 'x':
			excel = true;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (excel) {
		/* A BOM and ="..." cells mean nothing to an NDJSON reader. */
		if (format != EXPORT_CSV)
			return cli_usage_error(&cmd_export,
			    _("--excel is for CSV, not --format ndjson"));
		format = EXPORT_EXCEL;
	}
	if (argc - optind != 1)
		return cli_usage_error(&cmd_export, _("give what to export"));
	kind = kind_by_name(argv[optind]);
	if (kind == NULL || strcmp(kind->plural, argv[optind]) != 0)
		return cli_kind_error(&cmd_export, argv[optind], true);
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if (export_write(db, kind, format, since, until, stdout, &cause) != 0)
		return cli_fail(cause);
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_export = {
	"export",
	"export elders|children|visits|meals|guidance|sites [--since D] "
	"[--until D] [--format csv|ndjson] [--excel]",
	N_("Writes elders, children, visits or guidance sessions to standard "
	   "output: CSV\n(UTF-8, a header row) or NDJSON (one JSON object per "
	   "line).\n"
	   "\n"
	   "Options:\n"
	   "  --since D        only records from day D (YYYY-MM-DD): the visit "
	   "or session\n"
	   "                   time, or when a person's record last changed\n"
	   "  --until D        only records up to day D, included\n"
	   "  --format FORMAT  csv (default) or ndjson\n"
	   "  --excel          CSV to open in Excel/WPS: with a BOM, and ID "
	   "numbers, phones\n"
	   "                   and division codes kept as text (=\"...\"); "
	   "import reads it back\n"),
	cmd_export_run,
};
