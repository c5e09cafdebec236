/* sync.c: the send loop — high-water, batches in order, acks, back-off. */
#include "core/sync.h"

#include <errno.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/sync-http.h"
#include "core/sync-reply.h"

struct run {
	sqlite3 *db;
	const struct sync_options *o;
	struct sync_http *h;
	struct station st;
	struct outbox_limits lim;	/* max_records halves on 413 */
	long done, total;
	int fails;			/* failed tries in a row */
};

void
sync_options_init(struct sync_options *o)
{
	memset(o, 0, sizeof *o);
	o->limits.max_records = OUTBOX_MAX_RECORDS;
	o->limits.max_bytes = OUTBOX_MAX_BYTES;
	o->max_attempts = 8;
	o->backoff_base_ms = 1000;
	o->backoff_cap_ms = 5 * 60 * 1000;
	o->roster_max = SYNC_ROSTER_MAX;
}

void
sync_roster_key(char out[SYNC_ROSTER_KEY_MAX], const char *kind,
    const char *what)
{
	snprintf(out, SYNC_ROSTER_KEY_MAX, "roster.%s.%s", kind, what);
}

static void
emit_event(struct run *r, enum sync_event ev, uint64_t batch_no,
    uint32_t records, uint64_t high_water)
{
	struct sync_progress p;

	if (r->o->progress == NULL)
		return;
	memset(&p, 0, sizeof p);
	p.event = ev;
	p.batch_no = batch_no;
	p.records = records;
	p.high_water = high_water;
	p.done = r->done;
	p.total = r->total;
	r->o->progress(&p, r->o->progress_arg);
}

static void
emit(struct run *r, enum sync_event ev, uint64_t batch_no, uint32_t records)
{
	emit_event(r, ev, batch_no, records, 0);
}

