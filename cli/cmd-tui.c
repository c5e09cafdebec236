/* cmd-tui.c: `hearth [tui] [--kiosk] [--no-color] [--idle-logout M]`:
 * the screens. */
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
		{ "idle-logout", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tui_options opt = { false, false, 0 };
	const char *no_color = getenv("NO_COLOR");
	sqlite3 *db;
	char *end;
	long minutes;
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
		case 'i':
			/* A day at most: longer is "never", which a kiosk
			 * must not have. */
			minutes = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || minutes < 1 ||
			    minutes > 24 * 60)
				return cli_usage_error(&cmd_tui,
				    _("--idle-logout: minutes from 1 to 1440, "
				    "not %s"), optarg);
			opt.idle_minutes = (int)minutes;
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
	"[tui] [--kiosk] [--no-color] [--idle-logout MINUTES]",
	N_("Options:\n"
	   "  --kiosk      for a shared kiosk: no quit key, logout returns to "
	   "the login screen\n"
	   "  --no-color   draw without colours (also when $NO_COLOR is set)\n"
	   "  --idle-logout MINUTES\n"
	   "               log out after MINUTES without a key (1-1440; "
	   "default 15 with --kiosk, else never)\n"),
	cmd_tui_run,
};
