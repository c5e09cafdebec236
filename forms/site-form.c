/* site-form.c: the site kind: its fields and its hooks into core/site. */
#define _POSIX_C_SOURCE 200809L
#include "forms/site-form.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/site-tiers.h"

#define SITE_NAME_MAX 40	/* core/site.c */
#define TIERS_TEXT_MAX 2000

#define AT(M) BIND_STR(struct site_record, M)

/* TRANSLATORS: labels ≤ 10 columns (5 Chinese characters). */
static const struct field_def site_fields[] = {
	{ .key = "uid", .label = N_("Record"), .noun = N_("record number"),
	  .type = FIELD_TEXT, .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct site_record, site.meta.uid) },
	{ .key = "name", .label = N_("Name"), .noun = N_("site name"),
	  .help = N_("the canteen's name, as workers know it"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED, .max = SITE_NAME_MAX,
	  .headers = { "名称", "助餐点" }, .bind = AT(site.name) },
	{ .key = "division_code", .label = N_("Village"),
	  .noun = N_("division code"),
	  .help = N_("the 12-digit statistical division code (empty: the "
	      "station's)"),
	  .type = FIELD_TEXT, .flags = FIELD_EXCEL_TEXT, .max = 12,
	  .headers = { "区划代码" },
	  .bind = BIND_CHARS(struct site_record, site.division_code) },
	{ .key = "address", .label = N_("Address"), .noun = N_("address"),
	  .type = FIELD_TEXT, .max = 200, .headers = { "地址", "住址" },
	  .bind = AT(site.address) },
	{ .key = "slots", .label = N_("Meal slots"), .noun = N_("meal slots"),
	  .help = N_("the meals served"),
	  .type = FIELD_MULTI, .choices = CH_MEAL_SLOT,
	  .flags = FIELD_REQUIRED, .def = "午", .headers = { "供餐时段" },
	  .bind = BIND_BITS(struct site_record, site.slots) },
	{ .key = "price_fen", .label = N_("Price"), .noun = N_("price"),
	  .help = N_("one portion, in fen (1200 for 12.00 yuan)"),
	  .type = FIELD_MONEY, .flags = FIELD_REQUIRED,
	  .max = SITE_PRICE_MAX, .headers = { "单价" },
	  .bind = BIND_LLONG(struct site_record, site.price_fen) },
	{ .key = "default_mode", .label = N_("Usual mode"),
	  .noun = N_("usual meal mode"),
	  .type = FIELD_CHOICE, .choices = CH_MEAL_MODE,
	  .flags = FIELD_REQUIRED, .def = "堂食", .headers = { "供餐方式" },
	  .bind = BIND_INT(struct site_record, site.default_mode) },
	{ .key = "tiers", .label = N_("Subsidies"), .noun = N_("subsidy tiers"),
	  .help = N_("in rank order, subsidy in fen: "
	      "60-74:300;85-:800;低保:800;75-84+低保:600/5"),
	  .type = FIELD_TEXT, .max = TIERS_TEXT_MAX,
	  .headers = { "补贴档次", "补贴标准" }, .bind = AT(tiers) },
};

static const char *const site_columns[] = {
	"uid", "name", "division_code", "address", "slots", "price_fen",
	"default_mode", "tiers", NULL,
};

static void
site_kind_init(void *rec)
{
	struct site_record *r = rec;

	site_init(&r->site);
	r->tiers = NULL;
}

static void
site_kind_clear(void *rec)
{
	struct site_record *r = rec;

	site_clear(&r->site);
	free(r->tiers);
	r->tiers = NULL;
}

