/* cmd-report-days.c: `hearth report meals-by-day`: meals served on each
 * day of a month — the figures of the reports screen's meals chart, for
 * Excel/WPS and scripts.
 *
 * Every day of the month is a row, those with no meal too, so a chart
 * made from the CSV has no gaps.  CSV and NDJSON keep money in fen and
 * the weekday as a number (1 Monday … 7 Sunday), untranslated; the text
 * form is for people: yuan, a weekday name and a total line.  "elders" is
 * distinct elders on that day, so the column is not summed. */
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
#include "core/site.h"
#include "core/utf8.h"

#define N_COLUMNS 9

static const char *const days_header[N_COLUMNS] = {
	"date", "weekday", "site", "servings", "elders", "portions",
	"price_fen", "subsidy_fen", "self_paid_fen",
};

static const char *const weekday_name[7] = {
	N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
	N_("Sun"),
};

/* The text form's six number columns: at least as wide as the figures
 * they usually hold, and as their (translated) headings. */
#define N_NUMBERS 6
#define W_DATE 12		/* "2024-05-01" and two spaces */
#define W_WEEKDAY 4

static void
text_widths(const char *const h[N_NUMBERS], int w[N_NUMBERS])
{
	int i, hw;

	for (i = 0; i < N_NUMBERS; i++) {
		w[i] = i < 3 ? 6 : 10;
		if ((hw = utf8_width(h[i])) > w[i])
			w[i] = hw;
	}
}

/* One row: DAY, WEEKDAY, then the figures of T (ELDERS as text: "-" in
 * the total, where distinct elders do not add up). */
static void
put_text_row(const char *day, const char *weekday, const char *elders,
    const struct meal_tally *t, const int w[N_NUMBERS])
{
	char num[2][24], money[3][MONEY_TEXT_MAX];

	cli_put_padded(day, W_DATE);
	cli_put_padded(weekday, W_WEEKDAY);
	snprintf(num[0], sizeof num[0], "%ld", t->servings);
	snprintf(num[1], sizeof num[1], "%ld", t->portions);
	money_format(t->price_fen, money[0]);
	money_format(t->subsidy_fen, money[1]);
	money_format(t->self_paid_fen, money[2]);
	cli_put_right(num[0], w[0]);
	cli_put_right(elders, w[1]);
	cli_put_right(num[1], w[2]);
	cli_put_right(money[0], w[3]);
	cli_put_right(money[1], w[4]);
	cli_put_right(money[2], w[5]);
	putchar('\n');
}

