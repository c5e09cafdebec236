/* import.h: records of a kind from CSV files (SPEC "CSV in").
 *
 * A file's header names its columns, in any order: the SPEC's Chinese
 * headers or the English names of `hearth export` (both accepted, as each
 * field of the kind lists them; unknown columns, such as an export's uid,
 * are ignored).  Every row goes through kind_input_save() (forms/kind.h),
 * the path the screen and `hearth add` take too, and so through
 * elder_save()/visit_save().  A row that fails is handed to the caller's
 * REJECT callback with its line and reason and skipped; all the others
 * are saved in ONE transaction, which a dry run rolls back.
 *
 * Upsert: an elder is found by ID number, a visit by elder + visited_at +
 * mode + visitor (the kind's find).  An existing record takes the values
 * of the columns the file has and keeps the others, so a roster from the
 * civil affairs office, which has no risk tier or consent column, does not
 * reset what the station set; an empty cell clears an optional field.
 * Importing the same file twice changes nothing: the second time every
 * row is "unchanged".
 *
 * The ID number, phone and division code cells of an `export --excel` file
 * ("=\"0123\"", Excel's text formula) are read as the text inside. */
#ifndef HEARTH_IMPORT_H
#define HEARTH_IMPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "forms/kind.h"

struct import_counts {
	size_t inserted, updated, unchanged, rejected;
};

/* Called for each rejected row: LINE is the physical line it starts on. */
typedef void (*import_reject_fn)(void *arg, size_t line, const char *reason);

/* Import the CSV text UTF8[0..LEN) (a BOM is skipped) as records of
 * KIND.  Rows whose field count differs from the header's are rejected
 * too.  Returns 0 when
 * the file was read (even if rows were rejected: see COUNTS), -1 and
 * *CAUSE when nothing could be imported (no header, a required column
 * missing, the database failed). */
int import_csv(sqlite3 *db, const struct form_kind *kind, const char *utf8,
    size_t len, bool dry_run, const char *login, import_reject_fn reject,
    void *arg, struct import_counts *counts, char **cause);

#endif
