/* meal.h: meal servings (助餐) at a site.
 *
 * meal_init_for() fills a new serving with the site's defaults and prices
 * it: price = site price × portions, subsidy = the tier's for ONE portion
 * (extra portions at full price), self-paid = the rest (site-subsidy.h has
 * the rules).  meal_normalize() is the one validation for every way a
 * serving comes in; it checks the money balances but never recomputes it:
 * the subsidy stored is the one given at serving time (doc/meals.md).
 *
 * Twins: meal_find_twin() finds a serving already recorded for the same
 * elder, day and slot, so the screen can ask before a second one.  For
 * saving, a serving's identity is elder + day + slot + site: with
 * MEAL_SAVE_MERGE (CSV import, `hearth add`) a serving with that identity
 * is updated, so a file imported twice changes nothing; MEAL_SAVE_ADD
 * (the worker confirmed a second serving) always inserts. */
#ifndef HEARTH_MEAL_H
#define HEARTH_MEAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/date.h"
#include "core/db.h"
#include "core/record.h"
#include "core/site.h"

#define MEAL_PORTIONS_MAX 20

struct meal {
	struct record_meta meta;	/* uid: "" until saved */
	char elder_uid[HEARTH_UID_MAX];
	char site_uid[HEARTH_UID_MAX];
	struct ymd served_on;
	int slot;			/* CH_MEAL_SLOT */
	int mode;			/* CH_MEAL_MODE */
	int portions;			/* 1..MEAL_PORTIONS_MAX */
	int verification;		/* CH_VERIFICATION */
	char *proxy_name;		/* who collected it: 代领 only */
	long long price_fen;		/* = subsidy_fen + self_paid_fen */
	long long subsidy_fen;
	long long self_paid_fen;
	char *note;
};

enum meal_save_mode {
	MEAL_SAVE_MERGE,	/* update the serving with the same identity */
	MEAL_SAVE_ADD,		/* a confirmed second serving: insert */
};

/* Today, lunch, dine-in, one portion, card, no money. */
void meal_init(struct meal *m);
void meal_clear(struct meal *m);

/* A new serving of ELDER_UID at S on DAY for SLOT: the site's usual mode,
 * one portion, verified by card, priced by meal_price(). */
int meal_init_for(sqlite3 *db, const struct site *s, const char *elder_uid,
    struct ymd day, int slot, enum meal_save_mode mode, struct meal *m,
    char **cause);

/* Price M at S for its portions (after the portions, day or slot changed
 * on a form): the stored serving M would be saved over with MODE (its uid,
 * or with MERGE its twin at S) does not count against the subsidy caps.
 * *RULE, when not NULL, gets the subsidy's reason (site_subsidy()).
 * -1 and *CAUSE when the elder cannot be served that day. */
int meal_price(sqlite3 *db, const struct site *s, struct meal *m,
    enum meal_save_mode mode, char **rule, char **cause);

/* Validate and canonicalise M: known elder in the register on the day,
 * known site that serves the slot, a date not in the future, portions
 * 1..MEAL_PORTIONS_MAX, money not negative with price = subsidy +
 * self-paid, a proxy's name for 代领 (dropped for the other kinds), note
 * at most 2000 characters.  -1 and *CAUSE. */
int meal_normalize(sqlite3 *db, struct meal *m, char **cause);

enum meal_save_result {
	MEAL_ERROR = -1, MEAL_INSERTED = 0, MEAL_UPDATED = 1,
	MEAL_UNCHANGED = 2
};
/* Normalise and store M as LOGIN in one transaction: over M->uid when set
 * (an edit), else per MODE.  Sets m->uid and the timestamps; nothing is
 * stored on error. */
enum meal_save_result meal_save(sqlite3 *db, struct meal *m,
    enum meal_save_mode mode, const char *login, char **cause);

/* Load by uid: 0 found, 1 not found, -1 error. */
int meal_get(sqlite3 *db, const char *uid, struct meal *m, char **cause);

/* The first serving (not deleted) of ELDER_UID on DAY for SLOT, at any
 * site, into *M (NULL: just look): 0 found, 1 none, -1 error. */
int meal_find_twin(sqlite3 *db, const char *elder_uid, struct ymd day,
    int slot, struct meal *m, char **cause);

/* Call FN for every serving not deleted with served_on in [SINCE, UNTIL]
 * (either may have y == 0 for open), by day, then in the order recorded.
 * FN returns 0 to go on, non-zero to stop (returned). */
int meal_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const struct meal *, void *), void *arg, char **cause);

#endif
