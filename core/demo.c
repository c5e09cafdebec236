/* demo.c: generate a station's worth of believable records.
 *
 * The draws happen in a fixed order from one xorshift64* stream seeded
 * through splitmix64, so a seed and a day give the same database on every
 * machine (rand() differs between C libraries).  Visits are placed by the
 * tiers' rhythm over whole months and then cut at yesterday, registration
 * and leaving: this month's not-yet-due visits simply are not there yet,
 * which is what leaves a realistic due list. */
#define _GNU_SOURCE
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/elder.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "core/visit.h"

const struct demo_account demo_accounts[] = {
	{ "admin", "123456", ROLE_ADMIN },
	{ "wangfang", "1357", ROLE_WORKER },
	{ "zhangli", "2468", ROLE_VOLUNTEER },
};
const size_t demo_naccounts = sizeof demo_accounts / sizeof demo_accounts[0];

#define DEMO_STATION_NAME "幸福院演示站"
#define DEMO_LOGIN "demo"	/* created_by of the generated records */

/* ------------------------------------------------------------ random */

struct rng {
	uint64_t s;
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	r->s = splitmix64(&seed);
	if (r->s == 0)		/* xorshift's one forbidden state */
		r->s = 1;
}

static uint64_t
rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, N), N > 0 (multiply-shift: no modulo bias to speak of). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* True with probability PERMILLE / 1000. */
static bool
rng_chance(struct rng *r, unsigned permille)
{
	return rng_below(r, 1000) < permille;
}

static const char *
rng_word(struct rng *r, const struct demo_words *w)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < w->n; i++)
		total += w->words[i].weight;
	x = rng_below(r, total);
	for (i = 0; x >= w->words[i].weight; i++)
		x -= w->words[i].weight;
	return w->words[i].text;
}

/* The same stream for core/demo-children.c (struct demo_rng is struct
 * rng by another name, kept apart so this file's calls stay short). */
void
demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	struct rng x;

	rng_seed(&x, seed);
	r->s = x.s;
}

uint32_t
demo_rng_below(struct demo_rng *r, uint32_t n)
{
	struct rng x = { r->s };
	uint32_t v = rng_below(&x, n);

	r->s = x.s;
	return v;
}

bool
demo_rng_chance(struct demo_rng *r, unsigned permille)
{
	return demo_rng_below(r, 1000) < permille;
}

const char *
demo_rng_word(struct demo_rng *r, const struct demo_words *w)
{
	struct rng x = { r->s };
	const char *v = rng_word(&x, w);

	r->s = x.s;
	return v;
}

/* ------------------------------------------------------------ context */

struct demo_ctx {
	sqlite3 *db;
	const struct demo_options *opt;
	struct rng rng;
	char county[7];
	long today, start;	/* day numbers: today, first day of the
				   first month with visits */
	uint64_t *ids;		/* ID numbers given out (first 17 digits),
				   open addressing; 0 = empty */
	size_t ids_cap;
	struct demo_result *res;
};

/* Remember the 17-digit number N; false if it was given out already. */
static bool
ids_add(struct demo_ctx *c, uint64_t n)
{
	size_t i = (size_t)(n * 0x9E3779B97F4A7C15ULL) & (c->ids_cap - 1);

	for (; c->ids[i] != 0; i = (i + 1) & (c->ids_cap - 1))
		if (c->ids[i] == n)
			return false;
	c->ids[i] = n;
	return true;
}

/* The mask bit of a hardship type, by its label. */
static unsigned
hardship_bit(const char *label)
{
	return 1u << choice_find(CH_HARDSHIP, label);
}

static char *
xstrdup(const char *s)
{
	return s != NULL && *s != '\0' ? strdup(s) : NULL;
}

/* Y-M-D moved to year Y + YEARS, Feb 29 becoming Feb 28. */
static struct ymd
add_years(struct ymd d, int years)
{
	d.y += years;
	if (d.d > date_days_in_month(d.y, d.m))
		d.d = date_days_in_month(d.y, d.m);
	return d;
}

