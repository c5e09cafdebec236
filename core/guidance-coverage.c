/* guidance-coverage.c: the monthly guidance coverage, grouped by
 * division with the visit rate's tally (core/coverage-group.c). */
#include "core/guidance-coverage.h"

#include <string.h>

#include "core/child.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"

bool
guidance_coverage_counts(int stored, struct ymd status_date,
    struct ymd birth, struct ymd registered_on, bool served, int y, int m)
{
	struct ymd first = { y, m, 1 }, last = { y, m,
	    date_days_in_month(y, m) };
	long end = date_to_days(last), last_in;

	if (birth.y == 0 || date_to_days(birth) > end)
		return false;
	if (registered_on.y != 0 && date_to_days(registered_on) > end)
		return false;
	if (child_status_at(stored, status_date, birth, last) == CHILD_ACTIVE)
		return true;
	/* Left by the month's end.  The last day in the register: the eve
	 * of the third birthday, or the moving day if that came first; a
	 * move with no date cannot be placed, so it is never counted (as an
	 * elder's, core/coverage.c). */
	last_in = date_to_days(child_third_birthday(birth)) - 1;
	if (stored == CHILD_MOVED) {
		if (status_date.y == 0)
			return false;
		if (date_to_days(status_date) < last_in)
			last_in = date_to_days(status_date);
	}
	if (last_in < date_to_days(first))
		return false;
	return served;
}

/* Every child with what the rule needs and whether a session fell in
 * [?1, ?2) — one statement: the IN list is built once from the month's
 * sessions (guidance_time index) and probed per child.  Sorted by
 * division so each group is a run of rows. */
static const char coverage_sql[] =
	"SELECT division_code, status, status_date, birth_date,"
	" registered_on,"
	" uid IN (SELECT child_uid FROM guidance"
	"  WHERE held_at >= ?1 AND held_at < ?2 AND deleted = 0)"
	" FROM child WHERE deleted = 0"
	" ORDER BY division_code";

int
guidance_coverage_month(sqlite3 *db, int y, int m,
    enum coverage_level level, struct coverage_row **rows, size_t *n,
    struct coverage_row *total, char **cause)
{
	struct coverage_tally t;
	char start[11], stop[11];
	sqlite3_stmt *st;
	bool served;
	int rc, stored;

	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof *total);
	if (coverage_month_bounds(y, m, start, stop, cause) != 0)
		return -1;
	if ((st = db_prepare(db, coverage_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stop, -1, SQLITE_STATIC);
	coverage_tally_init(&t, level);

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* A status label from a newer program: not counted, rather
		 * than counted as never served. */
		stored = choice_find(CH_CHILD_STATUS,
		    (const char *)sqlite3_column_text(st, 1));
		if (stored < 0)
			continue;
		served = sqlite3_column_int(st, 5) != 0;
		if (!guidance_coverage_counts(stored, db_column_date(st, 2),
		    db_column_date(st, 3), db_column_date(st, 4), served, y, m))
			continue;
		if (coverage_tally_add(&t,
		    (const char *)sqlite3_column_text(st, 0), served) != 0) {
			err_set(cause, "%s", _("out of memory while computing "
			    "the guidance coverage"));
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(st);
	return coverage_tally_finish(db, &t, rows, n, total, cause);

fail:
	db_done(st);
	coverage_tally_discard(&t);
	return -1;
}
