/* wire-codec.c: output buffer, varints and the bounded reader. */
#include "core/wire-codec.h"

#include <stdlib.h>
#include <string.h>

void
wire_buf_init(struct wire_buf *b)
{
	memset(b, 0, sizeof *b);
}

void
wire_buf_free(struct wire_buf *b)
{
	free(b->data);
	wire_buf_init(b);
}

void
wire_buf_put(struct wire_buf *b, const void *p, size_t n)
{
	unsigned char *d;
	size_t cap;

	if (b->oom || n == 0)
		return;
	if (n > b->cap - b->len) {
		cap = b->cap != 0 ? b->cap : 256;
		while (cap - b->len < n) {
			if (cap > SIZE_MAX / 2) {
				b->oom = true;
				return;
			}
			cap *= 2;
		}
		if ((d = realloc(b->data, cap)) == NULL) {
			b->oom = true;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
wire_buf_byte(struct wire_buf *b, unsigned c)
{
	unsigned char u = (unsigned char)c;

	wire_buf_put(b, &u, 1);
}

void
wire_buf_uvarint(struct wire_buf *b, uint64_t v)
{
	unsigned char t[10];
	size_t n = 0;

	while (v >= 0x80) {
		t[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	t[n++] = (unsigned char)v;
	wire_buf_put(b, t, n);
}

void
wire_buf_svarint(struct wire_buf *b, int64_t v)
{
	wire_buf_uvarint(b, wire_zigzag(v));
}

void
wire_buf_le32(struct wire_buf *b, uint32_t v)
{
	unsigned char t[4];
	int i;

	for (i = 0; i < 4; i++)
		t[i] = (unsigned char)(v >> (8 * i));
	wire_buf_put(b, t, 4);
}

void
wire_buf_le64(struct wire_buf *b, uint64_t v)
{
	wire_buf_le32(b, (uint32_t)v);
	wire_buf_le32(b, (uint32_t)(v >> 32));
}

void
wire_buf_blob(struct wire_buf *b, const void *p, size_t n)
{
	wire_buf_uvarint(b, n);
	wire_buf_put(b, p, n);
}

size_t
wire_uvarint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* Zigzag maps small magnitudes of either sign to small codes: 0 -1 1 -2 ...
 * Done on unsigned values so INT64_MIN is no overflow. */
uint64_t
wire_zigzag(int64_t v)
{
	uint64_t u = (uint64_t)v;

	return (u << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

int64_t
wire_unzigzag(uint64_t v)
{
	uint64_t u = (v >> 1) ^ (0 - (v & 1));

	return (int64_t)u;
}

void
wire_reader_init(struct wire_reader *r, const void *p, size_t n)
{
	static const unsigned char none[1];

	/* NULL + 0 is undefined behaviour; an empty reader points somewhere */
	r->p = p != NULL ? p : none;
	if (p == NULL)
		n = 0;
	r->end = r->p + n;
	r->bad = false;
}

size_t
wire_reader_left(const struct wire_reader *r)
{
	return r->bad ? 0 : (size_t)(r->end - r->p);
}

static void
reader_break(struct wire_reader *r)
{
	r->bad = true;
	r->p = r->end;
}

unsigned
wire_read_byte(struct wire_reader *r)
{
	if (r->bad || r->p == r->end) {
		reader_break(r);
		return 0;
	}
	return *r->p++;
}

uint64_t
wire_read_uvarint(struct wire_reader *r)
{
	uint64_t v = 0;
	unsigned c, shift;

	for (shift = 0; shift < 64; shift += 7) {
		c = wire_read_byte(r);
		if (r->bad)
			return 0;
		/* the tenth byte may hold only the top bit */
		if (shift == 63 && c > 1)
			break;
		v |= (uint64_t)(c & 0x7F) << shift;
		if ((c & 0x80) == 0)
			return v;
	}
	reader_break(r);
	return 0;
}

int64_t
wire_read_svarint(struct wire_reader *r)
{
	return wire_unzigzag(wire_read_uvarint(r));
}

size_t
wire_read_count(struct wire_reader *r, size_t max)
{
	uint64_t v = wire_read_uvarint(r);

	if (v > max) {
		reader_break(r);
		return 0;
	}
	return (size_t)v;
}

uint32_t
wire_read_le32(struct wire_reader *r)
{
	const unsigned char *p = wire_read_bytes(r, 4);

	if (p == NULL)
		return 0;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

uint64_t
wire_read_le64(struct wire_reader *r)
{
	uint64_t lo = wire_read_le32(r);

	return lo | (uint64_t)wire_read_le32(r) << 32;
}

const unsigned char *
wire_read_bytes(struct wire_reader *r, size_t n)
{
	const unsigned char *p;

	if (r->bad || n > (size_t)(r->end - r->p)) {
		reader_break(r);
		return NULL;
	}
	p = r->p;
	r->p += n;
	return p;
}

const unsigned char *
wire_read_blob(struct wire_reader *r, size_t *n)
{
	*n = wire_read_count(r, wire_reader_left(r));
	return wire_read_bytes(r, *n);
}

bool
wire_read_sub(struct wire_reader *r, size_t n, struct wire_reader *sub)
{
	const unsigned char *p = wire_read_bytes(r, n);

	wire_reader_init(sub, p != NULL ? p : r->end, p != NULL ? n : 0);
	sub->bad = p == NULL;
	return p != NULL;
}
