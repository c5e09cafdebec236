/* cmd-roster.c: hearth-hub roster import elders|children FILE.csv
 * [--encoding auto|utf-8|gbk] [--dry-run].
 *
 * The county's list goes through the station's own import rules
 * (hub/roster.h).  As `hearth import` does, each rejected row is one line
 * "FILE:LINE: reason" on stderr and the valid rows are stored; exit 3 when
 * any row was rejected, so a script notices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/textenc.h"
#include "hub/hub.h"
#include "hub/roster.h"
#include "hub/store.h"

static void
roster_reject(void *arg, size_t line, const char *reason)
{
	fprintf(stderr, "%s:%zu: %s\n", (const char *)arg, line, reason);
}

static int
cmd_roster_run(int argc, char **argv, const char *db_path)
{
	static const struct option longopts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct roster_import in;
	struct roster_counts counts;
	enum textenc enc = TEXTENC_AUTO;
	enum roster_result rc;
	struct store *st;
	const char *path;
	char *utf8 = NULL, *cause = NULL;
	bool dry_run = false;
	size_t len;
	int c, kind;

	if (argc < 2 || strcmp(argv[1], "import") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0)) {
			hub_help(&hub_cmd_roster);
			return HUB_EXIT_OK;
		}
		return hub_usage(&hub_cmd_roster, "roster import is the only "
		    "roster command");
	}
	argc--;
	argv++;
	while ((c = hub_getopt(argc, argv, longopts, &hub_cmd_roster)) !=
	    HUB_OPT_END) {
		if (c < 0)
			return hub_opt_exit(c);
		if (c == 'e' && textenc_parse(optarg, &enc) != 0)
			return hub_usage(&hub_cmd_roster, "unknown encoding %s "
			    "(auto, utf-8 or gbk)", optarg);
		if (c == 'n')
			dry_run = true;
	}
	if (argc - optind != 2)
		return hub_usage(&hub_cmd_roster, "give elders or children, "
		    "and the file");
	if ((kind = roster_kind(argv[optind])) == 0)
		return hub_usage(&hub_cmd_roster, "%s: the roster holds elders "
		    "or children", argv[optind]);
	path = argv[optind + 1];

	/* The station's reader: BOM, GBK/GB18030 detected, the size cap;
	 * its messages name the file. */
	if (csv_read_file(path, enc, &utf8, &len, NULL, &cause) != 0)
		return hub_fail(cause);
	if ((st = store_open(db_path, false, &cause)) == NULL) {
		free(utf8);
		return hub_fail(cause);
	}
	memset(&in, 0, sizeof in);
	in.kind = kind;
	in.utf8 = utf8;
	in.len = len;
	in.dry_run = dry_run;
	in.reject = roster_reject;
	in.arg = (void *)path;
	rc = roster_import(st, &in, &counts, &cause);
	store_close(st);
	free(utf8);
	if (rc != ROSTER_DONE) {
		fprintf(stderr, "hearth-hub: %s: %s\n", path, cause != NULL ?
		    cause : "out of memory");
		free(cause);
		return HUB_EXIT_ERROR;
	}
	fprintf(stderr, "hearth-hub: %s: %zu inserted, %zu updated, "
	    "%zu unchanged, %zu rejected%s\n", path, counts.inserted,
	    counts.updated, counts.unchanged, counts.rejected,
	    dry_run ? " (dry run: nothing was stored)" : "");
	return counts.rejected > 0 ? HUB_EXIT_REJECTED : HUB_EXIT_OK;
}

const struct hub_cmd hub_cmd_roster = {
	"roster", "[--db PATH] roster import elders|children FILE.csv "
	    "[--encoding auto|utf-8|gbk] [--dry-run]",
	"Adds the county's list of elders or children (civil affairs) to the\n"
	"roster the stations download, checked by the station's own rules:\n"
	"Chinese or English headers, UTF-8 or GBK (auto-detected), as\n"
	"`hearth import` takes them.  Elders are matched by ID number,\n"
	"children by ID number or by name, birth date and caregiver, so\n"
	"importing the same file again changes nothing; columns the file lacks\n"
	"keep what the hub holds, and people missing from the file stay (a\n"
	"move or a death is a status in the list: 迁出, 死亡).  Each rejected\n"
	"row is reported as FILE:LINE: reason and skipped; the others are\n"
	"stored together.  Exit status 3 if any row was rejected.\n"
	"\n"
	"Options:\n"
	"  --encoding ENC   auto (default), utf-8 or gbk (also GB18030)\n"
	"  --dry-run        check and count every row, store nothing\n",
	cmd_roster_run,
};
