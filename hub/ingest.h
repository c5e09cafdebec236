/* ingest.h: one uploaded batch, from body bytes to an ack.
 *
 * No HTTP here (hub/http.c collects the body and sends the reply), so the
 * rules read in one place:
 *   1. wire_peek: the header must parse and name the token's station
 *      (400 / 403), before any decompression;
 *   2. station + batch number already stored: the same bytes are acked
 *      again as "duplicate" without decoding (a retry after a lost ack);
 *      other bytes are 409, since a batch once cut is frozen (FIELD-NOTES,
 *      ODK's 409) and the station must not renumber silently;
 *   3. decode within the limits (413 when a limit is hit: a zip bomb stops
 *      at max_payload), check every record, store it inside the batch's
 *      transaction, commit, ack "new".  Any failure stores nothing.
 * Records are checked for shape, not content: the uid belongs to the
 * sending station ("CODE:SEQ"), column names are [a-z0-9_], values are
 * UTF-8, updated_at (when given) is "YYYY-MM-DD HH:MM:SS".  Field rules are
 * the station's (the same core/ code made them); refusing a batch over one
 * field would block that station's queue forever.
 * A store failure (busy, disk full) is 503: nothing was stored, retry. */
#ifndef HEARTH_HUB_INGEST_H
#define HEARTH_HUB_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/wire.h"
#include "hub/store.h"

struct ingest_request {
	const unsigned char *body;
	size_t len;
	bool has_sent_at;	/* X-Hearth-Sent-At was given */
	int64_t sent_at;	/* station clock, Unix seconds */
	int64_t backlog;	/* X-Hearth-Backlog, -1 when not given */
	int64_t now;		/* hub clock, Unix seconds */
};

struct ingest_reply {
	unsigned status;	/* HTTP status */
	char *json;		/* malloc'd body; NULL when out of memory */
	bool stored;		/* a new batch was committed */
	uint64_t batch_no;	/* as the header said, 0 if unreadable */
	uint32_t records;
};

/* Store REQ's batch for station WHO within LIM; fills *REP. */
void ingest_batch(struct store *st, const struct store_principal *who,
    const struct wire_limits *lim, const struct ingest_request *req,
    struct ingest_reply *rep);

#endif
