/* http.c: libmicrohttpd glue: routes, body limits, replies (http.h). */
#define _GNU_SOURCE
#include "hub/http.h"

#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/textenc.h"
#include "hub/auth.h"
#include "hub/ingest.h"
#include "hub/listing.h"
#include "hub/reply.h"
#include "hub/roster.h"

#define CT_JSON "application/json; charset=utf-8"
#define CT_CSV "text/csv; charset=utf-8"
#define CT_NDJSON "application/x-ndjson; charset=utf-8"

struct http_server {
	struct MHD_Daemon *daemon;
	struct store *st;
	struct http_limits lim;
	struct sockaddr_storage addr;
};

enum route {
	ROUTE_NONE, ROUTE_HEALTH, ROUTE_BATCHES, ROUTE_HIGH_WATER,
	ROUTE_STATIONS, ROUTE_RECORDS, ROUTE_ROSTER,
};

/* A roster POST is a county's CSV file, which `hearth-hub roster import`
 * and `hearth import` take up to CSV_MAX_FILE: the same cap here, so a
 * file one takes the other takes too.  Only an admin gets this far. */
#define ROSTER_MAX_BODY ((size_t)CSV_MAX_FILE)

/* One request, from its first call to MHD's "completed". */
struct request {
	enum route route;
	int kind;			/* ROUTE_RECORDS, ROUTE_ROSTER: which */
	struct store_principal who;
	bool post;			/* a body is expected */
	size_t max_body;		/* ... of at most so many bytes */
	bool queued;			/* a reply is queued already */
	bool logged;			/* a line for it is on stderr */
	char method[8];			/* for the error log */
	char url[160];
	bool too_big;			/* the body broke max_body */
	unsigned char *body;
	size_t len, cap;
	size_t seen;			/* body bytes received, kept or not */
};

void
http_limits_default(struct http_limits *lim)
{
	/* 8 MiB compressed is several thousand visits; the station halves
	 * a batch on 413 (FIELD-NOTES, CHT) rather than failing forever. */
	lim->max_body = 8u << 20;
	lim->max_payload = 64u << 20;
	lim->max_records = 200000;
	/* One county: a few hundred stations, uploading now and then. */
	lim->connections = 64;
	lim->per_ip = 8;
	/* Idle time, not total: a slow village link keeps sending. */
	lim->idle_timeout = 60;
}

static void
http_log(const char *method, const char *url, struct request *rq,
    unsigned status, const char *note)
{
	const char *who = rq != NULL ? rq->who.name : "";
	int n = note != NULL ? (int)strcspn(note, "\n") : 0;

	if (rq != NULL)
		rq->logged = true;
	/* One line each: a JSON error body ends with a newline. */
	fprintf(stderr, "hearth-hub: %s %s %s%s%u%s%.*s\n", method, url, who,
	    *who != '\0' ? " " : "", status, n > 0 ? " " : "", n,
	    note != NULL ? note : "");
}

/* Queue BODY (malloc'd, taken; NULL means out of memory) with STATUS. */
static enum MHD_Result
respond(struct MHD_Connection *c, struct request *rq, unsigned status,
    char *body, const char *ctype, const char *filename)
{
	static char oom[] = "{\"error\": \"out of memory\"}\n";
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *disp;

	if (body == NULL) {
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		ctype = CT_JSON;
		filename = NULL;
		resp = MHD_create_response_from_buffer(strlen(oom), oom,
		    MHD_RESPMEM_PERSISTENT);
	} else
		resp = MHD_create_response_from_buffer(strlen(body), body,
		    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    "no-store");
	if (status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer realm=\"hearth-hub\"");
	/* A body we refused to read must not be taken for the next
	 * request on a kept-alive connection. */
	if (status == MHD_HTTP_CONTENT_TOO_LARGE || (rq != NULL &&
	    rq->post && rq->body == NULL && rq->seen == 0))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION,
		    "close");
	if (filename != NULL && (disp = err_fmt("attachment; filename=\"%s\"",
	    filename)) != NULL) {
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_CONTENT_DISPOSITION, disp);
		free(disp);
	}
	/* Every refusal is on stderr (the journal), with its reason: who was
	 * turned away, and why, is what an administrator looks for. */
	if (status >= 400 && rq != NULL && !rq->logged)
		http_log(rq->method, rq->url, rq, status, body);
	ret = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	if (rq != NULL)
		rq->queued = true;
	return ret;
}

