/* form-text.c: a field's value from and to text, as files, the command
 * line and exports spell it.  One parser per type, so `hearth add` and
 * CSV import cannot read the same cell two ways. */
#include "forms/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/validate.h"

/* Digits only, at most MAXDIGITS of them (no overflow), into *N. */
static bool
parse_digits(const char *s, size_t maxdigits, long long *n)
{
	size_t i;

	*n = 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= maxdigits)
			return false;
		*n = *n * 10 + (s[i] - '0');
	}
	return i > 0;
}

static bool
is_clock(const char *def)
{
	return def != NULL && (strcmp(def, "now") == 0 ||
	    strcmp(def, "today") == 0);
}

static const struct form_ref *
ref_of(const struct field_def *d)
{
	if (d->ref != NULL)
		return d->ref;
	return d->type == FIELD_ELDER ? &form_ref_elder : NULL;
}

static int
set_choice_text(const struct field_def *d, struct form_value *v,
    const char *t, char **cause)
{
	enum choice_kind kind = d->type == FIELD_YESNO ? CH_YESNO : d->choices;
	char *list;
	int i;

	if ((i = choice_find(kind, t)) < 0) {
		list = choice_list(kind);
		err_set(cause, _("%s: \"%s\" is not one of: %s"), form_noun(d),
		    t, list != NULL ? list : "");
		free(list);
		return -1;
	}
	/* CH_YESNO: 0 is yes; a YESNO value is 1 for yes. */
	v->choice = d->type == FIELD_YESNO ? i == 0 : i;
	return 0;
}

static int
set_number_text(const struct field_def *d, struct form_value *v,
    const char *t, char **cause)
{
	char buf[24];
	long long n;
	bool neg = *t == '-';

	if (!parse_digits(t + neg, 15, &n)) {
		err_set(cause, _("%s: \"%s\" is not a whole number"),
		    form_noun(d), t);
		return -1;
	}
	n = neg ? -n : n;
	if ((d->min != 0 || d->max != 0) && (n < d->min || n > d->max)) {
		err_set(cause, _("%s: must be between %ld and %ld"),
		    form_noun(d), d->min, d->max);
		return -1;
	}
	snprintf(buf, sizeof buf, "%lld", n);
	return editbuf_set(&v->text, buf);
}

/* Files and the command line give money in fen (SPEC: "money in fen"):
 * an integer, never a fraction, so 12.50 cannot be misread as 12 fen. */
static int
set_money_text(const struct field_def *d, struct form_value *v,
    const char *t, char **cause)
{
	char yuan[MONEY_TEXT_MAX];
	long long fen;

	if (!parse_digits(t, 12, &fen)) {
		err_set(cause, _("%s: \"%s\" is not a sum in fen (a whole "
		    "number: 1250 for 12.50 yuan)"), form_noun(d), t);
		return -1;
	}
	if (d->max > 0 && fen > d->max) {
		err_set(cause, _("%s: at most %ld fen"), form_noun(d), d->max);
		return -1;
	}
	money_format(fen, yuan);
	return editbuf_set(&v->text, yuan);
}

static int
set_text_text(const struct field_def *d, struct form_value *v,
    const char *t, char **cause)
{
	/* The checks core makes of free text, so the message is the same
	 * whoever finds the problem; and before the edit buffer, which
	 * would cut an over-long text short without a word. */
	if (validate_text(form_noun(d), t, false, d->max > 0 ?
	    (size_t)d->max : SIZE_MAX, d->type == FIELD_MULTILINE,
	    cause) != 0)
		return -1;
	if (d->bind.type == BOUND_CHARS && strlen(t) >= d->bind.aux) {
		err_set(cause, _("%s: too long: at most %zu characters"),
		    form_noun(d), d->bind.aux - 1);
		return -1;
	}
	return editbuf_set(&v->text, t);
}

static int
set_ref_text(const struct field_def *d, struct form *f, const char *t,
    sqlite3 *db, char **cause)
{
	const struct form_ref *ref = ref_of(d);
	char uid[HEARTH_UID_MAX], *key = NULL, *name = NULL;
	int rc;

	if (ref == NULL || db == NULL) {
		err_set(cause, _("%s: cannot be looked up here"), form_noun(d));
		return -1;
	}
	if (ref->find(db, t, uid, &key, &name, cause) != 0)
		return -1;
	rc = form_set_ref(f, d->key, uid, key, name);
	free(key);
	free(name);
	if (rc != 0)
		err_set(cause, "%s", _("out of memory"));
	return rc;
}

