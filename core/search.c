/* search.c: the in-memory index of elders and children searched at every
 * keystroke.
 *
 * Layout (why): the kiosk has 256 MB and a slow CPU, so the index is three
 * flat arrays — entries, one string pool (uid, name, ID number, division
 * code, NUL-terminated, addressed by 32-bit offsets) and one array of
 * pinyin masks (a slice per name) — under 100 bytes a person and three
 * allocations in all.  Elders come first, then children, each run in name
 * order, so a scan meets the matches of each class already sorted, a
 * search of one kind scans only its run, and search_run never
 * allocates. */
#include "core/search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/child.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/pinyin.h"

/* Names longer than this many characters with initials are matched on
 * their first SEARCH_MASKS_MAX only (no real name comes close). */
#define SEARCH_MASKS_MAX 64
/* A longer query than this (bytes) matches nothing: no name is that long. */
#define SEARCH_QUERY_MAX 255
/* An ID-tail query needs this many characters, so that "12" does not list
 * half the village. */
#define SEARCH_ID_MIN 4

struct search_entry {
	uint32_t uid, name, id, division;	/* offsets into pool */
	uint32_t masks;				/* offset into masks */
	uint16_t name_len;
	uint8_t nmasks;
	uint8_t id_len;
	int8_t status;		/* CH_STATUS / CH_CHILD_STATUS or -1 */
	uint8_t kind;		/* enum search_kind (fits the padding) */
};

#define SEARCH_KINDS 2

struct search_index {
	struct search_entry *entries;
	size_t n;
	size_t start[SEARCH_KINDS], count[SEARCH_KINDS];	/* runs */
	char *pool;
	uint32_t *masks;
};

/* Growing arrays used while loading only. */
struct search_build {
	struct search_entry *entries;
	size_t n, entries_cap;
	char *pool;
	size_t pool_len, pool_cap;
	uint32_t *masks;
	size_t nmasks, masks_cap;
};

static bool
grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 256;
	void *q;

	if (need <= *cap)
		return true;
	while (c < need)
		c *= 2;
	if ((q = realloc(*p, c * size)) == NULL)
		return false;
	*p = q;
	*cap = c;
	return true;
}

/* Append S (LEN bytes) and a NUL to the pool; its offset in *OFF. */
static bool
pool_add(struct search_build *b, const char *s, size_t len, uint32_t *off)
{
	if (b->pool_len + len + 1 > UINT32_MAX ||
	    !grow((void **)&b->pool, &b->pool_cap, b->pool_len + len + 1, 1))
		return false;
	memcpy(b->pool + b->pool_len, s, len);
	b->pool[b->pool_len + len] = '\0';
	*off = (uint32_t)b->pool_len;
	b->pool_len += len + 1;
	return true;
}

static const char *
column(sqlite3_stmt *st, int i, size_t *len)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	*len = s != NULL ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return s != NULL ? s : "";
}

/* Add the current row of ST (uid, name, ID number, division code) to B
 * as a person of KIND with STATUS. */
static bool
build_add(struct search_build *b, sqlite3_stmt *st, enum search_kind kind,
    int status)
{
	struct search_entry e;
	const char *s;
	size_t len;
	int n;

	memset(&e, 0, sizeof e);
	if (!grow((void **)&b->entries, &b->entries_cap, b->n + 1,
	    sizeof *b->entries))
		return false;
	s = column(st, 0, &len);
	if (!pool_add(b, s, len, &e.uid))
		return false;
	s = column(st, 1, &len);
	if (!pool_add(b, s, len, &e.name))
		return false;
	e.name_len = len > UINT16_MAX ? UINT16_MAX : (uint16_t)len;
	/* Masks are computed from the pooled copy: the column text may have
	 * been freed by the next sqlite3_column_* call. */
	if (!grow((void **)&b->masks, &b->masks_cap,
	    b->nmasks + SEARCH_MASKS_MAX, sizeof *b->masks))
		return false;
	n = pinyin_masks(b->pool + e.name, b->masks + b->nmasks,
	    SEARCH_MASKS_MAX);
	e.masks = (uint32_t)b->nmasks;
	e.nmasks = (uint8_t)n;
	b->nmasks += (size_t)n;
	s = column(st, 2, &len);
	if (len > UINT8_MAX)
		len = UINT8_MAX;	/* a valid ID number has 18 */
	if (!pool_add(b, s, len, &e.id))
		return false;
	e.id_len = (uint8_t)len;
	s = column(st, 3, &len);
	if (!pool_add(b, s, len, &e.division))
		return false;
	e.status = (int8_t)(status >= 0 ? status : -1);
	e.kind = (uint8_t)kind;
	b->entries[b->n++] = e;
	return true;
}

