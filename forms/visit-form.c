/* visit-form.c: the visit form's fields and its conversion to struct visit. */
#include "forms/visit-form.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

/* core/visit.h: free texts hold at most 2000 characters.  The one-line
 * areas are kept shorter so a volunteer writes a phrase, not an essay; the
 * note takes the rest. */
#define AREA_MAX 200
#define NOTE_MAX 2000

/* TRANSLATORS: the visit form's labels sit in a column of 10 columns
 * (5 Chinese characters); keep them that short. */
static const struct field_def visit_fields[] = {
	{ "visited_at", N_("Time"), FIELD_DATETIME, 0, true, 0, NULL },
	{ "mode", N_("Mode"), FIELD_CHOICE, CH_VISIT_MODE, true, 0, NULL },
	{ "contacted", N_("Met in person"), FIELD_YESNO, 0, true, 0, NULL },
	{ "outcome", N_("Outcome"), FIELD_CHOICE, CH_OUTCOME, true, 0, NULL },
	{ "services", N_("Services"), FIELD_MULTI, CH_SERVICE, false, 0,
	    NULL },
	{ "health", N_("Health"), FIELD_TEXT, 0, false, AREA_MAX, NULL },
	{ "economy", N_("Money"), FIELD_TEXT, 0, false, AREA_MAX, NULL },
	{ "family", N_("Family"), FIELD_TEXT, 0, false, AREA_MAX, NULL },
	{ "safety", N_("Safety"), FIELD_TEXT, 0, false, AREA_MAX, NULL },
	{ "needs", N_("Needs"), FIELD_TEXT, 0, false, AREA_MAX, NULL },
	{ "emergency", N_("Emergency"), FIELD_YESNO, 0, true, 0, NULL },
	{ "emergency_action", N_("Action taken"), FIELD_TEXT, 0, true,
	    AREA_MAX, "emergency" },
	{ "referral", N_("Referral"), FIELD_TEXT, 0, false, AREA_MAX, NULL },
	{ "follow_up", N_("Follow-up"), FIELD_DATE, 0, false, 0, NULL },
	{ "note", N_("Note"), FIELD_MULTILINE, 0, false, NOTE_MAX, NULL },
};

/* The outcome follows "met in person" as visit_normalize() in
 * core/visit.c would have it: "normal" means seen and well, so a visit
 * that did not meet the elder turns it into "not found", and meeting the
 * elder after all turns "not found" back into "normal".  Shown at once,
 * so the volunteer sees what will be saved and can still pick "refused"
 * or "risk found"; other outcomes are the volunteer's and stay. */
static void
visit_form_changed(struct form *f, size_t i)
{
	int outcome = form_choice(f, "outcome");

	if (i != form_index(f, "contacted"))
		return;
	if (!form_yes(f, "contacted") && outcome == OUTCOME_NORMAL)
		form_set_choice(f, "outcome", OUTCOME_NOT_FOUND);
	else if (form_yes(f, "contacted") && outcome == OUTCOME_NOT_FOUND)
		form_set_choice(f, "outcome", OUTCOME_NORMAL);
}

int
visit_form_init(struct form *f)
{
	if (form_init(f, visit_fields,
	    sizeof visit_fields / sizeof visit_fields[0]) == -1)
		return -1;
	f->on_change = visit_form_changed;
	return 0;
}

/* The text fields and where each lives in struct visit. */
static const struct {
	const char *key;
	size_t offset;
} visit_texts[] = {
	{ "health", offsetof(struct visit, health) },
	{ "economy", offsetof(struct visit, economy) },
	{ "family", offsetof(struct visit, family) },
	{ "safety", offsetof(struct visit, safety) },
	{ "needs", offsetof(struct visit, needs) },
	{ "emergency_action", offsetof(struct visit, emergency_action) },
	{ "referral", offsetof(struct visit, referral) },
	{ "note", offsetof(struct visit, note) },
};
#define N_TEXTS (sizeof visit_texts / sizeof visit_texts[0])

static char **
text_slot(struct visit *v, size_t i)
{
	return (char **)((char *)v + visit_texts[i].offset);
}

int
visit_form_load(struct form *f, const struct visit *v)
{
	char when[17], day[11];
	size_t i;

	date_format_time(v->day, v->minutes, when);
	if (form_set_text(f, "visited_at", v->day.y ? when : "") == -1)
		return -1;
	form_set_choice(f, "mode", v->mode);
	form_set_yes(f, "contacted", v->contacted);
	form_set_choice(f, "outcome", v->outcome);
	form_set_bits(f, "services", v->services);
	form_set_yes(f, "emergency", v->emergency);
	date_format(v->follow_up, day);
	if (form_set_text(f, "follow_up", v->follow_up.y ? day : "") == -1)
		return -1;
	for (i = 0; i < N_TEXTS; i++) {
		if (form_set_text(f, visit_texts[i].key,
		    *text_slot((struct visit *)v, i)) == -1)
			return -1;
	}
	form_focus(f, 0);
	form_mark_clean(f);
	return 0;
}

int
visit_form_store(const struct form *f, struct visit *v, size_t *bad,
    char **cause)
{
	char *copy[N_TEXTS];
	const char *s;
	size_t i;

	if (form_validate(f, bad, cause) == -1)
		return -1;
	/* Copy every text first, so running out of memory half-way leaves
	 * V as it was. */
	for (i = 0; i < N_TEXTS; i++) {
		s = form_text(f, visit_texts[i].key);
		copy[i] = NULL;
		if (*s != '\0' && (copy[i] = strdup(s)) == NULL) {
			while (i-- > 0)
				free(copy[i]);
			*bad = 0;
			err_set(cause, "%s", _("out of memory"));
			return -1;
		}
	}
	for (i = 0; i < N_TEXTS; i++) {
		free(*text_slot(v, i));
		*text_slot(v, i) = copy[i];
	}
	/* form_validate() checked both dates, so they parse. */
	date_parse_time(form_text(f, "visited_at"), &v->day, &v->minutes);
	s = form_text(f, "follow_up");
	if (*s == '\0' || !date_parse(s, &v->follow_up))
		memset(&v->follow_up, 0, sizeof v->follow_up);
	v->mode = form_choice(f, "mode");
	v->contacted = form_yes(f, "contacted");
	v->outcome = form_choice(f, "outcome");
	v->services = form_bits(f, "services");
	v->emergency = form_yes(f, "emergency");
	return 0;
}
