/* wire-codec.h: the byte-level pieces of the batch format (doc/sync.md).
 *
 * A growing output buffer, LEB128 varints, zigzag for signed values, and a
 * bounded reader over untrusted bytes.  The reader never reads past its
 * end: once a read fails it is "broken" (r->bad), every later read fails
 * too and returns zeros, so a decoder can read a whole structure and check
 * once.  No allocation happens on behalf of a length it has read; callers
 * check lengths against wire_reader_left() first. */
#ifndef HEARTH_WIRE_CODEC_H
#define HEARTH_WIRE_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wire_buf {
	unsigned char *data;
	size_t len, cap;
	bool oom;		/* an allocation failed; the content is cut */
};

void wire_buf_init(struct wire_buf *b);
void wire_buf_free(struct wire_buf *b);
void wire_buf_put(struct wire_buf *b, const void *p, size_t n);
void wire_buf_byte(struct wire_buf *b, unsigned c);
void wire_buf_uvarint(struct wire_buf *b, uint64_t v);
void wire_buf_svarint(struct wire_buf *b, int64_t v);
void wire_buf_le32(struct wire_buf *b, uint32_t v);
void wire_buf_le64(struct wire_buf *b, uint64_t v);
/* A length-prefixed byte string. */
void wire_buf_blob(struct wire_buf *b, const void *p, size_t n);

/* Bytes a varint of V takes. */
size_t wire_uvarint_len(uint64_t v);

uint64_t wire_zigzag(int64_t v);
int64_t wire_unzigzag(uint64_t v);

struct wire_reader {
	const unsigned char *p, *end;
	bool bad;
};

void wire_reader_init(struct wire_reader *r, const void *p, size_t n);
size_t wire_reader_left(const struct wire_reader *r);
unsigned wire_read_byte(struct wire_reader *r);
/* At most 10 bytes; an overlong or overflowing varint breaks the reader. */
uint64_t wire_read_uvarint(struct wire_reader *r);
int64_t wire_read_svarint(struct wire_reader *r);
/* A varint that must be at most MAX (else the reader breaks). */
size_t wire_read_count(struct wire_reader *r, size_t max);
uint32_t wire_read_le32(struct wire_reader *r);
uint64_t wire_read_le64(struct wire_reader *r);
/* N bytes in place (NULL and broken if fewer are left). */
const unsigned char *wire_read_bytes(struct wire_reader *r, size_t n);
/* A length-prefixed byte string; its length in *N. */
const unsigned char *wire_read_blob(struct wire_reader *r, size_t *n);
/* A sub-reader over the next N bytes, which this reader skips. */
bool wire_read_sub(struct wire_reader *r, size_t n, struct wire_reader *sub);

#endif
