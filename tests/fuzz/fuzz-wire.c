/* fuzz-wire.c: the batch decoder against arbitrary bytes.
 *
 * LLVMFuzzerTestOneInput() is the libFuzzer entry (`make fuzz', clang).
 * An input that starts with the magic "HRTH" is a whole batch, as a hub
 * receives it; any other is a record count (2 bytes) and a payload, which
 * gets a valid header and checksum first, so that mutations reach the
 * section and column parsers instead of stopping at the CRC.
 * Every input must decode or fail with a message, within the limits,
 * without a leak or an out-of-bounds access (ASan, UBSan); a batch that
 * decodes is encoded again and must decode to the same records.
 *
 * Without HEARTH_LIBFUZZER this file is its own driver (so `make check'
 * runs it with gcc): it replays the seeds in tests/data/wire/ (or the
 * files named on the command line) in both modes, then a fixed number of
 * mutations of them from a fixed PRNG seed, and reports the outcomes. */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/wire.h"
#include "core/wire-format.h"

static const struct wire_limits limits = { 1 << 20, 4 << 20, 5000 };

/* Re-encoding what was decoded: the records must survive a round trip. */
struct again {
	struct wire_encoder *enc;
	size_t n;
};

static int
reencode(const struct wire_record *r, void *arg)
{
	struct again *a = arg;
	char *cause = NULL;

	a->n++;
	if (wire_encoder_add(a->enc, r, &cause) != 0) {
		fprintf(stderr, "fuzz-wire: decoded record refused: %s\n",
		    cause);
		abort();
	}
	return 0;
}

static int
count(const struct wire_record *r, void *arg)
{
	size_t i;

	(void)r;
	for (i = 0; i < r->ncols; i++)
		if (r->names[i] == NULL)
			abort();
	++*(size_t *)arg;
	return 0;
}

/* 0 decoded, 1 refused; aborts on a broken invariant. */
static int
check_batch(const unsigned char *data, size_t size)
{
	struct wire_batch_info info;
	struct again a;
	unsigned char *out;
	size_t len, n = 0;
	char *cause = NULL;
	bool big;

	if (wire_decode(data, size, &limits, &info, NULL, NULL, &big,
	    &cause) != 0) {
		if (cause == NULL)
			abort();	/* every failure says why */
		free(cause);
		return 1;
	}
	a.enc = wire_encoder_new(info.station, info.batch_no);
	a.n = 0;
	if (a.enc == NULL || wire_decode(data, size, &limits, &info, reencode,
	    &a, &big, &cause) != 0 || a.n != info.nrecords)
		abort();
	if (wire_encoder_finish(a.enc, &out, &len, &cause) != 0)
		abort();
	wire_encoder_free(a.enc);
	if (wire_decode(out, len, &limits, NULL, count, &n, &big,
	    &cause) != 0 || n != info.nrecords)
		abort();
	free(out);
	return 0;
}

/* Wrap PAYLOAD in a valid frame; its record count is the first two
 * bytes (so a mutation can make it agree). */
static int
check_payload(const unsigned char *data, size_t size)
{
	struct wire_frame f;
	struct wire_buf payload;
	unsigned char *batch;
	size_t len;
	int rc;

	if (size < 2)
		return 1;
	memset(&f, 0, sizeof f);
	f.major = WIRE_VERSION;
	f.batch_no = 1;
	f.nrecords = (uint32_t)(data[0] | data[1] << 8);
	strcpy(f.station, "FUZZ");
	payload.data = (unsigned char *)data + 2;
	payload.len = size - 2;
	payload.cap = payload.len;
	payload.oom = false;
	if (wire_frame_seal(&f, &payload, size % 2 == 0, NULL, &batch, &len,
	    NULL) != 0)
		abort();
	rc = check_batch(batch, len);
	free(batch);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 4 && memcmp(data, WIRE_MAGIC, 4) == 0)
		(void)check_batch(data, size);
	else
		(void)check_payload(data, size);
	return 0;
}

#ifndef HEARTH_LIBFUZZER
#define MUTATIONS	20000
#define MAX_SEEDS	64

struct input {
	unsigned char *p;
	size_t n;
};

static uint64_t
rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static bool
slurp(const char *path, struct input *in)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		if (f != NULL)
			fclose(f);
		return false;
	}
	in->n = (size_t)n;
	in->p = malloc(in->n + 1);
	if (fread(in->p, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(in->p);
		return false;
	}
	fclose(f);
	return true;
}

