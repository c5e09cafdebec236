/* search.h: find elders as the volunteer types.
 *
 * The index is loaded once (name, pinyin masks, ID number tail, uid) and
 * searched in memory, so a keystroke costs a scan of small arrays, not a
 * query: ≤ 2 ms over 50,000 elders (bench/).  A query matches an elder
 * when it is
 *   - part of the name (Chinese characters), or
 *   - ASCII letters matching the pinyin initials of consecutive characters
 *     of the name (all readings of polyphones: "sx" finds 单雄 and 解秀), or
 *   - 4 or more digits (or digits ending in X) that end the ID number.
 * Results are ordered: exact name, name prefix / initials from the first
 * character, then the rest, each by name. */
#ifndef HEARTH_SEARCH_H
#define HEARTH_SEARCH_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"

struct search_index;

struct search_hit {
	const char *uid;
	const char *name;
	const char *id_number;
	const char *division_code;
	int status;		/* CH_STATUS */
};

/* Load every elder not deleted.  NULL and *CAUSE on error. */
struct search_index *search_load(sqlite3 *db, char **cause);
void search_free(struct search_index *ix);
size_t search_size(const struct search_index *ix);

/* Run QUERY; fills HITS (pointers into the index, valid until it is
 * freed) with at most MAX results; returns how many matched in all. */
size_t search_run(const struct search_index *ix, const char *query,
    struct search_hit *hits, size_t max);

#endif
