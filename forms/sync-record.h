/* sync-record.h: a stored record as `hearth sync` sends it.
 *
 * The outbox's source (core/outbox.h): the record of (kind, uid), deleted
 * or not, as named text columns: exactly the cells `hearth export` writes
 * (one code path: forms/export.c, through the kind's get hook), an empty
 * cell travelling as null as in NDJSON.  Every wire kind has a form kind
 * with a get hook (elders, visits, meals, sites, children, guidance); a
 * kind queued without one stops the cut with an error rather than send
 * something the hub's listings cannot read.  (Stations before this sent
 * meals, sites, children and guidance as their table rows; the hub keeps
 * whatever columns came, and a record's next edit replaces them.)
 *
 * References (a visit's elder ID number and name) are read once per
 * sync_record, lazily, so make one per cut: inside the cut's transaction
 * they are the ones the records point at. */
#ifndef HEARTH_SYNC_RECORD_H
#define HEARTH_SYNC_RECORD_H

#include <sqlite3.h>

#include "core/wire.h"

struct sync_record;

struct sync_record *sync_record_new(void);	/* NULL: out of memory */
void sync_record_free(struct sync_record *s);

/* An outbox_source_fn (ARG a struct sync_record *). */
int sync_record_load(void *arg, sqlite3 *db, int kind, const char *uid,
    struct wire_record *r, char **cause);

#endif
