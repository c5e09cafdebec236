/* export.c: records to CSV or NDJSON rows through the kind's fields. */
#include "forms/export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/json.h"

/* One column: field FIELD's value, or (NAME) the name of the record an
 * ELDER/CHILD field refers to. */
struct column {
	size_t field;
	bool name;
};

/* A referenced record's export texts, found by uid. */
struct ref_row {
	char *uid, *key, *name;
};

struct ref_table {
	struct ref_row *rows;
	size_t n;
};

/* Where rows go, in which format; what the each callback needs. */
struct writer {
	FILE *out;
	enum export_format format;
	struct form form;
	struct column *cols;
	const char **names;
	bool *as_text;		/* EXPORT_EXCEL: write as ="..." */
	size_t ncols;
	struct ref_table *refs;	/* per field; only ELDER/CHILD ones used */
	char *cause;		/* set when a callback failed */
};

static bool
is_ref(const struct field_def *d)
{
	return d->type == FIELD_ELDER || d->type == FIELD_CHILD ||
	    d->type == FIELD_REF;
}

static void
add_column(struct writer *w, size_t field, bool name)
{
	const struct field_def *d = &w->form.defs[field];

	w->cols[w->ncols].field = field;
	w->cols[w->ncols].name = name;
	w->names[w->ncols] = name ? d->name_key : d->key;
	w->as_text[w->ncols] = !name && (d->flags & FIELD_EXCEL_TEXT);
	w->ncols++;
}

/* SPEC's columns, then every other field in field order (a reference's
 * name right after it). */
static int
plan_columns(struct writer *w, const struct form_kind *k, char **cause)
{
	size_t i, max = 2 * k->n;
	const char *const *c;
	bool *used;

	w->cols = calloc(max, sizeof *w->cols);
	w->names = calloc(max, sizeof *w->names);
	w->as_text = calloc(max, sizeof *w->as_text);
	used = calloc(k->n, sizeof *used);
	if (w->cols == NULL || w->names == NULL || w->as_text == NULL ||
	    used == NULL) {
		free(used);
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	for (c = k->columns; c != NULL && *c != NULL; c++) {
		for (i = 0; i < k->n; i++) {
			if (strcmp(k->fields[i].key, *c) == 0) {
				add_column(w, i, false);
				break;
			}
			if (k->fields[i].name_key != NULL &&
			    strcmp(k->fields[i].name_key, *c) == 0) {
				add_column(w, i, true);
				break;
			}
		}
		if (i == k->n)
			abort();	/* a kind naming no field: a bug */
		used[i] = true;
	}
	for (i = 0; i < k->n; i++) {
		if (used[i])
			continue;
		add_column(w, i, false);
		if (is_ref(&k->fields[i]) && k->fields[i].name_key != NULL)
			add_column(w, i, true);
	}
	free(used);
	return 0;
}

static int
ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ref_row *)a)->uid,
	    ((const struct ref_row *)b)->uid);
}

static int
ref_add(const char *uid, const char *key, const char *name, void *arg)
{
	struct ref_table *t = arg;
	struct ref_row *grown, *r;

	/* Grow by doubling: 50,000 elders cost 16 reallocations. */
	if ((t->n & (t->n - 1)) == 0) {
		grown = realloc(t->rows, (t->n ? t->n * 2 : 64) *
		    sizeof *grown);
		if (grown == NULL)
			return -1;
		t->rows = grown;
	}
	r = &t->rows[t->n];
	r->uid = strdup(uid);
	r->key = strdup(key);
	r->name = strdup(name);
	if (r->uid == NULL || r->key == NULL || r->name == NULL) {
		free(r->uid);
		free(r->key);
		free(r->name);
		return -1;
	}
	t->n++;
	return 0;
}

/* Every record the kind's references may name, once, rather than a
 * query per exported row. */
