/* kind.c: the one path of a record into the database: validate, derive,
 * check, store, save; and records given as named texts (upsert). */
#include "forms/kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

int
kind_form_init(struct form *f, const struct form_kind *k)
{
	if (form_init(f, k->fields, k->n) == -1)
		return -1;
	f->on_change = k->on_change;
	return 0;
}

int
kind_store(const struct form_kind *k, struct form *f, sqlite3 *db,
    void *rec, size_t *bad, char **cause)
{
	if (form_validate(f, bad, cause) == -1)
		return -1;
	*bad = f->focus;
	if (k->derive != NULL && k->derive(f, db, cause) == -1)
		return -1;
	if (k->check != NULL && k->check(f, db, bad, cause) == -1)
		return -1;
	return form_store(f, rec, false, bad, cause);
}

enum kind_result
kind_submit(const struct form_kind *k, struct form *f, sqlite3 *db,
    void *rec, const char *login, size_t *bad, char **cause)
{
	if (kind_store(k, f, db, rec, bad, cause) == -1)
		return KIND_ERROR;
	/* core's normalise-and-save has the last word; what it refuses
	 * is not one field's fault, so the focus stays where it is. */
	*bad = f->focus;
	return (enum kind_result)k->save(db, rec, login, cause);
}

enum kind_result
kind_submit_group(const struct form_kind *k, struct form *f, sqlite3 *db,
    void *rec, const char *const *uids, size_t n, const char *login,
    size_t *bad, char **cause)
{
	if (k->save_group == NULL)
		abort();	/* a kind without a group: a bug */
	if (kind_store(k, f, db, rec, bad, cause) == -1)
		return KIND_ERROR;
	*bad = f->focus;
	return (enum kind_result)k->save_group(db, rec, uids, n, login,
	    cause);
}

struct kind_input {
	const struct form_kind *k;
	enum kind_source source;
	size_t ncolumns;
	int *field;		/* column -> field, -1 if ignored */
	const char *const *more;	/* kind_input_group() */
	size_t nmore;
};

static bool
is_clock(const char *def)
{
	return def != NULL && (strcmp(def, "now") == 0 ||
	    strcmp(def, "today") == 0);
}

/* Would field D get a value from its default where SOURCE lacks it? */
static bool
has_default(const struct field_def *d, enum kind_source source)
{
	return d->def != NULL && (!is_clock(d->def) ||
	    source == KIND_FROM_COMMAND);
}

/* Append field D's name to *LIST as SOURCE spells it. */
static int
add_missing(char **list, const struct field_def *d, enum kind_source source)
{
	char *more;

	if (source == KIND_FROM_COMMAND)
		more = err_fmt("%s%s--%s", *list != NULL ? *list : "",
		    *list != NULL ? ", " : "", d->key);
	else if (d->headers[0] != NULL)
		more = err_fmt("%s%s%s/%s", *list != NULL ? *list : "",
		    *list != NULL ? ", " : "", d->headers[0], d->key);
	else
		more = err_fmt("%s%s%s", *list != NULL ? *list : "",
		    *list != NULL ? ", " : "", d->key);
	free(*list);
	*list = more;
	return more != NULL ? 0 : -1;
}

struct kind_input *
kind_input_new(const struct form_kind *k, const char *const *names,
    size_t n, enum kind_source source, char **cause)
{
	struct kind_input *in;
	char *missing = NULL;
	bool *seen;
	size_t c, i;
	int f;

	in = calloc(1, sizeof *in);
	seen = calloc(k->n ? k->n : 1, sizeof *seen);
	if (in == NULL || seen == NULL ||
	    (in->field = calloc(n ? n : 1, sizeof *in->field)) == NULL)
		goto oom;
	in->k = k;
	in->source = source;
	in->ncolumns = n;
	for (c = 0; c < n; c++) {
		f = form_find(k->fields, k->n, names[c]);
		/* The first column of a name counts, as a person reading the
		 * file would take it; derived ones are the program's. */
		if (f >= 0 && (seen[f] || (k->fields[f].flags & FIELD_DERIVED)))
			f = -1;
		if (f >= 0)
			seen[f] = true;
		in->field[c] = f;
	}
	for (i = 0; i < k->n; i++) {
		if (!seen[i] && (k->fields[i].flags & FIELD_REQUIRED) &&
		    !(k->fields[i].flags & FIELD_DERIVED) &&
		    k->fields[i].when == NULL &&
		    !has_default(&k->fields[i], source) &&
		    add_missing(&missing, &k->fields[i], source) == -1)
			goto oom;
	}
	free(seen);
	if (missing == NULL)
		return in;
	if (source == KIND_FROM_COMMAND)
		err_set(cause, _("these options are required: %s"), missing);
	else
		err_set(cause, _("the header lacks required columns: %s"),
		    missing);
	free(missing);
	kind_input_free(in);
	return NULL;
oom:
	free(missing);
	free(seen);
	kind_input_free(in);
	err_set(cause, "%s", _("out of memory"));
	return NULL;
}

