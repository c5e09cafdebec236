/* site-subsidy.h: which subsidy a site gives an elder for one serving.
 *
 * SPEC: the subsidy comes from the site's tier table and is fixed at
 * serving time.  The rules (doc/meals.md):
 *  - only an elder in the register on the serving day is served at all:
 *    在册, or left it (迁出/入住机构/死亡) on that day or later — a death
 *    or move-out stops subsidies (FIELD-NOTES);
 *  - tiers are tried in rank order and the first that fits wins: age on
 *    the serving day within [min_age, max_age] (a birthday moves an elder
 *    to the next band from that very day) and, when the tier names a
 *    hardship type, the elder has it;
 *  - a tier's weekly cap N: at most N subsidised servings for the elder
 *    at this site per ISO week (Monday to Sunday); beyond it the subsidy
 *    is 0 and the elder pays the full price;
 *  - one meal (elder, day, slot) is subsidised once: a second serving for
 *    the same slot, at any site, pays the full price.
 * The amounts are for one portion; meal.h multiplies the price. */
#ifndef HEARTH_SITE_SUBSIDY_H
#define HEARTH_SITE_SUBSIDY_H

#include <sqlite3.h>

#include "core/date.h"
#include "core/elder.h"
#include "core/site.h"

/* 0 if E may be served on DAY, else -1 and *CAUSE (not found, deleted,
 * or out of the register by then). */
int site_elder_check(const struct elder *e, struct ymd day, char **cause);

/* Index of the first tier of S that fits E on DAY, or -1. */
int site_tier_match(const struct site *s, const struct elder *e,
    struct ymd day);

/* The subsidy for one portion of E's SLOT meal at S on DAY into
 * *SUBSIDY_FEN, and into *RULE (if not NULL) a malloc'd sentence saying
 * why, for the screen ("tier 2 (75–84 years): subsidy 5.00 yuan").
 * REPLACES is the uid of a stored serving this one is about to be saved
 * over (or NULL): it does not count against the caps.  -1 and *CAUSE when
 * E may not be served on DAY, or on a database error. */
int site_subsidy(sqlite3 *db, const struct site *s, const struct elder *e,
    struct ymd day, int slot, const char *replaces, long long *subsidy_fen,
    char **rule, char **cause);

#endif
