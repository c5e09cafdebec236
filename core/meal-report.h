/* meal-report.h: sums over meal servings — the canteen screen's day tally
 * and the monthly settlement per site (SPEC: canteens settle monthly with
 * a per-person list; the report says what to claim).
 *
 * Only servings not deleted count.  Money is summed as stored (the subsidy
 * fixed at serving time), in fen.  "Elders" counts distinct elders: the
 * total row counts an elder served at two sites once, so it is not the sum
 * of the site rows; the other columns are. */
#ifndef HEARTH_MEAL_REPORT_H
#define HEARTH_MEAL_REPORT_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/date.h"
#include "core/db.h"

struct meal_tally {
	long servings;
	long elders;		/* distinct */
	long portions;
	long long price_fen;
	long long subsidy_fen;
	long long self_paid_fen;
};

struct meal_report_row {
	char site_uid[HEARTH_UID_MAX];
	char *site_name;
	struct meal_tally t;
};

/* SITE_UID's servings on DAY (SITE_UID NULL: every site). */
int meal_day_tally(sqlite3 *db, const char *site_uid, struct ymd day,
    struct meal_tally *t, char **cause);

/* Month Y-M per site, by site name: every site not deleted (a canteen
 * that served nobody shows zeros) and any deleted site with servings in
 * the month; *TOTAL over all of them.  *ROWS malloc'd; free with
 * meal_report_free. */
int meal_report_month(sqlite3 *db, int y, int m,
    struct meal_report_row **rows, size_t *n, struct meal_tally *total,
    char **cause);
void meal_report_free(struct meal_report_row *rows, size_t n);

/* Month Y-M day by day for SITE_UID (NULL: every site): DAYS[0] is the
 * 1st; the month's length goes to *NDAYS.  For a bar chart. */
int meal_report_days(sqlite3 *db, const char *site_uid, int y, int m,
    struct meal_tally days[31], int *ndays, char **cause);

#endif
