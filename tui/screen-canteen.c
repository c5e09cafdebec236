/* screen-canteen.c: the canteen counter at lunchtime (F6 from home).
 *
 * Built for a queue: the worker types a few pinyin initials, a name or
 * the last ID digits, the list follows at each key (core/search.h, in
 * memory), ↑↓ picks and Enter records a serving with the site's
 * defaults; the query then clears for the next person and a line says
 * who was recorded and what it cost.  The day's tally for the site stays
 * at the top.  F2 switches the meal mode (堂食/送餐/自取) for the next
 * serving, F3 records it as collected by a proxy (代领) after asking the
 * name, ←→ change the meal slot (which defaults from the clock).
 *
 * The site is chosen once and remembered in the station's settings
 * ("canteen_site"); with one site there is nothing to choose.  A serving
 * is priced by meal_init_for() exactly as `hearth add meal` prices one
 * (site price, the tier's subsidy) and stored by meal_save(), whose
 * normalise is the one validation of a serving.  It is saved with
 * MEAL_SAVE_ADD: a second serving for the same elder, day and slot is
 * recorded only after the worker said yes (meal_find_twin), whether the
 * elder or a proxy collects it, and then as its own row, at full price
 * (doc/meals.md: one subsidy per meal). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/labels.h"
#include "core/meal-report.h"
#include "core/meal.h"
#include "core/money.h"
#include "core/search.h"
#include "core/site.h"
#include "forms/editbuf.h"
#include "tui/app.h"
#include "tui/formview.h"
#include "tui/list.h"

#define SETTING "canteen_site"
#define QUERY_MAX 20
#define PROXY_MAX 20
#define MAX_HITS 100

#define COL_NAME 1
#define W_NAME 14
#define COL_ID 16
#define W_ID 19
#define COL_VILLAGE 36
#define W_VILLAGE 22
#define COL_SERVED 59

enum canteen_state {
	PICK_SITE,	/* choosing among the sites */
	SERVE,		/* the counter */
	ASK_TWIN,	/* "already served: a second? (y/N)"; the proxy's
			   name, if any, waits in the proxy line */
	ASK_PROXY,	/* typing who collects the meal */
};

struct canteen {
	struct screen base;
	enum canteen_state state;
	struct site *sites;		/* every site, for choosing */
	size_t nsites;
	struct site site;		/* the one chosen */
	struct ymd today;
	int slot;			/* CH_MEAL_SLOT */
	int mode;			/* CH_MEAL_MODE of the next serving */
	struct meal_tally tally;	/* today, this site */
	char **served;			/* elder uids served this slot today */
	size_t nserved;
	struct editbuf query, proxy;
	bool by_proxy;			/* ASK_TWIN: for the proxy's name */
	struct search_hit hits[MAX_HITS];
	size_t nhits;
	struct list list;		/* hits, or sites when choosing */
	char *done;			/* the confirmation line */
	struct help_key help[6];
};

static int
list_top(void)
{
	return draw_body_top() + 6;
}

static int
list_rows(void)
{
	return draw_body_end() - list_top();
}

/* The slot of the clock (早 before 10:00, 午 before 15:00, else 晚), or
 * the nearest the site serves: a later one first (lunch typed in the
 * morning), else the last before (supper typed late). */
static int
slot_of_clock(const struct site *s, int minutes)
{
	int want = minutes < 10 * 60 ? SLOT_BREAKFAST :
	    minutes < 15 * 60 ? SLOT_LUNCH : SLOT_SUPPER, i;

	for (i = want; i < choice_count(CH_MEAL_SLOT); i++)
		if (site_serves(s, i))
			return i;
	for (i = want - 1; i >= 0; i--)
		if (site_serves(s, i))
			return i;
	return SLOT_LUNCH;
}

static void
served_free(struct canteen *c)
{
	size_t i;

	for (i = 0; i < c->nserved; i++)
		free(c->served[i]);
	free(c->served);
	c->served = NULL;
	c->nserved = 0;
}

