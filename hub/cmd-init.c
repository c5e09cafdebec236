/* cmd-init.c: hearth-hub init — create the hub database. */
#include <stdio.h>

#include "hub/hub.h"
#include "hub/store.h"

static int
cmd_init_run(int argc, char **argv, const char *db_path)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store *st;
	char *cause = NULL;
	FILE *f;
	int c;

	if ((c = hub_getopt(argc, argv, longopts, &hub_cmd_init)) !=
	    HUB_OPT_END)
		return c < 0 ? hub_opt_exit(c) : hub_usage(&hub_cmd_init,
		    "unexpected option");
	if (optind != argc)
		return hub_usage(&hub_cmd_init, "init takes no arguments");
	/* Refuse to "init" an existing hub: it would look like a fresh
	 * start while keeping every station and batch. */
	if ((f = fopen(db_path, "r")) != NULL) {
		fclose(f);
		fprintf(stderr, "hearth-hub: %s exists already\n", db_path);
		return HUB_EXIT_ERROR;
	}
	if ((st = store_open(db_path, true, &cause)) == NULL)
		return hub_fail(cause);
	store_close(st);
	fprintf(stderr, "hearth-hub: created %s\n", db_path);
	return HUB_EXIT_OK;
}

const struct hub_cmd hub_cmd_init = {
	"init", "[--db PATH] init",
	"Creates the hub database (mode 0600).  Then add stations and staff\n"
	"tokens, and serve.\n",
	cmd_init_run,
};
