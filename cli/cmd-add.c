/* cmd-add.c: `hearth add visit --COLUMN VALUE ...`: one visit.
 *
 * The options are the visits export's column names (SPEC), the elder given
 * as --elder ID_NUMBER.  They become a one-row record for core/import.c,
 * so a visit typed here is checked exactly as one imported or entered in
 * the TUI (visit_save). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/import.h"

/* Long options, each carrying the index of its column name. */
static const char *const columns[] = {
	"elder_id_number", "visited_at", "mode", "visitor", "contacted",
	"outcome", "services", "health", "economy", "family", "safety",
	"needs", "emergency", "emergency_action", "referral",
	"follow_up_date", "note",
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])
#define OPT_BASE 256	/* option values beyond any character */

static const struct option longopts[] = {
	{ "elder", required_argument, NULL, OPT_BASE + 0 },
	{ "visited_at", required_argument, NULL, OPT_BASE + 1 },
	{ "mode", required_argument, NULL, OPT_BASE + 2 },
	{ "visitor", required_argument, NULL, OPT_BASE + 3 },
	{ "contacted", required_argument, NULL, OPT_BASE + 4 },
	{ "outcome", required_argument, NULL, OPT_BASE + 5 },
	{ "services", required_argument, NULL, OPT_BASE + 6 },
	{ "health", required_argument, NULL, OPT_BASE + 7 },
	{ "economy", required_argument, NULL, OPT_BASE + 8 },
	{ "family", required_argument, NULL, OPT_BASE + 9 },
	{ "safety", required_argument, NULL, OPT_BASE + 10 },
	{ "needs", required_argument, NULL, OPT_BASE + 11 },
	{ "emergency", required_argument, NULL, OPT_BASE + 12 },
	{ "emergency_action", required_argument, NULL, OPT_BASE + 13 },
	{ "referral", required_argument, NULL, OPT_BASE + 14 },
	{ "follow_up_date", required_argument, NULL, OPT_BASE + 15 },
	{ "note", required_argument, NULL, OPT_BASE + 16 },
	{ "elder_id_number", required_argument, NULL, OPT_BASE + 0 },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* True if the column NAME was given. */
static bool
given(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static int
cmd_add_run(int argc, char **argv, struct cli_env *env)
{
	const char *names[NCOLUMNS], *values[NCOLUMNS];
	char now_text[17], login[32], *cause = NULL;
	struct import_map *map;
	enum import_result rc;
	struct ymd day;
	size_t n = 0;
	sqlite3 *db;
	int c, minutes;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_add)) != CLI_OPT_END) {
		if (c < OPT_BASE)
			return cli_opt_exit(c);
		if (given(names, n, columns[c - OPT_BASE]))
			return cli_usage_error(&cmd_add, _("--%s given twice"),
			    longopts[c - OPT_BASE].name);
		names[n] = columns[c - OPT_BASE];
		values[n++] = optarg;
	}
	if (optind >= argc)
		return cli_usage_error(&cmd_add, _("what to add? (visit)"));
	if (strcmp(argv[optind], "visit") != 0)
		return cli_usage_error(&cmd_add, _("cannot add %s: only visits "
		    "in this version"), argv[optind]);
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_add, _("unexpected argument %s"),
		    argv[optind + 1]);

	if (!given(names, n, "elder_id_number") || !given(names, n, "mode") ||
	    !given(names, n, "visitor") || !given(names, n, "contacted"))
		return cli_usage_error(&cmd_add, _("--elder, --mode, --visitor "
		    "and --contacted are required"));
	/* A visit recorded as it happens: the time defaults to now. */
	if (!given(names, n, "visited_at")) {
		date_now(&day, &minutes);
		date_format_time(day, minutes, now_text);
		names[n] = "visited_at";
		values[n++] = now_text;
	}
	if ((map = import_map_new(IMPORT_VISITS, names, n, &cause)) == NULL) {
		cli_usage_error(&cmd_add, "%s", cause);
		free(cause);
		return CLI_EXIT_USAGE;
	}
	if ((db = cli_station_db(env)) == NULL) {
		import_map_free(map);
		return CLI_EXIT_ERROR;
	}
	cli_login(login);
	rc = import_record(db, map, values, n, login, &cause);
	import_map_free(map);
	switch (rc) {
	case IMPORT_INSERTED:
		printf("%s\n", _("Visit saved."));
		break;
	case IMPORT_UPDATED:
		printf("%s\n", _("The same visit was already recorded; it was "
		    "updated."));
		break;
	case IMPORT_UNCHANGED:
		printf("%s\n", _("The same visit was already recorded; nothing "
		    "changed."));
		break;
	case IMPORT_ERROR:
		return cli_fail(cause);
	}
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_add = {
	"add",
	"add visit --elder ID_NUMBER --mode MODE --visitor NAME --contacted "
	"是|否 [--COLUMN VALUE]...",
	N_("Records one visit, checked as in the screens.  The options are the "
	   "columns of\n\"hearth export visits\":\n"
	   "  --elder ID_NUMBER        the elder's ID number (required)\n"
	   "  --visited_at TIME        YYYY-MM-DD HH:MM (default: now)\n"
	   "  --mode MODE              上门, 电话, 视频, 远程监测 or 其他 "
	   "(required)\n"
	   "  --visitor NAME           who visited (required)\n"
	   "  --contacted 是|否         whether the elder was reached "
	   "(required)\n"
	   "  --outcome OUTCOME        正常, 未见到, 拒绝 or 发现风险\n"
	   "  --services LIST          e.g. 问安、陪伴聊天\n"
	   "  --health, --economy, --family, --safety, --needs TEXT\n"
	   "                           what was found in each of the five "
	   "areas\n"
	   "  --emergency 是|否         an emergency; then also "
	   "--emergency_action TEXT\n"
	   "  --referral TEXT          referred to whom, for what\n"
	   "  --follow_up_date DATE    YYYY-MM-DD\n"
	   "  --note TEXT              anything else\n"),
	cmd_add_run,
};
