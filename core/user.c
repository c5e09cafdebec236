/* user.c: station accounts, Argon2id PIN hashes and the lockout. */
#define _POSIX_C_SOURCE 200809L
#include "core/user.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"

static const char *const role_names[] = {
	[ROLE_VOLUNTEER] = "volunteer",
	[ROLE_WORKER] = "worker",
	[ROLE_ADMIN] = "admin",
};

int
user_role_parse(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof role_names / sizeof role_names[0];
	    i++)
		if (strcmp(s, role_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
user_role_name(enum user_role r)
{
	if ((unsigned)r >= sizeof role_names / sizeof role_names[0])
		return "?";
	return role_names[r];
}

void
user_clear(struct user *u)
{
	free(u->display_name);
	memset(u, 0, sizeof *u);
}

static bool
login_valid(const char *login)
{
	size_t n;
	char c;

	if (login == NULL)
		return false;
	for (n = 0; (c = login[n]) != '\0'; n++) {
		if (n >= sizeof ((struct user *)0)->login - 1)
			return false;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (n == 0 || (c != '_' && c != '.' && c != '-'))
			return false;
	}
	return n > 0;
}

static bool
pin_valid(const char *pin)
{
	size_t n;

	if (pin == NULL)
		return false;
	for (n = 0; pin[n] != '\0'; n++)
		if (n >= 12 || pin[n] < '0' || pin[n] > '9')
			return false;
	return n >= 4;
}

/* sodium_init() is idempotent and thread-safe; calling it here keeps
 * main() free of a libsodium detail. */
static int
user_sodium(char **cause)
{
	if (sodium_init() < 0) {
		err_set(cause, "%s", _("the PIN library could not start"));
		return -1;
	}
	return 0;
}

int
user_add(sqlite3 *db, const char *login, enum user_role role,
    const char *pin, const char *by, char **cause)
{
	char hash[crypto_pwhash_STRBYTES], uid[HEARTH_UID_MAX];
	char now[HEARTH_TS_MAX];
	sqlite3_stmt *stmt = NULL;
	int tok, rc;

	if (!login_valid(login)) {
		err_set(cause, "%s", _("login: use 1 to 31 lower-case letters, "
		    "digits, '_', '.' or '-', starting with a letter or "
		    "digit"));
		return -1;
	}
	if (!pin_valid(pin)) {
		err_set(cause, "%s", _("PIN: use 4 to 12 digits"));
		return -1;
	}
	if ((unsigned)role >= sizeof role_names / sizeof role_names[0]) {
		err_set(cause, "%s", _("role: use volunteer, worker or admin"));
		return -1;
	}
	if (user_sodium(cause) != 0)
		return -1;
	/* Hash before taking the write lock: the hash takes a noticeable
	 * fraction of a second that other sessions should not wait for. */
	if (crypto_pwhash_str_alg(hash, pin, strlen(pin),
	    USER_PWHASH_OPSLIMIT, USER_PWHASH_MEMLIMIT,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		err_set(cause, "%s", _("not enough memory to protect the PIN; "
		    "close other programs and try again"));
		return -1;
	}

	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	/* Deleted accounts keep their login (the column is UNIQUE, and a
	 * record's created_by must keep naming one person). */
	if ((stmt = db_prepare(db, "SELECT 1 FROM user WHERE login = ?",
	    cause)) == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	db_done(stmt);
	stmt = NULL;
	if (rc == SQLITE_ROW) {
		err_set(cause, _("login %s is already taken"), login);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		db_error(db, cause);
		goto fail;
	}
	if (db_next_uid(db, uid, cause) != 0)
		goto fail;
	db_timestamp(now);
	if ((stmt = db_prepare(db, "INSERT INTO user (uid, login, role, "
	    "pin_hash, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, "
	    "?, ?, ?)", cause)) == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, role_names[role], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, by != NULL ? by : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, now, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0) {
		db_rollback(db, tok);
		return -1;
	}
	return db_commit(db, tok, cause);

fail:
	db_done(stmt);
	db_rollback(db, tok);
	return -1;
}

int
user_count(sqlite3 *db)
{
	sqlite3_stmt *stmt;
	int n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM user WHERE "
	    "deleted = 0", -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Count a wrong PIN for LOGIN; the USER_MAX_FAILURES-th in a row locks
 * the account until NOW + USER_LOCK_MINUTES and starts the count again.
 * One UPDATE, so two sessions guessing at once both count.  Returns
 * USER_BAD, USER_LOCKED when this failure locked it, or
 * USER_VERIFY_ERROR. */
static enum user_verify_result
user_fail(sqlite3 *db, const char *login, const char *now, char **cause)
{
	sqlite3_stmt *stmt;
	int tok, locked;

	if ((tok = db_begin(db, cause)) < 0)
		return USER_VERIFY_ERROR;
	/* The lock time is computed by SQLite from NOW (the local wall
	 * clock, no time zone involved), so there is one clock: db_timestamp,
	 * which faketime drives in tests. */
	if ((stmt = db_prepare(db, "UPDATE user SET "
	    "locked_until = CASE WHEN failures + 1 >= ?1 "
	    "THEN datetime(?2, '+' || ?3 || ' minutes') ELSE locked_until END, "
	    "failures = CASE WHEN failures + 1 >= ?1 THEN 0 "
	    "ELSE failures + 1 END "
	    "WHERE login = ?4 AND deleted = 0", cause)) == NULL) {
		db_rollback(db, tok);
		return USER_VERIFY_ERROR;
	}
	sqlite3_bind_int(stmt, 1, USER_MAX_FAILURES);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, USER_LOCK_MINUTES);
	sqlite3_bind_text(stmt, 4, login, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0) {
		db_rollback(db, tok);
		return USER_VERIFY_ERROR;
	}
	if ((stmt = db_prepare(db, "SELECT locked_until > ? FROM user WHERE "
	    "login = ?", cause)) == NULL) {
		db_rollback(db, tok);
		return USER_VERIFY_ERROR;
	}
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, login, -1, SQLITE_STATIC);
	locked = sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_int(stmt, 0) == 1;
	db_done(stmt);
	if (db_commit(db, tok, cause) != 0)
		return USER_VERIFY_ERROR;
	return locked ? USER_LOCKED : USER_BAD;
}

/* A right PIN clears the count (written only when there is one, so a
 * normal login costs no fsync). */
static int
user_succeed(sqlite3 *db, const char *login, char **cause)
{
	sqlite3_stmt *stmt;
	int tok;

	if ((tok = db_begin(db, cause)) < 0)
		return -1;
	if ((stmt = db_prepare(db, "UPDATE user SET failures = 0, "
	    "locked_until = NULL WHERE login = ? AND (failures != 0 OR "
	    "locked_until IS NOT NULL)", cause)) == NULL) {
		db_rollback(db, tok);
		return -1;
	}
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	if (db_run(db, stmt, cause) != 0) {
		db_rollback(db, tok);
		return -1;
	}
	return db_commit(db, tok, cause);
}

enum user_verify_result
user_verify(sqlite3 *db, const char *login, const char *pin, struct user *u,
    char **cause)
{
	sqlite3_stmt *stmt;
	char key[sizeof u->login], now[HEARTH_TS_MAX];
	char hash[crypto_pwhash_STRBYTES];
	const char *text;
	size_t i;
	int rc, role = -1;
	bool known = false, locked = false, right;

	memset(u, 0, sizeof *u);
	if (user_sodium(cause) != 0)
		return USER_VERIFY_ERROR;
	if (pin == NULL)
		pin = "";

	/* Logins are lower case; Caps Lock on a kiosk keyboard should not
	 * count as a wrong PIN. */
	memset(key, 0, sizeof key);
	for (i = 0; login != NULL && login[i] != '\0' && i < sizeof key - 1;
	    i++)
		key[i] = login[i] >= 'A' && login[i] <= 'Z' ?
		    (char)(login[i] - 'A' + 'a') : login[i];
	db_timestamp(now);
	hash[0] = '\0';

	if (login_valid(key) && login[i] == '\0') {
		if ((stmt = db_prepare(db, "SELECT pin_hash, role, "
		    "display_name, locked_until FROM user WHERE login = ? AND "
		    "deleted = 0", cause)) == NULL)
			return USER_VERIFY_ERROR;
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			known = true;
			text = (const char *)sqlite3_column_text(stmt, 0);
			snprintf(hash, sizeof hash, "%s", text ? text : "");
			role = user_role_parse(
			    (const char *)sqlite3_column_text(stmt, 1));
			text = (const char *)sqlite3_column_text(stmt, 2);
			if (text != NULL &&
			    (u->display_name = strdup(text)) == NULL)
				rc = SQLITE_NOMEM;
			text = (const char *)sqlite3_column_text(stmt, 3);
			locked = text != NULL && strcmp(now, text) < 0;
		}
		/* Finalised before hashing: no read transaction held open
		 * for the fraction of a second Argon2id takes. */
		db_done(stmt);
		if (rc == SQLITE_NOMEM) {
			user_clear(u);
			err_set(cause, "%s", _("out of memory"));
			return USER_VERIFY_ERROR;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_error(db, cause);
			return USER_VERIFY_ERROR;
		}
	}
	if (locked) {
		user_clear(u);
		return USER_LOCKED;
	}
	if (known)
		right = crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0 &&
		    role >= 0;
	else {
		/* An unknown login costs what a wrong PIN costs, so the time
		 * taken does not tell which logins exist: one Argon2id run
		 * with the cost of the header (a fixed dummy hash would fall
		 * out of step when the cost changes). */
		if (crypto_pwhash_str_alg(hash, pin, strlen(pin),
		    USER_PWHASH_OPSLIMIT, USER_PWHASH_MEMLIMIT,
		    crypto_pwhash_ALG_ARGON2ID13) != 0)
			hash[0] = '\0';
		right = false;
	}
	if (!right) {
		user_clear(u);
		return known ? user_fail(db, key, now, cause) : USER_BAD;
	}
	snprintf(u->login, sizeof u->login, "%s", key);
	u->role = (enum user_role)role;
	if (user_succeed(db, key, cause) != 0) {
		user_clear(u);
		return USER_VERIFY_ERROR;
	}
	return USER_OK;
}
