/* test-kind.c: the forms engine on a small kind defined here (a meal
 * serving with a child's age, say): every field type from text and back,
 * bad input, required fields, bounds, defaults, WHEN, a derived field, a
 * cross-field rule, records from named texts, and elders looked up by ID
 * number in a real database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/labels.h"
#include "core/money.h"
#include "forms/form.h"
#include "forms/kind.h"
#include "tests/fixture.h"

struct serving {
	char uid[HEARTH_UID_MAX];
	char elder[HEARTH_UID_MAX];
	char *cook;
	char *note;
	int portions;
	long long price, subsidy, self_paid;
	long tip;
	struct ymd born, on;
	struct ymd at;
	int at_minutes;
	int slot;
	unsigned services;
	bool proxy;
	char *proxy_name;
	int age_months;
};

static const struct field_def fields[] = {
	{ .key = "uid", .label = "Record", .type = FIELD_TEXT,
	  .flags = FIELD_DERIVED | FIELD_HIDDEN,
	  .bind = BIND_CHARS(struct serving, uid) },
	{ .key = "elder_id_number", .label = "Elder", .type = FIELD_ELDER,
	  .flags = FIELD_REQUIRED, .headers = { "身份证号", "elder" },
	  .name_key = "elder_name",
	  .bind = BIND_CHARS(struct serving, elder) },
	{ .key = "cook", .label = "Cook", .type = FIELD_TEXT, .max = 4,
	  .headers = { "厨师" }, .bind = BIND_STR(struct serving, cook) },
	{ .key = "note", .label = "Note", .type = FIELD_MULTILINE,
	  .bind = BIND_STR(struct serving, note) },
	{ .key = "portions", .label = "Portions", .noun = "portions",
	  .type = FIELD_NUMBER, .flags = FIELD_REQUIRED, .min = 1, .max = 5,
	  .def = "1", .bind = BIND_INT(struct serving, portions) },
	{ .key = "price_fen", .label = "Price", .noun = "price",
	  .type = FIELD_MONEY, .flags = FIELD_REQUIRED, .max = 100000,
	  .bind = BIND_LLONG(struct serving, price) },
	{ .key = "subsidy_fen", .label = "Subsidy", .type = FIELD_MONEY,
	  .def = "0", .bind = BIND_LLONG(struct serving, subsidy) },
	{ .key = "self_paid_fen", .label = "Self-paid", .type = FIELD_MONEY,
	  .def = "0", .bind = BIND_LLONG(struct serving, self_paid) },
	{ .key = "tip", .label = "Tip", .type = FIELD_NUMBER,
	  .bind = BIND_LONG(struct serving, tip) },
	{ .key = "born", .label = "Born", .type = FIELD_DATE,
	  .bind = BIND_DATE(struct serving, born) },
	{ .key = "served_on", .label = "Day", .type = FIELD_DATE,
	  .flags = FIELD_REQUIRED, .def = "today",
	  .bind = BIND_DATE(struct serving, on) },
	{ .key = "at", .label = "At", .type = FIELD_DATETIME,
	  .bind = BIND_TIME(struct serving, at, at_minutes) },
	{ .key = "slot", .label = "Slot", .type = FIELD_CHOICE,
	  .choices = CH_MEAL_SLOT, .flags = FIELD_REQUIRED,
	  .bind = BIND_INT(struct serving, slot) },
	{ .key = "services", .label = "Services", .type = FIELD_MULTI,
	  .choices = CH_SERVICE, .bind = BIND_BITS(struct serving, services) },
	{ .key = "proxy", .label = "Proxy", .type = FIELD_YESNO,
	  .flags = FIELD_REQUIRED, .def = "否",
	  .bind = BIND_BOOL(struct serving, proxy) },
	{ .key = "proxy_name", .label = "Proxy name", .type = FIELD_TEXT,
	  .flags = FIELD_REQUIRED, .when = "proxy",
	  .bind = BIND_STR(struct serving, proxy_name) },
	{ .key = "age_months", .label = "Age", .type = FIELD_NUMBER,
	  .flags = FIELD_DERIVED,
	  .bind = BIND_INT(struct serving, age_months) },
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

/* A child's age in months on the serving day: derived, never input. */
static int
serving_derive(struct form *f, sqlite3 *db, char **cause)
{
	struct ymd born, on;
	char text[16];

	(void)db;
	(void)cause;
	text[0] = '\0';
	if (date_parse(form_text(f, "born"), &born) &&
	    date_parse(form_text(f, "served_on"), &on))
		snprintf(text, sizeof text, "%d", date_age_months(born, on));
	return form_set_text(f, "age_months", text);
}

