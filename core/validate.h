/* validate.h: checks on single field values from forms, CSV import and the
 * command line.
 *
 * Each check judges the value with surrounding whitespace removed (ASCII
 * whitespace and the full-width space U+3000, as validate_trim() does);
 * callers store validate_trim(s).  NULL counts as empty.  The int checks
 * return 0, or -1 with *CAUSE (if CAUSE is not NULL) set to a malloc'd,
 * translated message that starts with LABEL, which the caller passes
 * already translated ("联系电话：请填写"); the caller frees it. */
#ifndef HEARTH_VALIDATE_H
#define HEARTH_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest name validate_name() takes, in characters (code points). */
#define VALIDATE_NAME_MAX 30

/* A malloc'd copy of S without leading and trailing ASCII whitespace and
 * U+3000.  NULL only when out of memory. */
char *validate_trim(const char *s);

/* The part of S[0..*LEN) that validate_trim() keeps, for a value cut out
 * of a longer string (an item of a multi-value): returns its start and
 * sets *LEN to its length.  S need not be NUL-terminated. */
const char *validate_trim_span(const char *s, size_t *len);

/* Replace the malloc'd string *S (NULL allowed) by its trimmed copy; an
 * empty result becomes NULL, so "" and "not given" are one thing in the
 * database and in comparisons.  -1 when out of memory (*S unchanged). */
int validate_trim_field(char **s);

/* True if S (exactly, untrimmed) is a phone number, ASCII digits only:
 *   mobile    1[3-9] and 9 more digits, optionally after "+86", "+86 ",
 *             "+86-" or "86" (as phones show contacts);
 *   landline  7-8 digits starting 2-9, optionally after an area code and
 *             an optional '-' (010 and 02X have three digits, every other
 *             area code four: 0371), optionally followed by '-' and a
 *             1-6 digit extension.
 * No spaces, dots or brackets inside: one spelling per number keeps
 * search and duplicate checks simple. */
bool validate_phone(const char *s);
int validate_phone_field(const char *label, const char *s, bool required,
    char **cause);

/* True if S is a 12-digit statistical division code (统计用区划代码)
 * whose first two digits are a province (idnum_province_valid()). */
bool validate_division(const char *s);
int validate_division_field(const char *label, const char *s, bool required,
    char **cause);

/* The prefix of the division codes that the division DIVISION covers,
 * into OUT.  A 12-digit code has five levels, province (2 digits), city
 * (2), county (2), town (3) and village (3), and a level's code is its
 * digits followed by zeros; the code's level is the shortest such prefix.
 * So a village (last three digits not 000) covers exactly itself, a town
 * (ending in 000) its first 9 digits, a county (000000) its first 6, a
 * city 4 and a province 2.  The hub serves each station the roster rows
 * whose division_code starts with the prefix of the station's division.
 * Returns the prefix length, or -1 (OUT "") when DIVISION is not
 * validate_division(). */
int validate_division_prefix(const char *division, char out[13]);

/* Free text: when REQUIRED not empty; well-formed UTF-8; no control
 * characters (tab, CR and LF allowed only with ALLOW_NEWLINES); at most
 * MAX_CHARS code points.  Oversized input is refused before it is scanned,
 * so a 10 MB value costs no more than a strlen. */
int validate_text(const char *label, const char *s, bool required,
    size_t max_chars, bool allow_newlines, char **cause);

/* A person's name under LABEL: 1..VALIDATE_NAME_MAX characters of Han
 * characters (every CJK extension, so 𠮷), Latin letters (with pinyin
 * tone marks), spaces (also U+3000) and the dots that join the parts of
 * minority names: · U+00B7, • U+2022, ‧ U+2027, ・ U+30FB.  No digits. */
int validate_name_field(const char *label, const char *s, bool required,
    char **cause);

/* validate_name_field() for a required name labelled "name" (姓名). */
int validate_name(const char *s, char **cause);

#endif
