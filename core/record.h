/* record.h: what every record of the register shares, and the storage
 * plumbing the record modules (elder, child, visit, guidance, meal, site)
 * share instead of each spelling it out.
 *
 * Every record struct embeds a struct record_meta as its member `meta`:
 * the uid and the audit trail, stored in the columns RECORD_COLUMNS names.
 * A module's SELECT lists its own columns first and RECORD_COLUMNS after
 * them, and its row reader (READER below: fill the record at REC, whatever
 * was there, from the row STMT is on; -1 and *CAUSE, nothing left
 * allocated, when out of memory) takes those with record_column_meta().
 * record_fetch(), record_list() and record_each() run a bound statement
 * from db_prepare() through a reader and always give it back. */
#ifndef HEARTH_RECORD_H
#define HEARTH_RECORD_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/db.h"

struct record_meta {
	char uid[HEARTH_UID_MAX];	/* empty until saved */
	char created_at[HEARTH_TS_MAX], updated_at[HEARTH_TS_MAX];
	char created_by[32];
	bool deleted;			/* soft delete: lists skip the row */
};

/* The columns of struct record_meta in the order record_column_meta()
 * reads them; P is a table alias with its dot ("g.") or "". */
#define RECORD_COLUMNS(P) \
	P "uid, " P "created_at, " P "created_by, " P "updated_at, " P "deleted"

/* The RECORD_COLUMNS of STMT's row, from column COL on, into M. */
void record_column_meta(sqlite3_stmt *stmt, int col, struct record_meta *m);

/* Bind the stamps of a record's INSERT or UPDATE: ?FIRST the uid,
 * ?FIRST+1 created_at, ?FIRST+2 created_by ("" for NULL), ?FIRST+3
 * updated_at.  The strings must outlive the statement's step; a new
 * row's CREATED_BY is the login as given, so a Unix login name longer
 * than the struct's copy is stored whole. */
void record_bind_stamps(sqlite3_stmt *stmt, int first, const char *uid,
    const char *created_at, const char *created_by, const char *updated_at);

/* After the commit that saved a record, what its row now holds into its
 * M: a new row UID written at NOW by LOGIN (NULL: ""), or the stored row
 * OLD it was saved over (OLD's updated_at set to the time of the write if
 * there was one).  M's deleted is what was saved and stays. */
void record_saved_new(struct record_meta *m, const char *uid,
    const char *now, const char *login);
void record_saved_over(struct record_meta *m, const struct record_meta *old);

/* Whether M was last changed on a day from SINCE to UNTIL (dates as
 * "YYYY-MM-DD", "" for no bound): an export of what changed. */
bool record_changed_within(const struct record_meta *m, const char *since,
    const char *until);

/* Step STMT for at most one row and read it into REC with READER (REC NULL:
 * only look).  0 found, 1 none, -1 and *CAUSE. */
int record_fetch(sqlite3 *db, sqlite3_stmt *stmt,
    int (*reader)(sqlite3_stmt *, void *, char **), void *rec, char **cause);

/* Every row of STMT read with READER into a malloc'd array of records of
 * SIZE bytes: 0, *OUT and *N (NULL and 0 for no rows); or -1 and *CAUSE,
 * with the *N records read so far in *OUT for the caller to free. */
int record_list(sqlite3 *db, sqlite3_stmt *stmt,
    int (*reader)(sqlite3_stmt *, void *, char **), size_t size, void **out,
    size_t *n, char **cause);

/* Each row of STMT read with READER into the record at REC, then FN(REC,
 * ARG), which frees what REC holds; FN returns 0 to go on.  FN's non-zero
 * value when it stopped, else 0 at the end, or -1 and *CAUSE. */
int record_each(sqlite3 *db, sqlite3_stmt *stmt,
    int (*reader)(sqlite3_stmt *, void *, char **), void *rec,
    int (*fn)(void *, void *), void *arg, char **cause);

#endif