static enum MHD_Result
respond_error(struct MHD_Connection *c, struct request *rq, unsigned status,
    const char *msg)
{
	return respond(c, rq, status, reply_error("%s", msg), CT_JSON, NULL);
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static const char *
query_arg(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* A decimal in [0, INT64_MAX] spelled out entirely. */
static bool
parse_int64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

static enum route
route_find(const char *url, int *kind)
{
	static const char prefix[] = "/api/v1/";

	*kind = 0;
	if (strcmp(url, "/healthz") == 0)
		return ROUTE_HEALTH;
	if (strncmp(url, prefix, sizeof prefix - 1) != 0)
		return ROUTE_NONE;
	url += sizeof prefix - 1;
	if (strcmp(url, "batches") == 0)
		return ROUTE_BATCHES;
	if (strcmp(url, "high-water") == 0)
		return ROUTE_HIGH_WATER;
	if (strcmp(url, "stations") == 0)
		return ROUTE_STATIONS;
	if (strcmp(url, "roster") == 0)
		return ROUTE_ROSTER;
	if ((*kind = listing_kind(url)) != 0)
		return ROUTE_RECORDS;
	return ROUTE_NONE;
}

/* Authenticate as one of the roles in MASK; false once a reply (401, 403,
 * 503) is queued.  FORBIDDEN says what a 403 needs (NULL: a staff token,
 * or a station's for a station's request). */
#define ROLE(r) (1u << (r))
static bool
authorize_as(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq, unsigned mask, const char *forbidden)
{
	char *cause = NULL;
	int rc;

	rc = auth_check(srv->st, header(c, MHD_HTTP_HEADER_AUTHORIZATION),
	    &rq->who, &cause);
	if (rc < 0) {
		respond(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
		    reply_error("cannot check the token now: %s", cause),
		    CT_JSON, NULL);
		free(cause);
		return false;
	}
	if (rc == 0) {
		memset(&rq->who, 0, sizeof rq->who);
		respond_error(c, rq, MHD_HTTP_UNAUTHORIZED,
		    "a valid token is needed: Authorization: Bearer TOKEN");
		return false;
	}
	if ((ROLE(rq->who.role) & mask) == 0) {
		respond_error(c, rq, MHD_HTTP_FORBIDDEN, forbidden != NULL ?
		    forbidden : rq->who.role == STORE_STATION ?
		    "a station token cannot do this; ask for a staff token" :
		    "this needs a station token");
		return false;
	}
	return true;
}

static bool
authorize(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq, unsigned mask)
{
	return authorize_as(srv, c, rq, mask, NULL);
}

static enum MHD_Result
get_health(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq)
{
	char *cause = NULL;
	enum MHD_Result ret;

	if (store_ping(srv->st, &cause) == 0)
		return respond(c, rq, MHD_HTTP_OK, reply_ok(), CT_JSON, NULL);
	ret = respond(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
	    reply_error("database: %s", cause), CT_JSON, NULL);
	free(cause);
	return ret;
}

static enum MHD_Result
get_high_water(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq)
{
	char *cause = NULL;
	enum MHD_Result ret;
	uint64_t no, seq;

	if (!authorize(srv, c, rq, ROLE(STORE_STATION)))
		return MHD_YES;
	if (store_high_water(srv->st, rq->who.name, &no, &seq, &cause) == 0)
		return respond(c, rq, MHD_HTTP_OK,
		    reply_high_water(rq->who.name, no, seq), CT_JSON, NULL);
	ret = respond(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
	    reply_error("database: %s", cause), CT_JSON, NULL);
	free(cause);
	return ret;
}

/* ?format=csv (the default) or ndjson; false if it is something else. */
static bool
format_arg(struct MHD_Connection *c, enum listing_format *f)
{
	const char *v = query_arg(c, "format");

	*f = LISTING_CSV;
	if (v == NULL || strcmp(v, "csv") == 0)
		return true;
	if (strcmp(v, "ndjson") == 0) {
		*f = LISTING_NDJSON;
		return true;
	}
	return false;
}

/* ?NAME=YYYY-MM-DD into OUT (canonical form), or OUT "" when absent;
 * false for anything else. */
static bool
date_arg(struct MHD_Connection *c, const char *name, char out[11])
{
	const char *v = query_arg(c, name);
	struct ymd d;

	out[0] = '\0';
	if (v == NULL || *v == '\0')
		return true;
	if (!date_parse(v, &d))
		return false;
	date_format(d, out);
	return true;
}

/* Run a listing into memory and queue it.  WHAT names the file. */
static enum MHD_Result
get_listing(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq, const char *what)
{
	struct listing_query q;
	char since[11], until[11], *buf = NULL, *cause = NULL, *fname;
	enum MHD_Result ret;
	size_t len = 0;
	FILE *f;
	int rc;

	if (!authorize(srv, c, rq, ROLE(STORE_STAFF) | ROLE(STORE_ADMIN)))
		return MHD_YES;
	memset(&q, 0, sizeof q);
	q.kind = rq->kind;
	if (!format_arg(c, &q.format))
		return respond_error(c, rq, MHD_HTTP_BAD_REQUEST,
		    "format: csv or ndjson");
	if (!date_arg(c, "since", since) || !date_arg(c, "until", until))
		return respond_error(c, rq, MHD_HTTP_BAD_REQUEST,
		    "since and until are dates, YYYY-MM-DD");
	q.since = since[0] != '\0' ? since : NULL;
	q.until = until[0] != '\0' ? until : NULL;
	q.station = query_arg(c, "station");
	if (q.station != NULL && *q.station == '\0')
		q.station = NULL;
	/* In memory for now; streaming from the store is issue "County
	 * staff API" (a county's rows are a few MB). */
	if ((f = open_memstream(&buf, &len)) == NULL)
		return respond(c, rq, 500, NULL, NULL, NULL);
	rc = rq->route == ROUTE_STATIONS ?
	    listing_stations(srv->st, q.format, f, &cause) :
	    listing_write(srv->st, &q, f, &cause);
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		cause = strdup("out of memory");
	}
	if (rc != 0) {
		free(buf);
		ret = respond(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
		    reply_error("database: %s", cause != NULL ? cause : "?"),
		    CT_JSON, NULL);
		free(cause);
		return ret;
	}
	fname = err_fmt("%s.%s", what, q.format == LISTING_CSV ? "csv" :
	    "ndjson");
	ret = respond(c, rq, MHD_HTTP_OK, buf, q.format == LISTING_CSV ?
	    CT_CSV : CT_NDJSON, fname);
	free(fname);
	return ret;
}

/* What a 413 says for the body of RQ. */
static const char *
too_large_hint(const struct request *rq)
{
	return rq->route == ROUTE_ROSTER ? "split the list (by town)" :
	    "send smaller batches";
}

/* The first call of an upload, once its sender is known: how big, before
 * reading it (MAX bytes at most). */
static enum MHD_Result
post_start(struct MHD_Connection *c, struct request *rq, size_t max)
{
	const char *cl;
	int64_t n;

	rq->max_body = max;
	cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL && parse_int64(cl, &n) && n >= 0) {
		if ((uint64_t)n > max) {
			rq->too_big = true;
			return respond(c, rq, MHD_HTTP_CONTENT_TOO_LARGE,
			    reply_error("%s too large: %" PRId64 " bytes, "
			    "the limit is %zu; %s", rq->route == ROUTE_ROSTER ?
			    "file" : "batch", n, max, too_large_hint(rq)),
			    CT_JSON, NULL);
		}
		if (n > 0 && (rq->body = malloc((size_t)n)) == NULL)
			return respond(c, rq, 500, NULL, NULL, NULL);
		rq->cap = (size_t)n;
	}
	return MHD_YES;
}

