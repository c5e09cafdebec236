/* roster.c: the county's roster: import through the station's forms,
 * serve per division (roster.h). */
#define _GNU_SOURCE		/* open_memstream */
#include "hub/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/db.h"
#include "core/err.h"
#include "core/validate.h"
#include "core/wire.h"
#include "forms/export.h"
#include "forms/kind.h"
#include "hub/negotiate.h"
#include "hub/reply.h"

/* The scratch station: a code the hub's own, a division any will do
 * (no rule of a record depends on the station's division). */
#define SCRATCH_CODE "HUB"
#define SCRATCH_NAME "hearth-hub roster"
#define SCRATCH_DIVISION "110000000000"
/* created_by of the scratch records; never leaves the scratch database. */
#define SCRATCH_LOGIN "hearth-hub"

static const struct {
	const char *name;
	int kind;
} roster_kinds[] = {
	{ "elders", WIRE_ELDER },
	{ "children", WIRE_CHILD },
};
#define NKINDS (sizeof roster_kinds / sizeof roster_kinds[0])

int
roster_kind(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NKINDS; i++)
		if (strcmp(roster_kinds[i].name, name) == 0)
			return roster_kinds[i].kind;
	return 0;
}

const char *
roster_kind_name(int kind)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (roster_kinds[i].kind == kind)
			return roster_kinds[i].name;
	return NULL;
}

/* The forms kind (fields, import, export) of a roster kind. */
static const struct form_kind *
form_kind_of(int kind)
{
	const char *name = roster_kind_name(kind);

	return name != NULL ? kind_by_name(name) : NULL;
}

/* ---- The columns ---- */

/* The export's columns of K without uid: NAMES[0..*N) point into X. */
struct columns {
	struct export_rows *x;
	const char **names;
	size_t n;
	size_t *cell;		/* NAMES[i] is export cell CELL[i] */
};

static void
columns_free(struct columns *c)
{
	export_rows_free(c->x);
	free(c->names);
	free(c->cell);
	memset(c, 0, sizeof *c);
}

/* DB: the scratch database for reading records back, or NULL just for
 * the names (elders and children refer to no other record, so their
 * columns need no database). */
static int
columns_init(struct columns *c, sqlite3 *db, const struct form_kind *k,
    char **cause)
{
	const char *const *all;
	size_t n, i;

	memset(c, 0, sizeof *c);
	for (i = 0; db == NULL && i < k->n; i++) {
		if (k->fields[i].type == FIELD_ELDER ||
		    k->fields[i].type == FIELD_CHILD ||
		    k->fields[i].type == FIELD_REF) {
			err_set(cause, "the %s roster refers to other records",
			    k->plural);
			return -1;
		}
	}
	if ((c->x = export_rows_new(db, k, cause)) == NULL)
		return -1;
	n = export_rows_columns(c->x, &all);
	c->names = calloc(n, sizeof *c->names);
	c->cell = calloc(n, sizeof *c->cell);
	if (c->names == NULL || c->cell == NULL) {
		columns_free(c);
		err_set(cause, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(all[i], "uid") == 0)
			continue;
		c->cell[c->n] = i;
		c->names[c->n++] = all[i];
	}
	return 0;
}

