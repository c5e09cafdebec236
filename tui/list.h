/* list.h: the selection and scrolling of a list of N rows, shared by the
 * screens that show one (due list, search results, visit history,
 * villages).  Keys: Up, Down, PgUp, PgDn, Home, End. */
#ifndef HEARTH_LIST_H
#define HEARTH_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/term.h"

struct list {
	size_t n;		/* rows in the list */
	size_t sel;		/* selected row (< n when n > 0) */
	size_t first;		/* first row drawn */
};

/* A new length (after reloading): keep the selection in range. */
void list_reset(struct list *l, size_t n);

/* Move the selection for K in a view of ROWS rows.  True if K was a
 * list key (even at the end of the list). */
bool list_key(struct list *l, const struct term_key *k, int rows);

/* Scroll so the selection is one of the ROWS rows drawn. */
void list_fit(struct list *l, int rows);

#endif
