/* site.c: validating and storing meal sites with their subsidy tiers. */
#define _POSIX_C_SOURCE 200809L
#include "core/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/money.h"
#include "core/validate.h"

#define SITE_NAME_MAX 40	/* characters */
#define ADDRESS_MAX 200

#define SITE_COLUMNS \
	"name, division_code, address, slots, price_fen, default_mode, " \
	RECORD_COLUMNS("")

void
site_init(struct site *s)
{
	memset(s, 0, sizeof *s);
	s->slots = 1u << SLOT_LUNCH;
	s->default_mode = MEAL_DINE_IN;
}

void
site_clear(struct site *s)
{
	free(s->name);
	free(s->address);
	site_init(s);
}

bool
site_serves(const struct site *s, int slot)
{
	return slot >= 0 && slot < choice_count(CH_MEAL_SLOT) &&
	    (s->slots & 1u << slot) != 0;
}

/* Tier N (counted from 1, as the screen numbers them) of a site priced
 * PRICE. */
static int
site_check_tier(const struct site_tier *t, size_t n, long long price,
    char **cause)
{
	char yuan[MONEY_TEXT_MAX], max[MONEY_TEXT_MAX];

	if (t->min_age < -1 || t->min_age > SITE_AGE_MAX ||
	    t->max_age < -1 || t->max_age > SITE_AGE_MAX) {
		err_set(cause, _("subsidy tier %zu: ages must be between 0 and "
		    "%d"), n, SITE_AGE_MAX);
		return -1;
	}
	if (t->min_age >= 0 && t->max_age >= 0 && t->min_age > t->max_age) {
		err_set(cause, _("subsidy tier %zu: the lowest age (%d) is above "
		    "the highest (%d)"), n, t->min_age, t->max_age);
		return -1;
	}
	if (t->hardship < -1 || t->hardship >= choice_count(CH_HARDSHIP)) {
		err_set(cause, _("subsidy tier %zu: %s: not one of the choices"),
		    n, _("hardship types"));
		return -1;
	}
	if (t->subsidy_fen < 0 || t->subsidy_fen > price) {
		money_format(t->subsidy_fen, yuan);
		money_format(price, max);
		err_set(cause, _("subsidy tier %zu: the subsidy (%s yuan) must be "
		    "between 0 and the price (%s yuan)"), n, yuan, max);
		return -1;
	}
	if (t->weekly_cap < 0 || t->weekly_cap > SITE_WEEKLY_CAP_MAX) {
		err_set(cause, _("subsidy tier %zu: the weekly limit must be "
		    "between 1 and %d servings, or none"), n,
		    SITE_WEEKLY_CAP_MAX);
		return -1;
	}
	return 0;
}

int
site_normalize(struct site *s, char **cause)
{
	char *division, yuan[MONEY_TEXT_MAX];
	size_t i;

	if (validate_trim_field(&s->name) != 0 ||
	    validate_trim_field(&s->address) != 0)
		goto nomem;
	/* Names like "3号幸福食堂" have digits: text, not validate_name(). */
	if (validate_text(_("site name"), s->name, true, SITE_NAME_MAX, false,
	    cause) != 0 ||
	    validate_division_field(_("division code"), s->division_code, true,
	    cause) != 0 ||
	    validate_text(_("address"), s->address, false, ADDRESS_MAX, false,
	    cause) != 0)
		return -1;
	if ((division = validate_trim(s->division_code)) == NULL)
		goto nomem;
	snprintf(s->division_code, sizeof s->division_code, "%s", division);
	free(division);

	if (s->price_fen < 0 || s->price_fen > SITE_PRICE_MAX) {
		money_format(SITE_PRICE_MAX, yuan);
		err_set(cause, _("%s: must be between 0 and %s yuan"),
		    _("price"), yuan);
		return -1;
	}
	if (s->slots == 0) {
		err_set(cause, _("%s: choose at least one"), _("meal slots"));
		return -1;
	}
	if (s->slots >> choice_count(CH_MEAL_SLOT) != 0) {
		err_set(cause, _("%s: not one of the choices"), _("meal slots"));
		return -1;
	}
	if (s->default_mode < 0 ||
	    s->default_mode >= choice_count(CH_MEAL_MODE)) {
		err_set(cause, _("%s: not one of the choices"),
		    _("usual meal mode"));
		return -1;
	}
	if (s->ntiers > SITE_TIERS_MAX) {
		err_set(cause, _("at most %d subsidy tiers"), SITE_TIERS_MAX);
		return -1;
	}
	for (i = 0; i < s->ntiers; i++)
		if (site_check_tier(&s->tiers[i], i + 1, s->price_fen,
		    cause) != 0)
			return -1;
	return 0;

nomem:
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

/* An optional INTEGER column: -1 (or 0 for CAP) for NULL. */
static int
column_int_or(sqlite3_stmt *stmt, int col, int none)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL ? none :
	    sqlite3_column_int(stmt, col);
}

