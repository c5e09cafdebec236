/* user.h: station accounts and PIN login.
 *
 * PINs are hashed with libsodium's Argon2id (crypto_pwhash_str).  The cost
 * is sized for a 256 MB kiosk with several SSH sessions: USER_PWHASH_MEMLIMIT
 * and USER_PWHASH_OPSLIMIT below, reasoning in doc/security.md.  Short PINs
 * are guessable offline whatever the cost, so the online guard matters
 * more: after USER_MAX_FAILURES wrong PINs an account is locked for
 * USER_LOCK_MINUTES (counted in the database, so a new SSH session does not
 * reset it). */
#ifndef HEARTH_USER_H
#define HEARTH_USER_H

#include <sqlite3.h>
#include <stdbool.h>

#define USER_PWHASH_MEMLIMIT (7u * 1024 * 1024)	/* OWASP: m=7 MiB, t=5 */
#define USER_PWHASH_OPSLIMIT 5
#define USER_MAX_FAILURES 5
#define USER_LOCK_MINUTES 5

enum user_role { ROLE_VOLUNTEER, ROLE_WORKER, ROLE_ADMIN };

struct user {
	char login[32];
	enum user_role role;
	char *display_name;
};

/* "volunteer"/"worker"/"admin" <-> enum; -1 if unknown. */
int user_role_parse(const char *s);
const char *user_role_name(enum user_role r);

/* Login: 1..31 of [a-z0-9_.-], starting with a letter or digit.  PIN: 4..12
 * digits.  -1 and *CAUSE otherwise (or when LOGIN exists). */
int user_add(sqlite3 *db, const char *login, enum user_role role,
    const char *pin, const char *by, char **cause);

/* Number of accounts (not deleted); -1 on error. */
int user_count(sqlite3 *db);

enum user_verify_result {
	USER_OK = 0, USER_BAD = 1, USER_LOCKED = 2, USER_VERIFY_ERROR = -1
};
/* Check LOGIN/PIN; on USER_OK fills *U.  Wrong login and wrong PIN give
 * the same USER_BAD (and take the same time). */
enum user_verify_result user_verify(sqlite3 *db, const char *login,
    const char *pin, struct user *u, char **cause);
void user_clear(struct user *u);

#endif
