/* site-subsidy.c: tier matching, weekly caps, one subsidy per meal. */
#define _POSIX_C_SOURCE 200809L
#include "core/site-subsidy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/money.h"

int
site_elder_check(const struct elder *e, struct ymd day, char **cause)
{
	char when[11];

	if (e->meta.uid[0] == '\0' || e->meta.deleted) {
		err_set(cause, _("%s: no such elder in the register"),
		    _("elder"));
		return -1;
	}
	if (e->status == STATUS_ACTIVE)
		return 0;
	/* The status day is the last day in the register, as for visits. */
	if (e->status_date.y != 0 &&
	    date_to_days(day) <= date_to_days(e->status_date))
		return 0;
	if (e->status_date.y != 0)
		date_format(e->status_date, when);
	err_set(cause, _("%s: this elder left the register (%s) on %s; no "
	    "meal can be recorded after that"), _("elder"),
	    e->status >= 0 ? choice_display(CH_STATUS, e->status) : "?",
	    e->status_date.y != 0 ? when : "?");
	return -1;
}

static bool
tier_fits(const struct site_tier *t, int age, unsigned hardship)
{
	if (t->min_age >= 0 && age < t->min_age)
		return false;
	if (t->max_age >= 0 && age > t->max_age)
		return false;
	if (t->hardship == -1)
		return true;
	return t->hardship >= 0 && (hardship & 1u << t->hardship) != 0;
}

int
site_tier_match(const struct site *s, const struct elder *e, struct ymd day)
{
	int age = date_age(e->birth, day);
	size_t i;

	if (age < 0)
		return -1;
	for (i = 0; i < s->ntiers; i++)
		if (tier_fits(&s->tiers[i], age, e->hardship))
			return (int)i;
	return -1;
}

/* "75–84 years, 低保" for the rule text (malloc'd, NULL when out of
 * memory). */
static char *
tier_describe(const struct site_tier *t)
{
	char *age, *all;

	if (t->min_age >= 0 && t->max_age >= 0)
		age = err_fmt(_("%d–%d years"), t->min_age, t->max_age);
	else if (t->min_age >= 0)
		age = err_fmt(_("%d years and over"), t->min_age);
	else if (t->max_age >= 0)
		age = err_fmt(_("up to %d years"), t->max_age);
	else
		age = err_fmt("%s", _("any age"));
	if (age == NULL || t->hardship < 0)
		return age;
	/* TRANSLATORS: an age band and a hardship type, "75–84 years, 低保". */
	all = err_fmt(_("%s, %s"), age, choice_display(CH_HARDSHIP,
	    t->hardship));
	free(age);
	return all;
}

/* How many stored servings SQL counts, its parameters ?1.. being PARAMS
 * (NULL binds NULL). */
static int
count_rows(sqlite3 *db, const char *sql, const char *const *params,
    int nparams, long *n, char **cause)
{
	sqlite3_stmt *stmt;
	int i, rc;

	if ((stmt = db_prepare(db, sql, cause)) == NULL)
		return -1;
	for (i = 0; i < nparams; i++)
		db_bind_text_or_null(stmt, i + 1, params[i]);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(stmt, 0);
	else
		db_error(db, cause);
	db_done(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Subsidised servings of ELDER at SITE in DAY's ISO week (Monday to
 * Sunday, so a week may straddle two months or two years). */
static int
count_week(sqlite3 *db, const char *elder, const char *site, struct ymd day,
    const char *replaces, long *n, char **cause)
{
	long monday = date_to_days(day) - (date_weekday(day) - 1);
	char from[11], to[11];
	const char *params[] = { elder, site, from, to, replaces };

	date_format(date_from_days(monday), from);
	date_format(date_from_days(monday + 6), to);
	return count_rows(db, "SELECT count(*) FROM meal WHERE "
	    "elder_uid = ?1 AND site_uid = ?2 AND served_on BETWEEN ?3 AND ?4 "
	    "AND (?5 IS NULL OR uid <> ?5) AND subsidy_fen > 0 AND "
	    "deleted = 0", params, 5, n, cause);
}

/* Subsidised servings of ELDER's SLOT meal on DAY, at any site. */
static int
count_meal(sqlite3 *db, const char *elder, struct ymd day, int slot,
    const char *replaces, long *n, char **cause)
{
	char on[11];
	const char *params[] = { elder, on, choice_label(CH_MEAL_SLOT, slot),
	    replaces };

	date_format(day, on);
	return count_rows(db, "SELECT count(*) FROM meal WHERE "
	    "elder_uid = ?1 AND served_on = ?2 AND slot = ?3 AND "
	    "(?4 IS NULL OR uid <> ?4) AND subsidy_fen > 0 AND deleted = 0",
	    params, 4, n, cause);
}

int
site_subsidy(sqlite3 *db, const struct site *s, const struct elder *e,
    struct ymd day, int slot, const char *replaces, long long *subsidy_fen,
    char **rule, char **cause)
{
	const struct site_tier *t;
	char *what = NULL, yuan[MONEY_TEXT_MAX];
	long n;
	int i;

	*subsidy_fen = 0;
	if (rule != NULL)
		*rule = NULL;
	if (site_elder_check(e, day, cause) != 0)
		return -1;
	if ((i = site_tier_match(s, e, day)) < 0) {
		if (rule != NULL)
			*rule = err_fmt(_("no subsidy tier fits (age %d): full "
			    "price"), date_age(e->birth, day));
		return 0;
	}
	t = &s->tiers[i];
	if (count_meal(db, e->meta.uid, day, slot, replaces, &n, cause) != 0)
		return -1;
	if (n > 0) {
		if (rule != NULL)
			*rule = err_fmt("%s", _("this meal has already been "
			    "subsidised once: full price"));
		return 0;
	}
	if (t->weekly_cap > 0) {
		if (count_week(db, e->meta.uid, s->meta.uid, day, replaces, &n,
		    cause) != 0)
			return -1;
		if (n >= t->weekly_cap) {
			if (rule != NULL && (what = tier_describe(t)) != NULL)
				*rule = err_fmt(_("tier %d (%s): the weekly "
				    "limit of %d subsidised meals is reached: "
				    "full price"), i + 1, what, t->weekly_cap);
			free(what);
			return 0;
		}
	}
	*subsidy_fen = t->subsidy_fen;
	if (rule != NULL && (what = tier_describe(t)) != NULL) {
		money_format(t->subsidy_fen, yuan);
		*rule = err_fmt(_("tier %d (%s): subsidy %s yuan"), i + 1, what,
		    yuan);
	}
	free(what);
	return 0;
}
