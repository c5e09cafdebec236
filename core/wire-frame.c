/* wire-frame.c: a batch's header and its zlib stream. */
#include "core/wire-format.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/err.h"
#include "core/i18n.h"

/* Station codes go into logs and file names at the hub: keep them plain. */
static bool
station_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > WIRE_STATION_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

int
wire_frame_seal(const struct wire_frame *f, const struct wire_buf *payload,
    bool use_dict, const struct wire_buf *extra, unsigned char **out,
    size_t *len, char **cause)
{
	struct wire_buf h;
	z_stream z;
	unsigned char *body;
	size_t n = strlen(f->station), hlen, extra_len;
	uLong bound;
	int rc;

	*out = NULL;
	extra_len = extra != NULL ? extra->len : 0;
	hlen = WIRE_HEADER_FIXED + n + extra_len + 4;
	if (!station_ok(f->station, n) || hlen > WIRE_HEADER_MAX) {
		err_set(cause, _("bad station code for a batch: %s"),
		    f->station);
		return -1;
	}
	if (payload->oom || payload->len > UINT32_MAX) {
		err_set(cause, "%s", _("the batch is too large"));
		return -1;
	}
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		goto oom;
	if (use_dict && deflateSetDictionary(&z, wire_zdict,
	    (uInt)wire_zdict_len) != Z_OK) {
		deflateEnd(&z);
		goto oom;
	}
	bound = deflateBound(&z, (uLong)payload->len);
	if ((body = malloc(hlen + bound)) == NULL) {
		deflateEnd(&z);
		goto oom;
	}
	z.next_in = payload->data;
	z.avail_in = (uInt)payload->len;
	z.next_out = body + hlen;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(body);
		goto oom;
	}
	wire_buf_init(&h);
	wire_buf_put(&h, WIRE_MAGIC, 4);
	wire_buf_byte(&h, f->major);
	wire_buf_byte(&h, f->minor);
	wire_buf_byte(&h, (unsigned)hlen);
	wire_buf_byte(&h, WIRE_CODEC_ZLIB);
	wire_buf_le64(&h, f->batch_no);
	wire_buf_le32(&h, f->nrecords);
	wire_buf_le32(&h, (uint32_t)payload->len);
	wire_buf_le32(&h, (uint32_t)crc32(0, payload->data,
	    (uInt)payload->len));
	wire_buf_le32(&h, (uint32_t)z.total_out);
	wire_buf_byte(&h, (unsigned)n);
	wire_buf_put(&h, f->station, n);
	if (extra_len > 0)
		wire_buf_put(&h, extra->data, extra_len);
	wire_buf_le32(&h, (uint32_t)crc32(0, h.data, (uInt)h.len));
	if (h.oom) {
		wire_buf_free(&h);
		free(body);
		goto oom;
	}
	memcpy(body, h.data, hlen);
	wire_buf_free(&h);
	*out = body;
	*len = hlen + z.total_out;
	return 0;
oom:
	err_set(cause, "%s", _("out of memory"));
	return -1;
}

int
wire_frame_header(const unsigned char *in, size_t len, struct wire_frame *f,
    char **cause)
{
	struct wire_reader r;
	const unsigned char *station;
	size_t n;

	memset(f, 0, sizeof *f);
	if (len < 5 || memcmp(in, WIRE_MAGIC, 4) != 0) {
		err_set(cause, "not a hearth batch");
		return -1;
	}
	/* only the magic and the major version are fixed for ever: a newer
	 * major may lay out the rest differently */
	f->major = in[4];
	if (f->major != WIRE_VERSION) {
		err_set(cause, "batch format version %u is %s than this "
		    "program's %d", f->major, f->major > WIRE_VERSION ?
		    "newer" : "other", WIRE_VERSION);
		return -1;
	}
	if (len < WIRE_HEADER_FIXED || in[6] < WIRE_HEADER_FIXED + 5 ||
	    len < in[6]) {
		err_set(cause, "batch header truncated");
		return -1;
	}
	f->header_len = in[6];
	wire_reader_init(&r, in + f->header_len - 4, 4);
	if (wire_read_le32(&r) != (uint32_t)crc32(0, in,
	    (uInt)f->header_len - 4)) {
		err_set(cause, "batch header checksum mismatch");
		return -1;
	}
	wire_reader_init(&r, in + 5, f->header_len - 4 - 5);
	f->minor = wire_read_byte(&r);
	(void)wire_read_byte(&r);	/* header length, read above */
	if (wire_read_byte(&r) != WIRE_CODEC_ZLIB) {
		err_set(cause, "batch compressed in an unknown way");
		return -1;
	}
	f->batch_no = wire_read_le64(&r);
	f->nrecords = wire_read_le32(&r);
	f->payload_len = wire_read_le32(&r);
	f->crc = wire_read_le32(&r);
	f->body_len = wire_read_le32(&r);
	n = wire_read_byte(&r);
	station = wire_read_bytes(&r, n);
	/* what follows, up to the header's checksum, is a newer minor
	 * version's: skipped */
	if (r.bad || !station_ok((const char *)station, n) ||
	    (f->minor <= WIRE_VERSION_MINOR && wire_reader_left(&r) != 0)) {
		err_set(cause, "malformed batch header");
		return -1;
	}
	memcpy(f->station, station, n);
	f->station[n] = '\0';
	if (f->batch_no == 0) {
		err_set(cause, "batch number 0");
		return -1;
	}
	return 0;
}

