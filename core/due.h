/* due.h: which elders still need a visit, overdue first.
 *
 * Only contacted visits (reached the elder) count.  The rule per risk tier
 * (SPEC; decisions in doc/visits.md):
 *   一般 (normal)  one visit each calendar month: due by the month's last day.
 *   重点 (focus)   two a month: the first by the 15th, the second by the
 *                  month's last day.
 *   高   (high)    weekly: due 7 days after the last visit (by the month's
 *                  last day as well, so the monthly rule also holds); never
 *                  visited: due on the day of registration.
 * An elder of 一般 or 重点 who went a whole earlier month without a visit is
 * due since that month's last day (and so overdue, ranked first).
 * Elders not 在册 or without visit consent are never due.  An elder is on
 * the list when not satisfied; overdue_days = today - due_by when positive.
 * Order: most overdue first, then earliest due_by, then tier, then name. */
#ifndef HEARTH_DUE_H
#define HEARTH_DUE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/db.h"

/* The pure rule.  LAST is the last contacted visit on or before TODAY
 * (y == 0: never), COUNT_THIS_MONTH the contacted visits in TODAY's month,
 * REGISTERED the day the elder joined the register.  Returns true if a
 * visit is due and sets *DUE_BY. */
bool due_rule(int risk_tier, struct ymd today, struct ymd registered,
    struct ymd last, int count_this_month, struct ymd *due_by);

struct due_item {
	char uid[HEARTH_UID_MAX];
	char *name;
	char division_code[13];
	int risk_tier;
	struct ymd last_visit;		/* y == 0: never */
	int visits_this_month;
	struct ymd due_by;
	int overdue_days;		/* > 0 when overdue */
};

/* The due list for TODAY (all elders of this station).  *ITEMS is
 * malloc'd; free with due_free. */
int due_list(sqlite3 *db, struct ymd today, struct due_item **items,
    size_t *n, char **cause);
void due_free(struct due_item *items, size_t n);

#endif
