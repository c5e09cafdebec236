/* wire-column.c: choosing, writing and reading the coding of one column. */
#include "core/wire-column.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "core/utf8.h"

#define FLAG_NULLS	0x01	/* a null bitmap follows */
#define FLAG_DELTA	0x02	/* numbers: each relative to the one before */
#define MAX_DIGITS	18	/* every such decimal fits an int64 */

/* ------------------------------------------------------------ typed text */

static bool
digits(const char *s, size_t n, int64_t *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* Canonical decimal only ("0", "-12", never "012", "+1" or "-0"), so that
 * printing the number gives back the very same text. */
static bool
parse_int(const char *s, int64_t *v)
{
	bool neg = *s == '-';
	size_t n;

	s += neg;
	n = strlen(s);
	if (n == 0 || n > MAX_DIGITS || (s[0] == '0' && (n > 1 || neg)))
		return false;
	if (!digits(s, n, v))
		return false;
	if (neg)
		*v = -*v;
	return true;
}

static bool
parse_date_at(const char *s, int64_t *days)
{
	int64_t y, m, d;
	struct ymd ymd;

	if (s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
	    !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	ymd.y = (int)y;
	ymd.m = (int)m;
	ymd.d = (int)d;
	if (!date_valid(ymd))
		return false;
	*days = date_to_days(ymd);
	return true;
}

static bool
parse_date(const char *s, int64_t *v)
{
	return strlen(s) == 10 && parse_date_at(s, v);
}

static bool
parse_clock(const char *s, int64_t *days, int64_t *h, int64_t *m)
{
	return parse_date_at(s, days) && s[10] == ' ' && s[13] == ':' &&
	    digits(s + 11, 2, h) && digits(s + 14, 2, m) && *h < 24 && *m < 60;
}

static bool
parse_minute(const char *s, int64_t *v)
{
	int64_t days, h, m;

	if (strlen(s) != 16 || !parse_clock(s, &days, &h, &m))
		return false;
	*v = days * 1440 + h * 60 + m;
	return true;
}

static bool
parse_second(const char *s, int64_t *v)
{
	int64_t days, h, m, sec;

	if (strlen(s) != 19 || !parse_clock(s, &days, &h, &m) ||
	    s[16] != ':' || !digits(s + 17, 2, &sec) || sec > 59)
		return false;
	*v = days * 86400 + h * 3600 + m * 60 + sec;
	return true;
}

static bool
print_int(int64_t v, char *out)
{
	snprintf(out, 48, "%" PRId64, v);
	return true;
}

/* Day numbers of 1900-01-01 and 9999-12-31, date_valid()'s range. */
#define DAY_MIN	(-25567)
#define DAY_MAX	2932896

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

static bool
print_date(int64_t v, char *out)
{
	if (v < DAY_MIN || v > DAY_MAX)
		return false;
	date_format(date_from_days((long)v), out);
	return true;
}

static bool
print_minute(int64_t v, char *out)
{
	int64_t days = floor_div(v, 1440);

	if (days < DAY_MIN || days > DAY_MAX)
		return false;
	date_format_time(date_from_days((long)days), (int)(v - days * 1440),
	    out);
	return true;
}

static bool
print_second(int64_t v, char *out)
{
	int64_t days = floor_div(v, 86400), sec = v - days * 86400;

	if (days < DAY_MIN || days > DAY_MAX)
		return false;
	date_format_time(date_from_days((long)days), (int)(sec / 60), out);
	sec %= 60;
	out[16] = ':';
	out[17] = (char)('0' + sec / 10);
	out[18] = (char)('0' + sec % 10);
	out[19] = '\0';
	return true;
}

struct numtype {
	int coding;
	bool (*parse)(const char *s, int64_t *v);
	bool (*print)(int64_t v, char *out);
};

static const struct numtype numtypes[] = {
	{ WIRE_COL_INT, parse_int, print_int },
	{ WIRE_COL_DATE, parse_date, print_date },
	{ WIRE_COL_MINUTE, parse_minute, print_minute },
	{ WIRE_COL_SECOND, parse_second, print_second },
};

static const struct numtype *
numtype_of(int coding)
{
	size_t i;

	for (i = 0; i < sizeof numtypes / sizeof numtypes[0]; i++)
		if (numtypes[i].coding == coding)
			return &numtypes[i];
	return NULL;
}

/* "PREFIX:SEQ" with a non-empty prefix and a canonical sequence number. */
static bool
parse_uid(const char *s, size_t *plen, int64_t *seq)
{
	const char *colon = strrchr(s, ':');

	if (colon == NULL || colon == s || colon[1] == '-' ||
	    !parse_int(colon + 1, seq))
		return false;
	*plen = (size_t)(colon - s);
	return true;
}

/* ------------------------------------------------------------- encoding */

static void
put_nulls(struct wire_buf *b, unsigned flags, const char *const *vals,
    size_t n)
{
	unsigned char byte = 0;
	size_t i;

	wire_buf_byte(b, flags);
	if ((flags & FLAG_NULLS) == 0)
		return;
	for (i = 0; i < n; i++) {
		if (vals[i] == NULL)
			byte |= (unsigned char)(1u << (i % 8));
		if (i % 8 == 7 || i + 1 == n) {
			wire_buf_byte(b, byte);
			byte = 0;
		}
	}
}

static void
encode_text(struct wire_buf *b, const char *const *vals, size_t n,
    unsigned flags)
{
	size_t i;

	put_nulls(b, flags, vals, n);
	/* all lengths first, then all bytes: the texts sit next to each other
	 * for deflate, the small numbers next to each other too */
	for (i = 0; i < n; i++)
		if (vals[i] != NULL)
			wire_buf_uvarint(b, strlen(vals[i]));
	for (i = 0; i < n; i++)
		if (vals[i] != NULL)
			wire_buf_put(b, vals[i], strlen(vals[i]));
}

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	while (b != 0) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static uint64_t
magnitude(uint64_t wrapped)
{
	int64_t s = (int64_t)wrapped;

	return s < 0 ? 0 - wrapped : wrapped;
}

/* Bytes the steps V[1..NN) take relative to their reference, divided by
 * their common divisor (*G). */
static size_t
steps_cost(const int64_t *v, size_t nn, bool delta, uint64_t *g)
{
	uint64_t d, div = 0;
	size_t i, cost = 0;

	for (i = 1; i < nn; i++)
		div = gcd(div, magnitude((uint64_t)v[i] -
		    (uint64_t)v[delta ? i - 1 : 0]));
	/* a divisor above INT64_MAX cannot divide a signed step safely */
	if (div == 0 || div > INT64_MAX)
		div = 1;
	for (i = 1; i < nn; i++) {
		d = (uint64_t)v[i] - (uint64_t)v[delta ? i - 1 : 0];
		cost += wire_uvarint_len(wire_zigzag((int64_t)d /
		    (int64_t)div));
	}
	*g = div;
	return cost;
}

/* Numbers: the first value, then each step (to the previous value, or to
 * the first one, whichever is smaller here), divided by the steps' common
 * divisor: visit times on 5-minute marks cost a fifth. */
static bool
encode_numbers(struct wire_buf *b, const struct numtype *t,
    const char *const *vals, size_t n, unsigned flags, int64_t *v)
{
	uint64_t gd, gp, g, d;
	size_t i, nn = 0;
	bool delta;

	for (i = 0; i < n; i++)
		if (vals[i] != NULL && !t->parse(vals[i], &v[nn++]))
			return false;
	delta = steps_cost(v, nn, true, &gd) <= steps_cost(v, nn, false, &gp);
	g = delta ? gd : gp;
	put_nulls(b, flags | (delta ? FLAG_DELTA : 0), vals, n);
	if (nn == 0)
		return true;
	wire_buf_uvarint(b, g);
	wire_buf_svarint(b, v[0]);
	for (i = 1; i < nn; i++) {
		d = (uint64_t)v[i] - (uint64_t)v[delta ? i - 1 : 0];
		wire_buf_svarint(b, (int64_t)d / (int64_t)g);
	}
	return true;
}

/* Distinct strings of a column, by hashing (FNV-1a, open addressing). */
struct distinct {
	const char **str;	/* distinct values in order of first use */
	size_t *len;		/* their lengths (a uid prefix is not NUL-ended) */
	size_t *count;		/* uses of each */
	size_t *slot;		/* hash slots: index + 1, 0 = empty */
	size_t n, mask;
};

static uint64_t
hash_str(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static bool
distinct_init(struct distinct *d, size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	d->str = calloc(n + 1, sizeof *d->str);
	d->len = calloc(n + 1, sizeof *d->len);
	d->count = calloc(n + 1, sizeof *d->count);
	d->slot = calloc(size, sizeof *d->slot);
	d->n = 0;
	d->mask = size - 1;
	return d->str != NULL && d->len != NULL && d->count != NULL &&
	    d->slot != NULL;
}

static void
distinct_free(struct distinct *d)
{
	free(d->str);
	free(d->len);
	free(d->count);
	free(d->slot);
}

/* Index of S[0..LEN) among the distinct values, added if new. */
static size_t
distinct_add(struct distinct *d, const char *s, size_t len)
{
	size_t h = (size_t)hash_str(s, len) & d->mask, k;

	while ((k = d->slot[h]) != 0) {
		if (d->len[k - 1] == len && memcmp(d->str[k - 1], s, len) == 0)
			break;
		h = (h + 1) & d->mask;
	}
	if (k == 0) {
		d->str[d->n] = s;
		d->len[d->n] = len;
		d->slot[h] = k = ++d->n;
	}
	d->count[k - 1]++;
	return k - 1;
}

struct use {
	size_t count, first;
};

static int
by_count(const void *a, const void *b)
{
	const struct use *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Dictionary: the distinct values once, most used first (so the common
 * ones get one-byte indexes), then one index per record, 0 for null. */
static bool
encode_dict(struct wire_buf *b, const char *const *vals, size_t n,
    size_t *idx)
{
	struct distinct d;
	struct use *order = NULL;
	size_t *rank = NULL, i;
	bool ok = false;

	if (!distinct_init(&d, n))
		goto out;
	for (i = 0; i < n; i++)
		idx[i] = vals[i] != NULL ?
		    distinct_add(&d, vals[i], strlen(vals[i])) : SIZE_MAX;
	order = calloc(d.n + 1, sizeof *order);
	rank = calloc(d.n + 1, sizeof *rank);
	if (order == NULL || rank == NULL)
		goto out;
	for (i = 0; i < d.n; i++) {
		order[i].count = d.count[i];
		order[i].first = i;
	}
	qsort(order, d.n, sizeof *order, by_count);
	for (i = 0; i < d.n; i++)
		rank[order[i].first] = i + 1;
	wire_buf_uvarint(b, d.n);
	for (i = 0; i < d.n; i++)
		wire_buf_uvarint(b, d.len[order[i].first]);
	for (i = 0; i < d.n; i++)
		wire_buf_put(b, d.str[order[i].first], d.len[order[i].first]);
	for (i = 0; i < n; i++)
		wire_buf_uvarint(b, idx[i] == SIZE_MAX ? 0 : rank[idx[i]]);
	ok = true;
out:
	free(order);
	free(rank);
	distinct_free(&d);
	return ok;
}

/* Uids: the prefixes (station codes) once, then per value the prefix's
 * index (only when there are several) and the step of the sequence
 * number: a station's own records come out as runs of +1. */
static bool
encode_uids(struct wire_buf *b, const char *const *vals, size_t n,
    unsigned flags)
{
	struct distinct d;
	struct wire_buf rows;
	size_t i, plen, k;
	int64_t seq, prev = 0;
	bool ok = false;

	wire_buf_init(&rows);
	if (!distinct_init(&d, n))
		goto out;
	for (i = 0; i < n; i++) {
		if (vals[i] == NULL)
			continue;
		if (!parse_uid(vals[i], &plen, &seq))
			goto out;
		k = distinct_add(&d, vals[i], plen);
		wire_buf_uvarint(&rows, k);
		wire_buf_svarint(&rows, seq - prev);
		prev = seq;
	}
	put_nulls(b, flags, vals, n);
	wire_buf_uvarint(b, d.n);
	for (i = 0; i < d.n; i++)
		wire_buf_blob(b, d.str[i], d.len[i]);
	if (d.n <= 1) {
		/* one prefix: drop the indexes */
		struct wire_reader r;

		wire_reader_init(&r, rows.data, rows.len);
		while (wire_reader_left(&r) > 0) {
			(void)wire_read_uvarint(&r);
			wire_buf_svarint(b, wire_read_svarint(&r));
		}
	} else
		wire_buf_put(b, rows.data, rows.len);
	ok = !rows.oom;
out:
	wire_buf_free(&rows);
	distinct_free(&d);
	return ok;
}

/* Every coding that can hold this column is written out and the shortest
 * kept: the columns are small (a month is a few thousand values), and the
 * real bytes beat any rule of thumb about which coding wins.  Ties go to
 * the earlier coding in the list. */
int
wire_col_encode(struct wire_buf *out, const char *const *vals, size_t n)
{
	struct wire_buf best, cand;
	unsigned flags = 0;
	int best_coding = WIRE_COL_TEXT, coding;
	int64_t *num;
	size_t *idx, i;
	bool ok;

	for (i = 0; i < n; i++)
		if (vals[i] == NULL)
			flags = FLAG_NULLS;
	for (i = 0; i < n && vals[i] == NULL; i++)
		;
	if (i == n)
		return WIRE_COL_NULL;
	num = calloc(n + 1, sizeof *num);
	idx = calloc(n + 1, sizeof *idx);
	wire_buf_init(&best);
	encode_text(&best, vals, n, flags);
	for (coding = WIRE_COL_DICT; coding < WIRE_COL_CODINGS; coding++) {
		if (num == NULL || idx == NULL)
			break;
		wire_buf_init(&cand);
		if (coding == WIRE_COL_DICT)
			ok = encode_dict(&cand, vals, n, idx);
		else if (coding == WIRE_COL_UID)
			ok = encode_uids(&cand, vals, n, flags);
		else
			ok = encode_numbers(&cand, numtype_of(coding), vals, n,
			    flags, num);
		if (ok && !cand.oom && cand.len < best.len) {
			wire_buf_free(&best);
			best = cand;
			best_coding = coding;
		} else
			wire_buf_free(&cand);
	}
	free(num);
	free(idx);
	wire_buf_put(out, best.data, best.len);
	if (best.oom)
		out->oom = true;
	wire_buf_free(&best);
	return best_coding;
}

/* ------------------------------------------------------------- decoding */

static int
col_fail(char **cause, const char *what)
{
	err_set(cause, "malformed %s column", what);
	return -1;
}

/* The flags byte and null bitmap; *NN the non-null values. */
static bool
read_nulls(struct wire_col *c, unsigned allowed, unsigned *flags, size_t *nn)
{
	size_t i, nulls = 0, bytes = (c->n + 7) / 8;

	*flags = wire_read_byte(&c->r);
	*nn = c->n;
	if (c->r.bad || (*flags & ~allowed) != 0)
		return false;
	if ((*flags & FLAG_NULLS) == 0)
		return true;
	if ((c->nulls = wire_read_bytes(&c->r, bytes)) == NULL)
		return false;
	for (i = 0; i < bytes * 8; i++)
		if (c->nulls[i / 8] & (1u << (i % 8))) {
			if (i >= c->n)
				return false;	/* bits past the end */
			nulls++;
		}
	*nn = c->n - nulls;
	return true;
}

/* COUNT length-prefixed strings: the lengths, then the bytes (to the end of
 * the reader when TO_END), copied NUL-terminated into the arena; each must
 * be UTF-8 without NUL.  Pointers to them in c->strs when WANT_PTRS. */
static bool
read_strings(struct wire_col *c, size_t count, bool to_end, bool want_ptrs)
{
	struct wire_reader lens = c->r;
	const unsigned char *bytes;
	size_t i, len, total = 0;
	char *o;

	for (i = 0; i < count; i++) {
		len = wire_read_count(&c->r, wire_reader_left(&c->r));
		if (c->r.bad || total > wire_reader_left(&c->r) ||
		    len > wire_reader_left(&c->r) - total)
			return false;
		total += len;
	}
	if ((to_end && total != wire_reader_left(&c->r)) ||
	    (bytes = wire_read_bytes(&c->r, total)) == NULL)
		return false;
	if ((c->arena = malloc(total + count + 1)) == NULL)
		return false;
	if (want_ptrs && (c->strs = calloc(count + 1, sizeof *c->strs)) == NULL)
		return false;
	c->nstrs = count;
	o = c->arena;
	for (i = 0; i < count; i++) {
		len = wire_read_count(&lens, SIZE_MAX);
		if (memchr(bytes, '\0', len) != NULL ||
		    !utf8_valid((const char *)bytes, len))
			return false;
		if (want_ptrs)
			c->strs[i] = o;
		memcpy(o, bytes, len);
		o[len] = '\0';
		o += len + 1;
		bytes += len;
	}
	c->text = c->arena;
	return true;
}

int
wire_col_open(struct wire_col *c, int coding, const unsigned char *data,
    size_t len, size_t n, char **cause)
{
	unsigned flags;
	size_t nn;

	memset(c, 0, sizeof *c);
	c->coding = coding;
	c->n = n;
	wire_reader_init(&c->r, data, len);
	switch (coding) {
	case WIRE_COL_NULL:
		return len == 0 ? 0 : col_fail(cause, "null");
	case WIRE_COL_TEXT:
		if (!read_nulls(c, FLAG_NULLS, &flags, &nn) ||
		    !read_strings(c, nn, true, false))
			return col_fail(cause, "text");
		return 0;
	case WIRE_COL_DICT:
		/* more entries than values would be no dictionary at all;
		 * refusing them bounds the pointer array by the record count */
		nn = wire_read_count(&c->r, n);
		if (c->r.bad || !read_strings(c, nn, false, true))
			return col_fail(cause, "dictionary");
		return 0;
	case WIRE_COL_UID:
		if (!read_nulls(c, FLAG_NULLS, &flags, &nn))
			return col_fail(cause, "uid");
		c->nstrs = wire_read_count(&c->r, nn);
		if (c->r.bad || (nn > 0 && c->nstrs == 0))
			return col_fail(cause, "uid");
		/* prefixes are blobs: length then bytes, one after the other */
		{
			size_t i, plen, total = 0, longest = 0;
			struct wire_reader probe = c->r;
			const unsigned char *p;
			char *o;

			for (i = 0; i < c->nstrs; i++) {
				if (wire_read_blob(&probe, &plen) == NULL)
					return col_fail(cause, "uid");
				total += plen + 1;
				if (plen > longest)
					longest = plen;
			}
			c->arena = malloc(total + 1);
			c->strs = calloc(c->nstrs + 1, sizeof *c->strs);
			c->scratch = malloc(longest + sizeof c->num + 1);
			if (c->arena == NULL || c->strs == NULL ||
			    c->scratch == NULL)
				return col_fail(cause, "uid");
			o = c->arena;
			for (i = 0; i < c->nstrs; i++) {
				p = wire_read_blob(&c->r, &plen);
				if (memchr(p, '\0', plen) != NULL ||
				    !utf8_valid((const char *)p, plen))
					return col_fail(cause, "uid");
				c->strs[i] = o;
				memcpy(o, p, plen);
				o[plen] = '\0';
				o += plen + 1;
			}
		}
		return 0;
	default:
		if (numtype_of(coding) == NULL ||
		    !read_nulls(c, FLAG_NULLS | FLAG_DELTA, &flags, &nn))
			return col_fail(cause, "number");
		c->delta = (flags & FLAG_DELTA) != 0;
		if (nn > 0) {
			c->gcd = wire_read_uvarint(&c->r);
			if (c->r.bad || c->gcd == 0 || c->gcd > INT64_MAX)
				return col_fail(cause, "number");
		}
		return 0;
	}
}

static bool
is_null(const struct wire_col *c, size_t i)
{
	return c->nulls != NULL && (c->nulls[i / 8] & (1u << (i % 8))) != 0;
}

static bool
next_number(struct wire_col *c, const char **val)
{
	const struct numtype *t = numtype_of(c->coding);
	uint64_t v;

	if (!c->started) {
		/* the first value as is; it is also the reference of the
		 * plain coding, where it never moves */
		v = (uint64_t)wire_read_svarint(&c->r);
		c->prev = v;
		c->started = true;
	} else {
		/* wrapping arithmetic, as the encoder did */
		v = c->prev + (uint64_t)wire_read_svarint(&c->r) * c->gcd;
		if (c->delta)
			c->prev = v;
	}
	if (c->r.bad || !t->print((int64_t)v, c->num))
		return false;
	*val = c->num;
	return true;
}

static bool
next_uid(struct wire_col *c, const char **val)
{
	size_t k = c->nstrs > 1 ? wire_read_count(&c->r, c->nstrs - 1) : 0;
	int64_t seq;

	if (!c->started) {
		c->prev = 0;
		c->started = true;
	}
	c->prev += (uint64_t)wire_read_svarint(&c->r);
	seq = (int64_t)c->prev;
	if (c->r.bad || seq < 0)
		return false;
	/* the scratch was sized at open for the longest prefix */
	sprintf(c->scratch, "%s:%" PRId64, c->strs[k], seq);
	*val = c->scratch;
	return true;
}

bool
wire_col_next(struct wire_col *c, const char **val)
{
	size_t k;

	*val = NULL;
	if (c->i >= c->n)
		return false;
	c->i++;
	if (c->coding == WIRE_COL_NULL || is_null(c, c->i - 1))
		return true;
	switch (c->coding) {
	case WIRE_COL_TEXT:
		*val = c->text;
		c->text += strlen(c->text) + 1;
		return true;
	case WIRE_COL_DICT:
		k = wire_read_count(&c->r, c->nstrs);
		if (c->r.bad)
			return false;
		*val = k == 0 ? NULL : c->strs[k - 1];
		return true;
	case WIRE_COL_UID:
		return next_uid(c, val);
	default:
		return next_number(c, val);
	}
}

bool
wire_col_done(const struct wire_col *c)
{
	return c->i == c->n && !c->r.bad &&
	    (c->coding == WIRE_COL_TEXT || wire_reader_left(&c->r) == 0);
}

void
wire_col_close(struct wire_col *c)
{
	free(c->arena);
	free(c->strs);
	free(c->scratch);
	memset(c, 0, sizeof *c);
}
