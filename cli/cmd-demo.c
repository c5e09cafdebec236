/* cmd-demo.c: `hearth demo`: a database full of believable records. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/i18n.h"
#include "core/user.h"

static void
demo_report(const struct demo_result *res, const char *path)
{
	size_t i;

	if (res->station_created)
		printf(_("Demo station %s created in %s.\n"), res->station,
		    path);
	printf(_("%zu elders and %zu visits saved for station %s.\n"),
	    res->elders, res->visits, res->station);
	if (res->meals > 0)
		printf(_("%zu meal servings at %zu meal sites saved.\n"),
		    res->meals, res->sites);
	if (res->children > 0)
		printf(_("%zu children under three and %zu guidance sessions "
		    "saved.\n"), res->children, res->sessions);
	if (!res->accounts_created) {
		printf("%s\n", _("The database already had accounts; no demo "
		    "accounts were added."));
		return;
	}
	printf("%s\n", _("Demo accounts (login, PIN, role):"));
	for (i = 0; i < demo_naccounts; i++)
		printf("  %-10s %-8s %s\n", demo_accounts[i].login,
		    demo_accounts[i].pin,
		    user_role_name(demo_accounts[i].role));
}

static int
cmd_demo_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "elders", required_argument, NULL, 'e' },
		{ "months", required_argument, NULL, 'm' },
		{ "children", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_options opt = { 200, 12, 1, { 0, 0, 0 }, 0 };
	struct demo_result res;
	char *cause = NULL;
	bool children_given = false;
	sqlite3 *db;
	long v;
	int c;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_demo)) != CLI_OPT_END) {
		switch (c) {
		case 'e':
			if (!cli_parse_int(&cmd_demo, "elders", optarg, 1,
			    DEMO_ELDERS_MAX, &v))
				return CLI_EXIT_USAGE;
			opt.elders = (int)v;
			break;
		case 'c':
			if (!cli_parse_int(&cmd_demo, "children", optarg, 0,
			    DEMO_CHILDREN_MAX, &v))
				return CLI_EXIT_USAGE;
			opt.children = (int)v;
			children_given = true;
			break;
		case 'm':
			if (!cli_parse_int(&cmd_demo, "months", optarg, 1,
			    DEMO_MONTHS_MAX, &v))
				return CLI_EXIT_USAGE;
			opt.months = (int)v;
			break;
		case 's':
			if (!cli_parse_int(&cmd_demo, "seed", optarg, 0,
			    2147483647L, &v))
				return CLI_EXIT_USAGE;
			opt.seed = (uint64_t)v;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_demo, _("unexpected argument %s"),
		    argv[optind]);
	/* A new file is fine: the demo sets up its own station. */
	if ((db = env->db) == NULL) {
		if ((db = db_open(env->db_path, DB_OPEN_CREATE, &cause)) == NULL)
			return cli_fail(cause);
		env->db = db;	/* main() closes it */
	}
	/* About 3 children under three for every 20 elders on the hardship
	 * register; capped, so a benchmark's 50,000 elders stay quick. */
	if (!children_given)
		opt.children = opt.elders < 7 ? 1 : opt.elders * 3 / 20 < 500 ?
		    opt.elders * 3 / 20 : 500;
	opt.today = date_today();
	if (demo_generate(db, &opt, &res, &cause) != 0)
		return cli_fail(cause);
	demo_report(&res, env->db_path);
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_demo = {
	"demo",
	"demo [--elders N] [--children N] [--months M] [--seed S]",
	N_("Fills the database (a new one, or an existing station's) with "
	   "realistic demo\nrecords: elders in the villages of a county and "
	   "their visits up to yesterday,\nchildren under three and their "
	   "parenting-guidance sessions.\nA database without accounts gets "
	   "demo accounts, printed at the end.  The same\nseed on the same day "
	   "gives the same records.\n"
	   "\n"
	   "Options:\n"
	   "  --elders N   how many elders (default 200)\n"
	   "  --children N how many children under three (default: 3 for "
	   "every 20 elders,\n"
	   "               at most 500)\n"
	   "  --months M   months of visits, this one included (default 12)\n"
	   "  --seed S     seed of the random choices (default 1)\n"),
	cmd_demo_run,
};
