/* demo-meals.c: two village canteens and their servings for the demo.
 *
 * A 幸福食堂 serving lunch and a 助餐点 serving lunch and supper, with tier
 * tables as county notices write them (特困 first, then 85+, 低保, the
 * age bands; one with a weekly cap), and lunches over the last two
 * months up to yesterday for part of the elders in the register: some
 * come nearly every weekday, some now and then; those who can hardly
 * walk have theirs delivered; a few meals are collected by a relative.
 * Everything goes through site_save() and meal_init_for()/meal_save(),
 * so the money is priced as at the counter; saving by identity makes a
 * second run change nothing.  A stream of its own, so the elders and
 * visits do not change with it. */
#define _POSIX_C_SOURCE 200809L
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/elder.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/meal.h"
#include "core/site-tiers.h"
#include "core/site.h"

#define DEMO_LOGIN "demo"
#define N_SITES 2
/* Enough diners for a lively tally, few enough that a big demo stays
 * fast: a village canteen feeds a few dozen. */
#define DINERS_PER_SITE 40

struct demo_site {
	const char *suffix;	/* after the village's name */
	unsigned slots;
	long long price_fen;
	const char *tiers;	/* core/site-tiers.h */
};

static const struct demo_site demo_sites[N_SITES] = {
	{ "幸福食堂", 1u << SLOT_LUNCH, 1200,
	  "分散供养特困:1200;85-:800;低保:800;75-84:500;60-74:300" },
	{ "助餐点", 1u << SLOT_LUNCH | 1u << SLOT_SUPPER, 1000,
	  "分散供养特困:1000;80-:600;低保:600;60-79:300/5" },
};

/* An elder who may come to a canteen. */
struct diner {
	char uid[HEARTH_UID_MAX];
	char division_code[13];
	int ability_level;
	char *contact;		/* collects the meal now and then */
};

struct diners {
	struct diner *d;
	size_t n;
};

static int
diner_add(const struct elder *e, void *arg)
{
	struct diners *ds = arg;
	struct diner *grown, *d;

	if (e->meta.deleted || e->status != STATUS_ACTIVE)
		return 0;
	if ((ds->n & (ds->n - 1)) == 0) {
		if ((grown = realloc(ds->d, (ds->n ? ds->n * 2 : 64) *
		    sizeof *grown)) == NULL)
			return -1;
		ds->d = grown;
	}
	d = &ds->d[ds->n];
	memcpy(d->uid, e->meta.uid, sizeof d->uid);
	memcpy(d->division_code, e->division_code, sizeof d->division_code);
	d->ability_level = e->ability_level;
	d->contact = e->emergency_contact != NULL ?
	    strdup(e->emergency_contact) : NULL;
	ds->n++;
	return 0;
}

static void
diners_free(struct diners *ds)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		free(ds->d[i].contact);
	free(ds->d);
}

/* The sites, in the first two demo villages of COUNTY. */
static int
demo_meal_sites(sqlite3 *db, const char county[7], struct site sites[N_SITES],
    struct demo_result *res, char **cause)
{
	const struct demo_village *v;
	char name[128];
	size_t i;

	for (i = 0; i < N_SITES; i++) {
		v = &demo_villages[i % demo_nvillages];
		site_init(&sites[i]);
		snprintf(name, sizeof name, "%s%s", v->name,
		    demo_sites[i].suffix);
		if ((sites[i].name = strdup(name)) == NULL) {
			err_set(cause, "%s", _("out of memory"));
			return -1;
		}
		snprintf(sites[i].division_code, sizeof sites[i].division_code,
		    "%s%s", county, v->code_tail);
		sites[i].slots = demo_sites[i].slots;
		sites[i].price_fen = demo_sites[i].price_fen;
		sites[i].default_mode = MEAL_DINE_IN;
		if (site_tiers_parse(demo_sites[i].tiers, sites[i].tiers,
		    &sites[i].ntiers, cause) != 0 ||
		    site_save(db, &sites[i], DEMO_LOGIN, cause) == SITE_ERROR)
			return -1;
		res->sites++;
	}
	return 0;
}

