/* elder-form.c: the elder kind: its fields and its hooks into core/elder. */
#include "forms/elder-form.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"

#define AT(M) BIND_STR(struct elder, M)

/* No screen shows this form yet; the nouns are core/elder.c's, so a
 * message reads the same whoever finds the problem. */
static const struct field_def elder_fields[] = {
	{ .key = "uid", .label = N_("Record"), .noun = N_("record number"),
	  .type = FIELD_TEXT, .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct elder, meta.uid) },
	{ .key = "name", .label = N_("Name"), .noun = N_("name"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED,
	  .max = VALIDATE_NAME_MAX, .headers = { "姓名" }, .bind = AT(name) },
	{ .key = "id_number", .label = N_("ID number"), .noun = N_("ID number"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED | FIELD_EXCEL_TEXT,
	  .max = 18, .headers = { "身份证号", "身份证号码" },
	  .bind = BIND_CHARS(struct elder, id_number) },
	{ .key = "gender", .label = N_("Gender"), .noun = N_("gender"),
	  .help = N_("empty: from the ID number"),
	  .type = FIELD_CHOICE, .choices = CH_GENDER, .headers = { "性别" },
	  .bind = BIND_INT(struct elder, gender) },
	{ .key = "birth_date", .label = N_("Born"), .noun = N_("birth date"),
	  .help = N_("empty: from the ID number"),
	  .type = FIELD_DATE, .headers = { "出生日期" },
	  .bind = BIND_DATE(struct elder, birth) },
	{ .key = "phone", .label = N_("Phone"), .noun = N_("phone"),
	  .type = FIELD_TEXT, .flags = FIELD_EXCEL_TEXT, .max = 30,
	  .headers = { "联系电话" }, .bind = AT(phone) },
	{ .key = "emergency_contact", .label = N_("Contact"),
	  .noun = N_("emergency contact"),
	  .type = FIELD_TEXT, .max = VALIDATE_NAME_MAX,
	  .headers = { "紧急联系人" }, .bind = AT(emergency_contact) },
	{ .key = "emergency_phone", .label = N_("Their phone"),
	  .noun = N_("emergency contact's phone"),
	  .type = FIELD_TEXT, .flags = FIELD_EXCEL_TEXT, .max = 30,
	  .headers = { "紧急联系电话" }, .bind = AT(emergency_phone) },
	{ .key = "division_code", .label = N_("Village"),
	  .noun = N_("division code"),
	  .help = N_("the 12-digit statistical division code"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED | FIELD_EXCEL_TEXT,
	  .max = 12, .headers = { "区划代码" },
	  .bind = BIND_CHARS(struct elder, division_code) },
	{ .key = "address", .label = N_("Address"), .noun = N_("address"),
	  .type = FIELD_TEXT, .max = 200, .headers = { "住址" },
	  .bind = AT(address) },
	{ .key = "hardship_types", .label = N_("Hardship"),
	  .noun = N_("hardship types"),
	  .type = FIELD_MULTI, .choices = CH_HARDSHIP,
	  .headers = { "困难类型" },
	  .bind = BIND_BITS(struct elder, hardship) },
	{ .key = "living", .label = N_("Living"),
	  .noun = N_("living arrangement"),
	  .type = FIELD_CHOICE, .choices = CH_LIVING, .headers = { "居住状况" },
	  .bind = BIND_INT(struct elder, living) },
	{ .key = "ability_level", .label = N_("Ability"),
	  .noun = N_("ability level"),
	  .type = FIELD_CHOICE, .choices = CH_ABILITY,
	  .headers = { "能力等级" },
	  .bind = BIND_INT(struct elder, ability_level) },
	{ .key = "risk_tier", .label = N_("Risk"), .noun = N_("risk tier"),
	  .type = FIELD_CHOICE, .choices = CH_RISK, .def = "一般",
	  .headers = { "风险等级" },
	  .bind = BIND_INT(struct elder, risk_tier) },
	{ .key = "status", .label = N_("Status"), .noun = N_("status"),
	  .type = FIELD_CHOICE, .choices = CH_STATUS, .def = "在册",
	  .headers = { "状态" },
	  .bind = BIND_INT(struct elder, status) },
	{ .key = "visit_consent", .label = N_("Consent"),
	  .noun = N_("visit consent"),
	  .type = FIELD_YESNO, .def = "是", .headers = { "同意探访" },
	  .bind = BIND_BOOL(struct elder, visit_consent) },
	{ .key = "status_date", .label = N_("Since"), .noun = N_("status date"),
	  .type = FIELD_DATE, .headers = { "状态日期" },
	  .bind = BIND_DATE(struct elder, status_date) },
	{ .key = "registered_on", .label = N_("Registered"),
	  .noun = N_("registration date"),
	  .type = FIELD_DATE, .headers = { "登记日期" },
	  .bind = BIND_DATE(struct elder, registered_on) },
	{ .key = "note", .label = N_("Note"), .noun = N_("note"),
	  .type = FIELD_MULTILINE, .max = 2000, .headers = { "备注" },
	  .bind = AT(note) },
};

/* SPEC "CSV out": elders. */
static const char *const elder_columns[] = {
	"uid", "name", "id_number", "gender", "birth_date", "phone",
	"emergency_contact", "emergency_phone", "division_code", "address",
	"hardship_types", "living", "ability_level", "risk_tier", "status",
	NULL,
};

static void
elder_kind_init(void *rec)
{
	elder_init(rec);
}

static void
elder_kind_clear(void *rec)
{
	elder_clear(rec);
}

static int
elder_kind_find(sqlite3 *db, const void *rec, void *stored, char **cause)
{
	const struct elder *e = rec;

	if (e->id_number[0] == '\0')
		return 1;
	elder_clear(stored);
	return elder_get_by_id_number(db, e->id_number, stored, cause);
}

static int
elder_kind_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	return (int)elder_save(db, rec, login, cause);
}

/* Elders changed in the period (updated_at "YYYY-MM-DD HH:MM:SS": its
 * first ten bytes compare as dates). */
struct each_arg {
	int (*fn)(const void *, void *);
	void *arg;
	char since[11], until[11];	/* "" when open */
};

static int
each_one(const struct elder *e, void *arg)
{
	struct each_arg *a = arg;

	if (!record_changed_within(&e->meta, a->since, a->until))
		return 0;
	return a->fn(e, a->arg);
}

static int
elder_kind_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const void *rec, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg, "", "" };

	if (since.y != 0)
		date_format(since, a.since);
	if (until.y != 0)
		date_format(until, a.until);
	return elder_each(db, each_one, &a, cause) == 0 ? 0 : -1;
}

static int
elder_kind_get(sqlite3 *db, const char *uid, void *rec, char **cause)
{
	elder_clear(rec);
	return elder_get(db, uid, rec, cause);
}

const struct form_kind elder_kind = {
	.name = "elder",
	.plural = "elders",
	.title = N_("Elder"),
	.fields = elder_fields,
	.n = sizeof elder_fields / sizeof elder_fields[0],
	.columns = elder_columns,
	.size = sizeof(struct elder),
	.init = elder_kind_init,
	.clear = elder_kind_clear,
	.find = elder_kind_find,
	.save = elder_kind_save,
	.each = elder_kind_each,
	.get = elder_kind_get,
};
