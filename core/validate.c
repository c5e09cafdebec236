/* validate.c: field checks with messages a volunteer can act on. */
#define _POSIX_C_SOURCE 200809L
#include "core/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/idnum.h"
#include "core/utf8.h"

#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"	/* U+3000 */

static bool
is_ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the space S[0..LEN) starts with (ASCII whitespace: 1, U+3000:
 * 3), 0 if none. */
static size_t
space_len(const char *s, size_t len)
{
	if (len >= 1 && is_ascii_space(*s))
		return 1;
	if (len >= 3 && memcmp(s, IDEOGRAPHIC_SPACE, 3) == 0)
		return 3;
	return 0;
}

const char *
validate_trim_span(const char *s, size_t *len)
{
	size_t n;

	while ((n = space_len(s, *len)) != 0) {
		s += n;
		*len -= n;
	}
	for (;;) {
		if (*len >= 1 && is_ascii_space(s[*len - 1]))
			*len -= 1;
		else if (*len >= 3 &&
		    memcmp(s + *len - 3, IDEOGRAPHIC_SPACE, 3) == 0)
			*len -= 3;
		else
			break;
	}
	return s;
}

/* The part of S that validate_trim() keeps: *START and *LEN. */
static void
trim_span(const char *s, const char **start, size_t *len)
{
	*len = strlen(s);
	*start = validate_trim_span(s, len);
}

char *
validate_trim(const char *s)
{
	const char *start;
	size_t len;
	char *out;

	trim_span(s != NULL ? s : "", &start, &len);
	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(out, start, len);
	out[len] = '\0';
	return out;
}

int
validate_trim_field(char **s)
{
	char *t;

	if (*s == NULL)
		return 0;
	if ((t = validate_trim(*s)) == NULL)
		return -1;
	free(*s);
	if (*t == '\0') {
		free(t);
		t = NULL;
	}
	*s = t;
	return 0;
}

/* Shared opening of every text check.  Returns -1 with *CAUSE set, or 0
 * with *TRIMMED set to the trimmed copy (caller frees; "" when empty and
 * not required). */
