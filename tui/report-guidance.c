/* report-guidance.c: the reports screen's second view, parenting-guidance
 * coverage per village (core/guidance-coverage.h; CSV: `hearth report
 * coverage`, the guidance columns).
 *
 * A village with elders but no child on the register is listed too, with
 * "—": a station that serves a village should see that its register of
 * young children there is empty, not miss the village from the list. */
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/err.h"
#include "core/guidance-coverage.h"
#include "core/i18n.h"
#include "tui/report.h"

/* The rows of G (children) and E (elders) by code, in code order, into
 * *OUT: G's figures, and 0/0 for a village only E has.  The names move
 * out of both lists.  -1 when out of memory. */
static int
merge_villages(struct coverage_row *g, size_t gn, struct coverage_row *e,
    size_t en, struct coverage_row **out, size_t *n)
{
	struct coverage_row *list;
	size_t i = 0, j = 0, k = 0;
	int c;

	if ((list = calloc(gn + en + 1, sizeof *list)) == NULL)
		return -1;
	while (i < gn || j < en) {
		c = i == gn ? 1 : j == en ? -1 : strcmp(g[i].code, e[j].code);
		if (c <= 0) {
			list[k] = g[i];
			g[i++].name = NULL;
			if (c == 0 && list[k].name == NULL) {
				list[k].name = e[j].name;
				e[j].name = NULL;
			}
			if (c == 0)
				j++;
		} else {
			memcpy(list[k].code, e[j].code, sizeof list[k].code);
			list[k].name = e[j].name;
			e[j++].name = NULL;
		}
		k++;
	}
	*out = list;
	*n = k;
	return 0;
}

static int
guidance_load(sqlite3 *db, int y, int m, struct coverage_row **rows,
    size_t *n, struct coverage_row *total, char **cause)
{
	struct coverage_row *g, *e, etotal;
	size_t gn, en;
	int rc;

	if (guidance_coverage_month(db, y, m, COV_VILLAGE, &g, &gn, total,
	    cause) != 0)
		return -1;
	if (coverage_month(db, y, m, COV_VILLAGE, &e, &en, &etotal,
	    cause) != 0) {
		coverage_free(g, gn);
		return -1;
	}
	free(etotal.name);
	rc = merge_villages(g, gn, e, en, rows, n);
	if (rc != 0)
		err_set(cause, "%s", _("out of memory"));
	coverage_free(g, gn);
	coverage_free(e, en);
	return rc;
}

static const struct report_rate_kind guidance_kind = {
	/* TRANSLATORS: a tab of the reports screen; ≤ 12 columns. */
	N_("Guidance"),
	N_("Parenting guidance coverage, %d-%02d"),
	N_("Children under three given guidance at least once in the "
	    "month, of all on the register"),
	/* TRANSLATORS: above "children served/children on the register",
	 * right-aligned; ≤ 9 columns. */
	N_("Served/all"),
	/* TRANSLATORS: above the guidance coverage in per cent,
	 * right-aligned; ≤ 7 columns. */
	N_("Covered"),
	N_("No children on the register yet"),
	guidance_load,
};

struct report_view *
report_guidance_new(void)
{
	return report_rate_new(&guidance_kind);
}
