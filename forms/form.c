/* form.c: values, focus and validation of a declarative form. */
#include "forms/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/money.h"

/* Longest texts dates may hold: "YYYY-MM-DD" and "YYYY-MM-DD HH:MM". */
#define DATE_MAX 10
#define DATETIME_MAX 16

/* Fields whose value is the edit buffer's text (and typed as text). */
static bool
is_text(enum field_type t)
{
	return t == FIELD_TEXT || t == FIELD_MULTILINE || t == FIELD_DATE ||
	    t == FIELD_DATETIME || t == FIELD_NUMBER || t == FIELD_MONEY;
}

static bool
is_ref(enum field_type t)
{
	return t == FIELD_ELDER || t == FIELD_CHILD || t == FIELD_REF;
}

/* Step the focus by DIR (+1/-1) to the next field that takes keys. */
static bool
move_focus(struct form *f, int dir)
{
	size_t i = f->focus;

	for (;;) {
		if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= f->n))
			return false;
		i += dir;
		if (form_focusable(f, i)) {
			f->focus = i;
			return true;
		}
	}
}

int
form_init(struct form *f, const struct field_def *defs, size_t n)
{
	size_t i, max;

	memset(f, 0, sizeof *f);
	if ((f->v = calloc(n, sizeof *f->v)) == NULL)
		return -1;
	f->defs = defs;
	f->n = n;
	for (i = 0; i < n; i++) {
		switch (defs[i].type) {
		case FIELD_DATE:
			max = DATE_MAX;
			break;
		case FIELD_DATETIME:
			max = DATETIME_MAX;
			break;
		case FIELD_TEXT:
		case FIELD_MULTILINE:
			max = (size_t)defs[i].max;
			break;
		default:
			max = 0;	/* numbers, money, uids: checked */
			break;
		}
		/* Every value owns a buffer, so form_free need not care
		 * which fields are texts. */
		if (editbuf_init(&f->v[i].text, max) == -1) {
			f->n = i;
			form_free(f);
			return -1;
		}
		f->v[i].choice = -1;
	}
	f->focus = 0;
	if (n > 0 && !form_focusable(f, 0))
		move_focus(f, 1);
	return 0;
}

void
form_free(struct form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		editbuf_free(&f->v[i].text);
		free(f->v[i].ref_key);
		free(f->v[i].ref_name);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

size_t
form_index(const struct form *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->defs[i].key, key) == 0)
			return i;
	abort();
}

int
form_find(const struct field_def *defs, size_t n, const char *name)
{
	/* csv_header_index() knows how names are compared; give it NAME
	 * as a one-field header. */
	struct csv_record hdr = { 1, 1, (char **)&name, NULL, 0 };
	const char *names[6];
	size_t i, j;

	for (i = 0; i < n; i++) {
		names[0] = defs[i].key;
		for (j = 0; j < 4 && defs[i].headers[j] != NULL; j++)
			names[j + 1] = defs[i].headers[j];
		names[j + 1] = NULL;
		if (csv_header_index(&hdr, names) == 0)
			return (int)i;
	}
	return -1;
}

const char *
form_noun(const struct field_def *d)
{
	return _(d->noun != NULL ? d->noun : d->label);
}

bool
form_active(const struct form *f, size_t i)
{
	const char *when = f->defs[i].when;

	return when == NULL || f->v[form_index(f, when)].choice == 1;
}

bool
form_focusable(const struct form *f, size_t i)
{
	const struct field_def *d = &f->defs[i];

	return form_active(f, i) && !is_ref(d->type) &&
	    (d->flags & (FIELD_DERIVED | FIELD_HIDDEN)) == 0;
}

const char *
form_text(const struct form *f, const char *key)
{
	size_t i = form_index(f, key);

	return form_active(f, i) ? editbuf_text(&f->v[i].text) : "";
}

int
form_set_text(struct form *f, const char *key, const char *s)
{
	return editbuf_set(&f->v[form_index(f, key)].text, s);
}

int
form_choice(const struct form *f, const char *key)
{
	return f->v[form_index(f, key)].choice;
}

void
form_set_choice(struct form *f, const char *key, int i)
{
	f->v[form_index(f, key)].choice = i;
}

