/* sync-record.h: a stored record as `hearth sync` sends it.
 *
 * The outbox's source (core/outbox.h): the record of (kind, uid), deleted
 * or not, as named text columns.  For a kind of forms/kinds.c with a get
 * hook these are exactly the cells `hearth export` writes (one code path:
 * forms/export.c), an empty cell travelling as null as in NDJSON.  A kind
 * that has no form yet goes as its table row (every column but deleted;
 * a site with its subsidy tiers as one "tiers" text), so nothing saved
 * waits for a form to be written; once its form kind exists its records go
 * out with the export's columns, and the hub keeps both (wire columns are
 * only names).
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
