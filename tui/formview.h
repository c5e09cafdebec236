/* formview.h: draws any forms/form.h form and feeds it terminal keys.
 *
 * One field a row (a MULTILINE field takes FORMVIEW_NOTE_ROWS): a focus
 * mark, the label (cut to FORMVIEW_LABEL_COLS), a "*" for required, then
 * the value.  Choices are drawn side by side with the chosen one in
 * brackets, so the possibilities are visible without opening anything;
 * ticked items of a multi-select show "[x]".  When the rows do not fit,
 * the view scrolls to keep the focused field in sight.
 *
 * Keys: Tab, Enter, Down go to the next field; Shift-Tab, Up to the
 * previous one; the rest go to the focused field (forms/form.h). */
#ifndef HEARTH_FORMVIEW_H
#define HEARTH_FORMVIEW_H

#include <stdbool.h>

#include "forms/editbuf.h"
#include "forms/form.h"
#include "tui/screen.h"
#include "tui/term.h"

struct app;

/* Form labels are cut to this many columns (translators are told). */
#define FORMVIEW_LABEL_COLS 10
#define FORMVIEW_NOTE_ROWS 3

struct formview {
	size_t first;		/* first field drawn */
	bool asking;		/* Esc's question waits for its answer */
};

/* Draw F in rows [Y0, Y1).  *CY, *CX get the cursor position when a text
 * field has the focus, else *CY = -1. */
void formview_draw(struct formview *fv, const struct form *f, int y0,
    int y1, int *cy, int *cx);

/* Esc on form F, and the answer to the question it asks when F holds
 * changes not saved ("Not saved yet. y: throw it away, F2: save, Enter:
 * go on", its keys on the help line).  Only y throws the form away:
 * Enter is what a volunteer presses to get past any question (as with
 * Ctrl-C's), and Esc after Esc may be a stuck key or a child at the
 * kiosk.  Returns EV_BACK to close the form (nothing changed, or y),
 * EV_HANDLED (asked, or answered: the form stays as it was, the key
 * used up), or EV_IGNORED: not Esc nor an answer, or F2 / Ctrl-S (save)
 * given as one, which are the caller's like every other key. */
enum ev formview_esc(struct formview *fv, const struct form *f,
    struct app *app, const struct term_key *k);

/* Give K to F.  True if the form used it. */
bool formview_key(struct form *f, const struct term_key *k);

/* A one-line edit field W columns wide at Y, X (SECRET shows "*" for each
 * character).  Returns the cursor's column on the screen. */
int formview_draw_edit(int y, int x, int w, struct editbuf *eb, bool focus,
    bool secret);

/* Map K to an editing key for a lone editbuf (login, search).  True if
 * it was one and EB used it. */
bool formview_edit_key(struct editbuf *eb, const struct term_key *k);

#endif
