/* cmd-init.c: `hearth init`: create the station database.
 *
 * No account is created (SPEC): while a station has none, the TUI asks for
 * the first admin's login and PIN.
 *
 * The values are checked before the file is created, and a file this run
 * created is removed again if setting it up fails: a half-made database
 * (schema, no station) would otherwise sit at the default path, and every
 * later command would trip over it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The files a new database at PATH consists of (SQLite names them), and
 * which of them this run created, so only those are removed. */
static const char *const init_suffixes[] = { "", "-wal", "-shm", "-journal" };
#define INIT_NFILES (sizeof init_suffixes / sizeof init_suffixes[0])

struct init_files {
	bool existed[INIT_NFILES];
	bool created;		/* the database file itself was made here */
};

/* Create PATH empty, mode 0600 as db_open would, and note in *FILES what
 * was there before.  Made here with O_EXCL rather than left to db_open so
 * that "this run created it" is known for certain, never guessed from a
 * stat that another session could race. */
static void
init_create(const char *path, struct init_files *files)
{
	char name[4096];
	struct stat sb;
	size_t i;
	int fd;

	memset(files, 0, sizeof *files);
	/* A path too long for NAME is left to db_open alone: a truncated
	 * name could point at some other file, which undo must never
	 * remove. */
	if (strlen(path) + sizeof "-journal" > sizeof name)
		return;
	for (i = 0; i < INIT_NFILES; i++) {
		snprintf(name, sizeof name, "%s%s", path, init_suffixes[i]);
		files->existed[i] = lstat(name, &sb) == 0 || errno != ENOENT;
	}
	/* Any failure here (EEXIST, a missing directory) is left to
	 * db_open, which words it. */
	if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) >= 0) {
		files->created = true;
		close(fd);
	}
}

/* Undo init_create after a failure: close the database and remove the
 * files that were not there before.  Nothing is removed unless the
 * database file itself was created by this run. */
static void
init_undo(struct cli_env *env, const struct init_files *files)
{
	char name[4096];
	size_t i;

	if (!files->created)
		return;
	db_close(env->db);
	env->db = NULL;
	for (i = INIT_NFILES; i-- > 0;) {
		if (files->existed[i])
			continue;
		snprintf(name, sizeof name, "%s%s", env->db_path,
		    init_suffixes[i]);
		if (unlink(name) != 0 && errno != ENOENT)
			cli_error(_("cannot remove %s: %s"), name,
			    strerror(errno));
	}
}

/* Record the station and the language in DB. */
static int
init_fill(sqlite3 *db, struct cli_env *env, const char *code,
    const char *name, const char *division, const char *lang)
{
	char *cause = NULL;
	int rc;

	if ((rc = station_ensure(db, code, name, division, env->db_path)) != 0)
		return rc;
	if (lang != NULL) {
		if (db_setting_set(db, "lang", lang, &cause) != 0)
			return cli_fail(cause);
		if (!env->lang_given)
			i18n_init(lang);
	}
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
	struct init_files files;
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

	/* A bad value is a typo on this command line: said before any
	 * file exists. */
	if (db_station_check(code, name, division, &cause) != 0) {
		cli_usage_error(&cmd_init, "%s", cause);
		free(cause);
		return CLI_EXIT_USAGE;
	}

	/* A missing file is what init is for: only the creating open's
	 * error matters. */
	memset(&files, 0, sizeof files);
	if ((db = env->db) == NULL) {
		init_create(env->db_path, &files);
		if ((db = db_open(env->db_path, DB_OPEN_CREATE, &cause)) ==
		    NULL) {
			rc = cli_fail(cause);
			init_undo(env, &files);
			return rc;
		}
		env->db = db;	/* main() closes it */
	}
	if ((rc = init_fill(db, env, code, name, division, lang)) != 0) {
		init_undo(env, &files);
		return rc;
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
