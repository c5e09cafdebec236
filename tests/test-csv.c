/* test-csv.c: the CSV reader and writer, encodings, multi-values, JSON.
 *
 * Data files live in $srcdir/tests/data/csv/ (automake sets srcdir; run by
 * hand with srcdir=. from the top of the tree). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/json.h"
#include "core/textenc.h"

/* A string literal and its length, NULs and all. */
#define LIT(s) s, sizeof s - 1

static char *
data_path(const char *name)
{
	const char *srcdir = getenv("srcdir");
	char *path;

	if (asprintf(&path, "%s/tests/data/csv/%s", srcdir ? srcdir : ".",
	    name) < 0)
		fail_msg("asprintf");
	return path;
}

/* Raw bytes of a data file, as stored. */
static char *
data_raw(const char *name, size_t *len)
{
	char *path = data_path(name), *buf;
	FILE *f = fopen(path, "rb");
	long n;

	if (f == NULL)
		fail_msg("cannot open %s (set srcdir)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	free(path);
	*len = (size_t)n;
	return buf;
}

/* A data file through csv_read_file(); fails the test on error. */
static char *
data_load(const char *name, enum textenc enc, size_t *len,
    enum textenc *detected)
{
	char *path = data_path(name), *utf8 = NULL, *cause = NULL;

	if (csv_read_file(path, enc, &utf8, len, detected, &cause) < 0)
		fail_msg("%s", cause);
	free(path);
	return utf8;
}

/* The cause csv_read_file() gives for NAME, which must fail. */
static char *
data_load_error(const char *name, enum textenc enc)
{
	char *path = data_path(name), *utf8 = NULL, *cause = NULL;
	size_t len;

	assert_int_equal(csv_read_file(path, enc, &utf8, &len, NULL, &cause),
	    -1);
	assert_null(utf8);
	assert_non_null(cause);
	free(path);
	return cause;
}

/* Expect the next record to be at LINE with the N fields given. */
static void
expect_record(struct csv_reader *r, struct csv_record *rec, size_t line,
    size_t n, ...)
{
	char *cause = NULL;
	va_list ap;
	size_t i;
	int rc;

	rc = csv_read(r, rec, &cause);
	if (rc != 1)
		fail_msg("expected a record at line %zu, got %d (%s)", line, rc,
		    cause ? cause : "-");
	assert_int_equal(rec->line, line);
	assert_int_equal(rec->nfields, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(rec->fields[i], va_arg(ap, const char *));
	va_end(ap);
	assert_null(rec->fields[n]);
}

/* Expect the next record, starting at LINE, to be reported broken with a
 * cause containing WHAT. */
static void
expect_broken(struct csv_reader *r, struct csv_record *rec, size_t line,
    const char *what)
{
	char *cause = NULL;

	assert_int_equal(csv_read(r, rec, &cause), -1);
	assert_int_equal(rec->line, line);
	assert_non_null(cause);
	if (strstr(cause, what) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, what);
	free(cause);
}

static void
expect_end(struct csv_reader *r, struct csv_record *rec)
{
	char *cause = NULL;

	assert_int_equal(csv_read(r, rec, &cause), 0);
	assert_null(cause);
}

static void
test_textenc_parse(void **state)
{
	enum textenc e = TEXTENC_AUTO;

	(void)state;
	assert_int_equal(textenc_parse("UTF-8", &e), 0);
	assert_int_equal(e, TEXTENC_UTF8);
	assert_int_equal(textenc_parse("utf8", &e), 0);
	assert_int_equal(e, TEXTENC_UTF8);
	assert_int_equal(textenc_parse("GBK", &e), 0);
	assert_int_equal(e, TEXTENC_GBK);
	assert_int_equal(textenc_parse("gb18030", &e), 0);
	assert_int_equal(e, TEXTENC_GBK);
	assert_int_equal(textenc_parse("Auto", &e), 0);
	assert_int_equal(e, TEXTENC_AUTO);
	assert_int_equal(textenc_parse("latin1", &e), -1);
	assert_int_equal(textenc_parse("", &e), -1);
	assert_string_equal(textenc_name(TEXTENC_GBK), "gb18030");
	assert_string_equal(textenc_name(TEXTENC_UTF8), "utf-8");
}

/* What Excel's "CSV UTF-8" writes: BOM, CRLF. */
static void
test_utf8_bom_crlf(void **state)
{
	static const char *const name[] = { "姓名", "name", NULL };
	static const char *const hardship[] = { "困难类型", NULL };
	struct csv_record hdr = { 0 }, rec = { 0 };
	struct csv_reader *r;
	enum textenc det = TEXTENC_AUTO;
	size_t len;
	char *text, **items;
	size_t n;

	(void)state;
	text = data_load("utf8-bom-crlf.csv", TEXTENC_AUTO, &len, &det);
	assert_int_equal(det, TEXTENC_UTF8);
	assert_memory_equal(text, "姓名,", strlen("姓名,"));	/* no BOM */
	assert_int_equal(strlen(text), len);
	r = csv_reader_new(text, len);
	assert_non_null(r);
	expect_record(r, &hdr, 1, 4, "姓名", "身份证号", "性别", "困难类型");
	assert_int_equal(csv_header_index(&hdr, name), 0);
	assert_int_equal(csv_header_index(&hdr, hardship), 3);
	expect_record(r, &rec, 2, 4, "张三", "11010119400101123X", "男",
	    "独居、高龄");
	assert_int_equal(csv_split_multi(rec.fields[3], &items, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(items[0], "独居");
	assert_string_equal(items[1], "高龄");
	csv_split_free(items);
	expect_record(r, &rec, 3, 4, "李四 ", "110101194502023456", "女",
	    "空巢,低保");
	expect_end(r, &rec);
	csv_record_clear(&hdr);
	csv_record_clear(&rec);
	csv_reader_free(r);
	free(text);
}

/* GBK from WPS, with a four-byte GB18030 character (𠮷) and full-width
 * punctuation: decodes to exactly the UTF-8 it was made from. */
static void
test_gbk_file(void **state)
{
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	enum textenc det = TEXTENC_AUTO;
	char *text, *want;
	size_t len, wantlen;

	(void)state;
	want = data_raw("gbk.csv.utf8", &wantlen);
	text = data_load("gbk.csv", TEXTENC_AUTO, &len, &det);
	assert_int_equal(det, TEXTENC_GBK);
	assert_int_equal(len, wantlen);
	assert_memory_equal(text, want, len);
	free(text);

	/* The same, forced. */
	det = TEXTENC_AUTO;
	text = data_load("gbk.csv", TEXTENC_GBK, &len, &det);
	assert_int_equal(det, TEXTENC_GBK);
	r = csv_reader_new(text, len);
	expect_record(r, &rec, 1, 5, "姓名", "身份证号", "住址", "困难类型",
	    "备注");
	expect_record(r, &rec, 2, 5, "张三", "110101194001011234",
	    "城关镇东街１号（北院）", "独居、高龄", "说：“好”；");
	expect_record(r, &rec, 3, 5, "单田芳", "110101194001011234",
	    "曾家村，三组", "空巢；低保", "");
	expect_record(r, &rec, 4, 5, "𠮷野", "110101194001011234", "吉祥路",
	    "其他", "全角逗号，分号；句号。");
	expect_end(r, &rec);
	csv_reader_free(r);
	free(text);
	free(want);
}

static void
test_forced_encoding_errors(void **state)
{
	char *cause;

	(void)state;
	/* GBK bytes forced as UTF-8: the first byte is already wrong. */
	cause = data_load_error("gbk.csv", TEXTENC_UTF8);
	assert_non_null(strstr(cause, "gbk.csv: line 1:"));
	assert_non_null(strstr(cause, "UTF-8"));
	free(cause);
	/* Neither encoding fits line 3. */
	cause = data_load_error("badbytes.csv", TEXTENC_AUTO);
	assert_non_null(strstr(cause, "badbytes.csv: line 3:"));
	free(cause);
	cause = data_load_error("badbytes.csv", TEXTENC_GBK);
	assert_non_null(strstr(cause, "line 3:"));
	assert_non_null(strstr(cause, "GB18030"));
	free(cause);
	cause = data_load_error("workbook.xlsx", TEXTENC_AUTO);
	assert_non_null(strstr(cause, "workbook.xlsx"));
	assert_non_null(strstr(cause, "CSV"));
	free(cause);
	cause = data_load_error("no-such-file.csv", TEXTENC_AUTO);
	assert_non_null(strstr(cause, "no-such-file.csv"));
	free(cause);
}

/* textenc_to_utf8() on buffers: the decisions auto-detection makes. */
static void
test_textenc_buffers(void **state)
{
	enum textenc det;
	char *out, *cause;
	size_t len;

	(void)state;
	/* Pure ASCII is UTF-8. */
	det = TEXTENC_GBK;
	assert_int_equal(textenc_to_utf8(LIT("a,b\n"), TEXTENC_AUTO, &out, &len,
	    &det, &cause), 0);
	assert_int_equal(det, TEXTENC_UTF8);
	assert_string_equal(out, "a,b\n");
	free(out);
	/* A BOM declares UTF-8: a bad byte later is a UTF-8 error on its
	 * line (lone CR and CRLF both end lines), not mojibake. */
	cause = NULL;
	assert_int_equal(textenc_to_utf8(LIT("\xEF\xBB\xBFh\ra\r\nb\n\xD5\xC5"),
	    TEXTENC_AUTO, &out, &len, &det, &cause), -1);
	assert_null(out);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "line 4:"));
	assert_non_null(strstr(cause, "UTF-8"));
	free(cause);
	/* Without the BOM those bytes are 张 in GBK. */
	assert_int_equal(textenc_to_utf8(LIT("h\ra\r\nb\n\xD5\xC5"),
	    TEXTENC_AUTO, &out, &len, &det, &cause), 0);
	assert_int_equal(det, TEXTENC_GBK);
	assert_string_equal(out, "h\ra\r\nb\n张");
	assert_int_equal(len, strlen(out));
	free(out);
	/* A GB18030 BOM (U+FEFF) is dropped too. */
	assert_int_equal(textenc_to_utf8(LIT("\x84\x31\x95\x33\xD5\xC5"),
	    TEXTENC_GBK, &out, &len, &det, &cause), 0);
	assert_string_equal(out, "张");
	free(out);
	/* A GBK lead byte cut off at the end. */
	cause = NULL;
	assert_int_equal(textenc_to_utf8(LIT("a\nb\xD5"), TEXTENC_GBK, &out,
	    &len, &det, &cause), -1);
	assert_non_null(strstr(cause, "line 2:"));
	free(cause);
	/* UTF-16 and NUL bytes are refused by name. */
	cause = NULL;
	assert_int_equal(textenc_to_utf8(LIT("\xFF\xFEn\0a\0"), TEXTENC_AUTO,
	    &out, &len, &det, &cause), -1);
	assert_non_null(strstr(cause, "UTF-16"));
	free(cause);
	cause = NULL;
	assert_int_equal(textenc_to_utf8(LIT("a\nb\n\0"), TEXTENC_AUTO, &out,
	    &len, &det, &cause), -1);
	assert_non_null(strstr(cause, "line 3:"));
	assert_non_null(strstr(cause, "NUL"));
	free(cause);
	/* An empty file is fine: no records. */
	assert_int_equal(textenc_to_utf8(LIT(""), TEXTENC_AUTO, &out, &len,
	    &det, &cause), 0);
	assert_string_equal(out, "");
	free(out);
}

/* Quoting, embedded line breaks, blank and spreadsheet-empty rows: every
 * record keeps the line it starts on. */
static void
test_quoted(void **state)
{
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	char *text;
	size_t len;

	(void)state;
	text = data_load("quoted.csv", TEXTENC_AUTO, &len, NULL);
	r = csv_reader_new(text, len);
	expect_record(r, &rec, 1, 3, "name", "note", "tags");
	expect_record(r, &rec, 2, 3, "a", "x, y", "1");
	expect_record(r, &rec, 3, 3, "b", "line1\nline2\nline3", "2");
	expect_record(r, &rec, 6, 3, "c", "say \"hi\"", "3");
	expect_record(r, &rec, 8, 3, "d", "5\"2 tall", "4");
	expect_record(r, &rec, 11, 3, "e", "abcd", "5");
	expect_record(r, &rec, 12, 3, "f", "", "6");
	expect_record(r, &rec, 13, 3, "g", " trailing ", "7");
	expect_end(r, &rec);
	expect_end(r, &rec);	/* and stays at the end */
	csv_reader_free(r);
	free(text);
}

static void
test_unclosed_quote(void **state)
{
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	char *text;
	size_t len;

	(void)state;
	text = data_load("unclosed.csv", TEXTENC_AUTO, &len, NULL);
	r = csv_reader_new(text, len);
	expect_record(r, &rec, 1, 2, "name", "note");
	expect_record(r, &rec, 2, 2, "ok", "fine");
	expect_broken(r, &rec, 3, "\"");
	expect_end(r, &rec);
	csv_reader_free(r);
	free(text);
}

/* A short row is returned as is (the caller checks counts against the
 * header); a row over CSV_MAX_FIELDS is skipped; lines stay right. */
static void
test_broken_middle(void **state)
{
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	char *text;
	size_t len;

	(void)state;
	text = data_load("broken.csv", TEXTENC_AUTO, &len, NULL);
	r = csv_reader_new(text, len);
	expect_record(r, &rec, 1, 3, "id", "name", "phone");
	expect_record(r, &rec, 2, 3, "1", "张三", "13800000000");
	expect_record(r, &rec, 3, 2, "2", "李四");
	expect_broken(r, &rec, 4, "256");
	expect_record(r, &rec, 5, 3, "4", "王\n五", "13900000000");
	expect_record(r, &rec, 7, 3, "5", "赵六", "13700000000");
	expect_end(r, &rec);
	csv_record_clear(&rec);
	csv_reader_free(r);
	free(text);
}

/* A 10 MB field is skipped without storing it, and the next record is
 * read with the right line. */
static void
test_huge_field(void **state)
{
	const size_t big = 10 * 1024 * 1024;
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	char *text, *p;
	size_t len;

	(void)state;
	len = strlen("h\n1,\"") + big + strlen("\"\nok\n");
	text = malloc(len + 1);
	assert_non_null(text);
	p = stpcpy(text, "h\n1,\"");
	memset(p, 'x', big);
	p[big / 2] = '\n';	/* the field spans two lines */
	strcpy(p + big, "\"\nok\n");
	r = csv_reader_new(text, len);
	expect_record(r, &rec, 1, 1, "h");
	expect_broken(r, &rec, 2, "field 2");
	expect_record(r, &rec, 4, 1, "ok");
	expect_end(r, &rec);
	csv_reader_free(r);

	/* Unquoted, and exactly at the limit is still fine. */
	len = CSV_MAX_FIELD + 2;
	memset(text, 'y', CSV_MAX_FIELD);
	strcpy(text + CSV_MAX_FIELD, "\nz");
	r = csv_reader_new(text, len);
	assert_int_equal(csv_read(r, &rec, NULL), 1);
	assert_int_equal(strlen(rec.fields[0]), CSV_MAX_FIELD);
	expect_record(r, &rec, 2, 1, "z");
	csv_reader_free(r);
	text[CSV_MAX_FIELD] = 'y';
	r = csv_reader_new(text, len);
	expect_broken(r, &rec, 1, "field 1");
	expect_end(r, &rec);
	csv_reader_free(r);
	free(text);
}

/* Old Mac line ends, no final newline, BOM handed to the reader directly,
 * and empty columns past the limit (a spreadsheet's formatted range). */
static void
test_line_ends_and_overflow(void **state)
{
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	char text[1024], *p;
	int i;

	(void)state;
	strcpy(text, "\xEF\xBB\xBF" "a,b\r\r1,2\r\"x\ry\",3");
	r = csv_reader_new(text, strlen(text));
	expect_record(r, &rec, 1, 2, "a", "b");
	expect_record(r, &rec, 3, 2, "1", "2");
	expect_record(r, &rec, 4, 2, "x\ny", "3");
	expect_end(r, &rec);
	csv_reader_free(r);

	p = stpcpy(text, "a,b");
	for (i = 2; i < 300; i++)
		*p++ = ',';
	strcpy(p, "\nc,d\n");
	r = csv_reader_new(text, strlen(text));
	assert_int_equal(csv_read(r, &rec, NULL), 1);
	assert_int_equal(rec.nfields, CSV_MAX_FIELDS);
	assert_string_equal(rec.fields[1], "b");
	assert_string_equal(rec.fields[CSV_MAX_FIELDS - 1], "");
	expect_record(r, &rec, 2, 2, "c", "d");
	csv_reader_free(r);

	/* Data past the limit breaks the row. */
	strcpy(p, "x\nc,d\n");
	r = csv_reader_new(text, strlen(text));
	expect_broken(r, &rec, 1, "256");
	expect_record(r, &rec, 2, 2, "c", "d");
	csv_record_clear(&rec);
	csv_reader_free(r);
}

static void
test_header_index(void **state)
{
	static const char *const name[] = { "姓名", "name", NULL };
	static const char *const id[] = { "身份证号", "id_number", NULL };
	static const char *const phone[] = { "联系电话", "phone", NULL };
	static const char *const none[] = { "住址", NULL };
	struct csv_record hdr = { 0 };
	struct csv_reader *r;
	const char *text = " \xEF\xBB\xBF姓名 ,\tID_Number\t,"
	    "\xE3\x80\x80联系电话\xE3\x80\x80,名\n";

	(void)state;
	r = csv_reader_new(text, strlen(text));
	assert_int_equal(csv_read(r, &hdr, NULL), 1);
	assert_int_equal(csv_header_index(&hdr, name), 0);
	assert_int_equal(csv_header_index(&hdr, id), 1);
	assert_int_equal(csv_header_index(&hdr, phone), 2);
	assert_int_equal(csv_header_index(&hdr, none), -1);
	csv_record_clear(&hdr);
	csv_reader_free(r);
}

static void
expect_split(const char *s, size_t n, ...)
{
	char **items;
	size_t got, i;
	va_list ap;

	assert_int_equal(csv_split_multi(s, &items, &got), 0);
	assert_int_equal(got, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(items[i], va_arg(ap, const char *));
	va_end(ap);
	assert_null(items[n]);
	csv_split_free(items);
}

static void
test_split_multi(void **state)
{
	(void)state;
	expect_split("独居、高龄", 2, "独居", "高龄");
	expect_split("独居;高龄", 2, "独居", "高龄");
	expect_split("独居|高龄", 2, "独居", "高龄");
	expect_split("独居,高龄", 2, "独居", "高龄");
	expect_split("独居，高龄", 2, "独居", "高龄");
	expect_split("独居；高龄", 2, "独居", "高龄");
	expect_split(" 独居 、\xE3\x80\x80高龄\xE3\x80\x80;;| ,低保,", 3,
	    "独居", "高龄", "低保");
	expect_split("问安", 1, "问安");
	expect_split("", 0);
	expect_split(" 、 ,", 0);
}

/* Written bytes exactly, then read back to the same fields. */
static void
test_writer(void **state)
{
	static const char *const row[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead",
		"trail ", "", NULL, "张三、单", "5\"2",
	};
	const size_t n = sizeof row / sizeof row[0];
	struct csv_record rec = { 0 };
	struct csv_reader *r;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(csv_write_row(f, row, n), 0);
	assert_int_equal(csv_write_row(f, row, 1), 0);
	fclose(f);
	assert_string_equal(buf,
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\"cr\rhere\",\" lead\",\"trail \",,,张三、单,\"5\"\"2\"\r\n"
	    "plain\r\n");

	r = csv_reader_new(buf, len);
	assert_int_equal(csv_read(r, &rec, NULL), 1);
	assert_int_equal(rec.nfields, n);
	for (i = 0; i < n; i++) {
		/* The reader gives line breaks as "\n". */
		const char *want = row[i] == NULL ? "" :
		    strcmp(row[i], "cr\rhere") == 0 ? "cr\nhere" : row[i];
		assert_string_equal(rec.fields[i], want);
	}
	expect_record(r, &rec, 4, 1, "plain");	/* row 1 has two breaks */
	expect_end(r, &rec);
	csv_reader_free(r);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_int_equal(csv_write_bom(f), 0);
	fclose(f);
	assert_string_equal(buf, "\xEF\xBB\xBF");
	free(buf);
}

static void
test_writer_error(void **state)
{
	static const char *const row[] = { "a", "b" };
	FILE *f;

	(void)state;
	if ((f = fopen("/dev/full", "w")) == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(csv_write_row(f, row, 2), -1);
	fclose(f);
}

static char *
json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(json_write_string(f, s), 0);
	fclose(f);
	return buf;
}

static void
expect_json(const char *s, const char *want)
{
	char *got = json_of(s);

	assert_string_equal(got, want);
	free(got);
}

static void
test_json(void **state)
{
	struct json_obj o;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	expect_json("plain 张三 𠮷", "\"plain 张三 𠮷\"");
	expect_json("q\"b\\s/", "\"q\\\"b\\\\s/\"");
	expect_json("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
	expect_json("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
	expect_json("\xE2\x80\xA8", "\"\\u2028\"");
	/* Malformed: stray byte, cut-off sequence, overlong, surrogate. */
	expect_json("a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"");
	expect_json("\xE5\xBC", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
	expect_json("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
	expect_json("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	expect_json("", "\"\"");

	f = open_memstream(&buf, &len);
	json_obj_begin(&o, f);
	json_obj_str(&o, "uid", "A01:7");
	json_obj_str(&o, "note", NULL);
	json_obj_int(&o, "price_fen", -1200);
	json_obj_bool(&o, "contacted", true);
	json_obj_bool(&o, "emergency", false);
	assert_int_equal(json_obj_end(&o), 0);
	json_obj_begin(&o, f);
	assert_int_equal(json_obj_end(&o), 0);
	fclose(f);
	assert_string_equal(buf,
	    "{\"uid\":\"A01:7\",\"note\":null,"
	    "\"price_fen\":-1200,\"contacted\":true,"
	    "\"emergency\":false}\n{}\n");
	free(buf);

	if ((f = fopen("/dev/full", "w")) == NULL)
		return;
	setvbuf(f, NULL, _IONBF, 0);
	json_obj_begin(&o, f);
	json_obj_str(&o, "k", "v");
	assert_int_equal(json_obj_end(&o), -1);
	fclose(f);
}

/* Files over CSV_MAX_FILE are refused, not loaded. */
static void
test_file_too_big(void **state)
{
	char path[] = "/tmp/test-csv-XXXXXX", *utf8 = NULL, *cause = NULL;
	size_t len;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)CSV_MAX_FILE + 1), 0);
	close(fd);
	assert_int_equal(csv_read_file(path, TEXTENC_AUTO, &utf8, &len, NULL,
	    &cause), -1);
	unlink(path);
	assert_null(utf8);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "MiB"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textenc_parse),
		cmocka_unit_test(test_utf8_bom_crlf),
		cmocka_unit_test(test_gbk_file),
		cmocka_unit_test(test_forced_encoding_errors),
		cmocka_unit_test(test_textenc_buffers),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_broken_middle),
		cmocka_unit_test(test_huge_field),
		cmocka_unit_test(test_line_ends_and_overflow),
		cmocka_unit_test(test_header_index),
		cmocka_unit_test(test_split_multi),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_writer_error),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_file_too_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