/* The first day of month number N (year * 12 + month - 1). */
static struct ymd
month_first(int n)
{
	struct ymd d = { n / 12, n % 12 + 1, 1 };

	return d;
}

/* ------------------------------------------------------------ station */

static int
demo_station(struct demo_ctx *c, char **cause)
{
	struct station st;
	char code[13], *name;
	size_t t, v;
	int rc;

	if ((rc = db_station_get(c->db, &st, cause)) < 0)
		return -1;
	if (rc == 1) {
		snprintf(code, sizeof code, "%s%s000", demo_county_code,
		    demo_towns[0].code_tail);
		if (db_station_init(c->db, DEMO_STATION_CODE,
		    DEMO_STATION_NAME, code, cause) != 0)
			return -1;
		snprintf(c->res->station, sizeof c->res->station, "%s",
		    DEMO_STATION_CODE);
		c->res->station_created = true;
		memcpy(c->county, demo_county_code, sizeof c->county);
	} else {
		/* An existing station keeps its county: the demo villages
		 * are placed in it, and the ID numbers follow. */
		snprintf(c->res->station, sizeof c->res->station, "%s",
		    st.code);
		memcpy(c->county, st.division_code, 6);
		c->county[6] = '\0';
		db_station_clear(&st);
	}

	if ((name = db_division_name(c->db, c->county)) == NULL &&
	    strcmp(c->county, demo_county_code) == 0 &&
	    db_division_set(c->db, c->county, demo_county_name, cause) != 0)
		return -1;
	free(name);
	for (t = 0; t < demo_ntowns; t++) {
		snprintf(code, sizeof code, "%s%s", c->county,
		    demo_towns[t].code_tail);
		if (db_division_set(c->db, code, demo_towns[t].name,
		    cause) != 0)
			return -1;
	}
	for (v = 0; v < demo_nvillages; v++) {
		snprintf(code, sizeof code, "%s%s", c->county,
		    demo_villages[v].code_tail);
		if (db_division_set(c->db, code, demo_villages[v].name,
		    cause) != 0)
			return -1;
	}
	return 0;
}

static int
demo_accounts_add(struct demo_ctx *c, char **cause)
{
	size_t i;
	int n;

	if ((n = user_count(c->db)) < 0) {
		db_error(c->db, cause);
		return -1;
	}
	if (n > 0)	/* a real station's accounts are not ours to extend */
		return 0;
	for (i = 0; i < demo_naccounts; i++)
		if (user_add(c->db, demo_accounts[i].login,
		    demo_accounts[i].role, demo_accounts[i].pin, DEMO_LOGIN,
		    cause) != 0)
			return -1;
	c->res->accounts_created = true;
	return 0;
}

/* ------------------------------------------------------------ elders */

static size_t
pick_village(struct demo_ctx *c)
{
	unsigned total = 0, x;
	size_t v;

	for (v = 0; v < demo_nvillages; v++)
		total += demo_villages[v].weight;
	x = rng_below(&c->rng, total);
	for (v = 0; x >= demo_villages[v].weight; v++)
		x -= demo_villages[v].weight;
	return v;
}

/* Ages on a rural register: most in their sixties and seventies. */
static int
pick_age(struct demo_ctx *c)
{
	static const struct { int from; unsigned weight; } bands[] = {
		{ 60, 220 }, { 65, 240 }, { 70, 200 }, { 75, 150 },
		{ 80, 100 }, { 85, 60 }, { 90, 25 }, { 95, 5 },
	};
	unsigned x = rng_below(&c->rng, 1000);
	size_t b;

	for (b = 0; x >= bands[b].weight; b++)
		x -= bands[b].weight;
	return bands[b].from + (int)rng_below(&c->rng, bands[b].from == 95 ?
	    6 : 5);
}

/* Villages are named for their clan, and mostly still are one. */
static const char *
pick_surname(struct demo_ctx *c, size_t village)
{
	if (demo_villages[village].surname != NULL &&
	    rng_chance(&c->rng, 350))
		return demo_villages[village].surname;
	return rng_word(&c->rng, &demo_surnames);
}

