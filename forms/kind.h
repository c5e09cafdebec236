/* kind.h: a record kind (visit, elder, later meal, child, guidance) as a
 * form, and the ONE way a record of it is checked and saved.
 *
 * A kind is its field definitions (forms/form.h: types, limits, defaults,
 * column names, where each value lives in the record struct) plus a few
 * hooks into core/, whose normalise-and-save functions have the last word
 * on the record.  Every way in goes through kind_store() and kind_submit():
 *   the screen      kind_form_init, form_load(record), keys, kind_submit;
 *   `hearth add`    kind_input_new(names, KIND_FROM_COMMAND), then
 *                   kind_input_save(values);
 *   CSV import      kind_input_new(header, KIND_FROM_FILE), then
 *                   kind_input_save(row) for every row (forms/import.h);
 *   the hub's roster the same, with kind_input_find and kind_input_cells
 *                   to compare a row with the stored record first
 *                   (forms/roster.h);
 * and every way out (forms/export.h) writes form_output() of the fields.
 *
 * Upsert (doc/csv.md): a record given as named values is matched to the
 * stored one its key fields name (the kind's find hook); the given values
 * replace the stored ones and the others stay.  An empty value clears a
 * field (or sets its default); a new record starts from the kind's init
 * and the defaults of the fields not given.
 *
 * The kinds are listed in forms/kinds.c, which is how `hearth add`,
 * `import` and `export` know them by name. */
#ifndef HEARTH_KIND_H
#define HEARTH_KIND_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "forms/form.h"

enum kind_result {
	KIND_ERROR = -1, KIND_INSERTED = 0, KIND_UPDATED = 1,
	KIND_UNCHANGED = 2
};

struct form_kind {
	const char *name;	/* "visit": `hearth add visit` */
	const char *plural;	/* "visits": `import`/`export visits` */
	const char *title;	/* N_("Visit"): "Visit saved." */
	const struct field_def *fields;	/* in the order the screen shows */
	size_t n;
	/* SPEC's export columns in SPEC's order (NULL-terminated): field
	 * keys and the name_key of ELDER/CHILD fields.  The other fields
	 * follow in field order (SPEC: "more may follow"), so a new field
	 * is exported without touching this list. */
	const char *const *columns;
	size_t size;			/* sizeof the record struct */
	void (*init)(void *rec);	/* a new record, core's defaults */
	void (*clear)(void *rec);
	/* The stored record REC's key fields name, into *STORED (an
	 * initialised record): 0 found, 1 none, -1 and *CAUSE.  NULL: every
	 * record is new. */
	int (*find)(sqlite3 *db, const void *rec, void *stored, char **cause);
	/* NULL, or set the DERIVED fields from the others (DB for what they
	 * refer to).  A value's `given` flag tells one the command line or
	 * file gave from one stored or defaulted by the kind's init (never
	 * set on the screen).  -1 and *CAUSE. */
	int (*derive)(struct form *f, sqlite3 *db, char **cause);
	/* NULL, or the rules between fields (price = subsidy + self-paid):
	 * 0, or -1 with *BAD the field to fix and *CAUSE. */
	int (*check)(const struct form *f, sqlite3 *db, size_t *bad,
	    char **cause);
	/* core's normalise-and-store: KIND_INSERTED/UPDATED/UNCHANGED or
	 * KIND_ERROR and *CAUSE. */
	int (*save)(sqlite3 *db, void *rec, const char *login, char **cause);
	/* NULL, or the screen's follow rule (form.h on_change). */
	void (*on_change)(struct form *f, size_t i);
	/* Export: FN(rec, ARG) for every record of [SINCE, UNTIL] (y == 0:
	 * open); FN returns non-zero to stop.  0, or -1 and *CAUSE. */
	int (*each)(sqlite3 *db, struct ymd since, struct ymd until,
	    int (*fn)(const void *rec, void *arg), void *arg, char **cause);
	/* NULL, or the key of a CHILD field that may name several records
	 * at once: one guidance session for a whole class (`hearth add
	 * guidance --child A --child B`, the children marked on the
	 * screen), saved by save_group. */
	const char *group;
	/* Save REC once for each of UIDS[0..N), the group field's records,
	 * all or nothing: KIND_INSERTED when a row is new, else
	 * KIND_UPDATED when one changed, else KIND_UNCHANGED; KIND_ERROR
	 * and *CAUSE (nothing saved). */
	int (*save_group)(sqlite3 *db, void *rec, const char *const *uids,
	    size_t n, const char *login, char **cause);
	/* NULL, or load the record UID into REC (initialised), deleted
	 * ones too: 0 found, 1 none, -1 and *CAUSE.  `hearth sync` sends a
	 * record as its export row (forms/sync-record.h). */
	int (*get)(sqlite3 *db, const char *uid, void *rec, char **cause);
};

