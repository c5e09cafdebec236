/* listing.h: what GET /api/v1/... writes: current records and stations.
 *
 * Records are the merged current rows of hub/store.h (one per uid, the
 * latest version, deleted ones left out), in the export columns of SPEC
 * "CSV out" so a county spreadsheet reads the same columns from every
 * station, then `station`, `batch` and `received_at` (UTC) of the batch
 * that brought the row.  Names are joined at export time: a visit's or
 * meal's elder_name is the current name of the elder with that
 * elder_id_number (from any station), a guidance row's child_name that of
 * the child with that child_uid; the record's own copy is the fallback.
 * NDJSON carries every column the station sent (unknown ones too), CSV
 * the fixed list.  SINCE/UNTIL ("YYYY-MM-DD", NULL = open) filter on the
 * kind's date column (visited_at, served_on, held_at, else updated_at),
 * both ends included.  The read side proper is issue "County staff API". */
#ifndef HEARTH_HUB_LISTING_H
#define HEARTH_HUB_LISTING_H

#include <stdio.h>

#include "hub/store.h"

enum listing_format { LISTING_CSV, LISTING_NDJSON };

struct listing_query {
	int kind;			/* enum wire_kind */
	enum listing_format format;
	const char *station;		/* NULL: all */
	const char *since, *until;	/* "YYYY-MM-DD" or NULL */
};

/* The wire kind for the URL name NAME ("elders", "visits", ...), or 0. */
int listing_kind(const char *name);

/* Write the current records QUERY asks for to OUT.  0, or -1 and *CAUSE. */
int listing_write(struct store *st, const struct listing_query *query,
    FILE *out, char **cause);

/* Write every station with its upload state (GET /api/v1/stations). */
int listing_stations(struct store *st, enum listing_format format, FILE *out,
    char **cause);

#endif
