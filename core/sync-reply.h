/* sync-reply.h: the hub's small JSON answers, read strictly.
 *
 * The hub answers with one flat object (doc/hub.md): an ack
 * {"station":"LJC01","batch":3,"records":120,"stored":"new",...}, the
 * high-water mark {"station":"LJC01","batch":N} or an error
 * {"error":"..."}.  A reply that is not exactly such an object — cut off
 * by a dropped link, a proxy's HTML page — is refused as a whole, so a
 * truncated ack is never taken for an ack.  Only strings (simple escapes;
 * \u escapes of ASCII), non-negative integers, null, true and false are
 * accepted as values; nesting is not. */
#ifndef HEARTH_SYNC_REPLY_H
#define HEARTH_SYNC_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sync_reply {
	char station[16];	/* "" when absent */
	bool has_batch;
	uint64_t batch;
	uint64_t records;
	bool has_seq;
	uint64_t seq;		/* high-water: the hub's highest record number */
	char stored[16];	/* "new", "duplicate"; "" when absent */
	char error[256];	/* "" when absent */
};

/* Parse BODY[0..LEN): 0, or -1 when it is not one flat JSON object. */
int sync_reply_parse(const char *body, size_t len, struct sync_reply *out);

#endif
