/* demo.h: realistic demo data for trying hearth out and for benchmarks.
 *
 * demo_generate() fills a station database with elders and the visits of
 * the last months, as a village station's records look after a year of
 * use: Chinese names (with polyphone surnames such as 单 曾 解 and a few
 * rare characters such as 𠮷), valid ID numbers of the station's county,
 * a realistic mix of hardship types and risk tiers, a few elders moved out
 * or deceased and a few who declined visits, and visits that mostly keep
 * the tiers' rhythm, with some of this month's still to do so the due list
 * is not empty.  A database without a station becomes the demo station
 * DEMO01; one without accounts gets the demo accounts below.
 *
 * Everything goes through elder_save()/visit_save() (the same checks as
 * real data) inside ONE transaction, so a run is all or nothing and 5,000
 * elders take seconds, not minutes of fsyncs.  The output depends only on
 * the seed and TODAY: its own PRNG, never rand().  Running it again with
 * the same seed and day changes nothing. */
#ifndef HEARTH_DEMO_H
#define HEARTH_DEMO_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/user.h"

#define DEMO_STATION_CODE	"DEMO01"
#define DEMO_ELDERS_MAX		100000
#define DEMO_MONTHS_MAX		60
#define DEMO_CHILDREN_MAX	20000

struct demo_options {
	int elders;		/* 1..DEMO_ELDERS_MAX */
	int months;		/* months of visits, this one included */
	uint64_t seed;
	struct ymd today;	/* visits end the day before */
	int children;		/* children under three: 0..DEMO_CHILDREN_MAX
				   (core/demo-children.c) */
};

/* The demo accounts, for the caller to show. */
struct demo_account {
	const char *login;
	const char *pin;
	enum user_role role;
};
extern const struct demo_account demo_accounts[];
extern const size_t demo_naccounts;

struct demo_result {
	char station[16];	/* the station's code */
	bool station_created;	/* the db had none: DEMO01 was set up */
	bool accounts_created;	/* the db had none: demo_accounts added */
	size_t elders;		/* saved (inserted or updated) */
	size_t visits;
	size_t children;	/* saved */
	size_t sessions;	/* guidance sessions (one per class) */
	size_t sites;		/* meal sites saved */
	size_t meals;		/* meal servings saved */
};

/* Generate into DB.  0, or -1 and *CAUSE (nothing is kept then). */
int demo_generate(sqlite3 *db, const struct demo_options *opt,
    struct demo_result *res, char **cause);

/* The children under three of the demo villages of COUNTY (6 digits) and
 * their parenting-guidance sessions over OPT's months: home visits with a
 * next date, calls, and a monthly parents' class per village covering the
 * children who came.  A few born early or small, left behind (留守) with
 * grandparents; a few who turned three during the period (结案) or moved
 * away.  Inside the caller's transaction; a stream of its own, so the
 * elders and visits do not change with the number of children.  0, or -1
 * and *CAUSE. */
int demo_children(sqlite3 *db, const struct demo_options *opt,
    const char county[7], struct demo_result *res, char **cause);

/* Two canteens in the first demo villages of COUNTY, with tier tables,
 * and lunches (a few suppers) over the last two months up to yesterday
 * for part of the elders in the register (core/demo-meals.c).  Inside the
 * caller's transaction, a stream of its own.  0, or -1 and *CAUSE. */
int demo_meals(sqlite3 *db, const struct demo_options *opt,
    const char county[7], struct demo_result *res, char **cause);

struct demo_words;

/* The demo's random stream (core/demo.c), for core/demo-children.c. */
struct demo_rng {
	uint64_t s;
};
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* Uniform in [0, N), N > 0; true with probability PERMILLE / 1000; a
 * weighted pick of W. */
uint32_t demo_rng_below(struct demo_rng *r, uint32_t n);
bool demo_rng_chance(struct demo_rng *r, unsigned permille);
const char *demo_rng_word(struct demo_rng *r, const struct demo_words *w);

/* The word lists, shared by core/demo.c and core/demo-words.c only.  A
 * pick is weighted: an entry of weight 3 comes up three times as often as
 * one of weight 1. */
struct demo_word {
	const char *text;
	unsigned weight;
};
struct demo_words {
	const struct demo_word *words;
	size_t n;
};
struct demo_village {
	const char *code_tail;	/* the town's 3 digits + the village's 3 */
	const char *name;
	const char *surname;	/* the clan most families belong to */
	unsigned weight;	/* relative number of elders */
};
struct demo_town {
	const char *code_tail;	/* 3 digits after the county's 6 */
	const char *name;
};

extern const struct demo_words demo_surnames, demo_male_given,
    demo_female_given, demo_single_given, demo_child_given, demo_health,
    demo_needs, demo_safety, demo_economy, demo_family, demo_elder_notes,
    demo_visitors;
extern const struct demo_town demo_towns[];
extern const size_t demo_ntowns;
extern const struct demo_village demo_villages[];
extern const size_t demo_nvillages;
extern const char demo_county_code[7];
extern const char demo_county_name[];
extern const char demo_area_code[];	/* landline prefix of the county */

#endif
