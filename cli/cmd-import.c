/* cmd-import.c: `hearth import KINDS FILE.csv` (elders, visits: the
 * kinds of forms/kinds.c).
 *
 * Each rejected row is one line on stderr, "FILE:LINE: reason", the form
 * editors and grep understand; the summary goes to stdout.  Exit 3 when
 * any row was rejected, so scripts notice even though the rest went in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/textenc.h"
#include "forms/import.h"

static void
import_reject(void *arg, size_t line, const char *reason)
{
	fprintf(stderr, "%s:%zu: %s\n", (const char *)arg, line, reason);
}

static int
cmd_import_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum textenc enc = TEXTENC_AUTO;
	struct import_counts counts;
	const struct form_kind *kind;
	bool dry_run = false;
	char *utf8, *cause = NULL, login[32];
	const char *path;
	size_t len;
	sqlite3 *db;
	int c, rc;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_import)) !=
	    CLI_OPT_END) {
		switch (c) {
		case 'e':
			if (textenc_parse(optarg, &enc) != 0)
				return cli_usage_error(&cmd_import,
				    _("unknown encoding %s (auto, utf-8 or "
				    "gbk)"), optarg);
			break;
		case 'n':
			dry_run = true;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(&cmd_import,
		    _("give what to import and the file"));
	kind = kind_by_name(argv[optind]);
	if (kind == NULL || strcmp(kind->plural, argv[optind]) != 0)
		return cli_kind_error(&cmd_import, argv[optind], true);
	path = argv[optind + 1];
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;

	if (csv_read_file(path, enc, &utf8, &len, NULL, &cause) != 0)
		return cli_fail(cause);
	cli_login(login);
	rc = import_csv(db, kind, utf8, len, dry_run, login, import_reject,
	    (void *)path, &counts, &cause);
	free(utf8);
	if (rc != 0) {
		cli_error("%s: %s", path, cause != NULL ? cause :
		    _("out of memory"));
		free(cause);
		return CLI_EXIT_ERROR;
	}
	printf(_("%zu inserted, %zu updated, %zu unchanged, %zu rejected\n"),
	    counts.inserted, counts.updated, counts.unchanged,
	    counts.rejected);
	if (dry_run)
		printf("%s\n", _("Dry run: nothing was saved."));
	return counts.rejected > 0 ? CLI_EXIT_REJECTED : CLI_EXIT_OK;
}

const struct cli_cmd cmd_import = {
	"import",
	"import elders|children|visits|meals|guidance|sites FILE.csv "
	"[--encoding auto|utf-8|gbk] [--dry-run]",
	N_("Imports elders, children, visits or guidance sessions from a CSV "
	   "file (Chinese\nheaders or the export's English ones).  Each "
	   "rejected row is reported as\nFILE:LINE: reason and skipped; the "
	   "others are saved together.  Elders are matched\nby ID number, "
	   "children by ID number or name, birth date and caregiver, so\n"
	   "importing the same file again changes nothing.  Exit status 3 if "
	   "any row was\nrejected.\n"
	   "\n"
	   "Options:\n"
	   "  --encoding ENC   auto (default), utf-8 or gbk (also GB18030, as "
	   "Excel/WPS save)\n"
	   "  --dry-run        check every row, save nothing\n"),
	cmd_import_run,
};
