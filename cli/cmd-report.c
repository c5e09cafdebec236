/* cmd-report.c: `hearth report coverage`: the monthly visit rate and,
 * beside it, the guidance coverage of children under three.
 *
 * Text is for people at a terminal: columns aligned by display width
 * (Chinese characters take two), names sanitised.  CSV and NDJSON are for
 * scripts: untranslated column names, the rate in per-mille as well. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/coverage.h"
#include "core/coverage-join.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/guidance-coverage.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/utf8.h"

/* The total row's name in CSV/NDJSON: data, like the choice labels, so
 * not translated. */
#define TOTAL_NAME "合计"

/* "98.5%", or "-" when there is no elder to visit. */
static void
rate_text(const struct coverage_row *r, char out[16])
{
	int pm = coverage_permille(r);

	if (pm < 0)
		snprintf(out, 16, "-");
	else
		snprintf(out, 16, "%d.%d%%", pm / 10, pm % 10);
}

static int
max_width(int a, const char *s)
{
	int w = utf8_width(s);

	return w > a ? w : a;
}

static int
report_text(const struct coverage_pair *rows, size_t n,
    const struct coverage_pair *total, int y, int m,
    enum coverage_level level)
{
	static const char *const level_name[] = {
		N_("by village"), N_("by town"), N_("by county"),
	};
	const char *h_code = _("Code"), *h_name = _("Place");
	const char *h_visited = _("Visited"), *h_total = _("Elders");
	const char *h_rate = _("Rate"), *t_name = _("Total");
	/* TRANSLATORS: the guidance coverage column of `report coverage`. */
	const char *h_covered = _("Covered");
	/* TRANSLATORS: children given guidance, and all children. */
	const char *h_guided = _("Guided"), *h_children = _("Children");
	char **names, num[2][16], rate[16];
	int wcode, wname, wvis, wtot, wrate = 7, wgui, wchi;
	size_t i;

	if ((names = calloc(n + 1, sizeof *names)) == NULL)
		return cli_fail(NULL);
	wcode = max_width(12, h_code);
	wname = max_width(utf8_width(t_name), h_name);
	wvis = max_width(6, h_visited);
	wtot = max_width(6, h_total);
	wrate = max_width(max_width(wrate, h_rate), h_covered);
	wgui = max_width(6, h_guided);
	wchi = max_width(6, h_children);
	for (i = 0; i < n; i++) {
		/* Division names are data: never send raw controls to
		 * the terminal. */
		names[i] = utf8_sanitize(rows[i].name != NULL ? rows[i].name :
		    "");
		if (names[i] != NULL)
			wname = max_width(wname, names[i]);
	}

	printf(_("Monthly visit rate %04d-%02d, %s\n"), y, m,
	    _(level_name[level]));
	cli_put_padded(h_code, wcode);
	fputs("  ", stdout);
	cli_put_padded(h_name, wname);
	cli_put_right(h_visited, wvis);
	cli_put_right(h_total, wtot);
	cli_put_right(h_rate, wrate);
	cli_put_right(h_guided, wgui);
	cli_put_right(h_children, wchi);
	cli_put_right(h_covered, wrate);
	putchar('\n');
	for (i = 0; i <= n; i++) {
		const struct coverage_row *r = i < n ? &rows[i].visits :
		    &total->visits;
		const struct coverage_row *g = i < n ? &rows[i].guidance :
		    &total->guidance;

		snprintf(num[0], sizeof num[0], "%d", r->visited);
		snprintf(num[1], sizeof num[1], "%d", r->total);
		rate_text(r, rate);
		cli_put_padded(i < n ? rows[i].code : "", wcode);
		fputs("  ", stdout);
		cli_put_padded(i < n ? (names[i] != NULL ? names[i] : "") :
		    t_name, wname);
		cli_put_right(num[0], wvis);
		cli_put_right(num[1], wtot);
		cli_put_right(rate, wrate);
		snprintf(num[0], sizeof num[0], "%d", g->visited);
		snprintf(num[1], sizeof num[1], "%d", g->total);
		rate_text(g, rate);
		cli_put_right(num[0], wgui);
		cli_put_right(num[1], wchi);
		cli_put_right(rate, wrate);
		putchar('\n');
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return CLI_EXIT_OK;
}

static int
report_data(const struct coverage_pair *rows, size_t n,
    const struct coverage_pair *total, int y, int m,
    enum cli_format format)
{
	/* The visit rate's columns first (scripts read them by place), the
	 * guidance coverage's after. */
	static const char *const header[] = {
		"month", "code", "name", "visited", "total", "permille",
		"children_served", "children_total", "children_permille",
	};
	char month[8], num[6][16];
	const char *f[9];
	struct json_obj o;
	size_t i;
	int pm, gpm, err = 0;