static int
served_add(const struct meal *m, void *arg)
{
	struct canteen *c = arg;
	char **grown;

	if (m->slot != c->slot)
		return 0;
	if ((grown = realloc(c->served, (c->nserved + 1) *
	    sizeof *grown)) == NULL)
		term_fatal("out of memory");
	c->served = grown;
	c->served[c->nserved++] = term_xstrdup(m->elder_uid);
	return 0;
}

static bool
served_has(const struct canteen *c, const char *uid)
{
	size_t i;

	for (i = 0; i < c->nserved; i++)
		if (strcmp(c->served[i], uid) == 0)
			return true;
	return false;
}

/* Today's tally and who has eaten this slot (at any site: that is what
 * a second serving is), after a save or a change of slot. */
static void
canteen_reload(struct canteen *c, struct app *app)
{
	char *cause = NULL;

	c->today = date_today();
	served_free(c);
	if (meal_day_tally(app->db, c->site.meta.uid, c->today, &c->tally,
	    &cause) != 0 || meal_each(app->db, c->today, c->today,
	    served_add, c, &cause) < 0)
		app_error(app, &cause);
}

static void
canteen_search(struct canteen *c, struct app *app)
{
	struct search_index *ix;
	size_t total;

	c->nhits = 0;
	if (!editbuf_empty(&c->query) && (ix = app_index(app)) != NULL) {
		total = search_run(ix, editbuf_text(&c->query), c->hits,
		    MAX_HITS);
		c->nhits = total < MAX_HITS ? total : MAX_HITS;
	}
	c->list.sel = c->list.first = 0;
	list_reset(&c->list, c->nhits);
}

/* Open the counter for site I of the list, remembering it. */
static void
canteen_use_site(struct canteen *c, struct app *app, size_t i)
{
	char *cause = NULL;
	struct ymd day;
	int minutes;

	site_clear(&c->site);
	if (site_get(app->db, c->sites[i].meta.uid, &c->site, &cause) != 0) {
		app_error(app, &cause);
		return;
	}
	if (db_setting_set(app->db, SETTING, c->site.meta.uid, &cause) != 0)
		app_error(app, &cause);	/* asked again next time: no harm */
	date_now(&day, &minutes);
	c->slot = slot_of_clock(&c->site, minutes);
	c->mode = c->site.default_mode;
	c->state = SERVE;
	editbuf_clear(&c->query);
	canteen_search(c, app);
	canteen_reload(c, app);
}

/* ---- Drawing ---- */

static void
draw_head(struct canteen *c, int y)
{
	char line[160], a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX], day[11];
	int x = 1, i;

	date_format(c->today, day);
	x += draw_text_cut(y, x, 36, A_BOLD, c->site.name);
	x += 2;
	x += draw_text(y, x, COLS - x, A_NORMAL, day);
	x += 2;
	for (i = 0; i < choice_count(CH_MEAL_SLOT); i++) {
		if (!site_serves(&c->site, i))
			continue;
		snprintf(line, sizeof line, i == c->slot ? "[%s]" : " %s ",
		    choice_display(CH_MEAL_SLOT, i));
		x += draw_text(y, x, COLS - x, i == c->slot ?
		    term_attr(ROLE_CHOSEN) : A_NORMAL, line);
	}
	money_format(c->tally.subsidy_fen, a);
	money_format(c->tally.self_paid_fen, b);
	snprintf(line, sizeof line, _("Today: %ld servings, %ld elders; "
	    "subsidy %s yuan, self-paid %s yuan"), c->tally.servings,
	    c->tally.elders, a, b);
	draw_text_cut(y + 1, 1, COLS - 2, A_BOLD, line);
}

