/* guidance-due.c: the guidance-due rule and the station's list. */
#define _POSIX_C_SOURCE 200809L
#include "core/guidance-due.h"

#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"

bool
guidance_due_rule(struct ymd today, struct ymd next, int count_this_month,
    struct ymd *due_by)
{
	struct ymd end = { today.y, today.m,
	    date_days_in_month(today.y, today.m) };
	long t = date_to_days(today);
	long by;

	/* The date the provider set is the appointment: due on it, whatever
	 * the month's count says. */
	if (next.y != 0 && date_to_days(next) <= t) {
		*due_by = next;
		return true;
	}
	if (count_this_month > 0)
		return false;
	/* The monthly floor; a next date set earlier in the month is the
	 * sooner deadline. */
	by = date_to_days(end);
	if (next.y != 0 && date_to_days(next) < by)
		by = date_to_days(next);
	*due_by = date_from_days(by);
	return true;
}

/* Children with their latest session up to today, its next date (SQLite
 * takes a bare column from the row max() picked), and the count of
 * sessions in today's month — one grouped pass over the sessions, not a
 * query per child.  held_at is "YYYY-MM-DD HH:MM", so "< tomorrow's date"
 * is "on or before today" as text.  Status and age are judged in C
 * (child_status_at), where 结案 is defined. */
static const char due_sql[] =
	"SELECT c.uid, c.name, c.division_code, c.birth_date, c.status,"
	" c.status_date, c.registered_on, a.last, a.next_date, a.month_count"
	" FROM child AS c LEFT JOIN"
	" (SELECT child_uid, max(held_at) AS last, next_date,"
	"   sum(held_at >= ?1) AS month_count"
	"  FROM guidance WHERE deleted = 0 AND held_at < ?2"
	"  GROUP BY child_uid) AS a ON a.child_uid = c.uid"
	" WHERE c.deleted = 0"
	" ORDER BY c.initials, c.name, c.uid";

/* An item with its place in the name order, which breaks the last tie
 * (qsort is not stable). */
struct due_sorted {
	struct guidance_due_item item;
	size_t seq;
};

static int
due_compare(const void *a, const void *b)
{
	const struct due_sorted *x = a, *y = b;
	long bx, by;

	if (x->item.overdue_days != y->item.overdue_days)
		return x->item.overdue_days > y->item.overdue_days ? -1 : 1;
	bx = date_to_days(x->item.birth);
	by = date_to_days(y->item.birth);
	if (bx != by)
		return bx < by ? -1 : 1;	/* older first */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The item of the current row of ST if the child is due TODAY: 1 due
 * (*IT filled, name malloc'd), 0 not, -1 out of memory. */
static int
due_row(sqlite3_stmt *st, struct ymd today, struct guidance_due_item *it)
{
	struct ymd reg = db_column_date(st, 6);
	const char *text;
	int stored;

	memset(it, 0, sizeof *it);
	it->birth = db_column_date(st, 3);
	stored = choice_find(CH_CHILD_STATUS,
	    (const char *)sqlite3_column_text(st, 4));
	if (it->birth.y == 0 || stored < 0 ||
	    date_to_days(it->birth) > date_to_days(today) ||
	    (reg.y != 0 && date_to_days(reg) > date_to_days(today)) ||
	    child_status_at(stored, db_column_date(st, 5), it->birth,
	    today) != CHILD_ACTIVE)
		return 0;
	it->last_session = db_column_date(st, 7);
	it->next_date = db_column_date(st, 8);
	it->sessions_this_month = sqlite3_column_int(st, 9);
	if (!guidance_due_rule(today, it->next_date, it->sessions_this_month,
	    &it->due_by))
		return 0;
	it->overdue_days = (int)(date_to_days(today) -
	    date_to_days(it->due_by));
	if (it->overdue_days < 0)
		it->overdue_days = 0;
	it->age_months = date_age_months(it->birth, today);
	db_column_copy(st, 0, it->uid, sizeof it->uid);
	db_column_copy(st, 2, it->division_code, sizeof it->division_code);
	text = (const char *)sqlite3_column_text(st, 1);
	if ((it->name = strdup(text != NULL ? text : "")) == NULL)
		return -1;
	return 1;
}

int
guidance_due_list(sqlite3 *db, struct ymd today,
    struct guidance_due_item **items, size_t *n, char **cause)
{
	struct ymd first = { today.y, today.m, 1 };
	char month_start[11], tomorrow[11];
	struct due_sorted *v = NULL, *grown;
	struct guidance_due_item *out, it;
	size_t count = 0, cap = 0, seq = 0, i;
	sqlite3_stmt *st;
	int rc, due;

	*items = NULL;
	*n = 0;
	date_format(first, month_start);
	date_format(date_from_days(date_to_days(today) + 1), tomorrow);
	if ((st = db_prepare(db, due_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, month_start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tomorrow, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((due = due_row(st, today, &it)) < 0)
			goto nomem;
		if (due == 0) {
			seq++;
			continue;
		}
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
	err_set(cause, "%s", _("out of memory while listing the guidance "
	    "due"));
fail:
	if (st != NULL)
		db_done(st);
	for (i = 0; i < count; i++)
		free(v[i].item.name);
	free(v);
	return -1;
}

void
guidance_due_free(struct guidance_due_item *items, size_t n)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++)
		free(items[i].name);
	free(items);
}
