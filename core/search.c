/* search.c: the in-memory elder index searched at every keystroke.
 *
 * Layout (why): the kiosk has 256 MB and a slow CPU, so the index is three
 * flat arrays — entries, one string pool (uid, name, ID number, division
 * code, NUL-terminated, addressed by 32-bit offsets) and one array of
 * pinyin masks (a slice per name) — under 100 bytes an elder and three
 * allocations in all.  Entries are kept in name order, so a scan meets the
 * matches of each class already sorted and search_run never allocates. */
#include "core/search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
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
	int8_t status;				/* CH_STATUS or -1 */
};

struct search_index {
	struct search_entry *entries;
	size_t n;
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

/* Add the current row of ST to B. */
static bool
build_add(struct search_build *b, sqlite3_stmt *st)
{
	struct search_entry e;
	const char *s;
	size_t len;
	int n, status;

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
	s = column(st, 4, &len);
	status = choice_find(CH_STATUS, s);
	e.status = (int8_t)(status >= 0 ? status : -1);
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

struct search_index *
search_load(sqlite3 *db, char **cause)
{
	/* Name order (initials first: byte order of Chinese characters means
	 * nothing to a reader) is the order hits are shown in. */
	static const char sql[] =
		"SELECT uid, name, id_number, division_code, status"
		" FROM elder WHERE deleted = 0"
		" ORDER BY initials, name, uid";
	struct search_build b;
	struct search_index *ix;
	sqlite3_stmt *st;
	int rc;

	memset(&b, 0, sizeof b);
	if ((st = db_prepare(db, sql, cause)) == NULL)
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!build_add(&b, st))
			goto nomem;
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	db_done(st);
	st = NULL;
	if ((ix = malloc(sizeof *ix)) == NULL)
		goto nomem;
	ix->n = b.n;
	ix->entries = shrink(b.entries, b.n * sizeof *b.entries);
	ix->pool = shrink(b.pool, b.pool_len);
	ix->masks = shrink(b.masks, b.nmasks * sizeof *b.masks);
	return ix;

nomem:
	err_set(cause, "%s",
	    _("out of memory while loading the list of elders"));
fail:
	if (st != NULL)
		db_done(st);
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
	h->status = e->status;
}

size_t
search_run(const struct search_index *ix, const char *query,
    struct search_hit *hits, size_t max)
{
	char q[SEARCH_QUERY_MAX + 1];
	size_t kept[C__COUNT] = { 0, 0, 0 };
	size_t qlen = 0, total = 0, i, at, used;
	enum query_kind kind;
	int c, k;

	if (ix == NULL || query == NULL)
		return 0;
	if ((kind = query_prepare(query, q, &qlen)) == Q_NONE)
		return 0;
	/* HITS holds the first MAX of the final order: the kept hits of each
	 * class in a block, blocks in class order.  Entries arrive in name
	 * order, so a new hit goes at the end of its class's block; whatever
	 * that pushes past MAX is dropped.  Each class can push at most MAX
	 * times, so the moves cost O(MAX) per search, not per entry. */
	for (i = 0; i < ix->n; i++) {
		if ((c = match_entry(ix, &ix->entries[i], kind, q, qlen)) < 0)
			continue;
		total++;
		at = 0;
		for (k = 0; k <= c; k++)
			at += kept[k];
		if (at >= max)
			continue;
		used = kept[0] + kept[1] + kept[2];
		if (used == max) {
			/* Full: the last hit (of the last non-empty class)
			 * falls off. */
			for (k = C__COUNT - 1; kept[k] == 0; k--)
				;
			kept[k]--;
			used--;
		}
		memmove(&hits[at + 1], &hits[at], (used - at) * sizeof *hits);
		hit_fill(ix, &ix->entries[i], &hits[at]);
		kept[c]++;
	}
	return total;
}
