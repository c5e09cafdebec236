/* test-user.c: accounts, PIN checks and the lockout on a real file.
 *
 * The lock is driven through the database (locked_until moved into the
 * past), never by sleeping. */
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

#include "core/db.h"
#include "core/user.h"
#include "tests/fixture.h"

static void
test_roles(void **state)
{
	(void)state;
	assert_int_equal(user_role_parse("volunteer"), ROLE_VOLUNTEER);
	assert_int_equal(user_role_parse("worker"), ROLE_WORKER);
	assert_int_equal(user_role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(user_role_parse("root"), -1);
	assert_int_equal(user_role_parse(NULL), -1);
	assert_string_equal(user_role_name(ROLE_WORKER), "worker");
}

static void
test_add(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, prefix[64];
	sqlite3_stmt *stmt;

	snprintf(prefix, sizeof prefix, "$argon2id$v=19$m=%u,t=%u,p=1$",
	    (unsigned)(USER_PWHASH_MEMLIMIT / 1024),
	    (unsigned)USER_PWHASH_OPSLIMIT);
	assert_int_equal(user_count(f->db), 0);
	if (user_add(f->db, "wangfang", ROLE_VOLUNTEER, "2580", "admin",
	    &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(user_count(f->db), 1);

	/* Stored as an Argon2id string with the header's cost, never the
	 * PIN itself. */
	assert_int_equal(sqlite3_prepare_v2(f->db, "SELECT pin_hash, role, uid "
	    "FROM user", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_non_null(strstr((const char *)sqlite3_column_text(stmt, 0),
	    prefix));
	assert_null(strstr((const char *)sqlite3_column_text(stmt, 0),
	    "2580"));
	assert_string_equal(sqlite3_column_text(stmt, 1), "volunteer");
	assert_string_equal(sqlite3_column_text(stmt, 2), "LJC01:1");
	sqlite3_finalize(stmt);

	/* Taken login, bad logins, bad PINs. */
	assert_int_equal(user_add(f->db, "wangfang", ROLE_ADMIN, "1234", "a",
	    &cause), -1);
	assert_non_null(strstr(cause, "wangfang"));
	free(cause);
	assert_int_equal(user_add(f->db, "Wang", ROLE_ADMIN, "1234", "a",
	    &cause), -1);
	free(cause);
	assert_int_equal(user_add(f->db, "_wang", ROLE_ADMIN, "1234", "a",
	    &cause), -1);
	free(cause);
	assert_int_equal(user_add(f->db, "", ROLE_ADMIN, "1234", "a", &cause),
	    -1);
	free(cause);
	assert_int_equal(user_add(f->db,
	    "abcdefghijabcdefghijabcdefghijab", ROLE_ADMIN, "1234", "a",
	    &cause), -1);	/* 32 */
	free(cause);
	assert_int_equal(user_add(f->db, "li", ROLE_ADMIN, "123", "a", &cause),
	    -1);
	free(cause);
	assert_int_equal(user_add(f->db, "li", ROLE_ADMIN, "1234567890123", "a",
	    &cause), -1);
	free(cause);
	assert_int_equal(user_add(f->db, "li", ROLE_ADMIN, "12a4", "a",
	    &cause), -1);
	free(cause);
	assert_int_equal(user_add(f->db, "li", (enum user_role)7, "1234", "a",
	    &cause), -1);
	free(cause);
	assert_int_equal(user_count(f->db), 1);
	assert_int_equal(user_add(f->db, "li.qiang-2",
	    ROLE_ADMIN, "123456789012", "a", &cause), 0);
	assert_int_equal(user_count(f->db), 2);
}

static void
test_verify(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct user u;

	assert_int_equal(user_add(f->db, "wangfang", ROLE_WORKER, "2580",
	    "admin", &cause), 0);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_OK);
	assert_string_equal(u.login, "wangfang");
	assert_int_equal(u.role, ROLE_WORKER);
	user_clear(&u);
	/* Caps Lock on the login is forgiven; on the PIN nothing is. */
	assert_int_equal(user_verify(f->db, "WangFang", "2580", &u, &cause),
	    USER_OK);
	assert_string_equal(u.login, "wangfang");
	user_clear(&u);
	assert_int_equal(user_verify(f->db, "wangfang", "2581", &u, &cause),
	    USER_BAD);
	assert_int_equal(user_verify(f->db, "wangfang", "", &u, &cause),
	    USER_BAD);
	/* Unknown login: the same answer. */
	assert_int_equal(user_verify(f->db, "nobody", "2580", &u, &cause),
	    USER_BAD);
	assert_int_equal(user_verify(f->db, "", "2580", &u, &cause), USER_BAD);
	/* Deleted accounts cannot log in. */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE user SET deleted = 1",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_BAD);
	assert_int_equal(user_count(f->db), 0);
}

static void
test_lockout(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct user u;
	sqlite3 *other;
	int i;

	assert_int_equal(user_add(f->db, "wangfang", ROLE_VOLUNTEER, "2580",
	    "admin", &cause), 0);
	/* A good login clears earlier failures. */
	assert_int_equal(user_verify(f->db, "wangfang", "0000", &u, &cause),
	    USER_BAD);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT failures FROM user"), 1);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_OK);
	user_clear(&u);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT failures FROM user"), 0);

	/* Failures are counted in the file: a new SSH session (another
	 * connection) continues the count. */
	other = db_open(f->path, DB_OPEN_EXISTING, &cause);
	assert_non_null(other);
	for (i = 1; i < USER_MAX_FAILURES; i++)
		assert_int_equal(user_verify(i % 2 ? other : f->db, "wangfang",
		    "1111", &u, &cause), USER_BAD);
	db_close(other);
	assert_int_equal(user_verify(f->db, "wangfang", "1111", &u, &cause),
	    USER_LOCKED);
	/* Locked: even the right PIN is refused. */
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_LOCKED);
	/* For USER_LOCK_MINUTES from now (to the second, give or take the
	 * test's own run time). */
	assert_int_equal(fixture_query_long(f->db, "SELECT abs(strftime('%s', "
	    "locked_until) - strftime('%s', 'now', 'localtime') - 300) <= 5 "
	    "FROM user"), 1);

	/* Five minutes later (moved by hand instead of waiting). */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE user SET locked_until = "
	    "datetime('now', 'localtime', '-1 seconds')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_OK);
	user_clear(&u);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT locked_until IS NULL "
	    "FROM user"), 1);
	/* And a lock that has not run out yet still holds. */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE user SET locked_until = "
	    "datetime('now', 'localtime', '+30 seconds')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_LOCKED);
}

/* The same, with the clock moved through $HEARTH_NOW (date_now()'s test
 * override): locked at 10:00, still locked at 10:04, open at 10:05. */
static void
test_lockout_clock(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	struct user u;
	int i;

	assert_int_equal(user_add(f->db, "wangfang", ROLE_VOLUNTEER, "2580",
	    "admin", &cause), 0);
	setenv("HEARTH_NOW", "2024-06-15 10:00", 1);
	for (i = 1; i < USER_MAX_FAILURES; i++)
		assert_int_equal(user_verify(f->db, "wangfang", "1111", &u,
		    &cause), USER_BAD);
	assert_int_equal(user_verify(f->db, "wangfang", "1111", &u, &cause),
	    USER_LOCKED);
	assert_int_equal(fixture_query_long(f->db, "SELECT locked_until = "
	    "'2024-06-15 10:05:00' FROM user"), 1);
	setenv("HEARTH_NOW", "2024-06-15 10:04", 1);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_LOCKED);
	setenv("HEARTH_NOW", "2024-06-15 10:05", 1);
	assert_int_equal(user_verify(f->db, "wangfang", "2580", &u, &cause),
	    USER_OK);
	user_clear(&u);
	unsetenv("HEARTH_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test_setup_teardown(test_add,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_verify,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_lockout,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_lockout_clock,
		    fixture_setup_station, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
