/* import.h: elders and visits from CSV files (SPEC "CSV in"), and the one
 * way a record given as named text fields becomes a saved record.
 *
 * A file's header names its columns, in any order: the SPEC's Chinese
 * headers or the English names of `hearth export` (both accepted; unknown
 * columns, such as an export's uid, are ignored).  Every row goes through
 * elder_save()/visit_save(), the validation every other way in uses.  A
 * row that fails is handed to the caller's REJECT callback with its line
 * and reason and skipped; all the others are saved in ONE transaction,
 * which a dry run rolls back.
 *
 * Upsert: an elder is found by ID number, a visit by elder + visited_at +
 * mode + visitor (visit.h).  An existing record takes the values of the
 * columns the file has and keeps the others, so a roster from the civil
 * affairs office, which has no risk tier or consent column, does not reset
 * what the station set; an empty cell clears an optional field.  Importing
 * the same file twice changes nothing: the second time every row is
 * "unchanged".
 *
 * The ID number, phone and division code cells of an `export --excel` file
 * ("=\"0123\"", Excel's text formula) are read as the text inside. */
#ifndef HEARTH_IMPORT_H
#define HEARTH_IMPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

enum import_kind { IMPORT_ELDERS, IMPORT_VISITS };

enum import_result {
	IMPORT_ERROR = -1, IMPORT_INSERTED = 0, IMPORT_UPDATED = 1,
	IMPORT_UNCHANGED = 2
};

struct import_counts {
	size_t inserted, updated, unchanged, rejected;
};

/* Which field of a record each column holds, from a header. */
struct import_map;

/* Map the header NAMES[0..N) for KIND.  NULL and *CAUSE naming the
 * missing columns when a required one is absent (elders: name, ID number,
 * division code; visits: elder's ID number, time, mode, visitor,
 * contacted). */
struct import_map *import_map_new(enum import_kind kind,
    const char *const *names, size_t n, char **cause);
void import_map_free(struct import_map *map);

/* Number of columns the header had. */
size_t import_map_columns(const struct import_map *map);

/* Save one record whose fields FIELDS[0..N) follow MAP's header, as LOGIN
 * (created_by/updated_by).  Fields are trimmed of surrounding white space.
 * IMPORT_ERROR and *CAUSE (naming the field) when the record is invalid or
 * cannot be saved. */
enum import_result import_record(sqlite3 *db, const struct import_map *map,
    const char *const *fields, size_t n, const char *login, char **cause);

/* Called for each rejected row: LINE is the physical line it starts on. */
typedef void (*import_reject_fn)(void *arg, size_t line, const char *reason);

/* Import the CSV text UTF8[0..LEN) (a BOM is skipped) as KIND.  Rows whose
 * field count differs from the header's are rejected too.  Returns 0 when
 * the file was read (even if rows were rejected: see COUNTS), -1 and
 * *CAUSE when nothing could be imported (no header, a required column
 * missing, the database failed). */
int import_csv(sqlite3 *db, enum import_kind kind, const char *utf8,
    size_t len, bool dry_run, const char *login, import_reject_fn reject,
    void *arg, struct import_counts *counts, char **cause);

#endif