static char *
join(const char *a, const char *b)
{
	char *s;

	return asprintf(&s, "%s%s", a, b) < 0 ? NULL : s;
}

static const char *
pick_given(struct demo_ctx *c, bool female)
{
	if (rng_chance(&c->rng, 250))
		return rng_word(&c->rng, &demo_single_given);
	return rng_word(&c->rng, female ? &demo_female_given :
	    &demo_male_given);
}

static char *
make_mobile(struct demo_ctx *c)
{
	static const char *const prefixes[] = {
		"135", "136", "137", "138", "139", "150", "151", "152", "158",
		"159", "130", "131", "132", "155", "156", "186", "133", "153",
		"180", "189", "177", "199", "187", "182",
	};
	char *s;

	if (asprintf(&s, "%s%08u", prefixes[rng_below(&c->rng,
	    sizeof prefixes / sizeof prefixes[0])],
	    rng_below(&c->rng, 100000000)) < 0)
		return NULL;
	return s;
}

static char *
make_phone(struct demo_ctx *c)
{
	char *s;
	unsigned x = rng_below(&c->rng, 100);

	if (x < 65)
		return make_mobile(c);
	if (x < 80) {
		/* Landline: the county's area code, 7 digits from 2-9. */
		if (asprintf(&s, "%s-%u%06u", demo_area_code,
		    2 + rng_below(&c->rng, 8),
		    rng_below(&c->rng, 1000000)) < 0)
			return NULL;
		return s;
	}
	return NULL;
}

/* A valid ID number for someone of county C born BIRTH, unique in this
 * run: the sequence's parity says the sex (GB 11643). */
static void
make_id(struct demo_ctx *c, struct ymd birth, bool female, char out[19])
{
	unsigned seq;

	do {
		seq = rng_below(&c->rng, 500) * 2 + (female ? 0 : 1);
		snprintf(out, 19, "%s%04d%02d%02d%03u", c->county, birth.y,
		    birth.m, birth.d, seq);
	} while (!ids_add(c, strtoull(out, NULL, 10)));
	out[17] = idnum_check_digit(out);
	out[18] = '\0';
}

static unsigned
make_hardship(struct demo_ctx *c, int age)
{
	static const struct { const char *label; unsigned permille; } p[] = {
		{ "独居", 250 }, { "空巢", 350 }, { "留守", 150 },
		{ "失能", 80 }, { "重残", 40 }, { "计划生育特殊家庭", 20 },
		{ "分散供养特困", 50 }, { "低保", 150 },
	};
	unsigned mask = 0;
	size_t i;

	for (i = 0; i < sizeof p / sizeof p[0]; i++)
		if (rng_chance(&c->rng, p[i].permille))
			mask |= hardship_bit(p[i].label);
	/* 独居 and 空巢 overlap in life but are recorded as one or the
	 * other. */
	if (mask & hardship_bit("独居"))
		mask &= ~hardship_bit("空巢");
	if (age >= 80)
		mask |= hardship_bit("高龄");
	if (mask == 0)
		mask = hardship_bit("空巢");
	return mask;
}

static int
make_living(struct demo_ctx *c, unsigned hardship)
{
	unsigned x;

	if (hardship & hardship_bit("独居"))
		return choice_find(CH_LIVING, "独居");
	x = rng_below(&c->rng, 100);
	if (x < 55)
		return choice_find(CH_LIVING, "与配偶同住");
	if (x < 85)
		return choice_find(CH_LIVING, "与子女同住");
	if (x < 95)
		return choice_find(CH_LIVING, "与其他亲属同住");
	return choice_find(CH_LIVING, "其他");
}

/* Risk tiers: ~10% 高, ~25% 重点 overall, more among the disabled and
 * the very old living alone. */
static int
make_risk(struct demo_ctx *c, unsigned hardship, int age)
{
	bool frail = (hardship & hardship_bit("失能")) ||
	    ((hardship & hardship_bit("独居")) && age >= 80);
	unsigned x = rng_below(&c->rng, 1000);

	if (x < (frail ? 400u : 70u))
		return RISK_HIGH;
	if (x < (frail ? 800u : 300u))
		return RISK_FOCUS;
	return RISK_NORMAL;
}

