/* child.h: the register of children under three (婴幼儿) and their
 * caregivers, for parenting guidance.
 *
 * child_normalize() is the one validation for every way a child comes in
 * (TUI, `hearth add`, CSV import, the hub).  The ID number is optional;
 * when given it decides birth date and gender, and values typed as well
 * must agree with it.  Only a child under three on the registration day
 * can be registered.
 *
 * Status: the stored status is 在册 or 迁出 only.  结案 is derived — a
 * child is 结案 from the third birthday on (child_third_birthday(), the
 * day date_age() first says 3), judged on the day asked, so nobody runs a
 * job at midnight.  迁出 takes effect after its status_date: the day of
 * moving is the last day in the register (as for elders, core/visit.c).
 *
 * child_save() is one transaction (or a savepoint in the caller's), an
 * upsert: by uid when the child has one (an edit); else by ID number when
 * given, falling back to name + birth date + caregiver among children
 * stored without one (the number was added later); else by name + birth
 * date + caregiver, and an ID number already on record is kept.  An
 * identical record is left untouched, so re-importing a file changes
 * nothing. */
#ifndef HEARTH_CHILD_H
#define HEARTH_CHILD_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/date.h"
#include "core/db.h"
#include "core/record.h"

struct child {
	struct record_meta meta;	/* uid: "" until saved */
	char *name;
	char *initials;			/* derived: pinyin_initials(name) */
	char id_number[19];		/* "" when not given */
	int gender;			/* CH_GENDER index, -1 unknown */
	struct ymd birth;		/* required (or from the ID number) */
	char *caregiver;		/* required */
	int relation;			/* CH_RELATION index or -1 */
	char *caregiver_phone;		/* may be NULL */
	char division_code[13];
	char *address;
	unsigned flags;			/* CH_CHILD_FLAG bits */
	int status;			/* stored: CHILD_ACTIVE or CHILD_MOVED */
	struct ymd status_date;		/* y == 0: none */
	struct ymd registered_on;	/* default: today */
	char *note;
};

void child_init(struct child *c);	/* empty, 在册, gender/relation -1 */
void child_clear(struct child *c);

/* The first day a child born on BIRTH is three years old, and so 结案:
 * the same month and day three years on, or the month's last day when it
 * has no such day (born Feb 29: Feb 28), as date_age() counts. */
struct ymd child_third_birthday(struct ymd birth);

/* The status (CHILD_*) on DAY of a child with stored status STORED
 * (CH_CHILD_STATUS index), STATUS_DATE (y == 0: none) and BIRTH: 迁出
 * once moved out (the day after STATUS_DATE; without a date, always),
 * else 结案 from the third birthday, else 在册. */
int child_status_at(int stored, struct ymd status_date, struct ymd birth,
    struct ymd day);
int child_status_on(const struct child *c, struct ymd day);

/* Validate and canonicalise C for TODAY (trim; upper-case X; birth date
 * and gender from the ID number or checked against it; initials;
 * registered_on defaults to TODAY and the child must be under three on
 * it; a 迁出 without a date moved today).  A 结案 given as status is
 * accepted only for a child already three today, and stored as 在册 (it
 * is derived).  -1 and *CAUSE naming the field. */
int child_normalize(struct child *c, struct ymd today, char **cause);

enum child_save_result {
	CHILD_ERROR = -1, CHILD_INSERTED = 0, CHILD_UPDATED = 1,
	CHILD_UNCHANGED = 2
};
/* Normalise and store C as LOGIN (see the upsert rule above).  Sets
 * c->uid and the timestamps.  A registration or status date not given
 * keeps the stored one. */
enum child_save_result child_save(sqlite3 *db, struct child *c,
    const char *login, char **cause);

/* Load by uid (deleted ones too) or by ID number: 0 found, 1 not found,
 * -1 error. */
int child_get(sqlite3 *db, const char *uid, struct child *c, char **cause);
int child_get_by_id_number(sqlite3 *db, const char *id_number,
    struct child *c, char **cause);

/* The stored child C names by the upsert identity above (uid; else ID
 * number, then name + birth date + caregiver among those without one;
 * else name + birth date + caregiver), into *OUT (initialised here):
 * 0 found, 1 none, -1 error.  What `import children` merges a row into. */
int child_find(sqlite3 *db, const struct child *c, struct child *out,
    char **cause);

/* Call FN for every child not deleted, ordered by division then name.
 * FN returns 0 to go on, non-zero to stop (returned). */
int child_each(sqlite3 *db, int (*fn)(const struct child *, void *),
    void *arg, char **cause);

#endif
