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
 * between station and hub. */
#ifndef HEARTH_SYNC_HTTP_H
#define HEARTH_SYNC_HTTP_H

#include <stddef.h>
#include <stdint.h>

struct sync_http;

struct sync_http_reply {
	long status;		/* 0: no HTTP answer (see error) */
	char *body;		/* malloc'd, NUL-terminated; at most 64 KiB */
	size_t len;
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
void sync_http_reply_clear(struct sync_http_reply *rep);

#endif
