/* visit.h: monthly visits to elders (探访).
 *
 * visit_normalize() is the one validation for every way a visit comes in;
 * visit_save() stores one visit in one transaction (one fsync: the caller
 * may say "saved" when it returns 0).  A visit is identified for
 * re-imports by elder + visited_at (to the minute) + mode + visitor: saving
 * such a twin updates it instead of adding another. */
#ifndef HEARTH_VISIT_H
#define HEARTH_VISIT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/date.h"
#include "core/db.h"
#include "core/record.h"

struct visit {
	struct record_meta meta;	/* uid: "" until saved */
	char elder_uid[HEARTH_UID_MAX];
	struct ymd day;			/* visited_at */
	int minutes;			/* minutes after midnight */
	int mode;			/* CH_VISIT_MODE */
	char *visitor;
	bool contacted;			/* reached the elder */
	int outcome;			/* CH_OUTCOME */
	char *health;			/* health and mental state */
	char *economy;			/* economic hardship, benefits received */
	char *family;			/* family support */
	char *safety;			/* safety hazards */
	char *needs;			/* service needs */
	unsigned services;		/* CH_SERVICE bits */
	bool emergency;
	char *emergency_action;
	char *referral;
	struct ymd follow_up;		/* y == 0: none */
	char *note;
};

void visit_init(struct visit *v);	/* now, home visit, contacted, normal */
void visit_clear(struct visit *v);

/* Validate and canonicalise (the elder must exist and be 在册 or have been
 * on the visit day; no visit in the future; free texts at most 2000
 * characters, no control characters except newlines in note; an emergency
 * needs its action).  -1 and *CAUSE. */
int visit_normalize(sqlite3 *db, struct visit *v, char **cause);

enum visit_save_result {
	VISIT_ERROR = -1, VISIT_INSERTED = 0, VISIT_UPDATED = 1,
	VISIT_UNCHANGED = 2
};
enum visit_save_result visit_save(sqlite3 *db, struct visit *v,
    const char *login, char **cause);

/* The visits of one elder, newest first (at most MAX, 0 = all).  *OUT is
 * a malloc'd array; free with visit_list_free. */
int visit_list(sqlite3 *db, const char *elder_uid, size_t max,
    struct visit **out, size_t *n, char **cause);
void visit_list_free(struct visit *v, size_t n);

/* Load the visit UID, deleted or not: 0 found, 1 not found, -1 error. */
int visit_get(sqlite3 *db, const char *uid, struct visit *v, char **cause);

/* Call FN for every visit not deleted with visited_at in [SINCE, UNTIL]
 * (either may have y == 0 for open), ordered by visited_at. */
int visit_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const struct visit *, void *), void *arg, char **cause);

#endif
