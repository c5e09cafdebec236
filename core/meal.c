/* meal.c: pricing, validating and storing meal servings. */
#define _POSIX_C_SOURCE 200809L
#include "core/meal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/elder.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/money.h"
#include "core/site-subsidy.h"
#include "core/validate.h"

#define MEAL_NOTE_MAX 2000	/* characters */
/* No single serving costs more than the dearest site's full portions;
 * the bound keeps price = subsidy + self-paid far from overflow. */
#define MEAL_MONEY_MAX (SITE_PRICE_MAX * MEAL_PORTIONS_MAX)

#define MEAL_COLUMNS \
	"elder_uid, site_uid, served_on, slot, mode, portions, " \
	"verification, proxy_name, price_fen, subsidy_fen, self_paid_fen, " \
	"note, " RECORD_COLUMNS("")

void
meal_init(struct meal *m)
{
	memset(m, 0, sizeof *m);
	m->served_on = date_today();
	m->slot = SLOT_LUNCH;
	m->mode = MEAL_DINE_IN;
	m->portions = 1;
	m->verification = VERIFY_CARD;
}

void
meal_clear(struct meal *m)
{
	free(m->proxy_name);
	free(m->note);
	memset(m, 0, sizeof *m);
}

/* The elder UID for a serving: 0, or -1 and *CAUSE (unknown included). */
static int
meal_load_elder(sqlite3 *db, const char *uid, struct elder *e, char **cause)
{
	int rc = elder_get(db, uid, e, cause);

	if (rc == 1)
		err_set(cause, _("%s: no such elder in the register"),
		    _("elder"));
	if (rc != 0) {
		elder_clear(e);
		return -1;
	}
	return 0;
}

/* Fill M (zeroed) from a row of MEAL_COLUMNS.  A label this program does
 * not know (from a newer station) reads as the commonest choice rather
 * than hiding the serving; the money is read as stored. */