static void
draw_mode(struct canteen *c, int y)
{
	char item[40];
	int x = 1, i;

	x += draw_text(y, x, COLS, A_NORMAL, _("Next serving:"));
	x++;
	for (i = 0; i < choice_count(CH_MEAL_MODE); i++) {
		snprintf(item, sizeof item, i == c->mode ? "[%s]" : " %s ",
		    choice_display(CH_MEAL_MODE, i));
		x += draw_text(y, x, COLS - x, i == c->mode ?
		    term_attr(ROLE_CHOSEN) : A_NORMAL, item);
	}
}

static void
draw_hit(struct canteen *c, struct app *app, size_t i, int y)
{
	const struct search_hit *hit = &c->hits[i];
	attr_t a = i == c->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
	char id[24];

	draw_mask_id(hit->id_number, id);
	draw_cell(y, 0, COLS, a, "");
	draw_cell(y, COL_NAME, W_NAME, a | A_BOLD, hit->name);
	draw_cell(y, COL_ID, W_ID, a, id);
	draw_cell(y, COL_VILLAGE, W_VILLAGE, a,
	    app_village(app, hit->division_code));
	if (served_has(c, hit->uid))
		draw_cell(y, COL_SERVED, COLS - COL_SERVED - 1, a,
		    _("served"));
}

static void
draw_sites(struct canteen *c, int y)
{
	size_t i;
	attr_t a;

	draw_text_cut(y, 1, COLS - 2, A_BOLD,
	    _("Which meal site is this? (chosen once, F4 changes it)"));
	list_fit(&c->list, list_rows());
	for (i = c->list.first; i < c->nsites &&
	    (int)(i - c->list.first) < list_rows(); i++) {
		a = i == c->list.sel ? term_attr(ROLE_SELECTED) : A_NORMAL;
		draw_cell(list_top() + (int)(i - c->list.first), 0, COLS, a,
		    "");
		draw_cell(list_top() + (int)(i - c->list.first), 2, COLS - 4,
		    a, c->sites[i].name);
	}
}

static void
canteen_draw(struct screen *s, struct app *app)
{
	struct canteen *c = (struct canteen *)s;
	int y = draw_body_top(), x = 1, cx, r;
	attr_t hd = term_attr(ROLE_HEADER);

	if (c->state == PICK_SITE) {
		draw_sites(c, y);
		return;
	}
	draw_head(c, y);
	draw_mode(c, y + 2);
	if (c->state == ASK_PROXY || (c->state == ASK_TWIN && c->by_proxy)) {
		x += draw_text(y + 3, x, COLS, A_BOLD, _("Collected by:"));
		cx = formview_draw_edit(y + 3, x + 1, 20, &c->proxy, true,
		    false);
	} else {
		x += draw_text(y + 3, x, COLS, A_BOLD, _("Find:"));
		cx = formview_draw_edit(y + 3, x + 1, 24, &c->query, true,
		    false);
	}
	app_cursor(app, y + 3, cx);
	if (c->done != NULL)
		draw_text_cut(y + 4, 1, COLS - 2, term_attr(ROLE_OK), c->done);
	else if (editbuf_empty(&c->query))
		draw_text_cut(y + 4, 1, COLS - 2, term_attr(ROLE_HINT),
		    _("Type pinyin initials (zs for 张三), a name or the last "
		    "ID digits"));
	draw_cell(y + 5, COL_NAME, W_NAME, hd, _("Name"));
	draw_cell(y + 5, COL_ID, W_ID, hd, _("ID number"));
	draw_cell(y + 5, COL_VILLAGE, W_VILLAGE, hd, _("Village"));
	draw_cell(y + 5, COL_SERVED, COLS - COL_SERVED - 1, hd,
	    _("This meal"));
	list_fit(&c->list, list_rows());
	for (r = 0; r < list_rows() && c->list.first + (size_t)r < c->nhits;
	    r++)
		draw_hit(c, app, c->list.first + (size_t)r, list_top() + r);
}

