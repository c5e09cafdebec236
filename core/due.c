/* due.c: the visit-due rule per risk tier and the station's due list. */
#include "core/due.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"

static struct ymd
month_end(struct ymd d)
{
	struct ymd r = { d.y, d.m, date_days_in_month(d.y, d.m) };

	return r;
}

/* The end of the first whole month, before today's, that passed without a
 * contacted visit: the month after the last visit, or the month of
 * registration for an elder never visited.  LONG_MAX when there is none.
 * An elder who missed a month is overdue since that month ended, so they
 * rank above those merely due this month. */
static long
missed_month_end(struct ymd today, struct ymd registered, struct ymd last)
{
	struct ymd first;

	if (last.y != 0) {
		first.y = last.y + (last.m == 12);
		first.m = last.m == 12 ? 1 : last.m + 1;
		first.d = 1;
	} else if (registered.y != 0)
		first = registered;
	else
		return LONG_MAX;
	if (first.y * 12 + first.m >= today.y * 12 + today.m)
		return LONG_MAX;
	return date_to_days(month_end(first));
}

bool
due_rule(int risk_tier, struct ymd today, struct ymd registered,
    struct ymd last, int count_this_month, struct ymd *due_by)
{
	long t = date_to_days(today);
	long end = date_to_days(month_end(today));
	long reg = registered.y != 0 ? date_to_days(registered) : 0;
	long by;

	/* Not on the register yet (a registration date typed ahead): nothing
	 * can be owed before the elder joins. */
	if (registered.y != 0 && reg > t)
		return false;

	switch (risk_tier) {
	case RISK_HIGH:
		if (last.y == 0) {
			/* Never visited: owed since the day of registration. */
			by = registered.y != 0 ? reg : t;
			break;
		}
		by = date_to_days(last) + 7;
		/* A visit this month satisfies the monthly rule, so only the
		 * weekly one is left: not due before its day comes.  With no
		 * visit this month the monthly rule already makes it due
		 * (deadline: whichever comes first). */
		if (count_this_month > 0) {
			if (by > t)
				return false;
		} else if (by > end)
			by = end;
		break;
	case RISK_FOCUS:
		if (count_this_month >= 2)
			return false;
		if (count_this_month == 0) {
			struct ymd mid = { today.y, today.m, 15 };

			by = date_to_days(mid);
			if (missed_month_end(today, registered, last) < by)
				by = missed_month_end(today, registered, last);
		} else
			by = end;
		break;
	default:
		/* 一般, and any tier this program does not know: the monthly
		 * visit is the floor every elder is owed (SPEC). */
		if (count_this_month >= 1)
			return false;
		by = end;
		if (missed_month_end(today, registered, last) < by)
			by = missed_month_end(today, registered, last);
		break;
	}
	/* A deadline that fell before registration (a focus elder joining on
	 * the 20th) moves to the day the elder joined: nobody is overdue for
	 * days they were not on the register. */
	if (registered.y != 0 && by < reg)
		by = reg;
	*due_by = date_from_days(by);
	return true;
}

/* Elders on the register with consent, each with their last contacted
 * visit up to today and the count of those in today's month — one query:
 * the aggregate is one grouped pass over the visits, so 50,000 elders cost
 * one scan, not 50,000 look-ups.  Visit times are "YYYY-MM-DD HH:MM", so
 * "< tomorrow's date" is "on or before today" as text. */
static const char due_sql[] =
	"SELECT e.uid, e.name, e.division_code, e.risk_tier, e.registered_on,"
	" a.last, a.month_count"
	" FROM elder AS e LEFT JOIN"
	" (SELECT elder_uid, max(visited_at) AS last,"
	"   sum(visited_at >= ?1) AS month_count"
	"  FROM visit"
	"  WHERE contacted = 1 AND deleted = 0 AND visited_at < ?2"
	"  GROUP BY elder_uid) AS a ON a.elder_uid = e.uid"
	" WHERE e.deleted = 0 AND e.visit_consent = 1 AND e.status = ?3"
	" ORDER BY e.initials, e.name, e.uid";

/* An item with its place in the name order, which breaks the last tie
 * (qsort is not stable). */
struct due_sorted {
	struct due_item item;
	size_t seq;
};

static int
due_compare(const void *a, const void *b)
{
	const struct due_sorted *x = a, *y = b;
	long dx, dy;

	if (x->item.overdue_days != y->item.overdue_days)
		return x->item.overdue_days > y->item.overdue_days ? -1 : 1;
	dx = date_to_days(x->item.due_by);
	dy = date_to_days(y->item.due_by);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->item.risk_tier != y->item.risk_tier)
		return x->item.risk_tier < y->item.risk_tier ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
due_list(sqlite3 *db, struct ymd today, struct due_item **items,
    size_t *n, char **cause)
{
	struct ymd first = { today.y, today.m, 1 };
	char month_start[11], tomorrow[11];
	struct due_sorted *v = NULL, *grown;
	struct due_item *out;
	size_t count = 0, cap = 0, seq = 0, i;
	sqlite3_stmt *st;
	int rc, tier;
	const char *text;

	*items = NULL;
	*n = 0;
	date_format(first, month_start);
	date_format(date_from_days(date_to_days(today) + 1), tomorrow);
	if ((st = db_prepare(db, due_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, month_start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tomorrow, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, choice_label(CH_STATUS, STATUS_ACTIVE), -1,
	    SQLITE_STATIC);

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct due_item it;

		memset(&it, 0, sizeof it);
		text = (const char *)sqlite3_column_text(st, 3);
		tier = text != NULL ? choice_find(CH_RISK, text) : -1;
		it.risk_tier = tier >= 0 ? tier : RISK_NORMAL;
		it.last_visit = db_column_date(st, 5);
		it.visits_this_month = sqlite3_column_int(st, 6);
		if (!due_rule(it.risk_tier, today, db_column_date(st, 4),
		    it.last_visit, it.visits_this_month, &it.due_by)) {
			seq++;
			continue;
		}
		it.overdue_days = (int)(date_to_days(today) -
		    date_to_days(it.due_by));
		if (it.overdue_days < 0)
			it.overdue_days = 0;
		db_column_copy(st, 0, it.uid, sizeof it.uid);
		db_column_copy(st, 2, it.division_code,
		    sizeof it.division_code);
		text = (const char *)sqlite3_column_text(st, 1);
		if ((it.name = strdup(text != NULL ? text : "")) == NULL)
			goto nomem;
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(v, cap * sizeof *v)) == NULL) {
				free(it.name);
				goto nomem;
			}
			v = grown;
		}
		v[count].item = it;
		v[count].seq = seq++;
		count++;
	}
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(st);
	st = NULL;

	if (count > 1)
		qsort(v, count, sizeof *v, due_compare);
	if ((out = malloc((count ? count : 1) * sizeof *out)) == NULL)
		goto nomem;
	for (i = 0; i < count; i++)
		out[i] = v[i].item;
	free(v);
	*items = out;
	*n = count;
	return 0;

nomem:
	err_set(cause, "%s", _("out of memory while listing the visits due"));
fail:
	if (st != NULL)
		db_done(st);
	for (i = 0; i < count; i++)
		free(v[i].item.name);
	free(v);
	return -1;
}

void
due_free(struct due_item *items, size_t n)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++)
		free(items[i].name);
	free(items);
}