static int
make_elder(struct demo_ctx *c, struct elder *e, size_t *village)
{
	static const char *const groups[] = {
		"一", "二", "三", "四", "五", "六", "七", "八",
	};
	struct ymd today = c->opt->today, birth;
	const char *surname;
	char *addr;
	bool female = rng_chance(&c->rng, 560);
	int age = pick_age(c);
	long registered, sixty;
	unsigned x;

	*village = pick_village(c);
	birth = add_years(today, -age);
	birth = date_from_days(date_to_days(birth) - 1 -
	    (long)rng_below(&c->rng, 364));
	e->birth = birth;
	e->gender = female ? GENDER_FEMALE : GENDER_MALE;
	make_id(c, birth, female, e->id_number);
	surname = pick_surname(c, *village);
	e->name = join(surname, pick_given(c, female));
	e->phone = make_phone(c);
	if (rng_chance(&c->rng, 880)) {
		/* A son or daughter: a father's surname, a mother's
		 * husband's (any). */
		e->emergency_contact = join(female ?
		    pick_surname(c, *village) : surname,
		    rng_word(&c->rng, &demo_child_given));
		e->emergency_phone = make_mobile(c);
	}
	snprintf(e->division_code, sizeof e->division_code, "%s%s", c->county,
	    demo_villages[*village].code_tail);
	if (asprintf(&addr, "%s%s组%u号", demo_villages[*village].name,
	    groups[rng_below(&c->rng, 8)], 1 + rng_below(&c->rng, 60)) >= 0)
		e->address = addr;
	e->hardship = make_hardship(c, age);
	e->living = make_living(c, e->hardship);
	if (e->hardship & hardship_bit("失能"))
		e->ability_level = 3 + (int)rng_below(&c->rng, 2);
	else {
		x = rng_below(&c->rng, 100);
		e->ability_level = x < 55 ? 0 : x < 85 ? 1 : 2;
	}
	e->risk_tier = make_risk(c, e->hardship, age);
	e->note = xstrdup(rng_word(&c->rng, &demo_elder_notes));

	/* Most were on the register before the period; a few joined during
	 * it; nobody before turning sixty. */
	registered = rng_chance(&c->rng, 920) ? c->start - 1 -
	    (long)rng_below(&c->rng, 700) : c->start +
	    (long)rng_below(&c->rng, (uint32_t)(c->today - c->start));
	sixty = date_to_days(add_years(birth, 60));
	e->registered_on = date_from_days(registered > sixty ? registered :
	    sixty);

	x = rng_below(&c->rng, 1000);
	if (x < 31 && c->today - 1 > date_to_days(e->registered_on)) {
		e->status = x < 15 ? STATUS_DECEASED : x < 25 ? STATUS_MOVED :
		    STATUS_INSTITUTION;
		e->status_date = date_from_days(date_to_days(e->registered_on) +
		    1 + (long)rng_below(&c->rng, (uint32_t)(c->today - 1 -
		    date_to_days(e->registered_on))));
	}
	return e->name != NULL ? 0 : -1;
}

/* ------------------------------------------------------------ visits */

static const char *
pick_visitor(struct demo_ctx *c, size_t village)
{
	/* Each village has its own volunteer, who does most visits. */
	if (rng_chance(&c->rng, 700))
		return demo_visitors.words[village % demo_visitors.n].text;
	return rng_word(&c->rng, &demo_visitors);
}

static unsigned
service_bit(const char *label)
{
	return 1u << choice_find(CH_SERVICE, label);
}

/* Fill V as the visit on day DAY; *RETRY is set when the elder was not
 * reached (someone goes again a few days later). */
