/* form.h: a small declarative form engine (no curses).
 *
 * A form is a constant array of field definitions; the engine holds the
 * values, the focused field and a "changed" flag, takes abstract keys
 * (next/previous field, left/right, typed characters) and checks required
 * fields and dates.  A view (tui/formview.c) draws it and maps terminal keys
 * to form keys; a record module (forms/visit-form.c, later meals and
 * guidance) converts values to and from its struct.
 *
 * Keys per field type:
 *   TEXT, MULTILINE, DATE, DATETIME  typing edits (forms/editbuf.h);
 *                                    dates take only digits - / : space
 *   CHOICE  left/right or space pick the previous/next choice (wrapping)
 *   MULTI   left/right move between items, space ticks/unticks one
 *   YESNO   left/right or space flip
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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/labels.h"
#include "forms/editbuf.h"

enum field_type {
	FIELD_TEXT,		/* one line */
	FIELD_MULTILINE,	/* a longer text shown over several rows */
	FIELD_CHOICE,		/* one of a choice_kind */
	FIELD_MULTI,		/* a set of a choice_kind (bits) */
	FIELD_YESNO,
	FIELD_DATE,		/* YYYY-MM-DD */
	FIELD_DATETIME,		/* YYYY-MM-DD HH:MM */
};

struct field_def {
	const char *key;
	const char *label;	/* English msgid, marked N_(); shown with _() */
	enum field_type type;
	enum choice_kind kind;	/* CHOICE, MULTI */
	bool required;
	size_t max;		/* text fields: code points (0: no bound) */
	const char *when;	/* NULL, or a YESNO key that must be yes */
};

struct form_value {
	struct editbuf text;	/* text and date fields */
	int choice;		/* CHOICE: index or -1; YESNO: 1, 0 or -1 */
	unsigned bits;		/* MULTI */
	int item;		/* MULTI: the highlighted item */
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

/* Empty values (choices unset, texts empty), focus on the first field.
 * -1 if out of memory. */
int form_init(struct form *f, const struct field_def *defs, size_t n);
void form_free(struct form *f);

/* Index of the field named KEY; the keys are the program's own, so an
 * unknown key is a bug and aborts. */
size_t form_index(const struct form *f, const char *key);
bool form_active(const struct form *f, size_t i);

/* Values by key.  Text of an inactive field reads as "". */
const char *form_text(const struct form *f, const char *key);
int form_set_text(struct form *f, const char *key, const char *s);
int form_choice(const struct form *f, const char *key);
void form_set_choice(struct form *f, const char *key, int i);
unsigned form_bits(const struct form *f, const char *key);
void form_set_bits(struct form *f, const char *key, unsigned bits);
bool form_yes(const struct form *f, const char *key);
void form_set_yes(struct form *f, const char *key, bool yes);

/* Move the focus to field I (if active) and forget edits so far. */
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

/* Check required fields and the dates of active fields.  0, or -1 with
 * *BAD the first bad field and *CAUSE naming it. */
int form_validate(const struct form *f, size_t *bad, char **cause);

#endif
