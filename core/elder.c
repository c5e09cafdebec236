/* elder.c: validating and storing the elder register. */
#define _POSIX_C_SOURCE 200809L
#include "core/elder.h"

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

/* Every column, in the order elder_from_row() reads them. */
#define ELDER_COLUMNS \
	"name, initials, id_number, gender, birth_date, phone, " \
	"emergency_contact, emergency_phone, division_code, address, " \
	"hardship_types, living, visit_consent, ability_level, risk_tier, " \
	"status, status_date, registered_on, note, " RECORD_COLUMNS("")

void
elder_init(struct elder *e)
{
	memset(e, 0, sizeof *e);
	e->gender = -1;
	e->living = -1;
	e->visit_consent = true;
	e->ability_level = -1;
	e->risk_tier = RISK_NORMAL;
	e->status = STATUS_ACTIVE;
}

void
elder_clear(struct elder *e)
{
	free(e->name);
	free(e->initials);
	free(e->phone);
	free(e->emergency_contact);
	free(e->emergency_phone);
	free(e->address);
	free(e->note);
	elder_init(e);
}

int
elder_normalize(struct elder *e, struct ymd today, char **cause)
{
	char **text[] = { &e->name, &e->phone, &e->emergency_contact,
	    &e->emergency_phone, &e->address, &e->note };
	char *division;
	size_t i;

	for (i = 0; i < sizeof text / sizeof text[0]; i++)
		if (validate_trim_field(text[i]) != 0)
			goto nomem;

	if (validate_name(e->name, cause) != 0)
		return -1;
	if (person_check_id(e->id_number, &e->gender, &e->birth, today,
	    cause) != 0)
		return -1;
	if (validate_phone_field(_("phone"), e->phone, false, cause) != 0 ||
	    validate_name_field(_("emergency contact"), e->emergency_contact,
	    false, cause) != 0 ||
	    validate_phone_field(_("emergency contact's phone"),
	    e->emergency_phone, false, cause) != 0 ||
	    validate_division_field(_("division code"), e->division_code, true,
	    cause) != 0 ||
	    validate_text(_("address"), e->address, false, ADDRESS_MAX, false,
	    cause) != 0 ||
	    validate_text(_("note"), e->note, false, NOTE_MAX, true,
	    cause) != 0)
		return -1;
	if ((division = validate_trim(e->division_code)) == NULL)
		goto nomem;
	snprintf(e->division_code, sizeof e->division_code, "%s", division);
	free(division);

	/* Choice indices come from code, not from typing (the parsers have
	 * already checked what was typed): a bad one is a bug upstream, but
	 * it must still never reach the database. */
	if (e->hardship >> choice_count(CH_HARDSHIP) != 0) {
		err_set(cause, _("%s: not one of the choices"),
		    _("hardship types"));
		return -1;
	}
	if (e->living != -1 && !choice_valid(CH_LIVING, e->living)) {
		err_set(cause, _("%s: not one of the choices"),
		    _("living arrangement"));
		return -1;
	}
	if (e->ability_level != -1 && !choice_valid(CH_ABILITY, e->ability_level)) {
		err_set(cause, _("%s: not one of the choices"),
		    _("ability level"));
		return -1;
	}
	if (!choice_valid(CH_RISK, e->risk_tier)) {
		err_set(cause, _("%s: not one of the choices"), _("risk tier"));
		return -1;
	}
	if (!choice_valid(CH_STATUS, e->status)) {
		err_set(cause, _("%s: not one of the choices"), _("status"));
		return -1;
	}

	/* Coverage needs the day an elder left the register; when it was not
	 * given, the change is taken to happen today. */
	if (e->status != STATUS_ACTIVE && e->status_date.y == 0)
		e->status_date = today;
	if (e->status_date.y != 0 && person_check_date(_("status date"),
	    e->status_date, e->birth, today, cause) != 0)
		return -1;
	if (e->registered_on.y == 0)
		e->registered_on = today;
	else if (person_check_date(_("registration date"), e->registered_on,
	    e->birth, today, cause) != 0)
		return -1;

	free(e->initials);
	if ((e->initials = pinyin_initials(e->name)) == NULL)
		goto nomem;
	return 0;

nomem:
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

/* Fill E (initialised) from a row of ELDER_COLUMNS.  Stored labels are
 * read leniently: a value this program does not know (from a newer
 * station, say) becomes "unknown" rather than hiding the elder. */
static int
elder_from_row(sqlite3_stmt *stmt, void *rec, char **cause)
{
	struct elder *e = rec;
	bool oom = false;
	unsigned mask;
	int i;

	elder_init(e);
	e->name = db_column_strdup(stmt, 0, &oom);
	e->initials = db_column_strdup(stmt, 1, &oom);
	db_column_copy(stmt, 2, e->id_number, sizeof e->id_number);
	e->gender = choice_find(CH_GENDER,
	    (const char *)sqlite3_column_text(stmt, 3));
	e->birth = db_column_date(stmt, 4);
	e->phone = db_column_strdup(stmt, 5, &oom);
	e->emergency_contact = db_column_strdup(stmt, 6, &oom);
	e->emergency_phone = db_column_strdup(stmt, 7, &oom);
	db_column_copy(stmt, 8, e->division_code, sizeof e->division_code);
	e->address = db_column_strdup(stmt, 9, &oom);
	if (choice_parse_multi(CH_HARDSHIP,
	    (const char *)sqlite3_column_text(stmt, 10), &mask, NULL) == 0)
		e->hardship = mask;
	e->living = choice_find(CH_LIVING,
	    (const char *)sqlite3_column_text(stmt, 11));
	e->visit_consent = sqlite3_column_int(stmt, 12) != 0;
	if (sqlite3_column_type(stmt, 13) != SQLITE_NULL &&
	    choice_valid(CH_ABILITY, sqlite3_column_int(stmt, 13)))
		e->ability_level = sqlite3_column_int(stmt, 13);
	if ((i = choice_find(CH_RISK,
	    (const char *)sqlite3_column_text(stmt, 14))) >= 0)
		e->risk_tier = i;
	if ((i = choice_find(CH_STATUS,
	    (const char *)sqlite3_column_text(stmt, 15))) >= 0)
		e->status = i;
	e->status_date = db_column_date(stmt, 16);
	e->registered_on = db_column_date(stmt, 17);
	e->note = db_column_strdup(stmt, 18, &oom);
	record_column_meta(stmt, 19, &e->meta);
	if (oom) {
		elder_clear(e);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

int
elder_get(sqlite3 *db, const char *uid, struct elder *e, char **cause)
{
	sqlite3_stmt *stmt;

	elder_init(e);
	if ((stmt = db_prepare(db, "SELECT " ELDER_COLUMNS " FROM elder "
	    "WHERE uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, elder_from_row, e, cause);
}

int
elder_get_by_id_number(sqlite3 *db, const char *id_number, struct elder *e,
    char **cause)
{
	sqlite3_stmt *stmt;
	char *key;
	int rc;

	elder_init(e);
	if ((key = person_id_key(id_number)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, "SELECT " ELDER_COLUMNS " FROM elder "
	    "WHERE id_number = ?", cause)) == NULL) {
		free(key);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = record_fetch(db, stmt, elder_from_row, e, cause);
	free(key);
	return rc;
}

/* Every stored field of two normalised elders (not uid, timestamps). */
static bool
elder_same(const struct elder *a, const struct elder *b)
{
	return db_text_equal(a->name, b->name) &&
	    db_text_equal(a->initials, b->initials) &&
	    strcmp(a->id_number, b->id_number) == 0 &&
	    a->gender == b->gender && date_equal(a->birth, b->birth) &&
	    db_text_equal(a->phone, b->phone) &&
	    db_text_equal(a->emergency_contact, b->emergency_contact) &&
	    db_text_equal(a->emergency_phone, b->emergency_phone) &&
	    strcmp(a->division_code, b->division_code) == 0 &&
	    db_text_equal(a->address, b->address) &&
	    a->hardship == b->hardship && a->living == b->living &&
	    a->visit_consent == b->visit_consent &&
	    a->ability_level == b->ability_level &&
	    a->risk_tier == b->risk_tier && a->status == b->status &&
	    date_equal(a->status_date, b->status_date) &&
	    date_equal(a->registered_on, b->registered_on) &&
	    db_text_equal(a->note, b->note) &&
	    a->meta.deleted == b->meta.deleted;
}

/* Parameters ?1..?20 of the INSERT and UPDATE below: the record's
 * fields. */
static int
elder_bind(sqlite3_stmt *stmt, const struct elder *e)
{
	char *hardship;

	if ((hardship = choice_join(CH_HARDSHIP, e->hardship, false)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, e->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, e->initials, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, e->id_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, choice_label(CH_GENDER, e->gender), -1,
	    SQLITE_STATIC);
	db_bind_date_or_null(stmt, 5, e->birth);
	db_bind_text_or_null(stmt, 6, e->phone);
	db_bind_text_or_null(stmt, 7, e->emergency_contact);
	db_bind_text_or_null(stmt, 8, e->emergency_phone);
	sqlite3_bind_text(stmt, 9, e->division_code, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 10, e->address);
	sqlite3_bind_text(stmt, 11, hardship, -1, SQLITE_TRANSIENT);
	free(hardship);
	db_bind_text_or_null(stmt, 12, choice_label(CH_LIVING, e->living));
	sqlite3_bind_int(stmt, 13, e->visit_consent);
	if (e->ability_level >= 0)
		sqlite3_bind_int(stmt, 14, e->ability_level);
	else
		sqlite3_bind_null(stmt, 14);
	sqlite3_bind_text(stmt, 15, choice_label(CH_RISK, e->risk_tier), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 16, choice_label(CH_STATUS, e->status), -1,
	    SQLITE_STATIC);
	db_bind_date_or_null(stmt, 17, e->status_date);
	db_bind_date_or_null(stmt, 18, e->registered_on);
	db_bind_text_or_null(stmt, 19, e->note);
	sqlite3_bind_int(stmt, 20, e->meta.deleted);
	return 0;
}

static const char elder_insert_sql[] =
	"INSERT INTO elder (name, initials, id_number, gender, birth_date, "
	"phone, emergency_contact, emergency_phone, division_code, address, "
	"hardship_types, living, visit_consent, ability_level, risk_tier, "
	"status, status_date, registered_on, note, deleted, uid, created_at, "
	"created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
	"?23, ?24)";

static const char elder_update_sql[] =
	"UPDATE elder SET name = ?1, initials = ?2, id_number = ?3, "
	"gender = ?4, birth_date = ?5, phone = ?6, emergency_contact = ?7, "
	"emergency_phone = ?8, division_code = ?9, address = ?10, "
	"hardship_types = ?11, living = ?12, visit_consent = ?13, "
	"ability_level = ?14, risk_tier = ?15, status = ?16, "
	"status_date = ?17, registered_on = ?18, note = ?19, deleted = ?20, "
	"updated_at = ?24 WHERE uid = ?21";	/* ?22, ?23: created_*, kept */

/* Write E as a new row (INSERT) or over the row UID.  UID and the
 * timestamps are those the row will have. */
static int
elder_write(sqlite3 *db, const struct elder *e, const char *uid,
    const char *created_at, const char *created_by, const char *updated_at,
    bool insert, char **cause)
{
	sqlite3_stmt *stmt;

	if ((stmt = db_prepare(db, insert ? elder_insert_sql :
	    elder_update_sql, cause)) == NULL)
		return -1;
	if (elder_bind(stmt, e) != 0) {
		db_done(stmt);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	record_bind_stamps(stmt, 21, uid, created_at, created_by, updated_at);
	return db_run(db, stmt, cause);
}

/* The stored elder E is saved over, into *OLD: by uid when E has one (an
 * edit may correct a mistyped ID number), else by ID number.  0 found,
 * 1 new, -1 error (also when another elder has E's ID number). */
static int
elder_find_stored(sqlite3 *db, const struct elder *e, struct elder *old,
    char **cause)
{
	struct elder other;
	int rc;

	if (e->meta.uid[0] == '\0')
		return elder_get_by_id_number(db, e->id_number, old, cause);
	if ((rc = elder_get(db, e->meta.uid, old, cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("no elder with record number %s"),
			    e->meta.uid);
		return -1;
	}
	if (strcmp(old->id_number, e->id_number) == 0)
		return 0;
	rc = elder_get_by_id_number(db, e->id_number, &other, cause);
	if (rc == 0) {
		err_set(cause, _("%s: %s (%s) already has this ID number"),
		    _("ID number"), other.name, other.meta.uid);
		elder_clear(&other);
		rc = -1;
	}
	if (rc < 0) {
		elder_clear(old);
		return -1;
	}
	return 0;
}

enum elder_save_result
elder_save(sqlite3 *db, struct elder *e, const char *login, char **cause)
{
	struct elder old;
	enum elder_save_result result;
	char uid[HEARTH_UID_MAX], now[HEARTH_TS_MAX];
	bool registered_given = e->registered_on.y != 0;
	bool status_date_given = e->status_date.y != 0;
	int tok, found;

	if (elder_normalize(e, date_today(), cause) != 0)
		return ELDER_ERROR;
	if ((tok = db_begin(db, cause)) < 0)
		return ELDER_ERROR;
	if ((found = elder_find_stored(db, e, &old, cause)) < 0)
		goto fail;
	db_timestamp(now);

	if (found == 1) {
		if (db_next_uid(db, uid, cause) != 0 ||
		    elder_write(db, e, uid, now, login, now, true, cause) != 0)
			goto fail;
		if (db_commit(db, tok, cause) != 0)
			return ELDER_ERROR;
		record_saved_new(&e->meta, uid, now, login);
		return ELDER_INSERTED;
	}

	/* Defaults filled in by elder_normalize() are not news: a file
	 * re-imported tomorrow must not move the registration date, nor the
	 * day someone's status changed. */
	if (!registered_given)
		e->registered_on = old.registered_on;
	if (!status_date_given && e->status == old.status)
		e->status_date = old.status_date;

	if (elder_same(e, &old))
		result = ELDER_UNCHANGED;
	else {
		result = ELDER_UPDATED;
		snprintf(old.meta.updated_at, sizeof old.meta.updated_at, "%s",
		    now);
		if (elder_write(db, e, old.meta.uid, old.meta.created_at,
		    old.meta.created_by, now, false, cause) != 0)
			goto fail;
	}
	if (db_commit(db, tok, cause) != 0) {
		elder_clear(&old);
		return ELDER_ERROR;
	}
	record_saved_over(&e->meta, &old.meta);
	elder_clear(&old);
	return result;

fail:
	if (found == 0)
		elder_clear(&old);
	db_rollback(db, tok);
	return ELDER_ERROR;
}

/* elder_each's FN and ARG, called for each elder read by record_each. */
struct elder_each_fn {
	int	(*fn)(const struct elder *, void *);
	void	*arg;
};

static int
elder_each_call(void *rec, void *arg)
{
	const struct elder_each_fn *f = arg;
	int stop = f->fn(rec, f->arg);

	elder_clear(rec);
	return stop;
}

int
elder_each(sqlite3 *db, int (*fn)(const struct elder *, void *), void *arg,
    char **cause)
{
	struct elder_each_fn f = { fn, arg };
	sqlite3_stmt *stmt;
	struct elder e;

	if ((stmt = db_prepare(db, "SELECT " ELDER_COLUMNS " FROM elder "
	    "WHERE deleted = 0 ORDER BY division_code, name, uid",
	    cause)) == NULL)
		return -1;
	return record_each(db, stmt, elder_from_row, &e, elder_each_call, &f,
	    cause);
}

int
elder_delete(sqlite3 *db, const char *uid, const char *login, char **cause)
{
	sqlite3_stmt *stmt;
	char now[HEARTH_TS_MAX];
	int tok;

	/* No updated_by column yet: who deleted is for the outbox/audit
	 * trail of a later migration. */
	(void)login;
	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if ((stmt = db_prepare(db, "UPDATE elder SET deleted = 1, "
	    "updated_at = ? WHERE uid = ? AND deleted = 0", cause)) == NULL) {
		db_rollback(db, tok);
		return -1;
	}
	db_timestamp(now);
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, uid, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0) {
		db_rollback(db, tok);
		return -1;
	}
	if (sqlite3_changes(db) == 0) {
		err_set(cause, _("no elder with record number %s"), uid);
		db_rollback(db, tok);
		return -1;
	}
	return db_commit(db, tok, cause);
}
