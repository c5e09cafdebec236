/* csv.c: CSV reader and writer, header lookup and multi-value splitting. */
#define _POSIX_C_SOURCE 200809L
#include "core/csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

#define BOM "\xEF\xBB\xBF"

enum csv_error {
	CSV_OK,
	CSV_TOO_LONG,
	CSV_TOO_MANY,
	CSV_UNCLOSED,
	CSV_NOMEM,
};

struct csv_reader {
	const char *p, *end;
	size_t line;		/* physical line P is on */

	/* The record being read, as NUL-separated fields in BUF.  It is
	 * scratch reused between records; only finished records are copied
	 * out, at their exact size. */
	char *buf;
	size_t len, cap;
	size_t starts[CSV_MAX_FIELDS];
	size_t nfields;
	size_t flen;		/* bytes of the current field so far */
	bool overflow;		/* past CSV_MAX_FIELDS; storing nothing */
	enum csv_error error;
	size_t error_field;	/* 1-based, for CSV_TOO_LONG */
};

struct csv_reader *
csv_reader_new(const char *utf8, size_t len)
{
	struct csv_reader *r;

	if ((r = calloc(1, sizeof *r)) == NULL)
		return NULL;
	if (len >= 3 && memcmp(utf8, BOM, 3) == 0) {
		utf8 += 3;
		len -= 3;
	}
	r->p = utf8;
	r->end = utf8 + len;
	r->line = 1;
	return r;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

void
csv_record_clear(struct csv_record *rec)
{
	free(rec->fields);
	free(rec->text_);
	memset(rec, 0, sizeof *rec);
}

/* Append byte C to BUF, growing it by doubling. */
static bool
buf_put(struct csv_reader *r, char c)
{
	char *nbuf;
	size_t ncap;

	if (r->len == r->cap) {
		ncap = r->cap ? r->cap * 2 : 256;
		if ((nbuf = realloc(r->buf, ncap)) == NULL)
			return false;
		r->buf = nbuf;
		r->cap = ncap;
	}
	r->buf[r->len++] = c;
	return true;
}

/* Add C to the current field.  Once the record is known to be broken
 * nothing more is stored, so a 10 MB field costs no more than 64 KiB of
 * scratch: the rest of it is only scanned past. */
static void
field_put(struct csv_reader *r, char c)
{
	if (r->error != CSV_OK)
		return;
	if (r->overflow) {
		/* Empty columns past the limit are what a spreadsheet's
		 * formatted-but-unused range looks like: drop those quietly,
		 * but data out there means the row is not what it seems. */
		r->error = CSV_TOO_MANY;
		return;
	}
	if (r->flen >= CSV_MAX_FIELD) {
		r->error = CSV_TOO_LONG;
		r->error_field = r->nfields;
		return;
	}
	r->flen++;
	if (!buf_put(r, c))
		r->error = CSV_NOMEM;
}

static void
field_begin(struct csv_reader *r)
{
	r->flen = 0;
	if (r->nfields == CSV_MAX_FIELDS) {
		r->overflow = true;
		return;
	}
	r->starts[r->nfields++] = r->len;
}

static void
field_end(struct csv_reader *r)
{
	if (r->overflow || r->error != CSV_OK)
		return;
	if (!buf_put(r, '\0'))
		r->error = CSV_NOMEM;
}

/* Consume a line break (CRLF, LF or CR) if P is on one. */
static bool
skip_newline(struct csv_reader *r)
{
	if (r->p < r->end && *r->p == '\n') {
		r->p++;
	} else if (r->p < r->end && *r->p == '\r') {
		r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
	} else
		return false;
	r->line++;
	return true;
}

/* Scan the rest of a quoted field, after its opening quote.  Line breaks
 * in it become "\n" whatever the file used, so notes read the same from
 * every source. */
static void
scan_quoted(struct csv_reader *r)
{
	for (;;) {
		if (r->p == r->end) {
			r->error = CSV_UNCLOSED;
			return;
		}
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				field_put(r, '"');
				r->p += 2;
				continue;
			}
			r->p++;
			return;
		}
		if (skip_newline(r)) {
			field_put(r, '\n');
			continue;
		}
		field_put(r, *r->p++);
	}
}

/* Scan one record from P to just past its line break. */
static void
scan_record(struct csv_reader *r)
{
	r->len = 0;
	r->nfields = 0;
	r->overflow = false;
	r->error = CSV_OK;
	for (;;) {
		field_begin(r);
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			scan_quoted(r);
			if (r->error == CSV_UNCLOSED)
				return;
		}
		/* Unquoted text, or text after a closing quote ("a"b reads
		 * as a"b would in Excel: ab).  A quote here is kept as is. */
		while (r->p < r->end && *r->p != ',' && *r->p != '\r' &&
		    *r->p != '\n')
			field_put(r, *r->p++);
		field_end(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		skip_newline(r);
		return;
	}
}

