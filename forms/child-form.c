/* child-form.c: the child kind: its fields and its hooks into core/child. */
#include "forms/child-form.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/labels.h"
#include "core/validate.h"

#define AT(M) BIND_STR(struct child, M)

/* TRANSLATORS: labels sit in a column of 10 columns (5 Chinese
 * characters); the nouns are what messages call a field. */
static const struct field_def child_fields[] = {
	{ .key = "uid", .label = N_("Record"), .noun = N_("record number"),
	  .type = FIELD_TEXT, .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct child, meta.uid) },
	{ .key = "name", .label = N_("Name"), .noun = N_("name"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED,
	  .max = VALIDATE_NAME_MAX, .headers = { "姓名" }, .bind = AT(name) },
	{ .key = "id_number", .label = N_("ID number"), .noun = N_("ID number"),
	  .help = N_("optional: many infants have none yet"),
	  .type = FIELD_TEXT, .flags = FIELD_EXCEL_TEXT,
	  .max = 18, .headers = { "身份证号", "身份证号码" },
	  .bind = BIND_CHARS(struct child, id_number) },
	{ .key = "gender", .label = N_("Gender"), .noun = N_("gender"),
	  .help = N_("empty: from the ID number"),
	  .type = FIELD_CHOICE, .choices = CH_GENDER, .headers = { "性别" },
	  .bind = BIND_INT(struct child, gender) },
	{ .key = "birth_date", .label = N_("Born"), .noun = N_("birth date"),
	  .help = N_("YYYY-MM-DD; empty: from the ID number"),
	  .type = FIELD_DATE, .headers = { "出生日期" },
	  .bind = BIND_DATE(struct child, birth) },
	{ .key = "caregiver", .label = N_("Caregiver"),
	  .noun = N_("caregiver"), .help = N_("who looks after the child"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED,
	  .max = VALIDATE_NAME_MAX, .headers = { "照护人" },
	  .bind = AT(caregiver) },
	{ .key = "caregiver_relation", .label = N_("Relation"),
	  .noun = N_("caregiver's relation"),
	  .type = FIELD_CHOICE, .choices = CH_RELATION,
	  .headers = { "与儿童关系" },
	  .bind = BIND_INT(struct child, relation) },
	{ .key = "caregiver_phone", .label = N_("Their phone"),
	  .noun = N_("caregiver's phone"),
	  .type = FIELD_TEXT, .flags = FIELD_EXCEL_TEXT, .max = 30,
	  .headers = { "照护人电话" }, .bind = AT(caregiver_phone) },
	{ .key = "division_code", .label = N_("Village"),
	  .noun = N_("division code"),
	  .help = N_("the 12-digit statistical division code"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED | FIELD_EXCEL_TEXT,
	  .max = 12, .headers = { "区划代码" },
	  .bind = BIND_CHARS(struct child, division_code) },
	{ .key = "address", .label = N_("Address"), .noun = N_("address"),
	  .type = FIELD_TEXT, .max = 200, .headers = { "住址" },
	  .bind = AT(address) },
	{ .key = "flags", .label = N_("Flags"), .noun = N_("flags"),
	  .type = FIELD_MULTI, .choices = CH_CHILD_FLAG,
	  .headers = { "标记" },
	  .bind = BIND_BITS(struct child, flags) },
	{ .key = "status", .label = N_("Status"), .noun = N_("status"),
	  .type = FIELD_CHOICE, .choices = CH_CHILD_STATUS, .def = "在册",
	  .headers = { "状态" },
	  .bind = BIND_INT(struct child, status) },
	{ .key = "status_date", .label = N_("Since"), .noun = N_("status date"),
	  .type = FIELD_DATE, .headers = { "状态日期" },
	  .bind = BIND_DATE(struct child, status_date) },
	{ .key = "registered_on", .label = N_("Registered"),
	  .noun = N_("registration date"),
	  .type = FIELD_DATE, .headers = { "登记日期" },
	  .bind = BIND_DATE(struct child, registered_on) },
	{ .key = "note", .label = N_("Note"), .noun = N_("note"),
	  .type = FIELD_MULTILINE, .max = 2000, .headers = { "备注" },
	  .bind = AT(note) },
};

/* SPEC "CSV out": children. */
static const char *const child_columns[] = {
	"uid", "name", "id_number", "gender", "birth_date", "caregiver",
	"caregiver_relation", "caregiver_phone", "division_code", "address",
	"flags", "status", NULL,
};

static void
child_kind_init(void *rec)
{
	child_init(rec);
}

static void
child_kind_clear(void *rec)
{
	child_clear(rec);
}

static int
child_kind_find(sqlite3 *db, const void *rec, void *stored, char **cause)
{
	child_clear(stored);
	return child_find(db, rec, stored, cause);
}

static int
child_kind_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	return (int)child_save(db, rec, login, cause);
}

/* Children changed in the period (updated_at, as for elders), with the
 * status of today: 结案 is derived, so an export must say it. */
struct each_arg {
	int (*fn)(const void *, void *);
	void *arg;
	char since[11], until[11];	/* "" when open */
	struct ymd today;
};

/* The status an export shows on TODAY.  Only 结案 is put in: a move
 * keeps its stored 迁出 (on the moving day itself the child is still in
 * the register, and an export read back must not undo the move). */
static int
shown_status(const struct child *c, struct ymd today)
{
	if (c->status == CHILD_ACTIVE &&
	    child_status_on(c, today) == CHILD_CLOSED)
		return CHILD_CLOSED;
	return c->status;
}

static int
each_one(const struct child *c, void *arg)
{
	struct each_arg *a = arg;
	struct child shown;

	if (!record_changed_within(&c->meta, a->since, a->until))
		return 0;
	/* A shallow copy: only the status differs, nothing is freed. */
	shown = *c;
	shown.status = shown_status(c, a->today);
	return a->fn(&shown, a->arg);
}

static int
child_kind_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const void *rec, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg, "", "", date_today() };

	if (since.y != 0)
		date_format(since, a.since);
	if (until.y != 0)
		date_format(until, a.until);
	return child_each(db, each_one, &a, cause) == 0 ? 0 : -1;
}

/* For `hearth sync`: the child UID, deleted or not, with the status an
 * export of today shows (so the hub's row is the export's). */
static int
child_kind_get(sqlite3 *db, const char *uid, void *rec, char **cause)
{
	struct child *c = rec;
	int rc;

	child_clear(c);
	if ((rc = child_get(db, uid, c, cause)) == 0)
		c->status = shown_status(c, date_today());
	return rc;
}

const struct form_kind child_kind = {
	.name = "child",
	.plural = "children",
	.title = N_("Child"),
	.fields = child_fields,
	.n = sizeof child_fields / sizeof child_fields[0],
	.columns = child_columns,
	.size = sizeof(struct child),
	.init = child_kind_init,
	.clear = child_kind_clear,
	.find = child_kind_find,
	.save = child_kind_save,
	.each = child_kind_each,
	.get = child_kind_get,
};
