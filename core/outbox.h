/* outbox.h: what this station still owes the county hub.
 *
 * Triggers (schema version 3, doc/storage.md) queue (kind, uid) in the
 * transaction of every save.  outbox_cut() turns the oldest pending
 * entries into one batch (core/wire.h) — reading each record as it is
 * now, through the caller's source — and stores its bytes and number
 * before anything is sent.  A cut batch is frozen: it is sent as exactly
 * those bytes until the hub acks it (doc/hub.md: other bytes under the
 * same number are 409).  Only a batch the hub refused as too big (413),
 * and so never stored, is given up (outbox_void): its records go back to
 * the queue and are cut again, smaller, under new numbers.
 *
 * States of a batch: cut (frozen, not acknowledged: "in flight" after a
 * crash means exactly this), acked (bytes dropped, the row kept as
 * history and to number the next batch), void (refused as too big).
 * Every function is one transaction, so a power cut leaves the state
 * before or after it.  No network here: core/sync.c drives it. */
#ifndef HEARTH_OUTBOX_H
#define HEARTH_OUTBOX_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/wire.h"

/* The current row of (KIND, UID) as named text columns into *R (its
 * strings owned by the source until its next call): 0, 1 when there is no
 * such record (the entry is dropped), or -1 and *CAUSE. */
typedef int (*outbox_source_fn)(void *arg, sqlite3 *db, int kind,
    const char *uid, struct wire_record *r, char **cause);

struct outbox_limits {
	size_t max_records;	/* per batch, >= 1 */
	size_t max_bytes;	/* encoded size of a batch of two or more */
};

#define OUTBOX_MAX_RECORDS 2000
/* Under the hub's 8 MiB default and under the 1 MiB at which libcurl
 * would wait for "100-continue". */
#define OUTBOX_MAX_BYTES (768u * 1024u)

/* Cut the next batch from the pending entries, oldest first, within LIM:
 * 1 and *BATCH_NO when one was cut, 0 when nothing is pending, -1 and
 * *CAUSE.  A single record bigger than max_bytes still makes a batch of
 * one (the hub's limit decides). */
int outbox_cut(sqlite3 *db, const struct outbox_limits *lim,
    outbox_source_fn source, void *arg, uint64_t *batch_no, char **cause);

struct outbox_batch {
	uint64_t batch_no;
	unsigned char *bytes;	/* malloc'd: the frozen bytes */
	size_t len;
	uint32_t records;
};

/* The oldest batch not acknowledged: 1 and *B (free with
 * outbox_batch_clear), 0 when none, -1 and *CAUSE. */
int outbox_next(sqlite3 *db, struct outbox_batch *b, char **cause);
void outbox_batch_clear(struct outbox_batch *b);

/* The hub stored BATCH_NO: acked, its bytes and entries dropped.  0 or -1
 * and *CAUSE; acking an acked batch again is 0. */
int outbox_ack(sqlite3 *db, uint64_t batch_no, char **cause);

/* The hub refused BATCH_NO as too big (413), so it stored nothing under
 * that number: the batch becomes void and its records pending again, in
 * their old places (an entry that was pending again since, after an
 * edit, gives way to the older one).  The number is never used again. */
int outbox_void(sqlite3 *db, uint64_t batch_no, char **cause);

/* The hub's high-water mark HW (last batch it stored for this station):
 * cut batches <= HW are acked (their ack was lost).  If the hub knows
 * numbers this file never cut (a station restored from a backup or set up
 * again under its old code), the batches not acknowledged are made void
 * (their records are cut again) and new numbers start above HW: nothing
 * is lost, and no number is sent with other bytes.  *RESET (may be NULL)
 * tells which happened.  If instead the hub is behind (HW below batches
 * this file had acked: a hub restored from an older backup lost them),
 * every record is queued again, once per such HW, and *REQUEUED (may be
 * NULL) says how many.  0 or -1 and *CAUSE. */
int outbox_high_water(sqlite3 *db, uint64_t hw, int *reset, long *requeued,
    char **cause);

struct outbox_status {
	long pending;		/* records waiting to be cut */
	long unacked;		/* batches cut, not acknowledged */
	long unacked_records;	/* records in those */
	uint64_t last_acked;	/* batch number, 0 = none yet */
	char last_acked_at[HEARTH_TS_MAX];	/* "" = none */
};
int outbox_status(sqlite3 *db, struct outbox_status *st, char **cause);

#endif
