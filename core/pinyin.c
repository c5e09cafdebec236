/* pinyin.c: initials of names and matching typed initials against them. */
#define _POSIX_C_SOURCE 200809L	/* strnlen */
#include "core/pinyin.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

static uint32_t
table_lookup(uint32_t cp)
{
	const struct pinyin_table_block *b;
	size_t i, lo, hi, mid;

	for (i = 0; i < pinyin_table_nblocks; i++) {
		b = &pinyin_table_blocks[i];
		if (cp >= b->first && cp - b->first < b->count)
			return pinyin_table_palette[b->index[cp - b->first]];
	}
	lo = 0;
	hi = pinyin_table_nsparse;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pinyin_table_sparse[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < pinyin_table_nsparse && pinyin_table_sparse[lo].cp == cp)
		return pinyin_table_palette[pinyin_table_sparse[lo].index];
	return 0;
}

uint32_t
pinyin_mask(uint32_t cp)
{
	/* Names imported from spreadsheets sometimes carry fullwidth
	 * letters (Ａ), typed with a Chinese IME; they mean the ASCII one. */
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		cp -= 0xFF21 - 'A';
	else if (cp >= 0xFF41 && cp <= 0xFF5A)
		cp -= 0xFF41 - 'a';
	if (cp >= 'A' && cp <= 'Z')
		return UINT32_C(1) << (cp - 'A');
	if (cp >= 'a' && cp <= 'z')
		return UINT32_C(1) << (cp - 'a');
	if (cp < 0x3400)
		return 0;
	return table_lookup(cp);
}

/* Decode the code point at *S and step past it; a malformed byte is
 * stepped over alone (it then has no initials). */
static uint32_t
next_cp(const char **s)
{
	uint32_t cp;
	size_t n = utf8_decode(*s, strnlen(*s, 4), &cp);

	*s += n ? n : 1;
	return n ? cp : 0;
}

/* Write the group for MASK at OUT (if not NULL); return its length. */
static size_t
put_group(char *out, uint32_t mask)
{
	size_t len = 0;
	int i;

	for (i = 0; i < 26; i++)
		if (mask & (UINT32_C(1) << i)) {
			if (out)
				out[len] = (char)('a' + i);
			len++;
		}
	return len;
}

/* Format NAME's initials into OUT (if not NULL); return the length, so
 * one pass sizes the buffer and a second fills it. */
static size_t
format_initials(const char *name, char *out)
{
	const char *s = name;
	size_t len = 0;
	uint32_t mask;

	while (*s) {
		if ((mask = pinyin_mask(next_cp(&s))) == 0)
			continue;
		if (len > 0) {
			if (out)
				out[len] = ' ';
			len++;
		}
		len += put_group(out ? out + len : NULL, mask);
	}
	return len;
}

char *
pinyin_initials(const char *name)
{
	size_t len = format_initials(name, NULL);
	char *out = malloc(len + 1);

	if (out == NULL)
		return NULL;
	format_initials(name, out);
	out[len] = '\0';
	return out;
}

int
pinyin_masks(const char *name, uint32_t *masks, size_t max)
{
	const char *s = name;
	size_t n = 0;
	uint32_t mask;

	while (*s && n < max && n < (size_t)INT_MAX) {
		if ((mask = pinyin_mask(next_cp(&s))) != 0)
			masks[n++] = mask;
	}
	return (int)n;
}

/* Bit of query letter C, or 0 if C is not an ASCII letter. */
static uint32_t
query_bit(unsigned char c)
{
	c |= 0x20;
	return c >= 'a' && c <= 'z' ? UINT32_C(1) << (c - 'a') : 0;
}

int
pinyin_match_pos(const uint32_t *masks, size_t n, const char *query)
{
	const unsigned char *q = (const unsigned char *)query;
	size_t qlen, start, j;

	/* Check the query once, so the scan below needs no test for
	 * stray bytes and a bad query costs nothing per name. */
	for (qlen = 0; q[qlen]; qlen++)
		if (query_bit(q[qlen]) == 0)
			return -1;
	if (qlen > n)
		return -1;
	for (start = 0; start + qlen <= n; start++) {
		for (j = 0; j < qlen; j++)
			if ((masks[start + j] & query_bit(q[j])) == 0)
				break;
		if (j == qlen)
			return (int)start;
	}
	return -1;
}

bool
pinyin_match_masks(const uint32_t *masks, size_t n, const char *query)
{
	return pinyin_match_pos(masks, n, query) >= 0;
}

bool
pinyin_is_query(const char *q)
{
	size_t len;

	for (len = 0; q[len]; len++)
		if (query_bit((unsigned char)q[len]) == 0 ||
		    len == PINYIN_QUERY_MAX)
			return false;
	return len > 0;
}
