/* visit.c: validating and storing visits to elders. */
#define _POSIX_C_SOURCE 200809L
#include "core/visit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/validate.h"

#define VISIT_TEXT_MAX 2000	/* characters, every free text */

/* A clock a few minutes fast on the phone that dictated the time, or a
 * kiosk a little slow, is not a visit "in the future". */
#define VISIT_FUTURE_SLACK 5	/* minutes */

#define VISIT_COLUMNS \
	"elder_uid, visited_at, mode, visitor, contacted, outcome, " \
	"health, economy, family, safety, needs, services, emergency, " \
	"emergency_action, referral, follow_up_date, note, " \
	RECORD_COLUMNS("")

void
visit_init(struct visit *v)
{
	memset(v, 0, sizeof *v);
	date_now(&v->day, &v->minutes);
	v->mode = MODE_HOME;
	v->contacted = true;
	v->outcome = OUTCOME_NORMAL;
}

void
visit_clear(struct visit *v)
{
	free(v->visitor);
	free(v->health);
	free(v->economy);
	free(v->family);
	free(v->safety);
	free(v->needs);
	free(v->emergency_action);
	free(v->referral);
	free(v->note);
	memset(v, 0, sizeof *v);
}

/* Minutes since 1970-01-01 00:00 local, for comparing times. */
static long
time_minutes(struct ymd day, int minutes)
{
	return date_to_days(day) * 24 * 60 + minutes;
}

/* The elder must exist and be in the register on the visit day: 在册, or
 * left it (moved, institution, died) on or after that day. */
