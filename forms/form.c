/* form.c: values, focus and validation of a declarative form. */
#include "forms/form.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"

/* Longest texts dates may hold: "YYYY-MM-DD" and "YYYY-MM-DD HH:MM". */
#define DATE_MAX 10
#define DATETIME_MAX 16

static bool
is_text(enum field_type t)
{
	return t == FIELD_TEXT || t == FIELD_MULTILINE || t == FIELD_DATE ||
	    t == FIELD_DATETIME;
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
		default:
			max = defs[i].max;
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
	return 0;
}

void
form_free(struct form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		editbuf_free(&f->v[i].text);
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

bool
form_active(const struct form *f, size_t i)
{
	const char *when = f->defs[i].when;

	return when == NULL || f->v[form_index(f, when)].choice == 1;
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

void
form_focus(struct form *f, size_t i)
{
	if (i < f->n && form_active(f, i))
		f->focus = i;
}

void
form_mark_clean(struct form *f)
{
	f->changed = false;
}

/* Step the focus by DIR (+1/-1) to the next active field. */
static bool
move_focus(struct form *f, int dir)
{
	size_t i = f->focus;

	for (;;) {
		if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= f->n))
			return false;
		i += dir;
		if (form_active(f, i)) {
			f->focus = i;
			return true;
		}
	}
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

static bool
text_key(struct form_value *v, enum field_type type, enum form_key key,
    uint32_t cp)
{
	if (key == FORM_CHAR && (type == FIELD_DATE ||
	    type == FIELD_DATETIME) && !date_char(cp))
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
	switch (d->type) {
	case FIELD_CHOICE:
		count = choice_count(d->kind);
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
		count = choice_count(d->kind);
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
		    "2024-05-31)"), _(d->label));
		return -1;
	}
	if (d->type == FIELD_DATETIME && !date_parse_time(s, &day, &minutes)) {
		err_set(cause, _("%s: not a time (e.g. 2024-05-31 09:30)"),
		    _(d->label));
		return -1;
	}
	return 0;
}

int
form_validate(const struct form *f, size_t *bad, char **cause)
{
	const struct field_def *d;
	const struct form_value *v;
	bool empty;
	size_t i;

	for (i = 0; i < f->n; i++) {
		d = &f->defs[i];
		v = &f->v[i];
		if (!form_active(f, i))
			continue;
		*bad = i;
		if (is_text(d->type)) {
			if (check_date(d, editbuf_text(&v->text), cause) == -1)
				return -1;
			empty = editbuf_empty(&v->text);
		} else if (d->type == FIELD_MULTI)
			empty = v->bits == 0;
		else
			empty = v->choice < 0;
		if (d->required && empty) {
			err_set(cause, _("%s: please fill this in"),
			    _(d->label));
			return -1;
		}
	}
	return 0;
}
