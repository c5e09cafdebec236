/* ingest.c: check, store and acknowledge one batch (see ingest.h). */
#define _POSIX_C_SOURCE 200809L
#include "hub/ingest.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/utf8.h"
#include "hub/reply.h"

#define INGEST_MAX_COLS 256
#define INGEST_NAME_MAX 64

/* What the per-record callback needs and what it found wrong. */
struct ingest_ctx {
	struct store *st;
	const char *station;
	size_t station_len;
	char *cause;		/* why a record was refused */
	bool store_failed;	/* ... and whether the store was to blame */
};

static bool
name_valid(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		if (n >= INGEST_NAME_MAX || !((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return false;
	return n > 0;
}

/* "YYYY-MM-DD HH:MM:SS", the station's timestamps (doc/storage.md). */
static bool
timestamp_valid(const char *s)
{
	char day[11];
	struct ymd d;

	if (strlen(s) != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	return date_parse(day, &d) &&
	    s[11] >= '0' && s[11] <= '2' && s[12] >= '0' && s[12] <= '9' &&
	    (s[11] - '0') * 10 + (s[12] - '0') < 24 &&
	    s[14] >= '0' && s[14] <= '5' && s[15] >= '0' && s[15] <= '9' &&
	    s[17] >= '0' && s[17] <= '5' && s[18] >= '0' && s[18] <= '9';
}

/* The record's updated_at through *UPDATED (NULL when absent), or a
 * message saying what is wrong with it. */
static char *
record_check(const struct wire_record *r, const char *station,
    size_t station_len, const char **updated)
{
	const char *seq;
	size_t i, j;

	*updated = NULL;
	if (r->kind < 1 || r->kind > WIRE_KIND_MAX)
		return strdup("a record has an unknown kind number");
	if (r->uid == NULL || strncmp(r->uid, station, station_len) != 0 ||
	    r->uid[station_len] != ':')
		goto bad_uid;
	seq = r->uid + station_len + 1;
	if (*seq == '\0' || strlen(seq) > 19 || strspn(seq, "0123456789") !=
	    strlen(seq))
		goto bad_uid;
	if (r->ncols > INGEST_MAX_COLS)
		return strdup("a record has too many columns");
	for (i = 0; i < r->ncols; i++) {
		if (r->names[i] == NULL || !name_valid(r->names[i]))
			return strdup("a column name is not [a-z0-9_]+");
		for (j = 0; j < i; j++)
			if (strcmp(r->names[i], r->names[j]) == 0)
				return strdup("a record names a column twice");
		if (r->values[i] == NULL)
			continue;
		if (!utf8_valid(r->values[i], strlen(r->values[i])))
			return strdup("a value is not UTF-8");
		if (strcmp(r->names[i], "updated_at") == 0) {
			if (!timestamp_valid(r->values[i]))
				return strdup("updated_at is not "
				    "YYYY-MM-DD HH:MM:SS");
			*updated = r->values[i];
		}
	}
	return NULL;
bad_uid:
	/* A station writes only its own records: a uid of another station
	 * would let one kiosk overwrite another's. */
	return strdup("a record's uid does not belong to the sending station");
}

static int
ingest_record(const struct wire_record *r, void *arg)
{
	struct ingest_ctx *ctx = arg;
	const char *updated;

	if ((ctx->cause = record_check(r, ctx->station, ctx->station_len,
	    &updated)) != NULL)
		return 1;
	if (store_batch_add(ctx->st, r, updated, &ctx->cause) != 0) {
		ctx->store_failed = true;
		return 1;
	}
	return 0;
}

static void
utc_format(int64_t t, char out[STORE_TIME_MAX])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, STORE_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Set *REP to STATUS and an error body; CAUSE (may be NULL) is freed. */
static void
reply_fail(struct ingest_reply *rep, unsigned status, const char *what,
    char *cause)
{
	rep->status = status;
	rep->json = cause != NULL ? reply_error("%s: %s", what, cause) :
	    reply_error("%s", what);
	free(cause);
}

void
ingest_batch(struct store *st, const struct store_principal *who,
    const struct wire_limits *lim, const struct ingest_request *req,
    struct ingest_reply *rep)
{
	struct wire_batch_info info, dec;
	struct store_batch b;
	struct ingest_ctx ctx;
	enum store_seen seen;
	uint32_t records = 0;
	bool too_big = false;
	char *cause = NULL;
	int rc;

	memset(rep, 0, sizeof *rep);
	if (who->role != STORE_STATION) {
		reply_fail(rep, 403, "only a station token may upload", NULL);
		return;
	}
	if (req->len > lim->max_input) {
		reply_fail(rep, 413, "batch too large", NULL);
		return;
	}
	if (wire_peek(req->body, req->len, &info, &cause) != 0) {
		reply_fail(rep, 400, "cannot read the batch header", cause);
		return;
	}
	info.station[sizeof info.station - 1] = '\0';
	rep->batch_no = info.batch_no;
	if (strcmp(info.station, who->name) != 0) {
		rep->status = 403;
		rep->json = reply_error("the batch is from station %s, the "
		    "token is station %s's", info.station, who->name);
		return;
	}
	if (info.batch_no == 0) {
		reply_fail(rep, 400, "batch numbers start at 1", NULL);
		return;
	}

	memset(&b, 0, sizeof b);
	b.station = who->name;
	b.batch_no = info.batch_no;
	crypto_generichash(b.hash, sizeof b.hash, req->body, req->len, NULL,
	    0);
	b.bytes = req->len;
	utc_format(req->now, b.received_at);
	b.has_sent_at = req->has_sent_at;
	b.sent_at = req->sent_at;
	b.backlog = req->backlog;
	if (store_batch_begin(st, &b, &seen, &records, &cause) != 0) {
		reply_fail(rep, 503, "cannot store now", cause);
		return;
	}
	if (seen == STORE_SEEN_SAME) {
		rep->status = 200;
		rep->records = records;
		rep->json = reply_ack(who->name, info.batch_no, records, true,
		    NULL);
		return;
	}
	if (seen == STORE_SEEN_DIFFERENT) {
		rep->status = 409;
		rep->json = reply_error("batch %llu of station %s was stored "
		    "before with other contents; a batch once sent must not "
		    "change", (unsigned long long)info.batch_no, who->name);
		return;
	}

	memset(&ctx, 0, sizeof ctx);
	ctx.st = st;
	ctx.station = who->name;
	ctx.station_len = strlen(who->name);
	rc = wire_decode(req->body, req->len, lim, &dec, ingest_record, &ctx,
	    &too_big, &cause);
	if (rc == 0 && (strcmp(dec.station, info.station) != 0 ||
	    dec.batch_no != info.batch_no)) {
		rc = -1;
		cause = strdup("the header changed while decoding");
	}
	if (rc != 0) {
		store_batch_abort(st);
		if (ctx.cause != NULL) {
			free(cause);
			reply_fail(rep, ctx.store_failed ? 503 : 400,
			    ctx.store_failed ? "cannot store now" :
			    "bad record", ctx.cause);
		} else
			reply_fail(rep, too_big ? 413 : 400, too_big ?
			    "batch too large" : "bad batch", cause);
		return;
	}
	if (store_batch_commit(st, &records, &cause) != 0) {
		reply_fail(rep, 503, "cannot store now", cause);
		return;
	}
	rep->status = 200;
	rep->stored = true;
	rep->records = records;
	rep->json = reply_ack(who->name, info.batch_no, records, false,
	    b.received_at);
}