/* The stored site's tier table as text, into R. */
static int
record_tiers(struct site_record *r, char **cause)
{
	free(r->tiers);
	if ((r->tiers = site_tiers_format(r->site.tiers,
	    r->site.ntiers)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* The site of the same name: what site_save() would update. */
static int
site_kind_find(sqlite3 *db, const void *rec, void *stored, char **cause)
{
	const struct site_record *r = rec;
	struct site_record *s = stored;
	int rc;

	if (r->site.name == NULL)
		return 1;
	site_kind_clear(s);
	if ((rc = site_get_by_name(db, r->site.name, &s->site, cause)) != 0)
		return rc;
	return record_tiers(s, cause) == 0 ? 0 : -1;
}

/* The tier text is read here, where the field can be named; the save
 * hook reads it again into the record. */
static int
site_kind_check(const struct form *f, sqlite3 *db, size_t *bad,
    char **cause)
{
	struct site_tier tiers[SITE_TIERS_MAX];
	size_t n;

	(void)db;
	if (site_tiers_parse(form_text(f, "tiers"), tiers, &n, cause) == 0)
		return 0;
	*bad = form_index(f, "tiers");
	return -1;
}

static int
site_kind_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	struct site_record *r = rec;

	if (site_tiers_parse(r->tiers, r->site.tiers, &r->site.ntiers,
	    cause) != 0)
		return KIND_ERROR;
	return (int)site_save(db, &r->site, login, cause);
}

/* Sites changed in the period, as elders are (updated_at's date). */
static int
site_kind_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const void *rec, void *arg), void *arg, char **cause)
{
	struct site_record r;
	struct site *list;
	char from[11] = "", to[11] = "";
	size_t n, i;
	int stop = 0;

	if (since.y != 0)
		date_format(since, from);
	if (until.y != 0)
		date_format(until, to);
	if (site_list(db, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && stop == 0; i++) {
		if (!record_changed_within(&list[i].meta, from, to))
			continue;
		/* The record borrows the listed site; only its text is
		 * its own. */
		r.site = list[i];
		r.tiers = NULL;
		if (record_tiers(&r, cause) != 0) {
			stop = -1;
			break;
		}
		stop = fn(&r, arg);
		free(r.tiers);
	}
	site_list_free(list, n);
	return stop != 0 ? -1 : 0;
}

/* For `hearth sync`: the site UID with its tiers, deleted or not. */
static int
site_kind_get(sqlite3 *db, const char *uid, void *rec, char **cause)
{
	struct site_record *r = rec;
	int rc;

	site_kind_clear(r);
	if ((rc = site_get(db, uid, &r->site, cause)) != 0)
		return rc;
	return record_tiers(r, cause) == 0 ? 0 : -1;
}

const struct form_kind site_kind = {
	.name = "site",
	.plural = "sites",
	.title = N_("Meal site"),
	.fields = site_fields,
	.n = sizeof site_fields / sizeof site_fields[0],
	.columns = site_columns,
	.size = sizeof(struct site_record),
	.init = site_kind_init,
	.clear = site_kind_clear,
	.find = site_kind_find,
	.check = site_kind_check,
	.save = site_kind_save,
	.each = site_kind_each,
	.get = site_kind_get,
};

/* ---- Sites as a meal's reference ---- */

static int
site_ref_find(sqlite3 *db, const char *text, char uid[HEARTH_UID_MAX],
    char **key, char **name, char **cause)
{
	struct site s;
	int rc;

	/* A uid is "STATION:SEQ", as an export of another kind carries. */
	rc = strchr(text, ':') != NULL ? site_get(db, text, &s, cause) :
	    site_get_by_name(db, text, &s, cause);
	if (rc == 0 && s.meta.deleted)
		rc = 1;
	if (rc == 1)
		err_set(cause, _("%s: no meal site named \"%s\" (hearth export "
		    "sites lists them)"), _("site"), text);
	if (rc == 0) {
		memcpy(uid, s.meta.uid, HEARTH_UID_MAX);
		*key = strdup(s.name);
		*name = strdup(s.name);
		if (*key == NULL || *name == NULL) {
			free(*key);
			free(*name);
			*key = *name = NULL;
			err_set(cause, "%s", _("out of memory"));
			rc = -1;
		}
	}
	site_clear(&s);
	return rc == 0 ? 0 : -1;
}

/* Sites not deleted: a serving of a removed site exports an empty site
 * cell (core lists no removed sites, and nothing removes one yet). */
static int
site_ref_each(sqlite3 *db, int (*fn)(const char *uid, const char *key,
    const char *name, void *arg), void *arg, char **cause)
{
	struct site *list;
	size_t n, i;
	int stop = 0;

	if (site_list(db, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && stop == 0; i++)
		stop = fn(list[i].meta.uid, list[i].name, list[i].name, arg);
	site_list_free(list, n);
	return stop == 0 ? 0 : -1;
}

const struct form_ref form_ref_site = { site_ref_find, site_ref_each };
