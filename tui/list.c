/* list.c: selection and scrolling of a list. */
#include "tui/list.h"

void
list_reset(struct list *l, size_t n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
	if (l->first > l->sel)
		l->first = l->sel;
}

bool
list_key(struct list *l, const struct term_key *k, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;

	if (!k->fn)
		return false;
	switch (k->code) {
	case KEY_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case KEY_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case KEY_PPAGE:
		l->sel = l->sel > page ? l->sel - page : 0;
		break;
	case KEY_NPAGE:
		l->sel += page;
		if (l->sel >= l->n)
			l->sel = l->n > 0 ? l->n - 1 : 0;
		break;
	case KEY_HOME:
		l->sel = 0;
		break;
	case KEY_END:
		l->sel = l->n > 0 ? l->n - 1 : 0;
		break;
	default:
		return false;
	}
	list_fit(l, rows);
	return true;
}

void
list_fit(struct list *l, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;

	if (l->sel < l->first)
		l->first = l->sel;
	else if (l->sel >= l->first + r)
		l->first = l->sel - r + 1;
}
