/* search.h: find elders and children as the volunteer types.
 *
 * The index is loaded once (name, pinyin masks, ID number tail, uid) and
 * searched in memory, so a keystroke costs a scan of small arrays, not a
 * query: ≤ 2 ms over 50,000 elders (bench/).  It holds elders and
 * children as two separate runs of entries, each kind flagged, so a
 * search of one kind never looks at the other (children cost an elder
 * search nothing).  A query matches a person when it is
 *   - part of the name (Chinese characters), or
 *   - ASCII letters matching the pinyin initials of consecutive characters
 *     of the name (all readings of polyphones: "sx" finds 单雄 and 解秀), or
 *   - 4 or more digits (or digits ending in X) that end the ID number.
 * Results are ordered: exact name, name prefix / initials from the first
 * character, then the rest, each by name (searching both kinds, elders
 * before children within each of those classes). */
#ifndef HEARTH_SEARCH_H
#define HEARTH_SEARCH_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"

struct search_index;

enum search_kind { SEARCH_ELDER = 0, SEARCH_CHILD = 1 };
/* Masks of kinds for search_run_kinds() and search_count(). */
#define SEARCH_ELDERS	(1u << SEARCH_ELDER)
#define SEARCH_CHILDREN	(1u << SEARCH_CHILD)
#define SEARCH_ALL	(SEARCH_ELDERS | SEARCH_CHILDREN)

struct search_hit {
	const char *uid;
	const char *name;
	const char *id_number;		/* "" for a child without one */
	const char *division_code;
	int kind;			/* enum search_kind */
	int status;	/* elder: CH_STATUS; child: CH_CHILD_STATUS on the
			   day the index was loaded (结案 derived); -1 */
};

/* Load every elder and child not deleted.  NULL and *CAUSE on error. */
struct search_index *search_load(sqlite3 *db, char **cause);
void search_free(struct search_index *ix);
/* Entries of every kind; of the kinds in KINDS. */
size_t search_size(const struct search_index *ix);
size_t search_count(const struct search_index *ix, unsigned kinds);

/* Run QUERY over the people of KINDS; fills HITS (pointers into the
 * index, valid until it is freed) with at most MAX results; returns how
 * many matched in all. */
size_t search_run_kinds(const struct search_index *ix, const char *query,
    unsigned kinds, struct search_hit *hits, size_t max);
/* search_run_kinds() over elders only (what the elder screens and `hearth
 * find` ask for). */
size_t search_run(const struct search_index *ix, const char *query,
    struct search_hit *hits, size_t max);

#endif
