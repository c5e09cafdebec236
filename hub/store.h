/* store.h: everything hearth-hub keeps, behind one narrow interface.
 *
 * The hub's storage is an opaque handle and these functions; nothing else
 * in hub/ knows it is SQLite (hub/store-sqlite.c is the only file that
 * does), so a PostgreSQL backend for a province is one more file.
 *
 * What is kept: stations (code, name, division, the hash of their upload
 * token), staff tokens (name, role, hash), batches (station + batch number
 * is the unique key: "batch seen"), the records of each batch exactly as
 * they arrived (named text columns, struct wire_record), and the county's
 * roster of elders and children (below).  Nothing is counted or merged on
 * the way in: the current state of a record (one row
 * per uid, latest updated_at wins, then the later batch, then the later
 * record in the batch), a station's high-water mark and its last upload are
 * all derived from the stored rows when asked (FIELD-NOTES: counters
 * incremented per request are how other systems double-counted).
 *
 * A batch is stored in one transaction: store_batch_begin() checks "seen"
 * and opens it, store_batch_add() adds records, store_batch_commit()
 * returns only once the whole batch is on disk (the hub acks after it), and
 * store_batch_abort() leaves nothing behind.  One batch at a time per
 * handle; a handle is used by one thread at a time.
 *
 * Errors follow the char **cause convention (core/err.h): -1 and a
 * malloc'd message.  A failed write (busy, disk full) is worth retrying;
 * the HTTP layer answers 503 for it. */
#ifndef HEARTH_HUB_STORE_H
#define HEARTH_HUB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/wire.h"

#define STORE_HASH_LEN 32	/* BLAKE2b-256 of a token or a batch */
#define STORE_NAME_MAX 64	/* station code or token name, with NUL */
#define STORE_TIME_MAX 21	/* "YYYY-MM-DDTHH:MM:SSZ", UTC */

struct store;

/* Open the hub database at PATH; CREATE makes it (mode 0600) when missing,
 * otherwise a missing file is an error naming `hearth-hub init`.  The
 * schema is migrated to this program's version; a newer one is refused. */
struct store *store_open(const char *path, bool create, char **cause);
void store_close(struct store *st);

/* A cheap read that proves the database answers (/healthz). */
int store_ping(struct store *st, char **cause);

/* Who a token belongs to. */
enum store_role { STORE_STATION = 1, STORE_STAFF, STORE_ADMIN };
struct store_principal {
	enum store_role role;
	char name[STORE_NAME_MAX];	/* station code or token name */
	unsigned char hash[STORE_HASH_LEN];	/* as stored */
};

/* Add a station or a staff token with the hash of its token.  An existing
 * code or name is an error (nothing is replaced). */
int store_station_add(struct store *st, const char *code, const char *name,
    const char *division_code, const unsigned char hash[STORE_HASH_LEN],
    char **cause);
int store_token_add(struct store *st, const char *name, enum store_role role,
    const unsigned char hash[STORE_HASH_LEN], char **cause);

/* The station or token whose hash is HASH: 1 and *WHO filled, 0 when
 * there is none, -1 on error.  The caller compares WHO->hash with
 * sodium_memcmp (the lookup itself is by index). */
int store_principal_find(struct store *st,
    const unsigned char hash[STORE_HASH_LEN], struct store_principal *who,
    char **cause);

/* One uploaded batch, as the hub received it. */
struct store_batch {
	const char *station;
	uint64_t batch_no;
	unsigned char hash[STORE_HASH_LEN];	/* of the body as sent */
	size_t bytes;				/* body length */
	char received_at[STORE_TIME_MAX];	/* hub clock, UTC */
	bool has_sent_at;
	int64_t sent_at;	/* station clock at sending, Unix seconds */
	int64_t backlog;	/* batches still waiting at the station, -1 */
};

enum store_seen {
	STORE_SEEN_NONE,	/* new: a transaction is now open */
	STORE_SEEN_SAME,	/* stored before with the same bytes */
	STORE_SEEN_DIFFERENT,	/* stored before with other bytes */
};

/* Check whether B's (station, batch number) is stored; if not, open the
 * transaction that will store it.  For SAME and DIFFERENT nothing is open
 * and *RECORDS is the stored batch's record count. */
int store_batch_begin(struct store *st, const struct store_batch *b,
    enum store_seen *seen, uint32_t *records, char **cause);
/* Add the next record of the open batch.  UPDATED_AT may be NULL. */
int store_batch_add(struct store *st, const struct wire_record *r,
    const char *updated_at, char **cause);
/* Commit: 0 only when the batch and its records are durable.  On -1 the
 * batch is not stored (nothing to abort). */
int store_batch_commit(struct store *st, uint32_t *records, char **cause);
void store_batch_abort(struct store *st);

