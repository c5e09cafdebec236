/* wire.c: batches of records in and out (the payload's sections).
 *
 * The encoder keeps the records it is given per kind, as rows of copied
 * strings, and writes them at finish() as one section per kind, in the
 * order the kinds first came, each column by core/wire-column.c.  The
 * decoder reads a payload twice: once to check all of it, once to hand
 * the records out, so a caller never sees half of a batch that turns out
 * to be broken. */
#include "core/wire.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/wire-column.h"
#include "core/wire-format.h"

static const char *const kind_names[] = {
	NULL, "elder", "visit", "meal", "site", "child", "guidance",
};

const char *
wire_kind_name(int kind)
{
	if (kind <= 0 || (size_t)kind >= sizeof kind_names /
	    sizeof kind_names[0])
		return NULL;
	return kind_names[kind];
}

/* ------------------------------------------------------------- encoding */

struct row {
	char *uid;
	bool deleted;
	size_t nvals;
	char **vals;		/* by the section's column index */
};

struct section {
	int kind;
	size_t ncols, nrows, caprows;
	char *names[WIRE_MAX_COLUMNS];
	struct row *rows;
};

struct wire_encoder {
	char station[WIRE_STATION_MAX + 1];
	uint64_t batch_no;
	size_t count;
	size_t nsections;
	struct section *sections[WIRE_KIND_MAX + 1];	/* in order of use */
};

struct wire_encoder *
wire_encoder_new(const char *station, uint64_t batch_no)
{
	struct wire_encoder *enc;

	if (strlen(station) > WIRE_STATION_MAX ||
	    (enc = calloc(1, sizeof *enc)) == NULL)
		return NULL;
	strcpy(enc->station, station);
	enc->batch_no = batch_no;
	return enc;
}

size_t
wire_encoder_count(const struct wire_encoder *enc)
{
	return enc->count;
}

static void
row_free(struct row *r)
{
	size_t i;

	for (i = 0; i < r->nvals; i++)
		free(r->vals[i]);
	free(r->vals);
	free(r->uid);
}

void
wire_encoder_free(struct wire_encoder *enc)
{
	struct section *s;
	size_t i, j;

	if (enc == NULL)
		return;
	for (i = 0; i < enc->nsections; i++) {
		s = enc->sections[i];
		for (j = 0; j < s->nrows; j++)
			row_free(&s->rows[j]);
		for (j = 0; j < s->ncols; j++)
			free(s->names[j]);
		free(s->rows);
		free(s);
	}
	free(enc);
}

static struct section *
section_for(struct wire_encoder *enc, int kind)
{
	size_t i;

	for (i = 0; i < enc->nsections; i++)
		if (enc->sections[i]->kind == kind)
			return enc->sections[i];
	if ((enc->sections[i] = calloc(1, sizeof **enc->sections)) == NULL)
		return NULL;
	enc->sections[i]->kind = kind;
	enc->nsections++;
	return enc->sections[i];
}

/* Index of column NAME in S, added if new; HINT is where it probably is
 * (records of a kind mostly come with the same columns in the same
 * order).  -1 when S is full or out of memory. */
static long
section_column(struct section *s, const char *name, size_t hint)
{
	size_t i;

	if (hint < s->ncols && strcmp(s->names[hint], name) == 0)
		return (long)hint;
	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->names[i], name) == 0)
			return (long)i;
	if (s->ncols == WIRE_MAX_COLUMNS ||
	    (s->names[s->ncols] = strdup(name)) == NULL)
		return -1;
	return (long)s->ncols++;
}

static bool
text_ok(const char *s)
{
	return utf8_valid(s, strlen(s));
}

static int
check_record(const struct wire_record *r, char **cause)
{
	size_t i, j;

	if (r->kind <= 0 || r->kind > WIRE_KIND_MAX) {
		err_set(cause, _("record of unknown kind %d"), r->kind);
		return -1;
	}
	if (r->uid == NULL || *r->uid == '\0' || !text_ok(r->uid)) {
		err_set(cause, "%s", _("record without a valid uid"));
		return -1;
	}
	if (r->ncols > WIRE_MAX_COLUMNS) {
		err_set(cause, _("record %s has more than %d columns"), r->uid,
		    WIRE_MAX_COLUMNS);
		return -1;
	}
	for (i = 0; i < r->ncols; i++) {
		if (r->names[i] == NULL || *r->names[i] == '\0' ||
		    !text_ok(r->names[i]) ||
		    (r->values[i] != NULL && !text_ok(r->values[i]))) {
			err_set(cause, _("record %s: column %zu is not valid "
			    "UTF-8 text"), r->uid, i + 1);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(r->names[i], r->names[j]) == 0) {
				err_set(cause, _("record %s: column %s twice"),
				    r->uid, r->names[i]);
				return -1;
			}
	}
	return 0;
}