static const struct help_key *
canteen_help(struct screen *s, struct app *app, size_t *n)
{
	struct canteen *c = (struct canteen *)s;
	size_t i = 0;

	(void)app;
	if (c->state == PICK_SITE) {
		c->help[i++] = (struct help_key){ "↑↓", _("Choose") };
		c->help[i++] = (struct help_key){ "Enter", _("Use this site") };
	} else if (c->state == ASK_PROXY) {
		c->help[i++] = (struct help_key){ "Enter", _("Serve") };
	} else {
		/* TRANSLATORS: help line labels, ≤ 8 columns each. */
		c->help[i++] = (struct help_key){ "Enter", _("Serve") };
		c->help[i++] = (struct help_key){ "←→", _("Meal") };
		c->help[i++] = (struct help_key){ "F2", _("Meal mode") };
		c->help[i++] = (struct help_key){ "F3", _("By proxy") };
		if (c->nsites > 1)
			c->help[i++] = (struct help_key){ "F4", _("Site") };
	}
	c->help[i++] = (struct help_key){ "Esc", _("Back") };
	*n = i;
	return c->help;
}

/* ---- Recording ---- */

/* Record a serving of the selected elder (a second one for this meal
 * only once the worker said yes); PROXY: who collected it, or NULL. */
static void
canteen_record(struct canteen *c, struct app *app, const char *proxy)
{
	const struct search_hit *hit = &c->hits[c->list.sel];
	char *cause = NULL, *old = c->done;
	char p[MONEY_TEXT_MAX], s[MONEY_TEXT_MAX], o[MONEY_TEXT_MAX];
	struct meal m;

	c->state = SERVE;
	c->today = date_today();
	if (meal_init_for(app->db, &c->site, hit->uid, c->today, c->slot,
	    MEAL_SAVE_ADD, &m, &cause) != 0) {
		app_error(app, &cause);
		meal_clear(&m);
		return;
	}
	m.mode = c->mode;
	if (proxy != NULL) {
		m.verification = VERIFY_PROXY;
		m.proxy_name = term_xstrdup(proxy);
	}
	if (meal_save(app->db, &m, MEAL_SAVE_ADD, app->user.login,
	    &cause) == MEAL_ERROR) {
		app_error(app, &cause);
		meal_clear(&m);
		return;
	}
	money_format(m.price_fen, p);
	money_format(m.subsidy_fen, s);
	money_format(m.self_paid_fen, o);
	/* TRANSLATORS: the line after a serving; it must fit in 78
	 * columns with a name of 4 characters (and the proxy's, 4). */
	if ((proxy == NULL ? asprintf(&c->done, _("Recorded: %s %s %s: price "
	    "%s = subsidy %s + self-paid %s"), hit->name,
	    choice_display(CH_MEAL_SLOT, m.slot),
	    choice_display(CH_MEAL_MODE, m.mode), p, s, o) :
	    asprintf(&c->done, _("Recorded: %s %s %s, collected by %s: price "
	    "%s = subsidy %s + self-paid %s"), hit->name,
	    choice_display(CH_MEAL_SLOT, m.slot),
	    choice_display(CH_MEAL_MODE, m.mode), proxy, p, s, o)) < 0)
		c->done = NULL;
	free(old);
	meal_clear(&m);
	/* Ready for the next person in the queue. */
	c->mode = c->site.default_mode;
	editbuf_clear(&c->query);
	editbuf_clear(&c->proxy);
	canteen_search(c, app);
	canteen_reload(c, app);
}

/* The second-serving question per slot (CH_MEAL_SLOT order): the meal
 * named as a meal, which the slot's label alone (早, 午, 晚) is not. */
static const char *const twin_question[] = {
	/* TRANSLATORS: on the status line (≤ 78 columns with a name of 4
	 * characters); keep "y/N", the keys that answer it. */
	N_("%s already had breakfast today: record a second? (y/N)"),
	N_("%s already had lunch today: record a second? (y/N)"),
	N_("%s already had supper today: record a second? (y/N)"),
};