/* The payload of a seed batch as a payload-mode input. */
static bool
payload_of(const struct input *batch, struct input *in)
{
	struct wire_limits lim = { 1 << 20, 4 << 20, 65535 };
	struct wire_frame f;
	unsigned char *payload;
	bool big;

	if (wire_frame_open(batch->p, batch->n, &lim, &f, &payload, &big,
	    NULL) != 0)
		return false;
	in->n = 2 + f.payload_len;
	in->p = malloc(in->n);
	in->p[0] = (unsigned char)f.nrecords;
	in->p[1] = (unsigned char)(f.nrecords >> 8);
	memcpy(in->p + 2, payload, f.payload_len);
	free(payload);
	return true;
}

static void
mutate(uint64_t *s, const struct input *from, struct input *to)
{
	unsigned k, edits = 1 + rng(s) % 4;
	/* the magic is left alone: a batch stays a batch */
	size_t at, keep = from->n >= 4 && memcmp(from->p, WIRE_MAGIC, 4) == 0 ?
	    4 : 0;

	to->n = from->n;
	to->p = malloc(from->n + 16);
	memcpy(to->p, from->p, from->n);
	for (k = 0; k < edits; k++) {
		at = keep + rng(s) % (to->n > keep ? to->n - keep : 1);
		switch (rng(s) % 5) {
		case 0:	/* flip a bit */
			if (at < to->n)
				to->p[at] ^= (unsigned char)(1u << rng(s) % 8);
			break;
		case 1:	/* a random byte */
			if (at < to->n)
				to->p[at] = (unsigned char)rng(s);
			break;
		case 2:	/* an interesting byte: lengths and varints */
			if (at < to->n)
				to->p[at] = (const unsigned char[]){ 0, 1,
				    0x7F, 0x80, 0xFF }[rng(s) % 5];
			break;
		case 3:	/* cut */
			to->n = at;
			break;
		default:	/* grow by a byte */
			if (to->n < from->n + 16 && at <= to->n) {
				memmove(to->p + at + 1, to->p + at, to->n - at);
				to->p[at] = (unsigned char)rng(s);
				to->n++;
			}
		}
	}
}

int
main(int argc, char **argv)
{
	struct input seeds[MAX_SEEDS * 2], m;
	size_t nseeds = 0, i, n, ok = 0;
	const char *srcdir = getenv("srcdir");
	char dir[4096], path[8192];
	uint64_t s = 0x5EEDF00DCAFEBABEu;
	struct dirent *e;
	DIR *d;

	if (argc > 1) {
		for (i = 1; i < (size_t)argc && nseeds < MAX_SEEDS; i++)
			if (slurp(argv[i], &seeds[nseeds]))
				nseeds++;
	} else {
		snprintf(dir, sizeof dir, "%s/tests/data/wire",
		    srcdir != NULL ? srcdir : ".");
		if ((d = opendir(dir)) == NULL) {
			perror(dir);
			return 1;
		}
		while ((e = readdir(d)) != NULL && nseeds < MAX_SEEDS) {
			size_t l = strlen(e->d_name);

			if (l < 5 || strcmp(e->d_name + l - 5, ".hrth") != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (slurp(path, &seeds[nseeds]))
				nseeds++;
		}
		closedir(d);
	}
	if (nseeds == 0) {
		fprintf(stderr, "fuzz-wire: no seeds\n");
		return 1;
	}
	/* each seed batch's payload is a seed of the payload mode */
	for (i = 0, n = nseeds; i < n; i++)
		if (payload_of(&seeds[i], &seeds[nseeds]))
			nseeds++;
	for (i = 0; i < nseeds; i++)
		(void)LLVMFuzzerTestOneInput(seeds[i].p, seeds[i].n);
	for (i = 0, ok = 0; i < MUTATIONS; i++) {
		mutate(&s, &seeds[rng(&s) % nseeds], &m);
		if (m.n >= 4 && memcmp(m.p, WIRE_MAGIC, 4) == 0)
			ok += check_batch(m.p, m.n) == 0;
		else
			ok += check_payload(m.p, m.n) == 0;
		free(m.p);
	}
	printf("fuzz-wire: %zu seeds, %d mutations, %zu decoded, %zu refused "
	    "cleanly\n", nseeds, MUTATIONS, ok, MUTATIONS - ok);
	for (i = 0; i < nseeds; i++)
		free(seeds[i].p);
	return 0;
}
#endif
