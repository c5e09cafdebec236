/* wire.h: the batch format between a station and the county hub.
 *
 * A batch carries many records of any kind (elders, visits, meals, sites,
 * children, guidance; edits and soft deletes are records too: the whole
 * current row with its deleted flag), numbered per station, checksummed
 * and compressed.  Records travel as named text columns — the export
 * column names of `hearth export` (doc/csv.md) — so a hub can store what
 * it does not understand yet and an old kiosk and a newer hub still talk:
 * unknown columns are kept, missing ones are null.  The layout (columnar,
 * dictionary and delta coding, zlib) and its version rules are in
 * doc/sync.md.
 *
 * Decoding is defensive: every length is checked against the input and
 * against the caller's limits before anything is allocated, so a zip bomb
 * or a lying header fails with a message, never with memory exhausted. */
#ifndef HEARTH_WIRE_H
#define HEARTH_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_VERSION 1		/* the major version */
#define WIRE_VERSION_MINOR 0	/* additive changes within the major */

enum wire_kind {
	WIRE_ELDER = 1, WIRE_VISIT, WIRE_MEAL, WIRE_SITE, WIRE_CHILD,
	WIRE_GUIDANCE,
	WIRE_KIND_MAX = 63	/* kinds a newer station may send: kept, not lost */
};

/* "elder", "visit", ... ; NULL for a kind this program has no name for. */
const char *wire_kind_name(int kind);

struct wire_record {
	int kind;			/* enum wire_kind, or a newer one */
	const char *uid;		/* "STATION:SEQ" */
	bool deleted;
	size_t ncols;
	const char *const *names;	/* column names */
	const char *const *values;	/* UTF-8 text, NULL = null */
};

struct wire_batch_info {
	char station[16];
	uint64_t batch_no;		/* 1, 2, 3 ... per station */
	uint32_t version;		/* of the sender's format (major) */
	uint32_t nrecords;
	uint32_t checksum;		/* CRC-32 of the uncompressed payload */
	uint32_t version_minor;		/* of the sender's format */
};

/* Encoding: add records, then finish into one compressed buffer (malloc'd).
 * The encoder copies what it needs; the caller's strings may go away. */
struct wire_encoder;
struct wire_encoder *wire_encoder_new(const char *station, uint64_t batch_no);
int wire_encoder_add(struct wire_encoder *enc, const struct wire_record *r,
    char **cause);
size_t wire_encoder_count(const struct wire_encoder *enc);
int wire_encoder_finish(struct wire_encoder *enc, unsigned char **out,
    size_t *len, char **cause);
void wire_encoder_free(struct wire_encoder *enc);

struct wire_limits {
	size_t max_input;		/* compressed bytes */
	size_t max_payload;		/* after decompression */
	size_t max_records;
};

/* Read only the header (station, batch number, version) without
 * decompressing: a hub checks who is sending before doing any work.  IN
 * need only hold the header (its length is byte 6; doc/sync.md). */
int wire_peek(const unsigned char *in, size_t len,
    struct wire_batch_info *info, char **cause);

/* Decode IN, calling FN for each record in order (FN returns non-zero to
 * stop; that value is returned).  The record's strings live until FN
 * returns.  -1 and *CAUSE on malformed input, a failed checksum, a newer
 * major version, or a limit exceeded (*TOO_BIG set, may be NULL, so the
 * hub can answer 413 rather than 400).  The whole batch is checked before
 * FN is first called, so FN never sees part of a broken batch; FN may be
 * NULL to check only.  Records come kind by kind, kinds in the order they
 * were first added, records of a kind in the order they were added. */
int wire_decode(const unsigned char *in, size_t len,
    const struct wire_limits *lim, struct wire_batch_info *info,
    int (*fn)(const struct wire_record *r, void *arg), void *arg,
    bool *too_big, char **cause);

#endif
