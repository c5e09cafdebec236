/* utf8.c: strict UTF-8 decoding, measuring and sanitising. */
#define _XOPEN_SOURCE 700
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t n, i;

	*cp = 0xFFFD;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		c = u[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		o[0] = (unsigned char)(0xF0 | (cp >> 18));
		o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

bool
utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &cp)) == 0)
			return false;
		s += n;
		len -= n;
	}
	return true;
}

/* Advance over one code point of NUL-terminated S; malformed bytes are
 * taken one at a time as U+FFFD. */
static size_t
next_cp(const char *s, uint32_t *cp)
{
	size_t len = strnlen(s, 4);
	size_t n = utf8_decode(s, len, cp);

	return n ? n : 1;
}

size_t
utf8_count(const char *s)
{
	uint32_t cp;
	size_t count = 0;

	while (*s) {
		s += next_cp(s, &cp);
		count++;
	}
	return count;
}

static bool
is_c0(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F;
}

static bool
is_c1_or_bidi(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

bool
utf8_is_control(uint32_t cp)
{
	return is_c0(cp) || is_c1_or_bidi(cp);
}

bool
utf8_has_control(const char *s, bool allow_newlines)
{
	uint32_t cp;

	while (*s) {
		s += next_cp(s, &cp);
		if (allow_newlines && (cp == '\n' || cp == '\r' || cp == '\t'))
			continue;
		if (is_c0(cp) || is_c1_or_bidi(cp))
			return true;
	}
	return false;
}

/* East Asian Wide/Fullwidth ranges, for machines whose C library cannot
 * tell (a plain "C" locale). */
static const uint32_t wide_ranges[][2] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

int
utf8_cp_width(uint32_t cp)
{
	size_t i;
	int w;

	if (cp == 0)
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	if (cp < 0x7F)
		return is_c0(cp) ? 0 : 1;
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F))
		return 0;
	for (i = 0; i < sizeof wide_ranges / sizeof wide_ranges[0]; i++)
		if (cp >= wide_ranges[i][0] && cp <= wide_ranges[i][1])
			return 2;
	return 1;
}

int
utf8_drawn_width(uint32_t cp)
{
	if (is_c0(cp))
		return 2;	/* "^X" */
	if (is_c1_or_bidi(cp))
		return 1;	/* U+FFFD */
	return utf8_cp_width(cp);
}

int
utf8_width(const char *s)
{
	uint32_t cp;
	int cols = 0;

	while (*s) {
		s += next_cp(s, &cp);
		cols += utf8_drawn_width(cp);
	}
	return cols;
}

char *
utf8_sanitize(const char *s)
{
	size_t cap = strlen(s) * 3 + 1, o = 0, n;
	char *out = malloc(cap);
	uint32_t cp;

	if (out == NULL)
		return NULL;
	while (*s) {
		n = utf8_decode(s, strnlen(s, 4), &cp);
		if (n == 0) {
			n = 1;
			cp = 0xFFFD;
		}
		if (is_c0(cp)) {
			out[o++] = '^';
			out[o++] = cp == 0x7F ? '?' : (char)('@' + cp);
		} else if (is_c1_or_bidi(cp))
			o += utf8_encode(0xFFFD, out + o);
		else
			o += utf8_encode(cp, out + o);
		s += n;
	}
	out[o] = '\0';
	return out;
}

size_t
utf8_fit(const char *s, int cols, int *used)
{
	const char *start = s;
	uint32_t cp;
	int taken = 0, w;
	size_t n;

	while (*s) {
		n = next_cp(s, &cp);
		w = utf8_drawn_width(cp);
		if (taken + w > cols)
			break;
		taken += w;
		s += n;
	}
	if (used)
		*used = taken;
	return (size_t)(s - start);
}
