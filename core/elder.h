/* elder.h: the special-hardship elder register (老年人).
 *
 * elder_normalize() is the one validation used by the TUI, `hearth add`,
 * CSV import and (later) records arriving from the hub: it checks and
 * canonicalises every field and derives birth date and gender from the ID
 * number, cross-checking them when both are given.  elder_save() is one
 * transaction: insert with a new uid, or update the elder with the same ID
 * number; an identical record is left untouched, so re-importing a file
 * changes nothing. */
#ifndef HEARTH_ELDER_H
#define HEARTH_ELDER_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/date.h"
#include "core/db.h"
#include "core/record.h"

struct elder {
	struct record_meta meta;	/* uid: "" until saved */
	char *name;
	char *initials;			/* derived: pinyin_initials(name) */
	char id_number[19];
	int gender;			/* CH_GENDER index */
	struct ymd birth;
	char *phone;			/* may be NULL/"" */
	char *emergency_contact;
	char *emergency_phone;
	char division_code[13];
	char *address;
	unsigned hardship;		/* CH_HARDSHIP bits */
	int living;			/* CH_LIVING index or -1 */
	bool visit_consent;		/* default true */
	int ability_level;		/* 0..4, -1 unknown */
	int risk_tier;			/* CH_RISK index, default RISK_NORMAL */
	int status;			/* CH_STATUS index, default STATUS_ACTIVE */
	struct ymd status_date;		/* y == 0: none */
	struct ymd registered_on;	/* counts towards coverage from this day */
	char *note;
};

/* An empty elder with the defaults above (gender -1, birth unset). */
void elder_init(struct elder *e);
void elder_clear(struct elder *e);

/* Validate and canonicalise E (trim strings, upper-case X, derive birth
 * date and gender from the ID number or check they agree, initials from
 * the name; registered_on defaults to TODAY).  -1 and *CAUSE naming the
 * field and the problem. */
int elder_normalize(struct elder *e, struct ymd today, char **cause);

enum elder_save_result {
	ELDER_ERROR = -1, ELDER_INSERTED = 0, ELDER_UPDATED = 1,
	ELDER_UNCHANGED = 2
};
/* Normalise and store E as LOGIN (one transaction, or a savepoint inside
 * the caller's).  Sets e->uid. */
enum elder_save_result elder_save(sqlite3 *db, struct elder *e,
    const char *login, char **cause);

/* Load by uid or by ID number: 0 found, 1 not found, -1 error. */
int elder_get(sqlite3 *db, const char *uid, struct elder *e, char **cause);
int elder_get_by_id_number(sqlite3 *db, const char *id_number,
    struct elder *e, char **cause);

/* Call FN for every elder not deleted, ordered by division then name.
 * FN returns 0 to go on, non-zero to stop (returned). */
int elder_each(sqlite3 *db, int (*fn)(const struct elder *, void *),
    void *arg, char **cause);

/* Soft delete (deleted = 1). */
int elder_delete(sqlite3 *db, const char *uid, const char *login,
    char **cause);

#endif