static int
make_visit(struct demo_ctx *c, const struct elder *e, size_t village,
    long day, struct visit *v, bool *retry)
{
	unsigned x = rng_below(&c->rng, 100);
	const char *needs;

	memcpy(v->elder_uid, e->meta.uid, sizeof v->elder_uid);
	v->day = date_from_days(day);
	v->minutes = 8 * 60 + 30 + (int)rng_below(&c->rng, 108) * 5;
	v->mode = e->risk_tier == RISK_HIGH || x < 78 ? MODE_HOME :
	    x < 94 ? MODE_PHONE : x < 98 ? MODE_VIDEO : MODE_OTHER;
	v->visitor = xstrdup(pick_visitor(c, village));
	v->contacted = !rng_chance(&c->rng, 40);
	*retry = !v->contacted;
	if (!v->contacted) {
		v->outcome = OUTCOME_NOT_FOUND;
		v->services = 0;
		v->note = xstrdup(v->mode == MODE_HOME ?
		    "家中无人，邻居说去女儿家了" : "电话无人接听");
		return v->visitor != NULL ? 0 : -1;
	}
	v->outcome = OUTCOME_NORMAL;
	v->services = service_bit("问安");
	if (rng_chance(&c->rng, 750))
		v->services |= service_bit("陪伴聊天");
	if (v->mode == MODE_HOME && rng_chance(&c->rng, 250))
		v->services |= service_bit("随手家务");
	if (rng_chance(&c->rng, 100))
		v->services |= service_bit("政策讲解");
	v->health = xstrdup(rng_word(&c->rng, &demo_health));
	v->economy = xstrdup(rng_word(&c->rng, &demo_economy));
	v->family = xstrdup(rng_word(&c->rng, &demo_family));
	needs = rng_word(&c->rng, &demo_needs);
	v->needs = xstrdup(needs);
	if (*needs != '\0' && rng_chance(&c->rng, 400)) {
		v->referral = xstrdup(rng_chance(&c->rng, 500) ?
		    "已报村委会" : "已转镇民政办");
		v->services |= service_bit("需求转介");
	}
	if (v->mode == MODE_HOME) {
		v->safety = xstrdup(rng_word(&c->rng, &demo_safety));
		if (v->safety != NULL) {
			v->outcome = OUTCOME_RISK;
			v->follow_up = date_from_days(day + 7);
		}
		if (rng_chance(&c->rng, 2)) {
			v->emergency = true;
			v->emergency_action = xstrdup("突发头晕，拨打120送县医院，"
			    "已通知子女");
			v->services |= service_bit("应急帮扶");
			v->outcome = OUTCOME_RISK;
		}
	}
	return v->visitor != NULL ? 0 : -1;
}

/* Save a visit of E on DAY; a visit that did not reach the elder is tried
 * again two or three days later, if that is still on or before UNTIL (the
 * last day the elder can be visited). */
static int
save_visit(struct demo_ctx *c, const struct elder *e, size_t village,
    long day, long until, char **cause)
{
	struct visit v;
	bool retry;
	int rc;

	visit_init(&v);
	rc = make_visit(c, e, village, day, &v, &retry);
	if (rc == 0 && visit_save(c->db, &v, DEMO_LOGIN, cause) == VISIT_ERROR)
		rc = -1;
	else if (rc != 0)
		err_set(cause, "%s", _("out of memory"));
	visit_clear(&v);
	if (rc == 0)
		c->res->visits++;
	if (rc == 0 && retry && day + 3 <= until)
		rc = save_visit(c, e, village, day + 2 +
		    (long)rng_below(&c->rng, 2), until, cause);
	return rc;
}