/* The kind named NAME (singular or plural), or NULL. */
const struct form_kind *kind_by_name(const char *name);
/* "elders, visits": the names (PLURAL) of every kind, for messages;
 * malloc'd, NULL when out of memory. */
char *kind_list(bool plural);

/* An empty form of kind K with its follow rule.  -1 if out of memory. */
int kind_form_init(struct form *f, const struct form_kind *k);

/* Validate F, derive, check the cross-field rules and copy F into REC:
 * everything but saving (the screen's test of its form).  0, or -1 with
 * *BAD the field to fix and *CAUSE. */
int kind_store(const struct form_kind *k, struct form *f, sqlite3 *db,
    void *rec, size_t *bad, char **cause);

/* kind_store() and then the kind's save, as LOGIN. */
enum kind_result kind_submit(const struct form_kind *k, struct form *f,
    sqlite3 *db, void *rec, const char *login, size_t *bad, char **cause);

/* kind_submit() for the N records UIDS of K's group field together (its
 * first should be the one F holds: the derived fields follow it): one
 * kind_store() of F, then the kind's save_group. */
enum kind_result kind_submit_group(const struct form_kind *k, struct form *f,
    sqlite3 *db, void *rec, const char *const *uids, size_t n,
    const char *login, size_t *bad, char **cause);

/* ---- Records given as named texts: the command line, CSV rows ---- */

enum kind_source {
	KIND_FROM_FILE,		/* a CSV row: a missing time is an error */
	KIND_FROM_COMMAND,	/* `hearth add`: live, times default to now */
};

/* Which field each of N names (a header, the options given) is. */
struct kind_input;

/* Map NAMES[0..N) to fields of K by key or header; other names (an
 * export's uid, a county's 序号, DERIVED fields) are ignored.  NULL and
 * *CAUSE when a required field without a usable default is missing (from
 * a file: "the header lacks required columns: 身份证号/elder_id_number";
 * from a command: "these options are required: --elder_id_number"). */
struct kind_input *kind_input_new(const struct form_kind *k,
    const char *const *names, size_t n, enum kind_source source,
    char **cause);
void kind_input_free(struct kind_input *in);

/* Number of names it was made from (a header's columns). */
size_t kind_input_columns(const struct kind_input *in);

/* Save the record whose texts VALUES[0..N) follow IN's names, as LOGIN:
 * upsert as above, then kind_submit().  KIND_ERROR and *CAUSE naming the
 * field when a value or the record is invalid or cannot be saved. */
enum kind_result kind_input_save(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, const char *login, char **cause);

/* The field key ("id_number") column C of IN's names stands for, or NULL
 * for a column IN ignores. */
const char *kind_input_key(const struct kind_input *in, size_t c);

/* VALUES[0..N) (following IN's names) as the kind writes them: each text
 * read as its field reads it and written back as `hearth export` writes
 * it (form_output: "2024/3/7" is 2024-03-07, "独居,低保" 独居、低保, an
 * empty text a choice's default), so texts from elsewhere compare with
 * a stored record's export cells.  CELLS[0..N) get malloc'd texts, NULL
 * for a column IN ignores.  0, or -1 and *CAUSE naming the field (CELLS
 * hold nothing then). */
int kind_input_cells(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, char **cells, char **cause);

/* The stored record VALUES (following IN's names) name by the kind's key
 * fields — the one kind_input_save() would update, deleted or not — its
 * uid into UID: 0 found, 1 none (also for a kind without a find hook),
 * -1 and *CAUSE (a value its field cannot read). */
int kind_input_find(const struct kind_input *in, sqlite3 *db,
    const char *const *values, size_t n, char uid[HEARTH_UID_MAX],
    char **cause);

/* Records saved through IN name several records in the kind's group
 * field: the one given among the values and MORE[0..NMORE) (texts as
 * that field takes them, so an unknown child is named; kept, not
 * copied), saved as one through kind_submit_group().  Only for a kind
 * with a group. */
void kind_input_group(struct kind_input *in, const char *const *more,
    size_t nmore);

#endif
