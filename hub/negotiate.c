/* negotiate.c: conditional and compressed replies (negotiate.h). */
#include "hub/negotiate.h"

#include <limits.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

void
negotiate_etag(const char *body, size_t len, char etag[NEGOTIATE_ETAG_MAX])
{
	unsigned char hash[NEGOTIATE_ETAG_BYTES];
	char hex[2 * NEGOTIATE_ETAG_BYTES + 1];

	crypto_generichash(hash, sizeof hash, (const unsigned char *)body,
	    len, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	snprintf(etag, NEGOTIATE_ETAG_MAX, "W/\"%s\"", hex);
}

/* Does the If-None-Match value HEADER name ETAG (W/"..."), by the weak
 * comparison (RFC 9110 13.1.2: W/ ignored), in a list, or as "*"? */
bool
negotiate_etag_matches(const char *header, const char *etag)
{
	const char *opaque = etag + 2, *p = header, *end;
	size_t olen = strlen(opaque);

	while (*p != '\0') {
		p += strspn(p, " \t,");
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"') {
			p += strcspn(p, ",");
			continue;
		}
		if ((end = strchr(p + 1, '"')) == NULL)
			return false;
		if ((size_t)(end + 1 - p) == olen &&
		    memcmp(p, opaque, olen) == 0)
			return true;
		p = end + 1;
	}
	return false;
}

/* Is the q-value at Q (after "q=") zero: "0", "0.", "0.0" up to "0.000"? */
static bool
qvalue_zero(const char *q)
{
	size_t n;

	if (*q++ != '0')
		return false;
	if (*q == '.')
		for (n = 0, q++; *q == '0' && n < 3; n++)
			q++;
	q += strspn(q, " \t");
	return *q == '\0' || *q == ',' || *q == ';';
}

/* Does the Accept-Encoding value HEADER let us send gzip?  gzip (or
 * x-gzip) with a non-zero q, else "*" with one (RFC 9110 12.5.3). */
bool
negotiate_accepts_gzip(const char *header)
{
	const char *p = header, *tok, *param;
	size_t len;
	bool zero;
	int gzip = -1, star = -1;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,");
		tok = p;
		len = strcspn(p, " \t,;");
		p += len;
		zero = false;
		/* Parameters up to the next element: only q matters. */
		while (*p != '\0' && *p != ',') {
			p += strspn(p, " \t;");
			param = p;
			p += strcspn(p, ";,");
			if ((param[0] == 'q' || param[0] == 'Q') &&
			    param[1] == '=')
				zero = qvalue_zero(param + 2);
		}
		if (len == 0)
			continue;
		if ((len == 4 && strncasecmp(tok, "gzip", 4) == 0) ||
		    (len == 6 && strncasecmp(tok, "x-gzip", 6) == 0))
			gzip = !zero;
		else if (len == 1 && *tok == '*')
			star = !zero;
	}
	return gzip >= 0 ? gzip : star > 0;
}

/* IN[0..LEN) as a gzip member into *OUT: 0, or -1 (out of memory). */
int
negotiate_gzip(const char *in, size_t len, char **out, size_t *outlen)
{
	z_stream z;
	uLong bound;
	int rc;

	*out = NULL;
	if (len > UINT_MAX)
		return -1;
	memset(&z, 0, sizeof z);
	/* 15 + 16: a gzip wrapper (RFC 1952) rather than zlib's. */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&z, (uLong)len);
	if ((*out = malloc(bound)) == NULL) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)*out;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
