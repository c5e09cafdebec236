/* textenc.c: encoding detection and conversion to UTF-8 with iconv(3). */
#define _POSIX_C_SOURCE 200809L
#include "core/textenc.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/utf8.h"

#define BOM "\xEF\xBB\xBF"

int
textenc_parse(const char *name, enum textenc *enc)
{
	static const struct {
		const char *name;
		enum textenc enc;
	} names[] = {
		{ "auto", TEXTENC_AUTO }, { "utf-8", TEXTENC_UTF8 },
		{ "utf8", TEXTENC_UTF8 }, { "gbk", TEXTENC_GBK },
		{ "gb18030", TEXTENC_GBK }, { "gb2312", TEXTENC_GBK },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*enc = names[i].enc;
			return 0;
		}
	return -1;
}

const char *
textenc_name(enum textenc enc)
{
	switch (enc) {
	case TEXTENC_UTF8:
		return "utf-8";
	case TEXTENC_GBK:
		return "gb18030";
	default:
		return "auto";
	}
}

/* The physical line holding byte OFF of S.  Counting raw bytes is safe for
 * GB18030 as well: CR and LF never occur inside its multi-byte sequences. */
static size_t
line_at(const char *s, size_t len, size_t off)
{
	size_t i, line = 1;

	for (i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len ||
		    s[i + 1] != '\n')))
			line++;
	return line;
}

/* Offset of the first malformed UTF-8 sequence in S[0..LEN). */
static size_t
utf8_bad_offset(const char *s, size_t len)
{
	uint32_t cp;
	size_t off = 0, n;

	while (off < len && (n = utf8_decode(s + off, len - off, &cp)) != 0)
		off += n;
	return off;
}

/* Copy IN to a fresh NUL-terminated buffer, without a leading BOM. */
static int
copy_utf8(const char *in, size_t len, char **out, size_t *outlen,
    char **cause)
{
	if (len >= 3 && memcmp(in, BOM, 3) == 0) {
		in += 3;
		len -= 3;
	}
	if ((*out = malloc(len + 1)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	memcpy(*out, in, len);
	(*out)[len] = '\0';
	*outlen = len;
	return 0;
}

/* Decode IN as GB18030.  On a decoding failure, *BAD is the offset of the
 * first byte iconv could not take and -1 is returned with no cause set:
 * the caller words the message, which depends on what was asked for. */
static int
gb18030_to_utf8(const char *in, size_t len, char **out, size_t *outlen,
    size_t *bad, char **cause)
{
	iconv_t cd;
	char *buf, *ip, *op, *nbuf;
	size_t cap, il, ol, used;
	int rc = -1;

	*bad = (size_t)-1;
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		err_set(cause, "%s", _("this system cannot convert GBK/GB18030 "
		    "text (iconv has no GB18030)"));
		return -1;
	}
	/* Two-byte GBK becomes three bytes of UTF-8, four-byte GB18030 at most
	 * four: 1.5 times plus slack is enough, but grow on E2BIG anyway. */
	cap = len + len / 2 + 16;
	if ((buf = malloc(cap)) == NULL)
		goto nomem;
	ip = (char *)in;
	il = len;
	op = buf;
	ol = cap - 1;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			used = (size_t)(op - buf);
			if ((nbuf = realloc(buf, cap * 2)) == NULL)
				goto nomem;
			buf = nbuf;
			cap *= 2;
			op = buf + used;
			ol = cap - 1 - used;
			continue;
		}
		/* EILSEQ: an invalid sequence; EINVAL: one cut off at the
		 * end. */
		*bad = (size_t)(ip - in);
		free(buf);
		goto out;
	}
	*op = '\0';
	*out = buf;
	*outlen = (size_t)(op - buf);
	rc = 0;
	goto out;
nomem:
	free(buf);
	err_set(cause, "%s", _("out of memory"));
out:
	iconv_close(cd);
	return rc;
}

/* Drop a leading U+FEFF that a GB18030 file may carry (as 84 31 95 33). */
static void
strip_bom(char *s, size_t *len)
{
	if (*len >= 3 && memcmp(s, BOM, 3) == 0) {
		memmove(s, s + 3, *len - 3 + 1);
		*len -= 3;
	}
}

int
textenc_to_utf8(const char *in, size_t len, enum textenc enc,
    char **out, size_t *outlen, enum textenc *detected, char **cause)
{
	const char *nul;
	size_t bad;
	bool bom;

	*out = NULL;
	*outlen = 0;
	/* Excel's "Unicode text" is UTF-16: say so rather than "line 1:
	 * invalid bytes", which would leave the volunteer guessing. */
	if (len >= 2 && (memcmp(in, "\xFF\xFE", 2) == 0 ||
	    memcmp(in, "\xFE\xFF", 2) == 0)) {
		err_set(cause, _("line %zu: the file is UTF-16 (\"Unicode "
		    "text\"); save it as CSV (UTF-8) instead"), (size_t)1);
		return -1;
	}
	/* NUL is valid in both encodings but would cut every C string short,
	 * and no text file a person saved contains one. */
	if ((nul = memchr(in, '\0', len)) != NULL) {
		err_set(cause, _("line %zu: the file contains a NUL byte; "
		    "it is not a text file"),
		    line_at(in, len, (size_t)(nul - in)));
		return -1;
	}
	bom = len >= 3 && memcmp(in, BOM, 3) == 0;
	if (enc == TEXTENC_UTF8 || (enc == TEXTENC_AUTO &&
	    (bom || utf8_valid(in, len)))) {
		/* A BOM declares UTF-8: a broken byte later is a broken UTF-8
		 * file, and decoding it as GB18030 would only make garbage. */
		if (!utf8_valid(in, len)) {
			err_set(cause, _("line %zu: the text is not valid "
			    "UTF-8 (try --encoding gbk)"),
			    line_at(in, len, utf8_bad_offset(in, len)));
			return -1;
		}
		if (detected)
			*detected = TEXTENC_UTF8;
		return copy_utf8(in, len, out, outlen, cause);
	}
	if (gb18030_to_utf8(in, len, out, outlen, &bad, cause) < 0) {
		if (bad == (size_t)-1)
			return -1;
		if (enc == TEXTENC_GBK)
			err_set(cause, _("line %zu: the text is not valid "
			    "GBK/GB18030 (try --encoding utf-8)"),
			    line_at(in, len, bad));
		else
			err_set(cause, _("line %zu: the text is neither UTF-8 "
			    "nor GBK/GB18030; save the file as CSV (UTF-8)"),
			    line_at(in, len, bad));
		return -1;
	}
	strip_bom(*out, outlen);
	if (detected)
		*detected = TEXTENC_GBK;
	return 0;
}
