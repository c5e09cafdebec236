/* cmd-sync.c: `hearth sync`: upload the outbox to the county hub, then
 * download the rosters of elders and children (doc/sync.md "Roster").
 *
 * The hub address and the token file are remembered in the station's
 * settings once given, so a cron job or the systemd timer of doc/ runs
 * plain `hearth sync`.  The token itself is read from its file each run
 * (never stored in the database, never on the command line where ps
 * shows it).  Progress: a bar on a terminal, plain lines otherwise; then
 * a line per roster and per refused roster row, all on stderr (stdout
 * keeps the one line that says how the run ended). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/sync.h"
#include "core/utf8.h"
#include "forms/kind.h"
#include "forms/roster.h"
#include "forms/sync-record.h"

#define KEY_URL "sync.hub_url"
#define KEY_TOKEN_FILE "sync.token_file"
#define TOKEN_MAX 256

struct view {
	bool tty;
	bool bar_drawn;
};

/* The rosters `hearth sync` downloads, in this order: elders first, as
 * the records the others refer to. */
static const char *const roster_kinds[] = { "elders", "children", NULL };

/* The token: the first line of PATH, blanks trimmed at both ends, and a
 * UTF-8 byte-order mark (Windows Notepad writes one) skipped.  NULL and
 * *CAUSE. */
static char *
token_read(const char *path, char **cause)
{
	char buf[TOKEN_MAX + 8], *t;
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		err_set(cause, _("cannot read the token file %s: %s"), path,
		    strerror(errno));
		return NULL;
	}
	if (fgets(buf, sizeof buf, f) == NULL)
		buf[0] = '\0';
	fclose(f);
	t = buf;
	if (strncmp(t, "\xef\xbb\xbf", 3) == 0)
		t += 3;
	t += strspn(t, " \t");
	n = strlen(t);
	while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == '\r' ||
	    t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	if (n == 0 || n > TOKEN_MAX || strpbrk(t, " \t") != NULL) {
		err_set(cause, _("the token file %s does not hold a token (the "
		    "line `hearth-hub station add` printed)"), path);
		return NULL;
	}
	return strdup(t);
}

static void
bar(struct view *v, const struct sync_progress *p)
{
	const int width = 30;
	long total = p->total > 0 ? p->total : 1;
	int i, filled = (int)(p->done * width / total);

	if (filled > width)
		filled = width;
	fputs("\r[", stderr);
	for (i = 0; i < width; i++)
		fputc(i < filled ? '#' : '-', stderr);
	/* TRANSLATORS: the progress bar's tail: records sent of all. */
	fprintf(stderr, _("] %ld/%ld records"), p->done, p->total);
	fflush(stderr);
	v->bar_drawn = true;
}

static void
bar_end(struct view *v)
{
	if (v->bar_drawn)
		fputc('\n', stderr);
	v->bar_drawn = false;
}

static void
progress(const struct sync_progress *p, void *arg)
{
	struct view *v = arg;

	switch (p->event) {
	case SYNC_EV_START:
		if (v->tty)
			bar(v, p);
		else
			fprintf(stderr, _("%ld records to send\n"), p->total);
		break;
	case SYNC_EV_SEND:
		if (v->tty)
			bar(v, p);
		break;
	case SYNC_EV_ACK:
		if (v->tty)
			bar(v, p);
		else
			fprintf(stderr, _("batch %llu acknowledged: %u records "
			    "(%ld/%ld)\n"), (unsigned long long)p->batch_no,
			    p->records, p->done, p->total);
		break;
	case SYNC_EV_RETRY:
		bar_end(v);
		fprintf(stderr, _("no answer from the hub (%s); trying again "
		    "in %.1f s (attempt %d)\n"), p->why, p->delay_ms / 1000.0,
		    p->attempt);
		break;
	case SYNC_EV_RECUT:
		bar_end(v);
		fprintf(stderr, _("batch %llu is too big for the hub; its %u "
		    "records go again in smaller batches\n"),
		    (unsigned long long)p->batch_no, p->records);
		break;
	case SYNC_EV_RESET:
		bar_end(v);
		fprintf(stderr, _("the hub already has batches up to %llu that "
		    "this database did not send (restored from a backup?); "
		    "what is not acknowledged goes again under new numbers\n"),
		    (unsigned long long)p->high_water);
		break;
	case SYNC_EV_HUB_BEHIND:
		bar_end(v);
		fprintf(stderr, _("the hub has only batches up to %llu, fewer "
		    "than it acknowledged (restored from an older backup?): "
		    "all %lu records of this station are sent again\n"),
		    (unsigned long long)p->high_water,
		    (unsigned long)p->records);
		break;
	case SYNC_EV_ROSTER_SAME:
		bar_end(v);
		/* TRANSLATORS: %s is "elders" or "children" as translated
		 * on their own. */
		fprintf(stderr, _("roster %s: not changed\n"),
		    sync_roster_label(p->kind));
		break;
	case SYNC_EV_ROSTER_ABSENT:
		bar_end(v);
		fprintf(stderr, "%s\n", _("the hub has no roster (an older "
		    "hub): only the uploads were done"));
		break;
	}
}

