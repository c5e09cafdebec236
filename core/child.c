/* child.c: validating and storing the register of children under three. */
#define _POSIX_C_SOURCE 200809L
#include "core/child.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "core/person.h"
#include "core/pinyin.h"
#include "core/validate.h"

#define ADDRESS_MAX 200		/* characters */
#define NOTE_MAX 2000
#define CLOSING_AGE 3		/* years: the register is for under-threes */

/* Every column, in the order child_from_row() reads them. */
#define CHILD_COLUMNS \
	"name, initials, id_number, gender, birth_date, caregiver, " \
	"caregiver_relation, caregiver_phone, division_code, address, " \
	"flags, status, status_date, registered_on, note, " RECORD_COLUMNS("")

void
child_init(struct child *c)
{
	memset(c, 0, sizeof *c);
	c->gender = -1;
	c->relation = -1;
	c->status = CHILD_ACTIVE;
}

void
child_clear(struct child *c)
{
	free(c->name);
	free(c->initials);
	free(c->caregiver);
	free(c->caregiver_phone);
	free(c->address);
	free(c->note);
	child_init(c);
}

struct ymd
child_third_birthday(struct ymd birth)
{
	struct ymd r = { birth.y + CLOSING_AGE, birth.m, birth.d };
	int last = date_days_in_month(r.y, r.m);

	/* One rule with date_age() (Civil Code: a period ending in a month
	 * without the day ends on its last day), so the screen's "3 岁" and
	 * 结案 never disagree. */
	if (r.d > last)
		r.d = last;
	return r;
}

int
child_status_at(int stored, struct ymd status_date, struct ymd birth,
    struct ymd day)
{
	if (stored == CHILD_MOVED && (status_date.y == 0 ||
	    date_to_days(day) > date_to_days(status_date)))
		return CHILD_MOVED;
	if (date_to_days(day) >= date_to_days(child_third_birthday(birth)))
		return CHILD_CLOSED;
	return CHILD_ACTIVE;
}

int
child_status_on(const struct child *c, struct ymd day)
{
	return child_status_at(c->status, c->status_date, c->birth, day);
}

