/* cmd-init.c: `hearth init`: create the station database.
 *
 * No account is created (SPEC): while a station has none, the TUI asks for
 * the first admin's login and PIN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/user.h"

/* Record STATION in DB unless it is already this station. */
static int
station_ensure(sqlite3 *db, const char *code, const char *name,
    const char *division, const char *path)
{
	struct station st;
	char *cause = NULL;
	int rc;

	rc = db_station_get(db, &st, &cause);
	if (rc < 0)
		return cli_fail(cause);
	if (rc == 0) {
		/* Re-running the same init is harmless; turning one
		 * station's records into another's is not. */
		rc = strcmp(st.code, code) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
		if (rc != CLI_EXIT_OK)
			cli_error(_("%s already belongs to station %s; it "
			    "cannot become station %s (use another --db)"),
			    path, st.code, code);
		db_station_clear(&st);
		return rc;
	}
	if (db_station_init(db, code, name, division, &cause) != 0)
		return cli_fail(cause);
	return CLI_EXIT_OK;
}

static int
cmd_init_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "station", required_argument, NULL, 's' },
		{ "name", required_argument, NULL, 'n' },
		{ "division", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *code = NULL, *name = NULL, *division = NULL, *lang = NULL;
	char *cause = NULL;
	sqlite3 *db;
	int c, rc;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_init)) != CLI_OPT_END) {
		switch (c) {
		case 's':
			code = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'd':
			division = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_init, _("unexpected argument %s"),
		    argv[optind]);
	if (code == NULL || name == NULL || division == NULL)
		return cli_usage_error(&cmd_init,
		    _("--station, --name and --division are required"));
	if (lang != NULL && strcmp(lang, "zh_CN") != 0 &&
	    strcmp(lang, "en") != 0)
		return cli_usage_error(&cmd_init,
		    _("unknown language %s (zh_CN or en)"), lang);

	/* A missing file is what init is for: only the creating open's
	 * error matters. */
	if ((db = env->db) == NULL) {
		if ((db = db_open(env->db_path, DB_OPEN_CREATE, &cause)) == NULL)
			return cli_fail(cause);
		env->db = db;	/* main() closes it */
	}
	if ((rc = station_ensure(db, code, name, division, env->db_path)) != 0)
		return rc;
	if (lang != NULL) {
		if (db_setting_set(db, "lang", lang, &cause) != 0)
			return cli_fail(cause);
		if (!env->lang_given)
			i18n_init(lang);
	}
	printf(_("Station %s is ready in %s.\n"), code, env->db_path);
	if (user_count(db) == 0)
		printf(_("Start \"hearth\" to create the administrator's "
		    "account.\n"));
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_init = {
	"init",
	"init --station CODE --name NAME --division CODE12 [--lang zh_CN|en]",
	N_("Creates the station database.  No account is created: the first "
	   "start of\n\"hearth\" asks for the administrator's login and PIN.\n"
	   "\n"
	   "Options:\n"
	   "  --station CODE     the station code (letters, digits, '-'), "
	   "e.g. LJC01\n"
	   "  --name NAME        the station's name, e.g. 李家村幸福院\n"
	   "  --division CODE12  its 12-digit statistical division code\n"
	   "  --lang zh_CN|en    language of the screens (default zh_CN)\n"),
	cmd_init_run,
};
