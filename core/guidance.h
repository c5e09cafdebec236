/* guidance.h: parenting-guidance sessions (养育指导) for children under
 * three.
 *
 * One session — a home visit, a call, a parents' class — may cover several
 * children: it is stored as one row per child sharing a session_uid
 * (doc/storage.md), so each exported row has its own uid.
 * guidance_save_session() writes all of a session's rows in ONE
 * transaction: if any child is refused (unknown, not yet born on the day,
 * three or older, moved out), nothing is saved.
 *
 * Identity, for re-imports: a session is its held_at (to the minute) +
 * form + provider, and a row that session + child.  Saving a row whose
 * twin exists updates the twin; new rows join the session of an existing
 * row with the same held_at, form and provider, so a class re-imported
 * one row per child comes back as one session.
 *
 * The child's age in months on the day (date_age_months) is derived on
 * read, never stored. */
#ifndef HEARTH_GUIDANCE_H
#define HEARTH_GUIDANCE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/db.h"
#include "core/record.h"

struct guidance {
	struct record_meta meta;	/* uid: this child's row, "" when new */
	char session_uid[HEARTH_UID_MAX];
	char child_uid[HEARTH_UID_MAX];
	struct ymd day;			/* held_at */
	int minutes;			/* minutes after midnight */
	int form;			/* CH_GUIDANCE_FORM */
	char *provider;			/* who gave it (a person or a team) */
	unsigned topics;		/* CH_TOPIC bits, at least one */
	char *referral;
	struct ymd next_date;		/* y == 0: none; after the day */
	char *note;
	/* Derived on read (guidance_list, guidance_each), not stored: */
	char *child_name;
	struct ymd child_birth;
	int age_months;			/* on the day; -1 unknown */
};

void guidance_init(struct guidance *g);	/* now, 入户, no topics */
void guidance_clear(struct guidance *g);

enum guidance_save_result {
	GUIDANCE_ERROR = -1, GUIDANCE_INSERTED = 0, GUIDANCE_UPDATED = 1,
	GUIDANCE_UNCHANGED = 2
};

/* What became of each child's row. */
struct guidance_saved {
	char uid[HEARTH_UID_MAX];
	enum guidance_save_result result;
};

/* Save SESSION (its child_uid is ignored) for the N children CHILDREN as
 * LOGIN, in one transaction.  Checks: held_at a real time, not in the
 * future; a form; at least one topic; a provider; next_date after the
 * day; each child exists, is born by the day and 在册 on it (not 结案,
 * not moved out); no child twice.  On success SESSION->session_uid is set
 * and OUT[0..N) (may be NULL) tells each row's uid and result.
 * With SESSION->uid set, that one row is edited (N must be 1).
 * 0, or -1 and *CAUSE (naming the child when one is the problem). */
int guidance_save_session(sqlite3 *db, struct guidance *session,
    const char *const *children, size_t n, const char *login,
    struct guidance_saved *out, char **cause);

/* One row of one child (guidance_save_session for N = 1). */
enum guidance_save_result guidance_save(sqlite3 *db, struct guidance *g,
    const char *login, char **cause);

/* The sessions of one child, newest first (at most MAX, 0 = all).  *OUT is
 * a malloc'd array; free with guidance_list_free. */
int guidance_list(sqlite3 *db, const char *child_uid, size_t max,
    struct guidance **out, size_t *n, char **cause);
void guidance_list_free(struct guidance *g, size_t n);

/* The row UID (deleted ones too) into *G, with the derived fields: 0
 * found, 1 not found, -1 and *CAUSE. */
int guidance_get(sqlite3 *db, const char *uid, struct guidance *g,
    char **cause);

/* Call FN for every row not deleted with held_at in [SINCE, UNTIL] (either
 * may have y == 0 for open), ordered by held_at, session, child name. */
int guidance_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const struct guidance *, void *), void *arg, char **cause);

#endif
