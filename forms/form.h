/* form.h: a small declarative form engine (no curses).
 *
 * A form is a constant array of field definitions: data, not code.  Each
 * definition says what the field holds (its type, limits, choices,
 * default), what people call it (screen label, the noun messages use, a
 * help line, all through gettext), how files and the command line name it
 * (KEY is the column of `hearth export` and the --KEY of `hearth add`,
 * HEADERS the Chinese headers import also accepts) and where its value
 * lives in the record struct (BIND, so converting a form to and from a
 * struct visit or struct elder is generic: forms/form-bind.c).  A record
 * kind (forms/kind.h) puts the fields together with the hooks of one
 * record type; doc/forms.md says how to add a field.
 *
 * The engine holds the values, the focused field and a "changed" flag,
 * takes abstract keys (next/previous field, left/right, typed characters)
 * and checks required fields, dates and bounds.  A view (tui/formview.c)
 * draws it and maps terminal keys to form keys.  Text from a file or the
 * command line comes in through form_set_input() and goes out through
 * form_output() (forms/form-text.c), so the screen, `hearth add` and CSV
 * import hold one kind of value and judge it one way.
 *
 * Keys per field type:
 *   TEXT, MULTILINE, DATE, DATETIME,  typing edits (forms/editbuf.h);
 *   NUMBER, MONEY                     dates take only digits - / : space,
 *                                     numbers digits and -, money digits
 *                                     and . (the screen edits yuan)
 *   CHOICE  left/right or space pick the previous/next choice (wrapping)
 *   MULTI   left/right move between items, space ticks/unticks one
 *   YESNO   left/right or space flip
 *   ELDER, CHILD, REF, DERIVED and HIDDEN fields take no keys: focus
 *   skips them.
 * A field whose definition names WHEN (the key of a YESNO field) is
 * active only while that field is yes: focus skips it, validation ignores
 * it and its value reads as empty.
 *
 * A field may follow another: after a key changes field I, the form's
 * on_change hook (if set) is called with I and may set other values
 * (visit-form.c: outcome follows "met in person").  The form_set_*()
 * functions do not call it, so loading a record sets exactly what it
 * holds. */
#ifndef HEARTH_FORM_H
#define HEARTH_FORM_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/labels.h"
#include "forms/editbuf.h"

enum field_type {
	FIELD_TEXT,		/* one line */
	FIELD_MULTILINE,	/* a longer text shown over several rows */
	FIELD_NUMBER,		/* an integer in [min, max] */
	FIELD_MONEY,		/* fen, >= 0: files give fen, the screen yuan */
	FIELD_DATE,		/* YYYY-MM-DD */
	FIELD_DATETIME,		/* YYYY-MM-DD HH:MM */
	FIELD_CHOICE,		/* one of a choice_kind */
	FIELD_MULTI,		/* a set of a choice_kind (bits) */
	FIELD_YESNO,
	FIELD_ELDER,		/* an elder's uid; given as an ID number */
	FIELD_CHILD,		/* a child's uid; given as the uid */
	FIELD_REF,		/* another record's uid (a meal's site), given
				   as its key text through the field's ref */
};

enum field_flag {
	FIELD_REQUIRED = 1 << 0,
	/* Computed by the kind's derive() (a child's age in months, a
	 * record's uid): shown read-only, never taken from input (a file's
	 * column of that name is ignored, `hearth add` has no option). */
	FIELD_DERIVED = 1 << 1,
	/* Not on the screen: the caller sets it (the visit's elder is
	 * picked before the form opens, the visitor is who logged in). */
	FIELD_HIDDEN = 1 << 2,
	/* A digit string (ID number, phone, division code): `export
	 * --excel` writes it as ="..." so a spreadsheet keeps it text, and
	 * import unwraps it.  Other columns are read literally. */
	FIELD_EXCEL_TEXT = 1 << 3,
};

/* Where a field's value lives in the record struct.  Write it with the
 * BIND_*() macros, which check the member's C type at compile time. */
enum bind_type {
	BOUND_NONE,	/* not stored (the kind's hooks handle it) */
	BOUND_STR,	/* char *, malloc'd, NULL for empty: TEXT, MULTILINE */
	BOUND_CHARS,	/* char[N]: TEXT, ELDER, CHILD (a uid) */
	BOUND_INT,	/* int: CHOICE (-1 unset), NUMBER */
	BOUND_LONG,	/* long: NUMBER, MONEY */
	BOUND_LLONG,	/* long long: NUMBER, MONEY (core/money.h) */
	BOUND_BITS,	/* unsigned: MULTI */
	BOUND_BOOL,	/* bool: YESNO */
	BOUND_DATE,	/* struct ymd, y == 0 for none: DATE */
	BOUND_TIME,	/* struct ymd + int minutes: DATETIME */
};

