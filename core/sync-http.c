/* sync-http.c: libcurl with the options a flaky village link needs. */
#include "core/sync-http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/curl-load.h"
#include "core/err.h"
#include "core/i18n.h"

/* libcurl's functions (core/curl-load.h), set by the first
 * sync_http_new(); nothing here runs before one. */
static const struct curl_api *C;

#define REPLY_MAX (64 * 1024)	/* the hub's answers are a few hundred bytes */

struct sync_http {
	CURL *curl;
	char *base;
	char *auth;		/* "Authorization: Bearer ..." */
};

struct sink {
	struct sync_http_reply *rep;
	size_t cap;		/* allocated for the body */
	size_t max;		/* decoded bytes taken */
	bool headers_done;	/* the blank line after the headers came */
};

static size_t
sink_write(char *data, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n, want;
	char *grown;

	if (len > s->max - s->rep->len) {
		/* Not an answer this program asked for: stop reading (the
		 * decoded bytes count, so a gzip bomb stops here too). */
		s->rep->too_big = true;
		return 0;
	}
	if (s->rep->len + len + 1 > s->cap) {
		/* Doubling: a roster of megabytes in 16 KiB pieces must not
		 * be copied over and over. */
		want = s->cap > 0 ? s->cap : 1024;
		while (want < s->rep->len + len + 1)
			want *= 2;
		if (want > s->max + 1)
			want = s->max + 1;
		if ((grown = realloc(s->rep->body, want)) == NULL)
			return 0;
		s->rep->body = grown;
		s->cap = want;
	}
	memcpy(s->rep->body + s->rep->len, data, len);
	s->rep->len += len;
	s->rep->body[s->rep->len] = '\0';
	return len;
}

/* An ETag this program keeps and sends back: visible ASCII only (no
 * space, no line break: it goes into a header line as is), LEN bytes,
 * shorter than SYNC_HTTP_ETAG_MAX. */
static bool
etag_usable(const char *v, size_t len)
{
	size_t i;

	if (len == 0 || len >= SYNC_HTTP_ETAG_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (v[i] <= ' ' || v[i] > '~')
			return false;
	return true;
}

/* Header lines: keep a usable ETag, and see the blank line that ends the
 * header block.  Every status line starts afresh (a 100 Continue before
 * the answer). */
static size_t
sink_header(char *data, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n, vlen;
	const char *v;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		s->rep->etag[0] = '\0';
		s->headers_done = false;
		return len;
	}
	if ((len == 2 && data[0] == '\r' && data[1] == '\n') ||
	    (len == 1 && data[0] == '\n')) {
		s->headers_done = true;
		return len;
	}
	if (len < 5 || strncasecmp(data, "etag:", 5) != 0)
		return len;
	v = data + 5;
	vlen = len - 5;
	while (vlen > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vlen--;
	}
	while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' ||
	    v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (!etag_usable(v, vlen))
		return len;
	memcpy(s->rep->etag, v, vlen);
	s->rep->etag[vlen] = '\0';
	return len;
}

