/* wire-format.h: the frame of a batch, shared by core/wire.c, the tests
 * and the benchmark (not by other modules: they use core/wire.h).
 *
 * A frame is a fixed header that a hub can read without inflating
 * anything, then the zlib stream of the payload (doc/sync.md has the byte
 * layout).  wire_frame_seal() builds one from a payload; wire_frame_open()
 * checks one and inflates its payload within the caller's limits. */
#ifndef HEARTH_WIRE_FORMAT_H
#define HEARTH_WIRE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/wire.h"
#include "core/wire-codec.h"

#define WIRE_MAGIC		"HRTH"
#define WIRE_HEADER_FIXED	33	/* bytes before the station code */
#define WIRE_HEADER_MAX		255
#define WIRE_CODEC_ZLIB		1	/* deflate in a zlib stream */
#define WIRE_SECTION_RECORDS	1	/* payload section tags */
#define WIRE_MAX_COLUMNS	256	/* per section; CSV_MAX_FIELDS too */
#define WIRE_STATION_MAX	15

struct wire_frame {
	unsigned major, minor;
	uint64_t batch_no;
	uint32_t nrecords;
	uint32_t payload_len;
	uint32_t crc;			/* of the payload */
	uint32_t body_len;		/* compressed */
	size_t header_len;
	char station[WIRE_STATION_MAX + 1];
};

/* The preset dictionary of the zlib stream (core/wire-zdict.c). */
extern const unsigned char wire_zdict[];
extern const size_t wire_zdict_len;

/* Build a frame of F (station, batch_no, nrecords, minor; the rest is
 * computed) around PAYLOAD, deflated at level 9 with the preset
 * dictionary when USE_DICT.  EXTRA (may be NULL) is appended to the
 * header as a newer minor version's fields would be. */
int wire_frame_seal(const struct wire_frame *f, const struct wire_buf *payload,
    bool use_dict, const struct wire_buf *extra, unsigned char **out,
    size_t *len, char **cause);

/* Read and check the header of IN (at least its header bytes). */
int wire_frame_header(const unsigned char *in, size_t len,
    struct wire_frame *f, char **cause);

/* Check the whole frame against LIM and inflate its payload into *PAYLOAD
 * (malloc'd, f->payload_len bytes), checksum verified. */
int wire_frame_open(const unsigned char *in, size_t len,
    const struct wire_limits *lim, struct wire_frame *f,
    unsigned char **payload, bool *too_big, char **cause);

/* The uncompressed payload of ENC's records (what finish deflates). */
struct wire_encoder;
int wire_encoder_payload(struct wire_encoder *enc, struct wire_buf *payload,
    char **cause);

#endif
