/* cmd-find.c: `hearth find TEXT`: elders and children by name, initials
 * or ID tail.
 *
 * The full ID number is printed: this is the station's own administration
 * tool, run by people who may already see every record in the TUI, and
 * the number is what they need to tell two 王秀英 apart or to feed `hearth
 * add visit --elder`.  Lines are tab-separated so they stay greppable and
 * cut-able: name, ID number, village, status, and the record number,
 * which names a child to `hearth add guidance --child` (many infants have
 * no ID number yet).  Elders come before children of the same rank. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/search.h"
#include "core/utf8.h"

#define FIND_MAX 200

static void
find_print(sqlite3 *db, const struct search_hit *h)
{
	char *village = db_division_name(db, h->division_code);
	char *name = utf8_sanitize(h->name);
	char *place = utf8_sanitize(village != NULL ? village :
	    h->division_code);

	printf("%s\t%s\t%s\t%s\t%s\n", name != NULL ? name : "",
	    h->id_number, place != NULL ? place : "",
	    choice_display(h->kind == SEARCH_CHILD ? CH_CHILD_STATUS :
	    CH_STATUS, h->status), h->uid);
	free(place);
	free(name);
	free(village);
}

static int
cmd_find_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct search_hit hits[FIND_MAX];
	struct search_index *ix;
	char *cause = NULL;
	size_t n, i;
	sqlite3 *db;
	int c;

	if ((c = cli_getopt(argc, argv, longopts, &cmd_find)) != CLI_OPT_END)
		return cli_opt_exit(c);	/* --help or a bad option */
	if (argc - optind != 1 || argv[optind][0] == '\0')
		return cli_usage_error(&cmd_find, _("give one TEXT to look "
		    "for"));
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if ((ix = search_load(db, &cause)) == NULL)
		return cli_fail(cause);
	n = search_run_kinds(ix, argv[optind], SEARCH_ALL, hits, FIND_MAX);
	for (i = 0; i < n && i < FIND_MAX; i++)
		find_print(db, &hits[i]);
	if (n > FIND_MAX)
		fprintf(stderr, _("%zu more not shown: type more of the name\n"),
		    n - FIND_MAX);
	search_free(ix);
	/* Like grep: nothing found is not an error, but scripts can tell. */
	return n > 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

const struct cli_cmd cmd_find = {
	"find",
	"find TEXT",
	N_("Finds elders and children by part of the name, pinyin initials "
	   "(\"wxy\" finds\n王秀英) or the last 4 or more characters of the "
	   "ID number.  One line per\nperson, tab-separated: name, ID number, "
	   "village, status, record number.\nExit status 1 if none is "
	   "found.\n"),
	cmd_find_run,
};
