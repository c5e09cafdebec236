/* sync-http.h: one HTTP connection to the hub, through libcurl.
 *
 * The options FIELD-NOTES asks for, in one place: connect timeout 20 s,
 * no total timeout but a low-speed limit (a slow village link keeps
 * going; a stalled one is dropped after a minute), TCP keepalive,
 * HTTP/1.1 (libmicrohttpd), no "Expect: 100-continue" wait, no redirects
 * (a bearer token must not follow one), no signals.  The connection is
 * reused between requests.  Nothing is printed: a request ends with the
 * HTTP status and the body, or status 0 and what went wrong (retryable:
 * the caller decides).  The URL is all a test needs to put a proxy
 * between station and hub.
 *
 * The hub's answers to uploads are a few hundred bytes and are read up to
 * 64 KiB.  A roster (sync_http_fetch) is the one large answer: it is
 * asked for compressed and conditionally (ETag), and read up to a cap the
 * caller gives, counted on the decoded bytes, so a small compressed body
 * that inflates without end (a "gzip bomb") stops at the cap too. */
#ifndef HEARTH_SYNC_HTTP_H
#define HEARTH_SYNC_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sync_http;

#define SYNC_HTTP_ETAG_MAX 128	/* longer ETags are not kept */

struct sync_http_reply {
	long status;		/* 0: no HTTP answer (see error) */
	char *body;		/* malloc'd, NUL-terminated, decoded; at most
				   64 KiB, or sync_http_fetch's MAX bytes */
	size_t len;
	/* The answer's ETag header as sent (W/"..." included), "" when it
	 * had none or one that is not a printable token (never sent back,
	 * so nothing the hub says can add a header line). */
	char etag[SYNC_HTTP_ETAG_MAX];
	bool too_big;		/* status 0: the body went past the cap */
	char error[256];	/* the transport error when status is 0 */
};

/* BASE "http://host:port" (a trailing slash is fine), TOKEN the station's
 * bearer token.  NULL and *CAUSE. */
struct sync_http *sync_http_new(const char *base, const char *token,
    char **cause);
void sync_http_free(struct sync_http *h);

/* GET PATH ("/api/v1/high-water"). */
int sync_http_get(struct sync_http *h, const char *path,
    struct sync_http_reply *rep);
/* POST BODY to PATH with X-Hearth-Sent-At (now) and X-Hearth-Backlog. */
int sync_http_post(struct sync_http *h, const char *path,
    const unsigned char *body, size_t len, long backlog,
    struct sync_http_reply *rep);
/* GET PATH conditionally: If-None-Match: ETAG (NULL or "": not sent),
 * Accept-Encoding for every coding libcurl decodes, the decoded body read
 * up to MAX bytes (past it: status 0, too_big and an error naming the
 * cap).  200: body and etag; 304: no body, the stored copy is current. */
int sync_http_fetch(struct sync_http *h, const char *path, const char *etag,
    size_t max, struct sync_http_reply *rep);
void sync_http_reply_clear(struct sync_http_reply *rep);

#endif