	snprintf(month, sizeof month, "%04d-%02d", y, m);
	if (format == CLI_FORMAT_CSV)
		err |= csv_write_row(stdout, header, 9);
	for (i = 0; i <= n; i++) {
		const struct coverage_row *r = i < n ? &rows[i].visits :
		    &total->visits;
		const struct coverage_row *g = i < n ? &rows[i].guidance :
		    &total->guidance;

		pm = coverage_permille(r);
		gpm = coverage_permille(g);
		f[0] = month;
		f[1] = i < n ? rows[i].code : "";
		f[2] = i < n ? rows[i].name : TOTAL_NAME;
		if (format == CLI_FORMAT_NDJSON) {
			json_obj_begin(&o, stdout);
			json_obj_str(&o, header[0], f[0]);
			json_obj_str(&o, header[1], f[1]);
			json_obj_str(&o, header[2], f[2]);
			json_obj_int(&o, header[3], r->visited);
			json_obj_int(&o, header[4], r->total);
			if (pm < 0)
				json_obj_str(&o, header[5], NULL);
			else
				json_obj_int(&o, header[5], pm);
			json_obj_int(&o, header[6], g->visited);
			json_obj_int(&o, header[7], g->total);
			if (gpm < 0)
				json_obj_str(&o, header[8], NULL);
			else
				json_obj_int(&o, header[8], gpm);
			err |= json_obj_end(&o);
			continue;
		}
		snprintf(num[0], sizeof num[0], "%d", r->visited);
		snprintf(num[1], sizeof num[1], "%d", r->total);
		snprintf(num[2], sizeof num[2], pm < 0 ? "" : "%d", pm);
		f[3] = num[0];
		f[4] = num[1];
		f[5] = num[2];
		snprintf(num[3], sizeof num[3], "%d", g->visited);
		snprintf(num[4], sizeof num[4], "%d", g->total);
		snprintf(num[5], sizeof num[5], gpm < 0 ? "" : "%d", gpm);
		f[6] = num[3];
		f[7] = num[4];
		f[8] = num[5];
		err |= csv_write_row(stdout, f, 9);
	}
	if (err != 0 || fflush(stdout) != 0) {
		cli_error("%s", _("cannot write the report"));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

/* The visit rate ROWS beside the month's guidance coverage, printed. */
static int
report_both(sqlite3 *db, const struct coverage_row *rows, size_t n,
    const struct coverage_row *total, int y, int m,
    enum coverage_level level, enum cli_format format)
{
	struct coverage_row *grows, gtotal;
	struct coverage_pair *pairs, tpair;
	char *cause = NULL;
	size_t gn, np;
	int rc;

	if (guidance_coverage_month(db, y, m, level, &grows, &gn, &gtotal,
	    &cause) != 0)
		return cli_fail(cause);
	if (coverage_join(rows, n, grows, gn, &pairs, &np) != 0) {
		coverage_free(grows, gn);
		free(gtotal.name);
		return cli_fail(NULL);
	}
	tpair = coverage_join_total(total, &gtotal);
	if (format == CLI_FORMAT_TEXT)
		rc = report_text(pairs, np, &tpair, y, m, level);
	else
		rc = report_data(pairs, np, &tpair, y, m, format);
	free(pairs);
	coverage_free(grows, gn);
	free(gtotal.name);
	return rc;
}

static int
cmd_report_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "level", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const levels[] = { "village", "town", "county" };
	enum coverage_level level = COV_VILLAGE;
	enum cli_format format = CLI_FORMAT_TEXT;
	struct coverage_row *rows, total;
	struct ymd today = date_today();
	int c, i, y = today.y, m = today.m, rc;
	char *cause = NULL;
	sqlite3 *db;
	size_t n;

	/* Subcommands in files of their own get the rest of argv. */
	if (argc > 1 && strcmp(argv[1], "meals-by-day") == 0)
		return cmd_report_days.run(argc - 1, argv + 1, env);
	if (argc > 1 && strcmp(argv[1], "meals") == 0)
		return cmd_report_meals.run(argc - 1, argv + 1, env);
	while ((c = cli_getopt(argc, argv, longopts, &cmd_report)) !=
	    CLI_OPT_END) {
		switch (c) {
		case 'm':
			if (!cli_parse_month(&cmd_report, optarg, &y, &m))
				return CLI_EXIT_USAGE;
			break;
		case 'l':
			for (i = 0; i < 3 && strcmp(optarg, levels[i]); i++)
				;
			if (i == 3)
				return cli_usage_error(&cmd_report,
				    _("unknown level %s (village, town or "
				    "county)"), optarg);
			level = (enum coverage_level)i;
			break;
		case 'f':
			if (!cli_parse_format(&cmd_report, optarg, &format))
				return CLI_EXIT_USAGE;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (argc - optind != 1 || strcmp(argv[optind], "coverage") != 0)
		return cli_usage_error(&cmd_report, _("only \"report coverage\" "
		    "in this version"));
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if (coverage_month(db, y, m, level, &rows, &n, &total, &cause) != 0)
		return cli_fail(cause);
	rc = report_both(db, rows, n, &total, y, m, level, format);
	coverage_free(rows, n);
	free(total.name);
	return rc;
}

const struct cli_cmd cmd_report = {
	"report",
	"report coverage [--month YYYY-MM] [--level village|town|county] "
	"[--format text|csv|ndjson]",
	N_("The monthly visit rate: elders on the register who consented, "
	   "with at least\none visit that reached them in the month, out of "
	   "all such elders.\nBeside it, the guidance coverage: children "
	   "under three on the register with\nat least one parenting-guidance "
	   "session in the month, out of all of them.\n"
	   "\n"
	   "Options:\n"
	   "  --month YYYY-MM  the month (default: this month)\n"
	   "  --level LEVEL    village (default), town or county\n"
	   "  --format FORMAT  text (default), csv or ndjson\n"),
	cmd_report_run,
};
