/* roster.c: the hub's roster rows merged three ways into the records. */
#include "forms/roster.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/sync.h"
#include "forms/export.h"

/* The kinds a hub sends rosters of, and how to tell a deleted record (the
 * kinds' get hooks load deleted records too, but do not all say so). */
static const struct {
	const char *kind;
	const char *deleted_sql;
} roster_kinds[] = {
	{ "elders", "SELECT deleted FROM elder WHERE uid = ?1" },
	{ "children", "SELECT deleted FROM child WHERE uid = ?1" },
};

/* One merge: the header's columns and per-column room for one row. */
struct merger {
	sqlite3 *db;
	const struct form_kind *k;
	const char *deleted_sql;
	const char *login;
	struct kind_input *in;
	struct export_rows *rows;	/* the local record's cells */
	void *rec;			/* a record of the kind, for get */
	size_t ncols;
	const char **key;	/* per column: its field's key, or NULL */
	size_t *xcol;		/* per column with a key: export column */
	char **roster;		/* the row's cells, as export writes */
	char **base;		/* the record's base, NULL where none */
	const char **merged;	/* the record with the roster's changes */
	struct roster_counts *counts;
	roster_report_fn report;
	void *arg;
};

static void
cells_clear(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
}

/* Texts compare as export writes them: NULL is "". */
static bool
same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static int
merger_init(struct merger *m, const struct csv_record *hdr, char **cause)
{
	const char *const *names;
	size_t c, j, nx;

	m->ncols = hdr->nfields;
	if ((m->in = kind_input_new(m->k, (const char *const *)hdr->fields,
	    hdr->nfields, KIND_FROM_FILE, cause)) == NULL)
		return -1;
	if ((m->rows = export_rows_new(m->db, m->k, cause)) == NULL)
		return -1;
	m->key = calloc(m->ncols, sizeof *m->key);
	m->xcol = calloc(m->ncols, sizeof *m->xcol);
	m->roster = calloc(m->ncols, sizeof *m->roster);
	m->base = calloc(m->ncols, sizeof *m->base);
	m->merged = calloc(m->ncols, sizeof *m->merged);
	m->rec = calloc(1, m->k->size);
	if (m->key == NULL || m->xcol == NULL || m->roster == NULL ||
	    m->base == NULL || m->merged == NULL || m->rec == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	m->k->init(m->rec);
	nx = export_rows_columns(m->rows, &names);
	for (c = 0; c < m->ncols; c++) {
		if ((m->key[c] = kind_input_key(m->in, c)) == NULL)
			continue;
		for (j = 0; j < nx && strcmp(names[j], m->key[c]) != 0; j++)
			;
		/* Every field is exported; one that were not could not be
		 * compared, so it is left to the upsert alone. */
		if (j == nx)
			m->key[c] = NULL;
		m->xcol[c] = j;
	}
	return 0;
}

static void
merger_free(struct merger *m)
{
	if (m->roster != NULL)
		cells_clear(m->roster, m->ncols);
	if (m->base != NULL)
		cells_clear(m->base, m->ncols);
	free(m->roster);
	free(m->base);
	free(m->merged);
	free(m->key);
	free(m->xcol);
	if (m->rec != NULL)
		m->k->clear(m->rec);
	free(m->rec);
	export_rows_free(m->rows);
	kind_input_free(m->in);
}

/* Is the record UID deleted here: 1 yes, 0 no, -1 and *CAUSE. */
static int
is_deleted(struct merger *m, const char *uid, char **cause)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((stmt = db_prepare(m->db, m->deleted_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = sqlite3_column_int(stmt, 0) != 0;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else {
		db_error(m->db, cause);
		rc = -1;
	}
	db_done(stmt);
	return rc;
}

/* The base of UID into m->base (NULL where a column has none).  0, or
 * -1 and *CAUSE. */
static int
base_load(struct merger *m, const char *uid, char **cause)
{
	sqlite3_stmt *stmt;
	const char *field, *value;
	size_t c;
	int rc;

	cells_clear(m->base, m->ncols);
	if ((stmt = db_prepare(m->db, "SELECT field, value FROM roster_base "
	    "WHERE uid = ?1", cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		field = (const char *)sqlite3_column_text(stmt, 0);
		value = (const char *)sqlite3_column_text(stmt, 1);
		for (c = 0; c < m->ncols; c++) {
			if (m->key[c] == NULL || field == NULL ||
			    strcmp(m->key[c], field) != 0 ||
			    m->base[c] != NULL)
				continue;
			if ((m->base[c] = strdup(value != NULL ? value : "")) ==
			    NULL) {
				db_done(stmt);
				err_set(cause, "%s", _("out of memory"));
				return -1;
			}
		}
	}
	db_done(stmt);
	if (rc != SQLITE_DONE) {
		db_error(m->db, cause);
		return -1;
	}
	return 0;
}

/* The row just applied becomes UID's base (the columns it names; a
 * column the hub stops sending keeps its last value).  0, or -1. */
static int
base_store(struct merger *m, const char *uid, char **cause)
{
	sqlite3_stmt *stmt;
	size_t c;

	for (c = 0; c < m->ncols; c++) {
		if (m->key[c] == NULL || (m->base[c] != NULL &&
		    same(m->base[c], m->roster[c])))
			continue;
		if ((stmt = db_prepare(m->db, "INSERT OR REPLACE INTO "
		    "roster_base (uid, field, value) VALUES (?1, ?2, ?3)",
		    cause)) == NULL)
			return -1;
		sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, m->key[c], -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, m->roster[c] != NULL ?
		    m->roster[c] : "", -1, SQLITE_STATIC);
		if (db_run(m->db, stmt, cause) != 0)
			return -1;
	}
	return 0;
}

static void
count(struct merger *m, enum kind_result res)
{
	if (res == KIND_INSERTED)
		m->counts->inserted++;
	else if (res == KIND_UPDATED)
		m->counts->updated++;
	else
		m->counts->unchanged++;
}

static void
reject(struct merger *m, size_t line, char *why)
{
	m->counts->rejected++;
	m->report(m->arg, line, why != NULL ? why : _("out of memory"));
	free(why);
}

/* A row naming no record here: a new one, through the one save path. */
static int
merge_new(struct merger *m, const struct csv_record *row, char **cause)
{
	const char *const *values = (const char *const *)row->fields;
	char uid[HEARTH_UID_MAX], *why = NULL;
	enum kind_result res;
	int rc;

	res = kind_input_save(m->in, m->db, values, row->nfields, m->login,
	    &why);
	if (res == KIND_ERROR) {
		reject(m, row->line, why);
		return 0;
	}
	count(m, res);
	/* Its uid, for the base: the same values name the same record. */
	if ((rc = kind_input_find(m->in, m->db, values, row->nfields, uid,
	    &why)) != 0) {
		free(why);
		return 0;	/* no base: the next roster fills in only */
	}
	cells_clear(m->base, m->ncols);
	return base_store(m, uid, cause);
}

/* Decide column C of a record whose export cell is LOCAL: 1 take the
 * roster's value, 0 keep the local one; *CONFLICT when a local edit is
 * kept against a change of the roster. */
static int
decide(struct merger *m, size_t c, const char *local, bool *conflict)
{
	const char *r = m->roster[c], *b = m->base[c];

	if (same(local, r))
		return 0;
	if (b == NULL) {
		/* No base for the record: the station registered it
		 * first; fill in what it left empty.  A base without this
		 * column: a column this program learnt since; the same. */
		return local == NULL || *local == '\0';
	}
	if (same(r, b))
		return 0;		/* the roster did not change it */
	if (same(local, b))
		return 1;		/* only the roster changed it */
	*conflict = true;		/* both did: the station's stays */
	return 0;
}

/* A row naming the record UID here. */
static int
merge_known(struct merger *m, const struct csv_record *row, const char *uid,
    char **cause)
{
	const char *const *cells, *const *values =
	    (const char *const *)row->fields;
	enum kind_result res = KIND_UNCHANGED;
	bool any_base = false, all_base = true, same_base = true;
	bool conflict = false, take = false;
	char *why = NULL;
	size_t c;
	int rc;

	if ((rc = is_deleted(m, uid, cause)) != 0) {
		if (rc < 0)
			return -1;
		m->counts->deleted++;	/* deleted here: stays deleted */
		return 0;
	}
	if (base_load(m, uid, cause) != 0)
		return -1;
	for (c = 0; c < m->ncols; c++) {
		if (m->key[c] == NULL)
			continue;
		if (m->base[c] == NULL)
			all_base = false;
		else {
			any_base = true;
			if (!same(m->base[c], m->roster[c]))
				same_base = false;
		}
	}
	/* The roster row is the base: nothing to take, nothing to fight
	 * over, whatever the station did since. */
	if (any_base && all_base && same_base) {
		m->counts->unchanged++;
		return 0;
	}
	if ((rc = m->k->get(m->db, uid, m->rec, cause)) != 0) {
		if (rc == 1)
			err_set(cause, _("no record %s"), uid);
		return -1;
	}
	if ((cells = export_rows_cells(m->rows, m->rec, cause)) == NULL)
		return -1;
	for (c = 0; c < m->ncols; c++) {
		m->merged[c] = values[c];	/* columns IN ignores */
		if (m->key[c] == NULL)
			continue;
		if (decide(m, c, cells[m->xcol[c]], &conflict)) {
			m->merged[c] = m->roster[c];
			take = true;
		} else
			m->merged[c] = cells[m->xcol[c]] != NULL ?
			    cells[m->xcol[c]] : "";
	}
	if (take) {
		res = kind_input_save(m->in, m->db, m->merged, m->ncols,
		    m->login, &why);
		if (res == KIND_ERROR) {
			/* Not applied, so not the base: the old one still
			 * tells the station's edits from the roster's. */
			reject(m, row->line, why);
			return 0;
		}
	}
	count(m, res);
	if (conflict)
		m->counts->kept++;
	return base_store(m, uid, cause);
}

/* One data row: merged, counted or reported (0); -1 and *CAUSE when the
 * database fails and the merge must stop. */
static int
merge_row(struct merger *m, const struct csv_record *row, char **cause)
{
	const char *const *values = (const char *const *)row->fields;
	char uid[HEARTH_UID_MAX], *why = NULL;
	int rc;

	cells_clear(m->roster, m->ncols);
	if (kind_input_cells(m->in, m->db, values, row->nfields, m->roster,
	    &why) != 0) {
		reject(m, row->line, why);
		return 0;
	}
	if ((rc = kind_input_find(m->in, m->db, values, row->nfields, uid,
	    &why)) < 0) {
		reject(m, row->line, why);
		return 0;
	}
	if (rc == 1)
		return merge_new(m, row, cause);
	return merge_known(m, row, uid, cause);
}

/* The settings of a merge, in its transaction. */
static int
store_settings(sqlite3 *db, const char *kind, const char *etag,
    const struct roster_counts *n, char **cause)
{
	char key[SYNC_ROSTER_KEY_MAX], now[HEARTH_TS_MAX], counts[160];

	db_timestamp(now);
	snprintf(counts, sizeof counts, "%ld %ld %ld %ld %ld %ld",
	    n->inserted, n->updated, n->unchanged, n->kept, n->rejected,
	    n->deleted);
	sync_roster_key(key, kind, "etag");
	if (db_setting_set(db, key, etag != NULL ? etag : "", cause) != 0)
		return -1;
	sync_roster_key(key, kind, "merged_at");
	if (db_setting_set(db, key, now, cause) != 0)
		return -1;
	sync_roster_key(key, kind, "checked_at");
	if (db_setting_set(db, key, now, cause) != 0)
		return -1;
	sync_roster_key(key, kind, "counts");
	return db_setting_set(db, key, counts, cause);
}

/* The rows after the header, then the settings: 0, or -1 and *CAUSE. */
static int
merge_rows(struct merger *m, struct csv_reader *r, const char *etag,
    char **cause)
{
	struct csv_record row = { 0 };
	char *why = NULL;
	int got, rc = 0;

	while (rc == 0 && (got = csv_read(r, &row, &why)) != 0) {
		if (got == 1) {
			rc = merge_row(m, &row, cause);
			continue;
		}
		if (row.line == 0) {
			err_set(cause, "%s", _("out of memory"));
			rc = -1;
			break;
		}
		reject(m, row.line, why);
		why = NULL;
	}
	csv_record_clear(&row);
	free(why);
	if (rc == 0)
		rc = store_settings(m->db, m->k->plural, etag, m->counts,
		    cause);
	return rc;
}

int
roster_merge(sqlite3 *db, const struct form_kind *k, const char *csv,
    size_t len, const char *etag, const char *login,
    struct roster_counts *counts, roster_report_fn report, void *arg,
    char **cause)
{
	struct csv_record hdr = { 0 };
	struct csv_reader *r = NULL;
	struct merger m;
	char *why = NULL;
	size_t i;
	int rc = -1, tok = -1, got;

	memset(counts, 0, sizeof *counts);
	memset(&m, 0, sizeof m);
	m.db = db;
	m.k = k;
	m.login = login;
	m.counts = counts;
	m.report = report;
	m.arg = arg;
	for (i = 0; i < sizeof roster_kinds / sizeof roster_kinds[0]; i++)
		if (strcmp(roster_kinds[i].kind, k->plural) == 0)
			m.deleted_sql = roster_kinds[i].deleted_sql;
	if (m.deleted_sql == NULL) {
		err_set(cause, _("roster %s: the hub sends no roster of this "
		    "kind"), sync_roster_label(k->plural));
		return -1;
	}
	if ((r = csv_reader_new(csv, len)) == NULL) {
		why = err_fmt("%s", _("out of memory"));
		goto done;
	}
	if ((got = csv_read(r, &hdr, &why)) != 1) {
		char *what = got == 0 ? err_fmt("%s", _("the answer is "
		    "empty: a header row is needed")) :
		    err_fmt(_("line %zu: %s"), hdr.line,
		    why != NULL ? why : "");

		free(why);
		why = what;
		goto done;
	}
	if (merger_init(&m, &hdr, &why) != 0 ||
	    (tok = db_begin(db, &why)) < 0)
		goto done;
	if (merge_rows(&m, r, etag, &why) != 0)
		goto done;
	rc = db_commit(db, tok, &why);
	tok = -1;
done:
	if (tok >= 0)
		db_rollback(db, tok);
	if (rc != 0) {
		/* Nothing of it is kept: neither do the counts stand. */
		memset(counts, 0, sizeof *counts);
		err_set(cause, _("roster %s: %s; nothing of it was merged"),
		    sync_roster_label(k->plural),
		    why != NULL ? why : _("out of memory"));
	}
	free(why);
	merger_free(&m);
	csv_record_clear(&hdr);
	csv_reader_free(r);
	return rc;
}

/* "YYYY-MM-DD HH:MM:SS" of setting KEY into OUT ("" when unset). */
static void
setting_copy(sqlite3 *db, const char *key, char out[HEARTH_TS_MAX])
{
	char *v = db_setting_get(db, key);

	snprintf(out, HEARTH_TS_MAX, "%s", v != NULL ? v : "");
	free(v);
}

void
roster_last(sqlite3 *db, const struct form_kind *k, struct roster_last *last)
{
	struct roster_counts *n = &last->counts;
	char key[SYNC_ROSTER_KEY_MAX], *v;

	memset(last, 0, sizeof *last);
	sync_roster_key(key, k->plural, "merged_at");
	setting_copy(db, key, last->merged_at);
	sync_roster_key(key, k->plural, "checked_at");
	setting_copy(db, key, last->checked_at);
	sync_roster_key(key, k->plural, "counts");
	if ((v = db_setting_get(db, key)) != NULL &&
	    sscanf(v, "%ld %ld %ld %ld %ld %ld", &n->inserted, &n->updated,
	    &n->unchanged, &n->kept, &n->rejected, &n->deleted) != 6)
		memset(n, 0, sizeof *n);
	free(v);
}