/* Give back what the doubling left unused (realloc down never fails in
 * practice, and if it does the bigger block is still good). */
static void *
shrink(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	return q != NULL ? q : p;
}

/* Name order (initials first: byte order of Chinese characters means
 * nothing to a reader) is the order hits are shown in. */
static const char *const load_sql[SEARCH_KINDS] = {
	[SEARCH_ELDER] = "SELECT uid, name, id_number, division_code, status"
	    " FROM elder WHERE deleted = 0"
	    " ORDER BY initials, name, uid",
	[SEARCH_CHILD] = "SELECT uid, name, id_number, division_code, status,"
	    " status_date, birth_date"
	    " FROM child WHERE deleted = 0"
	    " ORDER BY initials, name, uid",
};

/* The status of the current row of ST, a person of KIND: a child's is
 * derived for TODAY (结案 from the third birthday). */
static int
load_status(sqlite3_stmt *st, enum search_kind kind, struct ymd today)
{
	const char *s = (const char *)sqlite3_column_text(st, 4);
	int stored;

	if (kind == SEARCH_ELDER)
		return choice_find(CH_STATUS, s);
	if ((stored = choice_find(CH_CHILD_STATUS, s)) < 0)
		return -1;
	return child_status_at(stored, db_column_date(st, 5),
	    db_column_date(st, 6), today);
}

/* Append the run of KIND to B.  1 done, 0 out of memory, -1 error. */
static int
load_kind(sqlite3 *db, struct search_build *b, enum search_kind kind,
    struct ymd today, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = db_prepare(db, load_sql[kind], cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!build_add(b, st, kind, load_status(st, kind, today))) {
			db_done(st);
			return 0;
		}
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		db_done(st);
		return -1;
	}
	db_done(st);
	return 1;
}

struct search_index *
search_load(sqlite3 *db, char **cause)
{
	struct search_build b;
	struct search_index *ix;
	struct ymd today = date_today();
	size_t start[SEARCH_KINDS];
	int k, rc;

	memset(&b, 0, sizeof b);
	for (k = 0; k < SEARCH_KINDS; k++) {
		start[k] = b.n;
		if ((rc = load_kind(db, &b, (enum search_kind)k, today,
		    cause)) == 0)
			goto nomem;
		if (rc < 0)
			goto fail;
	}
	if ((ix = malloc(sizeof *ix)) == NULL)
		goto nomem;
	for (k = 0; k < SEARCH_KINDS; k++) {
		ix->start[k] = start[k];
		ix->count[k] = (k + 1 < SEARCH_KINDS ? start[k + 1] : b.n) -
		    start[k];
	}
	ix->n = b.n;
	ix->entries = shrink(b.entries, b.n * sizeof *b.entries);
	ix->pool = shrink(b.pool, b.pool_len);
	ix->masks = shrink(b.masks, b.nmasks * sizeof *b.masks);
	return ix;

nomem:
	err_set(cause, "%s",
	    _("out of memory while loading the list of elders"));
fail:
	free(b.entries);
	free(b.pool);
	free(b.masks);
	return NULL;
}

void
search_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->entries);
	free(ix->pool);
	free(ix->masks);
	free(ix);
}

size_t
search_size(const struct search_index *ix)
{
	return ix != NULL ? ix->n : 0;
}

size_t
search_count(const struct search_index *ix, unsigned kinds)
{
	size_t n = 0;
	int k;

	for (k = 0; ix != NULL && k < SEARCH_KINDS; k++)
		if (kinds & (1u << k))
			n += ix->count[k];
	return n;
}

enum query_kind { Q_NONE, Q_NAME, Q_INITIALS, Q_ID };

/* Classes of a match, in the order hits are shown. */
enum { C_EXACT, C_PREFIX, C_OTHER, C__COUNT };

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Trim QUERY into BUF and tell how to match it. */
static enum query_kind
query_prepare(const char *query, char buf[SEARCH_QUERY_MAX + 1], size_t *len)
{
	const char *end;
	size_t n, i;

	while (*query == ' ' || *query == '\t')
		query++;
	end = query + strlen(query);
	while (end > query && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - query);
	if (n == 0 || n > SEARCH_QUERY_MAX)
		return Q_NONE;
	memcpy(buf, query, n);
	buf[n] = '\0';
	*len = n;
	if (pinyin_is_query(buf))
		return Q_INITIALS;
	for (i = 0; i < n && is_digit(buf[i]); i++)
		;
	if (i == n || (i == n - 1 && (buf[i] == 'x' || buf[i] == 'X'))) {
		/* A short run of digits is no name either: nothing, rather
		 * than a name search that cannot match. */
		if (n < SEARCH_ID_MIN || n > 18)
			return Q_NONE;
		if (buf[n - 1] == 'x')
			buf[n - 1] = 'X';	/* stored upper case */
		return Q_ID;
	}
	return Q_NAME;
}

