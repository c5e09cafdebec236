/* reply.h: the JSON bodies hearth-hub answers with.
 *
 * Every error is {"error": "..."} (SPEC); an upload is acknowledged with
 * {"station": ..., "batch": N, "records": N, "stored": "new"|"duplicate",
 * "received_at": ...}.  Each returns a malloc'd, newline-ended JSON text,
 * or NULL when out of memory (the HTTP layer then sends a fixed 500). */
#ifndef HEARTH_HUB_REPLY_H
#define HEARTH_HUB_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

char *reply_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *reply_ack(const char *station, uint64_t batch_no, uint32_t records,
    bool duplicate, const char *received_at);
/* {"station": ..., "batch": N, "seq": S}: a station's high-water mark
 * and the highest record number the hub holds from it. */
char *reply_high_water(const char *station, uint64_t batch_no,
    uint64_t max_seq);
/* {"status": "ok"} for /healthz. */
char *reply_ok(void);

/* A roster import (hub/roster.c): what it did, or the rows that stopped
 * it: {"error":"N rows rejected","rejected":[{"line":L,"reason":"..."},
 * ...]} listing the first N of TOTAL. */
char *reply_roster_counts(size_t inserted, size_t updated, size_t unchanged,
    bool dry_run);
struct reply_reject {
	size_t line;
	const char *reason;
};
char *reply_rejected(size_t total, const struct reply_reject *rows,
    size_t n);

#endif
