/* meal-form.c: the meal kind: its fields and its hooks into core/meal. */
#define _POSIX_C_SOURCE 200809L
#include "forms/meal-form.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/validate.h"
#include "forms/site-form.h"

#define TEXT_MAX 2000	/* core/meal.c: the note */
/* A serving's money is at most the dearest site's full portions. */
#define MONEY_MAX (SITE_PRICE_MAX * MEAL_PORTIONS_MAX)

/* TRANSLATORS: labels ≤ 10 columns (5 Chinese characters). */
static const struct field_def meal_fields[] = {
	{ .key = "uid", .label = N_("Record"), .noun = N_("record number"),
	  .type = FIELD_TEXT, .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct meal, meta.uid) },
	{ .key = "elder_id_number", .label = N_("Elder"), .noun = N_("elder"),
	  .help = N_("the elder's ID number"),
	  .type = FIELD_ELDER,
	  .flags = FIELD_REQUIRED | FIELD_HIDDEN | FIELD_EXCEL_TEXT,
	  .headers = { "身份证号", "身份证号码", "elder" },
	  .name_key = "elder_name",
	  .bind = BIND_CHARS(struct meal, elder_uid) },
	{ .key = "site", .label = N_("Site"), .noun = N_("site"),
	  .help = N_("the meal site's name"),
	  .type = FIELD_REF, .ref = &form_ref_site,
	  .flags = FIELD_REQUIRED | FIELD_HIDDEN,
	  .headers = { "助餐点", "站点" },
	  .bind = BIND_CHARS(struct meal, site_uid) },
	{ .key = "served_on", .label = N_("Date"), .noun = N_("serving date"),
	  .help = N_("YYYY-MM-DD"),
	  .type = FIELD_DATE, .flags = FIELD_REQUIRED, .def = "today",
	  .headers = { "用餐日期", "日期" },
	  .bind = BIND_DATE(struct meal, served_on) },
	{ .key = "slot", .label = N_("Meal"), .noun = N_("meal slot"),
	  .type = FIELD_CHOICE, .choices = CH_MEAL_SLOT,
	  .flags = FIELD_REQUIRED, .def = "午", .headers = { "餐次" },
	  .bind = BIND_INT(struct meal, slot) },
	{ .key = "mode", .label = N_("Meal mode"), .noun = N_("meal mode"),
	  .help = N_("empty: the site's usual mode"),
	  .type = FIELD_CHOICE, .choices = CH_MEAL_MODE,
	  .headers = { "用餐方式", "方式" },
	  .bind = BIND_INT(struct meal, mode) },
	{ .key = "portions", .label = N_("Portions"), .noun = N_("portions"),
	  .type = FIELD_NUMBER, .flags = FIELD_REQUIRED, .def = "1",
	  .min = 1, .max = MEAL_PORTIONS_MAX, .headers = { "份数" },
	  .bind = BIND_INT(struct meal, portions) },
	{ .key = "price_fen", .label = N_("Price"), .noun = N_("price"),
	  .help = N_("in fen; give all three amounts or none (priced by the "
	      "site)"),
	  .type = FIELD_MONEY, .max = MONEY_MAX, .headers = { "金额", "价格" },
	  .bind = BIND_LLONG(struct meal, price_fen) },
	{ .key = "subsidy_fen", .label = N_("Subsidy"), .noun = N_("subsidy"),
	  .help = N_("in fen"),
	  .type = FIELD_MONEY, .max = MONEY_MAX, .headers = { "补贴" },
	  .bind = BIND_LLONG(struct meal, subsidy_fen) },
	{ .key = "self_paid_fen", .label = N_("Self-paid"),
	  .noun = N_("self-paid"), .help = N_("in fen"),
	  .type = FIELD_MONEY, .max = MONEY_MAX, .headers = { "自付" },
	  .bind = BIND_LLONG(struct meal, self_paid_fen) },
	{ .key = "verification", .label = N_("Checked by"),
	  .noun = N_("verification"),
	  .type = FIELD_CHOICE, .choices = CH_VERIFICATION,
	  .flags = FIELD_REQUIRED, .def = "刷卡", .headers = { "核验方式" },
	  .bind = BIND_INT(struct meal, verification) },
	{ .key = "proxy_name", .label = N_("Collected by"),
	  .noun = N_("proxy's name"),
	  .help = N_("who collected the meal (代领 only)"),
	  .type = FIELD_TEXT, .max = VALIDATE_NAME_MAX, .headers = { "代领人" },
	  .bind = BIND_STR(struct meal, proxy_name) },
	{ .key = "note", .label = N_("Note"), .noun = N_("note"),
	  .help = N_("anything else"),
	  .type = FIELD_MULTILINE, .max = TEXT_MAX, .headers = { "备注" },
	  .bind = BIND_STR(struct meal, note) },
};

/* SPEC "CSV out": meals. */
static const char *const meal_columns[] = {
	"uid", "elder_id_number", "elder_name", "site", "served_on", "slot",
	"mode", "portions", "price_fen", "subsidy_fen", "self_paid_fen", NULL,
};

static const char *const money_keys[] = {
	"price_fen", "subsidy_fen", "self_paid_fen",
};

static bool
given(const struct form *f, const char *key)
{
	return f->v[form_index(f, key)].given;
}

/* F's serving priced at site S (meal_price: the tier's subsidy, with the
 * serving it will be saved over not counting against the caps), into
 * the money fields. */
