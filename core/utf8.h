/* utf8.h: small UTF-8 helpers that need no locale.
 *
 * Everything that reads untrusted text (CSV, CLI arguments, data from other
 * stations) goes through these: decoding is strict (no overlongs, no
 * surrogates, nothing above U+10FFFF). */
#ifndef HEARTH_UTF8_H
#define HEARTH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point from S (at most LEN bytes) into *CP.  Returns the
 * number of bytes used (1..4), or 0 on malformed input (then *CP is U+FFFD). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode CP into OUT (at least 4 bytes).  Returns bytes written, 0 if CP is
 * not a scalar value. */
size_t utf8_encode(uint32_t cp, char *out);

/* True if S[0..LEN) is entirely well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in the NUL-terminated string S (malformed bytes
 * count one each). */
size_t utf8_count(const char *s);

/* True if S holds a C0/C1 control character or DEL (tab and newline
 * included when ALLOW_NEWLINES is false). */
bool utf8_has_control(const char *s, bool allow_newlines);

/* True for what utf8_sanitize() replaces: C0/C1 controls, DEL and bidi
 * overrides. */
bool utf8_is_control(uint32_t cp);

/* Terminal columns the code point takes: 0, 1 or 2 (East Asian Wide and
 * Fullwidth are 2, combining marks 0).  Independent of the C locale so the
 * core can measure text the same way everywhere. */
int utf8_cp_width(uint32_t cp);

/* Columns CP takes once sanitised (see utf8_sanitize): 2 for a C0
 * control or DEL ("^X"), 1 for a C1 control or bidi override (U+FFFD),
 * else utf8_cp_width(). */
int utf8_drawn_width(uint32_t cp);

/* Columns S takes when drawn (after sanitising, so controls count as 2
 * for "^X" and malformed bytes as 1 for U+FFFD). */
int utf8_width(const char *s);

/* A copy of S safe to draw: malformed bytes become U+FFFD, C0 controls and
 * DEL become "^X" (^@ .. ^_, ^?), C1 controls and bidi overrides become
 * U+FFFD.  Caller frees.  Returns NULL only on allocation failure. */
char *utf8_sanitize(const char *s);

/* Byte length of the longest prefix of S that fits in COLS columns, never
 * splitting a code point. *USED receives the columns taken (may be NULL). */
size_t utf8_fit(const char *s, int cols, int *used);

#endif
