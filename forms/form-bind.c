/* form-bind.c: a form to and from its record struct, field by field as
 * each definition's BIND says, so no kind writes this by hand. */
#include "forms/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/money.h"

#define MEMBER(rec, b, type) ((type *)((char *)(rec) + (b)->off))

/* An integer member (INT, LONG, INT64) of REC. */
static long long
get_int(const void *rec, const struct field_bind *b)
{
	switch (b->type) {
	case BOUND_INT:
		return *MEMBER(rec, b, const int);
	case BOUND_LONG:
		return *MEMBER(rec, b, const long);
	case BOUND_LLONG:
		return *MEMBER(rec, b, const long long);
	default:
		abort();
	}
}

static void
put_int(void *rec, const struct field_bind *b, long long n)
{
	switch (b->type) {
	case BOUND_INT:
		*MEMBER(rec, b, int) = (int)n;
		break;
	case BOUND_LONG:
		*MEMBER(rec, b, long) = (long)n;
		break;
	case BOUND_LLONG:
		*MEMBER(rec, b, long long) = n;
		break;
	default:
		abort();
	}
}

static int
load_field(struct form *f, size_t i, const void *rec)
{
	const struct field_def *d = &f->defs[i];
	const struct field_bind *b = &d->bind;
	struct form_value *v = &f->v[i];
	const char *s = "", *str;
	char buf[24];
	struct ymd day;
	long long n;

	switch (b->type) {
	case BOUND_NONE:
		return 0;
	case BOUND_STR:
		str = *MEMBER(rec, b, char *const);
		s = str != NULL ? str : "";
		break;
	case BOUND_CHARS:
		s = MEMBER(rec, b, const char);
		/* A new uid: whatever name was shown belongs to another. */
		if (strcmp(s, editbuf_text(&v->text)) != 0) {
			free(v->ref_key);
			free(v->ref_name);
			v->ref_key = v->ref_name = NULL;
		}
		break;
	case BOUND_INT:
	case BOUND_LONG:
	case BOUND_LLONG:
		n = get_int(rec, b);
		if (d->type == FIELD_CHOICE) {
			v->choice = (int)n;
			return 0;
		}
		if (d->type == FIELD_MONEY)
			money_format(n, buf);
		else
			snprintf(buf, sizeof buf, "%lld", n);
		s = buf;
		break;
	case BOUND_BITS:
		v->bits = *MEMBER(rec, b, const unsigned);
		return 0;
	case BOUND_BOOL:
		v->choice = *MEMBER(rec, b, const bool) ? 1 : 0;
		return 0;
	case BOUND_DATE:
		day = *MEMBER(rec, b, const struct ymd);
		if (day.y != 0)
			date_format(day, buf);
		s = day.y != 0 ? buf : "";
		break;
	case BOUND_TIME:
		day = *MEMBER(rec, b, const struct ymd);
		if (day.y != 0)
			date_format_time(day, *(const int *)((const char *)rec +
			    b->aux), buf);
		s = day.y != 0 ? buf : "";
		break;
	}
	return editbuf_set(&v->text, s);
}

int
form_load(struct form *f, const void *rec)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (load_field(f, i, rec) == -1)
			return -1;
		f->v[i].given = false;
	}
	f->focus = 0;
	if (f->n > 0 && !form_focusable(f, 0)) {
		/* The first field that takes keys. */
		for (i = 1; i < f->n && !form_focusable(f, i); i++)
			;
		f->focus = i < f->n ? i : 0;
	}
	form_mark_clean(f);
	return 0;
}

/* One field's new member value, made before any member is touched. */
struct slot {
	bool set;
	char *str;
	long long n;
	struct ymd day;
	int minutes;
};

static int
make_slot(const struct form *f, size_t i, struct slot *sl, char **cause)
{
	const struct field_def *d = &f->defs[i];
	const struct form_value *v = &f->v[i];
	bool active = form_active(f, i);
	const char *s = active ? editbuf_text(&v->text) : "";

	switch (d->bind.type) {
	case BOUND_NONE:
		return 0;
	case BOUND_STR:
		if (*s != '\0' && (sl->str = strdup(s)) == NULL)
			goto oom;
		break;
	case BOUND_CHARS:
		if (strlen(s) >= d->bind.aux) {
			err_set(cause, _("%s: too long: at most %zu "
			    "characters"), form_noun(d), d->bind.aux - 1);
			return -1;
		}
		if ((sl->str = strdup(s)) == NULL)
			goto oom;
		break;
	case BOUND_INT:
	case BOUND_LONG:
	case BOUND_LLONG:
		if (d->type == FIELD_CHOICE)
			sl->n = active ? v->choice : -1;
		else if (*s == '\0')
			sl->n = 0;
		else if (d->type == FIELD_MONEY ? !money_parse(s, &sl->n) :
		    sscanf(s, "%lld", &sl->n) != 1) {
			err_set(cause, _("%s: not a whole number"),
			    form_noun(d));
			return -1;
		}
		break;
	case BOUND_BITS:
		sl->n = active ? v->bits : 0;
		break;
	case BOUND_BOOL:
		sl->n = active && v->choice == 1;
		break;
	case BOUND_DATE:
		if (*s != '\0' && !date_parse(s, &sl->day)) {
			err_set(cause, _("%s: not a date (year-month-day, e.g. "
			    "2024-05-31)"), form_noun(d));
			return -1;
		}
		break;
	case BOUND_TIME:
		if (*s != '\0' && !date_parse_time(s, &sl->day, &sl->minutes)) {
			err_set(cause, _("%s: not a time (e.g. 2024-05-31 "
			    "09:30)"), form_noun(d));
			return -1;
		}
		break;
	}
	sl->set = true;
	return 0;
oom:
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

static void
put_slot(void *rec, const struct field_bind *b, struct slot *sl)
{
	char **str;

	switch (b->type) {
	case BOUND_NONE:
		break;
	case BOUND_STR:
		str = MEMBER(rec, b, char *);
		free(*str);
		*str = sl->str;
		sl->str = NULL;
		break;
	case BOUND_CHARS:
		memcpy(MEMBER(rec, b, char), sl->str, strlen(sl->str) + 1);
		break;
	case BOUND_INT:
	case BOUND_LONG:
	case BOUND_LLONG:
		put_int(rec, b, sl->n);
		break;
	case BOUND_BITS:
		*MEMBER(rec, b, unsigned) = (unsigned)sl->n;
		break;
	case BOUND_BOOL:
		*MEMBER(rec, b, bool) = sl->n != 0;
		break;
	case BOUND_DATE:
		*MEMBER(rec, b, struct ymd) = sl->day;
		break;
	case BOUND_TIME:
		*MEMBER(rec, b, struct ymd) = sl->day;
		*(int *)((char *)rec + b->aux) = sl->minutes;
		break;
	}
}

int
form_store(const struct form *f, void *rec, bool given_only, size_t *bad,
    char **cause)
{
	struct slot *slots;
	size_t i;
	int rc = 0;

	if ((slots = calloc(f->n ? f->n : 1, sizeof *slots)) == NULL) {
		*bad = 0;
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	for (i = 0; i < f->n && rc == 0; i++) {
		if (given_only && !f->v[i].given)
			continue;
		if ((rc = make_slot(f, i, &slots[i], cause)) != 0)
			*bad = i;
	}
	for (i = 0; i < f->n; i++) {
		if (rc == 0 && slots[i].set)
			put_slot(rec, &f->defs[i].bind, &slots[i]);
		free(slots[i].str);
	}
	free(slots);
	return rc;
}