static int
meal_reprice(struct form *f, sqlite3 *db, const struct site *s,
    char **cause)
{
	char yuan[MONEY_TEXT_MAX];
	struct meal m;
	size_t bad;
	int rc = -1;

	meal_init(&m);
	if (form_store(f, &m, false, &bad, cause) == 0 &&
	    meal_price(db, s, &m, MEAL_SAVE_MERGE, NULL, cause) == 0) {
		money_format(m.price_fen, yuan);
		rc = form_set_text(f, "price_fen", yuan);
		money_format(m.subsidy_fen, yuan);
		rc |= form_set_text(f, "subsidy_fen", yuan);
		money_format(m.self_paid_fen, yuan);
		rc |= form_set_text(f, "self_paid_fen", yuan);
		if (rc != 0)
			err_set(cause, "%s", _("out of memory"));
	}
	meal_clear(&m);
	return rc;
}

/* What the site fills in: its usual mode for a new serving that names
 * none, and the money of one given without any (a new serving, or a
 * stored one whose portions changed). */
static int
meal_derive(struct form *f, sqlite3 *db, char **cause)
{
	bool fresh = *form_text(f, "uid") == '\0', money = false;
	struct site s;
	size_t i;
	int rc;

	if ((rc = site_get(db, form_text(f, "site"), &s, cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("%s: no such meal site"), _("site"));
		site_clear(&s);
		return -1;
	}
	if ((fresh && !given(f, "mode")) || form_choice(f, "mode") < 0)
		form_set_choice(f, "mode", s.default_mode);
	for (i = 0; i < sizeof money_keys / sizeof money_keys[0]; i++)
		money |= given(f, money_keys[i]);
	rc = 0;
	if (!money && (fresh || given(f, "portions")))
		rc = meal_reprice(f, db, &s, cause);
	site_clear(&s);
	return rc;
}

/* doc/forms.md's example: the balance, named on the field to fix. */
static int
meal_check(const struct form *f, sqlite3 *db, size_t *bad, char **cause)
{
	long long price, subsidy, self;

	(void)db;
	if (!money_parse(form_text(f, "price_fen"), &price) ||
	    !money_parse(form_text(f, "subsidy_fen"), &subsidy) ||
	    !money_parse(form_text(f, "self_paid_fen"), &self))
		price = subsidy = self = 0;	/* empty: core says so */
	if (price == subsidy + self)
		return 0;
	*bad = form_index(f, "self_paid_fen");
	err_set(cause, _("%s: price must be subsidy + self-paid (%lld ≠ %lld "
	    "+ %lld fen)"), _("self-paid"), price, subsidy, self);
	return -1;
}

static void
meal_kind_init(void *rec)
{
	meal_init(rec);
}

static void
meal_kind_clear(void *rec)
{
	meal_clear(rec);
}

/* The serving with REC's identity (elder, day, slot, site): the day's
 * servings are few, so they are simply walked. */
struct find_arg {
	const struct meal *want;
	struct meal *found;
	bool hit;
	bool oom;
};

static int
find_one(const struct meal *m, void *arg)
{
	struct find_arg *a = arg;

	if (strcmp(m->elder_uid, a->want->elder_uid) != 0 ||
	    strcmp(m->site_uid, a->want->site_uid) != 0 ||
	    m->slot != a->want->slot)
		return 0;
	meal_clear(a->found);
	*a->found = *m;
	a->found->proxy_name = m->proxy_name != NULL ?
	    strdup(m->proxy_name) : NULL;
	a->found->note = m->note != NULL ? strdup(m->note) : NULL;
	a->oom = (m->proxy_name != NULL && a->found->proxy_name == NULL) ||
	    (m->note != NULL && a->found->note == NULL);
	a->hit = true;
	return 1;
}

static int
meal_kind_find(sqlite3 *db, const void *rec, void *stored, char **cause)
{
	const struct meal *m = rec;
	struct find_arg a = { m, stored, false, false };

	if (m->elder_uid[0] == '\0' || m->site_uid[0] == '\0' ||
	    m->served_on.y == 0)
		return 1;
	if (meal_each(db, m->served_on, m->served_on, find_one, &a,
	    cause) < 0)
		return -1;
	if (a.oom) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return a.hit ? 0 : 1;
}

static int
meal_kind_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	/* `hearth add` and import: a serving already recorded (same
	 * identity) is updated, so a file imported twice changes nothing. */
	return (int)meal_save(db, rec, MEAL_SAVE_MERGE, login, cause);
}

struct each_arg {
	int (*fn)(const void *, void *);
	void *arg;
};

static int
each_one(const struct meal *m, void *arg)
{
	struct each_arg *a = arg;

	return a->fn(m, a->arg);
}

static int
meal_kind_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const void *rec, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg };

	return meal_each(db, since, until, each_one, &a, cause) == 0 ? 0 : -1;
}

/* For `hearth sync`: the serving UID, deleted or not. */
static int
meal_kind_get(sqlite3 *db, const char *uid, void *rec, char **cause)
{
	meal_clear(rec);
	return meal_get(db, uid, rec, cause);
}

const struct form_kind meal_kind = {
	.name = "meal",
	.plural = "meals",
	.title = N_("Meal serving"),
	.fields = meal_fields,
	.n = sizeof meal_fields / sizeof meal_fields[0],
	.columns = meal_columns,
	.size = sizeof(struct meal),
	.init = meal_kind_init,
	.clear = meal_kind_clear,
	.find = meal_kind_find,
	.derive = meal_derive,
	.check = meal_check,
	.save = meal_kind_save,
	.each = meal_kind_each,
	.get = meal_kind_get,
};
