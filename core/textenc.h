/* textenc.h: turn the bytes of an imported text file into UTF-8.
 *
 * Files come from Excel/WPS on Chinese Windows (GBK, which GB18030 extends)
 * or from scripts (UTF-8, with or without a BOM).  Auto-detection is: valid
 * UTF-8 is UTF-8; otherwise the bytes are decoded as GB18030 with iconv(3);
 * if that fails too, the error names the line of the first undecodable
 * byte.  The result is always valid UTF-8 with no BOM and no NUL bytes, so
 * everything downstream may treat it as a C string. */
#ifndef HEARTH_TEXTENC_H
#define HEARTH_TEXTENC_H

#include <stddef.h>

enum textenc {
	TEXTENC_AUTO,
	TEXTENC_UTF8,
	TEXTENC_GBK,	/* decoded as GB18030, a superset of GBK and GB2312 */
};

/* Parse an --encoding argument: "auto", "utf-8", "utf8", "gbk", "gb18030"
 * or "gb2312", in any case.  Returns 0, or -1 if NAME is none of these. */
int textenc_parse(const char *name, enum textenc *enc);

/* The canonical name of ENC: "auto", "utf-8" or "gb18030". */
const char *textenc_name(enum textenc enc);

/* Convert IN[0..LEN) from ENC (TEXTENC_AUTO: detect) to UTF-8.  On success
 * returns 0, *OUT is a malloc'd NUL-terminated copy (BOM removed) of
 * *OUTLEN bytes and *DETECTED (may be NULL) says what the input was.  On
 * failure returns -1 and sets *CAUSE to "line N: reason", N counting
 * physical lines from 1 (CRLF, LF or a lone CR each end one). */
int textenc_to_utf8(const char *in, size_t len, enum textenc enc,
    char **out, size_t *outlen, enum textenc *detected, char **cause);

#endif
