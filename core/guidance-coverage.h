/* guidance-coverage.h: parenting-guidance coverage for a month (养育指导
 * 覆盖率), per village, town, county, beside the visit rate.
 *
 * SPEC: children in 在册 with at least one session ÷ all.  For month M a
 * child counts (doc/children.md) when born and registered by M's last
 * day, not deleted, and
 *   - still 在册 on M's last day (under three, not moved out): in the
 *     denominator, and in the numerator with a session in M; or
 *   - left the register during M (third birthday or moved out) after
 *     being in it on some day of M: counted only with a session in M.
 * So a child turning three on the 2nd neither holds the rate down nor
 * throws away the session given on the 1st.  Children who left before M
 * (or moved out with no date) are not counted.  Rows and totals are
 * struct coverage_row (core/coverage-group.h): visited = children with a
 * session, total = children counted. */
#ifndef HEARTH_GUIDANCE_COVERAGE_H
#define HEARTH_GUIDANCE_COVERAGE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/coverage-group.h"
#include "core/date.h"

/* The pure rule above for one child: STORED is the stored CH_CHILD_STATUS
 * index, STATUS_DATE y == 0 for none, SERVED whether a session fell in
 * month Y-M.  True when the child counts for the month. */
bool guidance_coverage_counts(int stored, struct ymd status_date,
    struct ymd birth, struct ymd registered_on, bool served, int y, int m);

/* Rows for month Y-M at LEVEL, ordered by code, and the total row in
 * *TOTAL.  *ROWS malloc'd; free with coverage_free. */
int guidance_coverage_month(sqlite3 *db, int y, int m,
    enum coverage_level level, struct coverage_row **rows, size_t *n,
    struct coverage_row *total, char **cause);

#endif
