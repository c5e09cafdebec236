/* coverage-group.c: coverage rows by division, shared by every rate. */
#include "core/coverage-group.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"

static const char division_sql[] =
	"SELECT name FROM division WHERE code = ?1";

void
coverage_tally_init(struct coverage_tally *t, enum coverage_level level)
{
	memset(t, 0, sizeof *t);
	t->level = level;
}

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

int
coverage_tally_add(struct coverage_tally *t, const char *division, bool hit)
{
	struct coverage_row *grown;
	char code[13];
	size_t cap;

	group_code(division != NULL ? division : "", t->level, code);
	/* Input comes sorted by division code, and a prefix keeps that
	 * order, so a group is always the last row or a new one. */
	if (t->n == 0 || strcmp(t->rows[t->n - 1].code, code) != 0) {
		if (t->n == t->cap) {
			cap = t->cap ? t->cap * 2 : 16;
			if ((grown = realloc(t->rows, cap * sizeof *grown)) ==
			    NULL)
				return -1;
			t->rows = grown;
			t->cap = cap;
		}
		memset(&t->rows[t->n], 0, sizeof t->rows[t->n]);
		memcpy(t->rows[t->n].code, code, sizeof code);
		t->n++;
	}
	t->rows[t->n - 1].total++;
	t->total.total++;
	if (hit) {
		t->rows[t->n - 1].visited++;
		t->total.visited++;
	}
	return 0;
}

/* Fill the names of the rows from the division table (one prepared
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
				err_set(cause, "%s", _("out of memory"));
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
coverage_tally_finish(sqlite3 *db, struct coverage_tally *t,
    struct coverage_row **rows, size_t *n, struct coverage_row *total,
    char **cause)
{
	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof *total);
	if (name_rows(db, t->rows, t->n, cause) != 0) {
		coverage_tally_discard(t);
		return -1;
	}
	*rows = t->rows;
	*n = t->n;
	*total = t->total;
	memset(t, 0, sizeof *t);
	return 0;
}

void
coverage_tally_discard(struct coverage_tally *t)
{
	coverage_free(t->rows, t->n);
	t->rows = NULL;
	t->n = t->cap = 0;
	memset(&t->total, 0, sizeof t->total);
}

int
coverage_month_bounds(int y, int m, char start[11], char stop[11],
    char **cause)
{
	struct ymd first = { y, m, 1 };

	if (m < 1 || m > 12 || y < 1900 || y > 9999) {
		err_set(cause, _("there is no month %04d-%02d"), y, m);
		return -1;
	}
	date_format(first, start);
	date_format(date_from_days(date_to_days(first) +
	    date_days_in_month(y, m)), stop);
	return 0;
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
