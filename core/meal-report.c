/* meal-report.c: day tally and monthly sums of meal servings. */
#define _POSIX_C_SOURCE 200809L
#include "core/meal-report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

/* The aggregate columns every query below ends with, from its column
 * FIRST on. */
#define TALLY_COLUMNS \
	"count(m.uid), count(DISTINCT m.elder_uid), " \
	"coalesce(sum(m.portions), 0), coalesce(sum(m.price_fen), 0), " \
	"coalesce(sum(m.subsidy_fen), 0), coalesce(sum(m.self_paid_fen), 0)"

static void
tally_read(sqlite3_stmt *stmt, int first, struct meal_tally *t)
{
	t->servings = (long)sqlite3_column_int64(stmt, first);
	t->elders = (long)sqlite3_column_int64(stmt, first + 1);
	t->portions = (long)sqlite3_column_int64(stmt, first + 2);
	t->price_fen = sqlite3_column_int64(stmt, first + 3);
	t->subsidy_fen = sqlite3_column_int64(stmt, first + 4);
	t->self_paid_fen = sqlite3_column_int64(stmt, first + 5);
}

/* [FROM, TO) of month Y-M as dates: served_on compares as text. */
static bool
month_bounds(int y, int m, char from[11], char to[11])
{
	struct ymd first = { y, m, 1 };

	if (!date_valid(first))
		return false;
	date_format(first, from);
	date_format(date_from_days(date_to_days(first) +
	    date_days_in_month(y, m)), to);
	return true;
}

int
meal_day_tally(sqlite3 *db, const char *site_uid, struct ymd day,
    struct meal_tally *t, char **cause)
{
	sqlite3_stmt *stmt;
	char on[11];
	int rc;

	memset(t, 0, sizeof *t);
	if ((stmt = db_prepare(db, "SELECT " TALLY_COLUMNS " FROM meal m "
	    "WHERE m.served_on = ?1 AND (?2 IS NULL OR m.site_uid = ?2) AND "
	    "m.deleted = 0", cause)) == NULL)
		return -1;
	date_format(day, on);
	sqlite3_bind_text(stmt, 1, on, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 2, site_uid);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		tally_read(stmt, 0, t);
	else
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

void
meal_report_free(struct meal_report_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].site_name);
	free(rows);
}

/* The rows of the month per site into *ROWS, *N. */
static int
report_sites(sqlite3 *db, const char *from, const char *to,
    struct meal_report_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt *stmt;
	struct meal_report_row *list = NULL, *grown;
	size_t count = 0, cap = 0;
	bool oom = false;
	int rc;

	if ((stmt = db_prepare(db, "SELECT s.uid, s.name, " TALLY_COLUMNS
	    " FROM site s LEFT JOIN meal m ON m.site_uid = s.uid AND "
	    "m.served_on >= ?1 AND m.served_on < ?2 AND m.deleted = 0 "
	    "GROUP BY s.uid HAVING max(s.deleted) = 0 OR count(m.uid) > 0 "
	    "ORDER BY s.name, s.uid", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 8;
			if ((grown = realloc(list, cap * sizeof *list)) ==
			    NULL) {
				oom = true;
				break;
			}
			list = grown;
		}
		memset(&list[count], 0, sizeof list[count]);
		db_column_copy(stmt, 0, list[count].site_uid,
		    sizeof list[count].site_uid);
		list[count].site_name = db_column_strdup(stmt, 1, &oom);
		tally_read(stmt, 2, &list[count].t);
		count++;
		if (oom)
			break;
	}
	if (oom)
		err_set(cause, "%s", _("out of memory"));
	else if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	if (oom || rc != SQLITE_DONE) {
		meal_report_free(list, count);
		return -1;
	}
	*rows = list;
	*n = count;
	return 0;
}

int
meal_report_month(sqlite3 *db, int y, int m, struct meal_report_row **rows,
    size_t *n, struct meal_tally *total, char **cause)
{
	sqlite3_stmt *stmt;
	char from[11], to[11];
	int rc;

	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof *total);
	if (!month_bounds(y, m, from, to)) {
		err_set(cause, _("%s: not a month (year-month, e.g. 2024-05)"),
		    _("month"));
		return -1;
	}
	if (report_sites(db, from, to, rows, n, cause) != 0)
		return -1;
	/* Its own query, not the sum of the rows: distinct elders. */
	if ((stmt = db_prepare(db, "SELECT " TALLY_COLUMNS " FROM meal m "
	    "WHERE m.served_on >= ?1 AND m.served_on < ?2 AND m.deleted = 0",
	    cause)) == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		tally_read(stmt, 0, total);
	else
		db_error(db, cause);
	db_done(stmt);
	if (rc == SQLITE_ROW)
		return 0;
fail:
	meal_report_free(*rows, *n);
	*rows = NULL;
	*n = 0;
	return -1;
}

int
meal_report_days(sqlite3 *db, const char *site_uid, int y, int m,
    struct meal_tally days[31], int *ndays, char **cause)
{
	sqlite3_stmt *stmt;
	struct ymd day;
	char from[11], to[11];
	int rc;

	memset(days, 0, 31 * sizeof *days);
	*ndays = 0;
	if (!month_bounds(y, m, from, to)) {
		err_set(cause, _("%s: not a month (year-month, e.g. 2024-05)"),
		    _("month"));
		return -1;
	}
	if ((stmt = db_prepare(db, "SELECT m.served_on, " TALLY_COLUMNS
	    " FROM meal m WHERE m.served_on >= ?1 AND m.served_on < ?2 AND "
	    "(?3 IS NULL OR m.site_uid = ?3) AND m.deleted = 0 "
	    "GROUP BY m.served_on", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 3, site_uid);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		day = db_column_date(stmt, 0);
		/* Stored dates are canonical, so the range keeps them in the
		 * month; the check guards a hand-edited row. */
		if (day.y == y && day.m == m && day.d >= 1 && day.d <= 31)
			tally_read(stmt, 1, &days[day.d - 1]);
	}
	if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	if (rc != SQLITE_DONE)
		return -1;
	*ndays = date_days_in_month(y, m);
	return 0;
}