static int
check_text(const char *label, const char *s, bool required, size_t max_chars,
    bool allow_newlines, char **cause, char **trimmed)
{
	const char *start;
	size_t len, max_bytes;
	char *t;

	*trimmed = NULL;
	trim_span(s != NULL ? s : "", &start, &len);
	if (len == 0 && required) {
		err_set(cause, _("%s: please fill this in"), label);
		return -1;
	}
	/* A code point takes at most four bytes: anything longer is too
	 * long however it decodes, and is turned away unread. */
	max_bytes = max_chars > SIZE_MAX / 4 ? SIZE_MAX : max_chars * 4;
	if (len > max_bytes)
		goto too_long;
	if ((t = malloc(len + 1)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	memcpy(t, start, len);
	t[len] = '\0';
	if (!utf8_valid(t, len)) {
		/* Typically a GBK file read as UTF-8. */
		err_set(cause, _("%s: the text is garbled (wrong encoding "
		    "or broken characters)"), label);
		goto fail;
	}
	if (utf8_has_control(t, allow_newlines)) {
		if (!allow_newlines && !utf8_has_control(t, true))
			err_set(cause, _("%s: must be on one line, without "
			    "line breaks"), label);
		else
			err_set(cause, _("%s: contains invisible control "
			    "characters; please delete them or retype the "
			    "text"), label);
		goto fail;
	}
	if (utf8_count(t) > max_chars) {
		free(t);
		goto too_long;
	}
	*trimmed = t;
	return 0;

fail:
	free(t);
	return -1;
too_long:
	err_set(cause, _("%s: too long: at most %zu characters"), label,
	    max_chars);
	return -1;
}

int
validate_text(const char *label, const char *s, bool required,
    size_t max_chars, bool allow_newlines, char **cause)
{
	char *t;

	if (check_text(label, s, required, max_chars, allow_newlines, cause,
	    &t) != 0)
		return -1;
	free(t);
	return 0;
}

/* True if S is a mobile number and nothing more. */
static bool
is_mobile(const char *s)
{
	int i;

	if (s[0] != '1' || s[1] < '3' || s[1] > '9')
		return false;
	for (i = 2; i < 11; i++)
		if (!is_digit(s[i]))
			return false;
	return s[11] == '\0';
}

/* True if S is a local landline number, with an optional extension. */
static bool
is_local_number(const char *s)
{
	int n = 0;

	if (s[0] < '2' || s[0] > '9')
		return false;
	while (is_digit(s[n]))
		n++;
	if (n < 7 || n > 8)
		return false;
	s += n;
	if (*s == '\0')
		return true;
	if (*s++ != '-')
		return false;
	for (n = 0; is_digit(s[n]); n++)
		;
	return n >= 1 && n <= 6 && s[n] == '\0';
}

bool
validate_phone(const char *s)
{
	int area, i;

	if (s == NULL)
		return false;
	if (is_mobile(s))
		return true;
	if (strncmp(s, "+86", 3) == 0) {
		s += 3;
		if (*s == ' ' || *s == '-')
			s++;
		return is_mobile(s);
	}
	/* "86" then a mobile; otherwise "86123456" may be a local number. */
	if (strncmp(s, "86", 2) == 0 && is_mobile(s + 2))
		return true;
	if (s[0] != '0')
		return is_local_number(s);
	/* The area code's own second digit says how long it is, so a number
	 * written without '-' splits only one way. */
	area = s[1] == '1' || s[1] == '2' ? 3 : 4;
	if (s[1] == '0')
		return false;
	for (i = 1; i < area; i++)
		if (!is_digit(s[i]))
			return false;
	s += area;
	if (*s == '-')
		s++;
	return is_local_number(s);
}

/* Check the trimmed value of S with OK; empty and required are common. */
static int
check_field(const char *label, const char *s, bool required, char **cause,
    bool (*ok)(const char *), const char *bad_fmt)
{
	char *t;
	int rv = 0;

	if ((t = validate_trim(s)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if (*t == '\0') {
		if (required) {
			err_set(cause, _("%s: please fill this in"), label);
			rv = -1;
		}
	} else if (!ok(t)) {
		err_set(cause, bad_fmt, label);
		rv = -1;
	}
	free(t);
	return rv;
}

int
validate_phone_field(const char *label, const char *s, bool required,
    char **cause)
{
	return check_field(label, s, required, cause, validate_phone,
	    _("%s: not a phone number: enter an 11-digit mobile number, "
	    "or a landline such as 0371-63123456"));
}

static bool
is_twelve_digits(const char *s)
{
	int i;

	for (i = 0; i < 12; i++)
		if (!is_digit(s[i]))
			return false;
	return s[12] == '\0';
}

bool
validate_division(const char *s)
{
	return s != NULL && is_twelve_digits(s) && idnum_province_valid(s);
}

int
validate_division_field(const char *label, const char *s, bool required,
    char **cause)
{
	char *t;
	int rv;

	rv = check_field(label, s, required, cause, validate_division,
	    _("%s: must be the 12-digit statistical division code, "
	    "such as 410102001001"));
	/* Say which part is wrong when the shape is right. */
	if (rv != 0 && cause != NULL && (t = validate_trim(s)) != NULL) {
		if (is_twelve_digits(t)) {
			free(*cause);
			err_set(cause, _("%s: the first two digits of the "
			    "division code are not a province code"), label);
		}
		free(t);
	}
	return rv;
}

int
validate_division_prefix(const char *division, char out[13])
{
	/* The shortest level whose code this is: every digit after it 0.
	 * Twelve always fits, so a village is itself. */
	static const int levels[] = { 2, 4, 6, 9, 12 };
	size_t i;
	int n = 12, j;

	out[0] = '\0';
	if (!validate_division(division))
		return -1;
	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		for (j = levels[i]; j < 12 && division[j] == '0'; j++)
			;
		if (j == 12) {
			n = levels[i];
			break;
		}
	}
	memcpy(out, division, (size_t)n);
	out[n] = '\0';
	return n;
}

/* Name characters, as ranges of code points. */
static const uint32_t name_ranges[][2] = {
	{ 'A', 'Z' }, { 'a', 'z' }, { ' ', ' ' },
	{ 0x00B7, 0x00B7 },		/* · middle dot */
	{ 0x00C0, 0x00D6 }, { 0x00D8, 0x00F6 }, { 0x00F8, 0x024F },
					/* Latin letters, pinyin ü ǚ */
	{ 0x2022, 0x2022 },		/* • */
	{ 0x2027, 0x2027 },		/* ‧ */
	{ 0x3000, 0x3000 },		/* full-width space */
	{ 0x3007, 0x3007 },		/* 〇 */
	{ 0x30FB, 0x30FB },		/* ・ */
	{ 0x3400, 0x4DBF },		/* CJK Extension A */
	{ 0x4E00, 0x9FFF },		/* CJK Unified Ideographs */
	{ 0xF900, 0xFAFF },		/* CJK Compatibility */
	{ 0x20000, 0x2FA1F },		/* Extensions B-F, compatibility */
	{ 0x30000, 0x323AF },		/* Extensions G, H */
};

static bool
is_name_char(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof name_ranges / sizeof name_ranges[0]; i++)
		if (cp >= name_ranges[i][0] && cp <= name_ranges[i][1])
			return true;
	return false;
}

int
validate_name_field(const char *label, const char *s, bool required,
    char **cause)
{
	const char *p;
	uint32_t cp;
	size_t n;
	char *t;
	int rv = 0;

	if (check_text(label, s, required, VALIDATE_NAME_MAX, false, cause,
	    &t) != 0)
		return -1;
	/* check_text() has proved T well-formed, so every decode succeeds. */
	for (p = t; *p != '\0'; p += n) {
		n = utf8_decode(p, strnlen(p, 4), &cp);
		if ((cp >= '0' && cp <= '9') ||
		    (cp >= 0xFF10 && cp <= 0xFF19)) {	/* full-width too */
			err_set(cause, _("%s: must not contain digits"), label);
			rv = -1;
			break;
		}
		if (!is_name_char(cp)) {
			err_set(cause, _("%s: may contain only Chinese "
			    "characters, letters, spaces and the middle dot"),
			    label);
			rv = -1;
			break;
		}
	}
	free(t);
	return rv;
}

int
validate_name(const char *s, char **cause)
{
	return validate_name_field(_("name"), s, true, cause);
}