/* A roster row the station's rules refused: one line, "roster elders
 * line 7: ID number: ...".  The reason quotes the hub's text: sanitised
 * for the terminal. */
static void
roster_report(void *arg, size_t line, const char *why)
{
	char *safe = utf8_sanitize(why);

	/* TRANSLATORS: %s is "elders" or "children" as translated on
	 * their own; then the row's line in the roster, then why. */
	fprintf(stderr, _("roster %s line %zu: %s\n"),
	    sync_roster_label(arg), line, safe != NULL ? safe : why);
	free(safe);
}

/* sync_options.roster_merge: merge KIND's roster as the hub, print its
 * counts. */
static int
roster_merge_cb(void *arg, sqlite3 *db, const char *kind, const char *csv,
    size_t len, const char *etag, char **cause)
{
	const struct form_kind *k = kind_by_name(kind);
	struct roster_counts n;

	bar_end(arg);
	if (k == NULL)
		abort();	/* roster_kinds names a kind forms/ lacks */
	if (roster_merge(db, k, csv, len, etag, ROSTER_LOGIN, &n,
	    roster_report, (void *)k->plural, cause) != 0)
		return -1;
	/* TRANSLATORS: %s is "elders" or "children", as on the command
	 * line; ", N refused" and ", N deleted here" may follow. */
	fprintf(stderr, _("roster %s: %ld new, %ld updated, %ld unchanged, "
	    "%ld kept local edits"), sync_roster_label(kind), n.inserted,
	    n.updated, n.unchanged, n.kept);
	if (n.rejected > 0)
		fprintf(stderr, _(", %ld refused"), n.rejected);
	if (n.deleted > 0)
		fprintf(stderr, _(", %ld deleted here"), n.deleted);
	fputc('\n', stderr);
	return n.inserted + n.updated > 0;
}

/* One sync at a time per database: "batches at or below the hub's
 * high-water mark are acked" holds only if batches are sent in order, and
 * two runs at once (the timer and a worker) could send batch K+1 before
 * K.  flock on the database file itself: no extra file, released when the
 * process dies, and independent of SQLite's own (fcntl) locks.  The fd or
 * -1 with a message printed. */
static int
sync_lock(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		cli_error(_("cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		cli_error("%s", _("another hearth sync is running on this "
		    "database; try again when it is done"));
		close(fd);
		return -1;
	}
	return fd;
}

/* Seconds in "15m", "1h", "30s" or "900"; 0 when not a duration. */
static long
duration_parse(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || v <= 0 || v > 7 * 24 * 3600)
		return 0;
	if (*end == '\0' || strcmp(end, "s") == 0)
		return v;
	if (strcmp(end, "m") == 0 && v <= 7 * 24 * 60)
		return v * 60;
	if (strcmp(end, "h") == 0 && v <= 7 * 24)
		return v * 3600;
	return 0;
}

static void *
source_new(void)
{
	return sync_record_new();
}

static void
source_free(void *s)
{
	sync_record_free(s);
}

/* One run with the remembered settings: CLI_EXIT_OK or _ERROR. */
static int
sync_once(sqlite3 *db, const char *url, const char *token_file,
    long batch_records)
{
	struct sync_options o;
	struct view v = { isatty(STDERR_FILENO) != 0, false };
	enum sync_result res;
	char *token, *cause = NULL, *msg;

	if ((token = token_read(token_file, &cause)) == NULL)
		return cli_fail(cause);
	sync_options_init(&o);
	o.url = url;
	o.token = token;
	o.source_new = source_new;
	o.source_free = source_free;
	o.source = sync_record_load;
	o.progress = progress;
	o.progress_arg = &v;
	o.roster_kinds = roster_kinds;
	o.roster_merge = roster_merge_cb;
	o.roster_arg = &v;
	if (batch_records > 0)
		o.limits.max_records = (size_t)batch_records;
	res = sync_run(db, &o, &cause);
	bar_end(&v);
	memset(token, 0, strlen(token));
	free(token);
	if (res == SYNC_OK) {
		printf("%s\n", _("sync done: the outbox is empty and the hub "
		    "has acknowledged everything"));
		fflush(stdout);
		return CLI_EXIT_OK;
	}
	if (res == SYNC_ERR_TOKEN) {
		msg = err_fmt(_("%s; check the token file %s (`hearth sync "
		    "--token-file FILE` to use another)"), cause, token_file);
		free(cause);
		cause = msg;
	}
	return cli_fail(cause);
}

