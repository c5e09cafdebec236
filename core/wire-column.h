/* wire-column.h: one column of a batch section, coded for size.
 *
 * A column is the N values (UTF-8 text or null) one field takes in the N
 * records of a section.  wire_col_encode() looks at all of them and picks
 * the coding that is smallest for this column in this batch (doc/sync.md
 * lists them): dictionary for small vocabularies, delta-coded day or
 * minute numbers for dates and times, delta-coded integers, uids as
 * prefix + delta-coded sequence number, plain text otherwise.  A typed
 * coding is only chosen when every value prints back to exactly the same
 * bytes, so decoding always gives the text that was encoded.
 *
 * Decoding is a cursor: wire_col_open() checks the whole column (lengths,
 * UTF-8, no NUL, dictionary indexes are checked as they are read) and
 * wire_col_next() hands out the values one at a time, so a section is
 * decoded row by row with memory bounded by the input, never by what a
 * length field claims. */
#ifndef HEARTH_WIRE_COLUMN_H
#define HEARTH_WIRE_COLUMN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/wire-codec.h"

/* Codings: the numbers are on the wire.  A decoder that meets a coding it
 * does not know skips the column by its length (doc/sync.md). */
enum wire_coding {
	WIRE_COL_NULL = 0,	/* every value null: no data */
	WIRE_COL_TEXT = 1,	/* lengths, then the bytes */
	WIRE_COL_DICT = 2,	/* distinct values once, then an index each */
	WIRE_COL_INT = 3,	/* decimal integers */
	WIRE_COL_DATE = 4,	/* YYYY-MM-DD as a day number */
	WIRE_COL_MINUTE = 5,	/* YYYY-MM-DD HH:MM as a minute number */
	WIRE_COL_SECOND = 6,	/* YYYY-MM-DD HH:MM:SS as a second number */
	WIRE_COL_UID = 7,	/* PREFIX:SEQ */
	WIRE_COL_CODINGS
};

/* Write the data of the column VALS[0..N) (NULL = null) to OUT, in the
 * coding it returns.  Values must be valid UTF-8 (the caller checks). */
int wire_col_encode(struct wire_buf *out, const char *const *vals, size_t n);

struct wire_col {
	int coding;
	size_t n, i;			/* values in all, values handed out */
	struct wire_reader r;		/* what is read value by value */
	const unsigned char *nulls;	/* bitmap, bit i set = null; or NULL */
	char *arena;			/* the column's strings, NUL-terminated */
	const char *text;		/* TEXT: the next value in the arena */
	const char **strs;		/* DICT entries, UID prefixes */
	size_t nstrs;
	uint64_t prev, gcd;		/* integer codings */
	bool delta, started;
	char num[48];			/* the current number, printed */
	char *scratch;			/* UID: the current uid */
};

/* Open the column of N values coded CODING in DATA[0..LEN).  0, or -1 and
 * *CAUSE (plain English: these messages go to the hub's log and its JSON
 * errors, not to a volunteer). */
int wire_col_open(struct wire_col *c, int coding, const unsigned char *data,
    size_t len, size_t n, char **cause);

/* The next value into *VAL (NULL for null), valid until the next call.
 * False when the data is malformed or the values are used up. */
bool wire_col_next(struct wire_col *c, const char **val);

/* True when every value was read and no data is left over. */
bool wire_col_done(const struct wire_col *c);

void wire_col_close(struct wire_col *c);

#endif
