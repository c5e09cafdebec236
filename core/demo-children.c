/* demo-children.c: children under three and a year of parenting guidance
 * for the demo villages.
 *
 * Children are made first, then the sessions month by month: each
 * village's parents' class (父母课堂) in the middle of the month for the
 * children who came, and every child's own home visit or call at the
 * rhythm of the next date set last time.  Sessions end yesterday, so this
 * month's not-yet-held ones leave a realistic due list. */
#define _GNU_SOURCE
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/err.h"
#include "core/guidance.h"
#include "core/i18n.h"
#include "core/idnum.h"
#include "core/labels.h"

#define DEMO_LOGIN "demo"
/* Its own stream: the elders and visits stay as they were. */
#define CHILDREN_SEED_SALT 0x6368696c6472656eULL	/* "children" */

/* Names parents give now, not their grandparents' generation's. */
static const struct demo_word given_boy[] = {
	{ "浩宇", 3 }, { "宇轩", 3 }, { "梓轩", 3 }, { "俊熙", 2 },
	{ "沐阳", 2 }, { "子墨", 2 }, { "一鸣", 2 }, { "浩然", 2 },
	{ "睿", 2 }, { "辰", 2 }, { "博文", 1 }, { "嘉懿", 1 },
	{ "小宝", 1 }, { "天佑", 1 },
};
static const struct demo_word given_girl[] = {
	{ "梓萱", 3 }, { "欣怡", 3 }, { "雨桐", 3 }, { "诗涵", 2 },
	{ "一诺", 2 }, { "可馨", 2 }, { "若汐", 2 }, { "思琪", 2 },
	{ "语嫣", 1 }, { "佳怡", 1 }, { "朵朵", 1 }, { "悦", 2 },
};
static const struct demo_word providers[] = {
	{ "村医李秀兰", 4 }, { "育婴员张敏", 3 }, { "妇联执委王芳", 2 },
	{ "卫生院刘医生", 2 }, { "志愿者陈静", 1 },
};
static const struct demo_word class_providers[] = {
	{ "卫生院儿保科", 2 }, { "妇联执委王芳", 2 }, { "育婴员张敏", 1 },
};
static const struct demo_word notes[] = {
	{ "", 30 }, { "辅食添加较晚，已示范做法", 2 },
	{ "夜间哭闹，讲解睡眠习惯", 2 }, { "家中楼梯无护栏，已提醒加装", 1 },
	{ "奶奶带养，讲解交流游戏", 2 }, { "疫苗按时接种", 2 },
};
#define WORDS(a) { a, sizeof a / sizeof a[0] }
static const struct demo_words w_boy = WORDS(given_boy);
static const struct demo_words w_girl = WORDS(given_girl);
static const struct demo_words w_providers = WORDS(providers);
static const struct demo_words w_class = WORDS(class_providers);
static const struct demo_words w_notes = WORDS(notes);

struct kid {
	char uid[HEARTH_UID_MAX];
	size_t village;
	long born, registered, left;	/* day numbers; left: 0 = stays */
	long third;			/* third birthday */
	long next;			/* the next date set last time */
	bool late;			/* not yet seen this month */
};

struct gen {
	sqlite3 *db;
	const struct demo_options *opt;
	struct demo_rng rng;
	const char *county;
	long today, start;
	long month;			/* first day of this month */
	struct kid *kids;
	size_t n;
	struct demo_result *res;
};

static unsigned
bit(enum choice_kind kind, const char *label)
{
	return 1u << choice_find(kind, label);
}

static size_t
pick_village(struct gen *g)
{
	unsigned total = 0, x;
	size_t v;

	for (v = 0; v < demo_nvillages; v++)
		total += demo_villages[v].weight;
	x = demo_rng_below(&g->rng, total);
	for (v = 0; x >= demo_villages[v].weight; v++)
		x -= demo_villages[v].weight;
	return v;
}