/* Set field I from the trimmed, non-empty text T. */
static int
set_value(struct form *f, size_t i, const char *t, sqlite3 *db,
    char **cause)
{
	const struct field_def *d = &f->defs[i];
	struct form_value *v = &f->v[i];
	struct ymd day;
	char buf[17];
	int minutes, rc;

	switch (d->type) {
	case FIELD_TEXT:
	case FIELD_MULTILINE:
		rc = set_text_text(d, v, t, cause);
		break;
	case FIELD_NUMBER:
		rc = set_number_text(d, v, t, cause);
		break;
	case FIELD_MONEY:
		rc = set_money_text(d, v, t, cause);
		break;
	case FIELD_DATE:
		if (!date_parse(t, &day)) {
			err_set(cause, _("%s: \"%s\" is not a date "
			    "(YYYY-MM-DD)"), form_noun(d), t);
			return -1;
		}
		date_format(day, buf);
		rc = editbuf_set(&v->text, buf);
		break;
	case FIELD_DATETIME:
		if (!date_parse_time(t, &day, &minutes)) {
			err_set(cause, _("%s: \"%s\" is not a time "
			    "(YYYY-MM-DD HH:MM)"), form_noun(d), t);
			return -1;
		}
		date_format_time(day, minutes, buf);
		rc = editbuf_set(&v->text, buf);
		break;
	case FIELD_CHOICE:
	case FIELD_YESNO:
		return set_choice_text(d, v, t, cause);
	case FIELD_MULTI: {
		char *why = NULL;

		if (choice_parse_multi(d->choices, t, &v->bits, &why) == 0)
			return 0;
		err_set(cause, "%s: %s", form_noun(d), why != NULL ? why : "");
		free(why);
		return -1;
	}
	case FIELD_ELDER:
	case FIELD_CHILD:
	case FIELD_REF:
		return set_ref_text(d, f, t, db, cause);
	default:
		abort();
	}
	if (rc != 0 && cause != NULL && *cause == NULL)
		err_set(cause, "%s", _("out of memory"));
	return rc;
}

static void
set_empty(struct form_value *v)
{
	editbuf_clear(&v->text);
	v->choice = -1;
	v->bits = 0;
	free(v->ref_key);
	free(v->ref_name);
	v->ref_key = v->ref_name = NULL;
}

int
form_set_input(struct form *f, size_t i, const char *text, sqlite3 *db,
    char **cause)
{
	const struct field_def *d = &f->defs[i];
	char *t;
	int rc;

	if ((t = validate_trim(text)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if (d->flags & FIELD_EXCEL_TEXT)
		csv_excel_unwrap(t);
	if (cause != NULL)
		*cause = NULL;
	if (*t != '\0')
		rc = set_value(f, i, t, db, cause);
	else if (d->def != NULL && !is_clock(d->def))
		rc = set_value(f, i, d->def, db, cause);
	else {
		set_empty(&f->v[i]);
		rc = 0;
	}
	free(t);
	if (rc == 0)
		f->v[i].given = true;
	return rc;
}

int
form_set_default(struct form *f, size_t i, sqlite3 *db, char **cause)
{
	const struct field_def *d = &f->defs[i];
	char now[17];
	struct ymd day;
	int minutes;

	if (d->def == NULL)
		return 0;
	if (!is_clock(d->def))
		return form_set_input(f, i, d->def, db, cause);
	date_now(&day, &minutes);
	if (d->type == FIELD_DATETIME && strcmp(d->def, "now") == 0)
		date_format_time(day, minutes, now);
	else
		date_format(day, now);
	return form_set_input(f, i, now, db, cause);
}

char *
form_output(const struct form *f, size_t i)
{
	const struct field_def *d = &f->defs[i];
	const struct form_value *v = &f->v[i];
	const char *s = "";
	char buf[24];
	long long fen;

	if (!form_active(f, i))
		return strdup("");
	switch (d->type) {
	case FIELD_MONEY:
		if (money_parse(editbuf_text(&v->text), &fen)) {
			snprintf(buf, sizeof buf, "%lld", fen);
			s = buf;
		}
		break;
	case FIELD_CHOICE:
		if ((s = choice_label(d->choices, v->choice)) == NULL)
			s = "";
		break;
	case FIELD_YESNO:
		if (v->choice >= 0)
			s = choice_label(CH_YESNO, v->choice == 1 ? 0 : 1);
		break;
	case FIELD_MULTI:
		return choice_join(d->choices, v->bits, false);
	case FIELD_ELDER:
	case FIELD_CHILD:
	case FIELD_REF:
		s = v->ref_key != NULL ? v->ref_key : editbuf_text(&v->text);
		break;
	default:
		s = editbuf_text(&v->text);
		break;
	}
	return strdup(s);
}
