/* cmd-report-meals.c: `hearth report meals`: the monthly meal settlement
 * per site (servings, distinct elders, portions, price, subsidy,
 * self-paid), what a canteen claims for the month (doc/meals.md).
 *
 * Every site in use is a row, one that served nobody too, and a removed
 * site that served in the month (core/meal-report.h).  The total row's
 * elders counts an elder served at two sites once, so that column does
 * not add up; the others do.  Text is for people: yuan, columns aligned
 * by display width; CSV and NDJSON keep money in fen (SPEC) and
 * untranslated column names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/meal-report.h"
#include "core/money.h"
#include "core/utf8.h"

/* The total row's name in CSV/NDJSON: data, so not translated (as
 * `report coverage` writes it). */
#define TOTAL_NAME "合计"
#define N_NUMBERS 6
#define N_COLUMNS (2 + N_NUMBERS)

static const char *const meals_header[N_COLUMNS] = {
	"month", "site", "servings", "elders", "portions", "price_fen",
	"subsidy_fen", "self_paid_fen",
};

/* T's figures as text: counts, then money in yuan (TEXT) or fen. */
static void
tally_cells(const struct meal_tally *t, bool yuan,
    char out[N_NUMBERS][MONEY_TEXT_MAX])
{
	const long long money[3] = { t->price_fen, t->subsidy_fen,
	    t->self_paid_fen };
	int i;

	snprintf(out[0], MONEY_TEXT_MAX, "%ld", t->servings);
	snprintf(out[1], MONEY_TEXT_MAX, "%ld", t->elders);
	snprintf(out[2], MONEY_TEXT_MAX, "%ld", t->portions);
	for (i = 0; i < 3; i++) {
		if (yuan)
			money_format(money[i], out[3 + i]);
		else
			snprintf(out[3 + i], MONEY_TEXT_MAX, "%lld", money[i]);
	}
}

