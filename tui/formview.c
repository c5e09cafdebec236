/* formview.c: a form on the screen: labels, values, focus, keys. */
#include "tui/formview.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/labels.h"
#include "tui/app.h"
#include "tui/draw.h"

/* Value column: focus mark, label, required mark, a space. */
#define VALUE_X (1 + FORMVIEW_LABEL_COLS + 2)

static int
field_rows(const struct field_def *d)
{
	return d->type == FIELD_MULTILINE ? FORMVIEW_NOTE_ROWS : 1;
}

/* Drawn at all: active, and not one the caller keeps off the screen. */
static bool
field_shown(const struct form *f, size_t i)
{
	return form_active(f, i) && !(f->defs[i].flags & FIELD_HIDDEN);
}

int
formview_draw_edit(int y, int x, int w, struct editbuf *eb, bool focus,
    bool secret)
{
	attr_t a = term_attr(focus ? ROLE_FIELD_FOCUS : ROLE_FIELD);
	size_t start, i;
	int pad, col;

	if (w < 1)
		return x;
	draw_fill(y, x, w, a);
	if (secret) {
		/* PINs are digits: one column each. */
		for (i = 0; i < eb->count && (int)i < w - 1; i++)
			draw_text(y, x + (int)i, 1, a, "*");
		col = (int)eb->cur;
		return x + (col < w - 1 ? col : w - 1);
	}
	col = editbuf_scroll(eb, w, &start, &pad);
	draw_text(y, x + pad, w - pad, a, eb->text + start);
	return x + col;
}

/* Draw one text row of a wrapped text: bytes [FROM, TO). */
static void
draw_slice(int y, int x, int w, attr_t a, const char *s, size_t from,
    size_t to)
{
	char *row = strndup(s + from, to - from);

	if (row != NULL)
		draw_text(y, x, w, a, row);
	free(row);
}

static void
draw_multiline(int y, int x, int w, int h, const struct editbuf *eb,
    bool focus, int *cy, int *cx)
{
	attr_t a = term_attr(focus ? ROLE_FIELD_FOCUS : ROLE_FIELD);
	size_t starts[64], nrows, crow = 0, first = 0, r, end;
	int ccol = 0, i;

	for (i = 0; i < h; i++)
		draw_fill(y + i, x, w, a);
	nrows = editbuf_wrap(eb, w, starts, 64, &crow, &ccol);
	if (nrows > 64)
		nrows = 64;	/* a note of 64 rows: show where we type */
	if (crow >= 64)
		crow = 63;
	if (crow >= (size_t)h)
		first = crow - (size_t)h + 1;
	for (r = first; r < nrows && r < first + (size_t)h; r++) {
		end = r + 1 < nrows ? starts[r + 1] : eb->len;
		draw_slice(y + (int)(r - first), x, w, a, eb->text, starts[r],
		    end);
	}
	if (focus) {
		*cy = y + (int)(crow - first);
		*cx = x + ccol;
	}
}

/* Choice items side by side: the chosen one "[like this]". */
static void
draw_choices(int y, int x, int w, const struct field_def *d,
    const struct form_value *v, bool focus)
{
	int i, n = d->type == FIELD_YESNO ? 2 : choice_count(d->choices);
	int end = x + w, chosen;
	const char *label;
	attr_t a;

	for (i = 0; i < n && x < end; i++) {
		if (d->type == FIELD_YESNO) {
			/* CH_YESNO: 0 is yes, 1 is no. */
			label = choice_display(CH_YESNO, i);
			chosen = (v->choice == 1 && i == 0) ||
			    (v->choice == 0 && i == 1);
		} else {
			label = choice_display(d->choices, i);
			chosen = v->choice == i;
		}
		a = chosen ? term_attr(focus ? ROLE_FIELD_FOCUS : ROLE_CHOSEN)
		    : term_attr(ROLE_NORMAL);
		x += draw_text(y, x, end - x, a, chosen ? "[" : " ");
		x += draw_text(y, x, end - x, a, label);
		x += draw_text(y, x, end - x, a, chosen ? "]" : " ");
		x++;
	}
}

