/* guidance.c: validating and storing parenting-guidance sessions. */
#define _POSIX_C_SOURCE 200809L
#include "core/guidance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/validate.h"

#define GUIDANCE_TEXT_MAX 2000	/* characters: referral, note */

/* A clock a few minutes fast on the phone that dictated the time, or a
 * kiosk a little slow, is not a session "in the future" (as visits). */
#define GUIDANCE_FUTURE_SLACK 5	/* minutes */

/* Every column, in the order guidance_from_row() reads them; the child's
 * name and birth date come along for the derived fields. */
#define GUIDANCE_COLUMNS \
	"g.session_uid, g.child_uid, g.held_at, g.form, g.provider, " \
	"g.topics, g.referral, g.next_date, g.note, " RECORD_COLUMNS("g.") \
	", c.name, c.birth_date"
#define GUIDANCE_FROM \
	" FROM guidance AS g LEFT JOIN child AS c ON c.uid = g.child_uid"

void
guidance_init(struct guidance *g)
{
	memset(g, 0, sizeof *g);
	date_now(&g->day, &g->minutes);
	g->form = 0;		/* 入户: the home visit is the common case */
	g->age_months = -1;
}

void
guidance_clear(struct guidance *g)
{
	free(g->provider);
	free(g->referral);
	free(g->note);
	free(g->child_name);
	memset(g, 0, sizeof *g);
	g->age_months = -1;
}

/* Minutes since 1970-01-01 00:00 local, for comparing times. */
static long
time_minutes(struct ymd day, int minutes)
{
	return date_to_days(day) * 24 * 60 + minutes;
}

/* The session's own fields, the same for every child. */
static int
guidance_check_fields(struct guidance *g, char **cause)
{
	char **text[] = { &g->provider, &g->referral, &g->note };
	struct ymd today;
	size_t i;
	int now;

	for (i = 0; i < sizeof text / sizeof text[0]; i++) {
		if (validate_trim_field(text[i]) != 0) {
			err_set(cause, "%s", _("out of memory"));
			return -1;
		}
	}
	if (!date_valid(g->day) || g->minutes < 0 || g->minutes >= 24 * 60) {
		err_set(cause, _("%s: not a valid date and time"),
		    _("session time"));
		return -1;
	}
	date_now(&today, &now);
	if (time_minutes(g->day, g->minutes) >
	    time_minutes(today, now) + GUIDANCE_FUTURE_SLACK) {
		err_set(cause, _("%s: in the future"), _("session time"));
		return -1;
	}
	if (g->form < 0 || g->form >= choice_count(CH_GUIDANCE_FORM)) {
		err_set(cause, _("%s: not one of the choices"),
		    _("guidance form"));
		return -1;
	}
	if (g->topics >> choice_count(CH_TOPIC) != 0) {
		err_set(cause, _("%s: not one of the choices"), _("topics"));
		return -1;
	}
	if (g->topics == 0) {
		err_set(cause, _("%s: choose at least one"), _("topics"));
		return -1;
	}
	/* A provider may be a team ("王芳、李强") or a role, so this is
	 * text, not validate_name() (as a visit's visitor). */
	if (validate_text(_("provider"), g->provider, true, VALIDATE_NAME_MAX,
	    false, cause) != 0 ||
	    validate_text(_("referral"), g->referral, false,
	    GUIDANCE_TEXT_MAX, false, cause) != 0 ||
	    validate_text(_("note"), g->note, false, GUIDANCE_TEXT_MAX, true,
	    cause) != 0)
		return -1;
	if (g->next_date.y != 0) {
		if (!date_valid(g->next_date)) {
			err_set(cause, _("%s: not a valid date"),
			    _("next session date"));
			return -1;
		}
		if (date_to_days(g->next_date) <= date_to_days(g->day)) {
			err_set(cause, _("%s: must be after the session day"),
			    _("next session date"));
			return -1;
		}
	}
	return 0;
}

/* The child UID must exist and be in the register on the session day:
 * born by then, under three, not moved out. */
