/* export.h: records of a kind as CSV or NDJSON (SPEC "CSV out").
 *
 * The columns are the kind's (forms/kind.h): SPEC's, in its order, then
 * every other field (SPEC: "more may follow"), so that export, import into
 * another station and export again gives the same rows (but the uids).
 * Each cell is form_output() of its field: choice values as the stored
 * Chinese labels, multi-values joined with 、, yes/no as 是/否, dates ISO,
 * money in fen, an elder as the ID number (and the name in the column
 * after it).  CSV is RFC 4180 with a header row; NDJSON has one object per
 * record with the same names and texts as members (null for an empty
 * cell), so a script can switch formats freely.  The period is the kind's
 * (visits: visited_at, elders: updated_at), both ends included; y == 0
 * leaves an end open.  Deleted records are not exported.
 *
 * EXPORT_EXCEL is the CSV for people who open it in Excel/WPS on Chinese
 * Windows (export --excel): a UTF-8 BOM first (else the Chinese shows as
 * mojibake), and the FIELD_EXCEL_TEXT columns (ID numbers, phones,
 * division codes) written as ="..." so they stay text; import reads it
 * back. */
#ifndef HEARTH_EXPORT_H
#define HEARTH_EXPORT_H

#include <sqlite3.h>
#include <stdio.h>

#include "core/date.h"
#include "forms/kind.h"

enum export_format { EXPORT_CSV, EXPORT_NDJSON, EXPORT_EXCEL };

/* Write every record of KIND in [SINCE, UNTIL] to OUT.  0, or -1 and
 * *CAUSE (a database or write error). */
int export_write(sqlite3 *db, const struct form_kind *kind,
    enum export_format format, struct ymd since, struct ymd until,
    FILE *out, char **cause);

/* The same rows one record at a time, for `hearth sync` (a record's wire
 * columns are its export columns, doc/sync.md): the kind's column names
 * (owned by X), then the cells of a record of KIND (a struct visit...),
 * owned by X until the next call; NULL and *CAUSE when out of memory. */
struct export_rows;
struct export_rows *export_rows_new(sqlite3 *db, const struct form_kind *kind,
    char **cause);
size_t export_rows_columns(const struct export_rows *x,
    const char *const **names);
const char *const *export_rows_cells(struct export_rows *x, const void *rec,
    char **cause);
void export_rows_free(struct export_rows *x);

#endif