void
kind_input_group(struct kind_input *in, const char *const *more,
    size_t nmore)
{
	if (nmore > 0 && in->k->group == NULL)
		abort();	/* several records for a kind without a group */
	in->more = more;
	in->nmore = nmore;
}

void
kind_input_free(struct kind_input *in)
{
	if (in == NULL)
		return;
	free(in->field);
	free(in);
}

size_t
kind_input_columns(const struct kind_input *in)
{
	return in->ncolumns;
}

/* Set the defaults of the fields not given: the clock's only (CLOCK) or
 * the others only. */
static int
set_defaults(const struct kind_input *in, struct form *f, bool clock,
    sqlite3 *db, char **cause)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->v[i].given || is_clock(f->defs[i].def) != clock ||
		    !has_default(&f->defs[i], in->source) ||
		    (f->defs[i].flags & FIELD_DERIVED))
			continue;
		if (form_set_default(f, i, db, cause) == -1)
			return -1;
	}
	return 0;
}

/* The record the given values of F make: the stored one they name with
 * those values put in, or a new one.  REC holds the kind's new record and
 * may be swapped with STORED. */
static int
merge(const struct kind_input *in, struct form *f, sqlite3 *db,
    void **rec, void **stored, char **cause)
{
	const struct form_kind *k = in->k;
	size_t bad;
	void *t;
	int rc;

	if (form_store(f, *rec, true, &bad, cause) == -1)
		return -1;
	rc = k->find != NULL ? k->find(db, *rec, *stored, cause) : 1;
	if (rc == -1)
		return -1;
	if (rc == 0) {
		t = *rec;
		*rec = *stored;
		*stored = t;
	} else if (set_defaults(in, f, false, db, cause) == -1)
		return -1;
	return form_store(f, *rec, true, &bad, cause);
}

/* Copy F's given flags into GIVEN (SAVE) or back from it. */
static void
save_given(struct form *f, bool *given, bool save)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (save)
			given[i] = f->v[i].given;
		else
			f->v[i].given = given[i];
}

/* The group's uids: the first record's (in F) and IN's more, into
 * UIDS[0..1 + nmore); F is left holding the first. */
