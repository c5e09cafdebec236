/* csv.h: read and write CSV (RFC 4180, with the tolerance real files need).
 *
 * Reading works on UTF-8 in memory: csv_read_file() loads a whole file and
 * converts it (files are small; one a kiosk can afford is capped at
 * CSV_MAX_FILE).  The reader accepts CRLF, LF or lone CR line ends, quoted
 * fields with commas, doubled quotes and line breaks, and keeps a quote
 * inside an unquoted field literally, as Excel does.  Blank lines, and rows
 * whose every field is blank (Excel writes ",,,," for formatted empty rows),
 * are skipped.  Each record carries the physical line it starts on (the
 * header is line 1) so callers can report "FILE:LINE: reason".  A record
 * that breaks a limit or never closes its quote is reported and skipped;
 * reading goes on with the next one.  Checking the field count against the
 * header is the caller's job, and so is trimming: spaces are data here.
 *
 * Writing produces RFC 4180: CRLF line ends, UTF-8, fields quoted only when
 * needed.  No BOM is written unless asked for with csv_write_bom() (older
 * Excel needs one to recognise UTF-8; the SPEC's output is plain UTF-8).
 *
 * For people who open the file in Excel/WPS (export --excel, doc/csv.md)
 * csv_write_row_excel() writes chosen digit-string cells as ="0123", the
 * convention both read as a text formula: without it an 18-digit ID number
 * becomes 4.11523E+17 (digits lost for good on the next save) and a
 * phone's leading 0 vanishes.  csv_excel_unwrap() turns such a cell back
 * into its text when the file is read. */
#ifndef HEARTH_CSV_H
#define HEARTH_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/textenc.h"

#define CSV_MAX_FIELD	(64 * 1024)		/* bytes in one field */
#define CSV_MAX_FIELDS	256			/* fields in one record */
#define CSV_MAX_FILE	(32 * 1024 * 1024)	/* bytes csv_read_file takes */

struct csv_reader;

/* One record.  Zero it before the first csv_read(); csv_read() frees what
 * it held before, csv_record_clear() frees it at the end. */
struct csv_record {
	size_t line;		/* physical line the record starts on, from 1 */
	size_t nfields;
	char **fields;		/* NUL-terminated UTF-8; line breaks inside
				 * quoted fields come back as "\n" */
	char *text_;		/* private: storage the fields point into */
	size_t too_long;	/* after csv_read() == -1: the 1-based field
				 * that broke CSV_MAX_FIELD, else 0; callers
				 * name its column from the header */
};

/* Read the file at PATH (at most CSV_MAX_FILE bytes) and convert it to
 * UTF-8 from ENC as textenc_to_utf8() does.  Returns 0 with *UTF8 (malloc'd,
 * NUL-terminated), *LEN and *DETECTED (may be NULL) set, or -1 with *CAUSE
 * set; causes name the file ("PATH: line N: reason"), so show them as is. */
int csv_read_file(const char *path, enum textenc enc, char **utf8,
    size_t *len, enum textenc *detected, char **cause);

/* A reader over UTF8[0..LEN), which must outlive it.  A leading BOM is
 * skipped.  Returns NULL only on allocation failure. */
struct csv_reader *csv_reader_new(const char *utf8, size_t len);

/* Read the next record into REC.  Returns 1 for a record, 0 at the end, or
 * -1 when the record starting on REC->line was broken: *CAUSE says why
 * (without file or line; the caller adds them), the record was skipped and
 * the caller goes on calling csv_read().  Allocation failure is also -1,
 * with REC->line 0; stop then. */
int csv_read(struct csv_reader *r, struct csv_record *rec, char **cause);

void csv_record_clear(struct csv_record *rec);
void csv_reader_free(struct csv_reader *r);

/* Index of the first field of header HDR equal to any of NAMES (a
 * NULL-terminated list, e.g. the Chinese header and the export name),
 * ignoring surrounding white space (ASCII and U+3000), a BOM and ASCII
 * case.  Returns -1 if there is none. */
int csv_header_index(const struct csv_record *hdr, const char *const *names);

/* Split the multi-value S on 、 ; | , and full-width ， ； into *ITEMS (a
 * malloc'd, NULL-terminated array of *N malloc'd strings), each trimmed,
 * empty ones dropped.  Returns 0, or -1 on allocation failure.  Free the
 * result with csv_split_free(). */
int csv_split_multi(const char *s, char ***items, size_t *n);
void csv_split_free(char **items);

/* Write one record of N fields (a NULL field is written empty) ending in
 * CRLF.  Fields holding a comma, quote, CR or LF, or starting or ending
 * with a space or tab, are quoted, their quotes doubled.  Returns 0, or -1
 * on a write error. */
int csv_write_row(FILE *f, const char *const *fields, size_t n);

/* As csv_write_row(), but a non-empty field I with AS_TEXT[I] true is
 * written as ="FIELD" (its quotes doubled inside the formula's string, and
 * the whole cell quoted again by RFC 4180 if it holds a comma, quote or
 * line break), so Excel/WPS keep it as text.  Meant for digit strings;
 * Excel limits a formula's string to 255 characters. */
int csv_write_row_excel(FILE *f, const char *const *fields, size_t n,
    const bool *as_text);

/* If S is a whole ="TEXT" cell as csv_write_row_excel() writes it (after
 * CSV unquoting), replace S in place by TEXT (doubled quotes undone) and
 * return true; otherwise leave S alone and return false. */
bool csv_excel_unwrap(char *s);

/* Write a UTF-8 BOM; call first, only for people who open the file in
 * Excel/WPS (export --excel).  Returns 0, or -1 on a write error. */
int csv_write_bom(FILE *f);

#endif