static enum MHD_Result
post_batch_start(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq)
{
	if (!authorize(srv, c, rq, ROLE(STORE_STATION)))
		return MHD_YES;
	return post_start(c, rq, srv->lim.max_body);
}

/* Keep the next piece of the body, or count and drop it past the limit.
 * MHD_NO (close) for a sender that goes on far past it. */
static enum MHD_Result
post_data(struct request *rq, const char *data, size_t n)
{
	unsigned char *p;
	size_t cap;

	rq->seen += n;
	if (rq->too_big || rq->len + n > rq->max_body) {
		/* libmicrohttpd cannot reply mid-upload: drop the rest and
		 * answer 413 at its end, but not for ever. */
		free(rq->body);
		rq->body = NULL;
		rq->len = rq->cap = 0;
		rq->too_big = true;
		return rq->seen / 2 > rq->max_body ? MHD_NO : MHD_YES;
	}
	if (rq->len + n > rq->cap) {
		cap = rq->cap != 0 ? rq->cap : 64 * 1024;
		while (cap < rq->len + n)
			cap *= 2;
		if (cap > rq->max_body)
			cap = rq->max_body;
		if ((p = realloc(rq->body, cap)) == NULL)
			return MHD_NO;
		rq->body = p;
		rq->cap = cap;
	}
	memcpy(rq->body + rq->len, data, n);
	rq->len += n;
	return MHD_YES;
}

