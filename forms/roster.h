/* roster.h: the county's roster of a kind merged into this station.
 *
 * The hub sends the elders and children of this station's village as the
 * CSV `hearth export` writes (without uid): the county registers people
 * from civil-affairs lists, the station keeps working on its own copy.
 * Each row goes through the one save path (forms/kind.h), so the hub's
 * records are checked by exactly the station's rules; a row they refuse
 * is reported with its line and skipped.  Per record and per column, a
 * three-way merge against the roster row last applied to that record
 * (its base, kept in table roster_base) decides (doc/sync.md "Roster"):
 *   no record here      the row is saved as a new record (and so queued
 *                       for the hub like any other);
 *   record and base     a column the roster changed and the station did
 *                       not takes the roster's value; a column the
 *                       station changed keeps it (a conflict when the
 *                       roster changed it too);
 *   record, no base     the station registered the person first: only
 *                       its empty columns are filled;
 *   deleted here        left deleted.
 * A record is saved only when a value changes (no outbox entry, no new
 * updated_at otherwise); the row then becomes the record's base.  The
 * whole roster, its bases and the new ETag are one transaction: a merge
 * that fails leaves records, bases and the old ETag as they were, so the
 * next sync downloads it again. */
#ifndef HEARTH_ROSTER_H
#define HEARTH_ROSTER_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/db.h"
#include "forms/kind.h"

/* created_by of the records a roster adds: they came from the county. */
#define ROSTER_LOGIN "hub"

struct roster_counts {
	long inserted;		/* new records */
	long updated;		/* records that took roster values */
	long unchanged;
	long kept;		/* records where a local edit was kept
				   against a change of the roster */
	long rejected;		/* rows the station's rules refused */
	long deleted;		/* rows of records deleted here: left so */
};

/* A refused row: its physical LINE (the header is 1) and why. */
typedef void (*roster_report_fn)(void *arg, size_t line, const char *why);

/* Merge the roster CSV[0..LEN) (UTF-8) of kind K (elders or children)
 * as LOGIN, and store ETAG ("" for none) as the roster's ETag, in one
 * transaction.  REPORT(ARG, line, why) for every refused row.  0 and
 * *COUNTS, or -1 and *CAUSE ("roster elders: ..."): nothing stored. */
int roster_merge(sqlite3 *db, const struct form_kind *k, const char *csv,
    size_t len, const char *etag, const char *login,
    struct roster_counts *counts, roster_report_fn report, void *arg,
    char **cause);

/* The last merge of K's roster, for `hearth status`. */
struct roster_last {
	char merged_at[HEARTH_TS_MAX];	/* "" when never merged */
	char checked_at[HEARTH_TS_MAX];	/* the hub's last 200 or 304 */
	struct roster_counts counts;	/* of the last merge */
};
void roster_last(sqlite3 *db, const struct form_kind *k,
    struct roster_last *last);

#endif