static int
load_refs(struct writer *w, sqlite3 *db, char **cause)
{
	const struct field_def *d;
	const struct form_ref *ref;
	size_t i;

	if ((w->refs = calloc(w->form.n, sizeof *w->refs)) == NULL)
		goto oom;
	for (i = 0; i < w->form.n; i++) {
		d = &w->form.defs[i];
		if (!is_ref(d))
			continue;
		ref = d->ref != NULL ? d->ref : &form_ref_elder;
		*cause = NULL;
		if (ref->each(db, ref_add, &w->refs[i], cause) != 0) {
			if (*cause == NULL)
				goto oom;
			return -1;
		}
		qsort(w->refs[i].rows, w->refs[i].n, sizeof *w->refs[i].rows,
		    ref_cmp);
	}
	return 0;
oom:
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

static void
free_refs(struct writer *w)
{
	size_t i, j;

	for (i = 0; w->refs != NULL && i < w->form.n; i++) {
		for (j = 0; j < w->refs[i].n; j++) {
			free(w->refs[i].rows[j].uid);
			free(w->refs[i].rows[j].key);
			free(w->refs[i].rows[j].name);
		}
		free(w->refs[i].rows);
	}
	free(w->refs);
}

static int
writer_row(struct writer *w, const char *const *fields)
{
	struct json_obj o;
	size_t i;

	if (w->format != EXPORT_NDJSON) {
		if (csv_write_row_excel(w->out, fields, w->ncols,
		    w->format == EXPORT_EXCEL ? w->as_text : NULL) == 0)
			return 0;
	} else {
		json_obj_begin(&o, w->out);
		for (i = 0; i < w->ncols; i++)
			json_obj_str(&o, w->names[i], fields[i] != NULL &&
			    *fields[i] != '\0' ? fields[i] : NULL);
		if (json_obj_end(&o) == 0)
			return 0;
	}
	w->cause = err_fmt("%s", _("cannot write the export (disk full or "
	    "output closed?)"));
	return -1;
}

/* The ID number and name of the record field I of the loaded form refers
 * to (unknown references export as empty cells). */
static int
resolve_ref(struct writer *w, size_t i)
{
	struct ref_row key, *r;
	struct form_value *v = &w->form.v[i];

	key.uid = (char *)editbuf_text(&v->text);
	r = bsearch(&key, w->refs[i].rows, w->refs[i].n,
	    sizeof *w->refs[i].rows, ref_cmp);
	return form_set_ref(&w->form, w->form.defs[i].key, key.uid,
	    r != NULL ? r->key : "", r != NULL ? r->name : NULL);
}

/* REC's cells into CELLS[0..ncols) (malloc'd texts): 0, or -1 and
 * w->cause. */
static int
row_cells(struct writer *w, const void *rec, char **cells)
{
	size_t i;

	if (form_load(&w->form, rec) != 0)
		goto oom;
	for (i = 0; i < w->form.n; i++)
		if (is_ref(&w->form.defs[i]) && resolve_ref(w, i) != 0)
			goto oom;
	for (i = 0; i < w->ncols; i++) {
		if (w->cols[i].name) {
			const char *nm = w->form.v[w->cols[i].field].ref_name;

			cells[i] = strdup(nm != NULL ? nm : "");
		} else
			cells[i] = form_output(&w->form, w->cols[i].field);
		if (cells[i] == NULL)
			goto oom;
	}
	return 0;
oom:
	w->cause = err_fmt("%s", _("out of memory"));
	return -1;
}

static void
cells_free(char **cells, size_t n)
{
	size_t i;

	for (i = 0; cells != NULL && i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
}

static int
record_row(const void *rec, void *arg)
{
	struct writer *w = arg;
	char **cells;
	int rc = -1;

	if ((cells = calloc(w->ncols, sizeof *cells)) == NULL)
		w->cause = err_fmt("%s", _("out of memory"));
	else if (row_cells(w, rec, cells) == 0)
		rc = writer_row(w, (const char *const *)cells);
	cells_free(cells, w->ncols);
	free(cells);
	return rc;
}

int
export_write(sqlite3 *db, const struct form_kind *kind,
    enum export_format format, struct ymd since, struct ymd until,
    FILE *out, char **cause)
{
	struct writer w;
	char *why = NULL;
	int rc = -1;

	memset(&w, 0, sizeof w);
	w.out = out;
	w.format = format;
	if (kind_form_init(&w.form, kind) != 0) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if (plan_columns(&w, kind, cause) != 0)
		goto done;
	/* The header is plain text either way. */
	if ((format == EXPORT_EXCEL && csv_write_bom(out) != 0) ||
	    (format != EXPORT_NDJSON &&
	    csv_write_row(out, w.names, w.ncols) != 0)) {
		err_set(cause, "%s", _("cannot write the export (disk full or "
		    "output closed?)"));
		goto done;
	}
	if (load_refs(&w, db, cause) != 0)
		goto done;
	if (kind->each(db, since, until, record_row, &w, &why) != 0) {
		/* The callback's own failure, else the pass's. */
		if (w.cause != NULL) {
			free(why);
			*cause = w.cause;
			w.cause = NULL;
		} else
			*cause = why;
		goto done;
	}
	if (fflush(out) != 0) {
		err_set(cause, "%s", _("cannot write the export (disk full or "
		    "output closed?)"));
		goto done;
	}
	rc = 0;
done:
	free_refs(&w);
	free(w.cols);
	free(w.names);
	free(w.as_text);
	free(w.cause);
	form_free(&w.form);
	return rc;
}

/* One record at a time (hearth sync): the writer without an output. */
struct export_rows {
	struct writer w;
	char **cells;
};

struct export_rows *
export_rows_new(sqlite3 *db, const struct form_kind *kind, char **cause)
{
	struct export_rows *x;

	if ((x = calloc(1, sizeof *x)) == NULL ||
	    kind_form_init(&x->w.form, kind) != 0) {
		free(x);
		err_set(cause, "%s", _("out of memory"));
		return NULL;
	}
	if (plan_columns(&x->w, kind, cause) != 0 ||
	    load_refs(&x->w, db, cause) != 0) {
		export_rows_free(x);
		return NULL;
	}
	if ((x->cells = calloc(x->w.ncols, sizeof *x->cells)) == NULL) {
		export_rows_free(x);
		err_set(cause, "%s", _("out of memory"));
		return NULL;
	}
	return x;
}

size_t
export_rows_columns(const struct export_rows *x, const char *const **names)
{
	*names = x->w.names;
	return x->w.ncols;
}

const char *const *
export_rows_cells(struct export_rows *x, const void *rec, char **cause)
{
	cells_free(x->cells, x->w.ncols);
	if (row_cells(&x->w, rec, x->cells) != 0) {
		*cause = x->w.cause;
		x->w.cause = NULL;
		return NULL;
	}
	return (const char *const *)x->cells;
}

void
export_rows_free(struct export_rows *x)
{
	if (x == NULL)
		return;
	cells_free(x->cells, x->w.ncols);
	free(x->cells);
	free_refs(&x->w);
	free(x->w.cols);
	free(x->w.names);
	free(x->w.as_text);
	free(x->w.cause);
	form_free(&x->w.form);
	free(x);
}
