/* sync-record.c: the export cells of one record. */
#include "forms/sync-record.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "forms/export.h"
#include "forms/kind.h"

/* Per wire kind: is the record deleted (the form kinds' get hooks load
 * deleted records too, but do not all say so). */
static const char *const deleted_sql[] = {
	[WIRE_ELDER] = "SELECT deleted FROM elder WHERE uid = ?1",
	[WIRE_VISIT] = "SELECT deleted FROM visit WHERE uid = ?1",
	[WIRE_MEAL] = "SELECT deleted FROM meal WHERE uid = ?1",
	[WIRE_SITE] = "SELECT deleted FROM site WHERE uid = ?1",
	[WIRE_CHILD] = "SELECT deleted FROM child WHERE uid = ?1",
	[WIRE_GUIDANCE] = "SELECT deleted FROM guidance WHERE uid = ?1",
};
#define N_TABLES (sizeof deleted_sql / sizeof deleted_sql[0])

/* A kind's form: its export rows (made on first use) and a record. */
struct form_slot {
	const struct form_kind *kind;
	struct export_rows *rows;
	void *rec;
	const char **values;	/* the cells, "" as NULL */
};

struct sync_record {
	struct form_slot slot[N_TABLES];
};

struct sync_record *
sync_record_new(void)
{
	return calloc(1, sizeof(struct sync_record));
}

void
sync_record_free(struct sync_record *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < N_TABLES; i++) {
		if (s->slot[i].kind != NULL)
			s->slot[i].kind->clear(s->slot[i].rec);
		free(s->slot[i].rec);
		export_rows_free(s->slot[i].rows);
		free(s->slot[i].values);
	}
	free(s);
}

/* 0 / 1 deleted, 2 no such record, -1 and *CAUSE. */
static int
deleted_get(sqlite3 *db, int kind, const char *uid, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(db, deleted_sql[kind], cause)) == NULL)
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

/* The form slot of KIND, made on first use; NULL and *CAUSE when out of
 * memory or when the kind has no form with a get hook (every wire kind
 * has one: a new kind must add its hook before it is queued). */
static struct form_slot *
slot_get(struct sync_record *s, sqlite3 *db, int kind, char **cause)
{
	struct form_slot *f = &s->slot[kind];
	const char *const *names;
	const struct form_kind *k;
	size_t n;

	if (f->kind != NULL)
		return f;
	k = kind_by_name(wire_kind_name(kind));
	if (k == NULL || k->get == NULL) {
		err_set(cause, _("cannot send records of kind %s"),
		    wire_kind_name(kind));
		return NULL;
	}
	if (f->rows == NULL &&
	    (f->rows = export_rows_new(db, k, cause)) == NULL)
		return NULL;
	n = export_rows_columns(f->rows, &names);
	if (f->rec == NULL && (f->rec = calloc(1, k->size)) == NULL)
		goto oom;
	if (f->values == NULL &&
	    (f->values = calloc(n ? n : 1, sizeof *f->values)) == NULL)
		goto oom;
	k->init(f->rec);
	f->kind = k;
	return f;
oom:
	err_set(cause, "%s", _("out of memory"));
	return NULL;
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

int
sync_record_load(void *arg, sqlite3 *db, int kind, const char *uid,
    struct wire_record *r, char **cause)
{
	struct sync_record *s = arg;
	struct form_slot *f;
	int del;

	if (kind <= 0 || (size_t)kind >= N_TABLES ||
	    deleted_sql[kind] == NULL)
		return 1;	/* a kind this program cannot read: dropped */
	if ((del = deleted_get(db, kind, uid, cause)) < 0)
		return -1;
	if (del == 2)
		return 1;
	r->deleted = del == 1;
	if ((f = slot_get(s, db, kind, cause)) == NULL)
		return -1;
	return load_form(f, db, uid, r, cause);
}