unsigned
form_bits(const struct form *f, const char *key)
{
	return f->v[form_index(f, key)].bits;
}

void
form_set_bits(struct form *f, const char *key, unsigned bits)
{
	f->v[form_index(f, key)].bits = bits;
}

bool
form_yes(const struct form *f, const char *key)
{
	size_t i = form_index(f, key);

	return form_active(f, i) && f->v[i].choice == 1;
}

void
form_set_yes(struct form *f, const char *key, bool yes)
{
	f->v[form_index(f, key)].choice = yes ? 1 : 0;
}

int
form_set_ref(struct form *f, const char *key, const char *uid,
    const char *ref_key, const char *name)
{
	struct form_value *v = &f->v[form_index(f, key)];
	char *k = NULL, *nm = NULL;

	if ((ref_key != NULL && (k = strdup(ref_key)) == NULL) ||
	    (name != NULL && (nm = strdup(name)) == NULL) ||
	    editbuf_set(&v->text, uid) == -1) {
		free(k);
		free(nm);
		return -1;
	}
	free(v->ref_key);
	free(v->ref_name);
	v->ref_key = k;
	v->ref_name = nm;
	return 0;
}

void
form_focus(struct form *f, size_t i)
{
	if (i < f->n && form_focusable(f, i))
		f->focus = i;
}

void
form_mark_clean(struct form *f)
{
	f->changed = false;
}


/* CHOICE: step by DIR through the choices, wrapping; an unset choice
 * starts from the first (or last). */
static void
step_choice(struct form_value *v, int count, int dir)
{
	if (v->choice < 0)
		v->choice = dir > 0 ? 0 : count - 1;
	else
		v->choice = (v->choice + dir + count) % count;
}

static bool
date_char(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || cp == '-' || cp == '/' ||
	    cp == ':' || cp == ' ';
}

bool
form_edit_line(struct editbuf *eb, enum form_key key, uint32_t cp)
{
	switch (key) {
	case FORM_LEFT:
		editbuf_left(eb);
		return true;	/* at the edge too: not the caller's key */
	case FORM_RIGHT:
		editbuf_right(eb);
		return true;
	case FORM_HOME:
		editbuf_home(eb);
		return true;
	case FORM_END:
		editbuf_end(eb);
		return true;
	case FORM_BACKSPACE:
		return editbuf_backspace(eb);
	case FORM_DELETE:
		return editbuf_delete(eb);
	case FORM_CHAR:
		return editbuf_insert(eb, cp);
	default:
		return false;
	}
}

/* What a field of TYPE lets a person type. */
static bool
type_char(enum field_type type, uint32_t cp)
{
	switch (type) {
	case FIELD_DATE:
	case FIELD_DATETIME:
		return date_char(cp);
	case FIELD_NUMBER:
		return (cp >= '0' && cp <= '9') || cp == '-';
	case FIELD_MONEY:
		return (cp >= '0' && cp <= '9') || cp == '.';
	default:
		return true;
	}
}

static bool
text_key(struct form_value *v, enum field_type type, enum form_key key,
    uint32_t cp)
{
	if (key == FORM_CHAR && !type_char(type, cp))
		return false;
	return form_edit_line(&v->text, key, cp);
}

/* Did KEY change the value (as opposed to moving a cursor)? */
static bool
edits(enum field_type type, enum form_key key)
{
	if (is_text(type))
		return key == FORM_CHAR || key == FORM_BACKSPACE ||
		    key == FORM_DELETE;
	if (type == FIELD_MULTI)
		return key == FORM_CHAR;
	return true;
}

