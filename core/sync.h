/* sync.h: send the outbox to the county hub, exactly once.
 *
 * sync_run() asks the hub for its high-water mark (batches it stored for
 * this station: those are acked, their acks were lost), then sends every
 * batch not acknowledged, oldest first, cutting the next one from the
 * queue only when none is waiting, until the queue is empty.  A batch is
 * stored (core/outbox.h) before its first send and resent as the same
 * bytes until acked, so a kill -9 or a power cut anywhere leaves either a
 * batch to resend (the hub acks a replay as "duplicate") or one the
 * high-water mark shows as stored: nothing twice into the hub's store,
 * nothing dropped.
 *
 * Answers (doc/hub.md): 200 with an ack naming this station and batch =
 * acked; no answer, a timeout, a reset, 5xx, 408/429 or an unreadable ack
 * (a truncated body) = retry the same bytes after an exponential back-off
 * with full jitter, a bounded number of times in a row; 413 = the batch
 * is given up (never stored) and its records cut again, half as many per
 * batch; 401, 403, 400, 409 and the rest stop the run (nothing is lost:
 * `hearth status` shows the queue and the error).  Last success and last
 * error are kept in the settings for `hearth status`.  No terminal I/O:
 * progress goes through a callback.
 *
 * Then, when the uploads are done, the roster (doc/sync.md "Roster"):
 * for each kind asked for, GET /api/v1/roster?kind=K with the ETag kept
 * from the last download (If-None-Match), compressed, up to roster_max
 * decoded bytes.  304: nothing to do; 200: the caller's merge (forms/
 * roster.h: records and the new ETag in one transaction); 404: an older
 * hub without rosters, not an error (the other kinds are not asked).
 * The uploads never wait on the roster, and a roster that fails leaves
 * the records and the old ETag as they were, so the next run asks again.
 * Records the merge saved are sent before the run ends. */
#ifndef HEARTH_SYNC_H
#define HEARTH_SYNC_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/outbox.h"

enum sync_event {
	SYNC_EV_START,		/* high-water known; total set */
	SYNC_EV_SEND,		/* sending batch_no */
	SYNC_EV_ACK,		/* batch_no acked; done grew */
	SYNC_EV_RETRY,		/* waiting delay_ms before attempt */
	SYNC_EV_RECUT,		/* batch_no too big: cut again smaller */
	SYNC_EV_RESET,		/* the hub knew more numbers: resent above */
	SYNC_EV_HUB_BEHIND,	/* the hub lost acked batches: records (all)
				 * queued again */
	SYNC_EV_ROSTER_SAME,	/* kind's roster: not changed (304) */
	SYNC_EV_ROSTER_ABSENT,	/* the hub has no roster (404): once a run */
};

struct sync_progress {
	enum sync_event event;
	uint64_t batch_no;
	uint32_t records;	/* in batch_no */
	long done, total;	/* records acked this run, to send this run */
	int attempt;		/* SYNC_EV_RETRY: 1, 2, ... */
	long delay_ms;		/* SYNC_EV_RETRY */
	const char *why;	/* SYNC_EV_RETRY: the failure, in English */
	uint64_t high_water;	/* SYNC_EV_RESET, SYNC_EV_HUB_BEHIND */
	const char *kind;	/* SYNC_EV_ROSTER_*: "elders" */
};

/* Decoded bytes of one roster at most: a county's largest village is a
 * few thousand people, a few hundred bytes each. */
#define SYNC_ROSTER_MAX (32u * 1024u * 1024u)

/* How messages name the roster of KIND ("elders", "children"): the
 * user's words (老年人, 婴幼儿), KIND itself for another. */
const char *sync_roster_label(const char *kind);

struct sync_options {
	const char *url;		/* "http://hub:8080" */
	const char *token;		/* the station's bearer token */
	struct outbox_limits limits;
	int max_attempts;		/* failures in a row before giving up */
	long backoff_base_ms;		/* first back-off cap (1 s) */
	long backoff_cap_ms;		/* largest back-off (5 min) */
	/* The record source (forms/sync-record.h), made anew per cut. */
	void *(*source_new)(void);
	void (*source_free)(void *);
	outbox_source_fn source;
	void (*progress)(const struct sync_progress *p, void *arg);
	void *progress_arg;
	/* The roster download, after the uploads; ROSTER_KINDS NULL: none.
	 * The kinds' plural names ("elders", "children"), NULL-terminated,
	 * asked for in that order.  On a 200, ROSTER_MERGE(ROSTER_ARG, db,
	 * KIND, CSV, LEN, ETAG) merges the decoded body (CSV[LEN] is a NUL)
	 * and stores ETAG under sync_roster_key(KIND, "etag"), all in one
	 * transaction: 1 when it saved records (they are sent before the
	 * run ends), 0 when none, -1 and *CAUSE (nothing of it stored). */
	const char *const *roster_kinds;
	int (*roster_merge)(void *arg, sqlite3 *db, const char *kind,
	    const char *csv, size_t len, const char *etag, char **cause);
	void *roster_arg;
	size_t roster_max;		/* SYNC_ROSTER_MAX */
};

/* Defaults for everything but url, token, the source and progress. */
void sync_options_init(struct sync_options *o);

enum sync_result {
	SYNC_OK = 0,		/* the outbox is empty and all acked */
	SYNC_ERR_LOCAL = -1,	/* the station database */
	SYNC_ERR_NETWORK = -2,	/* gave up retrying: try again later */
	SYNC_ERR_TOKEN = -3,	/* 401: the token is wrong */
	SYNC_ERR_REFUSED = -4,	/* 400/403/409/...: needs a person */
	SYNC_ERR_ROSTER = -5,	/* a roster refused, too big, not merged */
};

/* Run one sync: the uploads, then the rosters.  SYNC_OK, or an error
 * with *CAUSE (English detail from the hub is quoted in it). */
enum sync_result sync_run(sqlite3 *db, const struct sync_options *o,
    char **cause);

/* Settings sync_run keeps ("" when unset): last success "YYYY-MM-DD
 * HH:MM:SS", last error (message) and its time. */
#define SYNC_KEY_HUB_URL "sync.hub_url"	/* set by hearth sync --hub */
#define SYNC_KEY_LAST_OK "sync.last_success"
#define SYNC_KEY_LAST_ERROR "sync.last_error"
#define SYNC_KEY_LAST_ERROR_AT "sync.last_error_at"
/* What kind of error that was, for a short word on the screens that does
 * not depend on the language `hearth sync` ran in: "network", "token",
 * "refused", "roster" or "local" ("" after a success). */
#define SYNC_KEY_LAST_RESULT "sync.last_result"

/* The setting WHAT of KIND's roster, "roster.KIND.WHAT", into OUT:
 * "etag" (the ETag of the roster last merged), "checked_at" (when the
 * hub last answered 200 or 304), and what forms/roster.c keeps. */
#define SYNC_ROSTER_KEY_MAX 64
void sync_roster_key(char out[SYNC_ROSTER_KEY_MAX], const char *kind,
    const char *what);

#endif