/* An event about the hub's high-water mark HW (RECORDS: queued again). */
static void
emit_mark(struct run *r, enum sync_event ev, uint64_t hw, long records)
{
	emit_event(r, ev, 0, (uint32_t)records, hw);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* After a failed try: wait (1) or give up (0).  Full jitter: a random
 * wait in [0, min(cap, base * 2^n)], so a hundred stations that lost the
 * hub at once do not all come back at the same second. */
static int
backoff(struct run *r, uint64_t batch_no, const char *why)
{
	struct sync_progress p;
	long ceiling = r->o->backoff_base_ms;
	int i;

	if (++r->fails >= r->o->max_attempts)
		return 0;
	for (i = 1; i < r->fails && ceiling < r->o->backoff_cap_ms; i++)
		ceiling *= 2;
	if (ceiling > r->o->backoff_cap_ms)
		ceiling = r->o->backoff_cap_ms;
	memset(&p, 0, sizeof p);
	p.event = SYNC_EV_RETRY;
	p.batch_no = batch_no;
	p.done = r->done;
	p.total = r->total;
	p.attempt = r->fails + 1;
	p.delay_ms = ceiling > 0 ?
	    (long)randombytes_uniform((uint32_t)ceiling + 1) : 0;
	p.why = why;
	if (r->o->progress != NULL)
		r->o->progress(&p, r->o->progress_arg);
	sleep_ms(p.delay_ms);
	return 1;
}

/* No answer, or one that says "later". */
static bool
transient(long status)
{
	return status == 0 || status == 408 || status == 429 ||
	    (status >= 500 && status <= 599);
}

/* Why the last try failed, for the retry line and the final error. */
static void
describe(const struct sync_http_reply *rep, char *out, size_t len)
{
	struct sync_reply js;

	if (rep->status == 0)
		snprintf(out, len, "%s", rep->error);
	else if (rep->body != NULL &&
	    sync_reply_parse(rep->body, rep->len, &js) == 0 &&
	    js.error[0] != '\0')
		snprintf(out, len, "HTTP %ld: %s", rep->status, js.error);
	else
		snprintf(out, len, "HTTP %ld", rep->status);
}

/* A final refusal: the message a person acts on. */
static enum sync_result
refused(const struct sync_http_reply *rep, uint64_t batch_no, char **cause)
{
	char why[300];

	describe(rep, why, sizeof why);
	switch (rep->status) {
	case 401:
		err_set(cause, _("the hub did not accept this station's token "
		    "(%s)"), why);
		return SYNC_ERR_TOKEN;
	case 403:
		err_set(cause, _("the hub refused this station (%s): is the "
		    "token another station's?"), why);
		return SYNC_ERR_REFUSED;
	case 409:
		err_set(cause, _("the hub already holds batch %llu with other "
		    "contents (%s); nothing was deleted here"),
		    (unsigned long long)batch_no, why);
		return SYNC_ERR_REFUSED;
	default:
		err_set(cause, _("the hub refused batch %llu (%s); nothing was "
		    "deleted here"), (unsigned long long)batch_no, why);
		return SYNC_ERR_REFUSED;
	}
}

static enum sync_result
gave_up(const struct sync_http_reply *rep, char **cause)
{
	char why[300];

	describe(rep, why, sizeof why);
	err_set(cause, _("cannot reach the hub (%s); the records wait here "
	    "for the next sync"), why);
	return SYNC_ERR_NETWORK;
}

/* Ask the hub what it holds; ack what it has, or renumber above it. */
static enum sync_result
high_water(struct run *r, char **cause)
{
	struct sync_http_reply rep;
	struct sync_reply js;
	char why[300];
	int reset;
	long requeued;

	for (;;) {
		sync_http_get(r->h, "/api/v1/high-water", &rep);
		if (rep.status == 200 &&
		    sync_reply_parse(rep.body, rep.len, &js) == 0 &&
		    js.has_batch) {
			sync_http_reply_clear(&rep);
			break;
		}
		if (rep.status != 200 && !transient(rep.status)) {
			enum sync_result res = refused(&rep, 0, cause);

			sync_http_reply_clear(&rep);
			return res;
		}
		describe(&rep, why, sizeof why);
		if (rep.status == 200)
			snprintf(why, sizeof why, "unreadable answer");
		if (!backoff(r, 0, why)) {
			enum sync_result res = gave_up(&rep, cause);

			sync_http_reply_clear(&rep);
			return res;
		}
		sync_http_reply_clear(&rep);
	}
	r->fails = 0;
	if (strcmp(js.station, r->st.code) != 0) {
		err_set(cause, _("the token belongs to station %s, but this is "
		    "station %s"), js.station, r->st.code);
		return SYNC_ERR_REFUSED;
	}
	if (outbox_high_water(r->db, js.batch, &reset, &requeued, cause) != 0 ||
	    (js.has_seq && db_uid_floor(r->db, js.seq, cause) != 0))
		return SYNC_ERR_LOCAL;
	if (reset)
		emit_mark(r, SYNC_EV_RESET, js.batch, 0);
	if (requeued > 0)
		emit_mark(r, SYNC_EV_HUB_BEHIND, js.batch, requeued);
	return SYNC_OK;
}

/* Records still to go this run; and batches behind BATCH for the hub's
 * backlog figure. */
static int
count(struct run *r, long *backlog, char **cause)
{
	struct outbox_status s;
	size_t per = r->lim.max_records ? r->lim.max_records : 1;

	if (outbox_status(r->db, &s, cause) != 0)
		return -1;
	r->total = r->done + s.pending + s.unacked_records;
	if (backlog != NULL)
		*backlog = (s.unacked > 0 ? s.unacked - 1 : 0) +
		    (long)((s.pending + per - 1) / per);
	return 0;
}

/* Cut the next batch: 1 cut, 0 queue empty, -1. */
static int
cut(struct run *r, char **cause)
{
	uint64_t no;
	void *src;
	int rc;

	if ((src = r->o->source_new()) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	rc = outbox_cut(r->db, &r->lim, r->o->source, src, &no, cause);
	r->o->source_free(src);
	return rc;
}

/* Send B until acked: SYNC_OK, or why not.  *RECUT when it was too big
 * and was given up. */
static enum sync_result
send_batch(struct run *r, const struct outbox_batch *b, char **cause)
{
	struct sync_http_reply rep;
	struct sync_reply js;
	enum sync_result res;
	char why[300];
	long backlog;

	for (;;) {
		if (count(r, &backlog, cause) != 0)
			return SYNC_ERR_LOCAL;
		emit(r, SYNC_EV_SEND, b->batch_no, b->records);
		sync_http_post(r->h, "/api/v1/batches", b->bytes, b->len,
		    backlog, &rep);
		if (rep.status == 200 &&
		    sync_reply_parse(rep.body, rep.len, &js) == 0 &&
		    js.has_batch) {
			sync_http_reply_clear(&rep);
			break;
		}
		if (rep.status == 413) {
			sync_http_reply_clear(&rep);
			if (b->records <= 1) {
				err_set(cause, _("batch %llu holds one record "
				    "and the hub still finds it too big"),
				    (unsigned long long)b->batch_no);
				return SYNC_ERR_REFUSED;
			}
			/* Never stored under that number, so it may be
			 * given up and its records cut again (new
			 * numbers): the freeze rule is about what the hub
			 * has seen. */
			if (outbox_void(r->db, b->batch_no, cause) != 0)
				return SYNC_ERR_LOCAL;
			r->lim.max_records = b->records / 2;
			emit(r, SYNC_EV_RECUT, b->batch_no, b->records);
			return SYNC_OK;
		}
		if (rep.status != 200 && !transient(rep.status)) {
			res = refused(&rep, b->batch_no, cause);
			sync_http_reply_clear(&rep);
			return res;
		}
		/* 200 with an unreadable ack is a cut-off answer: the same
		 * bytes again are acked as a duplicate at worst. */
		describe(&rep, why, sizeof why);
		if (rep.status == 200)
			snprintf(why, sizeof why, "unreadable answer");
		if (!backoff(r, b->batch_no, why)) {
			res = gave_up(&rep, cause);
			sync_http_reply_clear(&rep);
			return res;
		}
		sync_http_reply_clear(&rep);
	}
	r->fails = 0;
	if (js.batch != b->batch_no || strcmp(js.station, r->st.code) != 0 ||
	    (strcmp(js.stored, "new") != 0 &&
	    strcmp(js.stored, "duplicate") != 0)) {
		err_set(cause, _("the hub answered batch %llu with an ack for "
		    "%s batch %llu"), (unsigned long long)b->batch_no,
		    js.station, (unsigned long long)js.batch);
		return SYNC_ERR_REFUSED;
	}
	if (outbox_ack(r->db, b->batch_no, cause) != 0)
		return SYNC_ERR_LOCAL;
	r->done += b->records;
	emit(r, SYNC_EV_ACK, b->batch_no, b->records);
	return SYNC_OK;
}

static enum sync_result
loop(struct run *r, char **cause)
{
	struct outbox_batch b;
	enum sync_result res;
	int rc;

	if ((res = high_water(r, cause)) != SYNC_OK)
		return res;
	if (count(r, NULL, cause) != 0)
		return SYNC_ERR_LOCAL;
	emit(r, SYNC_EV_START, 0, 0);
	for (;;) {
		if ((rc = outbox_next(r->db, &b, cause)) < 0)
			return SYNC_ERR_LOCAL;
		if (rc == 0) {
			/* Cut only when nothing waits: then a 413 only
			 * ever voids the newest batch, and records go in
			 * the order they were saved. */
			if ((rc = cut(r, cause)) < 0)
				return SYNC_ERR_LOCAL;
			if (rc == 0)
				return SYNC_OK;
			continue;
		}
		res = send_batch(r, &b, cause);
		outbox_batch_clear(&b);
		if (res != SYNC_OK)
			return res;
	}
}

static void
emit_roster(struct run *r, enum sync_event ev, const char *kind)
{
	struct sync_progress p;

	if (r->o->progress == NULL)
		return;
	memset(&p, 0, sizeof p);
	p.event = ev;
	p.kind = kind;
	p.done = r->done;
	p.total = r->total;
	r->o->progress(&p, r->o->progress_arg);
}

const char *
sync_roster_label(const char *kind)
{
	/* TRANSLATORS: which roster a message is about: "the elders
	 * roster", "roster elders: not changed". */
	if (strcmp(kind, "elders") == 0)
		return C_("roster", "elders");
	if (strcmp(kind, "children") == 0)
		return C_("roster", "children");
	return kind;
}

/* A roster request the hub will not answer, or one too big to take. */
static enum sync_result
roster_refused(const struct sync_http_reply *rep, const char *kind,
    size_t max, char **cause)
{
	char why[300];

	if (rep->too_big) {
		err_set(cause, _("the %s roster from the hub is larger than "
		    "%zu MiB; nothing of it was merged"),
		    sync_roster_label(kind), max / (1024 * 1024));
		return SYNC_ERR_ROSTER;
	}
	describe(rep, why, sizeof why);
	if (rep->status == 401) {
		err_set(cause, _("the hub did not accept this station's token "
		    "(%s)"), why);
		return SYNC_ERR_TOKEN;
	}
	err_set(cause, _("the hub refused the %s roster (%s)"),
	    sync_roster_label(kind), why);
	return SYNC_ERR_ROSTER;
}

/* Is BODY[0..LEN) the body ETAG names?  A hearth-hub's roster ETag is
 * W/"<hex of BLAKE2b-128 of the body>" (doc/hub.md), so it is also a
 * checksum: a body cut short or damaged on the way (a gzip stream that
 * ends early decodes to fewer rows without an error) does not match and
 * is fetched again rather than merged.  An ETag of another shape proves
 * nothing either way. */
static bool
roster_intact(const char *body, size_t len, const char *etag)
{
	unsigned char want[16], got[16];
	size_t n;

	if (strncmp(etag, "W/\"", 3) != 0 || strlen(etag) != 3 + 32 + 1 ||
	    etag[3 + 32] != '"' || sodium_hex2bin(want, sizeof want, etag + 3,
	    32, NULL, &n, NULL) != 0 || n != sizeof want)
		return true;
	crypto_generichash(got, sizeof got, (const unsigned char *)body, len,
	    NULL, 0);
	return sodium_memcmp(want, got, sizeof want) == 0;
}

/* Download and merge KIND's roster.  *ABSENT when the hub has none
 * (404), *SAVED when the merge saved records. */
static enum sync_result
roster_one(struct run *r, const char *kind, bool *absent, bool *saved,
    char **cause)
{
	struct sync_http_reply rep;
	enum sync_result res = SYNC_OK;
	char key[SYNC_ROSTER_KEY_MAX], path[96], why[300];
	char now[HEARTH_TS_MAX], *etag;
	int rc;

	snprintf(path, sizeof path, "/api/v1/roster?kind=%s", kind);
	sync_roster_key(key, kind, "etag");
	etag = db_setting_get(r->db, key);
	for (;;) {
		sync_http_fetch(r->h, path, etag, r->o->roster_max, &rep);
		if (rep.status == 200 && !roster_intact(rep.body != NULL ?
		    rep.body : "", rep.len, rep.etag)) {
			rep.status = 0;	/* as if nothing had come */
			snprintf(rep.error, sizeof rep.error, "%s",
			    "the roster does not match its checksum (ETag)");
		} else if (rep.status == 200 || rep.status == 304 ||
		    rep.status == 404)
			break;
		if (rep.too_big || (rep.status != 0 &&
		    !transient(rep.status))) {
			res = roster_refused(&rep, kind, r->o->roster_max,
			    cause);
			goto done;
		}
		describe(&rep, why, sizeof why);
		if (!backoff(r, 0, why)) {
			err_set(cause, _("cannot download the %s roster (%s); "
			    "it is asked for again at the next sync"),
			    sync_roster_label(kind), why);
			res = SYNC_ERR_NETWORK;
			goto done;
		}
		sync_http_reply_clear(&rep);
	}
	r->fails = 0;
	if (rep.status == 404) {
		*absent = true;
		emit_roster(r, SYNC_EV_ROSTER_ABSENT, kind);
		goto done;
	}
	if (rep.status == 304) {
		/* Only a hint for `hearth status`: a failed write costs
		 * nothing but the date. */
		sync_roster_key(key, kind, "checked_at");
		db_timestamp(now);
		db_setting_set(r->db, key, now, NULL);
		emit_roster(r, SYNC_EV_ROSTER_SAME, kind);
		goto done;
	}
	rc = r->o->roster_merge(r->o->roster_arg, r->db, kind,
	    rep.body != NULL ? rep.body : "", rep.len, rep.etag, cause);
	if (rc < 0)
		res = SYNC_ERR_ROSTER;
	else if (rc > 0)
		*saved = true;
done:
	sync_http_reply_clear(&rep);
	free(etag);
	return res;
}

/* Every roster asked for, in order; an older hub (404) is asked no
 * more.  *SAVED when a merge saved records. */
static enum sync_result
rosters(struct run *r, bool *saved, char **cause)
{
	const char *const *k;
	enum sync_result res;
	bool absent = false;

	for (k = r->o->roster_kinds; *k != NULL && !absent; k++)
		if ((res = roster_one(r, *k, &absent, saved, cause)) !=
		    SYNC_OK)
			return res;
	return SYNC_OK;
}

/* Remember how it went, for `hearth status` and the screens. */
static void
record(sqlite3 *db, enum sync_result res, const char *cause)
{
	char now[HEARTH_TS_MAX];

	db_timestamp(now);
	if (res == SYNC_OK) {
		db_setting_set(db, SYNC_KEY_LAST_OK, now, NULL);
		db_setting_set(db, SYNC_KEY_LAST_ERROR, "", NULL);
		db_setting_set(db, SYNC_KEY_LAST_RESULT, "", NULL);
	} else {
		db_setting_set(db, SYNC_KEY_LAST_ERROR,
		    cause != NULL ? cause : "", NULL);
		db_setting_set(db, SYNC_KEY_LAST_ERROR_AT, now, NULL);
		db_setting_set(db, SYNC_KEY_LAST_RESULT,
		    res == SYNC_ERR_NETWORK ? "network" :
		    res == SYNC_ERR_TOKEN ? "token" :
		    res == SYNC_ERR_REFUSED ? "refused" :
		    res == SYNC_ERR_ROSTER ? "roster" : "local", NULL);
	}
}

enum sync_result
sync_run(sqlite3 *db, const struct sync_options *o, char **cause)
{
	struct run r;
	enum sync_result res;
	bool saved = false;
	int rc;

	memset(&r, 0, sizeof r);
	r.db = db;
	r.o = o;
	r.lim = o->limits;
	if (sodium_init() < 0) {
		err_set(cause, "%s", _("out of memory"));
		return SYNC_ERR_LOCAL;
	}
	if ((rc = db_station_get(db, &r.st, cause)) != 0) {
		if (rc == 1)
			err_set(cause, "%s", _("this database has no station "
			    "yet: run hearth init first"));
		return SYNC_ERR_LOCAL;
	}
	if ((r.h = sync_http_new(o->url, o->token, cause)) == NULL)
		res = SYNC_ERR_LOCAL;
	else if ((res = loop(&r, cause)) == SYNC_OK &&
	    o->roster_kinds != NULL) {
		/* After the uploads: they never wait on the roster.  What
		 * a merge saved (new records) goes to the hub now, so a run
		 * still ends with the outbox empty — also when a later
		 * roster failed; that failure is then the one reported. */
		r.fails = 0;
		res = rosters(&r, &saved, cause);
		if (saved) {
			char *why = NULL;
			enum sync_result up = loop(&r, &why);

			if (res == SYNC_OK && up != SYNC_OK) {
				res = up;
				*cause = why;
			} else
				free(why);
		}
	}
	sync_http_free(r.h);
	db_station_clear(&r.st);
	record(db, res, res == SYNC_OK ? NULL : *cause);
	return res;
}