struct sync_http *
sync_http_new(const char *base, const char *token, char **cause)
{
	struct sync_http *h;
	size_t n;

	if (strncmp(base, "http://", 7) != 0 &&
	    strncmp(base, "https://", 8) != 0) {
		err_set(cause, _("the hub address must start with http:// or "
		    "https://: %s"), base);
		return NULL;
	}
	if (C == NULL && (C = curl_load(cause)) == NULL)
		return NULL;
	if (C->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (h = calloc(1, sizeof *h)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return NULL;
	}
	h->base = strdup(base);
	h->auth = err_fmt("Authorization: Bearer %s", token);
	h->curl = C->easy_init();
	if (h->base == NULL || h->auth == NULL || h->curl == NULL) {
		sync_http_free(h);
		err_set(cause, "%s", _("out of memory"));
		return NULL;
	}
	n = strlen(h->base);
	while (n > 0 && h->base[n - 1] == '/')
		h->base[--n] = '\0';
	return h;
}

void
sync_http_free(struct sync_http *h)
{
	if (h == NULL)
		return;
	if (h->curl != NULL)
		C->easy_cleanup(h->curl);
	if (h->auth != NULL) {
		/* The token is a secret: do not leave it in freed memory. */
		memset(h->auth, 0, strlen(h->auth));
		free(h->auth);
	}
	free(h->base);
	free(h);
	C->global_cleanup();
}

void
sync_http_reply_clear(struct sync_http_reply *rep)
{
	free(rep->body);
	memset(rep, 0, sizeof *rep);
}

/* CURLOPT_LOW_SPEED_TIME: 60 s, or HEARTH_SYNC_LOW_SPEED_TIME (1..600
 * seconds).  The override is for tests only (tests/sync/test-flaky.sh),
 * so a stalled request is given up in seconds, not a minute. */
static long
low_speed_time(void)
{
	const char *v = getenv("HEARTH_SYNC_LOW_SPEED_TIME");
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return 60L;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 1 && n <= 600 ? n : 60L;
}

/* One request.  MAX caps the decoded body; DECODE asks for compression
 * (Accept-Encoding with what libcurl can decode, which it then undoes). */
static int
perform(struct sync_http *h, const char *path, struct curl_slist *hdrs,
    size_t max, bool decode, struct sync_http_reply *rep)
{
	struct sink sink = { rep, 0, max, false };
	char *url;
	CURLcode rc;

	memset(rep, 0, sizeof *rep);
	if ((url = err_fmt("%s%s", h->base, path)) == NULL) {
		snprintf(rep->error, sizeof rep->error, "out of memory");
		return -1;
	}
	C->easy_setopt(h->curl, CURLOPT_URL, url);
	C->easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdrs);
	C->easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, sink_write);
	C->easy_setopt(h->curl, CURLOPT_WRITEDATA, &sink);
	C->easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, sink_header);
	C->easy_setopt(h->curl, CURLOPT_HEADERDATA, &sink);
	/* "" = every coding this libcurl decodes; NULL = none asked for
	 * (the connection is reused: each request says which it wants). */
	C->easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, decode ? "" : NULL);
	C->easy_setopt(h->curl, CURLOPT_ERRORBUFFER, rep->error);
	C->easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
	C->easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT, 20L);
	/* Under 100 bytes/s for 60 s is a stalled link, not a slow one. */
	C->easy_setopt(h->curl, CURLOPT_LOW_SPEED_LIMIT, 100L);
	C->easy_setopt(h->curl, CURLOPT_LOW_SPEED_TIME, low_speed_time());
	C->easy_setopt(h->curl, CURLOPT_TCP_KEEPALIVE, 1L);
	C->easy_setopt(h->curl, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_1_1);
	C->easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 0L);
	C->easy_setopt(h->curl, CURLOPT_USERAGENT, "hearth-sync");
	rc = C->easy_perform(h->curl);
	free(url);
	/* The sink lives on this stack: no later request may point at it. */
	C->easy_setopt(h->curl, CURLOPT_WRITEDATA, NULL);
	C->easy_setopt(h->curl, CURLOPT_HEADERDATA, NULL);
	C->easy_setopt(h->curl, CURLOPT_ERRORBUFFER, NULL);
	if (rc != CURLE_OK) {
		if (rep->too_big)
			snprintf(rep->error, sizeof rep->error,
			    "the answer is larger than %zu bytes", max);
		else if (rep->error[0] == '\0')
			snprintf(rep->error, sizeof rep->error, "%s",
			    C->easy_strerror(rc));
		rep->status = 0;
		rep->etag[0] = '\0';
		return 0;
	}
	if (!sink.headers_done) {
		/* libcurl takes a connection closed inside the header block
		 * for an answer without a body (seen through faultproxy's
		 * truncate-reply): a "200" with nothing is not the hub's. */
		snprintf(rep->error, sizeof rep->error, "%s",
		    "the answer was cut off in its headers");
		rep->status = 0;
		rep->etag[0] = '\0';
		return 0;
	}
	C->easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &rep->status);
	return 0;
}

int
sync_http_get(struct sync_http *h, const char *path,
    struct sync_http_reply *rep)
{
	struct curl_slist *hdrs;
	int rc;

	hdrs = C->slist_append(NULL, h->auth);
	C->easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
	rc = perform(h, path, hdrs, REPLY_MAX, false, rep);
	C->slist_free_all(hdrs);
	return rc;
}

int
sync_http_fetch(struct sync_http *h, const char *path, const char *etag,
    size_t max, struct sync_http_reply *rep)
{
	struct curl_slist *hdrs;
	char *match = NULL;
	int rc;

	hdrs = C->slist_append(NULL, h->auth);
	if (etag != NULL && etag_usable(etag, strlen(etag))) {
		if ((match = err_fmt("If-None-Match: %s", etag)) == NULL) {
			C->slist_free_all(hdrs);
			memset(rep, 0, sizeof *rep);
			snprintf(rep->error, sizeof rep->error,
			    "out of memory");
			return -1;
		}
		hdrs = C->slist_append(hdrs, match);
		free(match);
	}
	C->easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
	rc = perform(h, path, hdrs, max, true, rep);
	C->slist_free_all(hdrs);
	return rc;
}

int
sync_http_post(struct sync_http *h, const char *path,
    const unsigned char *body, size_t len, long backlog,
    struct sync_http_reply *rep)
{
	struct curl_slist *hdrs = NULL;
	char sent[64], left[64];
	int rc;

	snprintf(sent, sizeof sent, "X-Hearth-Sent-At: %lld",
	    (long long)time(NULL));
	snprintf(left, sizeof left, "X-Hearth-Backlog: %ld", backlog);
	hdrs = C->slist_append(hdrs, h->auth);
	hdrs = C->slist_append(hdrs, "Content-Type: application/octet-stream");
	hdrs = C->slist_append(hdrs, "Expect:");
	hdrs = C->slist_append(hdrs, sent);
	hdrs = C->slist_append(hdrs, left);
	C->easy_setopt(h->curl, CURLOPT_POST, 1L);
	C->easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
	C->easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)len);
	rc = perform(h, path, hdrs, REPLY_MAX, false, rep);
	C->slist_free_all(hdrs);
	/* The body is the caller's: no later request may point at it. */
	C->easy_setopt(h->curl, CURLOPT_POSTFIELDS, NULL);
	return rc;
}
