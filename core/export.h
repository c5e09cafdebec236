/* export.h: elders and visits as CSV or NDJSON (SPEC "CSV out").
 *
 * The columns are the SPEC's, in its order, then the rest of the record
 * (SPEC: "more may follow"), so that export, import into another station
 * and export again gives the same rows (but the uids):
 *   elders: uid,name,id_number,gender,birth_date,phone,emergency_contact,
 *           emergency_phone,division_code,address,hardship_types,living,
 *           ability_level,risk_tier,status,
 *           + visit_consent,status_date,registered_on,note
 *   visits: uid,elder_id_number,elder_name,visited_at,mode,visitor,
 *           contacted,services,health,needs,emergency,referral,
 *           follow_up_date,note,
 *           + outcome,economy,family,safety,emergency_action
 * Import (core/import.c) reads every one of these names.
 * Choice values are the stored Chinese labels, multi-values joined with 、,
 * yes/no as 是/否, dates ISO.  CSV is RFC 4180 with a header row; NDJSON
 * has one object per record with the same names and texts as members
 * (null for an empty cell), so a script can switch formats freely.  The
 * period filters visited_at (visits) or updated_at (elders), both ends
 * included; y == 0 leaves an end open.  Deleted records are not exported.
 *
 * EXPORT_EXCEL is the CSV for people who open it in Excel/WPS on Chinese
 * Windows (export --excel): a UTF-8 BOM first (else the Chinese shows as
 * mojibake), and the digit-string columns (ID numbers, phones, division
 * codes) written as ="..." so they stay text; import reads it back. */
#ifndef HEARTH_EXPORT_H
#define HEARTH_EXPORT_H

#include <sqlite3.h>
#include <stdio.h>

#include "core/date.h"

enum export_kind { EXPORT_ELDERS, EXPORT_VISITS };
enum export_format { EXPORT_CSV, EXPORT_NDJSON, EXPORT_EXCEL };

/* Write every record of KIND in [SINCE, UNTIL] to OUT.  0, or -1 and
 * *CAUSE (a database or write error). */
int export_write(sqlite3 *db, enum export_kind kind,
    enum export_format format, struct ymd since, struct ymd until,
    FILE *out, char **cause);

#endif