/* Multi-select items "[x]问安 [ ]陪伴聊天 …"; the highlighted one (where
 * Space ticks) shows reversed while the field has the focus. */
static void
draw_multi(int y, int x, int w, const struct field_def *d,
    const struct form_value *v, bool focus)
{
	int i, n = choice_count(d->choices), end = x + w, first = 0, need, iw;
	const char *label;
	attr_t a;

	/* Start late enough that the highlighted item is in sight. */
	for (;;) {
		need = 0;
		for (i = first; i <= v->item && i < n; i++)
			need += 4 + draw_width(choice_display(d->choices, i));
		if (need <= w || first >= v->item)
			break;
		first++;
	}
	for (i = first; i < n && x < end; i++) {
		label = choice_display(d->choices, i);
		iw = 4 + draw_width(label);
		if (x + iw - 1 > end)
			break;
		a = focus && i == v->item ? term_attr(ROLE_FIELD_FOCUS) :
		    (v->bits & (1u << i)) ? term_attr(ROLE_CHOSEN) :
		    term_attr(ROLE_NORMAL);
		x += draw_text(y, x, end - x, a,
		    (v->bits & (1u << i)) ? "[x]" : "[ ]");
		x += draw_text(y, x, end - x, a, label);
		x++;
	}
}

/* Choose the first field drawn so the focused one fits in ROWS rows. */
static void
scroll_to_focus(struct formview *fv, const struct form *f, int rows)
{
	size_t i;
	int used;

	if (fv->first > f->focus)
		fv->first = f->focus;
	for (;;) {
		used = 0;
		for (i = fv->first; i <= f->focus; i++)
			if (field_shown(f, i))
				used += field_rows(&f->defs[i]);
		if (used <= rows || fv->first >= f->focus)
			break;
		fv->first++;
	}
}

void
formview_draw(struct formview *fv, const struct form *f, int y0, int y1,
    int *cy, int *cx)
{
	const struct field_def *d;
	struct form_value *v;
	int y = y0, w = COLS - VALUE_X, h, fw, x;
	bool focus;
	size_t i;

	*cy = -1;
	scroll_to_focus(fv, f, y1 - y0);
	for (i = fv->first; i < f->n; i++) {
		if (!field_shown(f, i))
			continue;
		d = &f->defs[i];
		v = &f->v[i];
		h = field_rows(d);
		if (y + h > y1)
			break;
		focus = i == f->focus;
		draw_text(y, 0, 1, term_attr(ROLE_CHOSEN), focus ? ">" : " ");
		draw_text_cut(y, 1, FORMVIEW_LABEL_COLS,
		    focus ? A_BOLD : A_NORMAL, _(d->label));
		if (d->flags & FIELD_REQUIRED)
			draw_text(y, 1 + FORMVIEW_LABEL_COLS, 1,
			    term_attr(ROLE_HINT), "*");
		switch (d->type) {
		case FIELD_CHOICE:
		case FIELD_YESNO:
			draw_choices(y, VALUE_X, w, d, v, focus);
			break;
		case FIELD_MULTI:
			draw_multi(y, VALUE_X, w, d, v, focus);
			break;
		case FIELD_MULTILINE:
			draw_multiline(y, VALUE_X, w, h, &v->text, focus, cy,
			    cx);
			break;
		case FIELD_ELDER:
		case FIELD_CHILD:
		case FIELD_REF:
			/* Picked before the form opens: the name shown,
			 * read-only (draw_text sanitises it). */
			draw_text_cut(y, VALUE_X, w, term_attr(ROLE_NORMAL),
			    v->ref_name != NULL ? v->ref_name :
			    editbuf_text(&v->text));
			break;
		default:
			if (d->flags & FIELD_DERIVED) {
				draw_text_cut(y, VALUE_X, w,
				    term_attr(ROLE_NORMAL),
				    editbuf_text(&v->text));
				break;
			}
			/* Dates get a field their size (and the cursor). */
			fw = d->type == FIELD_DATE ? 11 :
			    d->type == FIELD_DATETIME ? 17 :
			    d->type == FIELD_NUMBER || d->type == FIELD_MONEY ?
			    13 : w;
			x = formview_draw_edit(y, VALUE_X, fw, &v->text,
			    focus, false);
			if (focus) {
				*cy = y;
				*cx = x;
			}
			break;
		}
		y += h;
	}
}