/* The whole body is in: answer 413 or 400 (true) when there is nothing
 * to work on. */
static bool
post_end_refused(struct MHD_Connection *c, struct request *rq,
    const char *url)
{
	const char *what = rq->route == ROUTE_ROSTER ? "file" : "batch";

	if (rq->too_big) {
		http_log("POST", url, rq, 413, "body over the limit");
		respond(c, rq, MHD_HTTP_CONTENT_TOO_LARGE,
		    reply_error("%s too large: over %zu bytes; %s", what,
		    rq->max_body, too_large_hint(rq)), CT_JSON, NULL);
		return true;
	}
	if (rq->len == 0) {
		http_log("POST", url, rq, 400, "empty body");
		respond(c, rq, MHD_HTTP_BAD_REQUEST, reply_error("the body is "
		    "empty: POST a %s", what), CT_JSON, NULL);
		return true;
	}
	return false;
}

static enum MHD_Result
post_batch_end(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq, const char *url)
{
	struct ingest_request in;
	struct ingest_reply rep;
	struct wire_limits lim;
	char note[64];
	enum MHD_Result ret;

	if (post_end_refused(c, rq, url))
		return MHD_YES;
	memset(&in, 0, sizeof in);
	in.body = rq->body;
	in.len = rq->len;
	in.has_sent_at = parse_int64(header(c, "X-Hearth-Sent-At"),
	    &in.sent_at);
	if (!parse_int64(header(c, "X-Hearth-Backlog"), &in.backlog) ||
	    in.backlog < 0)
		in.backlog = -1;
	in.now = (int64_t)time(NULL);
	lim.max_input = srv->lim.max_body;
	lim.max_payload = srv->lim.max_payload;
	lim.max_records = srv->lim.max_records;
	ingest_batch(srv->st, &rq->who, &lim, &in, &rep);
	snprintf(note, sizeof note, "batch %" PRIu64 " %s%" PRIu32 " records",
	    rep.batch_no, rep.stored ? "new " : "", rep.records);
	http_log("POST", url, rq, rep.status, note);
	ret = respond(c, rq, rep.status, rep.json, CT_JSON, NULL);
	free(rq->body);
	rq->body = NULL;
	return ret;
}

/* ?kind=elders|children into rq->kind; false once a 400 is queued. */
static bool
roster_kind_arg(struct MHD_Connection *c, struct request *rq)
{
	if ((rq->kind = roster_kind(query_arg(c, "kind"))) != 0)
		return true;
	respond_error(c, rq, MHD_HTTP_BAD_REQUEST,
	    "kind: elders or children (?kind=elders)");
	return false;
}

/* Queue a roster reply: the CSV with its ETag, a 304, or JSON. */
static enum MHD_Result
respond_roster(struct MHD_Connection *c, struct request *rq,
    struct roster_reply *rep, const char *filename)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *disp;

	if (!rep->csv && rep->status != MHD_HTTP_NOT_MODIFIED)
		return respond(c, rq, rep->status, rep->body, CT_JSON, NULL);
	resp = MHD_create_response_from_buffer(rep->len, rep->body,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		roster_reply_free(rep);
		return MHD_NO;
	}
	rep->body = NULL;
	/* no-cache, not no-store: keep it, but ask (with the ETag) before
	 * using it again.  Vary: the body depends on Accept-Encoding. */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, rep->etag);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    "no-cache");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING);
	if (rep->csv) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		    CT_CSV);
		if (rep->gzip)
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
		if ((disp = err_fmt("attachment; filename=\"%s\"",
		    filename)) != NULL) {
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_CONTENT_DISPOSITION, disp);
			free(disp);
		}
	}
	ret = MHD_queue_response(c, rep->status, resp);
	MHD_destroy_response(resp);
	rq->queued = true;
	return ret;
}

/* GET /api/v1/roster?kind=K: a station's own rows; staff and admins the
 * whole county's or, with &station=CODE, that station's. */
