/* coverage.h: the monthly visit rate (月探访率), per village, town, county.
 *
 * SPEC: elders in 在册 status with visit consent and at least one visit with
 * contacted = yes in the month, divided by all such elders.  "In 在册 status
 * for the month" (doc/visits.md): registered on or before the month's last
 * day, and not deleted, and either still 在册 or left the register
 * (迁出/入住机构/死亡) after the month's last day.  An elder who left during
 * the month is not counted at all, an elder registered during the month is.
 * Consent is the current flag.  Groups: core/coverage-group.h. */
#ifndef HEARTH_COVERAGE_H
#define HEARTH_COVERAGE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/coverage-group.h"
#include "core/date.h"

/* The pure membership rule above. STATUS_DATE y == 0 means none. */
bool coverage_counts(int status, struct ymd status_date,
    struct ymd registered_on, bool consent, bool deleted, int y, int m);

/* Rows for month Y-M at LEVEL, ordered by code, plus the total row in
 * *TOTAL (code "", name NULL).  *ROWS malloc'd; free with coverage_free. */
int coverage_month(sqlite3 *db, int y, int m, enum coverage_level level,
    struct coverage_row **rows, size_t *n, struct coverage_row *total,
    char **cause);
/* coverage_free(), coverage_permille(): core/coverage-group.h. */

#endif