static char *
mobile(struct gen *g)
{
	static const char *const prefixes[] = {
		"135", "138", "139", "150", "152", "158", "186", "187", "199",
	};
	char *s;

	if (asprintf(&s, "%s%08u", prefixes[demo_rng_below(&g->rng,
	    sizeof prefixes / sizeof prefixes[0])],
	    demo_rng_below(&g->rng, 100000000)) < 0)
		return NULL;
	return s;
}

/* The caregiver: mostly the mother, often a grandparent (the parents work
 * in the city: then the child is 留守). */
static int
make_caregiver(struct gen *g, struct child *c, const char *surname)
{
	static const struct { const char *rel; unsigned permille; } p[] = {
		{ "母亲", 450 }, { "祖父母", 300 }, { "父亲", 130 },
		{ "外祖父母", 90 }, { "其他亲属", 30 },
	};
	unsigned x = demo_rng_below(&g->rng, 1000);
	const char *given;
	size_t i;

	for (i = 0; i + 1 < sizeof p / sizeof p[0] && x >= p[i].permille; i++)
		x -= p[i].permille;
	c->relation = choice_find(CH_RELATION, p[i].rel);
	if (strcmp(p[i].rel, "祖父母") == 0 || strcmp(p[i].rel, "父亲") == 0)
		given = demo_rng_word(&g->rng, strcmp(p[i].rel, "父亲") == 0 ?
		    &demo_child_given : &demo_male_given);
	else {
		given = demo_rng_word(&g->rng, &demo_female_given);
		surname = demo_rng_word(&g->rng, &demo_surnames);
	}
	if (asprintf(&c->caregiver, "%s%s", surname, given) < 0)
		return -1;
	if (strstr(p[i].rel, "祖") != NULL && demo_rng_chance(&g->rng, 700))
		c->flags |= bit(CH_CHILD_FLAG, "留守");
	if (demo_rng_chance(&g->rng, 900) && (c->caregiver_phone =
	    mobile(g)) == NULL)
		return -1;
	return 0;
}

/* Child K: born within three years (a few three and a half, who have
 * closed since), registered a month or two after birth. */
static int
make_child(struct gen *g, size_t k, struct child *c, struct kid *kid)
{
	bool girl = demo_rng_chance(&g->rng, 480);
	const char *surname;
	char *addr;
	long age;

	kid->village = pick_village(g);
	age = demo_rng_chance(&g->rng, 80) ? 3 * 365 + 1 +
	    (long)demo_rng_below(&g->rng, 180) :
	    20 + (long)demo_rng_below(&g->rng, 3 * 365 - 30);
	kid->born = g->today - age;
	c->birth = date_from_days(kid->born);
	c->gender = girl ? GENDER_FEMALE : GENDER_MALE;
	surname = demo_villages[kid->village].surname != NULL &&
	    demo_rng_chance(&g->rng, 400) ? demo_villages[kid->village].surname :
	    demo_rng_word(&g->rng, &demo_surnames);
	if (asprintf(&c->name, "%s%s", surname, demo_rng_word(&g->rng,
	    girl ? &w_girl : &w_boy)) < 0)
		return -1;
	/* An ID number for most (a unique sequence per run: 2k+sex). */
	if (k < 500 && demo_rng_chance(&g->rng, 600)) {
		snprintf(c->id_number, sizeof c->id_number,
		    "%s%04d%02d%02d%03zu", g->county, c->birth.y, c->birth.m,
		    c->birth.d, k * 2 + (girl ? 0 : 1));
		c->id_number[17] = idnum_check_digit(c->id_number);
		c->id_number[18] = '\0';
	}
	if (make_caregiver(g, c, surname) != 0)
		return -1;
	snprintf(c->division_code, sizeof c->division_code, "%s%s",
	    g->county, demo_villages[kid->village].code_tail);
	if (asprintf(&addr, "%s%u组%u号", demo_villages[kid->village].name,
	    1 + demo_rng_below(&g->rng, 8),
	    1 + demo_rng_below(&g->rng, 60)) >= 0)
		c->address = addr;
	if (demo_rng_chance(&g->rng, 60))
		c->flags |= bit(CH_CHILD_FLAG, "早产");
	if (demo_rng_chance(&g->rng, 50))
		c->flags |= bit(CH_CHILD_FLAG, "低体重");
	if (demo_rng_chance(&g->rng, 25))
		c->flags |= bit(CH_CHILD_FLAG, "困境");
	if (demo_rng_chance(&g->rng, 8))
		c->flags |= bit(CH_CHILD_FLAG, "残疾");
	kid->registered = kid->born + 30 + (long)demo_rng_below(&g->rng, 40);
	if (kid->registered >= g->today)
		kid->registered = g->today - 1 > kid->born ? g->today - 1 :
		    kid->born;
	c->registered_on = date_from_days(kid->registered);
	kid->third = date_to_days(child_third_birthday(c->birth));
	kid->left = 0;
	if (demo_rng_chance(&g->rng, 30) && g->today - 2 > kid->registered &&
	    g->today - 2 < kid->third) {
		kid->left = kid->registered + 1 + (long)demo_rng_below(&g->rng,
		    (uint32_t)(g->today - 2 - kid->registered));
		c->status = CHILD_MOVED;
		c->status_date = date_from_days(kid->left);
	}
	return 0;
}

