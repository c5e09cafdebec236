/* test-elder.c: elder validation and the register on a real file. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/elder.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "tests/fixture.h"

/* Valid numbers (MOD 11-2 computed independently). */
#define ID_MALE_1940	"110101194001010012"	/* 1940-01-01, male */
#define ID_FEMALE_1945	"110101194503150023"	/* 1945-03-15, female */
#define ID_X_LOWER	"11010119420710003x"	/* 1942-07-10, male */
#define ID_BAD_CHECK	"110101194001010013"

static const struct ymd today = { 2024, 6, 15 };

/* A valid elder: the fields a CSV row gives. */
static void
make_elder(struct elder *e, const char *name, const char *id)
{
	elder_init(e);
	e->name = strdup(name);
	snprintf(e->id_number, sizeof e->id_number, "%s", id);
	snprintf(e->division_code, sizeof e->division_code, "110101001001");
	e->phone = strdup(" 13800138000 ");
	e->address = strdup("东城区李家村3组12号");
	e->hardship = 1u << 0 | 1u << 8;	/* 独居、低保 */
}

static void
test_bad_check_digit(void **state)
{
	struct elder e;
	char *cause = NULL;

	(void)state;
	make_elder(&e, "张三", ID_BAD_CHECK);
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(cause);
	/* Names the field, then idnum's own explanation. */
	assert_non_null(strstr(cause, "ID number"));
	assert_non_null(strstr(cause, idnum_strerror(IDNUM_CHECK_DIGIT)));
	free(cause);
	elder_clear(&e);
}

static void
test_derived_birth_gender(void **state)
{
	struct elder e;
	char *cause = NULL;

	(void)state;
	make_elder(&e, "  单雄 ", ID_FEMALE_1945);
	if (elder_normalize(&e, today, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(e.name, "单雄");
	assert_int_equal(e.gender, GENDER_FEMALE);
	assert_int_equal(e.birth.y, 1945);
	assert_int_equal(e.birth.m, 3);
	assert_int_equal(e.birth.d, 15);
	assert_string_equal(e.phone, "13800138000");
	/* Polyphone: every reading of 单. */
	assert_string_equal(e.initials, "cds x");
	/* Defaults: registered today, active, normal tier. */
	assert_int_equal(e.registered_on.y, 2024);
	assert_int_equal(e.registered_on.m, 6);
	assert_int_equal(e.registered_on.d, 15);
	assert_int_equal(e.status, STATUS_ACTIVE);
	assert_int_equal(e.status_date.y, 0);
	elder_clear(&e);

	make_elder(&e, "李四", ID_MALE_1940);
	e.gender = GENDER_MALE;
	e.birth = (struct ymd){ 1940, 1, 1 };
	assert_int_equal(elder_normalize(&e, today, &cause), 0);
	assert_int_equal(e.gender, GENDER_MALE);
	elder_clear(&e);
}

static void
test_mismatch(void **state)
{
	struct elder e;
	char *cause = NULL;

	(void)state;
	make_elder(&e, "李四", ID_MALE_1940);
	e.gender = GENDER_FEMALE;
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "gender"));
	free(cause);
	elder_clear(&e);

	make_elder(&e, "李四", ID_MALE_1940);
	e.birth = (struct ymd){ 1940, 1, 2 };
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "birth date"));
	assert_non_null(strstr(cause, "1940-01-01"));
	assert_non_null(strstr(cause, "1940-01-02"));
	free(cause);
	elder_clear(&e);
}

static void
test_lowercase_x(void **state)
{
	struct fixture *f = *state;
	struct elder e, got;
	char *cause = NULL;

	make_elder(&e, "王五", ID_X_LOWER);
	assert_int_equal(elder_save(f->db, &e, "tester", &cause),
	    ELDER_INSERTED);
	assert_string_equal(e.id_number, "11010119420710003X");
	fixture_assert_text(f->db, "SELECT id_number FROM elder",
	    "11010119420710003X");
	/* Found whichever way it is typed. */
	assert_int_equal(elder_get_by_id_number(f->db, ID_X_LOWER, &got,
	    &cause), 0);
	assert_string_equal(got.meta.uid, e.meta.uid);
	elder_clear(&got);
	elder_clear(&e);
}

