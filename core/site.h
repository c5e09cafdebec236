/* site.h: meal sites (幸福食堂/助餐点) and their subsidy tiers.
 *
 * A site has a price per portion, the slots it serves (早/午/晚), the way
 * its meals usually go out (堂食/送餐/自取) and an ordered table of subsidy
 * tiers; the rules that pick a tier for an elder are in site-subsidy.h.
 * site_save() stores a site and replaces its whole tier table in one
 * transaction, so a serving priced at any moment sees one consistent
 * table.  Changing a site or its tiers never touches servings already
 * recorded: each serving keeps the money it was given (doc/meals.md). */
#ifndef HEARTH_SITE_H
#define HEARTH_SITE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/db.h"
#include "core/record.h"

#define SITE_TIERS_MAX 16
/* A portion dearer than 1,000 yuan is a typo (a price typed in fen where
 * yuan were meant); the bound also keeps price × portions far from
 * overflow. */
#define SITE_PRICE_MAX (1000LL * 100)	/* fen */
#define SITE_AGE_MAX 150
/* Three slots a day, seven days a week. */
#define SITE_WEEKLY_CAP_MAX 21

struct site_tier {
	int min_age;		/* on the serving day; -1: no lower bound */
	int max_age;		/* inclusive; -1: no upper bound */
	int hardship;		/* CH_HARDSHIP the elder must have; -1: any */
	long long subsidy_fen;	/* for one portion, 0..site price */
	int weekly_cap;		/* subsidised servings per ISO week; 0: none */
};

struct site {
	struct record_meta meta;	/* uid: "" until saved */
	char *name;			/* unique among sites not deleted */
	char division_code[13];		/* "" in site_save: the station's */
	char *address;
	unsigned slots;			/* CH_MEAL_SLOT bits, at least one */
	long long price_fen;		/* one portion */
	int default_mode;		/* CH_MEAL_MODE */
	struct site_tier tiers[SITE_TIERS_MAX];	/* in rank order */
	size_t ntiers;
};

/* An empty site: lunch only, dine-in, price 0, no tiers. */
void site_init(struct site *s);
void site_clear(struct site *s);

/* Validate and canonicalise S (trimmed texts; name required, at most 40
 * characters; a valid division code; price 0..SITE_PRICE_MAX; at least one
 * slot; every tier well-formed: ages 0..SITE_AGE_MAX with min ≤ max, a
 * known hardship, subsidy ≤ price, cap 0..SITE_WEEKLY_CAP_MAX).  -1 and
 * *CAUSE naming the field (and the tier's number). */
int site_normalize(struct site *s, char **cause);

enum site_save_result {
	SITE_ERROR = -1, SITE_INSERTED = 0, SITE_UPDATED = 1,
	SITE_UNCHANGED = 2
};
/* Normalise and store S as LOGIN: update the site S->uid when set, else
 * the site of the same name, else insert.  An empty division code takes
 * the station's.  Sets s->uid and the timestamps. */
enum site_save_result site_save(sqlite3 *db, struct site *s,
    const char *login, char **cause);

/* Load with tiers, deleted or not: 0 found, 1 not found, -1 error. */
int site_get(sqlite3 *db, const char *uid, struct site *s, char **cause);
/* The site not deleted named NAME (trimmed). */
int site_get_by_name(sqlite3 *db, const char *name, struct site *s,
    char **cause);

/* Every site not deleted, by name.  *OUT malloc'd; free with
 * site_list_free. */
int site_list(sqlite3 *db, struct site **out, size_t *n, char **cause);
void site_list_free(struct site *list, size_t n);

/* True if S serves meal slot SLOT (CH_MEAL_SLOT index). */
bool site_serves(const struct site *s, int slot);

#endif