/* The visits of elder E over the demo months. */
static int
demo_visits(struct demo_ctx *c, const struct elder *e, size_t village,
    char **cause)
{
	struct ymd first = date_from_days(c->start);
	long from, until, m1, day;
	int month, slots, s, len, lo, hi;

	if (!e->visit_consent)
		return 0;
	from = date_to_days(e->registered_on);
	until = c->today - 1;
	if (e->status_date.y != 0 && date_to_days(e->status_date) - 1 < until)
		until = date_to_days(e->status_date) - 1;
	/* Slots by tier: weekly, two halves, or the whole month. */
	slots = e->risk_tier == RISK_HIGH ? 4 :
	    e->risk_tier == RISK_FOCUS ? 2 : 1;
	for (month = 0; month < c->opt->months; month++) {
		struct ymd m = month_first(first.y * 12 + first.m - 1 + month);

		m1 = date_to_days(m);
		len = date_days_in_month(m.y, m.m);
		for (s = 0; s < slots; s++) {
			lo = s * len / slots;
			hi = (s + 1) * len / slots;
			/* Now and then a slot is missed. */
			if (rng_chance(&c->rng, 40))
				continue;
			day = m1 + lo + (long)rng_below(&c->rng,
			    (uint32_t)(hi - lo));
			if (day >= from && day <= until &&
			    save_visit(c, e, village, day, until, cause) != 0)
				return -1;
		}
		/* Some normal-tier elders get a second, social call. */
		if (slots == 1 && rng_chance(&c->rng, 100)) {
			day = m1 + (long)rng_below(&c->rng, (uint32_t)len);
			if (day >= from && day <= until &&
			    save_visit(c, e, village, day, until, cause) != 0)
				return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ driver */

static int
demo_elders(struct demo_ctx *c, char **cause)
{
	struct elder e;
	size_t village, refusers[3], nref, i;
	enum elder_save_result r;
	int n = c->opt->elders, k;

	/* Two or three elders who declined visits (SPEC: consent). */
	nref = n >= 80 ? 3 : n >= 20 ? 2 : 0;
	for (i = 0; i < nref; i++)
		refusers[i] = rng_below(&c->rng, (uint32_t)n);

	for (k = 0; k < n; k++) {
		elder_init(&e);
		if (make_elder(c, &e, &village) != 0) {
			elder_clear(&e);
			err_set(cause, "%s", _("out of memory"));
			return -1;
		}
		for (i = 0; i < nref; i++)
			if (refusers[i] == (size_t)k)
				e.visit_consent = false;
		r = elder_save(c->db, &e, DEMO_LOGIN, cause);
		if (r == ELDER_ERROR || demo_visits(c, &e, village,
		    cause) != 0) {
			elder_clear(&e);
			return -1;
		}
		c->res->elders++;
		elder_clear(&e);
	}
	return 0;
}

int
demo_generate(sqlite3 *db, const struct demo_options *opt,
    struct demo_result *res, char **cause)
{
	struct demo_ctx c;
	int tok, rc = -1;

	memset(res, 0, sizeof *res);
	memset(&c, 0, sizeof c);
	if (opt->elders < 1 || opt->elders > DEMO_ELDERS_MAX ||
	    opt->months < 1 || opt->months > DEMO_MONTHS_MAX ||
	    !date_valid(opt->today)) {
		err_set(cause, _("demo: elders must be 1 to %d and months 1 to "
		    "%d"), DEMO_ELDERS_MAX, DEMO_MONTHS_MAX);
		return -1;
	}
	c.db = db;
	c.opt = opt;
	c.res = res;
	rng_seed(&c.rng, opt->seed);
	c.today = date_to_days(opt->today);
	c.start = date_to_days(month_first(opt->today.y * 12 +
	    opt->today.m - 1 - (opt->months - 1)));
	for (c.ids_cap = 64; c.ids_cap < 2 * (size_t)opt->elders;)
		c.ids_cap *= 2;
	if ((c.ids = calloc(c.ids_cap, sizeof *c.ids)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}

	/* One transaction: one fsync for the lot, and nothing half-made
	 * if anything fails. */
	if ((tok = db_begin(db, cause)) < 0)
		goto done;
	if (demo_station(&c, cause) != 0 || demo_accounts_add(&c, cause) != 0 ||
	    demo_elders(&c, cause) != 0 ||
	    demo_children(db, opt, c.county, res, cause) != 0 ||
	    demo_meals(db, opt, c.county, res, cause) != 0) {
		db_rollback(db, tok);
		goto done;
	}
	rc = db_commit(db, tok, cause);
done:
	if (rc != 0)
		memset(res, 0, sizeof *res);
	free(c.ids);
	return rc;
}