static int
visit_check_elder(sqlite3 *db, const struct visit *v, char **cause)
{
	sqlite3_stmt *stmt;
	struct ymd left = { 0, 0, 0 };
	char when[11];
	int rc, status = STATUS_ACTIVE;

	if ((stmt = db_prepare(db, "SELECT status, status_date FROM elder "
	    "WHERE uid = ? AND deleted = 0", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, v->elder_uid, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		status = choice_find(CH_STATUS,
		    (const char *)sqlite3_column_text(stmt, 0));
		left = db_column_date(stmt, 1);
	}
	db_done(stmt);
	if (rc == SQLITE_DONE) {
		err_set(cause, _("%s: no such elder in the register"),
		    _("elder"));
		return -1;
	}
	if (rc != SQLITE_ROW) {
		db_error(db, cause);
		return -1;
	}
	if (status == STATUS_ACTIVE)
		return 0;
	if (left.y != 0 && date_to_days(v->day) <= date_to_days(left))
		return 0;
	date_format(left, when);
	err_set(cause, _("%s: this elder left the register (%s) on %s; no "
	    "visit can be recorded after that"), _("elder"),
	    status >= 0 ? choice_display(CH_STATUS, status) : "?",
	    left.y != 0 ? when : "?");
	return -1;
}

int
visit_normalize(sqlite3 *db, struct visit *v, char **cause)
{
	char **text[] = { &v->visitor, &v->health, &v->economy, &v->family,
	    &v->safety, &v->needs, &v->emergency_action, &v->referral,
	    &v->note };
	struct ymd today;
	size_t i;
	int now;

	for (i = 0; i < sizeof text / sizeof text[0]; i++) {
		if (validate_trim_field(text[i]) != 0) {
			err_set(cause, "%s", _("out of memory"));
			return -1;
		}
	}

	if (!date_valid(v->day) || v->minutes < 0 || v->minutes >= 24 * 60) {
		err_set(cause, _("%s: not a valid date and time"),
		    _("visit time"));
		return -1;
	}
	date_now(&today, &now);
	if (time_minutes(v->day, v->minutes) >
	    time_minutes(today, now) + VISIT_FUTURE_SLACK) {
		err_set(cause, _("%s: in the future"), _("visit time"));
		return -1;
	}
	if (visit_check_elder(db, v, cause) != 0)
		return -1;

	if (v->mode < 0 || v->mode >= choice_count(CH_VISIT_MODE)) {
		err_set(cause, _("%s: not one of the choices"), _("visit mode"));
		return -1;
	}
	if (v->outcome < 0 || v->outcome >= choice_count(CH_OUTCOME)) {
		err_set(cause, _("%s: not one of the choices"), _("outcome"));
		return -1;
	}
	/* "正常" means seen and well, so a visit that did not reach the
	 * elder cannot have it: it is what a form or file leaves when only
	 * 是否见到本人 was filled in, so it becomes "未见到".  The reverse
	 * (reached, yet "not found") is a contradiction only a person can
	 * resolve. */
	if (!v->contacted && v->outcome == OUTCOME_NORMAL)
		v->outcome = OUTCOME_NOT_FOUND;
	if (v->contacted && v->outcome == OUTCOME_NOT_FOUND) {
		err_set(cause, _("%s: the elder was met, so the outcome cannot "
		    "be \"not found\""), _("outcome"));
		return -1;
	}
	if (v->services >> choice_count(CH_SERVICE) != 0) {
		err_set(cause, _("%s: not one of the choices"), _("services"));
		return -1;
	}
	/* The visitor may be a team ("王芳、李强") or a role, so this is
	 * text, not validate_name(). */
	if (validate_text(_("visitor"), v->visitor, true, VALIDATE_NAME_MAX,
	    false, cause) != 0 ||
	    validate_text(_("health"), v->health, false, VISIT_TEXT_MAX, false,
	    cause) != 0 ||
	    validate_text(_("economy"), v->economy, false, VISIT_TEXT_MAX,
	    false, cause) != 0 ||
	    validate_text(_("family support"), v->family, false,
	    VISIT_TEXT_MAX, false, cause) != 0 ||
	    validate_text(_("safety"), v->safety, false, VISIT_TEXT_MAX, false,
	    cause) != 0 ||
	    validate_text(_("needs"), v->needs, false, VISIT_TEXT_MAX, false,
	    cause) != 0 ||
	    validate_text(_("emergency action"), v->emergency_action, false,
	    VISIT_TEXT_MAX, false, cause) != 0 ||
	    validate_text(_("referral"), v->referral, false, VISIT_TEXT_MAX,
	    false, cause) != 0 ||
	    validate_text(_("note"), v->note, false, VISIT_TEXT_MAX, true,
	    cause) != 0)
		return -1;
	if (v->emergency && v->emergency_action == NULL) {
		err_set(cause, _("%s: an emergency needs what was done about it "
		    "(who was called, when)"), _("emergency action"));
		return -1;
	}
	if (v->follow_up.y != 0) {
		if (!date_valid(v->follow_up)) {
			err_set(cause, _("%s: not a valid date"),
			    _("follow-up date"));
			return -1;
		}
		if (date_to_days(v->follow_up) < date_to_days(v->day)) {
			err_set(cause, _("%s: before the visit"),
			    _("follow-up date"));
			return -1;
		}
	}
	return 0;
}

/* Fill V from a row of VISIT_COLUMNS; unknown labels read leniently. */
static int
visit_from_row(sqlite3_stmt *stmt, void *rec, char **cause)
{
	struct visit *v = rec;
	const char *s;
	bool oom = false;
	unsigned mask;
	int i;

	memset(v, 0, sizeof *v);
	db_column_copy(stmt, 0, v->elder_uid, sizeof v->elder_uid);
	if ((s = (const char *)sqlite3_column_text(stmt, 1)) == NULL ||
	    !date_parse_time(s, &v->day, &v->minutes))
		v->day.y = v->day.m = v->day.d = v->minutes = 0;
	v->mode = (i = choice_find(CH_VISIT_MODE,
	    (const char *)sqlite3_column_text(stmt, 2))) >= 0 ? i : MODE_OTHER;
	v->visitor = db_column_strdup(stmt, 3, &oom);
	v->contacted = sqlite3_column_int(stmt, 4) != 0;
	v->outcome = (i = choice_find(CH_OUTCOME,
	    (const char *)sqlite3_column_text(stmt, 5))) >= 0 ? i :
	    OUTCOME_NORMAL;
	v->health = db_column_strdup(stmt, 6, &oom);
	v->economy = db_column_strdup(stmt, 7, &oom);
	v->family = db_column_strdup(stmt, 8, &oom);
	v->safety = db_column_strdup(stmt, 9, &oom);
	v->needs = db_column_strdup(stmt, 10, &oom);
	if (choice_parse_multi(CH_SERVICE,
	    (const char *)sqlite3_column_text(stmt, 11), &mask, NULL) == 0)
		v->services = mask;
	v->emergency = sqlite3_column_int(stmt, 12) != 0;
	v->emergency_action = db_column_strdup(stmt, 13, &oom);
	v->referral = db_column_strdup(stmt, 14, &oom);
	v->follow_up = db_column_date(stmt, 15);
	v->note = db_column_strdup(stmt, 16, &oom);
	record_column_meta(stmt, 17, &v->meta);
	if (oom) {
		visit_clear(v);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* Every stored field (not uid, timestamps). */
static bool
visit_same(const struct visit *a, const struct visit *b)
{
	return strcmp(a->elder_uid, b->elder_uid) == 0 &&
	    time_minutes(a->day, a->minutes) ==
	    time_minutes(b->day, b->minutes) &&
	    a->mode == b->mode && db_text_equal(a->visitor, b->visitor) &&
	    a->contacted == b->contacted && a->outcome == b->outcome &&
	    db_text_equal(a->health, b->health) &&
	    db_text_equal(a->economy, b->economy) &&
	    db_text_equal(a->family, b->family) &&
	    db_text_equal(a->safety, b->safety) &&
	    db_text_equal(a->needs, b->needs) && a->services == b->services &&
	    a->emergency == b->emergency &&
	    db_text_equal(a->emergency_action, b->emergency_action) &&
	    db_text_equal(a->referral, b->referral) &&
	    a->follow_up.y == b->follow_up.y &&
	    (a->follow_up.y == 0 || date_to_days(a->follow_up) ==
	    date_to_days(b->follow_up)) &&
	    db_text_equal(a->note, b->note) &&
	    a->meta.deleted == b->meta.deleted;
}

static const char visit_insert_sql[] =
	"INSERT INTO visit (elder_uid, visited_at, mode, visitor, contacted, "
	"outcome, health, economy, family, safety, needs, services, "
	"emergency, emergency_action, referral, follow_up_date, note, "
	"deleted, uid, created_at, created_by, updated_at) VALUES (?1, ?2, "
	"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	"?18, ?19, ?20, ?21, ?22)";

static const char visit_update_sql[] =
	"UPDATE visit SET elder_uid = ?1, visited_at = ?2, mode = ?3, "
	"visitor = ?4, contacted = ?5, outcome = ?6, health = ?7, "
	"economy = ?8, family = ?9, safety = ?10, needs = ?11, "
	"services = ?12, emergency = ?13, emergency_action = ?14, "
	"referral = ?15, follow_up_date = ?16, note = ?17, deleted = ?18, "
	"updated_at = ?22 WHERE uid = ?19";	/* ?20, ?21: created_*, kept */

/* Write V as a new row (INSERT) or over the row UID. */
static int
visit_write(sqlite3 *db, const struct visit *v, const char *uid,
    const char *created_by, const char *now, bool insert, char **cause)
{
	sqlite3_stmt *stmt;
	char at[17], *services;
	int rc;

	if ((services = choice_join(CH_SERVICE, v->services, false)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, insert ? visit_insert_sql :
	    visit_update_sql, cause)) == NULL) {
		free(services);
		return -1;
	}
	date_format_time(v->day, v->minutes, at);
	sqlite3_bind_text(stmt, 1, v->elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, choice_label(CH_VISIT_MODE, v->mode), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, v->visitor, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, v->contacted);
	sqlite3_bind_text(stmt, 6, choice_label(CH_OUTCOME, v->outcome), -1,
	    SQLITE_STATIC);
	db_bind_text_or_null(stmt, 7, v->health);
	db_bind_text_or_null(stmt, 8, v->economy);
	db_bind_text_or_null(stmt, 9, v->family);
	db_bind_text_or_null(stmt, 10, v->safety);
	db_bind_text_or_null(stmt, 11, v->needs);
	sqlite3_bind_text(stmt, 12, services, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 13, v->emergency);
	db_bind_text_or_null(stmt, 14, v->emergency_action);
	db_bind_text_or_null(stmt, 15, v->referral);
	db_bind_date_or_null(stmt, 16, v->follow_up);
	db_bind_text_or_null(stmt, 17, v->note);
	sqlite3_bind_int(stmt, 18, v->meta.deleted);
	record_bind_stamps(stmt, 19, uid, now, created_by, now);
	rc = db_run(db, stmt, cause);
	free(services);
	return rc;
}

/* The twin of V (same elder, minute, mode and visitor; not deleted) into
 * *OLD: 0 found, 1 none, -1 error. */
static int
visit_find_twin(sqlite3 *db, const struct visit *v, struct visit *old,
    char **cause)
{
	sqlite3_stmt *stmt;
	char at[17];

	if ((stmt = db_prepare(db, "SELECT " VISIT_COLUMNS " FROM visit "
	    "WHERE elder_uid = ? AND visited_at = ? AND mode = ? AND "
	    "visitor = ? AND deleted = 0 ORDER BY rowid LIMIT 1",
	    cause)) == NULL)
		return -1;
	date_format_time(v->day, v->minutes, at);
	sqlite3_bind_text(stmt, 1, v->elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, choice_label(CH_VISIT_MODE, v->mode), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, v->visitor, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, visit_from_row, old, cause);
}

/* The stored visit V is saved over: by uid when V has one (an edit), else
 * its twin.  0 found, 1 new, -1 error (an edit that would duplicate
 * another visit included). */
static int
visit_find_stored(sqlite3 *db, const struct visit *v, struct visit *old,
    char **cause)
{
	struct visit twin;
	sqlite3_stmt *stmt;
	int rc;

	if (v->meta.uid[0] == '\0')
		return visit_find_twin(db, v, old, cause);
	if ((stmt = db_prepare(db, "SELECT " VISIT_COLUMNS " FROM visit "
	    "WHERE uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, v->meta.uid, -1, SQLITE_STATIC);
	if ((rc = record_fetch(db, stmt, visit_from_row, old, cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("no visit with record number %s"),
			    v->meta.uid);
		return -1;
	}
	if ((rc = visit_find_twin(db, v, &twin, cause)) == 0) {
		if (strcmp(twin.meta.uid, v->meta.uid) != 0) {
			err_set(cause, _("this visit is already recorded (%s)"),
			    twin.meta.uid);
			rc = -1;
		}
		visit_clear(&twin);
	}
	if (rc < 0) {
		visit_clear(old);
		return -1;
	}
	return 0;
}

enum visit_save_result
visit_save(sqlite3 *db, struct visit *v, const char *login, char **cause)
{
	struct visit old;
	enum visit_save_result result;
	char uid[HEARTH_UID_MAX], now[HEARTH_TS_MAX];
	int tok, found;

	if ((tok = db_begin(db, cause)) < 0)
		return VISIT_ERROR;
	/* Checked inside the transaction: the elder's status cannot change
	 * between the check and the write. */
	if (visit_normalize(db, v, cause) != 0) {
		db_rollback(db, tok);
		return VISIT_ERROR;
	}
	if ((found = visit_find_stored(db, v, &old, cause)) < 0)
		goto fail;
	db_timestamp(now);
	if (found == 1) {
		if (db_next_uid(db, uid, cause) != 0 ||
		    visit_write(db, v, uid, login, now, true, cause) != 0)
			goto fail;
		if (db_commit(db, tok, cause) != 0)
			return VISIT_ERROR;
		record_saved_new(&v->meta, uid, now, login);
		return VISIT_INSERTED;
	}
	if (visit_same(v, &old))
		result = VISIT_UNCHANGED;
	else {
		result = VISIT_UPDATED;
		snprintf(old.meta.updated_at, sizeof old.meta.updated_at, "%s",
		    now);
		if (visit_write(db, v, old.meta.uid, old.meta.created_by, now,
		    false, cause) != 0)
			goto fail;
	}
	if (db_commit(db, tok, cause) != 0) {
		visit_clear(&old);
		return VISIT_ERROR;
	}
	record_saved_over(&v->meta, &old.meta);
	visit_clear(&old);
	return result;

fail:
	if (found == 0)
		visit_clear(&old);
	db_rollback(db, tok);
	return VISIT_ERROR;
}

void
visit_list_free(struct visit *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		visit_clear(&v[i]);
	free(v);
}

int
visit_list(sqlite3 *db, const char *elder_uid, size_t max,
    struct visit **out, size_t *n, char **cause)
{
	sqlite3_stmt *stmt;
	void *list;

	*out = NULL;
	*n = 0;
	/* rowid breaks ties of one minute: the visit saved last first. */
	if ((stmt = db_prepare(db, "SELECT " VISIT_COLUMNS " FROM visit "
	    "WHERE elder_uid = ? AND deleted = 0 "
	    "ORDER BY visited_at DESC, rowid DESC LIMIT ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, max == 0 ? -1 : (sqlite3_int64)max);
	if (record_list(db, stmt, visit_from_row, sizeof **out, &list, n,
	    cause) != 0) {
		visit_list_free(list, *n);
		*n = 0;
		return -1;
	}
	*out = list;
	return 0;
}

int
visit_get(sqlite3 *db, const char *uid, struct visit *v, char **cause)
{
	sqlite3_stmt *stmt;

	/* visit_init() allocates nothing: a row read replaces it. */
	visit_init(v);
	if ((stmt = db_prepare(db, "SELECT " VISIT_COLUMNS " FROM visit "
	    "WHERE uid = ?1", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, visit_from_row, v, cause);
}

/* visit_each's FN and ARG, called for each visit read by record_each. */
struct visit_each_fn {
	int	(*fn)(const struct visit *, void *);
	void	*arg;
};

static int
visit_each_call(void *rec, void *arg)
{
	const struct visit_each_fn *f = arg;
	int stop = f->fn(rec, f->arg);

	visit_clear(rec);
	return stop;
}

int
visit_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const struct visit *, void *), void *arg, char **cause)
{
	struct visit_each_fn f = { fn, arg };
	sqlite3_stmt *stmt;
	struct visit v;
	char from[11], to[11];

	/* visited_at is "YYYY-MM-DD HH:MM": everything of UNTIL's day is
	 * before the next day's date as a string. */
	if ((stmt = db_prepare(db, "SELECT " VISIT_COLUMNS " FROM visit "
	    "WHERE deleted = 0 AND (?1 IS NULL OR visited_at >= ?1) AND "
	    "(?2 IS NULL OR visited_at < ?2) ORDER BY visited_at, rowid",
	    cause)) == NULL)
		return -1;
	if (since.y != 0) {
		date_format(since, from);
		sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	}
	if (until.y != 0) {
		date_format(date_from_days(date_to_days(until) + 1), to);
		sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	}
	return record_each(db, stmt, visit_from_row, &v, visit_each_call, &f,
	    cause);
}
