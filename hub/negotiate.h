/* negotiate.h: what a GET answer may be, as the client asked: conditional
 * (ETag, If-None-Match: 304 when nothing changed) and compressed (gzip
 * when Accept-Encoding allows it).  The roster uses them (hub/roster.c);
 * the county-staff listings will.  No HTTP library here: header values
 * in, decisions and bytes out.
 *
 * The ETag is weak, W/"<hex of BLAKE2b-128 of the uncompressed body>":
 * the same body has the same tag whatever its encoding (RFC 9110 8.8.1),
 * so a gzip and a plain client share it. */
#ifndef HEARTH_HUB_NEGOTIATE_H
#define HEARTH_HUB_NEGOTIATE_H

#include <stdbool.h>
#include <stddef.h>

#define NEGOTIATE_ETAG_BYTES 16
#define NEGOTIATE_ETAG_MAX (2 * NEGOTIATE_ETAG_BYTES + 5)	/* W/"", NUL */

/* The ETag of BODY[0..LEN) into ETAG. */
void negotiate_etag(const char *body, size_t len,
    char etag[NEGOTIATE_ETAG_MAX]);

/* Does the If-None-Match value HEADER name ETAG (W/"..."), by the weak
 * comparison (RFC 9110 13.1.2: W/ ignored), in a list, or as "*"? */
bool negotiate_etag_matches(const char *header, const char *etag);

/* Does the Accept-Encoding value HEADER let the hub send gzip?  gzip (or
 * x-gzip) with a non-zero q, else "*" with one (RFC 9110 12.5.3). */
bool negotiate_accepts_gzip(const char *header);

/* IN[0..LEN) as one gzip member into *OUT (malloc'd, *OUTLEN bytes): 0,
 * or -1 (out of memory). */
int negotiate_gzip(const char *in, size_t len, char **out, size_t *outlen);

#endif