static int
days_text(const struct meal_tally *days, int ndays, int y, int m,
    const char *site)
{
	/* TRANSLATORS: column headings of `hearth report meals-by-day`;
	 * a column widens to fit its heading. */
	const char *h[N_NUMBERS] = { _("Servings"), _("Elders served"),
	    _("Portions"), _("Price"), _("Subsidy"), _("Self-paid") };
	struct meal_tally sum;
	char day[11], elders[24], *clean;
	int w[N_NUMBERS], d, i;

	memset(&sum, 0, sizeof sum);
	text_widths(h, w);
	/* A site name is data: never send raw controls to the terminal. */
	clean = utf8_sanitize(site != NULL ? site : _("all sites"));
	printf(_("Meals per day %04d-%02d, %s (money in yuan)\n"), y, m,
	    clean != NULL ? clean : "");
	free(clean);
	cli_put_padded(_("Date"), W_DATE + W_WEEKDAY);
	for (i = 0; i < N_NUMBERS; i++)
		cli_put_right(h[i], w[i]);
	putchar('\n');
	for (d = 0; d < ndays; d++) {
		struct ymd on = { y, m, d + 1 };

		date_format(on, day);
		snprintf(elders, sizeof elders, "%ld", days[d].elders);
		put_text_row(day, _(weekday_name[date_weekday(on) - 1]),
		    elders, &days[d], w);
		sum.servings += days[d].servings;
		sum.portions += days[d].portions;
		sum.price_fen += days[d].price_fen;
		sum.subsidy_fen += days[d].subsidy_fen;
		sum.self_paid_fen += days[d].self_paid_fen;
	}
	put_text_row(_("Total"), "", "-", &sum, w);
	if (fflush(stdout) != 0) {
		cli_error("%s", _("cannot write the report"));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

static int
days_data(const struct meal_tally *days, int ndays, int y, int m,
    const char *site, enum cli_format format)
{
	char day[11], num[N_COLUMNS][24];
	const char *f[N_COLUMNS];
	long long v[N_COLUMNS];
	struct json_obj o;
	int d, i, err = 0;

	if (format == CLI_FORMAT_CSV)
		err |= csv_write_row(stdout, days_header, N_COLUMNS);
	for (d = 0; d < ndays; d++) {
		struct ymd on = { y, m, d + 1 };

		date_format(on, day);
		v[1] = date_weekday(on);
		v[3] = days[d].servings;
		v[4] = days[d].elders;
		v[5] = days[d].portions;
		v[6] = days[d].price_fen;
		v[7] = days[d].subsidy_fen;
		v[8] = days[d].self_paid_fen;
		if (format == CLI_FORMAT_NDJSON) {
			json_obj_begin(&o, stdout);
			json_obj_str(&o, days_header[0], day);
			json_obj_int(&o, days_header[1], v[1]);
			json_obj_str(&o, days_header[2], site);
			for (i = 3; i < N_COLUMNS; i++)
				json_obj_int(&o, days_header[i], v[i]);
			err |= json_obj_end(&o);
			continue;
		}
		f[0] = day;
		f[2] = site != NULL ? site : "";
		for (i = 1; i < N_COLUMNS; i++) {
			if (i == 2)
				continue;
			snprintf(num[i], sizeof num[i], "%lld", v[i]);
			f[i] = num[i];
		}
		err |= csv_write_row(stdout, f, N_COLUMNS);
	}
	if (err != 0 || fflush(stdout) != 0) {
		cli_error("%s", _("cannot write the report"));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

/* The site named NAME into UID and its canonical name into *OUT (NULL
 * NAME: every site, *OUT NULL).  CLI_EXIT_OK or an error printed. */
static int
days_site(sqlite3 *db, const char *name, char uid[HEARTH_UID_MAX],
    char **out)
{
	struct site s;
	char *cause = NULL;
	int rc;

	uid[0] = '\0';
	*out = NULL;
	if (name == NULL)
		return CLI_EXIT_OK;
	rc = site_get_by_name(db, name, &s, &cause);
	if (rc == 0) {
		snprintf(uid, HEARTH_UID_MAX, "%s", s.meta.uid);
		*out = s.name;
		s.name = NULL;
	}
	site_clear(&s);
	if (rc < 0)
		return cli_fail(cause);
	if (rc > 0) {
		cli_error(_("no meal site named \"%s\""), name);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

static int
cmd_report_days_run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "site", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format format = CLI_FORMAT_TEXT;
	struct ymd today = date_today();
	struct meal_tally days[31];
	char uid[HEARTH_UID_MAX], *cause = NULL, *site = NULL;
	const char *site_arg = NULL;
	int c, y = today.y, m = today.m, ndays, rc;
	sqlite3 *db;

	while ((c = cli_getopt(argc, argv, longopts, &cmd_report_days)) !=
	    CLI_OPT_END) {
		switch (c) {
		case 'm':
			if (!cli_parse_month(&cmd_report_days, optarg, &y, &m))
				return CLI_EXIT_USAGE;
			break;
		case 's':
			site_arg = optarg;
			break;
		case 'f':
			if (!cli_parse_format(&cmd_report_days, optarg,
			    &format))
				return CLI_EXIT_USAGE;
			break;
		default:
			return cli_opt_exit(c);
		}
	}
	if (argc - optind != 0)
		return cli_usage_error(&cmd_report_days,
		    _("unexpected argument %s"), argv[optind]);
	if ((db = cli_station_db(env)) == NULL)
		return CLI_EXIT_ERROR;
	if ((rc = days_site(db, site_arg, uid, &site)) != CLI_EXIT_OK)
		return rc;
	if (meal_report_days(db, site != NULL ? uid : NULL, y, m, days,
	    &ndays, &cause) != 0) {
		free(site);
		return cli_fail(cause);
	}
	if (format == CLI_FORMAT_TEXT)
		rc = days_text(days, ndays, y, m, site);
	else
		rc = days_data(days, ndays, y, m, site, format);
	free(site);
	return rc;
}

/* Run as `hearth report meals-by-day …` (cli/cmd-report.c hands it the
 * arguments from the subcommand's name on); not a command of its own. */
const struct cli_cmd cmd_report_days = {
	"report meals-by-day",
	"report meals-by-day [--month YYYY-MM] [--site NAME] "
	"[--format text|csv|ndjson]",
	N_("Meals served on each day of a month: servings, distinct elders, "
	   "portions,\nprice, subsidy and self-paid (in fen for csv and "
	   "ndjson), every day a row.\n"
	   "\n"
	   "Options:\n"
	   "  --month YYYY-MM  the month (default: this month)\n"
	   "  --site NAME      one meal site (default: every site; the "
	   "csv column \"site\"\n"
	   "                   is then empty)\n"
	   "  --format FORMAT  text (default), csv or ndjson\n"),
	cmd_report_days_run,
};
