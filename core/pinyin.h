/* pinyin.h: pinyin initials of names, for search as you type.
 *
 * A character's initials are a 26-bit mask (bit 0 = 'a'): the first letter
 * of every reading it has, tones dropped and zh/ch/sh reduced to z/c/s, so
 * a polyphone has several (单 dān/shàn/chán → c, d, s).  The readings come
 * from Unihan (all of kHanyuPinyin, kMandarin, kXHC1983, kTGHZ2013,
 * kHanyuPinlu) through the generated table in core/pinyin-table.c, which
 * covers CJK Ext A, the whole URO (U+4E00..U+9FFF), Ext B and the few
 * characters with readings in later extensions.  ASCII and fullwidth Latin
 * letters stand for themselves.
 *
 * Characters with no initials (digits, spaces, punctuation such as the
 * "·" of 阿依古丽·买买提, the rare ideograph Unihan gives no reading) are
 * skipped everywhere: they add no group to pinyin_initials() and no mask
 * to pinyin_masks(), so a query can run across them.  No locale needed. */
#ifndef HEARTH_PINYIN_H
#define HEARTH_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest query pinyin_is_query() accepts; longer input is not a name. */
#define PINYIN_QUERY_MAX 32

/* Initials mask of one code point; 0 if it has none. */
uint32_t pinyin_mask(uint32_t cp);

/* The initials of NAME for storing and showing: one group per character
 * that has initials, groups separated by one space, letters of a group in
 * alphabetical order: 单曾 → "cds cz", 张三 → "z s", 李A → "l a".  Empty
 * if no character has initials.  Malformed UTF-8 bytes are skipped.
 * Caller frees; NULL only on allocation failure. */
char *pinyin_initials(const char *name);

/* Masks of NAME's characters that have initials, in order, into MASKS
 * (at most MAX).  Returns how many were stored.  No allocation. */
int pinyin_masks(const char *name, uint32_t *masks, size_t max);

/* Where QUERY (ASCII letters; upper case is folded) first matches the
 * initials of a run of consecutive characters: the index of the run's
 * first character in MASKS, or -1.  Any starting character counts, so
 * "zs" and "s" both find 张三 (users type the initials of the whole name
 * or of the given name); 0 tells the caller the match is from the start.
 * An empty query matches at 0; a query with any other byte never matches.
 * No allocation: called per name per keystroke. */
int pinyin_match_pos(const uint32_t *masks, size_t n, const char *query);

/* pinyin_match_pos() >= 0. */
bool pinyin_match_masks(const uint32_t *masks, size_t n, const char *query);

/* True if Q is 1..PINYIN_QUERY_MAX ASCII letters, i.e. worth matching
 * against initials rather than against the name itself. */
bool pinyin_is_query(const char *q);

/* The generated table's shape, shared by core/pinyin-table.c and
 * core/pinyin.c only (declared here so the compiler checks both sides).
 * Characters hold an index into pinyin_table_palette, whose entry 0 is 0. */
struct pinyin_table_block {
	uint32_t first;			/* code point of index[0] */
	uint32_t count;
	const uint16_t *index;
};

struct pinyin_table_entry {
	uint32_t cp;
	uint16_t index;
};

extern const char pinyin_table_version[];	/* Unicode, e.g. "15.0.0" */
extern const uint32_t pinyin_table_palette[];
extern const struct pinyin_table_block pinyin_table_blocks[];
extern const size_t pinyin_table_nblocks;
extern const struct pinyin_table_entry pinyin_table_sparse[];	/* by cp */
extern const size_t pinyin_table_nsparse;

#endif
