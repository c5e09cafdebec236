/* cmd-tui.c: `hearth [tui] [--kiosk] [--no-color]`: the screens. */
#include <stdlib.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "tui/tui.h"

static int
cmd_tui_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "kiosk", no_argument, NULL, 'k' },
		{ "no-color", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tui_options opt = { false, false };
	const char *no_color = getenv("NO_COLOR");
	sqlite3 *db;
	int c;

	/* https://no-color.org: set and not empty. */
	opt.no_color = no_color != NULL && *no_color != '\0';
	while ((c = cli_getopt(argc, argv, longopts, &cmd_tui)) != CLI_OPT_END) {
		switch (c) {
		case 'k':
			opt.kiosk = true;
			break;
		case 'c':
			opt.no_color = true;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_tui, _("unexpected argument %s"),
		    argv[optind]);
	if ((db = cli_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	return tui_main(db, env->db_path, &opt);
}

const struct cli_cmd cmd_tui = {
	"tui",
	"[tui] [--kiosk] [--no-color]",
	N_("Options:\n"
	   "  --kiosk      for a shared kiosk: no quit key, logout returns to "
	   "the login screen\n"
	   "  --no-color   draw without colours (also when $NO_COLOR is set)\n"),
	cmd_tui_run,
};