/* S's tiers from site_tier, replacing what is there. */
static int
site_load_tiers(sqlite3 *db, struct site *s, char **cause)
{
	sqlite3_stmt *stmt;
	struct site_tier *t;
	int rc;

	if ((stmt = db_prepare(db, "SELECT min_age, max_age, hardship, "
	    "subsidy_fen, weekly_cap FROM site_tier WHERE site_uid = ? "
	    "ORDER BY rank", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, s->meta.uid, -1, SQLITE_STATIC);
	s->ntiers = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW &&
	    s->ntiers < SITE_TIERS_MAX) {
		t = &s->tiers[s->ntiers++];
		t->min_age = column_int_or(stmt, 0, -1);
		t->max_age = column_int_or(stmt, 1, -1);
		/* A label this program does not know (a newer station's)
		 * can match nobody here: -2 keeps the tier but never
		 * matches, rather than widening it to "any". */
		t->hardship = sqlite3_column_type(stmt, 2) == SQLITE_NULL ? -1 :
		    choice_find(CH_HARDSHIP,
		    (const char *)sqlite3_column_text(stmt, 2));
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL &&
		    t->hardship < 0)
			t->hardship = -2;
		t->subsidy_fen = sqlite3_column_int64(stmt, 3);
		t->weekly_cap = column_int_or(stmt, 4, 0);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, cause);
		db_done(stmt);
		return -1;
	}
	db_done(stmt);
	return 0;
}

/* Fill S (initialised) from a row of SITE_COLUMNS; its tiers are read
 * after the statement is given back (site_load_tiers). */
