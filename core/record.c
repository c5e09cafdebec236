/* record.c: the uid and audit trail every record shares, and running a
 * record module's statements through its row reader. */
#define _POSIX_C_SOURCE 200809L
#include "core/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

void
record_column_meta(sqlite3_stmt *stmt, int col, struct record_meta *m)
{
	db_column_copy(stmt, col, m->uid, sizeof m->uid);
	db_column_copy(stmt, col + 1, m->created_at, sizeof m->created_at);
	db_column_copy(stmt, col + 2, m->created_by, sizeof m->created_by);
	db_column_copy(stmt, col + 3, m->updated_at, sizeof m->updated_at);
	m->deleted = sqlite3_column_int(stmt, col + 4) != 0;
}

void
record_bind_stamps(sqlite3_stmt *stmt, int first, const char *uid,
    const char *created_at, const char *created_by, const char *updated_at)
{
	sqlite3_bind_text(stmt, first, uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 1, created_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 2, created_by != NULL ? created_by : "",
	    -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 3, updated_at, -1, SQLITE_STATIC);
}

void
record_saved_new(struct record_meta *m, const char *uid, const char *now,
    const char *login)
{
	snprintf(m->uid, sizeof m->uid, "%s", uid);
	snprintf(m->created_at, sizeof m->created_at, "%s", now);
	snprintf(m->created_by, sizeof m->created_by, "%s",
	    login != NULL ? login : "");
	snprintf(m->updated_at, sizeof m->updated_at, "%s", now);
}

void
record_saved_over(struct record_meta *m, const struct record_meta *old)
{
	memcpy(m->uid, old->uid, sizeof m->uid);
	memcpy(m->created_at, old->created_at, sizeof m->created_at);
	memcpy(m->created_by, old->created_by, sizeof m->created_by);
	memcpy(m->updated_at, old->updated_at, sizeof m->updated_at);
}

bool
record_changed_within(const struct record_meta *m, const char *since,
    const char *until)
{
	/* updated_at begins with its date: compare that part only. */
	return (since[0] == '\0' || strncmp(m->updated_at, since, 10) >= 0) &&
	    (until[0] == '\0' || strncmp(m->updated_at, until, 10) <= 0);
}

int
record_fetch(sqlite3 *db, sqlite3_stmt *stmt,
    int (*reader)(sqlite3_stmt *, void *, char **), void *rec, char **cause)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		rc = rec == NULL || reader(stmt, rec, cause) == 0 ? 0 : -1;
	else if (rc == SQLITE_DONE)
		rc = 1;
	else {
		db_error(db, cause);
		rc = -1;
	}
	db_done(stmt);
	return rc;
}

int
record_list(sqlite3 *db, sqlite3_stmt *stmt,
    int (*reader)(sqlite3_stmt *, void *, char **), size_t size, void **out,
    size_t *n, char **cause)
{
	char *list = NULL, *grown;
	size_t count = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(list, cap * size)) == NULL) {
				err_set(cause, "%s", _("out of memory"));
				goto fail;
			}
			list = grown;
		}
		if (reader(stmt, list + count * size, cause) != 0)
			goto fail;
		count++;
	}
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(stmt);
	*out = list;
	*n = count;
	return 0;

fail:
	db_done(stmt);
	*out = list;
	*n = count;
	return -1;
}

int
record_each(sqlite3 *db, sqlite3_stmt *stmt,
    int (*reader)(sqlite3_stmt *, void *, char **), void *rec,
    int (*fn)(void *, void *), void *arg, char **cause)
{
	int rc, stop = 0;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (reader(stmt, rec, cause) != 0) {
			db_done(stmt);
			return -1;
		}
		if ((stop = fn(rec, arg)) != 0)
			break;
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		db_error(db, cause);
		stop = -1;
	}
	db_done(stmt);
	return stop;
}