/* price = subsidy + self-paid, to the fen. */
static int
serving_check(const struct form *f, sqlite3 *db, size_t *bad, char **cause)
{
	size_t i;
	long long fen[3];
	const char *keys[] = { "price_fen", "subsidy_fen", "self_paid_fen" };

	(void)db;
	for (i = 0; i < 3; i++)
		if (!money_parse(form_text(f, keys[i]), &fen[i]))
			fen[i] = 0;
	if (fen[0] == fen[1] + fen[2])
		return 0;
	*bad = form_index(f, "price_fen");
	*cause = strdup("price: must be subsidy + self-paid");
	return -1;
}

static void
serving_init(void *rec)
{
	memset(rec, 0, sizeof(struct serving));
	((struct serving *)rec)->slot = -1;
}

static void
serving_clear(void *rec)
{
	struct serving *s = rec;

	free(s->cook);
	free(s->note);
	free(s->proxy_name);
}

/* What the last save got (tests only). */
static struct serving saved;
static int nsaved;

static int
serving_save(sqlite3 *db, void *rec, const char *login, char **cause)
{
	(void)db;
	(void)login;
	(void)cause;
	serving_clear(&saved);
	saved = *(struct serving *)rec;
	serving_init(rec);	/* now owned by SAVED */
	nsaved++;
	return KIND_INSERTED;
}

static const char *const columns[] = { "uid", "elder_id_number",
    "elder_name", NULL };

static const struct form_kind serving_kind = {
	.name = "serving", .plural = "servings", .title = "Serving",
	.fields = fields, .n = N_FIELDS, .columns = columns,
	.size = sizeof(struct serving),
	.init = serving_init, .clear = serving_clear,
	.derive = serving_derive, .check = serving_check,
	.save = serving_save,
};

/* Set KEY from TEXT: 0 or -1; *CAUSE freed here, kept in WHY for one
 * look (NULL if it was fine). */
static char why[512];

static int
put(struct form *f, const char *key, const char *text, sqlite3 *db)
{
	char *cause = NULL;
	int rc = form_set_input(f, form_index(f, key), text, db, &cause);

	why[0] = '\0';
	if (cause != NULL)
		snprintf(why, sizeof why, "%s", cause);
	free(cause);
	return rc;
}

