/* visit-form.c: the visit kind: its fields and its hooks into core/visit. */
#include "forms/visit-form.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"

/* core/visit.c: every free text holds at most 2000 characters. */
#define TEXT_MAX 2000

#define AT(M) BIND_STR(struct visit, M)

/* TRANSLATORS: the visit form's labels sit in a column of 10 columns
 * (5 Chinese characters); keep them that short.  The nouns are what
 * messages call a field ("visit mode: ..."). */
static const struct field_def visit_fields[] = {
	{ .key = "uid", .label = N_("Record"), .noun = N_("record number"),
	  .type = FIELD_TEXT, .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct visit, meta.uid) },
	{ .key = "elder_id_number", .label = N_("Elder"), .noun = N_("elder"),
	  .help = N_("the elder's ID number"),
	  .type = FIELD_ELDER,
	  .flags = FIELD_REQUIRED | FIELD_HIDDEN | FIELD_EXCEL_TEXT,
	  .headers = { "身份证号", "身份证号码", "elder" },
	  .name_key = "elder_name",
	  .bind = BIND_CHARS(struct visit, elder_uid) },
	{ .key = "visitor", .label = N_("Visitor"), .noun = N_("visitor"),
	  .help = N_("who visited"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED | FIELD_HIDDEN,
	  .max = VALIDATE_NAME_MAX, .headers = { "探访人" },
	  .bind = AT(visitor) },
	{ .key = "visited_at", .label = N_("Time"), .noun = N_("visit time"),
	  .help = N_("YYYY-MM-DD HH:MM"),
	  .type = FIELD_DATETIME, .flags = FIELD_REQUIRED, .def = "now",
	  .headers = { "探访时间" },
	  .bind = BIND_TIME(struct visit, day, minutes) },
	{ .key = "mode", .label = N_("Mode"), .noun = N_("visit mode"),
	  .type = FIELD_CHOICE, .choices = CH_VISIT_MODE,
	  .flags = FIELD_REQUIRED, .headers = { "探访方式" },
	  .bind = BIND_INT(struct visit, mode) },
	{ .key = "contacted", .label = N_("Met in person"),
	  .noun = N_("contacted"),
	  .help = N_("whether the elder was reached"),
	  .type = FIELD_YESNO, .flags = FIELD_REQUIRED,
	  .headers = { "是否见到本人", "是否见到本人(是/否)",
	      "是否见到本人（是/否）" },
	  .bind = BIND_BOOL(struct visit, contacted) },
	{ .key = "outcome", .label = N_("Outcome"), .noun = N_("outcome"),
	  .type = FIELD_CHOICE, .choices = CH_OUTCOME,
	  .flags = FIELD_REQUIRED, .def = "正常", .headers = { "探访结果" },
	  .bind = BIND_INT(struct visit, outcome) },
	{ .key = "services", .label = N_("Services"), .noun = N_("services"),
	  .type = FIELD_MULTI, .choices = CH_SERVICE,
	  .headers = { "服务内容" },
	  .bind = BIND_BITS(struct visit, services) },
	{ .key = "health", .label = N_("Health"), .noun = N_("health"),
	  .help = N_("health and state of mind"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "身体状况" },
	  .bind = AT(health) },
	{ .key = "economy", .label = N_("Money"), .noun = N_("economy"),
	  .help = N_("economic hardship, benefits received"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "经济状况" },
	  .bind = AT(economy) },
	{ .key = "family", .label = N_("Family"), .noun = N_("family support"),
	  .help = N_("support from the family"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "家庭支持" },
	  .bind = AT(family) },
	{ .key = "safety", .label = N_("Safety"), .noun = N_("safety"),
	  .help = N_("hazards at home"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "安全隐患" },
	  .bind = AT(safety) },
	{ .key = "needs", .label = N_("Needs"), .noun = N_("needs"),
	  .help = N_("services the elder needs"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "需求" },
	  .bind = AT(needs) },
	{ .key = "emergency", .label = N_("Emergency"), .noun = N_("emergency"),
	  .type = FIELD_YESNO, .flags = FIELD_REQUIRED, .def = "否",
	  .headers = { "紧急情况" },
	  .bind = BIND_BOOL(struct visit, emergency) },
	{ .key = "emergency_action", .label = N_("Action taken"),
	  .noun = N_("emergency action"),
	  .help = N_("what was done about the emergency"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED, .max = TEXT_MAX,
	  .when = "emergency", .headers = { "紧急处置" },
	  .bind = AT(emergency_action) },
	{ .key = "referral", .label = N_("Referral"), .noun = N_("referral"),
	  .help = N_("referred to whom, for what"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "转介" },
	  .bind = AT(referral) },
	{ .key = "follow_up_date", .label = N_("Follow-up"),
	  .noun = N_("follow-up date"), .help = N_("YYYY-MM-DD"),
	  .type = FIELD_DATE, .headers = { "随访日期", "回访日期" },
	  .bind = BIND_DATE(struct visit, follow_up) },
	{ .key = "note", .label = N_("Note"), .noun = N_("note"),
	  .help = N_("anything else"),
	  .type = FIELD_MULTILINE, .max = TEXT_MAX, .headers = { "备注" },
	  .bind = AT(note) },
};

/* SPEC "CSV out": visits. */
static const char *const visit_columns[] = {
	"uid", "elder_id_number", "elder_name", "visited_at", "mode",
	"visitor", "contacted", "services", "health", "needs", "emergency",
	"referral", "follow_up_date", "note", NULL,
};

/* The outcome follows "met in person" as visit_normalize() in
 * core/visit.c would have it: "normal" means seen and well, so a visit
 * that did not meet the elder turns it into "not found", and meeting the
 * elder after all turns "not found" back into "normal".  Shown at once,
 * so the volunteer sees what will be saved and can still pick "refused"
 * or "risk found"; other outcomes are the volunteer's and stay. */
static void
visit_changed(struct form *f, size_t i)
{
	int outcome = form_choice(f, "outcome");

	if (i != form_index(f, "contacted"))
		return;
	if (!form_yes(f, "contacted") && outcome == OUTCOME_NORMAL)
		form_set_choice(f, "outcome", OUTCOME_NOT_FOUND);
	else if (form_yes(f, "contacted") && outcome == OUTCOME_NOT_FOUND)
		form_set_choice(f, "outcome", OUTCOME_NORMAL);
}

static void
visit_kind_init(void *rec)
{
	visit_init(rec);
}

static void
visit_kind_clear(void *rec)
{
	visit_clear(rec);
}

/* The stored twin of REC (same elder, minute, mode and visitor), moved
 * into *STORED so the values a file lacks keep their stored ones. */
static int
visit_kind_find(sqlite3 *db, const void *rec, void *stored, char **cause)
{
	const struct visit *vi = rec;
	struct visit *list, *t;
	size_t n, i;

	if (vi->elder_uid[0] == '\0' || vi->visitor == NULL)
		return 1;
	if (visit_list(db, vi->elder_uid, 0, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		t = &list[i];
		if (date_to_days(t->day) == date_to_days(vi->day) &&
		    t->minutes == vi->minutes && t->mode == vi->mode &&
		    t->visitor != NULL && strcmp(t->visitor, vi->visitor) == 0)
			break;
	}
	if (i < n) {
		visit_clear(stored);
		memcpy(stored, &list[i], sizeof list[i]);
		visit_init(&list[i]);	/* now owned by *STORED */
	}
	visit_list_free(list, n);
	return i < n ? 0 : 1;
}

static int
visit_kind_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	return (int)visit_save(db, rec, login, cause);
}

struct each_arg {
	int (*fn)(const void *, void *);
	void *arg;
};

static int
each_one(const struct visit *v, void *arg)
{
	struct each_arg *a = arg;

	return a->fn(v, a->arg);
}

static int
visit_kind_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const void *rec, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg };

	return visit_each(db, since, until, each_one, &a, cause) == 0 ? 0 : -1;
}

static int
visit_kind_get(sqlite3 *db, const char *uid, void *rec, char **cause)
{
	visit_clear(rec);
	return visit_get(db, uid, rec, cause);
}

const struct form_kind visit_kind = {
	.name = "visit",
	.plural = "visits",
	.title = N_("Visit"),
	.fields = visit_fields,
	.n = sizeof visit_fields / sizeof visit_fields[0],
	.columns = visit_columns,
	.size = sizeof(struct visit),
	.init = visit_kind_init,
	.clear = visit_kind_clear,
	.find = visit_kind_find,
	.save = visit_kind_save,
	.on_change = visit_changed,
	.each = visit_kind_each,
	.get = visit_kind_get,
};
