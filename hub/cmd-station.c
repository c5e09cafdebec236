/* cmd-station.c: hearth-hub station add CODE --name N --division CODE12.
 * The station's upload token goes to stdout alone, once; the hub keeps
 * its hash only. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "hub/auth.h"
#include "hub/hub.h"
#include "hub/store.h"

static int
cmd_station_run(int argc, char **argv, const char *db_path)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "division", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned char hash[STORE_HASH_LEN];
	char token[AUTH_TOKEN_TEXT], *cause = NULL;
	const char *name = NULL, *division = NULL, *code;
	struct store *st;
	int c;

	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0)) {
			hub_help(&hub_cmd_station);
			return HUB_EXIT_OK;
		}
		return hub_usage(&hub_cmd_station, "station add is the only "
		    "station command");
	}
	argc--;
	argv++;
	while ((c = hub_getopt(argc, argv, longopts, &hub_cmd_station)) !=
	    HUB_OPT_END) {
		if (c < 0)
			return hub_opt_exit(c);
		if (c == 'n')
			name = optarg;
		else if (c == 'd')
			division = optarg;
	}
	if (optind + 1 != argc)
		return hub_usage(&hub_cmd_station, "give one station code");
	code = argv[optind];
	if (name == NULL || division == NULL)
		return hub_usage(&hub_cmd_station, "--name and --division are "
		    "needed");
	/* The station's own rules (core/db.c), so a code the hub takes is
	 * one `hearth init` takes too. */
	if (db_station_check(code, name, division, &cause) != 0)
		return hub_fail(cause);
	if ((st = store_open(db_path, false, &cause)) == NULL)
		return hub_fail(cause);
	auth_token_new(token, hash);
	if (store_station_add(st, code, name, division, hash, &cause) != 0) {
		store_close(st);
		return hub_fail(cause);
	}
	store_close(st);
	printf("%s\n", token);
	return fflush(stdout) == 0 ? HUB_EXIT_OK : HUB_EXIT_ERROR;
}

const struct hub_cmd hub_cmd_station = {
	"station", "[--db PATH] station add CODE --name NAME --division CODE12",
	"Adds a station and prints its upload token alone on stdout, once:\n"
	"  hearth-hub station add LJC01 --name 李家村幸福院 \\\n"
	"      --division 110101001001 > LJC01.token\n"
	"Give the file to the station (hearth sync --token-file).\n",
	cmd_station_run,
};
