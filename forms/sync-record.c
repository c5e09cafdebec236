/* sync-record.c: export cells, or the table row, of one record. */
#include "forms/sync-record.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "forms/export.h"
#include "forms/kind.h"

/* Per wire kind: is it deleted, and its row when it has no form. */
static const struct table {
	const char *deleted;
	const char *row;
} tables[] = {
	[WIRE_ELDER] = { "SELECT deleted FROM elder WHERE uid = ?1",
	    "SELECT * FROM elder WHERE uid = ?1" },
	[WIRE_VISIT] = { "SELECT deleted FROM visit WHERE uid = ?1",
	    "SELECT * FROM visit WHERE uid = ?1" },
	[WIRE_MEAL] = { "SELECT deleted FROM meal WHERE uid = ?1",
	    "SELECT * FROM meal WHERE uid = ?1" },
	/* rank,min_age,max_age,hardship,subsidy_fen,weekly_cap;... */
	[WIRE_SITE] = { "SELECT deleted FROM site WHERE uid = ?1",
	    "SELECT s.*, (SELECT group_concat(t, ';') FROM (SELECT rank || "
	    "',' || coalesce(min_age, '') || ',' || coalesce(max_age, '') || "
	    "',' || coalesce(hardship, '') || ',' || subsidy_fen || ',' || "
	    "coalesce(weekly_cap, '') AS t FROM site_tier WHERE site_uid = "
	    "s.uid ORDER BY rank)) AS tiers FROM site AS s WHERE s.uid = ?1" },
	[WIRE_CHILD] = { "SELECT deleted FROM child WHERE uid = ?1",
	    "SELECT * FROM child WHERE uid = ?1" },
	[WIRE_GUIDANCE] = { "SELECT deleted FROM guidance WHERE uid = ?1",
	    "SELECT * FROM guidance WHERE uid = ?1" },
};
#define N_TABLES (sizeof tables / sizeof tables[0])

/* A kind with a form: its export rows (made on first use) and a record. */
struct form_slot {
	const struct form_kind *kind;
	struct export_rows *rows;
	void *rec;
	const char **values;	/* the cells, "" as NULL */
};

struct sync_record {
	struct form_slot slot[N_TABLES];
	bool looked[N_TABLES];
	/* The last table row: names and values, malloc'd. */
	char **names, **values;
	size_t n;
};

struct sync_record *
sync_record_new(void)
{
	return calloc(1, sizeof(struct sync_record));
}

static void
row_clear(struct sync_record *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->names[i]);
		free(s->values[i]);
	}
	free(s->names);
	free(s->values);
	s->names = s->values = NULL;
	s->n = 0;
}

void
sync_record_free(struct sync_record *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < N_TABLES; i++) {
		if (s->slot[i].rec != NULL) {
			s->slot[i].kind->clear(s->slot[i].rec);
			free(s->slot[i].rec);
		}
		export_rows_free(s->slot[i].rows);
		free(s->slot[i].values);
	}
	row_clear(s);
	free(s);
}

/* 0 / 1 deleted, 2 no such record, -1 and *CAUSE. */
static int
deleted_get(sqlite3 *db, int kind, const char *uid, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(db, tables[kind].deleted, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = sqlite3_column_int(stmt, 0) != 0;
	else if (rc == SQLITE_DONE)
		rc = 2;
	else {
		db_error(db, cause);
		rc = -1;
	}
	db_done(stmt);
	return rc;
}

/* The form slot of KIND, or NULL when the kind has no form with a get
 * hook (or *CAUSE set when out of memory). */
static struct form_slot *
slot_get(struct sync_record *s, sqlite3 *db, int kind, char **cause)
{
	struct form_slot *f = &s->slot[kind];
	const char *const *names;
	const struct form_kind *k;
	size_t n;

	if (!s->looked[kind]) {
		s->looked[kind] = true;
		k = kind_by_name(wire_kind_name(kind));
		if (k == NULL || k->get == NULL)
			return NULL;
		if ((f->rows = export_rows_new(db, k, cause)) == NULL)
			return NULL;
		n = export_rows_columns(f->rows, &names);
		if ((f->rec = calloc(1, k->size)) == NULL ||
		    (f->values = calloc(n ? n : 1, sizeof *f->values)) ==
		    NULL) {
			err_set(cause, "%s", _("out of memory"));
			return NULL;
		}
		k->init(f->rec);
		f->kind = k;
	}
	return f->kind != NULL ? f : NULL;
}

static int
load_form(struct form_slot *f, sqlite3 *db, const char *uid,
    struct wire_record *r, char **cause)
{
	const char *const *cells, *const *names;
	size_t i, n;
	int rc;

	if ((rc = f->kind->get(db, uid, f->rec, cause)) != 0)
		return rc;
	if ((cells = export_rows_cells(f->rows, f->rec, cause)) == NULL)
		return -1;
	n = export_rows_columns(f->rows, &names);
	for (i = 0; i < n; i++)
		f->values[i] = cells[i] != NULL && *cells[i] != '\0' ?
		    cells[i] : NULL;
	r->ncols = n;
	r->names = names;
	r->values = f->values;
	return 0;
}

static int
load_row(struct sync_record *s, sqlite3 *db, int kind, const char *uid,
    struct wire_record *r, char **cause)
{
	sqlite3_stmt *stmt;
	const char *name, *text;
	int i, cols, rc;
	size_t n = 0;

	row_clear(s);
	if ((stmt = db_prepare(db, tables[kind].row, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			db_error(db, cause);
		db_done(stmt);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	cols = sqlite3_column_count(stmt);
	s->names = calloc((size_t)cols, sizeof *s->names);
	s->values = calloc((size_t)cols, sizeof *s->values);
	if (s->names == NULL || s->values == NULL)
		goto oom;
	for (i = 0; i < cols; i++) {
		name = sqlite3_column_name(stmt, i);
		if (name == NULL || strcmp(name, "deleted") == 0)
			continue;
		text = (const char *)sqlite3_column_text(stmt, i);
		if ((s->names[n] = strdup(name)) == NULL ||
		    (text != NULL && *text != '\0' &&
		    (s->values[n] = strdup(text)) == NULL)) {
			free(s->names[n]);
			goto oom;
		}
		s->n = ++n;
	}
	db_done(stmt);
	r->ncols = n;
	r->names = (const char *const *)s->names;
	r->values = (const char *const *)s->values;
	return 0;
oom:
	db_done(stmt);
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

int
sync_record_load(void *arg, sqlite3 *db, int kind, const char *uid,
    struct wire_record *r, char **cause)
{
	struct sync_record *s = arg;
	struct form_slot *f;
	int del;

	if (kind <= 0 || (size_t)kind >= N_TABLES ||
	    tables[kind].deleted == NULL)
		return 1;	/* a kind this program cannot read: dropped */
	if ((del = deleted_get(db, kind, uid, cause)) < 0)
		return -1;
	if (del == 2)
		return 1;
	r->deleted = del == 1;
	*cause = NULL;
	if ((f = slot_get(s, db, kind, cause)) != NULL)
		return load_form(f, db, uid, r, cause);
	if (*cause != NULL)
		return -1;
	return load_row(s, db, kind, uid, r, cause);
}
