/* main.c: global options, language, then one command (cmd-NAME.c). */
#define _GNU_SOURCE
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/db.h"
#include "core/i18n.h"

static const struct cli_cmd *const commands[] = {
	&cmd_tui, &cmd_init, &cmd_demo, &cmd_user, &cmd_import, &cmd_add,
	&cmd_export, &cmd_report, &cmd_find, &cmd_sync, &cmd_status, NULL,
};

static const struct cli_cmd cmd_main = {
	"main",
	"[--db PATH] [--lang zh_CN|en] [COMMAND [ARGS]]",
	N_("Keeps the records of a village elder-care station.\n"
	   "\n"
	   "Options:\n"
	   "  --db PATH         the station database (else $HEARTH_DB, else "
	   "the default)\n"
	   "  --lang zh_CN|en   language of messages (else the station's "
	   "setting)\n"
	   "  --help            show this help\n"
	   "  --version         show the version\n"
	   "\n"
	   "Commands (each has --help):\n"
	   "  tui               the screens for volunteers (the default)\n"
	   "  init              set up a new station database\n"
	   "  demo              fill a database with realistic demo data\n"
	   "  user add          add an account\n"
	   "  import            import elders, children, visits or guidance "
	   "from CSV\n"
	   "  add               record one visit, guidance session, elder or "
	   "child\n"
	   "  export            write records as CSV or NDJSON\n"
	   "  report coverage   the monthly visit rate and guidance coverage "
	   "per village\n"
	   "  find              find elders and children by name, initials "
	   "or ID tail\n"
	   "  sync              upload new records to the county hub\n"
	   "  status            what waits for the hub, the last sync\n"),
	NULL,
};

static const struct cli_cmd *
command_find(const char *name)
{
	size_t i;

	for (i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* The language: --lang, else the station's setting, else Chinese.  A bad
 * stored value falls back to Chinese rather than locking people out. */
static void
lang_init(const char *opt, sqlite3 *db)
{
	char *stored;

	if (opt != NULL) {
		i18n_init(opt);		/* checked while parsing */
		return;
	}
	stored = db != NULL ? db_setting_get(db, "lang") : NULL;
	if (i18n_init(stored) != 0)
		i18n_init(NULL);
	free(stored);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static char *tui_argv[] = { "tui", NULL };
	const char *db_opt = NULL, *lang_opt = NULL, *bad = NULL;
	const struct cli_cmd *cmd;
	struct cli_env env = { NULL, NULL, NULL, false };
	bool help = false, version = false, missing = false;
	char **cargv;
	int c, cargc, rc;

	setlocale(LC_ALL, "");

	/* Nothing may be printed before the language is known, so errors
	 * are only noted here. */
	opterr = 0;
	while (bad == NULL &&
	    (c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 'l':
			lang_opt = optarg;
			break;
		case 'h':
			help = true;
			break;
		case 'V':
			version = true;
			break;
		case ':':
			missing = true;
			/* FALLTHROUGH */
		default:
			bad = argv[optind - 1];
			break;
		}
	}
	if (lang_opt != NULL && i18n_init(lang_opt) != 0) {
		i18n_init(NULL);
		return cli_usage_error(&cmd_main,
		    _("unknown language %s (zh_CN or en)"), lang_opt);
	}
	/* Opened here, once: its language setting is needed before any
	 * output.  A missing file only matters to commands that need it; its
	 * message is worded now, in the default language (there is no
	 * station setting without a database). */
	if (lang_opt == NULL)
		i18n_init(NULL);
	env.db_path = db_path(db_opt);
	env.lang_given = lang_opt != NULL;
	env.db = db_open(env.db_path, DB_OPEN_EXISTING, &env.open_cause);
	lang_init(lang_opt, env.db);

	if (optind < argc) {
		cargc = argc - optind;
		cargv = argv + optind;
	} else {
		cargc = 1;
		cargv = tui_argv;
	}
	if (bad != NULL)
		rc = cli_usage_error(&cmd_main, missing ?
		    _("option %s needs a value") : _("unknown option %s"), bad);
	else if (version || help) {
		if (version)
			printf("hearth %s\n", VERSION);
		else
			cli_help(&cmd_main);
		rc = CLI_EXIT_OK;
	} else if ((cmd = command_find(cargv[0])) == NULL)
		rc = cli_usage_error(&cmd_main, _("unknown command %s"),
		    cargv[0]);
	else {
		optind = 0;	/* the command parses its own options */
		rc = cmd->run(cargc, cargv, &env);
	}
	if (env.db != NULL)
		db_close(env.db);
	free(env.open_cause);
	return rc;
}
