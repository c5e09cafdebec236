/* main.c: hearth-hub's global options, then one command (cmd-NAME.c). */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "hub/hub.h"

static const struct hub_cmd *const commands[] = {
	&hub_cmd_init, &hub_cmd_roster, &hub_cmd_serve, &hub_cmd_station,
	&hub_cmd_token, NULL,
};

static const struct hub_cmd cmd_main = {
	"main", "[--db PATH] COMMAND [ARGS]",
	"The county hub: stations upload batches, staff read merged records.\n"
	"\n"
	"Options:\n"
	"  --db PATH     the hub database (else $HEARTH_HUB_DB, else the "
	"default)\n"
	"  --help        show this help\n"
	"  --version     show the version\n"
	"\n"
	"Commands (each has --help):\n"
	"  init                                   create the hub database\n"
	"  serve --listen ADDR:PORT               serve the HTTP API\n"
	"  station add CODE --name N --division D add a station, print its "
	"token\n"
	"  token add NAME --role staff|admin      add a staff token, print "
	"it\n"
	"  roster import elders|children FILE     add the county's list to "
	"the roster\n",
	NULL,
};

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c, i;

	/* Character classes only: hub messages are English (msgids). */
	setlocale(LC_CTYPE, "");
	if (sodium_init() < 0) {
		fputs("hearth-hub: libsodium cannot start\n", stderr);
		return HUB_EXIT_ERROR;
	}
	/* "+": stop at the command; its options are its own. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'h') {
			hub_help(&cmd_main);
			return HUB_EXIT_OK;
		} else if (c == 'V') {
			printf("hearth-hub %s\n", PACKAGE_VERSION);
			return HUB_EXIT_OK;
		} else
			return hub_usage(&cmd_main, "bad option %s",
			    argv[optind - 1]);
	}
	if (optind >= argc)
		return hub_usage(&cmd_main, "a command is needed");
	for (i = 0; commands[i] != NULL; i++) {
		if (strcmp(commands[i]->name, argv[optind]) == 0) {
			argc -= optind;
			argv += optind;
			optind = 0;	/* GNU getopt: start afresh */
			return commands[i]->run(argc, argv, hub_db_path(db));
		}
	}
	return hub_usage(&cmd_main, "unknown command %s", argv[optind]);
}