static int
cmd_sync_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "hub", required_argument, NULL, 'u' },
		{ "token-file", required_argument, NULL, 't' },
		{ "every", required_argument, NULL, 'e' },
		{ "batch-records", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *hub = NULL, *token_file = NULL;
	char *url = NULL, *tfile = NULL, *cause = NULL, abs[PATH_MAX];
	long every = 0, batch_records = 0;
	sqlite3 *db;
	int c, rc, lock;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_sync)) !=
	    CLI_OPT_END) {
		switch (c) {
		case 'u':
			hub = optarg;
			break;
		case 't':
			token_file = optarg;
			break;
		case 'e':
			if ((every = duration_parse(optarg)) == 0)
				return cli_usage_error(&cmd_sync,
				    _("--every: \"%s\" is not a duration (e.g. "
				    "15m, 1h, 900s)"), optarg);
			break;
		case 'b':
			if (!cli_parse_int(&cmd_sync, "batch-records", optarg,
			    1, 200000, &batch_records))
				return CLI_EXIT_USAGE;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (optind != argc)
		return cli_usage_error(&cmd_sync, _("unexpected argument %s"),
		    argv[optind]);
	if (hub != NULL && strncmp(hub, "http://", 7) != 0 &&
	    strncmp(hub, "https://", 8) != 0)
		return cli_usage_error(&cmd_sync, _("--hub: the address must "
		    "start with http:// or https://"));
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	/* Remembered once given: a relative token path is kept absolute,
	 * so the timer finds it from any directory. */
	if (token_file != NULL) {
		if (realpath(token_file, abs) == NULL) {
			cli_error(_("cannot read the token file %s: %s"),
			    token_file, strerror(errno));
			return CLI_EXIT_ERROR;
		}
		if (db_setting_set(db, KEY_TOKEN_FILE, abs, &cause) != 0)
			return cli_fail(cause);
	}
	if (hub != NULL && db_setting_set(db, KEY_URL, hub, &cause) != 0)
		return cli_fail(cause);
	url = db_setting_get(db, KEY_URL);
	tfile = db_setting_get(db, KEY_TOKEN_FILE);
	if (url == NULL || *url == '\0' || tfile == NULL || *tfile == '\0') {
		free(url);
		free(tfile);
		return cli_usage_error(&cmd_sync, _("no hub yet: give --hub URL "
		    "and --token-file FILE once"));
	}
	if ((lock = sync_lock(env->db_path)) < 0) {
		free(url);
		free(tfile);
		return CLI_EXIT_ERROR;
	}
	for (;;) {
		rc = sync_once(db, url, tfile, batch_records);
		if (every == 0)
			break;
		/* Periodic mode keeps going whatever happened: the link may
		 * come back, the token file may be fixed. */
		sleep((unsigned)every);
	}
	close(lock);
	free(url);
	free(tfile);
	return rc;
}

const struct cli_cmd cmd_sync = {
	"sync",
	"sync [--hub URL] [--token-file FILE] [--every DURATION] "
	"[--batch-records N]",
	N_("Uploads the records saved since the last sync to the county hub "
	   "and waits for\nits acknowledgement; records wait here until it "
	   "comes, so a lost link loses\nnothing.  Then downloads the "
	   "village's roster of elders and children when\nthe county changed "
	   "it, and merges it: new people are added, the county's\nchanges "
	   "are taken, edits made here are kept.  The hub address and token "
	   "file\nare remembered once given.\n"
	   "\n"
	   "Options:\n"
	   "  --hub URL           the hub, e.g. http://10.1.2.3:8080\n"
	   "  --token-file FILE   the file holding this station's token\n"
	   "  --every DURATION    keep syncing, e.g. every 15m (also 30s, "
	   "1h)\n"
	   "  --batch-records N   at most N records per batch (default "
	   "2000)\n"),
	cmd_sync_run,
};
