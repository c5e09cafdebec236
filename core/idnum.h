/* idnum.h: 18-character citizen identity numbers (GB 11643-1999).
 *
 * RRRRRR YYYYMMDD SSS C: region (first two digits a province-level code),
 * birth date, sequence (odd = male, even = female) and a MOD 11-2 check
 * character, 0-9 or X.  idnum_parse() checks all four, so a number that
 * passes is well-formed and plausible; it cannot say the number was issued.
 * Input is trimmed of ASCII spaces, tabs, CR and LF; only ASCII digits
 * count (full-width ０-９ are rejected); a lowercase x is accepted and
 * stored as X.  The old 15-digit numbers are not accepted. */
#ifndef HEARTH_IDNUM_H
#define HEARTH_IDNUM_H

#include <stdbool.h>

#include "core/date.h"

struct idnum_info {
	char		number[19];	/* normalised: 17 digits + digit or X */
	struct ymd	birth;
	char		sex;		/* 'M' or 'F' */
	char		region[7];	/* the first six digits */
};

enum idnum_error {
	IDNUM_OK,
	IDNUM_EMPTY,
	IDNUM_LENGTH,
	IDNUM_CHARS,
	IDNUM_REGION,
	IDNUM_BIRTH_INVALID,
	IDNUM_BIRTH_FUTURE,
	IDNUM_BIRTH_TOO_OLD,
	IDNUM_CHECK_DIGIT,
};

/* Check S as an ID number; TODAY bounds the birth date (not after it, not
 * before 1890-01-01).  Errors are reported in this order: empty, characters
 * other than digits (and a final X), length, region, birth date, check
 * character.  *OUT (may be NULL) is filled only on IDNUM_OK. */
enum idnum_error idnum_parse(const char *s, struct ymd today,
    struct idnum_info *out);

/* A translated message for E that a volunteer can act on. */
const char *idnum_strerror(enum idnum_error e);

/* The check character ('0'-'9' or 'X') for the first 17 characters of
 * FIRST17, or '\0' if those are not 17 ASCII digits. */
char idnum_check_digit(const char *first17);

/* True if the first two characters of S are a province-level region code
 * (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83, 91).  Shared with
 * the 12-digit division codes of core/validate.h. */
bool idnum_province_valid(const char *s);

#endif
