/* cmd-token.c: hearth-hub token add NAME --role staff|admin.  The token
 * goes to stdout alone, once; the hub keeps its hash only. */
#include <stdio.h>
#include <string.h>

#include "hub/auth.h"
#include "hub/hub.h"
#include "hub/store.h"

/* Names that read well in logs and shell scripts. */
static int
token_name_valid(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < STORE_NAME_MAX && strspn(s,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._@-") == n;
}

static int
cmd_token_run(int argc, char **argv, const char *db_path)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned char hash[STORE_HASH_LEN];
	char token[AUTH_TOKEN_TEXT], *cause = NULL;
	const char *role = NULL;
	enum store_role r;
	struct store *st;
	int c;

	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0)) {
			hub_help(&hub_cmd_token);
			return HUB_EXIT_OK;
		}
		return hub_usage(&hub_cmd_token, "token add is the only token "
		    "command");
	}
	argc--;
	argv++;
	while ((c = hub_getopt(argc, argv, longopts, &hub_cmd_token)) !=
	    HUB_OPT_END) {
		if (c < 0)
			return hub_opt_exit(c);
		if (c == 'r')
			role = optarg;
	}
	if (optind + 1 != argc)
		return hub_usage(&hub_cmd_token, "give one token name");
	if (role == NULL || (strcmp(role, "staff") != 0 &&
	    strcmp(role, "admin") != 0))
		return hub_usage(&hub_cmd_token, "--role staff or --role admin");
	if (!token_name_valid(argv[optind]))
		return hub_usage(&hub_cmd_token, "token name: 1 to 63 letters, "
		    "digits or . _ @ -");
	r = strcmp(role, "admin") == 0 ? STORE_ADMIN : STORE_STAFF;
	if ((st = store_open(db_path, false, &cause)) == NULL)
		return hub_fail(cause);
	auth_token_new(token, hash);
	if (store_token_add(st, argv[optind], r, hash, &cause) != 0) {
		store_close(st);
		return hub_fail(cause);
	}
	store_close(st);
	printf("%s\n", token);
	return fflush(stdout) == 0 ? HUB_EXIT_OK : HUB_EXIT_ERROR;
}

const struct hub_cmd hub_cmd_token = {
	"token", "[--db PATH] token add NAME --role staff|admin",
	"Adds a token for county staff and prints it alone on stdout, once:\n"
	"  hearth-hub token add wang.li --role staff > wang.token\n"
	"  curl -H \"Authorization: Bearer $(cat wang.token)\" \\\n"
	"      'http://hub:8080/api/v1/visits?format=csv'\n",
	cmd_token_run,
};