static void
test_huge_and_control(void **state)
{
	struct elder e;
	char *cause = NULL, *huge;
	size_t n = 10 * 1024 * 1024, i;

	(void)state;
	huge = malloc(n + 1);
	assert_non_null(huge);
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(huge + i, "张", 3);
	huge[i] = '\0';
	make_elder(&e, "x", ID_MALE_1940);
	free(e.name);
	e.name = huge;
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(cause);
	assert_true(strlen(cause) < 200);
	free(cause);
	elder_clear(&e);

	make_elder(&e, "张\x01三", ID_MALE_1940);
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	free(cause);
	elder_clear(&e);

	make_elder(&e, "张三", ID_MALE_1940);
	free(e.address);
	e.address = strdup("李家村\n3组");
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "address"));
	free(cause);
	elder_clear(&e);

	/* The note may have lines, but not other controls. */
	make_elder(&e, "张三", ID_MALE_1940);
	e.note = strdup("耳背\n说话大声些");
	assert_int_equal(elder_normalize(&e, today, &cause), 0);
	free(e.note);
	e.note = strdup("耳背\x1b[31m");
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "note"));
	free(cause);
	elder_clear(&e);

	make_elder(&e, "张三", ID_MALE_1940);
	free(e.phone);
	e.phone = strdup("1380013800");
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "phone"));
	free(cause);
	elder_clear(&e);

	make_elder(&e, "张三", ID_MALE_1940);
	e.division_code[0] = '\0';
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "division code"));
	free(cause);
	elder_clear(&e);
}

static void
test_save_insert_update_unchanged(void **state)
{
	struct fixture *f = *state;
	struct elder e, got;
	char *cause = NULL, uid[HEARTH_UID_MAX];

	make_elder(&e, "张三", ID_MALE_1940);
	if (elder_save(f->db, &e, "wang", &cause) != ELDER_INSERTED)
		fail_msg("%s", cause);
	assert_string_equal(e.meta.uid, "LJC01:1");
	strcpy(uid, e.meta.uid);
	fixture_assert_text(f->db, "SELECT hardship_types FROM elder",
	    "独居、低保");
	fixture_assert_text(f->db, "SELECT gender || birth_date || status || "
	    "risk_tier || created_by FROM elder", "男1940-01-01在册一般wang");
	fixture_assert_text(f->db, "SELECT living FROM elder", NULL);
	fixture_assert_text(f->db, "SELECT initials FROM elder", "z s");
	elder_clear(&e);

	/* The same row again, as a re-import the next day would give it
	 * (no registration date): nothing changes, updated_at included. */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE elder SET updated_at = "
	    "'2000-01-01 00:00:00', registered_on = '2024-01-02'", NULL, NULL,
	    NULL), SQLITE_OK);
	make_elder(&e, "张三", ID_MALE_1940);
	assert_int_equal(elder_save(f->db, &e, "li", &cause), ELDER_UNCHANGED);
	assert_string_equal(e.meta.uid, uid);
	assert_string_equal(e.meta.created_by, "wang");
	fixture_assert_text(f->db, "SELECT updated_at FROM elder",
	    "2000-01-01 00:00:00");
	fixture_assert_text(f->db, "SELECT registered_on FROM elder",
	    "2024-01-02");
	elder_clear(&e);

	/* One field differs: updated in place, same uid, creator kept. */
	make_elder(&e, "张三", ID_MALE_1940);
	e.risk_tier = RISK_HIGH;
	e.living = 0;
	assert_int_equal(elder_save(f->db, &e, "li", &cause), ELDER_UPDATED);
	assert_string_equal(e.meta.uid, uid);
	fixture_assert_text(f->db, "SELECT risk_tier || living || created_by "
	    "FROM elder", "高独居wang");
	assert_int_equal(fixture_query_long(f->db, "SELECT updated_at > "
	    "'2000-01-01 00:00:00' FROM elder"), 1);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder"), 1);
	elder_clear(&e);

	/* Read back, edit by uid (correcting the ID number). */
	assert_int_equal(elder_get(f->db, uid, &got, &cause), 0);
	assert_string_equal(got.name, "张三");
	assert_int_equal(got.risk_tier, RISK_HIGH);
	assert_int_equal(got.hardship, 1u << 0 | 1u << 8);
	assert_int_equal(got.registered_on.m, 1);
	assert_int_equal(got.ability_level, -1);
	got.gender = -1;
	got.birth.y = 0;
	snprintf(got.id_number, sizeof got.id_number, "%s", ID_FEMALE_1945);
	assert_int_equal(elder_save(f->db, &got, "li", &cause), ELDER_UPDATED);
	assert_string_equal(got.meta.uid, uid);
	fixture_assert_text(f->db, "SELECT id_number || gender FROM elder",
	    ID_FEMALE_1945 "女");
	elder_clear(&got);
	assert_int_equal(elder_get(f->db, "LJC01:99", &got, &cause), 1);
	elder_clear(&got);
}