struct field_bind {
	enum bind_type type;
	size_t off;
	size_t aux;	/* CHARS: the array's size; TIME: minutes' offset */
};

/* 0, or a compile error when member M of T is not of type C. */
#define BIND_CHECK_(T, M, C) (0 * sizeof(_Generic(((T *)0)->M, C: 1)))
#define BIND_STR(T, M) \
	{ BOUND_STR + BIND_CHECK_(T, M, char *), offsetof(T, M), 0 }
#define BIND_CHARS(T, M) { BOUND_CHARS + BIND_CHECK_(T, M, char *), \
	offsetof(T, M), sizeof(((T *)0)->M) }
#define BIND_INT(T, M) \
	{ BOUND_INT + BIND_CHECK_(T, M, int), offsetof(T, M), 0 }
#define BIND_LONG(T, M) \
	{ BOUND_LONG + BIND_CHECK_(T, M, long), offsetof(T, M), 0 }
#define BIND_LLONG(T, M) \
	{ BOUND_LLONG + BIND_CHECK_(T, M, long long), offsetof(T, M), 0 }
#define BIND_BITS(T, M) \
	{ BOUND_BITS + BIND_CHECK_(T, M, unsigned), offsetof(T, M), 0 }
#define BIND_BOOL(T, M) \
	{ BOUND_BOOL + BIND_CHECK_(T, M, bool), offsetof(T, M), 0 }
#define BIND_DATE(T, M) { BOUND_DATE + BIND_CHECK_(T, M, struct ymd), \
	offsetof(T, M), 0 }
#define BIND_TIME(T, DAY, MINUTES) \
	{ BOUND_TIME + BIND_CHECK_(T, DAY, struct ymd) + \
	BIND_CHECK_(T, MINUTES, int), offsetof(T, DAY), offsetof(T, MINUTES) }

/* How text names a referenced record (ELDER, CHILD, REF fields). */
struct form_ref {
	/* TEXT as a person gives it (an ID number, a uid) to the record's
	 * UID, its KEY text (what the column holds on export) and NAME
	 * (malloc'd).  0, or -1 and *CAUSE (also when there is no such
	 * record: say how to fix it). */
	int (*find)(sqlite3 *db, const char *text, char uid[HEARTH_UID_MAX],
	    char **key, char **name, char **cause);
	/* FN(uid, key, name, ARG) for every record, for exports; FN returns
	 * non-zero to stop.  0, or -1 and *CAUSE. */
	int (*each)(sqlite3 *db, int (*fn)(const char *uid, const char *key,
	    const char *name, void *arg), void *arg, char **cause);
};

/* Elders by ID number (or uid); forms/elder-ref.c. */
extern const struct form_ref form_ref_elder;
/* Children by uid (or ID number); forms/child-ref.c. */
extern const struct form_ref form_ref_child;

struct field_def {
	const char *key;	/* CSV/CLI column (SPEC's English name) */
	const char *label;	/* screen label, N_(), <= 10 columns */
	const char *noun;	/* what messages call it, N_() (NULL: label) */
	const char *help;	/* one line for the screen and --help, N_() */
	enum field_type type;
	enum choice_kind choices;	/* CHOICE, MULTI */
	unsigned flags;			/* enum field_flag */
	/* NUMBER: bounds (both 0: any); MONEY: max fen (0: any);
	 * texts: MAX code points (0: no bound). */
	long min, max;
	/* Text as form_set_input() takes it, for an empty input and a new
	 * record: a label, a number, 是/否, or "now"/"today", which only
	 * live input (the screen, `hearth add`) uses: a row in a file that
	 * lacks its time is an error, not "now". */
	const char *def;
	const char *when;	/* NULL, or a YESNO key that must be yes */
	const char *headers[4];	/* also accepted on import (Chinese first) */
	const char *name_key;	/* ELDER, CHILD: export column of the name */
	const struct form_ref *ref;	/* ELDER (NULL: elders), CHILD, REF */
	struct field_bind bind;
};

struct form_value {
	/* Text, dates, NUMBER (decimal), MONEY (yuan, "12.50": what the
	 * screen edits), ELDER/CHILD (the uid). */
	struct editbuf text;
	int choice;		/* CHOICE: index or -1; YESNO: 1, 0 or -1 */
	unsigned bits;		/* MULTI */
	int item;		/* MULTI: the highlighted item */
	char *ref_key;		/* ELDER/CHILD: ID number or uid, if known */
	char *ref_name;		/* ELDER/CHILD: the name shown, if known */
	bool given;		/* set by form_set_input() */
};

struct form {
	const struct field_def *defs;
	size_t n;
	struct form_value *v;
	size_t focus;
	bool changed;		/* edited since form_init / form_mark_clean */
	/* NULL, or called after a key changed the value of field I. */
	void (*on_change)(struct form *f, size_t i);
};