static int
group_uids(const struct kind_input *in, struct form *f, sqlite3 *db,
    char (*uids)[HEARTH_UID_MAX], char **cause)
{
	const char *key = in->k->group;
	size_t g = form_index(f, key), j;

	snprintf(uids[0], HEARTH_UID_MAX, "%s", form_text(f, key));
	for (j = 0; j < in->nmore; j++) {
		if (form_set_input(f, g, in->more[j], db, cause) == -1)
			return -1;
		snprintf(uids[j + 1], HEARTH_UID_MAX, "%s", form_text(f, key));
	}
	if (form_set_ref(f, key, uids[0], NULL, NULL) == -1) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* kind_submit_group() of F for the group IN names. */
static enum kind_result
submit_more(const struct kind_input *in, struct form *f, sqlite3 *db,
    void *rec, const char *login, size_t *bad, char **cause)
{
	char (*uids)[HEARTH_UID_MAX];
	const char **list;
	enum kind_result rc = KIND_ERROR;
	size_t j, n = in->nmore + 1;

	uids = calloc(n, sizeof *uids);
	list = calloc(n, sizeof *list);
	if (uids == NULL || list == NULL)
		err_set(cause, "%s", _("out of memory"));
	else if (group_uids(in, f, db, uids, cause) == 0) {
		for (j = 0; j < n; j++)
			list[j] = uids[j];
		rc = kind_submit_group(in->k, f, db, rec, list, n, login, bad,
		    cause);
	}
	free(uids);
	free(list);
	return rc;
}

/* A form of IN's kind holding the texts VALUES[0..N) (IN's names), each
 * read as its field reads it, and a live entry's clock defaults: 0, or
 * -1 and *CAUSE (F freed). */
static int
read_values(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, struct form *f, char **cause)
{
	size_t c;

	if (n != in->ncolumns) {
		err_set(cause, _("%zu fields, but the header has %zu"), n,
		    in->ncolumns);
		return -1;
	}
	if (kind_form_init(f, in->k) == -1) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	for (c = 0; c < n; c++)
		if (in->field[c] >= 0 && form_set_input(f,
		    (size_t)in->field[c], values[c], db, cause) == -1)
			goto fail;
	/* The moment of a live entry is part of what was given: a visit
	 * typed without a time happened now, and is matched as such. */
	if (set_defaults(in, f, true, db, cause) == -1)
		goto fail;
	return 0;
fail:
	form_free(f);
	return -1;
}

enum kind_result
kind_input_save(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, const char *login, char **cause)
{
	const struct form_kind *k = in->k;
	enum kind_result rc = KIND_ERROR;
	void *rec, *stored;
	struct form f;
	bool *given = NULL;
	size_t bad;

	if (read_values(in, db, values, n, &f, cause) == -1)
		return KIND_ERROR;
	rec = calloc(1, k->size);
	stored = calloc(1, k->size);
	if (rec == NULL || stored == NULL) {
		free(rec);
		free(stored);
		form_free(&f);
		err_set(cause, "%s", _("out of memory"));
		return KIND_ERROR;
	}
	k->init(rec);
	k->init(stored);
	if (merge(in, &f, db, &rec, &stored, cause) == -1)
		goto done;
	/* The whole record, for the checks of required and related
	 * fields, then the same path as the screen's.  The derive hook
	 * still learns which values were given (a meal is priced by its
	 * site unless the file gave the money), so the flags outlive the
	 * reload. */
	if ((given = calloc(f.n ? f.n : 1, sizeof *given)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		goto done;
	}
	save_given(&f, given, true);
	if (form_load(&f, rec) == -1) {
		err_set(cause, "%s", _("out of memory"));
		goto done;
	}
	save_given(&f, given, false);
	if (in->nmore > 0)
		rc = submit_more(in, &f, db, rec, login, &bad, cause);
	else
		rc = kind_submit(k, &f, db, rec, login, &bad, cause);
done:
	free(given);
	form_free(&f);
	k->clear(rec);
	k->clear(stored);
	free(rec);
	free(stored);
	return rc;
}

const char *
kind_input_key(const struct kind_input *in, size_t c)
{
	if (c >= in->ncolumns || in->field[c] < 0)
		return NULL;
	return in->k->fields[in->field[c]].key;
}

int
kind_input_cells(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, char **cells, char **cause)
{
	struct form f;
	size_t c;

	if (read_values(in, db, values, n, &f, cause) == -1)
		return -1;
	for (c = 0; c < n; c++) {
		cells[c] = NULL;
		if (in->field[c] >= 0 &&
		    (cells[c] = form_output(&f, (size_t)in->field[c])) == NULL)
			goto oom;
	}
	form_free(&f);
	return 0;
oom:
	while (c-- > 0) {
		free(cells[c]);
		cells[c] = NULL;
	}
	form_free(&f);
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

int
kind_input_find(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, char uid[HEARTH_UID_MAX],
    char **cause)
{
	const struct form_kind *k = in->k;
	void *rec = NULL, *stored = NULL;
	struct form f;
	size_t bad;
	int rc = -1, u;

	uid[0] = '\0';
	if (k->find == NULL)
		return 1;
	if ((u = form_find(k->fields, k->n, "uid")) < 0)
		abort();	/* a kind whose records have no uid: a bug */
	if (read_values(in, db, values, n, &f, cause) == -1)
		return -1;
	rec = calloc(1, k->size);
	stored = calloc(1, k->size);
	if (rec == NULL || stored == NULL) {
		free(rec);
		free(stored);
		form_free(&f);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	k->init(rec);
	k->init(stored);
	/* The given values alone, as kind_input_save's upsert matches. */
	if (form_store(&f, rec, true, &bad, cause) == -1 ||
	    (rc = k->find(db, rec, stored, cause)) != 0)
		goto done;
	if (form_load(&f, stored) == -1) {
		err_set(cause, "%s", _("out of memory"));
		rc = -1;
		goto done;
	}
	snprintf(uid, HEARTH_UID_MAX, "%s", form_text(&f, "uid"));
done:
	form_free(&f);
	k->clear(rec);
	k->clear(stored);
	free(rec);
	free(stored);
	return rc;
}