/* True if every field of the scanned record is empty or spaces/tabs. */
static bool
record_blank(const struct csv_reader *r)
{
	size_t i;

	for (i = 0; i < r->len; i++)
		if (r->buf[i] != '\0' && r->buf[i] != ' ' && r->buf[i] != '\t')
			return false;
	return true;
}

static int
record_fill(struct csv_reader *r, struct csv_record *rec)
{
	size_t i;

	rec->text_ = malloc(r->len);
	rec->fields = malloc((r->nfields + 1) * sizeof *rec->fields);
	if (rec->text_ == NULL || rec->fields == NULL)
		return -1;
	memcpy(rec->text_, r->buf, r->len);
	for (i = 0; i < r->nfields; i++)
		rec->fields[i] = rec->text_ + r->starts[i];
	rec->fields[r->nfields] = NULL;
	rec->nfields = r->nfields;
	return 0;
}

int
csv_read(struct csv_reader *r, struct csv_record *rec, char **cause)
{
	size_t line;

	csv_record_clear(rec);
	for (;;) {
		while (skip_newline(r))
			;	/* blank lines */
		if (r->p == r->end)
			return 0;
		line = r->line;
		scan_record(r);
		if (r->error == CSV_OK && record_blank(r))
			continue;
		break;
	}
	rec->line = line;
	switch (r->error) {
	case CSV_OK:
		if (record_fill(r, rec) == 0)
			return 1;
		csv_record_clear(rec);
		/* FALLTHROUGH */
	case CSV_NOMEM:
		rec->line = 0;
		err_set(cause, "%s", _("out of memory"));
		break;
	case CSV_TOO_LONG:
		rec->too_long = r->error_field;
		err_set(cause,
		    _("field %zu is longer than %d KiB; row skipped"),
		    r->error_field, CSV_MAX_FIELD / 1024);
		break;
	case CSV_TOO_MANY:
		err_set(cause,
		    _("the row has more than %d fields; row skipped"),
		    CSV_MAX_FIELDS);
		break;
	case CSV_UNCLOSED:
		err_set(cause, _("a quoted field starting on this row is never "
		    "closed (a \" is missing); row skipped"));
		break;
	}
	return -1;
}

/* Length of a leading run of white space or BOM in S (ASCII white space,
 * U+3000 IDEOGRAPHIC SPACE, U+FEFF). */
static size_t
space_prefix(const char *s, size_t len, bool bom)
{
	size_t i = 0;

	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\n'))
			i++;
		else if (len - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0)
			i += 3;
		else if (bom && len - i >= 3 && memcmp(s + i, BOM, 3) == 0)
			i += 3;
		else
			return i;
	}
}

/* Length of S[0..LEN) without trailing white space (ASCII, U+3000). */
static size_t
trim_end(const char *s, size_t len)
{
	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r' || s[len - 1] == '\n'))
			len--;
		else if (len >= 3 &&
		    memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
			len -= 3;
		else
			return len;
	}
}

static bool
ascii_case_equal(const char *a, const char *b, size_t len)
{
	size_t i;
	unsigned char x, y;

	for (i = 0; i < len; i++) {
		x = (unsigned char)a[i];
		y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

int
csv_header_index(const struct csv_record *hdr, const char *const *names)
{
	const char *s;
	size_t i, j, len, skip;

	for (i = 0; i < hdr->nfields; i++) {
		s = hdr->fields[i];
		len = strlen(s);
		skip = space_prefix(s, len, true);
		s += skip;
		len = trim_end(s, len - skip);
		for (j = 0; names[j] != NULL; j++)
			if (strlen(names[j]) == len &&
			    ascii_case_equal(s, names[j], len))
				return (int)i;
	}
	return -1;
}

/* Length of the separator at S, 0 if there is none: 、 ; | , ， ； */
static size_t
separator_at(const char *s)
{
	if (*s == ';' || *s == '|' || *s == ',')
		return 1;
	if (strncmp(s, "\xE3\x80\x81", 3) == 0 ||	/* 、 */
	    strncmp(s, "\xEF\xBC\x8C", 3) == 0 ||	/* ， */
	    strncmp(s, "\xEF\xBC\x9B", 3) == 0)		/* ； */
		return 3;
	return 0;
}

void
csv_split_free(char **items)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; items[i] != NULL; i++)
		free(items[i]);
	free(items);
}

