/* roster.h: the county's roster of elders and children (issue 5).
 *
 * County staff register elders and children centrally, from the civil
 * affairs office's lists; each station fetches the rows of its own
 * division.  No HTTP here (hub/http.c reads the request and sends the
 * reply, as for hub/ingest.c), so the rules read in one place.
 *
 * In (roster_import): the list is checked by the station's own rules, not
 * a copy of them.  Its rows go through forms' CSV import (forms/import.h:
 * Chinese or English headers, choice labels, ID-number checks, every
 * field rule) into a scratch station database in memory, made as
 * `hearth init` makes one (core/db.h DB_OPEN_SCRATCH).  The accepted
 * records are read back as the station exports them (forms/export.h)
 * and stored in the
 * hub's roster without the uid, in one transaction, upserted by natural
 * key: elders by ID number; children by ID number when given, else by
 * name + birth date + caregiver, the way a station matches a child
 * (core/child.c child_find): a child first listed without an ID number
 * keeps its row when the number comes, and a later list without the
 * number does not erase it.  As on a station, a column the file lacks
 * keeps the value the hub holds (a list without 风险等级 does not reset
 * it, and the 登记日期 the scratch database fills in with today stays the
 * day the hub first saw the row), so importing the same file again, on
 * any day, changes nothing.  Rows missing from a later file are kept:
 * county lists come town by town, and removal is a status (迁出, 死亡) in
 * the list.
 *
 * Rejected rows go to the caller's REJECT callback with their line and
 * reason.  The command line stores the valid rows anyway (exit 3, like
 * `hearth import`); the HTTP POST is all or nothing (SPEC: nothing
 * partial is ever stored).
 *
 * Out (roster_get): CSV, RFC 4180, UTF-8, a header row of the kind's
 * export columns without uid, in the station export's order; the rows of
 * a division prefix (core/validate.h validate_division_prefix) or of the
 * whole county, in key order.  The ETag is W/"hex" of BLAKE2b-128 of the
 * uncompressed body, so it changes exactly when the body does;
 * If-None-Match with it (or *) is 304 without a body.  gzip when the
 * client accepts it. */
#ifndef HEARTH_HUB_ROSTER_H
#define HEARTH_HUB_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/textenc.h"
#include "forms/import.h"
#include "hub/negotiate.h"
#include "hub/store.h"

/* The wire kind for "elders" or "children", else 0. */
int roster_kind(const char *name);
/* "elders" or "children" for what roster_kind() returned. */
const char *roster_kind_name(int kind);

struct roster_counts {
	size_t inserted, updated, unchanged, rejected;
};

struct roster_import {
	int kind;			/* roster_kind() */
	const char *utf8;		/* the file, decoded (core/textenc.h) */
	size_t len;
	bool dry_run;			/* check and count, store nothing */
	bool all_or_nothing;		/* a rejected row stores nothing */
	import_reject_fn reject;	/* each rejected row: line, reason */
	void *arg;
};

enum roster_result {
	ROSTER_ERROR = -1,	/* the store or the scratch database failed */
	ROSTER_DONE = 0,	/* read; see the counts (rows may be rejected) */
	ROSTER_BAD_FILE = 1,	/* no header, a required column missing... */
};

/* Import IN into the roster; *COUNTS say what happened to the rows (the
 * hub's view: a row twice in the file is one row).  With ALL_OR_NOTHING
 * and a rejected row nothing is stored and only COUNTS->rejected is set.
 * *CAUSE for ROSTER_ERROR and ROSTER_BAD_FILE. */
enum roster_result roster_import(struct store *st,
    const struct roster_import *in, struct roster_counts *counts,
    char **cause);

/* The division prefix of station CODE's roster into PREFIX: 1, 0 when
 * there is no such station, -1 and *CAUSE. */
int roster_station_prefix(struct store *st, const char *code,
    char prefix[13], char **cause);

/* An HTTP answer: status, body (malloc'd; JSON for errors), and for a
 * roster its ETag and whether the body is gzip. */
struct roster_reply {
	unsigned status;
	char *body;		/* NULL when out of memory (500) */
	size_t len;
	bool csv;		/* the body is the roster (else JSON or none) */
	bool gzip;		/* ... compressed with gzip */
	char etag[NEGOTIATE_ETAG_MAX];	/* W/"<32 hex>", "" when none */
};

struct roster_query {
	int kind;
	const char *prefix;		/* NULL: the whole county */
	const char *if_none_match;	/* request headers, NULL when absent */
	const char *accept_encoding;
};

/* GET: 200 with the CSV, 304 (no body) when If-None-Match names the
 * current ETag, 503 when the store fails. */
void roster_get(struct store *st, const struct roster_query *q,
    struct roster_reply *rep);

/* POST: BODY[0..LEN) in encoding ENC, imported all or nothing: 200
 * {"inserted":N,"updated":N,"unchanged":N,"dry_run":false}, 422 {"error":
 * "N rows rejected","rejected":[{"line":L,"reason":"..."},...]} (the
 * first ROSTER_REJECT_MAX) with nothing stored, 400 an unreadable file,
 * 503 a store failure. */
#define ROSTER_REJECT_MAX 100
void roster_post(struct store *st, int kind, const char *body, size_t len,
    enum textenc enc, bool dry_run, struct roster_reply *rep);

void roster_reply_free(struct roster_reply *rep);

#endif