/* Inflate Z's input into OUT[0..N); 0 only for a stream that ends
 * exactly there with no input left over.  *OVER is set when it goes on
 * past LIMIT bytes. */
static int
inflate_exact(z_stream *z, unsigned char *out, size_t n, size_t limit,
    bool *over, char **cause)
{
	unsigned char spill[4096];
	int rc;

	z->next_out = out;
	z->avail_out = (uInt)n;
	for (;;) {
		rc = inflate(z, Z_FINISH);
		if (rc == Z_NEED_DICT) {
			if (z->adler != adler32(adler32(0, NULL, 0), wire_zdict,
			    (uInt)wire_zdict_len) ||
			    inflateSetDictionary(z, wire_zdict,
			    (uInt)wire_zdict_len) != Z_OK)
				break;
			continue;
		}
		if (rc == Z_STREAM_END || z->total_out > limit) {
			if (z->total_out > limit) {
				*over = true;
				err_set(cause, "payload larger than %zu bytes",
				    limit);
			} else if (z->total_out != n)
				err_set(cause, "payload %s than its header "
				    "says", z->total_out < n ? "shorter" :
				    "longer");
			else if (z->avail_in != 0)
				err_set(cause, "data after the payload");
			else
				return 0;
			return -1;
		}
		if ((rc != Z_BUF_ERROR && rc != Z_OK) || z->avail_out > 0)
			break;	/* corrupt, or the input ended early */
		/* out of room: how much more is there?  Counted in a small
		 * buffer up to the limit, so a bomb costs time, not memory */
		z->next_out = spill;
		z->avail_out = sizeof spill;
	}
	err_set(cause, "corrupt or truncated compressed payload%s%s",
	    z->msg != NULL ? ": " : "", z->msg != NULL ? z->msg : "");
	return -1;
}

int
wire_frame_open(const unsigned char *in, size_t len,
    const struct wire_limits *lim, struct wire_frame *f,
    unsigned char **payload, bool *too_big, char **cause)
{
	z_stream z;
	bool over = false;
	int rc;

	*payload = NULL;
	if (len > lim->max_input) {
		*too_big = true;
		err_set(cause, "batch larger than %zu bytes", lim->max_input);
		return -1;
	}
	if (wire_frame_header(in, len, f, cause) != 0)
		return -1;
	if (len - f->header_len != f->body_len) {
		err_set(cause, "batch is %zu bytes, its header says %zu",
		    len, f->header_len + (size_t)f->body_len);
		return -1;
	}
	if (f->nrecords > lim->max_records || f->payload_len >
	    lim->max_payload) {
		*too_big = true;
		err_set(cause, f->nrecords > lim->max_records ?
		    "batch of %zu records, more than %zu" :
		    "payload of %zu bytes, more than %zu",
		    f->nrecords > lim->max_records ? (size_t)f->nrecords :
		    (size_t)f->payload_len, f->nrecords > lim->max_records ?
		    lim->max_records : lim->max_payload);
		return -1;
	}
	if ((*payload = malloc((size_t)f->payload_len + 1)) == NULL) {
		err_set(cause, "out of memory");
		return -1;
	}
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK) {
		err_set(cause, "out of memory");
		goto fail;
	}
	z.next_in = (unsigned char *)in + f->header_len;
	z.avail_in = f->body_len;
	rc = inflate_exact(&z, *payload, f->payload_len, lim->max_payload,
	    &over, cause);
	inflateEnd(&z);
	if (over)
		*too_big = true;
	if (rc != 0)
		goto fail;
	if ((uint32_t)crc32(0, *payload, f->payload_len) != f->crc) {
		err_set(cause, "payload checksum mismatch");
		goto fail;
	}
	return 0;
fail:
	free(*payload);
	*payload = NULL;
	return -1;
}