static int
guidance_check_child(sqlite3 *db, const char *uid, struct ymd day,
    char **cause)
{
	sqlite3_stmt *stmt;
	struct ymd birth = { 0, 0, 0 }, left = { 0, 0, 0 };
	char *name = NULL, when[11], on[11];
	bool oom = false;
	int rc, stored = CHILD_ACTIVE;

	if ((stmt = db_prepare(db, "SELECT name, birth_date, status, "
	    "status_date FROM child WHERE uid = ? AND deleted = 0",
	    cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		name = db_column_strdup(stmt, 0, &oom);
		birth = db_column_date(stmt, 1);
		stored = choice_find(CH_CHILD_STATUS,
		    (const char *)sqlite3_column_text(stmt, 2));
		left = db_column_date(stmt, 3);
	} else if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	if (rc == SQLITE_DONE) {
		err_set(cause, _("%s: no child with record number %s"),
		    _("child"), uid);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return -1;
	if (oom) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	date_format(day, on);
	rc = -1;
	if (birth.y == 0 || date_to_days(day) < date_to_days(birth)) {
		date_format(birth, when);
		err_set(cause, _("%s: %s was born on %s, after the session day "
		    "%s"), _("child"), name != NULL ? name : uid,
		    birth.y != 0 ? when : "?", on);
	} else if (stored < 0) {
		/* A status from a newer program: not in the register as far
		 * as this one can tell. */
		err_set(cause, _("%s: %s is not in the register"), _("child"),
		    name != NULL ? name : uid);
	} else {
		switch (child_status_at(stored, left, birth, day)) {
		case CHILD_ACTIVE:
			rc = 0;
			break;
		case CHILD_CLOSED:
			date_format(child_third_birthday(birth), when);
			err_set(cause, _("%s: %s turned three on %s; guidance "
			    "ends at the third birthday"), _("child"),
			    name != NULL ? name : uid, when);
			break;
		default:
			date_format(left, when);
			err_set(cause, _("%s: %s moved out on %s; no session "
			    "can be recorded after that"), _("child"),
			    name != NULL ? name : uid, left.y != 0 ? when : "?");
			break;
		}
	}
	free(name);
	return rc;
}

/* Fill G from a row of GUIDANCE_COLUMNS; unknown labels read leniently. */
static int
guidance_from_row(sqlite3_stmt *stmt, void *rec, char **cause)
{
	struct guidance *g = rec;
	const char *s;
	bool oom = false;
	unsigned mask;
	int i;

	memset(g, 0, sizeof *g);
	db_column_copy(stmt, 0, g->session_uid, sizeof g->session_uid);
	db_column_copy(stmt, 1, g->child_uid, sizeof g->child_uid);
	if ((s = (const char *)sqlite3_column_text(stmt, 2)) == NULL ||
	    !date_parse_time(s, &g->day, &g->minutes))
		g->day.y = g->day.m = g->day.d = g->minutes = 0;
	g->form = (i = choice_find(CH_GUIDANCE_FORM,
	    (const char *)sqlite3_column_text(stmt, 3))) >= 0 ? i : 0;
	g->provider = db_column_strdup(stmt, 4, &oom);
	if (choice_parse_multi(CH_TOPIC,
	    (const char *)sqlite3_column_text(stmt, 5), &mask, NULL) == 0)
		g->topics = mask;
	g->referral = db_column_strdup(stmt, 6, &oom);
	g->next_date = db_column_date(stmt, 7);
	g->note = db_column_strdup(stmt, 8, &oom);
	record_column_meta(stmt, 9, &g->meta);
	g->child_name = db_column_strdup(stmt, 14, &oom);
	g->child_birth = db_column_date(stmt, 15);
	g->age_months = g->child_birth.y != 0 && g->day.y != 0 ?
	    date_age_months(g->child_birth, g->day) : -1;
	if (oom) {
		guidance_clear(g);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* The row of CHILD in the session G's held_at, form and provider (not
 * deleted) into *OLD: 0 found, 1 none, -1 error. */
static int
guidance_find_twin(sqlite3 *db, const struct guidance *g, const char *child,
    struct guidance *old, char **cause)
{
	sqlite3_stmt *stmt;
	char at[17];

	if ((stmt = db_prepare(db, "SELECT " GUIDANCE_COLUMNS GUIDANCE_FROM
	    " WHERE g.child_uid = ? AND g.held_at = ? AND g.form = ? AND "
	    "g.provider = ? AND g.deleted = 0 ORDER BY g.rowid LIMIT 1",
	    cause)) == NULL)
		return -1;
	date_format_time(g->day, g->minutes, at);
	sqlite3_bind_text(stmt, 1, child, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, choice_label(CH_GUIDANCE_FORM, g->form), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, g->provider, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, guidance_from_row, old, cause);
}

/* The session_uid of a stored session with G's held_at, form and provider
 * into OUT ("" when there is none).  0, or -1. */
static int
guidance_find_session(sqlite3 *db, const struct guidance *g,
    char out[HEARTH_UID_MAX], char **cause)
{
	sqlite3_stmt *stmt;
	char at[17];
	int rc;

	out[0] = '\0';
	if ((stmt = db_prepare(db, "SELECT session_uid FROM guidance WHERE "
	    "held_at = ? AND form = ? AND provider = ? AND deleted = 0 "
	    "ORDER BY rowid LIMIT 1", cause)) == NULL)
		return -1;
	date_format_time(g->day, g->minutes, at);
	sqlite3_bind_text(stmt, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, choice_label(CH_GUIDANCE_FORM, g->form), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, g->provider, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		db_column_copy(stmt, 0, out, HEARTH_UID_MAX);
	else if (rc != SQLITE_DONE)
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The row being edited (G->meta.uid) into *OLD, refusing an edit that
 * would make it the twin of another row.  0, or -1. */
static int
guidance_find_edited(sqlite3 *db, const struct guidance *g,
    const char *child, struct guidance *old, char **cause)
{
	struct guidance twin;
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(db, "SELECT " GUIDANCE_COLUMNS GUIDANCE_FROM
	    " WHERE g.uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, g->meta.uid, -1, SQLITE_STATIC);
	if ((rc = record_fetch(db, stmt, guidance_from_row, old,
	    cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("no guidance session with record "
			    "number %s"), g->meta.uid);
		return -1;
	}
	if ((rc = guidance_find_twin(db, g, child, &twin, cause)) == 0) {
		if (strcmp(twin.meta.uid, old->meta.uid) != 0) {
			err_set(cause, _("this session is already recorded "
			    "(%s)"), twin.meta.uid);
			rc = -1;
		}
		guidance_clear(&twin);
	}
	if (rc < 0) {
		guidance_clear(old);
		return -1;
	}
	return 0;
}

/* Every stored field of the session G for CHILD against the row OLD. */
static bool
guidance_same(const struct guidance *g, const char *child,
    const struct guidance *old)
{
	return strcmp(child, old->child_uid) == 0 &&
	    time_minutes(g->day, g->minutes) ==
	    time_minutes(old->day, old->minutes) &&
	    g->form == old->form && db_text_equal(g->provider, old->provider) &&
	    g->topics == old->topics &&
	    db_text_equal(g->referral, old->referral) &&
	    g->next_date.y == old->next_date.y &&
	    (g->next_date.y == 0 || date_to_days(g->next_date) ==
	    date_to_days(old->next_date)) &&
	    db_text_equal(g->note, old->note) && !old->meta.deleted;
}

static const char guidance_insert_sql[] =
	"INSERT INTO guidance (child_uid, held_at, form, provider, topics, "
	"referral, next_date, note, session_uid, uid, created_at, "
	"created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"?10, ?11, ?12, ?11)";

static const char guidance_update_sql[] =
	"UPDATE guidance SET child_uid = ?1, held_at = ?2, form = ?3, "
	"provider = ?4, topics = ?5, referral = ?6, next_date = ?7, "
	"note = ?8, deleted = 0, updated_at = ?11 WHERE uid = ?10";
	/* ?9, ?12: session_uid and created_by, kept */

/* Write session G's row for CHILD: a new row UID in SESSION (INSERT), or
 * over the row UID. */
static int
guidance_write(sqlite3 *db, const struct guidance *g, const char *child,
    const char *session, const char *uid, const char *login, bool insert,
    char **cause)
{
	sqlite3_stmt *stmt;
	char at[17], now[HEARTH_TS_MAX], *topics;
	int rc;

	if ((topics = choice_join(CH_TOPIC, g->topics, false)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, insert ? guidance_insert_sql :
	    guidance_update_sql, cause)) == NULL) {
		free(topics);
		return -1;
	}
	date_format_time(g->day, g->minutes, at);
	db_timestamp(now);
	sqlite3_bind_text(stmt, 1, child, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, choice_label(CH_GUIDANCE_FORM, g->form), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, g->provider, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, topics, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 6, g->referral);
	db_bind_date_or_null(stmt, 7, g->next_date);
	db_bind_text_or_null(stmt, 8, g->note);
	sqlite3_bind_text(stmt, 9, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 11, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 12, login != NULL ? login : "", -1,
	    SQLITE_STATIC);
	rc = db_run(db, stmt, cause);
	free(topics);
	return rc;
}

/* Save session S's row for CHILD (S->meta.uid: the row edited) into
 * *SAVED; SESSION is the session new rows join, made on the first
 * insert. */
static int
guidance_save_row(sqlite3 *db, const struct guidance *s, const char *child,
    char session[HEARTH_UID_MAX], const char *login,
    struct guidance_saved *saved, char **cause)
{
	struct guidance old;
	int found;

	if (guidance_check_child(db, child, s->day, cause) != 0)
		return -1;
	if (s->meta.uid[0] != '\0')
		found = guidance_find_edited(db, s, child, &old, cause);
	else
		found = guidance_find_twin(db, s, child, &old, cause);
	if (found < 0)
		return -1;
	if (found == 1) {
		if ((session[0] == '\0' && db_next_uid(db, session,
		    cause) != 0) || db_next_uid(db, saved->uid, cause) != 0 ||
		    guidance_write(db, s, child, session, saved->uid, login,
		    true, cause) != 0)
			return -1;
		saved->result = GUIDANCE_INSERTED;
		return 0;
	}
	memcpy(saved->uid, old.meta.uid, sizeof saved->uid);
	if (session[0] == '\0')
		memcpy(session, old.session_uid, HEARTH_UID_MAX);
	saved->result = GUIDANCE_UNCHANGED;
	if (!guidance_same(s, child, &old)) {
		saved->result = GUIDANCE_UPDATED;
		if (guidance_write(db, s, child, old.session_uid, old.meta.uid,
		    login, false, cause) != 0) {
			guidance_clear(&old);
			return -1;
		}
	}
	guidance_clear(&old);
	return 0;
}

/* Each child once: a class list with a child ticked twice is a slip the
 * volunteer should see, not two rows. */
static int
guidance_check_list(const char *const *children, size_t n, char **cause)
{
	size_t i, j;

	if (n == 0) {
		err_set(cause, _("%s: choose at least one"), _("children"));
		return -1;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(children[i], children[j]) == 0) {
				err_set(cause, _("%s: %s is listed twice"),
				    _("children"), children[i]);
				return -1;
			}
	return 0;
}

int
guidance_save_session(sqlite3 *db, struct guidance *session,
    const char *const *children, size_t n, const char *login,
    struct guidance_saved *out, char **cause)
{
	struct guidance_saved one, *saved;
	char sid[HEARTH_UID_MAX];
	size_t i;
	int tok;

	if (guidance_check_list(children, n, cause) != 0)
		return -1;
	if (session->meta.uid[0] != '\0' && n != 1) {
		err_set(cause, "%s", _("a saved session is edited one child "
		    "at a time"));
		return -1;
	}
	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	/* Checked inside the transaction: a child's status cannot change
	 * between the check and the write. */
	if (guidance_check_fields(session, cause) != 0 ||
	    (session->meta.uid[0] == '\0' &&
	    guidance_find_session(db, session, sid, cause) != 0))
		goto fail;
	if (session->meta.uid[0] != '\0')
		sid[0] = '\0';
	for (i = 0; i < n; i++) {
		saved = out != NULL ? &out[i] : &one;
		memset(saved, 0, sizeof *saved);
		if (guidance_save_row(db, session, children[i], sid, login,
		    saved, cause) != 0)
			goto fail;
	}
	if (db_commit(db, tok, cause) != 0)
		return -1;
	memcpy(session->session_uid, sid, sizeof session->session_uid);
	return 0;

fail:
	db_rollback(db, tok);
	return -1;
}

enum guidance_save_result
guidance_save(sqlite3 *db, struct guidance *g, const char *login,
    char **cause)
{
	struct guidance_saved saved;
	const char *child = g->child_uid;

	if (guidance_save_session(db, g, &child, 1, login, &saved,
	    cause) != 0)
		return GUIDANCE_ERROR;
	memcpy(g->meta.uid, saved.uid, sizeof g->meta.uid);
	return saved.result;
}

void
guidance_list_free(struct guidance *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		guidance_clear(&g[i]);
	free(g);
}

int
guidance_get(sqlite3 *db, const char *uid, struct guidance *g, char **cause)
{
	sqlite3_stmt *stmt;

	guidance_init(g);
	if ((stmt = db_prepare(db, "SELECT " GUIDANCE_COLUMNS GUIDANCE_FROM
	    " WHERE g.uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, guidance_from_row, g, cause);
}

int
guidance_list(sqlite3 *db, const char *child_uid, size_t max,
    struct guidance **out, size_t *n, char **cause)
{
	sqlite3_stmt *stmt;
	void *list;

	*out = NULL;
	*n = 0;
	/* rowid breaks ties of one minute: the row saved last first. */
	if ((stmt = db_prepare(db, "SELECT " GUIDANCE_COLUMNS GUIDANCE_FROM
	    " WHERE g.child_uid = ? AND g.deleted = 0"
	    " ORDER BY g.held_at DESC, g.rowid DESC LIMIT ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, child_uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, max == 0 ? -1 : (sqlite3_int64)max);
	if (record_list(db, stmt, guidance_from_row, sizeof **out, &list, n,
	    cause) != 0) {
		guidance_list_free(list, *n);
		*n = 0;
		return -1;
	}
	*out = list;
	return 0;
}

/* guidance_each's FN and ARG, called for each row read by record_each. */
struct guidance_each_fn {
	int	(*fn)(const struct guidance *, void *);
	void	*arg;
};

static int
guidance_each_call(void *rec, void *arg)
{
	const struct guidance_each_fn *f = arg;
	int stop = f->fn(rec, f->arg);

	guidance_clear(rec);
	return stop;
}

int
guidance_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const struct guidance *, void *), void *arg, char **cause)
{
	struct guidance_each_fn f = { fn, arg };
	sqlite3_stmt *stmt;
	struct guidance g;
	char from[11], to[11];

	/* held_at is "YYYY-MM-DD HH:MM": all of UNTIL's day sorts before
	 * the next day's date. */
	if ((stmt = db_prepare(db, "SELECT " GUIDANCE_COLUMNS GUIDANCE_FROM
	    " WHERE g.deleted = 0 AND (?1 IS NULL OR g.held_at >= ?1) AND "
	    "(?2 IS NULL OR g.held_at < ?2) "
	    "ORDER BY g.held_at, g.session_uid, c.initials, c.name, g.rowid",
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
	return record_each(db, stmt, guidance_from_row, &g, guidance_each_call,
	    &f, cause);
}