/* Serve the selected elder (PROXY: collected by the name in the proxy
 * line), asking first when this meal is already recorded. */
static void
canteen_enter(struct canteen *c, struct app *app, bool proxy)
{
	const struct help_key keys[] = {
		/* TRANSLATORS: the keys that answer "record a second?";
		 * help line labels, ≤ 8 columns each. */
		{ "y", _("Record again") }, { "Enter", _("Do not") },
	};
	const struct search_hit *hit;
	char *cause = NULL;
	int rc;

	if (c->nhits == 0)
		return;
	hit = &c->hits[c->list.sel];
	rc = meal_find_twin(app->db, hit->uid, date_today(), c->slot, NULL,
	    &cause);
	if (rc < 0) {
		app_error(app, &cause);
		return;
	}
	if (rc == 0 && c->slot >= 0 && (size_t)c->slot <
	    sizeof twin_question / sizeof twin_question[0]) {
		c->state = ASK_TWIN;
		c->by_proxy = proxy;
		app_ask(app, keys, sizeof keys / sizeof keys[0],
		    _(twin_question[c->slot]), hit->name);
		return;
	}
	canteen_record(c, app, proxy ? editbuf_text(&c->proxy) : NULL);
}

static enum ev
canteen_key_pick(struct canteen *c, struct app *app,
    const struct term_key *k)
{
	if (list_key(&c->list, k, list_rows()))
		return EV_HANDLED;
	if (term_key_enter(k) && c->nsites > 0) {
		canteen_use_site(c, app, c->list.sel);
		return EV_HANDLED;
	}
	if (!k->fn && k->code == TERM_ESC) {
		/* Back to the counter of the site in use, if any. */
		if (c->site.meta.uid[0] == '\0')
			return EV_BACK;
		c->state = SERVE;
		canteen_search(c, app);
		return EV_HANDLED;
	}
	return EV_IGNORED;
}

static enum ev
canteen_key_proxy(struct canteen *c, struct app *app,
    const struct term_key *k)
{
	if (!k->fn && k->code == TERM_ESC) {
		c->state = SERVE;
		return EV_HANDLED;
	}
	if (term_key_enter(k)) {
		if (editbuf_empty(&c->proxy))
			app_message(app, MSG_ERROR, "%s", _("Type the name of "
			    "who collects the meal, or Esc"));
		else
			canteen_enter(c, app, true);
		return EV_HANDLED;
	}
	return formview_edit_key(&c->proxy, k) ? EV_HANDLED : EV_IGNORED;
}