static int
site_from_row(sqlite3_stmt *stmt, void *rec, char **cause)
{
	struct site *s = rec;
	bool oom = false;
	unsigned mask;
	int i;

	site_init(s);
	s->name = db_column_strdup(stmt, 0, &oom);
	db_column_copy(stmt, 1, s->division_code, sizeof s->division_code);
	s->address = db_column_strdup(stmt, 2, &oom);
	if (choice_parse_multi(CH_MEAL_SLOT,
	    (const char *)sqlite3_column_text(stmt, 3), &mask, NULL) == 0)
		s->slots = mask;
	s->price_fen = sqlite3_column_int64(stmt, 4);
	if ((i = choice_find(CH_MEAL_MODE,
	    (const char *)sqlite3_column_text(stmt, 5))) >= 0)
		s->default_mode = i;
	record_column_meta(stmt, 6, &s->meta);
	if (oom) {
		site_clear(s);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* Run STMT (bound) for at most one site: 0 found, 1 not, -1.  The tiers
 * are read after STMT is given back (another statement meanwhile). */
static int
site_fetch(sqlite3 *db, sqlite3_stmt *stmt, struct site *s, char **cause)
{
	int rc = record_fetch(db, stmt, site_from_row, s, cause);

	if (rc == 0 && site_load_tiers(db, s, cause) != 0) {
		site_clear(s);
		return -1;
	}
	return rc;
}

int
site_get(sqlite3 *db, const char *uid, struct site *s, char **cause)
{
	sqlite3_stmt *stmt;

	site_init(s);
	if ((stmt = db_prepare(db, "SELECT " SITE_COLUMNS " FROM site "
	    "WHERE uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	return site_fetch(db, stmt, s, cause);
}

int
site_get_by_name(sqlite3 *db, const char *name, struct site *s,
    char **cause)
{
	sqlite3_stmt *stmt;
	char *key;
	int rc;

	site_init(s);
	if ((key = validate_trim(name != NULL ? name : "")) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, "SELECT " SITE_COLUMNS " FROM site "
	    "WHERE name = ? AND deleted = 0", cause)) == NULL) {
		free(key);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = site_fetch(db, stmt, s, cause);
	free(key);
	return rc;
}

void
site_list_free(struct site *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		site_clear(&list[i]);
	free(list);
}

int
site_list(sqlite3 *db, struct site **out, size_t *n, char **cause)
{
	sqlite3_stmt *stmt;
	struct site *list;
	void *rows;
	size_t count, i;

	*out = NULL;
	*n = 0;
	if ((stmt = db_prepare(db, "SELECT " SITE_COLUMNS " FROM site "
	    "WHERE deleted = 0 ORDER BY name, uid", cause)) == NULL)
		return -1;
	if (record_list(db, stmt, site_from_row, sizeof *list, &rows, &count,
	    cause) != 0) {
		site_list_free(rows, count);
		return -1;
	}
	list = rows;
	/* Tiers after the sites: a station has a handful of sites. */
	for (i = 0; i < count; i++)
		if (site_load_tiers(db, &list[i], cause) != 0) {
			site_list_free(list, count);
			return -1;
		}
	*out = list;
	*n = count;
	return 0;
}

static bool
tier_same(const struct site_tier *a, const struct site_tier *b)
{
	return a->min_age == b->min_age && a->max_age == b->max_age &&
	    a->hardship == b->hardship && a->subsidy_fen == b->subsidy_fen &&
	    a->weekly_cap == b->weekly_cap;
}

/* Every stored field and tier (not uid, timestamps). */
static bool
site_same(const struct site *a, const struct site *b)
{
	size_t i;

	if (!db_text_equal(a->name, b->name) ||
	    strcmp(a->division_code, b->division_code) != 0 ||
	    !db_text_equal(a->address, b->address) || a->slots != b->slots ||
	    a->price_fen != b->price_fen ||
	    a->default_mode != b->default_mode ||
	    a->meta.deleted != b->meta.deleted || a->ntiers != b->ntiers)
		return false;
	for (i = 0; i < a->ntiers; i++)
		if (!tier_same(&a->tiers[i], &b->tiers[i]))
			return false;
	return true;
}

static const char site_insert_sql[] =
	"INSERT INTO site (name, division_code, address, slots, price_fen, "
	"default_mode, deleted, uid, created_at, created_by, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

static const char site_update_sql[] =
	"UPDATE site SET name = ?1, division_code = ?2, address = ?3, "
	"slots = ?4, price_fen = ?5, default_mode = ?6, deleted = ?7, "
	"updated_at = ?11 WHERE uid = ?8";	/* ?9, ?10: created_*, kept */

/* Replace the tier rows of site UID by S's. */
static int
site_write_tiers(sqlite3 *db, const struct site *s, const char *uid,
    char **cause)
{
	sqlite3_stmt *stmt;
	const struct site_tier *t;
	size_t i;

	if ((stmt = db_prepare(db, "DELETE FROM site_tier WHERE site_uid = ?",
	    cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0)
		return -1;
	for (i = 0; i < s->ntiers; i++) {
		t = &s->tiers[i];
		if ((stmt = db_prepare(db, "INSERT INTO site_tier (site_uid, "
		    "rank, min_age, max_age, hardship, subsidy_fen, "
		    "weekly_cap) VALUES (?, ?, ?, ?, ?, ?, ?)", cause)) == NULL)
			return -1;
		sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 2, (int)i + 1);
		if (t->min_age >= 0)
			sqlite3_bind_int(stmt, 3, t->min_age);
		if (t->max_age >= 0)
			sqlite3_bind_int(stmt, 4, t->max_age);
		db_bind_text_or_null(stmt, 5, choice_label(CH_HARDSHIP,
		    t->hardship));
		sqlite3_bind_int64(stmt, 6, t->subsidy_fen);
		if (t->weekly_cap > 0)
			sqlite3_bind_int(stmt, 7, t->weekly_cap);
		if (db_run(db, stmt, cause) != 0)
			return -1;
	}
	return 0;
}

/* Write S as a new row (INSERT) or over the row UID, with its tiers. */
static int
site_write(sqlite3 *db, const struct site *s, const char *uid,
    const char *created_by, const char *now, bool insert, char **cause)
{
	sqlite3_stmt *stmt;
	char *slots;

	if ((slots = choice_join(CH_MEAL_SLOT, s->slots, false)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((stmt = db_prepare(db, insert ? site_insert_sql : site_update_sql,
	    cause)) == NULL) {
		free(slots);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, s->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, s->division_code, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 3, s->address);
	sqlite3_bind_text(stmt, 4, slots, -1, SQLITE_TRANSIENT);
	free(slots);
	sqlite3_bind_int64(stmt, 5, s->price_fen);
	sqlite3_bind_text(stmt, 6, choice_label(CH_MEAL_MODE, s->default_mode),
	    -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 7, s->meta.deleted);
	record_bind_stamps(stmt, 8, uid, now, created_by, now);
	if (db_run(db, stmt, cause) != 0)
		return -1;
	return site_write_tiers(db, s, uid, cause);
}

/* The stored site S is saved over, into *OLD: by uid when S has one, else
 * by name.  0 found, 1 new, -1 error (also when an edit would take the
 * name of another site). */
static int
site_find_stored(sqlite3 *db, const struct site *s, struct site *old,
    char **cause)
{
	struct site other;
	int rc;

	if (s->meta.uid[0] == '\0')
		return site_get_by_name(db, s->name, old, cause);
	if ((rc = site_get(db, s->meta.uid, old, cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("no meal site with record number %s"),
			    s->meta.uid);
		return -1;
	}
	if ((rc = site_get_by_name(db, s->name, &other, cause)) == 0) {
		if (strcmp(other.meta.uid, s->meta.uid) != 0) {
			err_set(cause, _("%s: another meal site is already "
			    "called %s"), _("site name"), s->name);
			rc = -1;
		}
		site_clear(&other);
	}
	if (rc < 0) {
		site_clear(old);
		return -1;
	}
	return 0;
}

/* An empty division code: the station's own (the usual case, a canteen
 * in the village the station serves). */
static int
site_default_division(sqlite3 *db, struct site *s, char **cause)
{
	struct station st;
	char *code;
	bool empty;
	int rc;

	if ((code = validate_trim(s->division_code)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	empty = code[0] == '\0';
	free(code);
	if (!empty)
		return 0;
	/* Not initialised (1): site_normalize() asks for the code. */
	if ((rc = db_station_get(db, &st, cause)) != 0)
		return rc < 0 ? -1 : 0;
	memcpy(s->division_code, st.division_code, sizeof s->division_code);
	db_station_clear(&st);
	return 0;
}

enum site_save_result
site_save(sqlite3 *db, struct site *s, const char *login, char **cause)
{
	struct site old;
	enum site_save_result result;
	char uid[HEARTH_UID_MAX], now[HEARTH_TS_MAX];
	int tok, found;

	if ((tok = db_begin(db, cause)) < 0)
		return SITE_ERROR;
	if (site_default_division(db, s, cause) != 0 ||
	    site_normalize(s, cause) != 0) {
		db_rollback(db, tok);
		return SITE_ERROR;
	}
	if ((found = site_find_stored(db, s, &old, cause)) < 0)
		goto fail;
	db_timestamp(now);
	if (found == 1) {
		if (db_next_uid(db, uid, cause) != 0 ||
		    site_write(db, s, uid, login, now, true, cause) != 0)
			goto fail;
		if (db_commit(db, tok, cause) != 0)
			return SITE_ERROR;
		record_saved_new(&s->meta, uid, now, login);
		return SITE_INSERTED;
	}
	if (site_same(s, &old))
		result = SITE_UNCHANGED;
	else {
		result = SITE_UPDATED;
		snprintf(old.meta.updated_at, sizeof old.meta.updated_at, "%s",
		    now);
		if (site_write(db, s, old.meta.uid, old.meta.created_by, now,
		    false, cause) != 0)
			goto fail;
	}
	if (db_commit(db, tok, cause) != 0) {
		site_clear(&old);
		return SITE_ERROR;
	}
	record_saved_over(&s->meta, &old.meta);
	site_clear(&old);
	return result;

fail:
	if (found == 0)
		site_clear(&old);
	db_rollback(db, tok);
	return SITE_ERROR;
}