/* Terminal keys to form keys; false if K is not one. */
static bool
map_key(const struct term_key *k, enum form_key *fk, uint32_t *cp)
{
	*cp = 0;
	if (k->fn) {
		switch (k->code) {
		case KEY_DOWN:
		case KEY_ENTER:
			*fk = FORM_NEXT;
			return true;
		case KEY_UP:
		case KEY_BTAB:
			*fk = FORM_PREV;
			return true;
		case KEY_LEFT:
			*fk = FORM_LEFT;
			return true;
		case KEY_RIGHT:
			*fk = FORM_RIGHT;
			return true;
		case KEY_HOME:
			*fk = FORM_HOME;
			return true;
		case KEY_END:
			*fk = FORM_END;
			return true;
		case KEY_BACKSPACE:
			*fk = FORM_BACKSPACE;
			return true;
		case KEY_DC:
			*fk = FORM_DELETE;
			return true;
		default:
			return false;
		}
	}
	switch (k->code) {
	case '\t':
	case '\r':
	case '\n':
		*fk = FORM_NEXT;
		return true;
	case 0x7f:
	case TERM_CTRL('h'):
		*fk = FORM_BACKSPACE;
		return true;
	case TERM_CTRL('a'):
		*fk = FORM_HOME;
		return true;
	case TERM_CTRL('e'):
		*fk = FORM_END;
		return true;
	default:
		if (k->code < 0x20)
			return false;
		*fk = FORM_CHAR;
		*cp = (uint32_t)k->code;
		return true;
	}
}

enum ev
formview_esc(struct formview *fv, const struct form *f, struct app *app,
    const struct term_key *k)
{
	const struct help_key keys[] = {
		/* TRANSLATORS: the keys that answer "Not saved yet...";
		 * help line labels, ≤ 8 columns each. */
		{ "y", _("Throw away") }, { "F2", _("Save") },
		{ "Enter", _("Go on") },
	};
	bool asked = fv->asking;

	fv->asking = false;
	if (asked) {
		if (!k->fn && (k->code == 'y' || k->code == 'Y'))
			return EV_BACK;
		if ((k->fn && k->code == KEY_F(2)) ||
		    (!k->fn && k->code == TERM_CTRL('s')))
			return EV_IGNORED;
		return EV_HANDLED;
	}
	if (k->fn || k->code != TERM_ESC)
		return EV_IGNORED;
	if (!f->changed)
		return EV_BACK;
	fv->asking = true;
	/* TRANSLATORS: on the status line (≤ 78 columns); keep the keys
	 * y, F2 and Enter. */
	app_ask(app, keys, sizeof keys / sizeof keys[0], "%s",
	    _("Not saved yet. y: throw it away, F2: save, Enter: go on"));
	return EV_HANDLED;
}

bool
formview_key(struct form *f, const struct term_key *k)
{
	enum form_key fk;
	uint32_t cp;

	if (!map_key(k, &fk, &cp))
		return false;
	form_key(f, fk, cp);
	/* A key that means "editing" is used even where it changes nothing
	 * (Backspace in an empty field): it is nobody else's. */
	return true;
}

bool
formview_edit_key(struct editbuf *eb, const struct term_key *k)
{
	enum form_key fk;
	uint32_t cp;

	if (!map_key(k, &fk, &cp) || fk == FORM_NEXT || fk == FORM_PREV)
		return false;	/* next/previous: the caller's */
	/* An editing key is used even where it changes nothing (Backspace
	 * in an empty line): it is nobody else's. */
	form_edit_line(eb, fk, cp);
	return true;
}
