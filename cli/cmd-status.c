/* cmd-status.c: `hearth status`: what waits for the hub, how the last
 * sync went. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/outbox.h"
#include "core/sync.h"
#include "forms/kind.h"
#include "forms/roster.h"

/* The setting KEY, or DASH when unset or empty (malloc'd or static). */
static void
print_setting(sqlite3 *db, const char *label, const char *key)
{
	char *v = db_setting_get(db, key);

	printf("%s%s\n", label, v != NULL && *v != '\0' ? v : "-");
	free(v);
}

/* The last download of the roster of KIND: when, what it did, and when
 * the hub was last asked. */
static void
print_roster(sqlite3 *db, const char *kind)
{
	const struct form_kind *k = kind_by_name(kind);
	struct roster_last last;

	if (k == NULL)
		return;
	roster_last(db, k, &last);
	if (last.merged_at[0] == '\0') {
		/* TRANSLATORS: %s is "elders" or "children" as translated
		 * on their own. */
		printf(_("Roster %s: not downloaded yet\n"),
		    sync_roster_label(kind));
		return;
	}
	/* TRANSLATORS: %s is "elders" or "children"; then the time of the
	 * last download, its counts and when the hub was last asked. */
	printf(_("Roster %s: downloaded %s: %ld new, %ld updated, %ld "
	    "unchanged, %ld kept local edits, %ld refused; last checked %s\n"),
	    sync_roster_label(kind), last.merged_at, last.counts.inserted, last.counts.updated,
	    last.counts.unchanged, last.counts.kept, last.counts.rejected,
	    last.checked_at[0] != '\0' ? last.checked_at : last.merged_at);
}

static int
cmd_status_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct outbox_status st;
	char *cause = NULL, *err;
	sqlite3 *db;
	int c;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_status)) !=
	    CLI_OPT_END)
		return cli_opt_exit(c);
	if (optind != argc)
		return cli_usage_error(&cmd_status, _("unexpected argument %s"),
		    argv[optind]);
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if (outbox_status(db, &st, &cause) != 0)
		return cli_fail(cause);
	/* TRANSLATORS: `hearth status` lines: a label, then the value. */
	printf(_("Outbox: %ld records waiting, %ld batches not yet "
	    "acknowledged (%ld records)\n"), st.pending, st.unacked,
	    st.unacked_records);
	if (st.last_acked > 0)
		printf(_("Last acknowledged batch: %llu at %s\n"),
		    (unsigned long long)st.last_acked, st.last_acked_at);
	else
		printf("%s\n", _("Last acknowledged batch: none yet"));
	print_setting(db, _("Last successful sync: "), SYNC_KEY_LAST_OK);
	err = db_setting_get(db, SYNC_KEY_LAST_ERROR);
	if (err != NULL && *err != '\0') {
		print_setting(db, _("Last error at: "),
		    SYNC_KEY_LAST_ERROR_AT);
		printf(_("Last error: %s\n"), err);
	} else
		printf("%s\n", _("Last error: none"));
	free(err);
	print_setting(db, _("Hub: "), "sync.hub_url");
	print_roster(db, "elders");
	print_roster(db, "children");
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_status = {
	"status",
	"status",
	N_("Shows what waits for the county hub: records not yet in a batch, "
	   "batches not\nyet acknowledged, the last acknowledged batch, the "
	   "last sync and the last\nerror, and the last roster download of "
	   "elders and children.\n"),
	cmd_status_run,
};