int
csv_split_multi(const char *s, char ***items, size_t *n)
{
	const char *item, *p;
	char **list, **nlist, *copy;
	size_t count = 0, len, skip, sep;

	/* No more items than separators + 1: one allocation up front. */
	len = 1;
	for (p = s; *p != '\0'; p += sep ? sep : 1)
		if ((sep = separator_at(p)) != 0)
			len++;
	if ((list = calloc(len + 1, sizeof *list)) == NULL)
		return -1;
	for (item = p = s;; p += sep) {
		sep = separator_at(p);
		if (sep == 0 && *p != '\0') {
			sep = 1;
			continue;
		}
		len = (size_t)(p - item);
		skip = space_prefix(item, len, false);
		len = trim_end(item + skip, len - skip);
		if (len > 0) {
			if ((copy = strndup(item + skip, len)) == NULL) {
				csv_split_free(list);
				return -1;
			}
			list[count++] = copy;
		}
		if (*p == '\0')
			break;
		item = p + sep;
	}
	/* Give back the slots empty items did not use. */
	if ((nlist = realloc(list, (count + 1) * sizeof *list)) != NULL)
		list = nlist;
	*items = list;
	*n = count;
	return 0;
}

int
csv_read_file(const char *path, enum textenc enc, char **utf8,
    size_t *len, enum textenc *detected, char **cause)
{
	FILE *f;
	char *buf = NULL, *nbuf, *tcause = NULL;
	size_t used = 0, cap = 0, got;
	int rc = -1;

	*utf8 = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		err_set(cause, _("%s: cannot open: %s"), path, strerror(errno));
		return -1;
	}
	/* Read in chunks rather than trusting the size from stat: the path
	 * may be a pipe, and a file may grow while being read. */
	for (;;) {
		if (used == cap) {
			if (cap > CSV_MAX_FILE) {
				err_set(cause, _("%s: the file is larger than "
				    "%d MiB; split it into smaller files"),
				    path, CSV_MAX_FILE / (1024 * 1024));
				goto out;
			}
			cap = cap ? cap * 2 : 64 * 1024;
			if (cap > CSV_MAX_FILE + 1)
				cap = CSV_MAX_FILE + 1;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				err_set(cause, "%s", _("out of memory"));
				goto out;
			}
			buf = nbuf;
		}
		got = fread(buf + used, 1, cap - used, f);
		used += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		err_set(cause, _("%s: cannot read: %s"), path, strerror(errno));
		goto out;
	}
	/* A workbook given where a CSV is expected is a common mistake:
	 * say what to do instead of "not valid UTF-8 or GBK". */
	if (used >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 ||
	    memcmp(buf, "\xD0\xCF\x11\xE0", 4) == 0)) {
		err_set(cause, _("%s: this is an Excel/WPS workbook, not CSV; "
		    "open it and use Save As, type CSV"), path);
		goto out;
	}
	if (textenc_to_utf8(buf, used, enc, utf8, len, detected, &tcause) < 0) {
		err_set(cause, "%s: %s", path, tcause ? tcause : "");
		free(tcause);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

static bool
needs_quotes(const char *s)
{
	size_t len = strlen(s);

	if (len == 0)
		return false;
	return strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[0] == '\t' ||
	    s[len - 1] == ' ' || s[len - 1] == '\t';
}

/* Write S as one RFC 4180 field. */
static void
put_field(FILE *f, const char *s)
{
	if (!needs_quotes(s)) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* Write S as the text formula ="S".  The bare form ="0123" is the one
 * Excel and WPS are known to read; it is only RFC 4180-quoted as a whole
 * when it must be (a comma or line break would end the cell), and a quote
 * in S is doubled as the formula's string syntax wants. */
static void
put_excel_text(FILE *f, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fprintf(f, "=\"%s\"", s);
		return;
	}
	fputs("\"=\"\"", f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputs("\"\"\"", f);	/* "" in the formula, doubled */
		putc(*p, f);
	}
	fputs("\"\"\"", f);
}

int
csv_write_row_excel(FILE *f, const char *const *fields, size_t n,
    const bool *as_text)
{
	const char *s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(',', f);
		s = fields[i] ? fields[i] : "";
		/* An empty cell stays empty: ="" would read back as "". */
		if (as_text != NULL && as_text[i] && *s != '\0')
			put_excel_text(f, s);
		else
			put_field(f, s);
	}
	fputs("\r\n", f);
	return ferror(f) ? -1 : 0;
}

int
csv_write_row(FILE *f, const char *const *fields, size_t n)
{
	return csv_write_row_excel(f, fields, n, NULL);
}

bool
csv_excel_unwrap(char *s)
{
	size_t len = strlen(s), i, o;

	if (len < 3 || s[0] != '=' || s[1] != '"' || s[len - 1] != '"')
		return false;
	/* Inside, a quote must come doubled; a lone one means this is some
	 * other formula ("="a"&"b"), left as it is. */
	for (i = 2; i < len - 1; i++)
		if (s[i] == '"' && (i + 1 >= len - 1 || s[++i] != '"'))
			return false;
	for (i = 2, o = 0; i < len - 1; i++, o++) {
		s[o] = s[i];
		if (s[i] == '"')
			i++;
	}
	s[o] = '\0';
	return true;
}

int
csv_write_bom(FILE *f)
{
	fputs(BOM, f);
	return ferror(f) ? -1 : 0;
}
