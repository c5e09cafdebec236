/* report-visits.c: the reports screen's first view, the monthly visit
 * rate per village (core/coverage.h; CSV: `hearth report coverage`). */
#include "core/coverage.h"
#include "core/i18n.h"
#include "tui/report.h"

static int
visits_load(sqlite3 *db, int y, int m, struct coverage_row **rows,
    size_t *n, struct coverage_row *total, char **cause)
{
	return coverage_month(db, y, m, COV_VILLAGE, rows, n, total, cause);
}

static const struct report_rate_kind visits_kind = {
	/* TRANSLATORS: a tab of the reports screen; ≤ 12 columns. */
	N_("Visit rate"),
	N_("Visit rate, %d-%02d"),
	N_("Elders met in person at least once in the month, of all on "
	    "the register who agreed to visits"),
	/* TRANSLATORS: above "visited/total", right-aligned. */
	N_("Visited/all"),
	N_("Rate"),
	N_("No elders on the register yet"),
	visits_load,
};

struct report_view *
report_visits_new(void)
{
	return report_rate_new(&visits_kind);
}