enum form_key {
	FORM_NEXT, FORM_PREV, FORM_LEFT, FORM_RIGHT, FORM_HOME, FORM_END,
	FORM_BACKSPACE, FORM_DELETE, FORM_CHAR
};

/* Empty values (choices unset, texts empty), focus on the first field
 * that takes keys.  -1 if out of memory. */
int form_init(struct form *f, const struct field_def *defs, size_t n);
void form_free(struct form *f);

/* Index of the field named KEY; the keys are the program's own, so an
 * unknown key is a bug and aborts. */
size_t form_index(const struct form *f, const char *key);
/* Index of the field whose key or one of HEADERS is NAME as a file or
 * the command line spells it (ASCII case, surrounding white space and a
 * BOM ignored), or -1. */
int form_find(const struct field_def *defs, size_t n, const char *name);
/* The name messages use for field D, translated. */
const char *form_noun(const struct field_def *d);

/* Active: its WHEN field (if any) is yes.  Focusable: active and one a
 * person edits (not DERIVED, HIDDEN, ELDER or CHILD). */
bool form_active(const struct form *f, size_t i);
bool form_focusable(const struct form *f, size_t i);

/* Values by key.  Text of an inactive field reads as "". */
const char *form_text(const struct form *f, const char *key);
int form_set_text(struct form *f, const char *key, const char *s);
int form_choice(const struct form *f, const char *key);
void form_set_choice(struct form *f, const char *key, int i);
unsigned form_bits(const struct form *f, const char *key);
void form_set_bits(struct form *f, const char *key, unsigned bits);
bool form_yes(const struct form *f, const char *key);
void form_set_yes(struct form *f, const char *key, bool yes);
/* ELDER/CHILD: the uid and, when known, the key text and name shown
 * (KEY and NAME may be NULL).  -1 if out of memory. */
int form_set_ref(struct form *f, const char *key, const char *uid,
    const char *ref_key, const char *name);

/* Move the focus to field I (if focusable); what was typed stays (and
 * stays unsaved: form_mark_clean() is what forgets that). */
void form_focus(struct form *f, size_t i);
void form_mark_clean(struct form *f);

/* Apply one key (CP is the character for FORM_CHAR).  True if the form
 * used it; false leaves it to the caller (FORM_NEXT on the last field,
 * say). */
bool form_key(struct form *f, enum form_key key, uint32_t cp);

/* Apply an editing KEY (not next/previous) to one edit line, as a text
 * field does; screens with a bare edit line (login, search) use it too.
 * True if KEY moved the cursor or changed the text. */
bool form_edit_line(struct editbuf *eb, enum form_key key, uint32_t cp);

/* Check the active fields: required ones filled in, dates real dates,
 * numbers and money in bounds.  0, or -1 with *BAD the first bad field
 * and *CAUSE naming it. */
int form_validate(const struct form *f, size_t *bad, char **cause);

/* ---- Text in and out (forms/form-text.c) ---- */

/* Set field I from TEXT as a file or the command line gives it: trimmed;
 * empty means the field's default (not "now"/"today") or no value;
 * choices by Chinese label or English code; multi-values split on 、 ; |
 * , ，；; yes/no also 是/否; dates as date_parse() takes them; NUMBER a
 * decimal integer in bounds; MONEY fen, an integer >= 0; ELDER/CHILD
 * through the field's ref (DB needed).  Marks the field given.  0, or -1
 * and *CAUSE naming the field and quoting TEXT. */
int form_set_input(struct form *f, size_t i, const char *text, sqlite3 *db,
    char **cause);

/* Set field I to its default as live input would (TEXT "now" and "today"
 * are the clock's); nothing for a field without one.  -1 and *CAUSE when
 * the default is not a value of the field (a bug in its definition). */
int form_set_default(struct form *f, size_t i, sqlite3 *db, char **cause);

/* The text of field I as `hearth export` writes it (labels, 是/否, ISO
 * dates, 、-joined multi-values, money in fen, an ELDER's ID number),
 * malloc'd; "" for none.  NULL only when out of memory. */
char *form_output(const struct form *f, size_t i);

/* ---- Records (forms/form-bind.c) ---- */

/* Fill every bound field from the record REC (a struct of the form's
 * kind), mark the form unchanged and put the focus first.  -1 if out of
 * memory. */
int form_load(struct form *f, const void *rec);

/* Copy the bound fields into REC (an inactive field as empty); with
 * GIVEN_ONLY just those set by form_set_input().  Nothing is changed when
 * it fails: -1 with *BAD and *CAUSE (out of memory, a text longer than its
 * member). */
int form_store(const struct form *f, void *rec, bool given_only,
    size_t *bad, char **cause);

#endif
