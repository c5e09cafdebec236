/* guidance-due.h: which children need a parenting-guidance session.
 *
 * A child 在册 today (born, under three, not moved out; registered by
 * today) is due when
 *   - the next date set at the latest session has come (next_date on or
 *     before today): due by that date, overdue from the day after; or
 *   - no session was held in today's calendar month: due by the month's
 *     last day, or by a next date earlier than that.
 * Order: most overdue first, then the oldest child first (the fewest
 * months left before guidance ends at the third birthday), then name.
 * Decisions in doc/children.md. */
#ifndef HEARTH_GUIDANCE_DUE_H
#define HEARTH_GUIDANCE_DUE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/db.h"

/* The pure rule for a child 在册 on TODAY.  NEXT is the next date of the
 * latest session held on or before TODAY (y == 0: none, or no session),
 * COUNT_THIS_MONTH the sessions in TODAY's month up to TODAY.  True when a
 * session is due, with *DUE_BY. */
bool guidance_due_rule(struct ymd today, struct ymd next,
    int count_this_month, struct ymd *due_by);

struct guidance_due_item {
	char uid[HEARTH_UID_MAX];
	char *name;
	char division_code[13];
	struct ymd birth;
	int age_months;			/* today */
	struct ymd last_session;	/* y == 0: never */
	int sessions_this_month;
	struct ymd next_date;		/* of the latest session; y == 0 */
	struct ymd due_by;
	int overdue_days;		/* > 0 when overdue */
};

/* The due list for TODAY (all children of this station).  *ITEMS is
 * malloc'd; free with guidance_due_free. */
int guidance_due_list(sqlite3 *db, struct ymd today,
    struct guidance_due_item **items, size_t *n, char **cause);
void guidance_due_free(struct guidance_due_item *items, size_t n);

#endif