static void
test_failed_save_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct elder e, other;
	char *cause = NULL;
	int tok;

	make_elder(&e, "张三", ID_MALE_1940);
	assert_int_equal(elder_save(f->db, &e, "wang", &cause), ELDER_INSERTED);
	elder_clear(&e);

	/* The disk refuses the row after the uid was taken: the sequence
	 * and the table are as before. */
	assert_int_equal(sqlite3_exec(f->db, "CREATE TEMP TRIGGER refuse "
	    "BEFORE INSERT ON elder BEGIN SELECT RAISE(ABORT, 'refused'); "
	    "END", NULL, NULL, NULL), SQLITE_OK);
	make_elder(&e, "李四", ID_FEMALE_1945);
	assert_int_equal(elder_save(f->db, &e, "wang", &cause), ELDER_ERROR);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_string_equal(e.meta.uid, "");
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder"), 1);
	assert_int_equal(fixture_query_long(f->db, "SELECT next FROM seq"), 2);
	assert_true(sqlite3_get_autocommit(f->db));

	/* Inside an import's transaction only this row's savepoint goes. */
	tok = db_begin(f->db, &cause);
	assert_true(tok > 0);
	assert_int_equal(db_setting_set(f->db, "import", "1", &cause), 0);
	assert_int_equal(elder_save(f->db, &e, "wang", &cause), ELDER_ERROR);
	free(cause);
	cause = NULL;
	assert_false(sqlite3_get_autocommit(f->db));
	assert_int_equal(db_commit(f->db, tok, &cause), 0);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM setting "
	    "WHERE key = 'import'"), 1);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder"), 1);
	elder_clear(&e);
	assert_int_equal(sqlite3_exec(f->db, "DROP TRIGGER refuse", NULL, NULL,
	    NULL), SQLITE_OK);

	/* An edit that would take another elder's ID number is refused. */
	make_elder(&other, "李四", ID_FEMALE_1945);
	assert_int_equal(elder_save(f->db, &other, "wang", &cause),
	    ELDER_INSERTED);
	snprintf(other.id_number, sizeof other.id_number, "%s", ID_MALE_1940);
	other.gender = -1;
	other.birth.y = 0;
	assert_int_equal(elder_save(f->db, &other, "wang", &cause),
	    ELDER_ERROR);
	assert_non_null(strstr(cause, "张三"));
	free(cause);
	fixture_assert_text(f->db, "SELECT name FROM elder WHERE id_number = '"
	    ID_MALE_1940 "'", "张三");
	elder_clear(&other);

	/* Invalid input: nothing written either. */
	make_elder(&e, "王五", ID_BAD_CHECK);
	assert_int_equal(elder_save(f->db, &e, "wang", &cause), ELDER_ERROR);
	free(cause);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder"), 2);
	elder_clear(&e);
}

static int
collect(const struct elder *e, void *arg)
{
	char *names = arg;

	strcat(names, e->name);
	strcat(names, ";");
	return 0;
}

static void
test_each_and_delete(void **state)
{
	struct fixture *f = *state;
	struct elder e;
	char *cause = NULL, names[256] = "", uid[HEARTH_UID_MAX];

	make_elder(&e, "张三", ID_MALE_1940);
	snprintf(e.division_code, sizeof e.division_code, "110101002001");
	assert_int_equal(elder_save(f->db, &e, "wang", &cause), ELDER_INSERTED);
	strcpy(uid, e.meta.uid);
	elder_clear(&e);
	make_elder(&e, "李四", ID_FEMALE_1945);
	assert_int_equal(elder_save(f->db, &e, "wang", &cause), ELDER_INSERTED);
	elder_clear(&e);

	/* By division first. */
	assert_int_equal(elder_each(f->db, collect, names, &cause), 0);
	assert_string_equal(names, "李四;张三;");

	assert_int_equal(elder_delete(f->db, uid, "wang", &cause), 0);
	assert_int_equal(elder_delete(f->db, uid, "wang", &cause), -1);
	free(cause);
	names[0] = '\0';
	assert_int_equal(elder_each(f->db, collect, names, &cause), 0);
	assert_string_equal(names, "李四;");
	/* Soft: the row stays for the hub. */
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder"), 2);
}

static void
test_status_dates(void **state)
{
	struct elder e;
	char *cause = NULL;

	(void)state;
	make_elder(&e, "张三", ID_MALE_1940);
	e.status = STATUS_DECEASED;
	assert_int_equal(elder_normalize(&e, today, &cause), 0);
	assert_int_equal(date_to_days(e.status_date), date_to_days(today));
	e.status_date = (struct ymd){ 2024, 7, 1 };
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	assert_non_null(strstr(cause, "status date"));
	free(cause);
	e.status_date = (struct ymd){ 1930, 7, 1 };
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	free(cause);
	e.status_date.y = 0;
	e.status = 9;
	assert_int_equal(elder_normalize(&e, today, &cause), -1);
	free(cause);
	elder_clear(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_check_digit),
		cmocka_unit_test(test_derived_birth_gender),
		cmocka_unit_test(test_mismatch),
		cmocka_unit_test_setup_teardown(test_lowercase_x,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test(test_huge_and_control),
		cmocka_unit_test_setup_teardown(test_save_insert_update_unchanged,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_changes_nothing,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_each_and_delete,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test(test_status_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