/* One serving of D at S on DAY for SLOT, as the counter records it. */
static int
demo_serve(sqlite3 *db, struct demo_rng *r, const struct site *s,
    const struct diner *d, struct ymd day, int slot,
    struct demo_result *res, char **cause)
{
	struct meal m;
	int rc = -1;

	if (meal_init_for(db, s, d->uid, day, slot, MEAL_SAVE_MERGE, &m,
	    cause) != 0)
		goto done;
	if (d->ability_level >= 3)
		m.mode = MEAL_DELIVERED;
	else if (demo_rng_chance(r, 30))
		m.mode = MEAL_PICK_UP;
	if (d->contact != NULL && demo_rng_chance(r, 40)) {
		m.verification = VERIFY_PROXY;
		if ((m.proxy_name = strdup(d->contact)) == NULL) {
			err_set(cause, "%s", _("out of memory"));
			goto done;
		}
	} else if (demo_rng_chance(r, 100))
		m.verification = VERIFY_SIGNATURE;
	if (meal_save(db, &m, MEAL_SAVE_MERGE, DEMO_LOGIN, cause) ==
	    MEAL_ERROR)
		goto done;
	res->meals++;
	rc = 0;
done:
	meal_clear(&m);
	return rc;
}

int
demo_meals(sqlite3 *db, const struct demo_options *opt,
    const char county[7], struct demo_result *res, char **cause)
{
	struct site sites[N_SITES];
	struct diners ds = { NULL, 0 };
	struct demo_rng r;
	long today = date_to_days(opt->today), from, day;
	unsigned *rate = NULL;
	size_t i, per[N_SITES] = { 0 }, k;
	int rc = -1, slot;

	memset(sites, 0, sizeof sites);
	demo_rng_seed(&r, opt->seed ^ 0x6d65616c73ULL);	/* "meals" */
	/* Two months up to yesterday, or the months asked for. */
	from = date_to_days((struct ymd){ opt->today.y, opt->today.m, 1 });
	if (opt->months >= 2)
		from -= date_from_days(from - 1).d;	/* last month's 1st */
	if (demo_meal_sites(db, county, sites, res, cause) != 0)
		goto done;
	if (elder_each(db, diner_add, &ds, cause) != 0) {
		if (*cause == NULL)
			err_set(cause, "%s", _("out of memory"));
		goto done;
	}
	if ((rate = calloc(ds.n ? ds.n : 1, sizeof *rate)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		goto done;
	}
	/* Who comes, and how often (per mille of weekdays). */
	for (i = 0; i < ds.n; i++) {
		k = (size_t)(ds.d[i].division_code[11] % N_SITES);
		if (per[k] >= DINERS_PER_SITE || !demo_rng_chance(&r, 300))
			continue;
		per[k]++;
		rate[i] = demo_rng_chance(&r, 500) ? 900 : 350;
	}
	for (day = from; day < today; day++) {
		struct ymd on = date_from_days(day);

		if (date_weekday(on) > 5)
			continue;	/* the canteens close at weekends */
		for (i = 0; i < ds.n; i++) {
			if (rate[i] == 0 || !demo_rng_chance(&r, rate[i]))
				continue;
			k = (size_t)(ds.d[i].division_code[11] % N_SITES);
			slot = site_serves(&sites[k], SLOT_SUPPER) &&
			    demo_rng_chance(&r, 200) ? SLOT_SUPPER : SLOT_LUNCH;
			if (demo_serve(db, &r, &sites[k], &ds.d[i], on, slot,
			    res, cause) != 0)
				goto done;
		}
	}
	rc = 0;
done:
	for (i = 0; i < N_SITES; i++)
		site_clear(&sites[i]);
	diners_free(&ds);
	free(rate);
	return rc;
}