bool
form_key(struct form *f, enum form_key key, uint32_t cp)
{
	const struct field_def *d;
	struct form_value *v;
	size_t i;
	int count;
	bool used;

	if (key == FORM_NEXT)
		return move_focus(f, 1);
	if (key == FORM_PREV)
		return move_focus(f, -1);
	if (f->n == 0)
		return false;
	i = f->focus;
	d = &f->defs[i];
	v = &f->v[i];
	if (!form_focusable(f, i))
		return false;
	switch (d->type) {
	case FIELD_CHOICE:
		count = choice_count(d->choices);
		used = count > 0 && (key == FORM_LEFT || key == FORM_RIGHT ||
		    (key == FORM_CHAR && cp == ' '));
		if (used)
			step_choice(v, count, key == FORM_LEFT ? -1 : 1);
		break;
	case FIELD_YESNO:
		used = key == FORM_LEFT || key == FORM_RIGHT ||
		    (key == FORM_CHAR && cp == ' ');
		if (used)
			v->choice = v->choice == 1 ? 0 : 1;
		break;
	case FIELD_MULTI:
		count = choice_count(d->choices);
		used = true;
		if (key == FORM_LEFT && v->item > 0)
			v->item--;
		else if (key == FORM_RIGHT && v->item + 1 < count)
			v->item++;
		else if (key == FORM_HOME)
			v->item = 0;
		else if (key == FORM_END && count > 0)
			v->item = count - 1;
		else if (key == FORM_CHAR && cp == ' ' && v->item < count)
			v->bits ^= 1u << v->item;
		else
			used = false;
		break;
	default:
		used = text_key(v, d->type, key, cp);
		break;
	}
	if (used && edits(d->type, key)) {
		f->changed = true;
		if (f->on_change != NULL)
			f->on_change(f, i);
	}
	return used;
}

static int
check_date(const struct field_def *d, const char *s, char **cause)
{
	struct ymd day;
	int minutes;

	if (*s == '\0')
		return 0;
	if (d->type == FIELD_DATE && !date_parse(s, &day)) {
		err_set(cause, _("%s: not a date (year-month-day, e.g. "
		    "2024-05-31)"), form_noun(d));
		return -1;
	}
	if (d->type == FIELD_DATETIME && !date_parse_time(s, &day, &minutes)) {
		err_set(cause, _("%s: not a time (e.g. 2024-05-31 09:30)"),
		    form_noun(d));
		return -1;
	}
	return 0;
}

/* NUMBER: a decimal integer in [min, max] (both 0: any). */
static int
check_number(const struct field_def *d, const char *s, char **cause)
{
	long long n;
	char *end;

	if (*s == '\0')
		return 0;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || end == s || (*s != '-' && (*s < '0' || *s > '9'))) {
		err_set(cause, _("%s: not a whole number"), form_noun(d));
		return -1;
	}
	if ((d->min != 0 || d->max != 0) && (n < d->min || n > d->max)) {
		err_set(cause, _("%s: must be between %ld and %ld"),
		    form_noun(d), d->min, d->max);
		return -1;
	}
	return 0;
}

/* MONEY: yuan as the screen shows it, at most MAX fen (0: any). */
static int
check_money(const struct field_def *d, const char *s, char **cause)
{
	char most[MONEY_TEXT_MAX];
	long long fen;

	if (*s == '\0')
		return 0;
	if (!money_parse(s, &fen)) {
		err_set(cause, _("%s: not a sum of money in yuan (e.g. "
		    "12.50)"), form_noun(d));
		return -1;
	}
	if (d->max > 0 && fen > d->max) {
		money_format(d->max, most);
		err_set(cause, _("%s: at most %s yuan"), form_noun(d), most);
		return -1;
	}
	return 0;
}

int
form_validate(const struct form *f, size_t *bad, char **cause)
{
	const struct field_def *d;
	const struct form_value *v;
	const char *s;
	bool empty;
	size_t i;

	for (i = 0; i < f->n; i++) {
		d = &f->defs[i];
		v = &f->v[i];
		if (!form_active(f, i))
			continue;
		*bad = i;
		s = editbuf_text(&v->text);
		if (check_date(d, s, cause) == -1 ||
		    (d->type == FIELD_NUMBER &&
		    check_number(d, s, cause) == -1) ||
		    (d->type == FIELD_MONEY &&
		    check_money(d, s, cause) == -1))
			return -1;
		if (is_text(d->type) || is_ref(d->type))
			empty = editbuf_empty(&v->text);
		else if (d->type == FIELD_MULTI)
			empty = v->bits == 0;
		else
			empty = v->choice < 0;
		if ((d->flags & FIELD_REQUIRED) && empty) {
			err_set(cause, _("%s: please fill this in"),
			    form_noun(d));
			return -1;
		}
	}
	return 0;
}
