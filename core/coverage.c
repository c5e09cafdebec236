/* coverage.c: the monthly visit rate, grouped by division. */
#include "core/coverage.h"

#include <string.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"

bool
coverage_counts(int status, struct ymd status_date,
    struct ymd registered_on, bool consent, bool deleted, int y, int m)
{
	struct ymd last = { y, m, date_days_in_month(y, m) };
	long end = date_to_days(last);

	if (deleted || !consent)
		return false;
	if (registered_on.y != 0 && date_to_days(registered_on) > end)
		return false;
	if (status == STATUS_ACTIVE)
		return true;
	/* Left the register: counts only if that happened after the month.
	 * With no date we cannot tell when, and counting an elder nobody
	 * can visit any more would hold the rate down for ever. */
	return status_date.y != 0 && date_to_days(status_date) > end;
}

/* Every elder with what the rule needs and whether a contacted visit fell
 * in [?1, ?2) — one statement: the IN list is built once from the month's
 * visits (visit_time index) and probed per elder, no query per elder.
 * Sorted by division so each group is a run of rows. */
static const char coverage_sql[] =
	"SELECT division_code, status, status_date, registered_on,"
	" visit_consent,"
	" uid IN (SELECT elder_uid FROM visit"
	"  WHERE visited_at >= ?1 AND visited_at < ?2"
	"  AND contacted = 1 AND deleted = 0)"
	" FROM elder WHERE deleted = 0"
	" ORDER BY division_code";

int
coverage_month(sqlite3 *db, int y, int m, enum coverage_level level,
    struct coverage_row **rows, size_t *n, struct coverage_row *total,
    char **cause)
{
	struct coverage_tally t;
	char start[11], stop[11];
	sqlite3_stmt *st;
	const char *text;
	int rc, status;

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
		text = (const char *)sqlite3_column_text(st, 1);
		status = text != NULL ? choice_find(CH_STATUS, text) : -1;
		/* An unknown status label is not 在册: the elder is not
		 * counted rather than counted as never visited. */
		if (status < 0)
			continue;
		if (!coverage_counts(status, db_column_date(st, 2),
		    db_column_date(st, 3), sqlite3_column_int(st, 4) != 0, false,
		    y, m))
			continue;
		if (coverage_tally_add(&t,
		    (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int(st, 5) != 0) != 0) {
			err_set(cause, "%s", _("out of memory while computing "
			    "the visit rate"));
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
