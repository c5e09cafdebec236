/* test-form.c: the form engine's keys and validation, and the visit form.
 * Parsing, defaults, derived fields and cross-field rules: test-kind.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/labels.h"
#include "forms/form.h"
#include "forms/kind.h"
#include "forms/visit-form.h"

static const struct field_def defs[] = {
	{ .key = "name", .label = "Name", .type = FIELD_TEXT,
	  .flags = FIELD_REQUIRED, .max = 4 },
	{ .key = "mode", .label = "Mode", .type = FIELD_CHOICE,
	  .choices = CH_VISIT_MODE, .flags = FIELD_REQUIRED },
	{ .key = "services", .label = "Services", .type = FIELD_MULTI,
	  .choices = CH_SERVICE },
	{ .key = "urgent", .label = "Urgent", .type = FIELD_YESNO,
	  .flags = FIELD_REQUIRED },
	{ .key = "action", .label = "Action", .type = FIELD_TEXT,
	  .flags = FIELD_REQUIRED, .when = "urgent" },
	{ .key = "day", .label = "Day", .type = FIELD_DATE },
};
#define N_DEFS (sizeof defs / sizeof defs[0])

static void
type(struct form *f, const char *ascii)
{
	while (*ascii)
		form_key(f, FORM_CHAR, (unsigned char)*ascii++);
}

static void
test_text_and_focus(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(form_init(&f, defs, N_DEFS), 0);
	assert_int_equal(f.focus, 0);
	assert_false(f.changed);
	assert_true(form_key(&f, FORM_CHAR, 0x674E));	/* 李 */
	type(&f, "abcd");				/* max 4 */
	assert_string_equal(form_text(&f, "name"), "李abc");
	assert_true(f.changed);
	assert_true(form_key(&f, FORM_BACKSPACE, 0));
	assert_string_equal(form_text(&f, "name"), "李ab");
	assert_false(form_key(&f, FORM_PREV, 0));	/* first field */
	assert_true(form_key(&f, FORM_NEXT, 0));
	assert_int_equal(f.focus, 1);
	form_free(&f);
}

static void
test_choice_multi_yesno(void **state)
{
	struct form f;
	int count = choice_count(CH_VISIT_MODE);

	(void)state;
	assert_int_equal(form_init(&f, defs, N_DEFS), 0);
	form_focus(&f, form_index(&f, "mode"));
	assert_int_equal(form_choice(&f, "mode"), -1);
	assert_true(form_key(&f, FORM_RIGHT, 0));
	assert_int_equal(form_choice(&f, "mode"), 0);
	assert_true(form_key(&f, FORM_LEFT, 0));	/* wraps */
	assert_int_equal(form_choice(&f, "mode"), count - 1);
	assert_false(form_key(&f, FORM_CHAR, 'x'));

	form_key(&f, FORM_NEXT, 0);			/* services */
	assert_true(form_key(&f, FORM_CHAR, ' '));
	assert_true(form_key(&f, FORM_RIGHT, 0));
	assert_true(form_key(&f, FORM_RIGHT, 0));
	assert_true(form_key(&f, FORM_CHAR, ' '));
	assert_int_equal(form_bits(&f, "services"), 1u | 4u);
	assert_true(form_key(&f, FORM_CHAR, ' '));
	assert_int_equal(form_bits(&f, "services"), 1u);

	form_key(&f, FORM_NEXT, 0);			/* urgent */
	assert_true(form_key(&f, FORM_CHAR, ' '));
	assert_true(form_yes(&f, "urgent"));
	assert_true(form_key(&f, FORM_RIGHT, 0));
	assert_false(form_yes(&f, "urgent"));
	form_free(&f);
}

static void
test_when_skips_inactive(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(form_init(&f, defs, N_DEFS), 0);
	form_set_yes(&f, "urgent", false);
	form_focus(&f, form_index(&f, "urgent"));
	assert_true(form_key(&f, FORM_NEXT, 0));
	assert_int_equal(f.focus, form_index(&f, "day"));	/* skipped */
	assert_true(form_key(&f, FORM_PREV, 0));
	assert_int_equal(f.focus, form_index(&f, "urgent"));
	form_set_text(&f, "action", "called 120");
	assert_string_equal(form_text(&f, "action"), "");	/* inactive */
	form_set_yes(&f, "urgent", true);
	assert_string_equal(form_text(&f, "action"), "called 120");
	assert_true(form_key(&f, FORM_NEXT, 0));
	assert_int_equal(f.focus, form_index(&f, "action"));
	form_free(&f);
}

static void
test_validate(void **state)
{
	struct form f;
	char *cause = NULL;
	size_t bad = 99;

	(void)state;
	assert_int_equal(form_init(&f, defs, N_DEFS), 0);
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, 0);
	assert_non_null(strstr(cause, "Name"));
	free(cause);

	form_set_text(&f, "name", "王");
	form_set_choice(&f, "mode", 1);
	form_set_yes(&f, "urgent", true);
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, form_index(&f, "action"));
	free(cause);

	form_set_text(&f, "action", "called");
	form_focus(&f, form_index(&f, "day"));
	assert_false(form_key(&f, FORM_CHAR, 'x'));	/* digits only */
	type(&f, "2024-02-30");
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, form_index(&f, "day"));
	free(cause);

	form_set_text(&f, "day", "2024-02-29");
	assert_int_equal(form_validate(&f, &bad, &cause), 0);
	form_free(&f);
}