/* In the register on DAY and already registered: sessions only then. */
static bool
kid_open(const struct kid *k, long day)
{
	return day >= k->registered && day >= k->born && day < k->third &&
	    (k->left == 0 || day <= k->left);
}

static unsigned
pick_topics(struct gen *g, long age_days)
{
	static const char *const young[] = {
		"营养与喂养", "生长发育", "预防接种提醒", "生活照护",
	};
	static const char *const older[] = {
		"交流与玩耍", "伤害预防", "常见病防控", "营养与喂养",
		"生长发育",
	};
	const char *const *list = age_days < 365 ? young : older;
	size_t n = age_days < 365 ? 4 : 5;
	unsigned mask = bit(CH_TOPIC, list[demo_rng_below(&g->rng,
	    (uint32_t)n)]);

	if (demo_rng_chance(&g->rng, 500))
		mask |= bit(CH_TOPIC, list[demo_rng_below(&g->rng,
		    (uint32_t)n)]);
	return mask;
}

static int
save_session(struct gen *g, struct guidance *s, const char *const *uids,
    size_t n, char **cause)
{
	int rc = guidance_save_session(g->db, s, uids, n, DEMO_LOGIN, NULL,
	    cause);

	if (rc == 0)
		g->res->sessions++;
	return rc;
}

/* Kid K's own session on DAY: a home visit, now and then a call. */
static int
home_session(struct gen *g, struct kid *k, long day, char **cause)
{
	struct guidance s;
	const char *uid = k->uid;
	int rc;

	guidance_init(&s);
	s.day = date_from_days(day);
	s.minutes = 9 * 60 + (int)demo_rng_below(&g->rng, 96) * 5;
	s.form = choice_find(CH_GUIDANCE_FORM, demo_rng_chance(&g->rng, 800) ?
	    "入户" : demo_rng_chance(&g->rng, 700) ? "电话视频" : "随访");
	s.provider = strdup(demo_rng_word(&g->rng, &w_providers));
	s.topics = pick_topics(g, day - k->born);
	s.note = strdup(demo_rng_word(&g->rng, &w_notes));
	if (s.note != NULL && *s.note == '\0') {
		free(s.note);
		s.note = NULL;
	}
	/* Young babies monthly, toddlers every month or two. */
	k->next = day + (day - k->born < 365 ? 30 : 30 +
	    30 * (long)demo_rng_below(&g->rng, 2));
	if (k->next < k->third)
		s.next_date = date_from_days(k->next);
	if (s.provider == NULL)
		rc = -1, err_set(cause, "%s", _("out of memory"));
	else
		rc = save_session(g, &s, &uid, 1, cause);
	guidance_clear(&s);
	return rc;
}