int
wire_encoder_add(struct wire_encoder *enc, const struct wire_record *r,
    char **cause)
{
	long cols[WIRE_MAX_COLUMNS];
	struct section *s;
	struct row row;
	size_t i;

	if (check_record(r, cause) != 0)
		return -1;
	if (enc->count >= UINT32_MAX) {
		err_set(cause, "%s", _("the batch is too large"));
		return -1;
	}
	memset(&row, 0, sizeof row);
	if ((s = section_for(enc, r->kind)) == NULL)
		goto oom;
	for (i = 0; i < r->ncols; i++)
		if ((cols[i] = section_column(s, r->names[i], i)) < 0) {
			if (s->ncols < WIRE_MAX_COLUMNS)
				goto oom;
			err_set(cause, _("records of one kind with more than "
			    "%d different columns"), WIRE_MAX_COLUMNS);
			return -1;
		}
	if (s->nrows == s->caprows) {
		size_t cap = s->caprows != 0 ? s->caprows * 2 : 64;
		struct row *rows = realloc(s->rows, cap * sizeof *rows);

		if (rows == NULL)
			goto oom;
		s->rows = rows;
		s->caprows = cap;
	}
	/* a row is as wide as the section is now: columns that come later
	 * are null in it */
	row.deleted = r->deleted;
	row.nvals = s->ncols;
	if ((row.uid = strdup(r->uid)) == NULL ||
	    (row.vals = calloc(row.nvals + 1, sizeof *row.vals)) == NULL)
		goto oom;
	for (i = 0; i < r->ncols; i++)
		if (r->values[i] != NULL &&
		    (row.vals[cols[i]] = strdup(r->values[i])) == NULL)
			goto oom;
	s->rows[s->nrows++] = row;
	enc->count++;
	return 0;
oom:
	if (row.vals == NULL)
		row.nvals = 0;
	row_free(&row);
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

/* One column: its coding, then its data with their length, so a decoder
 * that does not know the coding can step over it. */
static void
column_write(struct wire_buf *out, const char *const *vals, size_t n)
{
	struct wire_buf data;
	int coding;

	wire_buf_init(&data);
	coding = wire_col_encode(&data, vals, n);
	wire_buf_byte(out, (unsigned)coding);
	wire_buf_blob(out, data.data, data.len);
	if (data.oom)
		out->oom = true;
	wire_buf_free(&data);
}

static void
section_write(struct wire_buf *out, const struct section *s,
    const char **vals)
{
	struct wire_buf body;
	unsigned char bits = 0;
	size_t i, c;
	bool any = false;

	wire_buf_init(&body);
	wire_buf_uvarint(&body, (uint64_t)s->kind);
	wire_buf_uvarint(&body, s->nrows);
	wire_buf_uvarint(&body, s->ncols);
	/* soft deletes are rare: one byte says there are none */
	for (i = 0; i < s->nrows; i++)
		any |= s->rows[i].deleted;
	wire_buf_byte(&body, any);
	for (i = 0; any && i < s->nrows; i++) {
		if (s->rows[i].deleted)
			bits |= (unsigned char)(1u << (i % 8));
		if (i % 8 == 7 || i + 1 == s->nrows) {
			wire_buf_byte(&body, bits);
			bits = 0;
		}
	}
	for (i = 0; i < s->nrows; i++)
		vals[i] = s->rows[i].uid;
	column_write(&body, vals, s->nrows);
	for (c = 0; c < s->ncols; c++) {
		for (i = 0; i < s->nrows; i++)
			vals[i] = c < s->rows[i].nvals ? s->rows[i].vals[c] :
			    NULL;
		wire_buf_blob(&body, s->names[c], strlen(s->names[c]));
		column_write(&body, vals, s->nrows);
	}
	wire_buf_uvarint(out, WIRE_SECTION_RECORDS);
	wire_buf_blob(out, body.data, body.len);
	if (body.oom)
		out->oom = true;
	wire_buf_free(&body);
}

int
wire_encoder_payload(struct wire_encoder *enc, struct wire_buf *payload,
    char **cause)
{
	const char **vals;
	size_t i;

	wire_buf_init(payload);
	if ((vals = calloc(enc->count + 1, sizeof *vals)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	for (i = 0; i < enc->nsections; i++)
		section_write(payload, enc->sections[i], vals);
	free(vals);
	if (payload->oom) {
		wire_buf_free(payload);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

int
wire_encoder_finish(struct wire_encoder *enc, unsigned char **out,
    size_t *len, char **cause)
{
	struct wire_frame f;
	struct wire_buf payload;
	int rc;

	if (wire_encoder_payload(enc, &payload, cause) != 0)
		return -1;
	memset(&f, 0, sizeof f);
	f.major = WIRE_VERSION;
	f.minor = WIRE_VERSION_MINOR;
	f.batch_no = enc->batch_no;
	f.nrecords = (uint32_t)enc->count;
	strcpy(f.station, enc->station);
	rc = wire_frame_seal(&f, &payload, true, NULL, out, len, cause);
	wire_buf_free(&payload);
	return rc;
}

/* ------------------------------------------------------------- decoding */

struct decoder {
	const struct wire_frame *f;
	int (*fn)(const struct wire_record *r, void *arg);
	void *arg;
	bool deliver;		/* second pass: call FN */
	size_t records;		/* so far */
	char **cause;
};

struct open_section {
	int kind;
	size_t nrows, ncols, nkept;
	const unsigned char *deleted;	/* bitmap or NULL */
	struct wire_col uid;
	struct wire_col *cols;		/* the kept columns */
	const char **names, **values;
	char *name_arena;
};

static int
bad(struct decoder *d, const char *what)
{
	err_set(d->cause, "malformed batch: %s", what);
	return -1;
}

static void
section_close(struct open_section *s)
{
	size_t i;

	wire_col_close(&s->uid);
	for (i = 0; s->cols != NULL && i < s->nkept; i++)
		wire_col_close(&s->cols[i]);
	free(s->cols);
	free(s->names);
	free(s->values);
	free(s->name_arena);
}

/* The column blocks of a section: names checked and copied, each known
 * coding opened; an unknown coding (a newer minor version's) skipped. */
static int
section_columns(struct decoder *d, struct open_section *s,
    struct wire_reader *r)
{
	const unsigned char *name, *data;
	size_t i, j, nlen, dlen;
	char *o;
	int coding;

	s->cols = calloc(s->ncols + 1, sizeof *s->cols);
	s->names = calloc(s->ncols + 1, sizeof *s->names);
	s->values = calloc(s->ncols + 1, sizeof *s->values);
	/* names are at most the section's bytes, each NUL-ended */
	s->name_arena = malloc(wire_reader_left(r) + s->ncols + 1);
	if (s->cols == NULL || s->names == NULL || s->values == NULL ||
	    s->name_arena == NULL) {
		err_set(d->cause, "out of memory");
		return -1;
	}
	o = s->name_arena;
	for (i = 0; i < s->ncols; i++) {
		name = wire_read_blob(r, &nlen);
		coding = (int)wire_read_byte(r);
		data = wire_read_blob(r, &dlen);
		if (r->bad || nlen == 0 || memchr(name, '\0', nlen) != NULL ||
		    !utf8_valid((const char *)name, nlen))
			return bad(d, "column name");
		if (coding >= WIRE_COL_CODINGS)
			continue;
		memcpy(o, name, nlen);
		o[nlen] = '\0';
		for (j = 0; j < s->nkept; j++)
			if (strcmp(s->names[j], o) == 0)
				return bad(d, "a column twice");
		s->names[s->nkept] = o;
		o += nlen + 1;
		if (wire_col_open(&s->cols[s->nkept++], coding, data, dlen,
		    s->nrows, d->cause) != 0)
			return -1;
	}
	return 0;
}

static int
section_rows(struct decoder *d, struct open_section *s)
{
	struct wire_record rec;
	size_t i, c;
	int rc;

	memset(&rec, 0, sizeof rec);
	rec.kind = s->kind;
	rec.ncols = s->nkept;
	rec.names = s->names;
	rec.values = s->values;
	for (i = 0; i < s->nrows; i++) {
		if (!wire_col_next(&s->uid, &rec.uid) || rec.uid == NULL ||
		    *rec.uid == '\0')
			return bad(d, "uid");
		rec.deleted = s->deleted != NULL &&
		    (s->deleted[i / 8] & (1u << (i % 8))) != 0;
		for (c = 0; c < s->nkept; c++)
			if (!wire_col_next(&s->cols[c], &s->values[c]))
				return bad(d, s->names[c]);
		if (d->deliver && (rc = d->fn(&rec, d->arg)) != 0)
			return rc;
	}
	if (!wire_col_done(&s->uid))
		return bad(d, "uid column too long");
	for (c = 0; c < s->nkept; c++)
		if (!wire_col_done(&s->cols[c]))
			return bad(d, s->names[c]);
	return 0;
}

static int
section_read(struct decoder *d, struct wire_reader *r)
{
	struct open_section s;
	const unsigned char *data;
	size_t dlen, i;
	unsigned has_deleted;
	int coding, rc = -1;

	memset(&s, 0, sizeof s);
	s.kind = (int)wire_read_count(r, WIRE_KIND_MAX);
	s.nrows = wire_read_count(r, d->f->nrecords - d->records);
	s.ncols = wire_read_count(r, WIRE_MAX_COLUMNS);
	has_deleted = wire_read_byte(r);
	if (r->bad || s.kind == 0 || has_deleted > 1)
		return bad(d, "section header");
	if (has_deleted) {
		s.deleted = wire_read_bytes(r, (s.nrows + 7) / 8);
		for (i = s.nrows; s.deleted != NULL && i % 8 != 0; i++)
			if (s.deleted[i / 8] & (1u << (i % 8)))
				return bad(d, "deleted bitmap");
	}
	coding = (int)wire_read_byte(r);
	data = wire_read_blob(r, &dlen);
	if (r->bad)
		return bad(d, "uid column");
	if (wire_col_open(&s.uid, coding, data, dlen, s.nrows, d->cause) != 0)
		goto out;
	if (section_columns(d, &s, r) != 0)
		goto out;
	if (wire_reader_left(r) != 0) {
		rc = bad(d, "bytes after the last column");
		goto out;
	}
	rc = section_rows(d, &s);
	d->records += s.nrows;
out:
	section_close(&s);
	return rc;
}

static int
payload_read(struct decoder *d, const unsigned char *p, size_t len)
{
	struct wire_reader r, sub;
	uint64_t tag;
	size_t n;
	int rc;

	d->records = 0;
	wire_reader_init(&r, p, len);
	while (wire_reader_left(&r) > 0) {
		tag = wire_read_uvarint(&r);
		n = wire_read_count(&r, wire_reader_left(&r));
		if (!wire_read_sub(&r, n, &sub))
			return bad(d, "section length");
		/* a section this version does not know (a newer minor
		 * version's) is skipped by its length */
		if (tag != WIRE_SECTION_RECORDS)
			continue;
		if ((rc = section_read(d, &sub)) != 0)
			return rc;
	}
	if (d->records != d->f->nrecords)
		return bad(d, "fewer records than the header says");
	return 0;
}

static void
info_fill(struct wire_batch_info *info, const struct wire_frame *f)
{
	if (info == NULL)
		return;
	memset(info, 0, sizeof *info);
	memcpy(info->station, f->station, sizeof info->station);
	info->batch_no = f->batch_no;
	info->version = f->major;
	info->version_minor = f->minor;
	info->nrecords = f->nrecords;
	info->checksum = f->crc;
}

int
wire_peek(const unsigned char *in, size_t len, struct wire_batch_info *info,
    char **cause)
{
	struct wire_frame f;

	if (wire_frame_header(in, len, &f, cause) != 0)
		return -1;
	info_fill(info, &f);
	return 0;
}

int
wire_decode(const unsigned char *in, size_t len,
    const struct wire_limits *lim, struct wire_batch_info *info,
    int (*fn)(const struct wire_record *r, void *arg), void *arg,
    bool *too_big, char **cause)
{
	struct wire_frame f;
	struct decoder d;
	unsigned char *payload;
	bool big = false;
	int rc;

	if (too_big != NULL)
		*too_big = false;
	if (wire_frame_open(in, len, lim, &f, &payload, &big, cause) != 0) {
		if (too_big != NULL)
			*too_big = big;
		return -1;
	}
	info_fill(info, &f);
	memset(&d, 0, sizeof d);
	d.f = &f;
	d.fn = fn;
	d.arg = arg;
	d.cause = cause;
	/* check everything first: FN sees a whole batch or nothing */
	rc = payload_read(&d, payload, f.payload_len);
	if (rc == 0 && fn != NULL) {
		d.deliver = true;
		rc = payload_read(&d, payload, f.payload_len);
	}
	free(payload);
	return rc;
}