static enum MHD_Result
get_roster(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq)
{
	struct roster_query q;
	struct roster_reply rep;
	char prefix[13], *cause = NULL, *fname;
	const char *station;
	enum MHD_Result ret;
	int rc;

	if (!authorize(srv, c, rq, ROLE(STORE_STATION) | ROLE(STORE_STAFF) |
	    ROLE(STORE_ADMIN)) || !roster_kind_arg(c, rq))
		return MHD_YES;
	memset(&q, 0, sizeof q);
	q.kind = rq->kind;
	station = rq->who.role == STORE_STATION ? rq->who.name :
	    query_arg(c, "station");
	if (station != NULL && *station != '\0') {
		if ((rc = roster_station_prefix(srv->st, station, prefix,
		    &cause)) < 0) {
			ret = respond(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
			    reply_error("database: %s", cause), CT_JSON,
			    NULL);
			free(cause);
			return ret;
		}
		if (rc == 0)
			return respond(c, rq, MHD_HTTP_NOT_FOUND,
			    reply_error("no station %s", station), CT_JSON,
			    NULL);
		q.prefix = prefix;
	}
	q.if_none_match = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
	q.accept_encoding = header(c, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	roster_get(srv->st, &q, &rep);
	fname = err_fmt("%s-%s.csv", roster_kind_name(q.kind),
	    station != NULL && *station != '\0' ? station : "county");
	ret = respond_roster(c, rq, &rep, fname != NULL ? fname :
	    "roster.csv");
	free(fname);
	return ret;
}

static enum MHD_Result
post_roster_start(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq)
{
	if (!authorize_as(srv, c, rq, ROLE(STORE_ADMIN),
	    "the roster is changed with an admin token") ||
	    !roster_kind_arg(c, rq))
		return MHD_YES;
	return post_start(c, rq, ROSTER_MAX_BODY);
}

/* POST /api/v1/roster?kind=K[&dry_run=1][&encoding=E]: the county's
 * list, all or nothing. */
static enum MHD_Result
post_roster_end(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq, const char *url)
{
	struct roster_reply rep;
	enum textenc enc = TEXTENC_AUTO;
	const char *v;
	char note[64];
	bool dry_run;

	if (post_end_refused(c, rq, url))
		return MHD_YES;
	if ((v = query_arg(c, "encoding")) != NULL &&
	    textenc_parse(v, &enc) != 0)
		return respond_error(c, rq, MHD_HTTP_BAD_REQUEST,
		    "encoding: auto, utf-8 or gbk");
	/* dry_run, dry_run=1, =true: yes; absent, =0, =false, =no: no. */
	v = query_arg(c, "dry_run");
	dry_run = v != NULL && strcmp(v, "0") != 0 &&
	    strcasecmp(v, "false") != 0 && strcasecmp(v, "no") != 0;
	roster_post(srv->st, rq->kind, (const char *)rq->body, rq->len, enc,
	    dry_run, &rep);
	free(rq->body);
	rq->body = NULL;
	snprintf(note, sizeof note, "roster of %s%s",
	    roster_kind_name(rq->kind), dry_run ? ", dry run" : "");
	http_log("POST", url, rq, rep.status, note);
	return respond(c, rq, rep.status, rep.body, CT_JSON, NULL);
}

static enum MHD_Result
http_first(struct http_server *srv, struct MHD_Connection *c,
    struct request *rq, const char *url, const char *method)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;

	snprintf(rq->method, sizeof rq->method, "%s", method);
	snprintf(rq->url, sizeof rq->url, "%s", url);
	rq->route = route_find(url, &rq->kind);
	/* Set before anything is answered: a refused body must close. */
	rq->post = post;
	if (rq->route == ROUTE_NONE)
		return respond_error(c, rq, MHD_HTTP_NOT_FOUND, "no such path");
	if (rq->route == ROUTE_ROSTER ? !get && !post :
	    rq->route == ROUTE_BATCHES ? !post : !get)
		return respond_error(c, rq, MHD_HTTP_METHOD_NOT_ALLOWED,
		    rq->route == ROUTE_ROSTER ? "use GET or POST" :
		    rq->route == ROUTE_BATCHES ? "use POST" : "use GET");
	switch (rq->route) {
	case ROUTE_HEALTH:
		return get_health(srv, c, rq);
	case ROUTE_HIGH_WATER:
		return get_high_water(srv, c, rq);
	case ROUTE_STATIONS:
		return get_listing(srv, c, rq, "stations");
	case ROUTE_RECORDS:
		return get_listing(srv, c, rq, url + strlen("/api/v1/"));
	case ROUTE_BATCHES:
		return post_batch_start(srv, c, rq);
	case ROUTE_ROSTER:
		return post ? post_roster_start(srv, c, rq) :
		    get_roster(srv, c, rq);
	default:
		return respond_error(c, rq, MHD_HTTP_NOT_FOUND, "no such path");
	}
}

