/* http.h: the hub's HTTP server (libmicrohttpd), routes and limits.
 *
 * One internal polling thread serves every connection, so requests reach
 * the store one at a time (SQLite has one writer anyway, and the store
 * handle needs no lock).  The body of an upload is bounded before it is
 * read: a Content-Length over max_body gets 413 at once (nothing is read);
 * a chunked body is counted as it comes, kept up to max_body and then
 * discarded (413 at its end), and a sender that goes on past twice the
 * limit is disconnected.  Decompression is bounded by max_payload and
 * max_records (core/wire.h), so a zip bomb is 413 too.  Connections are
 * capped in number, per IP, in idle time and in MHD's per-connection
 * memory (doc/hub.md has the numbers and the reasons).
 *
 * Routes (doc/hub.md): GET /healthz; POST /api/v1/batches and GET
 * /api/v1/high-water with a station token; GET /api/v1/stations and
 * /api/v1/{elders,visits,meals,children,guidance} with a staff or admin
 * token; GET /api/v1/roster with any token (a station gets its own
 * division's rows), POST /api/v1/roster with an admin token (a CSV file
 * of at most CSV_MAX_FILE bytes, bounded as uploads are).  Every error is
 * JSON {"error": "..."}. */
#ifndef HEARTH_HUB_HTTP_H
#define HEARTH_HUB_HTTP_H

#include <stddef.h>

#include "hub/store.h"

struct http_limits {
	size_t max_body;		/* compressed bytes of one upload */
	size_t max_payload;		/* the same, decompressed */
	size_t max_records;		/* records in one batch */
	unsigned connections;		/* at once, in all */
	unsigned per_ip;		/* at once, from one address */
	unsigned idle_timeout;		/* seconds without a byte */
};

/* The limits doc/hub.md describes. */
void http_limits_default(struct http_limits *lim);

struct http_server;

/* Listen on LISTEN ("ADDR:PORT", "[V6ADDR]:PORT"; port 0 picks a free
 * one) and serve from ST in a thread of libmicrohttpd's.  NULL and *CAUSE
 * when the address is bad or taken. */
struct http_server *http_start(struct store *st, const char *listen,
    const struct http_limits *lim, char **cause);

/* The port actually bound (useful after port 0). */
unsigned http_port(const struct http_server *srv);

/* Stop serving: in-flight requests end first.  ST stays open. */
void http_stop(struct http_server *srv);

#endif