static int
meals_text(const struct meal_report_row *rows, size_t n,
    const struct meal_tally *total, int y, int m)
{
	/* TRANSLATORS: column headings of `hearth report meals`; a column
	 * widens to fit its heading. */
	const char *h[N_NUMBERS] = { _("Meals"), _("Elders served"),
	    _("Portions"), _("Price"), _("Subsidy"), _("Self-paid") };
	const char *h_site = _("Site"), *t_name = _("Total");
	char cells[N_NUMBERS][MONEY_TEXT_MAX], **names;
	int w[N_NUMBERS], wsite, i, cw;
	size_t r;

	if ((names = calloc(n + 1, sizeof *names)) == NULL)
		return cli_fail(NULL);
	wsite = utf8_width(h_site) > utf8_width(t_name) ? utf8_width(h_site) :
	    utf8_width(t_name);
	for (i = 0; i < N_NUMBERS; i++)
		w[i] = utf8_width(h[i]) > 6 ? utf8_width(h[i]) : 6;
	for (r = 0; r <= n; r++) {
		/* Site names are data: never send raw controls to the
		 * terminal. */
		if (r < n && (names[r] = utf8_sanitize(rows[r].site_name !=
		    NULL ? rows[r].site_name : "")) != NULL &&
		    utf8_width(names[r]) > wsite)
			wsite = utf8_width(names[r]);
		tally_cells(r < n ? &rows[r].t : total, true, cells);
		for (i = 0; i < N_NUMBERS; i++)
			if ((cw = utf8_width(cells[i])) > w[i])
				w[i] = cw;
	}
	printf(_("Meals by site %04d-%02d (money in yuan)\n"), y, m);
	cli_put_padded(h_site, wsite);
	for (i = 0; i < N_NUMBERS; i++)
		cli_put_right(h[i], w[i]);
	putchar('\n');
	for (r = 0; r <= n; r++) {
		cli_put_padded(r < n ? (names[r] != NULL ? names[r] : "") :
		    t_name, wsite);
		tally_cells(r < n ? &rows[r].t : total, true, cells);
		for (i = 0; i < N_NUMBERS; i++)
			cli_put_right(cells[i], w[i]);
		putchar('\n');
	}
	for (r = 0; r < n; r++)
		free(names[r]);
	free(names);
	if (fflush(stdout) != 0) {
		cli_error("%s", _("cannot write the report"));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

static int
meals_data(const struct meal_report_row *rows, size_t n,
    const struct meal_tally *total, int y, int m, enum cli_format format)
{
	char month[8], cells[N_NUMBERS][MONEY_TEXT_MAX];
	const char *f[N_COLUMNS];
	struct json_obj o;
	size_t r;
	int i, err = 0;

	snprintf(month, sizeof month, "%04d-%02d", y, m);
	if (format == CLI_FORMAT_CSV)
		err |= csv_write_row(stdout, meals_header, N_COLUMNS);
	for (r = 0; r <= n; r++) {
		const struct meal_tally *t = r < n ? &rows[r].t : total;

		tally_cells(t, false, cells);
		f[0] = month;
		f[1] = r < n ? rows[r].site_name : TOTAL_NAME;
		for (i = 0; i < N_NUMBERS; i++)
			f[2 + i] = cells[i];
		if (format == CLI_FORMAT_CSV) {
			err |= csv_write_row(stdout, f, N_COLUMNS);
			continue;
		}
		json_obj_begin(&o, stdout);
		json_obj_str(&o, meals_header[0], f[0]);
		json_obj_str(&o, meals_header[1], f[1]);
		json_obj_int(&o, meals_header[2], t->servings);
		json_obj_int(&o, meals_header[3], t->elders);
		json_obj_int(&o, meals_header[4], t->portions);
		json_obj_int(&o, meals_header[5], t->price_fen);
		json_obj_int(&o, meals_header[6], t->subsidy_fen);
		json_obj_int(&o, meals_header[7], t->self_paid_fen);
		err |= json_obj_end(&o);
	}
	if (err != 0 || fflush(stdout) != 0) {
		cli_error("%s", _("cannot write the report"));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

static int
cmd_report_meals_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format format = CLI_FORMAT_TEXT;
	struct ymd today = date_today();
	struct meal_report_row *rows;
	struct meal_tally total;
	int c, y = today.y, m = today.m, rc;
	char *cause = NULL;
	sqlite3 *db;
	size_t n;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_report_meals)) !=
	    CLI_OPT_END) {
		switch (c) {
		case 'm':
			if (!cli_parse_month(&cmd_report_meals, optarg, &y, &m))
				return CLI_EXIT_USAGE;
			break;
		case 'f':
			if (!cli_parse_format(&cmd_report_meals, optarg,
			    &format))
				return CLI_EXIT_USAGE;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (optind != argc)
		return cli_usage_error(&cmd_report_meals,
		    _("unexpected argument %s"), argv[optind]);
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if (meal_report_month(db, y, m, &rows, &n, &total, &cause) != 0)
		return cli_fail(cause);
	if (format == CLI_FORMAT_TEXT)
		rc = meals_text(rows, n, &total, y, m);
	else
		rc = meals_data(rows, n, &total, y, m, format);
	meal_report_free(rows, n);
	return rc;
}

const struct cli_cmd cmd_report_meals = {
	"report meals",
	"report meals [--month YYYY-MM] [--format text|csv|ndjson]",
	N_("Meals served in a month, per meal site: servings, elders served "
	   "(each once),\nportions, price, subsidy and self-paid, and a total "
	   "row (where an elder served\nat two sites counts once).  What a "
	   "canteen claims for the month.\n"
	   "\n"
	   "Options:\n"
	   "  --month YYYY-MM  the month (default: this month)\n"
	   "  --format FORMAT  text (default; money in yuan), csv or ndjson "
	   "(money in fen)\n"),
	cmd_report_meals_run,
};
