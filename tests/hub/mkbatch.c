/* mkbatch.c: build a batch with core/wire.h's encoder, for tests/hub/.
 *
 *   mkbatch STATION BATCH_NO [KIND FILE.csv]... > batch
 *	one record per CSV row (a header of column names, "uid" among
 *	them; an empty cell is null; a "deleted" column of 1 marks the
 *	record deleted and is not sent as a column); KIND is a wire kind
 *	name: elder, visit, meal, site, child, guidance
 *   mkbatch --bomb RECORDS BYTES STATION BATCH_NO > batch
 *	RECORDS visits whose note is BYTES of one letter and a number:
 *	a few KB on the wire that inflate to RECORDS * BYTES
 *
 * Exit 0, or 1 with a message on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/wire.h"

static int
kind_from_name(const char *name)
{
	const char *n;
	int k;

	for (k = 1; k < WIRE_KIND_MAX; k++)
		if ((n = wire_kind_name(k)) != NULL && strcmp(n, name) == 0)
			return k;
	return 0;
}

static int
add_csv(struct wire_encoder *enc, int kind, const char *path)
{
	struct csv_record hdr = { 0 }, rec = { 0 };
	struct csv_reader *rd;
	struct wire_record r;
	const char *names[CSV_MAX_FIELDS], *values[CSV_MAX_FIELDS];
	char *text, *cause = NULL;
	size_t len, i;
	int rc, ret = -1;

	if (csv_read_file(path, TEXTENC_UTF8, &text, &len, NULL, &cause) != 0) {
		fprintf(stderr, "mkbatch: %s\n", cause);
		free(cause);
		return -1;
	}
	rd = csv_reader_new(text, len);
	if (rd == NULL || csv_read(rd, &hdr, &cause) != 1)
		goto out;
	while ((rc = csv_read(rd, &rec, &cause)) == 1) {
		memset(&r, 0, sizeof r);
		r.kind = kind;
		r.names = names;
		r.values = values;
		for (i = 0; i < rec.nfields && i < hdr.nfields; i++) {
			const char *v = rec.fields[i][0] != '\0' ?
			    rec.fields[i] : NULL;

			if (strcmp(hdr.fields[i], "deleted") == 0) {
				r.deleted = v != NULL && strcmp(v, "1") == 0;
				continue;
			}
			if (strcmp(hdr.fields[i], "uid") == 0)
				r.uid = v;
			names[r.ncols] = hdr.fields[i];
			values[r.ncols++] = v;
		}
		if (wire_encoder_add(enc, &r, &cause) != 0)
			goto out;
	}
	ret = rc == 0 ? 0 : -1;
out:
	if (cause != NULL) {
		fprintf(stderr, "mkbatch: %s: %s\n", path, cause);
		free(cause);
	}
	csv_record_clear(&hdr);
	csv_record_clear(&rec);
	csv_reader_free(rd);
	free(text);
	return ret;
}

static int
add_bomb(struct wire_encoder *enc, const char *station, long n, long bytes)
{
	static const char *const names[] = { "uid", "elder_id_number",
		"visited_at", "note" };
	const char *values[4];
	struct wire_record r;
	char uid[48], *note, *cause = NULL;
	long i;

	if ((note = malloc((size_t)bytes + 24)) == NULL)
		return -1;
	memset(note, 'A', (size_t)bytes);
	for (i = 0; i < n; i++) {
		/* Distinct values, so no dictionary coding shrinks the
		 * payload: the bytes must really inflate. */
		snprintf(note + bytes, 24, "%ld", i);
		snprintf(uid, sizeof uid, "%s:%ld", station, i + 1);
		values[0] = uid;
		values[1] = "110101194501010012";
		values[2] = "2024-03-01 09:00";
		values[3] = note;
		memset(&r, 0, sizeof r);
		r.kind = WIRE_VISIT;
		r.uid = uid;
		r.ncols = 4;
		r.names = names;
		r.values = values;
		if (wire_encoder_add(enc, &r, &cause) != 0) {
			fprintf(stderr, "mkbatch: %s\n", cause);
			free(cause);
			free(note);
			return -1;
		}
	}
	free(note);
	return 0;
}

int
main(int argc, char **argv)
{
	struct wire_encoder *enc;
	unsigned char *out;
	char *cause = NULL;
	size_t len;
	int i, kind, bomb = argc > 1 && strcmp(argv[1], "--bomb") == 0;

	if (bomb ? argc != 6 : argc < 3 || argc % 2 == 0) {
		fputs("usage: mkbatch STATION BATCH_NO [KIND FILE.csv]...\n"
		    "       mkbatch --bomb RECORDS BYTES STATION BATCH_NO\n",
		    stderr);
		return 1;
	}
	enc = wire_encoder_new(argv[bomb ? 4 : 1],
	    strtoull(argv[bomb ? 5 : 2], NULL, 10));
	if (enc == NULL)
		return 1;
	if (bomb) {
		if (add_bomb(enc, argv[4], atol(argv[2]), atol(argv[3])) != 0)
			return 1;
	} else {
		for (i = 3; i < argc; i += 2) {
			if ((kind = kind_from_name(argv[i])) == 0) {
				fprintf(stderr, "mkbatch: no kind %s\n",
				    argv[i]);
				return 1;
			}
			if (add_csv(enc, kind, argv[i + 1]) != 0)
				return 1;
		}
	}
	if (wire_encoder_finish(enc, &out, &len, &cause) != 0) {
		fprintf(stderr, "mkbatch: %s\n", cause);
		return 1;
	}
	wire_encoder_free(enc);
	if (fwrite(out, 1, len, stdout) != len || fflush(stdout) != 0)
		return 1;
	free(out);
	return 0;
}
