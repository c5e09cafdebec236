/* coverage-group.h: tallying people into coverage rows by division, for
 * every rate this program reports (visits: core/coverage.h, guidance:
 * core/guidance-coverage.h).
 *
 * Groups are by the 12-digit division code: village = all 12 digits,
 * town = the first 9, county = the first 6, zero-padded back to 12.  A
 * tally is fed one person at a time, in division-code order (the callers'
 * queries sort by it; a prefix keeps that order, so each group is a run),
 * and finished with the names from the division table. */
#ifndef HEARTH_COVERAGE_GROUP_H
#define HEARTH_COVERAGE_GROUP_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

enum coverage_level { COV_VILLAGE, COV_TOWN, COV_COUNTY };

struct coverage_row {
	char code[13];		/* division code, padded with zeros to 12 */
	char *name;		/* from the division table, or NULL */
	int visited;		/* numerator: visited, or given guidance */
	int total;		/* denominator */
};

struct coverage_tally {
	enum coverage_level level;
	struct coverage_row *rows;
	size_t n, cap;
	struct coverage_row total;	/* code "", name NULL */
};

void coverage_tally_init(struct coverage_tally *t, enum coverage_level level);

/* Count one person of DIVISION (NULL: none), in the numerator too when
 * HIT.  -1 when out of memory (the tally is still whole). */
int coverage_tally_add(struct coverage_tally *t, const char *division,
    bool hit);

/* Name the rows and hand them over: *ROWS (free with coverage_free), *N,
 * *TOTAL.  On error (-1, *CAUSE) the tally is discarded and the outputs
 * are empty. */
int coverage_tally_finish(sqlite3 *db, struct coverage_tally *t,
    struct coverage_row **rows, size_t *n, struct coverage_row *total,
    char **cause);
void coverage_tally_discard(struct coverage_tally *t);

/* The month Y-M as the text bounds [START, STOP) of "YYYY-MM-DD HH:MM"
 * times: its first day and the next month's.  -1 and *CAUSE for a month
 * that does not exist. */
int coverage_month_bounds(int y, int m, char start[11], char stop[11],
    char **cause);

void coverage_free(struct coverage_row *rows, size_t n);

/* Rate in per-mille (0..1000), rounding down so 99.95% never shows as
 * 100%; total 0 gives -1 (nobody to count: not applicable). */
int coverage_permille(const struct coverage_row *r);

#endif