/* form_output of KEY, compared. */
static void
assert_out(struct form *f, const char *key, const char *want)
{
	char *got = form_output(f, form_index(f, key));

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_text_number_money(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(form_init(&f, fields, N_FIELDS), 0);
	assert_int_equal(put(&f, "cook", " \u3000王芳 ", NULL), 0);
	assert_out(&f, "cook", "王芳");
	assert_true(f.v[form_index(&f, "cook")].given);
	assert_int_equal(put(&f, "cook", "王芳芳芳芳", NULL), -1);
	assert_non_null(strstr(why, "too long"));
	assert_int_equal(put(&f, "cook", "王\a", NULL), -1);
	assert_non_null(strstr(why, "control"));
	assert_int_equal(put(&f, "cook", "一\n二", NULL), -1);
	assert_non_null(strstr(why, "one line"));
	assert_int_equal(put(&f, "note", "一\n二", NULL), 0);
	assert_out(&f, "note", "一\n二");

	assert_int_equal(put(&f, "portions", "3", NULL), 0);
	assert_out(&f, "portions", "3");
	assert_int_equal(put(&f, "portions", "3x", NULL), -1);
	assert_non_null(strstr(why, "portions: \"3x\" is not a whole number"));
	assert_int_equal(put(&f, "portions", "6", NULL), -1);
	assert_non_null(strstr(why, "between 1 and 5"));
	assert_int_equal(put(&f, "portions", "", NULL), 0);	/* default */
	assert_out(&f, "portions", "1");
	assert_int_equal(put(&f, "tip", "-20", NULL), 0);	/* no bounds */
	assert_out(&f, "tip", "-20");

	/* Files give fen; the screen holds yuan. */
	assert_int_equal(put(&f, "price_fen", "1250", NULL), 0);
	assert_string_equal(form_text(&f, "price_fen"), "12.50");
	assert_out(&f, "price_fen", "1250");
	assert_int_equal(put(&f, "price_fen", "12.50", NULL), -1);
	assert_non_null(strstr(why, "fen"));
	assert_int_equal(put(&f, "price_fen", "-5", NULL), -1);
	assert_int_equal(put(&f, "price_fen", "100001", NULL), -1);
	assert_int_equal(put(&f, "price_fen", "5", NULL), 0);
	assert_string_equal(form_text(&f, "price_fen"), "0.05");
	form_free(&f);
}

static void
test_dates_choices(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(form_init(&f, fields, N_FIELDS), 0);
	assert_int_equal(put(&f, "born", "2024/3/7", NULL), 0);
	assert_out(&f, "born", "2024-03-07");
	assert_int_equal(put(&f, "born", "2023-02-29", NULL), -1);
	assert_non_null(strstr(why, "is not a date"));
	assert_int_equal(put(&f, "at", "2024/3/7 9:05", NULL), 0);
	assert_out(&f, "at", "2024-03-07 09:05");
	assert_int_equal(put(&f, "at", "2024-03-07 25:00", NULL), -1);
	assert_int_equal(put(&f, "born", "", NULL), 0);
	assert_out(&f, "born", "");

	assert_int_equal(put(&f, "slot", "午", NULL), 0);
	assert_int_equal(form_choice(&f, "slot"), SLOT_LUNCH);
	assert_int_equal(put(&f, "slot", "Supper", NULL), 0);	/* code */
	assert_out(&f, "slot", "晚");
	assert_int_equal(put(&f, "slot", "夜宵", NULL), -1);
	assert_non_null(strstr(why, "\"夜宵\" is not one of: 早、午、晚"));
	assert_int_equal(put(&f, "slot", "", NULL), 0);
	assert_int_equal(form_choice(&f, "slot"), -1);

	assert_int_equal(put(&f, "services", "问安;陪伴聊天 | 问安", NULL), 0);
	assert_int_equal(form_bits(&f, "services"), 3);
	assert_out(&f, "services", "问安、陪伴聊天");
	assert_int_equal(put(&f, "services", "问安、唱歌", NULL), -1);
	assert_non_null(strstr(why, "唱歌"));

	assert_int_equal(put(&f, "proxy", "是", NULL), 0);
	assert_true(form_yes(&f, "proxy"));
	assert_out(&f, "proxy", "是");
	assert_int_equal(put(&f, "proxy", "no", NULL), 0);
	assert_out(&f, "proxy", "否");
	assert_int_equal(put(&f, "proxy", "也许", NULL), -1);
	assert_int_equal(put(&f, "proxy", "", NULL), 0);	/* default 否 */
	assert_false(form_yes(&f, "proxy"));

	/* The screen: digits and a point for money, digits for numbers. */
	form_focus(&f, form_index(&f, "price_fen"));
	assert_false(form_key(&f, FORM_CHAR, 'a'));
	assert_true(form_key(&f, FORM_CHAR, '.'));
	form_focus(&f, form_index(&f, "portions"));
	assert_false(form_key(&f, FORM_CHAR, '.'));
	/* Derived, hidden and reference fields take no focus. */
	form_focus(&f, form_index(&f, "age_months"));
	assert_int_equal(f.focus, form_index(&f, "portions"));
	form_focus(&f, form_index(&f, "elder_id_number"));
	assert_int_equal(f.focus, form_index(&f, "portions"));
	form_free(&f);
}

/* Required, WHEN, bounds typed on the screen. */
static void
test_validate_when(void **state)
{
	struct form f;
	char *cause = NULL;
	size_t bad;

	(void)state;
	assert_int_equal(form_init(&f, fields, N_FIELDS), 0);
	form_set_ref(&f, "elder_id_number", "LJC01:1", NULL, "张三");
	form_set_text(&f, "portions", "2");
	form_set_text(&f, "price_fen", "5");
	form_set_text(&f, "served_on", "2024-03-07");
	form_set_yes(&f, "proxy", false);
	form_set_text(&f, "proxy_name", "李四");
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, form_index(&f, "slot"));
	assert_non_null(strstr(cause, "please fill this in"));
	free(cause);
	form_set_choice(&f, "slot", SLOT_LUNCH);
	assert_int_equal(form_validate(&f, &bad, &cause), 0);
	assert_out(&f, "proxy_name", "");		/* inactive */

	form_set_yes(&f, "proxy", true);
	form_set_text(&f, "proxy_name", "");
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, form_index(&f, "proxy_name"));
	free(cause);
	form_set_text(&f, "proxy_name", "李四");

	form_set_text(&f, "portions", "9");
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, form_index(&f, "portions"));
	free(cause);
	form_set_text(&f, "portions", "2");
	form_set_text(&f, "price_fen", "1000.01");	/* over 100000 fen */
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	assert_int_equal(bad, form_index(&f, "price_fen"));
	free(cause);
	form_set_text(&f, "price_fen", "12.5.0");
	assert_int_equal(form_validate(&f, &bad, &cause), -1);
	free(cause);
	form_free(&f);
}