/* The class of E's match for Q, or -1. */
static int
match_entry(const struct search_index *ix, const struct search_entry *e,
    enum query_kind kind, const char *q, size_t qlen)
{
	const char *s;
	int pos;

	switch (kind) {
	case Q_INITIALS:
		pos = pinyin_match_pos(ix->masks + e->masks, e->nmasks, q);
		if (pos < 0)
			return -1;
		/* Initials of the whole name rank with the exact name:
		 * "zw" puts 张伟 before 张伟明. */
		if (pos == 0)
			return qlen == e->nmasks ? C_EXACT : C_PREFIX;
		return C_OTHER;
	case Q_ID:
		if (e->id_len < qlen)
			return -1;
		s = ix->pool + e->id;
		if (memcmp(s + e->id_len - qlen, q, qlen) != 0)
			return -1;
		return e->id_len == qlen ? C_EXACT : C_OTHER;
	case Q_NAME:
		if (e->name_len < qlen)
			return -1;
		s = ix->pool + e->name;
		if (memcmp(s, q, qlen) == 0)
			return e->name_len == qlen ? C_EXACT : C_PREFIX;
		return strstr(s + 1, q) != NULL ? C_OTHER : -1;
	default:
		return -1;
	}
}

static void
hit_fill(const struct search_index *ix, const struct search_entry *e,
    struct search_hit *h)
{
	h->uid = ix->pool + e->uid;
	h->name = ix->pool + e->name;
	h->id_number = ix->pool + e->id;
	h->division_code = ix->pool + e->division;
	h->kind = e->kind;
	h->status = e->status;
}

/* The state of one search: the query and the hits kept so far. */
struct search_scan {
	enum query_kind kind;
	const char *q;
	size_t qlen;
	struct search_hit *hits;
	size_t max;
	size_t kept[C__COUNT];
	size_t total;
};

/* Match entries [BEGIN, END) of IX into S.  HITS holds the first MAX of
 * the final order: the kept hits of each class in a block, blocks in
 * class order.  Entries arrive in name order, so a new hit goes at the
 * end of its class's block; whatever that pushes past MAX is dropped.
 * Each class can push at most MAX times, so the moves cost O(MAX) per
 * search, not per entry. */
static void
scan_run(const struct search_index *ix, size_t begin, size_t end,
    struct search_scan *s)
{
	size_t i, at, used;
	int c, k;

	for (i = begin; i < end; i++) {
		if ((c = match_entry(ix, &ix->entries[i], s->kind, s->q,
		    s->qlen)) < 0)
			continue;
		s->total++;
		at = 0;
		for (k = 0; k <= c; k++)
			at += s->kept[k];
		if (at >= s->max)
			continue;
		used = s->kept[0] + s->kept[1] + s->kept[2];
		if (used == s->max) {
			/* Full: the last hit (of the last non-empty class)
			 * falls off. */
			for (k = C__COUNT - 1; s->kept[k] == 0; k--)
				;
			s->kept[k]--;
			used--;
		}
		memmove(&s->hits[at + 1], &s->hits[at],
		    (used - at) * sizeof *s->hits);
		hit_fill(ix, &ix->entries[i], &s->hits[at]);
		s->kept[c]++;
	}
}

size_t
search_run(const struct search_index *ix, const char *query,
    struct search_hit *hits, size_t max)
{
	return search_run_kinds(ix, query, SEARCH_ELDERS, hits, max);
}

size_t
search_run_kinds(const struct search_index *ix, const char *query,
    unsigned kinds, struct search_hit *hits, size_t max)
{
	char q[SEARCH_QUERY_MAX + 1];
	struct search_scan s;
	int run;

	if (ix == NULL || query == NULL)
		return 0;
	memset(&s, 0, sizeof s);
	if ((s.kind = query_prepare(query, q, &s.qlen)) == Q_NONE)
		return 0;
	s.q = q;
	s.hits = hits;
	s.max = max;
	/* A kind not asked for is a run not scanned at all, so children
	 * cost an elder search nothing.  Runs in kind order: with both,
	 * elders come before children within each class. */
	for (run = 0; run < SEARCH_KINDS; run++)
		if (kinds & (1u << run))
			scan_run(ix, ix->start[run],
			    ix->start[run] + ix->count[run], &s);
	return s.total;
}
