/* coverage-join.h: the visit rate and the guidance coverage of a month
 * side by side, one row per place (`hearth report coverage`).
 *
 * The two reports come as core/coverage-group.h rows, each ordered by
 * division code; they are joined on the code, so a village with elders
 * but no children under three (or the reverse) still gets its row, the
 * missing side counting 0 of 0 (no rate). */
#ifndef HEARTH_COVERAGE_JOIN_H
#define HEARTH_COVERAGE_JOIN_H

#include <stddef.h>

#include "core/coverage-group.h"

struct coverage_pair {
	char code[13];
	const char *name;		/* into the input rows; NULL: none */
	struct coverage_row visits;	/* counts only (name NULL) */
	struct coverage_row guidance;
};

/* Join VISITS[0..NV) and GUIDANCE[0..NG) into *OUT (malloc'd, *N rows,
 * ordered by code).  The names point into the inputs, which must outlive
 * *OUT.  -1 when out of memory. */
int coverage_join(const struct coverage_row *visits, size_t nv,
    const struct coverage_row *guidance, size_t ng,
    struct coverage_pair **out, size_t *n);

/* The pair of two total rows (code "", name NULL). */
struct coverage_pair coverage_join_total(const struct coverage_row *visits,
    const struct coverage_row *guidance);

#endif