/* A record to a form and back gives the same record. */
static void
test_bind_round_trip(void **state)
{
	struct serving a, b;
	struct form f;
	char *cause = NULL;
	size_t bad;

	(void)state;
	serving_init(&a);
	strcpy(a.uid, "LJC01:7");
	strcpy(a.elder, "LJC01:1");
	a.cook = strdup("王芳");
	a.portions = 2;
	a.price = 1250;
	a.subsidy = 1000;
	a.self_paid = 250;
	a.tip = -3;
	a.born = (struct ymd){ 2023, 1, 31 };
	a.on = (struct ymd){ 2024, 2, 29 };
	a.at = (struct ymd){ 2024, 2, 29 };
	a.at_minutes = 11 * 60 + 5;
	a.slot = SLOT_LUNCH;
	a.services = 5;
	a.proxy = true;
	a.proxy_name = strdup("李四");
	assert_int_equal(form_init(&f, fields, N_FIELDS), 0);
	assert_int_equal(form_load(&f, &a), 0);
	assert_string_equal(form_text(&f, "price_fen"), "12.50");
	assert_string_equal(form_text(&f, "at"), "2024-02-29 11:05");
	assert_false(f.changed);

	serving_init(&b);
	b.note = strdup("replaced by the form's empty note");
	assert_int_equal(form_store(&f, &b, false, &bad, &cause), 0);
	assert_string_equal(b.uid, a.uid);
	assert_string_equal(b.elder, a.elder);
	assert_string_equal(b.cook, "王芳");
	assert_null(b.note);
	assert_int_equal(b.portions, 2);
	assert_true(b.price == 1250 && b.subsidy == 1000 && b.self_paid == 250);
	assert_int_equal(b.tip, -3);
	assert_int_equal(date_to_days(b.born), date_to_days(a.born));
	assert_int_equal(date_to_days(b.at), date_to_days(a.at));
	assert_int_equal(b.at_minutes, 665);
	assert_int_equal(b.slot, SLOT_LUNCH);
	assert_int_equal(b.services, 5);
	assert_true(b.proxy);
	assert_string_equal(b.proxy_name, "李四");

	/* Only what was given, when asked so. */
	serving_clear(&b);
	serving_init(&b);
	assert_int_equal(put(&f, "cook", "赵六", NULL), 0);
	assert_int_equal(form_store(&f, &b, true, &bad, &cause), 0);
	assert_string_equal(b.cook, "赵六");
	assert_int_equal(b.price, 0);
	serving_clear(&a);
	serving_clear(&b);
	form_free(&f);
}

/* Derived fields and cross-field rules run on every way in. */
static void
test_derive_check(void **state)
{
	struct serving s;
	struct form f;
	char *cause = NULL;
	size_t bad;

	(void)state;
	serving_init(&s);
	strcpy(s.elder, "LJC01:1");
	s.portions = 1;
	s.price = 1250;
	s.subsidy = 1000;
	s.self_paid = 200;
	s.born = (struct ymd){ 2023, 1, 31 };
	s.on = (struct ymd){ 2024, 2, 29 };
	s.slot = SLOT_LUNCH;
	assert_int_equal(kind_form_init(&f, &serving_kind), 0);
	assert_int_equal(form_load(&f, &s), 0);
	assert_int_equal(kind_store(&serving_kind, &f, NULL, &s, &bad, &cause),
	    -1);
	assert_int_equal(bad, form_index(&f, "price_fen"));
	assert_string_equal(cause, "price: must be subsidy + self-paid");
	free(cause);
	form_set_text(&f, "self_paid_fen", "2.50");
	assert_int_equal(kind_store(&serving_kind, &f, NULL, &s, &bad, &cause),
	    0);
	assert_int_equal(s.self_paid, 250);
	/* Born Jan 31: 13 months old on the last day of February 2024. */
	assert_int_equal(s.age_months, 13);
	serving_clear(&s);
	form_free(&f);
}

