/* screen-search.c: find an elder as the volunteer types.
 *
 * The index is loaded once per session (app_index) and searched in memory
 * at every keystroke (core/search.h: a scan of small arrays). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/labels.h"
#include "core/search.h"
#include "forms/editbuf.h"
#include "tui/app.h"
#include "tui/formview.h"
#include "tui/list.h"

#define QUERY_MAX 20
#define MAX_HITS 200

#define COL_NAME 1
#define W_NAME 14
#define COL_ID 16
#define W_ID 19
#define COL_VILLAGE 36
#define W_VILLAGE 24
#define COL_STATUS 61

struct search {
	struct screen base;
	struct editbuf query;
	struct search_hit hits[MAX_HITS];
	size_t nhits;		/* in hits[] */
	size_t total;		/* matches in all */
	struct list list;
	struct help_key help[3];
};

static int
list_top(void)
{
	return draw_body_top() + 4;
}

static int
list_rows(void)
{
	return draw_body_end() - list_top();
}

static void
search_rerun(struct search *s, struct app *app)
{
	struct search_index *ix;

	s->nhits = s->total = 0;
	if (!editbuf_empty(&s->query) && (ix = app_index(app)) != NULL) {
		s->total = search_run(ix, editbuf_text(&s->query), s->hits,
		    MAX_HITS);
		s->nhits = s->total < MAX_HITS ? s->total : MAX_HITS;
	}
	s->list.sel = s->list.first = 0;
	list_reset(&s->list, s->nhits);
}

static void
draw_hit(struct search *s, struct app *app, size_t i, int y)
{
	const struct search_hit *hit = &s->hits[i];
	attr_t a = i == s->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
	char id[24];

	draw_mask_id(hit->id_number, id);
	draw_cell(y, 0, COLS, a, "");
	draw_cell(y, COL_NAME, W_NAME, a | A_BOLD, hit->name);
	draw_cell(y, COL_ID, W_ID, a, id);
	draw_cell(y, COL_VILLAGE, W_VILLAGE, a,
	    app_village(app, hit->division_code));
	draw_cell(y, COL_STATUS, COLS - COL_STATUS - 1, a,
	    choice_display(CH_STATUS, hit->status));
}

static void
search_draw(struct screen *scr, struct app *app)
{
	struct search *s = (struct search *)scr;
	int y = draw_body_top() + 1, x = 1, cx, rows = list_rows(), r;
	attr_t hd = term_attr(ROLE_HEADER);
	char line[128];

	x += draw_text(y, x, COLS, A_BOLD, _("Find:"));
	cx = formview_draw_edit(y, x + 1, 24, &s->query, true, false);
	app_cursor(app, y, cx);
	if (editbuf_empty(&s->query))
		draw_text_cut(y + 1, 1, COLS - 2, term_attr(ROLE_HINT),
		    _("Type a name, pinyin initials (zs for 张三) or the "
		    "last 4 digits of the ID number"));
	else {
		if (s->total > s->nhits)
			snprintf(line, sizeof line,
			    _("%zu found, first %zu shown"), s->total,
			    s->nhits);
		else
			snprintf(line, sizeof line, _("%zu found"), s->total);
		draw_text_cut(y + 1, 1, COLS - 2, term_attr(ROLE_HINT), line);
	}
	draw_cell(y + 2, COL_NAME, W_NAME, hd, _("Name"));
	draw_cell(y + 2, COL_ID, W_ID, hd, _("ID number"));
	draw_cell(y + 2, COL_VILLAGE, W_VILLAGE, hd, _("Village"));
	draw_cell(y + 2, COL_STATUS, COLS - COL_STATUS - 1, hd, _("Status"));
	list_fit(&s->list, rows);
	for (r = 0; r < rows && s->list.first + (size_t)r < s->nhits; r++)
		draw_hit(s, app, s->list.first + (size_t)r, list_top() + r);
}

static const struct help_key *
search_help(struct screen *scr, struct app *app, size_t *n)
{
	struct search *s = (struct search *)scr;

	(void)app;
	s->help[0] = (struct help_key){ "↑↓", _("Choose") };
	s->help[1] = (struct help_key){ "Enter", _("Open") };
	s->help[2] = (struct help_key){ "Esc", _("Back") };
	*n = 3;
	return s->help;
}

static enum ev
search_key(struct screen *scr, struct app *app, const struct term_key *k)
{
	struct search *s = (struct search *)scr;

	if (list_key(&s->list, k, list_rows()))
		return EV_HANDLED;
	if (term_key_enter(k))
		return s->nhits > 0 ? app_open(app, screen_elder_new(app,
		    s->hits[s->list.sel].uid)) : EV_IGNORED;
	if (!k->fn && k->code == TERM_ESC)
		return EV_BACK;
	if (formview_edit_key(&s->query, k)) {
		search_rerun(s, app);
		return EV_HANDLED;
	}
	return EV_IGNORED;
}

static void
search_free_screen(struct screen *scr)
{
	struct search *s = (struct search *)scr;

	editbuf_free(&s->query);
	free(s);
}

static const struct screen_ops search_ops = {
	"search", search_draw, search_key, search_help, NULL,
	search_free_screen, NULL, NULL,
};

struct screen *
screen_search_new(struct app *app)
{
	struct search *s = term_xmalloc(sizeof *s);

	(void)app;
	memset(s, 0, sizeof *s);
	s->base.ops = &search_ops;
	if (editbuf_init(&s->query, QUERY_MAX) == -1)
		term_fatal("out of memory");
	return &s->base;
}