static enum MHD_Result
http_handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct request *rq = *con_cls;
	size_t n;

	(void)version;
	if (rq == NULL) {
		if ((rq = calloc(1, sizeof *rq)) == NULL)
			return MHD_NO;
		*con_cls = rq;
		return http_first(srv, c, rq, url, method);
	}
	if (*upload_data_size != 0) {
		n = *upload_data_size;
		*upload_data_size = 0;
		if (rq->queued)		/* answered already: drop the body */
			return MHD_YES;
		return post_data(rq, upload_data, n);
	}
	if (rq->queued)
		return MHD_YES;
	if (rq->route == ROUTE_ROSTER)
		return post_roster_end(srv, c, rq, url);
	return post_batch_end(srv, c, rq, url);
}

static void
http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (rq != NULL) {
		free(rq->body);
		free(rq);
	}
	*con_cls = NULL;
}

/* LISTEN as a socket address in SRV->addr; *V6 for IPv6. */
static int
listen_parse(struct http_server *srv, const char *listen, bool *v6,
    char **cause)
{
	struct addrinfo hints, *res = NULL;
	char host[256];
	const char *port, *end;
	size_t hlen;
	int rc;

	if (listen[0] == '[') {
		end = strchr(listen, ']');
		if (end == NULL || end[1] != ':')
			goto bad;
		hlen = (size_t)(end - listen - 1);
		memcpy(host, listen + 1, hlen < sizeof host ? hlen : 0);
		port = end + 2;
	} else {
		if ((end = strrchr(listen, ':')) == NULL)
			goto bad;
		hlen = (size_t)(end - listen);
		if (hlen < sizeof host)
			memcpy(host, listen, hlen);
		port = end + 1;
	}
	if (hlen == 0 || hlen >= sizeof host || *port == '\0' ||
	    strspn(port, "0123456789") != strlen(port) || atol(port) > 65535)
		goto bad;
	host[hlen] = '\0';
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		err_set(cause, "--listen %s: %s", listen, gai_strerror(rc));
		return -1;
	}
	memcpy(&srv->addr, res->ai_addr, res->ai_addrlen);
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	return 0;
bad:
	err_set(cause, "--listen %s: give ADDR:PORT, e.g. 127.0.0.1:8080 "
	    "or [::1]:8080", listen);
	return -1;
}

struct http_server *
http_start(struct store *st, const char *listen,
    const struct http_limits *lim, char **cause)
{
	struct http_server *srv;
	bool v6 = false;
	uint16_t port;

	if ((srv = calloc(1, sizeof *srv)) == NULL) {
		err_set(cause, "out of memory");
		return NULL;
	}
	srv->st = st;
	srv->lim = *lim;
	if (listen_parse(srv, listen, &v6, cause) != 0) {
		free(srv);
		return NULL;
	}
	/* The port again beside the address, for libmicrohttpd's messages. */
	port = ntohs(v6 ? ((struct sockaddr_in6 *)&srv->addr)->sin6_port :
	    ((struct sockaddr_in *)&srv->addr)->sin_port);
	srv->daemon = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD |
	    MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0), port, NULL, NULL,
	    http_handle, srv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&srv->addr,
	    MHD_OPTION_CONNECTION_LIMIT, lim->connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, lim->per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT, lim->idle_timeout,
	    /* Headers and MHD's read buffer only: bodies are ours. */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, srv,
	    MHD_OPTION_END);
	if (srv->daemon == NULL) {
		err_set(cause, "cannot listen on %s (in use, or not an "
		    "address of this machine?)", listen);
		free(srv);
		return NULL;
	}
	return srv;
}

unsigned
http_port(const struct http_server *srv)
{
	const union MHD_DaemonInfo *info;

	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	return info != NULL ? info->port : 0;
}

void
http_stop(struct http_server *srv)
{
	if (srv == NULL)
		return;
	MHD_stop_daemon(srv->daemon);
	free(srv);
}