/* Index of column NAME, or -1. */
static int
columns_find(const struct columns *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->names[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *
rec_value(const struct wire_record *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return r->values[i];
	return NULL;
}

/* ---- The scratch station database ---- */

struct scratch {
	sqlite3 *db;
};

static void
scratch_close(struct scratch *s)
{
	db_close(s->db);
	s->db = NULL;
}

/* A new station database in memory (core/db.h DB_OPEN_SCRATCH: nothing
 * of a county's list, ID numbers and all, touches a disk here), made as
 * `hearth init` makes one. */
static int
scratch_open(struct scratch *s, char **cause)
{
	memset(s, 0, sizeof *s);
	if ((s->db = db_open(NULL, DB_OPEN_SCRATCH, cause)) == NULL ||
	    db_station_init(s->db, SCRATCH_CODE, SCRATCH_NAME,
	    SCRATCH_DIVISION, cause) != 0) {
		scratch_close(s);
		return -1;
	}
	return 0;
}

/* ---- Import ---- */

/* One import: the columns, which of them the file gives, the record being
 * built and the row stored before it. */
struct import_ctx {
	struct store *st;
	int kind;
	struct columns cols;
	bool *given;		/* per column: the file's header has it */
	const char **vals;	/* the row as it will be stored */
	char **stored;		/* the stored row's values (malloc'd) */
	char *stored_key;	/* ... and its key */
	struct roster_counts *counts;
	char *cause;		/* why import_record stopped the pass */
};

/* Which columns the file's header names, as forms' import maps them
 * (form_find: keys and Chinese headers). */
static int
header_given(struct import_ctx *c, const struct form_kind *k,
    const char *utf8, size_t len)
{
	struct csv_record hdr = { 0 };
	struct csv_reader *r;
	char *why = NULL;
	size_t i;
	int f;

	if ((c->given = calloc(c->cols.n ? c->cols.n : 1,
	    sizeof *c->given)) == NULL || (r = csv_reader_new(utf8, len)) ==
	    NULL)
		return -1;
	/* A header that cannot be read is import_csv's to report. */
	if (csv_read(r, &hdr, &why) == 1) {
		for (i = 0; i < hdr.nfields; i++) {
			f = form_find(k->fields, k->n, hdr.fields[i]);
			if (f >= 0 && (f = columns_find(&c->cols,
			    k->fields[f].key)) >= 0)
				c->given[f] = true;
		}
	}
	free(why);
	csv_record_clear(&hdr);
	csv_reader_free(r);
	return 0;
}

static void
stored_clear(struct import_ctx *c)
{
	size_t i;

	for (i = 0; i < c->cols.n; i++) {
		free(c->stored[i]);
		c->stored[i] = NULL;
	}
	free(c->stored_key);
	c->stored_key = NULL;
}

/* store_roster_get: keep the stored row's key and values. */
static int
stored_copy(const struct store_roster_row *row, void *arg)
{
	struct import_ctx *c = arg;
	const char *v;
	size_t i;

	if ((c->stored_key = strdup(row->key)) == NULL)
		return -1;
	for (i = 0; i < c->cols.n; i++)
		if ((v = rec_value(row->rec, c->cols.names[i])) != NULL &&
		    (c->stored[i] = strdup(v)) == NULL)
			return -1;
	return 0;
}

/* The row stored under KEY (BY_ALT: alternative key) into C: 1, 0 none,
 * -1 and c->cause. */
static int
stored_find(struct import_ctx *c, const char *key, bool by_alt)
{
	char *why = NULL;
	int rc;

	stored_clear(c);
	/* -1 without a cause: stored_copy ran out of memory. */
	rc = store_roster_get(c->st, c->kind, key, by_alt, stored_copy, c,
	    &why);
	if (rc < 0) {
		c->cause = why != NULL ? why : strdup("out of memory");
		stored_clear(c);
		return -1;
	}
	return rc;
}

static const char *
val(const struct import_ctx *c, const char *name)
{
	int i = columns_find(&c->cols, name);

	return i >= 0 && c->vals[i] != NULL ? c->vals[i] : "";
}

/* Store one accepted record: its natural key, the stored row it is, the
 * merge, the upsert. */
static int
import_record(const void *rec, void *arg)
{
	struct import_ctx *c = arg;
	const char *const *cells;
	struct store_roster_row row;
	struct wire_record w;
	enum store_put put;
	char *person = NULL, *why = NULL;
	const char *key, *alt = NULL, *replaces = NULL;
	size_t i;
	int found, id_col, rc = -1;

	if ((cells = export_rows_cells(c->cols.x, rec, &why)) == NULL) {
		c->cause = why;
		goto done;
	}
	for (i = 0; i < c->cols.n; i++)
		c->vals[i] = cells[c->cols.cell[i]];
	key = val(c, "id_number");
	if (c->kind == WIRE_CHILD) {
		/* core/child.c's identity of a child without an ID number;
		 * names hold no '|' (validate_name). */
		if ((person = err_fmt("%s|%s|%s", val(c, "name"),
		    val(c, "birth_date"), val(c, "caregiver"))) == NULL)
			goto oom;
		if (*key != '\0')
			alt = person;
		else
			key = person;
	}
	if ((found = stored_find(c, key, false)) < 0)
		goto done;
	if (found == 0 && c->kind == WIRE_CHILD) {
		if (alt != NULL) {
			/* Listed before without its ID number. */
			if ((found = stored_find(c, person, false)) < 0)
				goto done;
			if (found)
				replaces = person;
		} else {
			/* Known with an ID number this list lacks: that row,
			 * and the number stays. */
			if ((found = stored_find(c, person, true)) < 0)
				goto done;
			if (found) {
				key = c->stored_key;
				alt = person;
				id_col = columns_find(&c->cols, "id_number");
				if (id_col >= 0 && c->stored[id_col] != NULL)
					c->vals[id_col] = c->stored[id_col];
			}
		}
	}
	/* A column the file lacks keeps what the hub holds. */
	for (i = 0; found && i < c->cols.n; i++)
		if (!c->given[i] && c->stored[i] != NULL &&
		    *c->stored[i] != '\0')
			c->vals[i] = c->stored[i];
	memset(&w, 0, sizeof w);
	w.kind = c->kind;
	w.uid = "";
	w.ncols = c->cols.n;
	w.names = c->cols.names;
	w.values = c->vals;
	row.kind = c->kind;
	row.key = key;
	row.alt_key = alt;
	row.division_code = val(c, "division_code");
	row.rec = &w;
	if (store_roster_put(c->st, &row, replaces, &put, &why) != 0) {
		c->cause = why;
		goto done;
	}
	if (put == STORE_PUT_INSERTED)
		c->counts->inserted++;
	else if (put == STORE_PUT_UPDATED)
		c->counts->updated++;
	else
		c->counts->unchanged++;
	rc = 0;
	goto done;
oom:
	c->cause = strdup("out of memory");
done:
	stored_clear(c);
	free(person);
	return rc;
}

enum roster_result
roster_import(struct store *st, const struct roster_import *in,
    struct roster_counts *counts, char **cause)
{
	const struct form_kind *k = form_kind_of(in->kind);
	struct import_counts ic;
	struct import_ctx c;
	struct scratch s;
	struct ymd any = { 0, 0, 0 };	/* no period: every record */
	enum roster_result ret = ROSTER_ERROR;
	char *why = NULL;

	memset(counts, 0, sizeof *counts);
	memset(&c, 0, sizeof c);
	if (k == NULL) {
		err_set(cause, "the roster holds elders and children");
		return ROSTER_BAD_FILE;
	}
	if (scratch_open(&s, cause) != 0)
		return ROSTER_ERROR;
	/* The station's import: every row checked, the accepted ones
	 * saved in the scratch database (twice in the file: once). */
	if (import_csv(s.db, k, in->utf8, in->len, false, SCRATCH_LOGIN,
	    in->reject, in->arg, &ic, cause) != 0) {
		ret = ROSTER_BAD_FILE;
		goto done;
	}
	counts->rejected = ic.rejected;
	if (in->all_or_nothing && ic.rejected > 0) {
		ret = ROSTER_DONE;
		goto done;
	}
	c.st = st;
	c.kind = in->kind;
	c.counts = counts;
	if (columns_init(&c.cols, s.db, k, cause) != 0)
		goto done;
	if (header_given(&c, k, in->utf8, in->len) != 0 ||
	    (c.vals = calloc(c.cols.n, sizeof *c.vals)) == NULL ||
	    (c.stored = calloc(c.cols.n, sizeof *c.stored)) == NULL) {
		err_set(cause, "out of memory");
		goto done;
	}
	if (store_roster_begin(st, cause) != 0)
		goto done;
	if (k->each(s.db, any, any, import_record, &c, &why) != 0) {
		store_roster_abort(st);
		/* The callback's own failure, else the pass's. */
		if (c.cause != NULL) {
			*cause = c.cause;
			c.cause = NULL;
			free(why);
		} else
			*cause = why != NULL ? why : strdup("out of memory");
		goto done;
	}
	if (in->dry_run)
		store_roster_abort(st);
	else if (store_roster_commit(st, cause) != 0)
		goto done;
	ret = ROSTER_DONE;
done:
	if (ret != ROSTER_DONE)
		counts->inserted = counts->updated = counts->unchanged = 0;
	free(c.cause);
	free(c.given);
	free(c.vals);
	free(c.stored);
	columns_free(&c.cols);
	scratch_close(&s);
	return ret;
}

int
roster_station_prefix(struct store *st, const char *code, char prefix[13],
    char **cause)
{
	char division[13];
	int rc;

	prefix[0] = '\0';
	if ((rc = store_station_division(st, code, division, cause)) != 1)
		return rc;
	if (validate_division_prefix(division, prefix) < 0) {
		err_set(cause, "station %s has no valid division code", code);
		return -1;
	}
	return 1;
}

/* ---- Out ---- */

void
roster_reply_free(struct roster_reply *rep)
{
	free(rep->body);
	rep->body = NULL;
	rep->len = 0;
}

static void
reply_json(struct roster_reply *rep, unsigned status, char *json)
{
	rep->status = status;
	rep->body = json;
	rep->len = json != NULL ? strlen(json) : 0;
	rep->csv = rep->gzip = false;
}

struct get_ctx {
	FILE *out;
	const struct columns *cols;
	const char **fields;
};

static int
get_row(const struct store_roster_row *row, void *arg)
{
	struct get_ctx *g = arg;
	size_t i;

	for (i = 0; i < g->cols->n; i++)
		g->fields[i] = rec_value(row->rec, g->cols->names[i]);
	return csv_write_row(g->out, g->fields, g->cols->n) != 0 ? 2 : 0;
}

/* The roster of Q as CSV into *BODY: 0, or -1 and *CAUSE. */
static int
roster_csv(struct store *st, const struct roster_query *q, char **body,
    size_t *len, char **cause)
{
	const struct form_kind *k = form_kind_of(q->kind);
	struct columns cols;
	struct get_ctx g;
	FILE *f;
	int rc = -1;

	*body = NULL;
	*len = 0;
	if (k == NULL) {
		err_set(cause, "the roster holds elders and children");
		return -1;
	}
	if (columns_init(&cols, NULL, k, cause) != 0)
		return -1;
	if ((f = open_memstream(body, len)) == NULL) {
		columns_free(&cols);
		err_set(cause, "out of memory");
		return -1;
	}
	g.out = f;
	g.cols = &cols;
	if ((g.fields = calloc(cols.n ? cols.n : 1, sizeof *g.fields)) ==
	    NULL || csv_write_row(f, cols.names, cols.n) != 0)
		err_set(cause, "out of memory");
	else if ((rc = store_each_roster(st, q->kind, q->prefix, get_row, &g,
	    cause)) == 2) {
		err_set(cause, "out of memory");
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		err_set(cause, "out of memory");
		rc = -1;
	}
	free(g.fields);
	columns_free(&cols);
	if (rc != 0) {
		free(*body);
		*body = NULL;
	}
	return rc;
}

void
roster_get(struct store *st, const struct roster_query *q,
    struct roster_reply *rep)
{
	char *body, *gz, *cause = NULL;
	size_t len, gzlen;

	memset(rep, 0, sizeof *rep);
	if (roster_csv(st, q, &body, &len, &cause) != 0) {
		reply_json(rep, 503, reply_error("database: %s",
		    cause != NULL ? cause : "out of memory"));
		free(cause);
		return;
	}
	negotiate_etag(body, len, rep->etag);
	if (q->if_none_match != NULL &&
	    negotiate_etag_matches(q->if_none_match, rep->etag)) {
		free(body);
		rep->status = 304;
		return;
	}
	rep->status = 200;
	rep->csv = true;
	if (q->accept_encoding != NULL &&
	    negotiate_accepts_gzip(q->accept_encoding)) {
		if (negotiate_gzip(body, len, &gz, &gzlen) != 0) {
			free(body);
			reply_json(rep, 500, NULL);
			return;
		}
		free(body);
		body = gz;
		len = gzlen;
		rep->gzip = true;
	}
	rep->body = body;
	rep->len = len;
}

/* The rejected rows of a POST, for its 422. */
struct rejects {
	size_t n;
	struct reply_reject row[ROSTER_REJECT_MAX];
	bool oom;
};

static void
post_reject(void *arg, size_t line, const char *reason)
{
	struct rejects *r = arg;
	char *copy;

	if (r->n == ROSTER_REJECT_MAX)
		return;
	if ((copy = strdup(reason)) == NULL) {
		r->oom = true;
		return;
	}
	r->row[r->n].line = line;
	r->row[r->n].reason = copy;
	r->n++;
}

void
roster_post(struct store *st, int kind, const char *body, size_t len,
    enum textenc enc, bool dry_run, struct roster_reply *rep)
{
	struct roster_import in;
	struct roster_counts counts;
	struct rejects *rj;
	enum roster_result rc;
	char *utf8 = NULL, *cause = NULL;
	size_t ulen, i;

	memset(rep, 0, sizeof *rep);
	if (textenc_to_utf8(body, len, enc, &utf8, &ulen, NULL, &cause) != 0) {
		reply_json(rep, 400, reply_error("the file cannot be read: %s",
		    cause != NULL ? cause : "out of memory"));
		free(cause);
		return;
	}
	if ((rj = calloc(1, sizeof *rj)) == NULL) {
		free(utf8);
		reply_json(rep, 500, NULL);
		return;
	}
	memset(&in, 0, sizeof in);
	in.kind = kind;
	in.utf8 = utf8;
	in.len = ulen;
	in.dry_run = dry_run;
	in.all_or_nothing = true;
	in.reject = post_reject;
	in.arg = rj;
	rc = roster_import(st, &in, &counts, &cause);
	if (rc == ROSTER_BAD_FILE)
		reply_json(rep, 400, reply_error("%s", cause != NULL ? cause :
		    "out of memory"));
	else if (rc == ROSTER_ERROR)
		reply_json(rep, 503, reply_error("nothing was stored: %s",
		    cause != NULL ? cause : "out of memory"));
	else if (rj->oom)
		reply_json(rep, 500, NULL);
	else if (counts.rejected > 0)
		reply_json(rep, 422, reply_rejected(counts.rejected, rj->row,
		    rj->n));
	else
		reply_json(rep, 200, reply_roster_counts(counts.inserted,
		    counts.updated, counts.unchanged, dry_run));
	for (i = 0; i < rj->n; i++)
		free((char *)rj->row[i].reason);
	free(rj);
	free(cause);
	free(utf8);
}
