/* guidance-form.c: the guidance kind: its fields and its hooks into
 * core/guidance. */
#include "forms/guidance-form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/validate.h"

/* core/guidance.c: referral and note hold at most 2000 characters. */
#define TEXT_MAX 2000

#define AT(M) BIND_STR(struct guidance, M)

/* TRANSLATORS: labels sit in a column of 10 columns (5 Chinese
 * characters); the nouns are what messages call a field. */
static const struct field_def guidance_fields[] = {
	{ .key = "uid", .label = N_("Record"), .noun = N_("record number"),
	  .type = FIELD_TEXT, .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct guidance, meta.uid) },
	{ .key = "child_uid", .label = N_("Child"), .noun = N_("child"),
	  .help = N_("record number (hearth find NAME); several: "
	      "repeat, or join with commas"),
	  .type = FIELD_CHILD, .flags = FIELD_REQUIRED | FIELD_HIDDEN,
	  .headers = { "儿童编号", "child" },
	  .name_key = "child_name", .ref = &form_ref_child,
	  .bind = BIND_CHARS(struct guidance, child_uid) },
	{ .key = "held_at", .label = N_("Held at"), .noun = N_("session time"),
	  .help = N_("YYYY-MM-DD HH:MM"),
	  .type = FIELD_DATETIME, .flags = FIELD_REQUIRED, .def = "now",
	  .headers = { "指导时间" },
	  .bind = BIND_TIME(struct guidance, day, minutes) },
	{ .key = "form", .label = N_("Form"), .noun = N_("guidance form"),
	  .type = FIELD_CHOICE, .choices = CH_GUIDANCE_FORM,
	  .flags = FIELD_REQUIRED, .def = "入户", .headers = { "指导形式" },
	  .bind = BIND_INT(struct guidance, form) },
	{ .key = "provider", .label = N_("Provider"), .noun = N_("provider"),
	  .help = N_("who gave the guidance (a person or a team)"),
	  .type = FIELD_TEXT, .flags = FIELD_REQUIRED,
	  .max = VALIDATE_NAME_MAX, .headers = { "指导人" },
	  .bind = AT(provider) },
	{ .key = "topics", .label = N_("Topics"), .noun = N_("topics"),
	  .type = FIELD_MULTI, .choices = CH_TOPIC, .flags = FIELD_REQUIRED,
	  .headers = { "指导内容" },
	  .bind = BIND_BITS(struct guidance, topics) },
	{ .key = "age_months", .label = N_("Months old"),
	  .noun = N_("age in months"),
	  .type = FIELD_NUMBER, .flags = FIELD_DERIVED,
	  .headers = { "月龄" },
	  .bind = BIND_INT(struct guidance, age_months) },
	{ .key = "referral", .label = N_("Referral"), .noun = N_("referral"),
	  .help = N_("referred to whom, for what"),
	  .type = FIELD_TEXT, .max = TEXT_MAX, .headers = { "转介" },
	  .bind = AT(referral) },
	{ .key = "next_date", .label = N_("Next date"),
	  .noun = N_("next session date"), .help = N_("YYYY-MM-DD"),
	  .type = FIELD_DATE, .headers = { "下次日期", "下次指导日期" },
	  .bind = BIND_DATE(struct guidance, next_date) },
	{ .key = "note", .label = N_("Note"), .noun = N_("note"),
	  .help = N_("anything else"),
	  .type = FIELD_MULTILINE, .max = TEXT_MAX, .headers = { "备注" },
	  .bind = AT(note) },
};

/* SPEC "CSV out": guidance. */
static const char *const guidance_columns[] = {
	"uid", "child_uid", "child_name", "held_at", "form", "provider",
	"topics", "age_months", "referral", "next_date", "note", NULL,
};

static void
guidance_kind_init(void *rec)
{
	guidance_init(rec);
}

static void
guidance_kind_clear(void *rec)
{
	guidance_clear(rec);
}

/* The child's age in months on the session day: derived, never stored
 * (core derives it again on every read).  Empty while the child or the
 * time is unknown; saving then says what is wrong. */