/* The highest batch number stored for STATION, 0 when none; and, when
 * MAX_SEQ is not NULL, the highest record number (the SEQ of its uids
 * "STATION:SEQ") among them, 0 when none: a station restored from an
 * older backup numbers its next records above it. */
int store_high_water(struct store *st, const char *station,
    uint64_t *batch_no, uint64_t *max_seq, char **cause);

/* The current rows of one kind: each uid once (its latest version), the
 * deleted ones left out, in arrival order.  FN gets each in turn with the
 * batch it came in; a non-zero return stops and is returned.  The record
 * and strings live until FN returns. */
struct store_row {
	const struct wire_record *rec;
	const char *station;
	uint64_t batch_no;
	const char *received_at;
};
struct store_filter {
	const char *station;	/* NULL: every station */
};
int store_each_current(struct store *st, int kind,
    const struct store_filter *filter,
    int (*fn)(const struct store_row *row, void *arg), void *arg,
    char **cause);

/* The current value of column COLUMN of the latest record of KIND whose
 * id_number (for elders and children) is ID_NUMBER, or whose uid is UID
 * (give one, the other NULL): exports join visits to elders by ID number
 * and guidance to children by uid.  Returns a malloc'd string, or NULL
 * when there is none (or on error: a name is decoration, not data). */
char *store_lookup(struct store *st, int kind, const char *id_number,
    const char *uid, const char *column);

/* Every station with what its uploads say: high-water mark, batches,
 * records, the last upload (UTC), and the clock skew and backlog that
 * upload reported. */
struct store_station_info {
	const char *code, *name, *division_code;
	uint64_t high_water;
	uint64_t batches, records;
	const char *last_received_at;	/* NULL: never uploaded */
	bool has_skew;
	int64_t skew_s;		/* station clock minus hub clock */
	int64_t backlog;	/* -1: not reported */
};
int store_each_station(struct store *st,
    int (*fn)(const struct store_station_info *info, void *arg), void *arg,
    char **cause);

/* The division code of station CODE into OUT: 1, 0 when there is no such
 * station, -1 and *CAUSE. */
int store_station_division(struct store *st, const char *code,
    char out[13], char **cause);

/* ---- The roster (doc/hub.md, "Roster") ----
 *
 * The county's register of elders and children, from civil affairs lists:
 * one row per (kind, natural key) with the division code it belongs to and
 * its named text columns, kept as they were put (no uid: these are not a
 * station's records).  What a key is and how rows are merged is the
 * caller's (hub/roster.c); the store upserts, and says whether anything
 * changed.  ALT_KEY is a second key a row is also known by (a child with
 * an ID number by its name + birth date + caregiver), NULL for none.
 *
 * One import is one transaction: store_roster_begin(), any number of
 * get/put, then store_roster_commit() (durable when it returns 0) or
 * store_roster_abort() (nothing stored).  Not inside a batch. */
struct store_roster_row {
	int kind;			/* enum wire_kind */
	const char *key;
	const char *alt_key;		/* NULL: none */
	const char *division_code;	/* 12 digits */
	const struct wire_record *rec;	/* the columns; uid, deleted unused */
};

enum store_put { STORE_PUT_INSERTED, STORE_PUT_UPDATED, STORE_PUT_UNCHANGED };

int store_roster_begin(struct store *st, char **cause);
/* The row of KIND whose key (BY_ALT: whose alt_key) is KEY, handed to FN
 * (valid until it returns): 1 found (or FN's non-zero return), 0 none,
 * -1 and *CAUSE. */
int store_roster_get(struct store *st, int kind, const char *key,
    bool by_alt, int (*fn)(const struct store_roster_row *row, void *arg),
    void *arg, char **cause);
/* Insert ROW, or replace the row with its (kind, key).  REPLACES, when not
 * NULL, is the key the same person was stored under until now (a child
 * whose ID number became known): that row is the one replaced.  *RESULT is
 * UNCHANGED, and nothing is written, when the stored row has the same
 * division, alt_key and columns (names, order and texts). */
int store_roster_put(struct store *st, const struct store_roster_row *row,
    const char *replaces, enum store_put *result, char **cause);
int store_roster_commit(struct store *st, char **cause);
void store_roster_abort(struct store *st);

/* Every row of KIND whose division_code starts with DIVISION_PREFIX (its
 * digits; NULL: all), in key order (bytewise), each to FN; a non-zero
 * return stops and is returned.  The prefix is looked up as a range of
 * the (kind, division_code) index, never by a scan of the table. */
int store_each_roster(struct store *st, int kind, const char *division_prefix,
    int (*fn)(const struct store_roster_row *row, void *arg), void *arg,
    char **cause);

#endif
