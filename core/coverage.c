/* coverage.c: the monthly visit rate, grouped by division. */
#include "core/coverage.h"

#include <stdlib.h>
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

static const char division_sql[] =
	"SELECT name FROM division WHERE code = ?1";

/* The group code of a 12-digit division code at LEVEL, zero-padded. */
static void
group_code(const char *division, enum coverage_level level, char out[13])
{
	size_t keep = level == COV_COUNTY ? 6 : level == COV_TOWN ? 9 : 12;
	size_t len = strnlen(division, 12);

	memset(out, '0', 12);
	out[12] = '\0';
	memcpy(out, division, len < keep ? len : keep);
}

/* Fill the names of ROWS from the division table (one prepared
 * statement, reset per group). */
static int
name_rows(sqlite3 *db, struct coverage_row *rows, size_t n, char **cause)
{
	sqlite3_stmt *st;
	const char *text;
	size_t i;
	int rc;

	if ((st = db_prepare(db, division_sql, cause)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, rows[i].code, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			text = (const char *)sqlite3_column_text(st, 0);
			if (text != NULL &&
			    (rows[i].name = strdup(text)) == NULL) {
				err_set(cause, "%s", _("out of memory while "
				    "computing the visit rate"));
				db_done(st);
				return -1;
			}
		} else if (rc != SQLITE_DONE) {
			db_error(db, cause);
			db_done(st);
			return -1;
		}
	}
	db_done(st);
	return 0;
}

int
coverage_month(sqlite3 *db, int y, int m, enum coverage_level level,
    struct coverage_row **rows, size_t *n, struct coverage_row *total,
    char **cause)
{
	struct ymd first = { y, m, 1 }, next;
	char start[11], stop[11], code[13];
	struct coverage_row *v = NULL, *grown;
	size_t count = 0, cap = 0;
	sqlite3_stmt *st;
	const char *text;
	bool visited;
	int rc, status;

	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof *total);
	if (m < 1 || m > 12 || y < 1900 || y > 9999) {
		err_set(cause, _("there is no month %04d-%02d"), y, m);
		return -1;
	}
	next = date_from_days(date_to_days(first) +
	    date_days_in_month(y, m));
	date_format(first, start);
	date_format(next, stop);
	if ((st = db_prepare(db, coverage_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stop, -1, SQLITE_STATIC);

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
		visited = sqlite3_column_int(st, 5) != 0;
		text = (const char *)sqlite3_column_text(st, 0);
		group_code(text != NULL ? text : "", level, code);
		/* Rows come sorted by division code, and a prefix keeps that
		 * order, so a group is always the last row or a new one. */
		if (count == 0 || strcmp(v[count - 1].code, code) != 0) {
			if (count == cap) {
				cap = cap ? cap * 2 : 16;
				grown = realloc(v, cap * sizeof *v);
				if (grown == NULL)
					goto nomem;
				v = grown;
			}
			memset(&v[count], 0, sizeof v[count]);
			memcpy(v[count].code, code, sizeof code);
			count++;
		}
		v[count - 1].total++;
		total->total++;
		if (visited) {
			v[count - 1].visited++;
			total->visited++;
		}
	}
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(st);
	st = NULL;
	if (name_rows(db, v, count, cause) < 0)
		goto fail;
	*rows = v;
	*n = count;
	return 0;

nomem:
	err_set(cause, "%s",
	    _("out of memory while computing the visit rate"));
fail:
	if (st != NULL)
		db_done(st);
	coverage_free(v, count);
	memset(total, 0, sizeof *total);
	return -1;
}

void
coverage_free(struct coverage_row *rows, size_t n)
{
	size_t i;

	if (rows == NULL)
		return;
	for (i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}

int
coverage_permille(const struct coverage_row *r)
{
	if (r->total <= 0)
		return -1;
	return (int)((long long)r->visited * 1000 / r->total);
}