/* Named texts: required columns, defaults, derived columns ignored. */
static void
test_input_save(void **state)
{
	struct fixture *fx = *state;
	const char *file[] = { "身份证号", "price_fen", "subsidy_fen",
	    "self_paid_fen", "slot", "served_on", "age_months", "序号" };
	const char *row[] = { FIXTURE_ELDER_ID, "1250", "1000", "250", "午",
	    "2024-03-07", "99", "1" };
	const char *cmd[] = { "elder", "price_fen", "slot" };
	const char *args[] = { FIXTURE_ELDER_ID, "0", "早" };
	struct kind_input *in;
	char *cause = NULL;

	/* served_on defaults to today only where a person types it live. */
	assert_null(kind_input_new(&serving_kind, file, 4, KIND_FROM_FILE,
	    &cause));
	assert_non_null(strstr(cause, "slot"));
	assert_non_null(strstr(cause, "served_on"));
	assert_null(strstr(cause, "portions"));		/* has a default */
	free(cause);

	in = kind_input_new(&serving_kind, file, 8, KIND_FROM_FILE, &cause);
	assert_non_null(in);
	assert_int_equal(kind_input_save(in, fx->db, row, 7, "t", &cause),
	    KIND_ERROR);				/* 7 fields of 8 */
	free(cause);
	assert_int_equal(kind_input_save(in, fx->db, row, 8, "t", &cause),
	    KIND_INSERTED);
	assert_string_equal(saved.elder, fx->elder);
	assert_int_equal(saved.portions, 1);		/* the default */
	assert_int_equal(saved.price, 1250);
	assert_int_equal(saved.slot, SLOT_LUNCH);
	assert_false(saved.proxy);
	kind_input_free(in);

	in = kind_input_new(&serving_kind, cmd, 3, KIND_FROM_COMMAND, &cause);
	assert_non_null(in);
	assert_int_equal(kind_input_save(in, fx->db, args, 3, "t", &cause),
	    KIND_INSERTED);
	assert_int_equal(date_to_days(saved.on), date_to_days(date_today()));
	args[1] = "abc";
	assert_int_equal(kind_input_save(in, fx->db, args, 3, "t", &cause),
	    KIND_ERROR);
	assert_non_null(strstr(cause, "\"abc\""));
	free(cause);
	kind_input_free(in);
	serving_clear(&saved);
	serving_init(&saved);
}

/* An elder named by ID number (or uid) in a real register. */
static void
test_elder_lookup(void **state)
{
	struct fixture *fx = *state;
	struct form f;
	size_t e;

	assert_int_equal(form_init(&f, fields, N_FIELDS), 0);
	e = form_index(&f, "elder_id_number");
	assert_int_equal(put(&f, "elder_id_number", FIXTURE_ELDER_ID, fx->db),
	    0);
	assert_string_equal(form_text(&f, "elder_id_number"), fx->elder);
	assert_string_equal(f.v[e].ref_name, FIXTURE_ELDER_NAME);
	assert_out(&f, "elder_id_number", FIXTURE_ELDER_ID);
	assert_int_equal(put(&f, "elder_id_number", fx->elder, fx->db), 0);
	assert_string_equal(f.v[e].ref_key, FIXTURE_ELDER_ID);
	/* A wrong check digit is a typo, not an unknown elder. */
	assert_int_equal(put(&f, "elder_id_number", "110101194001010013",
	    fx->db), -1);
	assert_non_null(strstr(why, "ID number"));
	assert_int_equal(put(&f, "elder_id_number", "11010119450505051X",
	    fx->db), -1);
	assert_non_null(strstr(why, "no elder with ID number"));
	assert_int_equal(put(&f, "elder_id_number", "LJC01:999", fx->db), -1);
	/* Not without a database to look in. */
	assert_int_equal(put(&f, "elder_id_number", FIXTURE_ELDER_ID, NULL),
	    -1);
	form_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_number_money),
		cmocka_unit_test(test_dates_choices),
		cmocka_unit_test(test_validate_when),
		cmocka_unit_test(test_bind_round_trip),
		cmocka_unit_test(test_derive_check),
		cmocka_unit_test_setup_teardown(test_input_save,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_elder_lookup,
		    fixture_setup_elder, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