/* Identity, birth and gender: the ID number (if any) or the typed date. */
static int
check_birth(struct child *c, struct ymd today, char **cause)
{
	char *id;

	if ((id = validate_trim(c->id_number)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	snprintf(c->id_number, sizeof c->id_number, "%s", id);
	free(id);
	if (c->id_number[0] != '\0')
		return person_check_id(c->id_number, &c->gender, &c->birth,
		    today, cause);
	if (c->birth.y == 0) {
		err_set(cause, _("%s: please fill this in"), _("birth date"));
		return -1;
	}
	if (!date_valid(c->birth)) {
		err_set(cause, _("%s: not a valid date"), _("birth date"));
		return -1;
	}
	if (date_to_days(c->birth) > date_to_days(today)) {
		err_set(cause, _("%s: in the future"), _("birth date"));
		return -1;
	}
	if (!choice_valid(CH_GENDER, c->gender)) {
		err_set(cause, c->gender == -1 ? _("%s: please fill this in") :
		    _("%s: not one of the choices"), _("gender"));
		return -1;
	}
	return 0;
}

/* Status and its date.  结案 is not stored (it follows from the birth
 * date), but an export re-imported says 结案 for a child past three:
 * that is the truth, so it is stored as 在册 and reads back as 结案.  For a
 * younger child it would be a wish the date contradicts. */
static int
check_status(struct child *c, struct ymd today, char **cause)
{
	char on[11];

	if (!choice_valid(CH_CHILD_STATUS, c->status)) {
		err_set(cause, _("%s: not one of the choices"), _("status"));
		return -1;
	}
	if (c->status == CHILD_CLOSED) {
		if (date_to_days(today) <
		    date_to_days(child_third_birthday(c->birth))) {
			date_format(child_third_birthday(c->birth), on);
			err_set(cause, _("%s: a child's case closes by itself "
			    "on the third birthday (%s); a child who left is "
			    "\"moved out\""), _("status"), on);
			return -1;
		}
		c->status = CHILD_ACTIVE;
	}
	/* Coverage needs the day a child left; when it was not given, the
	 * move is taken to happen today. */
	if (c->status == CHILD_MOVED && c->status_date.y == 0)
		c->status_date = today;
	if (c->status_date.y != 0 && person_check_date(_("status date"),
	    c->status_date, c->birth, today, cause) != 0)
		return -1;
	return 0;
}

/* Everything but the registration day (child_save() first learns it from
 * the stored record).  Text fields are trimmed first. */
static int
child_check_fields(struct child *c, struct ymd today, char **cause)
{
	char **text[] = { &c->name, &c->caregiver, &c->caregiver_phone,
	    &c->address, &c->note };
	char *division;
	size_t i;

	for (i = 0; i < sizeof text / sizeof text[0]; i++)
		if (validate_trim_field(text[i]) != 0)
			goto nomem;
	if (validate_name(c->name, cause) != 0 ||
	    check_birth(c, today, cause) != 0)
		return -1;
	if (validate_name_field(_("caregiver"), c->caregiver, true,
	    cause) != 0 ||
	    validate_phone_field(_("caregiver's phone"), c->caregiver_phone,
	    false, cause) != 0 ||
	    validate_division_field(_("division code"), c->division_code, true,
	    cause) != 0 ||
	    validate_text(_("address"), c->address, false, ADDRESS_MAX, false,
	    cause) != 0 ||
	    validate_text(_("note"), c->note, false, NOTE_MAX, true,
	    cause) != 0)
		return -1;
	if ((division = validate_trim(c->division_code)) == NULL)
		goto nomem;
	snprintf(c->division_code, sizeof c->division_code, "%s", division);
	free(division);

	/* Choice indices come from code (the parsers checked what was
	 * typed): a bad one is a bug upstream that must not reach the
	 * database. */
	if (c->relation != -1 && !choice_valid(CH_RELATION, c->relation)) {
		err_set(cause, _("%s: not one of the choices"),
		    _("relation to the child"));
		return -1;
	}
	if (c->flags >> choice_count(CH_CHILD_FLAG) != 0) {
		err_set(cause, _("%s: not one of the choices"), _("flags"));
		return -1;
	}
	if (check_status(c, today, cause) != 0)
		return -1;
	free(c->initials);
	if ((c->initials = pinyin_initials(c->name)) == NULL)
		goto nomem;
	return 0;

nomem:
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

/* The registration day: not before birth, not in the future, and the
 * child under three on it — the register is for children under three. */
static int
child_check_registration(const struct child *c, struct ymd today,
    char **cause)
{
	char on[11];

	if (person_check_date(_("registration date"), c->registered_on,
	    c->birth, today, cause) != 0)
		return -1;
	if (date_age(c->birth, c->registered_on) >= CLOSING_AGE) {
		date_format(c->registered_on, on);
		err_set(cause, _("%s: the child was already three years old on "
		    "%s; only children under three can be registered"),
		    _("birth date"), on);
		return -1;
	}
	return 0;
}

int
child_normalize(struct child *c, struct ymd today, char **cause)
{
	if (child_check_fields(c, today, cause) != 0)
		return -1;
	if (c->registered_on.y == 0)
		c->registered_on = today;
	return child_check_registration(c, today, cause);
}

/* Fill C (initialised) from a row of CHILD_COLUMNS.  Unknown stored labels
 * read leniently, so a newer station's value never hides a child. */
static int
child_from_row(sqlite3_stmt *stmt, void *rec, char **cause)
{
	struct child *c = rec;
	bool oom = false;
	unsigned mask;
	int i;

	child_init(c);
	c->name = db_column_strdup(stmt, 0, &oom);
	c->initials = db_column_strdup(stmt, 1, &oom);
	db_column_copy(stmt, 2, c->id_number, sizeof c->id_number);
	c->gender = choice_find(CH_GENDER,
	    (const char *)sqlite3_column_text(stmt, 3));
	c->birth = db_column_date(stmt, 4);
	c->caregiver = db_column_strdup(stmt, 5, &oom);
	c->relation = choice_find(CH_RELATION,
	    (const char *)sqlite3_column_text(stmt, 6));
	c->caregiver_phone = db_column_strdup(stmt, 7, &oom);
	db_column_copy(stmt, 8, c->division_code, sizeof c->division_code);
	c->address = db_column_strdup(stmt, 9, &oom);
	if (choice_parse_multi(CH_CHILD_FLAG,
	    (const char *)sqlite3_column_text(stmt, 10), &mask, NULL) == 0)
		c->flags = mask;
	if ((i = choice_find(CH_CHILD_STATUS,
	    (const char *)sqlite3_column_text(stmt, 11))) >= 0)
		c->status = i;
	c->status_date = db_column_date(stmt, 12);
	c->registered_on = db_column_date(stmt, 13);
	c->note = db_column_strdup(stmt, 14, &oom);
	record_column_meta(stmt, 15, &c->meta);
	if (oom) {
		child_clear(c);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

int
child_get(sqlite3 *db, const char *uid, struct child *c, char **cause)
{
	sqlite3_stmt *stmt;

	child_init(c);
	if ((stmt = db_prepare(db, "SELECT " CHILD_COLUMNS " FROM child "
	    "WHERE uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, child_from_row, c, cause);
}

int
child_get_by_id_number(sqlite3 *db, const char *id_number, struct child *c,
    char **cause)
{
	sqlite3_stmt *stmt;
	char *key;
	int rc;

	child_init(c);
	if ((key = person_id_key(id_number)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, "SELECT " CHILD_COLUMNS " FROM child "
	    "WHERE id_number = ?", cause)) == NULL) {
		free(key);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = record_fetch(db, stmt, child_from_row, c, cause);
	free(key);
	return rc;
}

/* The child with C's name, birth date and caregiver (the identity of a
 * child without an ID number); WITHOUT_ID: only among those stored with
 * none.  Not deleted ones first. */
static int
child_get_by_person(sqlite3 *db, const struct child *c, bool without_id,
    struct child *out, char **cause)
{
	sqlite3_stmt *stmt;
	char birth[11];

	child_init(out);
	if ((stmt = db_prepare(db, "SELECT " CHILD_COLUMNS " FROM child "
	    "WHERE name = ?1 AND birth_date = ?2 AND caregiver = ?3 AND "
	    "(?4 = 0 OR id_number IS NULL) ORDER BY deleted, rowid LIMIT 1",
	    cause)) == NULL)
		return -1;
	date_format(c->birth, birth);
	sqlite3_bind_text(stmt, 1, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, birth, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, c->caregiver, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 4, without_id);
	return record_fetch(db, stmt, child_from_row, out, cause);
}

int
child_find(sqlite3 *db, const struct child *c, struct child *out,
    char **cause)
{
	int rc;

	if (c->meta.uid[0] != '\0')
		return child_get(db, c->meta.uid, out, cause);
	if (c->id_number[0] != '\0') {
		if ((rc = child_get_by_id_number(db, c->id_number, out,
		    cause)) != 1)
			return rc;
		child_clear(out);
		return child_get_by_person(db, c, true, out, cause);
	}
	if (c->name == NULL || c->caregiver == NULL || c->birth.y == 0) {
		child_init(out);
		return 1;
	}
	return child_get_by_person(db, c, false, out, cause);
}

/* The stored child C is saved over, into *OLD (see child.h): 0 found,
 * 1 new, -1 error (also when another child has C's ID number). */
static int
child_find_stored(sqlite3 *db, struct child *c, struct child *old,
    struct ymd today, char **cause)
{
	struct child other;
	int rc;

	if (c->meta.uid[0] == '\0') {
		if (c->id_number[0] != '\0') {
			rc = child_get_by_id_number(db, c->id_number, old,
			    cause);
			if (rc != 1)
				return rc;
			return child_get_by_person(db, c, true, old, cause);
		}
		if ((rc = child_get_by_person(db, c, false, old, cause)) != 0)
			return rc;
		/* A list without ID numbers does not erase one on record;
		 * it must still agree with the gender given. */
		if (old->id_number[0] != '\0') {
			memcpy(c->id_number, old->id_number,
			    sizeof c->id_number);
			if (person_check_id(c->id_number, &c->gender,
			    &c->birth, today, cause) != 0) {
				child_clear(old);
				return -1;
			}
		}
		return 0;
	}
	if ((rc = child_get(db, c->meta.uid, old, cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("no child with record number %s"),
			    c->meta.uid);
		return -1;
	}
	if (c->id_number[0] == '\0' ||
	    strcmp(old->id_number, c->id_number) == 0)
		return 0;
	rc = child_get_by_id_number(db, c->id_number, &other, cause);
	if (rc == 0) {
		err_set(cause, _("%s: %s (%s) already has this ID number"),
		    _("ID number"), other.name, other.meta.uid);
		child_clear(&other);
		rc = -1;
	}
	if (rc < 0) {
		child_clear(old);
		return -1;
	}
	return 0;
}

/* Every stored field of two normalised children (not uid, timestamps). */
static bool
child_same(const struct child *a, const struct child *b)
{
	return db_text_equal(a->name, b->name) &&
	    db_text_equal(a->initials, b->initials) &&
	    strcmp(a->id_number, b->id_number) == 0 &&
	    a->gender == b->gender && date_equal(a->birth, b->birth) &&
	    db_text_equal(a->caregiver, b->caregiver) &&
	    a->relation == b->relation &&
	    db_text_equal(a->caregiver_phone, b->caregiver_phone) &&
	    strcmp(a->division_code, b->division_code) == 0 &&
	    db_text_equal(a->address, b->address) && a->flags == b->flags &&
	    a->status == b->status &&
	    date_equal(a->status_date, b->status_date) &&
	    date_equal(a->registered_on, b->registered_on) &&
	    db_text_equal(a->note, b->note) &&
	    a->meta.deleted == b->meta.deleted;
}

static const char child_insert_sql[] =
	"INSERT INTO child (name, initials, id_number, gender, birth_date, "
	"caregiver, caregiver_relation, caregiver_phone, division_code, "
	"address, flags, status, status_date, registered_on, note, deleted, "
	"uid, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, "
	"?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
	"?19, ?20)";

static const char child_update_sql[] =
	"UPDATE child SET name = ?1, initials = ?2, id_number = ?3, "
	"gender = ?4, birth_date = ?5, caregiver = ?6, "
	"caregiver_relation = ?7, caregiver_phone = ?8, division_code = ?9, "
	"address = ?10, flags = ?11, status = ?12, status_date = ?13, "
	"registered_on = ?14, note = ?15, deleted = ?16, updated_at = ?20 "
	"WHERE uid = ?17";	/* ?18, ?19: created_*, kept */

/* Write C as a new row (INSERT) or over the row UID. */
static int
child_write(sqlite3 *db, const struct child *c, const char *uid,
    const char *created_by, const char *now, bool insert, char **cause)
{
	sqlite3_stmt *stmt;
	char *flags;
	int rc;

	if ((flags = choice_join(CH_CHILD_FLAG, c->flags, false)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, insert ? child_insert_sql :
	    child_update_sql, cause)) == NULL) {
		free(flags);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, c->initials, -1, SQLITE_STATIC);
	/* NULL, not "": the unique index skips NULLs only. */
	db_bind_text_or_null(stmt, 3, c->id_number);
	sqlite3_bind_text(stmt, 4, choice_label(CH_GENDER, c->gender), -1,
	    SQLITE_STATIC);
	db_bind_date_or_null(stmt, 5, c->birth);
	sqlite3_bind_text(stmt, 6, c->caregiver, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 7, choice_label(CH_RELATION, c->relation));
	db_bind_text_or_null(stmt, 8, c->caregiver_phone);
	sqlite3_bind_text(stmt, 9, c->division_code, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 10, c->address);
	sqlite3_bind_text(stmt, 11, flags, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 12, choice_label(CH_CHILD_STATUS, c->status),
	    -1, SQLITE_STATIC);
	db_bind_date_or_null(stmt, 13, c->status_date);
	db_bind_date_or_null(stmt, 14, c->registered_on);
	db_bind_text_or_null(stmt, 15, c->note);
	sqlite3_bind_int(stmt, 16, c->meta.deleted);
	record_bind_stamps(stmt, 17, uid, now, created_by, now);
	rc = db_run(db, stmt, cause);
	free(flags);
	return rc;
}

enum child_save_result
child_save(sqlite3 *db, struct child *c, const char *login, char **cause)
{
	struct child old;
	enum child_save_result result;
	char uid[HEARTH_UID_MAX], now[HEARTH_TS_MAX];
	struct ymd today = date_today();
	bool status_date_given = c->status_date.y != 0;
	int tok, found = -1;

	if (child_check_fields(c, today, cause) != 0)
		return CHILD_ERROR;
	if ((tok = db_begin(db, cause)) < 0)
		return CHILD_ERROR;
	if ((found = child_find_stored(db, c, &old, today, cause)) < 0)
		goto fail;

	/* Defaults are not news: a file re-imported tomorrow must not move
	 * the registration day (and so refuse a child who has turned three
	 * since), nor the day of a move. */
	if (c->registered_on.y == 0)
		c->registered_on = found == 0 ? old.registered_on : today;
	if (found == 0 && !status_date_given && c->status == old.status)
		c->status_date = old.status_date;
	if (child_check_registration(c, today, cause) != 0)
		goto fail;
	db_timestamp(now);

	if (found == 1) {
		if (db_next_uid(db, uid, cause) != 0 ||
		    child_write(db, c, uid, login, now, true, cause) != 0)
			goto fail;
		if (db_commit(db, tok, cause) != 0)
			return CHILD_ERROR;
		record_saved_new(&c->meta, uid, now, login);
		return CHILD_INSERTED;
	}
	if (child_same(c, &old))
		result = CHILD_UNCHANGED;
	else {
		result = CHILD_UPDATED;
		snprintf(old.meta.updated_at, sizeof old.meta.updated_at, "%s",
		    now);
		if (child_write(db, c, old.meta.uid, old.meta.created_by, now,
		    false, cause) != 0)
			goto fail;
	}
	if (db_commit(db, tok, cause) != 0) {
		child_clear(&old);
		return CHILD_ERROR;
	}
	record_saved_over(&c->meta, &old.meta);
	child_clear(&old);
	return result;

fail:
	if (found == 0)
		child_clear(&old);
	db_rollback(db, tok);
	return CHILD_ERROR;
}

/* child_each's FN and ARG, called for each child read by record_each. */
struct child_each_fn {
	int	(*fn)(const struct child *, void *);
	void	*arg;
};

static int
child_each_call(void *rec, void *arg)
{
	const struct child_each_fn *f = arg;
	int stop = f->fn(rec, f->arg);

	child_clear(rec);
	return stop;
}

int
child_each(sqlite3 *db, int (*fn)(const struct child *, void *), void *arg,
    char **cause)
{
	struct child_each_fn f = { fn, arg };
	sqlite3_stmt *stmt;
	struct child c;

	if ((stmt = db_prepare(db, "SELECT " CHILD_COLUMNS " FROM child "
	    "WHERE deleted = 0 ORDER BY division_code, initials, name, uid",
	    cause)) == NULL)
		return -1;
	return record_each(db, stmt, child_from_row, &c, child_each_call, &f,
	    cause);
}