static int
guidance_derive(struct form *f, sqlite3 *db, char **cause)
{
	const char *uid = form_text(f, "child_uid");
	char text[16] = "", *ignored = NULL;
	struct ymd day;
	struct child c;
	int minutes;

	(void)cause;
	if (*uid != '\0' && date_parse_time(form_text(f, "held_at"), &day,
	    &minutes) && child_get(db, uid, &c, &ignored) == 0) {
		if (c.birth.y != 0 &&
		    date_to_days(day) >= date_to_days(c.birth))
			snprintf(text, sizeof text, "%d",
			    date_age_months(c.birth, day));
		child_clear(&c);
	}
	free(ignored);
	if (form_set_text(f, "age_months", text) == -1) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* The stored twin of REC (same child, minute, form and provider), moved
 * into *STORED so the values a file lacks keep their stored ones. */
static int
guidance_kind_find(sqlite3 *db, const void *rec, void *stored, char **cause)
{
	const struct guidance *g = rec;
	struct guidance *list, *t;
	size_t n, i;

	if (g->child_uid[0] == '\0' || g->provider == NULL)
		return 1;
	if (guidance_list(db, g->child_uid, 0, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		t = &list[i];
		if (date_to_days(t->day) == date_to_days(g->day) &&
		    t->minutes == g->minutes && t->form == g->form &&
		    t->provider != NULL &&
		    strcmp(t->provider, g->provider) == 0)
			break;
	}
	if (i < n) {
		guidance_clear(stored);
		memcpy(stored, &list[i], sizeof list[i]);
		guidance_init(&list[i]);	/* now owned by *STORED */
	}
	guidance_list_free(list, n);
	return i < n ? 0 : 1;
}

static int
guidance_kind_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	return (int)guidance_save(db, rec, login, cause);
}

/* One session for all of UIDS: each child's twin row is found by core
 * (so a row stored for the first child is not "edited" into a class). */
static int
guidance_kind_save_group(sqlite3 *db, void *rec, const char *const *uids,
    size_t n, const char *login, char **cause)
{
	struct guidance *g = rec;
	struct guidance_saved *out;
	enum kind_result rc = KIND_UNCHANGED;
	size_t i;

	if ((out = calloc(n ? n : 1, sizeof *out)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return KIND_ERROR;
	}
	g->meta.uid[0] = '\0';
	if (guidance_save_session(db, g, uids, n, login, out, cause) != 0) {
		free(out);
		return KIND_ERROR;
	}
	for (i = 0; i < n; i++)
		if (out[i].result == GUIDANCE_INSERTED)
			rc = KIND_INSERTED;
		else if (out[i].result == GUIDANCE_UPDATED &&
		    rc == KIND_UNCHANGED)
			rc = KIND_UPDATED;
	free(out);
	return rc;
}

struct each_arg {
	int (*fn)(const void *, void *);
	void *arg;
};

static int
each_one(const struct guidance *g, void *arg)
{
	struct each_arg *a = arg;

	return a->fn(g, a->arg);
}

static int
guidance_kind_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const void *rec, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg };

	return guidance_each(db, since, until, each_one, &a, cause) == 0 ?
	    0 : -1;
}

/* For `hearth sync`: the row UID, deleted or not. */
static int
guidance_kind_get(sqlite3 *db, const char *uid, void *rec, char **cause)
{
	guidance_clear(rec);
	return guidance_get(db, uid, rec, cause);
}

const struct form_kind guidance_kind = {
	.name = "guidance",
	.plural = "guidance",
	.title = N_("Guidance session"),
	.fields = guidance_fields,
	.n = sizeof guidance_fields / sizeof guidance_fields[0],
	.columns = guidance_columns,
	.size = sizeof(struct guidance),
	.init = guidance_kind_init,
	.clear = guidance_kind_clear,
	.find = guidance_kind_find,
	.derive = guidance_derive,
	.save = guidance_kind_save,
	.each = guidance_kind_each,
	.group = "child_uid",
	.save_group = guidance_kind_save_group,
	.get = guidance_kind_get,
};