static enum ev
canteen_key(struct screen *s, struct app *app, const struct term_key *k)
{
	struct canteen *c = (struct canteen *)s;
	int n = choice_count(CH_MEAL_SLOT), i;

	if (c->state == PICK_SITE)
		return canteen_key_pick(c, app, k);
	if (c->state == ASK_PROXY)
		return canteen_key_proxy(c, app, k);
	if (c->state == ASK_TWIN) {
		/* Only a deliberate y records a second serving; any other
		 * key (Enter again included) leaves it at one. */
		c->state = SERVE;
		if (!k->fn && (k->code == 'y' || k->code == 'Y'))
			canteen_record(c, app, c->by_proxy ?
			    editbuf_text(&c->proxy) : NULL);
		else {
			editbuf_clear(&c->proxy);
			app_message(app, MSG_INFO, "%s",
			    _("Not recorded again"));
		}
		return EV_HANDLED;
	}
	if (list_key(&c->list, k, list_rows()))
		return EV_HANDLED;
	if (term_key_enter(k)) {
		canteen_enter(c, app, false);
		return EV_HANDLED;
	}
	if (k->fn && (k->code == KEY_LEFT || k->code == KEY_RIGHT)) {
		/* The next slot the site serves, wrapping. */
		for (i = 1; i < n; i++) {
			int slot = (c->slot + (k->code == KEY_LEFT ? n - i : i))
			    % n;

			if (site_serves(&c->site, slot)) {
				c->slot = slot;
				break;
			}
		}
		canteen_reload(c, app);
		return EV_HANDLED;
	}
	if (k->fn && k->code == KEY_F(2)) {
		c->mode = (c->mode + 1) % choice_count(CH_MEAL_MODE);
		return EV_HANDLED;
	}
	if (k->fn && k->code == KEY_F(3) && c->nhits > 0) {
		c->state = ASK_PROXY;
		editbuf_clear(&c->proxy);
		return EV_HANDLED;
	}
	if (k->fn && k->code == KEY_F(4) && c->nsites > 1) {
		c->state = PICK_SITE;
		list_reset(&c->list, c->nsites);
		return EV_HANDLED;
	}
	if (!k->fn && k->code == TERM_ESC) {
		if (editbuf_empty(&c->query))
			return EV_BACK;
		editbuf_clear(&c->query);
		canteen_search(c, app);
		return EV_HANDLED;
	}
	if (formview_edit_key(&c->query, k)) {
		free(c->done);
		c->done = NULL;
		canteen_search(c, app);
		return EV_HANDLED;
	}
	return EV_IGNORED;
}

static void
canteen_free(struct screen *s)
{
	struct canteen *c = (struct canteen *)s;

	site_list_free(c->sites, c->nsites);
	site_clear(&c->site);
	served_free(c);
	editbuf_free(&c->query);
	editbuf_free(&c->proxy);
	free(c->done);
	free(c);
}

/* A serving begun with F3 waits for the name of who collects it (or, the
 * name typed, for the answer to "a second?").  The search line is not
 * counted: leaving loses a few letters, no record. */
static const char *
canteen_unsaved(struct screen *s)
{
	struct canteen *c = (struct canteen *)s;

	if ((c->state != ASK_PROXY && !(c->state == ASK_TWIN &&
	    c->by_proxy)) || editbuf_empty(&c->proxy))
		return NULL;
	/* TRANSLATORS: on the status line (≤ 78 columns); keep "y/N",
	 * the keys that answer it. */
	return _("This meal is not recorded yet. Leave hearth anyway? (y/N)");
}

static const struct screen_ops canteen_ops = {
	"canteen", canteen_draw, canteen_key, canteen_help, NULL,
	canteen_free, canteen_unsaved, NULL,
};

struct screen *
screen_canteen_new(struct app *app)
{
	struct canteen *c = term_xmalloc(sizeof *c);
	char *cause = NULL, *chosen;
	size_t i;

	memset(c, 0, sizeof *c);
	c->base.ops = &canteen_ops;
	site_init(&c->site);
	if (editbuf_init(&c->query, QUERY_MAX) == -1 ||
	    editbuf_init(&c->proxy, PROXY_MAX) == -1)
		term_fatal("out of memory");
	if (site_list(app->db, &c->sites, &c->nsites, &cause) != 0) {
		app_error(app, &cause);
		canteen_free(&c->base);
		return NULL;
	}
	if (c->nsites == 0) {
		app_message(app, MSG_ERROR, "%s", _("No meal sites yet: add one "
		    "with \"hearth add site\""));
		canteen_free(&c->base);
		return NULL;
	}
	/* The site chosen before, while it is still in use; with one
	 * site, that one. */
	chosen = db_setting_get(app->db, SETTING);
	for (i = 0; i < c->nsites; i++)
		if (c->nsites == 1 || (chosen != NULL &&
		    strcmp(c->sites[i].meta.uid, chosen) == 0))
			break;
	free(chosen);
	if (i < c->nsites)
		canteen_use_site(c, app, i);
	else {
		c->state = PICK_SITE;
		list_reset(&c->list, c->nsites);
	}
	return &c->base;
}