/* The parents' class of village V on DAY, for those who came. */
static int
class_session(struct gen *g, size_t v, long day, char **cause)
{
	const char **uids;
	struct guidance s;
	size_t i, n = 0;
	int rc = 0;

	if ((uids = calloc(g->n + 1, sizeof *uids)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	for (i = 0; i < g->n; i++)
		if (g->kids[i].village == v && kid_open(&g->kids[i], day) &&
		    !(day >= g->month && g->kids[i].late) &&
		    demo_rng_chance(&g->rng, 550))
			uids[n++] = g->kids[i].uid;
	if (n >= 2) {
		guidance_init(&s);
		s.day = date_from_days(day);
		s.minutes = 15 * 60;
		s.form = choice_find(CH_GUIDANCE_FORM, "父母课堂");
		s.provider = strdup(demo_rng_word(&g->rng, &w_class));
		s.topics = bit(CH_TOPIC, "交流与玩耍") |
		    pick_topics(g, 400);
		if (s.provider == NULL)
			rc = -1, err_set(cause, "%s", _("out of memory"));
		else
			rc = save_session(g, &s, uids, n, cause);
		guidance_clear(&s);
	}
	free(uids);
	return rc;
}

static int
make_children(struct gen *g, char **cause)
{
	struct child c;
	size_t k;
	int rc;

	for (k = 0; k < g->n; k++) {
		child_init(&c);
		rc = make_child(g, k, &c, &g->kids[k]);
		if (rc != 0)
			err_set(cause, "%s", _("out of memory"));
		else if (child_save(g->db, &c, DEMO_LOGIN, cause) ==
		    CHILD_ERROR)
			rc = -1;
		else {
			memcpy(g->kids[k].uid, c.meta.uid,
			    sizeof g->kids[k].uid);
			g->kids[k].late = demo_rng_chance(&g->rng, 450);
			/* Spread over the first month, not all on day 1. */
			g->kids[k].next = (g->kids[k].registered > g->start ?
			    g->kids[k].registered : g->start) +
			    (long)demo_rng_below(&g->rng, 28);
			g->res->children++;
		}
		child_clear(&c);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Day by day over the period: classes on each village's day, home
 * sessions when due (a few days late now and then). */
static int
make_sessions(struct gen *g, char **cause)
{
	struct kid *k;
	struct ymd d;
	long day;
	size_t i, v;

	for (day = g->start; day < g->today; day++) {
		d = date_from_days(day);
		for (v = 0; v < demo_nvillages; v++)
			if (d.d == 12 + (int)v * 2 &&
			    class_session(g, v, day, cause) != 0)
				return -1;
		for (i = 0; i < g->n; i++) {
			k = &g->kids[i];
			/* Late families leave this month's due list its
			 * work, and a visit is often a few days late. */
			if (day < k->next || !kid_open(k, day) ||
			    (day >= g->month && k->late) ||
			    demo_rng_chance(&g->rng, 250))
				continue;
			if (home_session(g, k, day, cause) != 0)
				return -1;
		}
	}
	return 0;
}

int
demo_children(sqlite3 *db, const struct demo_options *opt,
    const char county[7], struct demo_result *res, char **cause)
{
	struct gen g;
	struct ymd first;
	int rc;

	if (opt->children < 0 || opt->children > DEMO_CHILDREN_MAX) {
		err_set(cause, _("demo: children must be 0 to %d"),
		    DEMO_CHILDREN_MAX);
		return -1;
	}
	if (opt->children == 0)
		return 0;
	memset(&g, 0, sizeof g);
	g.db = db;
	g.opt = opt;
	g.county = county;
	g.res = res;
	demo_rng_seed(&g.rng, opt->seed ^ CHILDREN_SEED_SALT);
	g.today = date_to_days(opt->today);
	first.y = (opt->today.y * 12 + opt->today.m - 1 -
	    (opt->months - 1)) / 12;
	first.m = (opt->today.y * 12 + opt->today.m - 1 -
	    (opt->months - 1)) % 12 + 1;
	first.d = 1;
	g.start = date_to_days(first);
	first.y = opt->today.y;
	first.m = opt->today.m;
	g.month = date_to_days(first);
	g.n = (size_t)opt->children;
	if ((g.kids = calloc(g.n, sizeof *g.kids)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	rc = make_children(&g, cause) == 0 && make_sessions(&g, cause) == 0 ?
	    0 : -1;
	free(g.kids);
	return rc;
}