static void
test_visit_round_trip(void **state)
{
	struct visit v, w;
	struct form f;
	char *cause = NULL;
	size_t bad;

	(void)state;
	memset(&v, 0, sizeof v);
	v.day = (struct ymd){ 2024, 5, 3 };
	v.minutes = 9 * 60 + 30;
	v.mode = MODE_PHONE;
	v.contacted = true;
	v.outcome = OUTCOME_RISK;
	v.services = 3;
	v.health = strdup("腿脚不便");
	v.emergency = false;
	v.emergency_action = strdup("ignored while no emergency");
	v.note = strdup("门前台阶湿滑 𠮷");
	/* The form holds the whole visit: its elder and visitor too. */
	strcpy(v.elder_uid, "LJC01:1");
	v.visitor = strdup("张丽");

	assert_int_equal(kind_form_init(&f, &visit_kind), 0);
	assert_int_equal(form_load(&f, &v), 0);
	assert_false(f.changed);
	assert_string_equal(form_text(&f, "visited_at"), "2024-05-03 09:30");

	memset(&w, 0, sizeof w);
	w.safety = strdup("replaced by the form's empty value");
	assert_int_equal(kind_store(&visit_kind, &f, NULL, &w, &bad, &cause),
	    0);
	assert_int_equal(w.day.y, 2024);
	assert_int_equal(w.day.d, 3);
	assert_int_equal(w.minutes, 570);
	assert_int_equal(w.mode, MODE_PHONE);
	assert_true(w.contacted);
	assert_int_equal(w.outcome, OUTCOME_RISK);
	assert_int_equal(w.services, 3);
	assert_string_equal(w.health, "腿脚不便");
	assert_null(w.safety);
	assert_null(w.emergency_action);
	assert_string_equal(w.note, "门前台阶湿滑 𠮷");
	assert_int_equal(w.follow_up.y, 0);

	/* An emergency needs its action. */
	form_set_yes(&f, "emergency", true);
	form_set_text(&f, "emergency_action", "");
	assert_int_equal(kind_store(&visit_kind, &f, NULL, &w, &bad, &cause),
	    -1);
	assert_int_equal(bad, form_index(&f, "emergency_action"));
	free(cause);

	form_free(&f);
	visit_clear(&v);
	visit_clear(&w);
}

/* The outcome follows 见到本人 as the volunteer flips it with keys. */
static void
test_visit_outcome_follows_contacted(void **state)
{
	struct visit v;
	struct form f;
	char *cause = NULL;
	size_t bad;

	(void)state;
	visit_init(&v);
	strcpy(v.elder_uid, "LJC01:1");
	v.visitor = strdup("张丽");
	assert_int_equal(kind_form_init(&f, &visit_kind), 0);
	assert_int_equal(form_load(&f, &v), 0);
	assert_true(form_yes(&f, "contacted"));
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_NORMAL);

	/* Loading sets values as they are: no hook runs. */
	form_set_yes(&f, "contacted", false);
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_NORMAL);
	form_set_yes(&f, "contacted", true);

	form_focus(&f, form_index(&f, "contacted"));
	assert_true(form_key(&f, FORM_CHAR, ' '));		/* 否 */
	assert_false(form_yes(&f, "contacted"));
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_NOT_FOUND);
	assert_true(form_key(&f, FORM_RIGHT, 0));		/* 是 */
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_NORMAL);

	/* An outcome the volunteer chose stays, either way. */
	form_set_choice(&f, "outcome", OUTCOME_REFUSED);
	assert_true(form_key(&f, FORM_LEFT, 0));		/* 否 */
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_REFUSED);
	assert_true(form_key(&f, FORM_LEFT, 0));		/* 是 */
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_REFUSED);

	/* Keys on the outcome itself do not move 见到本人. */
	form_focus(&f, form_index(&f, "outcome"));
	form_set_choice(&f, "outcome", OUTCOME_NORMAL);
	assert_true(form_key(&f, FORM_RIGHT, 0));
	assert_int_equal(form_choice(&f, "outcome"), OUTCOME_NOT_FOUND);
	assert_true(form_yes(&f, "contacted"));

	/* What is stored is what core accepts: 否 with 未见到. */
	form_focus(&f, form_index(&f, "contacted"));
	form_set_choice(&f, "outcome", OUTCOME_NORMAL);
	assert_true(form_key(&f, FORM_CHAR, ' '));
	assert_int_equal(kind_store(&visit_kind, &f, NULL, &v, &bad, &cause),
	    0);
	assert_false(v.contacted);
	assert_int_equal(v.outcome, OUTCOME_NOT_FOUND);
	assert_true(f.changed);

	form_free(&f);
	visit_clear(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_focus),
		cmocka_unit_test(test_choice_multi_yesno),
		cmocka_unit_test(test_when_skips_inactive),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_visit_round_trip),
		cmocka_unit_test(test_visit_outcome_follows_contacted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