static int
meal_from_row(sqlite3_stmt *stmt, void *rec, char **cause)
{
	struct meal *m = rec;
	bool oom = false;
	int i;

	memset(m, 0, sizeof *m);
	db_column_copy(stmt, 0, m->elder_uid, sizeof m->elder_uid);
	db_column_copy(stmt, 1, m->site_uid, sizeof m->site_uid);
	m->served_on = db_column_date(stmt, 2);
	m->slot = (i = choice_find(CH_MEAL_SLOT,
	    (const char *)sqlite3_column_text(stmt, 3))) >= 0 ? i : SLOT_LUNCH;
	m->mode = (i = choice_find(CH_MEAL_MODE,
	    (const char *)sqlite3_column_text(stmt, 4))) >= 0 ? i :
	    MEAL_DINE_IN;
	m->portions = sqlite3_column_int(stmt, 5);
	m->verification = (i = choice_find(CH_VERIFICATION,
	    (const char *)sqlite3_column_text(stmt, 6))) >= 0 ? i :
	    VERIFY_SIGNATURE;
	m->proxy_name = db_column_strdup(stmt, 7, &oom);
	m->price_fen = sqlite3_column_int64(stmt, 8);
	m->subsidy_fen = sqlite3_column_int64(stmt, 9);
	m->self_paid_fen = sqlite3_column_int64(stmt, 10);
	m->note = db_column_strdup(stmt, 11, &oom);
	record_column_meta(stmt, 12, &m->meta);
	if (oom) {
		meal_clear(m);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

int
meal_get(sqlite3 *db, const char *uid, struct meal *m, char **cause)
{
	sqlite3_stmt *stmt;

	memset(m, 0, sizeof *m);
	if ((stmt = db_prepare(db, "SELECT " MEAL_COLUMNS " FROM meal "
	    "WHERE uid = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, meal_from_row, m, cause);
}

int
meal_find_twin(sqlite3 *db, const char *elder_uid, struct ymd day, int slot,
    struct meal *m, char **cause)
{
	sqlite3_stmt *stmt;
	char on[11];

	if (m != NULL)
		memset(m, 0, sizeof *m);
	if ((stmt = db_prepare(db, "SELECT " MEAL_COLUMNS " FROM meal "
	    "WHERE elder_uid = ? AND served_on = ? AND slot = ? AND "
	    "deleted = 0 ORDER BY rowid LIMIT 1", cause)) == NULL)
		return -1;
	date_format(day, on);
	sqlite3_bind_text(stmt, 1, elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, on, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 3, choice_label(CH_MEAL_SLOT, slot));
	return record_fetch(db, stmt, meal_from_row, m, cause);
}

/* The stored serving with M's identity (elder, day, slot, site; the
 * first recorded when a confirmed second one exists too) into *OLD (NULL:
 * just look): 0 found, 1 none, -1 error. */
static int
meal_find_identity(sqlite3 *db, const struct meal *m, struct meal *old,
    char **cause)
{
	sqlite3_stmt *stmt;
	char on[11];

	if ((stmt = db_prepare(db, "SELECT " MEAL_COLUMNS " FROM meal "
	    "WHERE elder_uid = ? AND served_on = ? AND slot = ? AND "
	    "site_uid = ? AND deleted = 0 ORDER BY rowid LIMIT 1",
	    cause)) == NULL)
		return -1;
	date_format(m->served_on, on);
	sqlite3_bind_text(stmt, 1, m->elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, on, -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 3, choice_label(CH_MEAL_SLOT, m->slot));
	sqlite3_bind_text(stmt, 4, m->site_uid, -1, SQLITE_STATIC);
	return record_fetch(db, stmt, meal_from_row, old, cause);
}

int
meal_price(sqlite3 *db, const struct site *s, struct meal *m,
    enum meal_save_mode mode, char **rule, char **cause)
{
	struct elder e;
	struct meal twin;
	char replaces[HEARTH_UID_MAX] = "";
	long long subsidy;
	int rc;

	if (rule != NULL)
		*rule = NULL;
	if (m->portions < 1 || m->portions > MEAL_PORTIONS_MAX) {
		err_set(cause, _("%s: must be a whole number from 1 to %d"),
		    _("portions"), MEAL_PORTIONS_MAX);
		return -1;
	}
	/* The serving this one will replace must not count against its own
	 * caps: a re-import would otherwise lose the subsidy it had. */
	if (m->meta.uid[0] != '\0')
		memcpy(replaces, m->meta.uid, sizeof replaces);
	else if (mode == MEAL_SAVE_MERGE) {
		memcpy(m->site_uid, s->meta.uid, sizeof m->site_uid);
		if ((rc = meal_find_identity(db, m, &twin, cause)) < 0)
			return -1;
		if (rc == 0) {
			memcpy(replaces, twin.meta.uid, sizeof replaces);
			meal_clear(&twin);
		}
	}
	if (meal_load_elder(db, m->elder_uid, &e, cause) != 0)
		return -1;
	rc = site_subsidy(db, s, &e, m->served_on, m->slot,
	    replaces[0] != '\0' ? replaces : NULL, &subsidy, rule, cause);
	elder_clear(&e);
	if (rc != 0)
		return -1;
	/* The subsidy is per meal, not per portion: an elder who takes a
	 * second portion home pays for it in full. */
	memcpy(m->site_uid, s->meta.uid, sizeof m->site_uid);
	m->price_fen = s->price_fen * m->portions;
	m->subsidy_fen = subsidy < m->price_fen ? subsidy : m->price_fen;
	m->self_paid_fen = m->price_fen - m->subsidy_fen;
	return 0;
}

int
meal_init_for(sqlite3 *db, const struct site *s, const char *elder_uid,
    struct ymd day, int slot, enum meal_save_mode mode, struct meal *m,
    char **cause)
{
	meal_init(m);
	snprintf(m->elder_uid, sizeof m->elder_uid, "%s",
	    elder_uid != NULL ? elder_uid : "");
	memcpy(m->site_uid, s->meta.uid, sizeof m->site_uid);
	m->served_on = day;
	m->slot = slot;
	m->mode = s->default_mode;
	return meal_price(db, s, m, mode, NULL, cause);
}

/* Money: each part 0..MEAL_MONEY_MAX and price = subsidy + self-paid. */
static int
meal_check_money(const struct meal *m, char **cause)
{
	const struct { long long v; const char *label; } part[] = {
		{ m->price_fen, _("price") },
		{ m->subsidy_fen, _("subsidy") },
		{ m->self_paid_fen, _("self-paid") },
	};
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX], c[MONEY_TEXT_MAX];
	size_t i;

	for (i = 0; i < sizeof part / sizeof part[0]; i++)
		if (part[i].v < 0 || part[i].v > MEAL_MONEY_MAX) {
			money_format(MEAL_MONEY_MAX, a);
			err_set(cause, _("%s: must be between 0 and %s yuan"),
			    part[i].label, a);
			return -1;
		}
	if (m->price_fen != m->subsidy_fen + m->self_paid_fen) {
		money_format(m->price_fen, a);
		money_format(m->subsidy_fen, b);
		money_format(m->self_paid_fen, c);
		err_set(cause, _("the money does not add up: the price (%s yuan) "
		    "must be the subsidy (%s yuan) plus the self-paid part (%s "
		    "yuan)"), a, b, c);
		return -1;
	}
	return 0;
}

/* The site must exist, not be deleted, and serve M's slot. */
static int
meal_check_site(sqlite3 *db, const struct meal *m, char **cause)
{
	struct site s;
	char *slots;
	int rc;

	if ((rc = site_get(db, m->site_uid, &s, cause)) < 0)
		return -1;
	if (rc == 1 || s.meta.deleted) {
		err_set(cause, _("%s: no such meal site"), _("site"));
		site_clear(&s);
		return -1;
	}
	rc = 0;
	if (!site_serves(&s, m->slot)) {
		slots = choice_join(CH_MEAL_SLOT, s.slots, true);
		err_set(cause, _("%s: %s serves only %s"), _("meal slot"),
		    s.name, slots != NULL ? slots : "?");
		free(slots);
		rc = -1;
	}
	site_clear(&s);
	return rc;
}

int
meal_normalize(sqlite3 *db, struct meal *m, char **cause)
{
	struct elder e;
	int rc;

	if (validate_trim_field(&m->proxy_name) != 0 ||
	    validate_trim_field(&m->note) != 0) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if (!date_valid(m->served_on)) {
		err_set(cause, _("%s: not a valid date"), _("serving date"));
		return -1;
	}
	if (date_to_days(m->served_on) > date_to_days(date_today())) {
		err_set(cause, _("%s: in the future"), _("serving date"));
		return -1;
	}
	if (m->slot < 0 || m->slot >= choice_count(CH_MEAL_SLOT)) {
		err_set(cause, _("%s: not one of the choices"), _("meal slot"));
		return -1;
	}
	if (m->mode < 0 || m->mode >= choice_count(CH_MEAL_MODE)) {
		err_set(cause, _("%s: not one of the choices"), _("meal mode"));
		return -1;
	}
	if (m->verification < 0 ||
	    m->verification >= choice_count(CH_VERIFICATION)) {
		err_set(cause, _("%s: not one of the choices"),
		    _("verification"));
		return -1;
	}
	if (m->portions < 1 || m->portions > MEAL_PORTIONS_MAX) {
		err_set(cause, _("%s: must be a whole number from 1 to %d"),
		    _("portions"), MEAL_PORTIONS_MAX);
		return -1;
	}
	if (meal_check_money(m, cause) != 0)
		return -1;
	/* The proxy is who signs for the meal instead of the elder; a
	 * name left over from switching the form away from 代领 means
	 * nothing, so it is dropped rather than stored. */
	if (m->verification != VERIFY_PROXY) {
		free(m->proxy_name);
		m->proxy_name = NULL;
	} else if (validate_name_field(_("proxy's name"), m->proxy_name, true,
	    cause) != 0)
		return -1;
	if (validate_text(_("note"), m->note, false, MEAL_NOTE_MAX, true,
	    cause) != 0)
		return -1;
	if (meal_load_elder(db, m->elder_uid, &e, cause) != 0)
		return -1;
	rc = site_elder_check(&e, m->served_on, cause);
	elder_clear(&e);
	if (rc != 0)
		return -1;
	return meal_check_site(db, m, cause);
}

/* Every stored field (not uid, timestamps). */
static bool
meal_same(const struct meal *a, const struct meal *b)
{
	return strcmp(a->elder_uid, b->elder_uid) == 0 &&
	    strcmp(a->site_uid, b->site_uid) == 0 &&
	    date_equal(a->served_on, b->served_on) && a->slot == b->slot &&
	    a->mode == b->mode && a->portions == b->portions &&
	    a->verification == b->verification &&
	    db_text_equal(a->proxy_name, b->proxy_name) &&
	    a->price_fen == b->price_fen && a->subsidy_fen == b->subsidy_fen &&
	    a->self_paid_fen == b->self_paid_fen &&
	    db_text_equal(a->note, b->note) &&
	    a->meta.deleted == b->meta.deleted;
}

static const char meal_insert_sql[] =
	"INSERT INTO meal (elder_uid, site_uid, served_on, slot, mode, "
	"portions, verification, proxy_name, price_fen, subsidy_fen, "
	"self_paid_fen, note, deleted, uid, created_at, created_by, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	"?12, ?13, ?14, ?15, ?16, ?17)";

static const char meal_update_sql[] =
	"UPDATE meal SET elder_uid = ?1, site_uid = ?2, served_on = ?3, "
	"slot = ?4, mode = ?5, portions = ?6, verification = ?7, "
	"proxy_name = ?8, price_fen = ?9, subsidy_fen = ?10, "
	"self_paid_fen = ?11, note = ?12, deleted = ?13, updated_at = ?17 "
	"WHERE uid = ?14";	/* ?15, ?16: created_*, kept */

/* Write M as a new row (INSERT) or over the row UID. */
static int
meal_write(sqlite3 *db, const struct meal *m, const char *uid,
    const char *created_by, const char *now, bool insert, char **cause)
{
	sqlite3_stmt *stmt;

	if ((stmt = db_prepare(db, insert ? meal_insert_sql : meal_update_sql,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, m->elder_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->site_uid, -1, SQLITE_STATIC);
	db_bind_date_or_null(stmt, 3, m->served_on);
	sqlite3_bind_text(stmt, 4, choice_label(CH_MEAL_SLOT, m->slot), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, choice_label(CH_MEAL_MODE, m->mode), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(stmt, 6, m->portions);
	sqlite3_bind_text(stmt, 7, choice_label(CH_VERIFICATION,
	    m->verification), -1, SQLITE_STATIC);
	db_bind_text_or_null(stmt, 8, m->proxy_name);
	sqlite3_bind_int64(stmt, 9, m->price_fen);
	sqlite3_bind_int64(stmt, 10, m->subsidy_fen);
	sqlite3_bind_int64(stmt, 11, m->self_paid_fen);
	db_bind_text_or_null(stmt, 12, m->note);
	sqlite3_bind_int(stmt, 13, m->meta.deleted);
	record_bind_stamps(stmt, 14, uid, now, created_by, now);
	return db_run(db, stmt, cause);
}

/* The stored serving M is saved over, into *OLD: by uid when M has one,
 * else with MERGE its identity twin.  0 found, 1 new, -1 error. */
static int
meal_find_stored(sqlite3 *db, const struct meal *m, enum meal_save_mode mode,
    struct meal *old, char **cause)
{
	int rc;

	if (m->meta.uid[0] == '\0')
		return mode == MEAL_SAVE_MERGE ?
		    meal_find_identity(db, m, old, cause) : 1;
	if ((rc = meal_get(db, m->meta.uid, old, cause)) == 1)
		err_set(cause, _("no meal serving with record number %s"),
		    m->meta.uid);
	return rc == 0 ? 0 : -1;
}

enum meal_save_result
meal_save(sqlite3 *db, struct meal *m, enum meal_save_mode mode,
    const char *login, char **cause)
{
	struct meal old;
	enum meal_save_result result;
	char uid[HEARTH_UID_MAX], now[HEARTH_TS_MAX];
	int tok, found;

	if ((tok = db_begin(db, cause)) < 0)
		return MEAL_ERROR;
	/* Inside the transaction: the elder's status and the site cannot
	 * change between the check and the write. */
	if (meal_normalize(db, m, cause) != 0) {
		db_rollback(db, tok);
		return MEAL_ERROR;
	}
	if ((found = meal_find_stored(db, m, mode, &old, cause)) < 0) {
		db_rollback(db, tok);
		return MEAL_ERROR;
	}
	db_timestamp(now);
	if (found == 1) {
		if (db_next_uid(db, uid, cause) != 0 ||
		    meal_write(db, m, uid, login, now, true, cause) != 0) {
			db_rollback(db, tok);
			return MEAL_ERROR;
		}
		if (db_commit(db, tok, cause) != 0)
			return MEAL_ERROR;
		record_saved_new(&m->meta, uid, now, login);
		return MEAL_INSERTED;
	}
	if (meal_same(m, &old))
		result = MEAL_UNCHANGED;
	else {
		result = MEAL_UPDATED;
		snprintf(old.meta.updated_at, sizeof old.meta.updated_at, "%s",
		    now);
		if (meal_write(db, m, old.meta.uid, old.meta.created_by, now,
		    false, cause) != 0) {
			meal_clear(&old);
			db_rollback(db, tok);
			return MEAL_ERROR;
		}
	}
	if (db_commit(db, tok, cause) != 0) {
		meal_clear(&old);
		return MEAL_ERROR;
	}
	record_saved_over(&m->meta, &old.meta);
	meal_clear(&old);
	return result;
}

/* meal_each's FN and ARG, called for each serving read by record_each. */
struct meal_each_fn {
	int	(*fn)(const struct meal *, void *);
	void	*arg;
};

static int
meal_each_call(void *rec, void *arg)
{
	const struct meal_each_fn *f = arg;
	int stop = f->fn(rec, f->arg);

	meal_clear(rec);
	return stop;
}

int
meal_each(sqlite3 *db, struct ymd since, struct ymd until,
    int (*fn)(const struct meal *, void *), void *arg, char **cause)
{
	struct meal_each_fn f = { fn, arg };
	sqlite3_stmt *stmt;
	struct meal m;

	if ((stmt = db_prepare(db, "SELECT " MEAL_COLUMNS " FROM meal "
	    "WHERE deleted = 0 AND (?1 IS NULL OR served_on >= ?1) AND "
	    "(?2 IS NULL OR served_on <= ?2) ORDER BY served_on, rowid",
	    cause)) == NULL)
		return -1;
	db_bind_date_or_null(stmt, 1, since);
	db_bind_date_or_null(stmt, 2, until);
	return record_each(db, stmt, meal_from_row, &m, meal_each_call, &f,
	    cause);
}
