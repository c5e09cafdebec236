/* test-wire.c: the batch format — round trips of every kind, versions,
 * and every way a batch can be broken or too big (doc/sync.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "core/wire.h"
#include "core/wire-column.h"
#include "core/wire-format.h"

static const struct wire_limits roomy = { 16 << 20, 16 << 20, 100000 };

/* ------------------------------------------------------------ helpers */

#define MAXC 32

struct got {
	int kind;
	char *uid;
	bool deleted;
	size_t ncols;
	char *names[MAXC], *values[MAXC];
};

struct sink {
	struct got rec[64];
	size_t n;
};

static int
collect(const struct wire_record *r, void *arg)
{
	struct sink *s = arg;
	struct got *g = &s->rec[s->n++];
	size_t i;

	assert_true(s->n <= 64);
	assert_true(r->ncols <= MAXC);
	g->kind = r->kind;
	g->uid = strdup(r->uid);
	g->deleted = r->deleted;
	g->ncols = r->ncols;
	for (i = 0; i < r->ncols; i++) {
		g->names[i] = strdup(r->names[i]);
		g->values[i] = r->values[i] != NULL ? strdup(r->values[i]) :
		    NULL;
	}
	return 0;
}

static void
sink_free(struct sink *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		free(s->rec[i].uid);
		for (j = 0; j < s->rec[i].ncols; j++) {
			free(s->rec[i].names[j]);
			free(s->rec[i].values[j]);
		}
	}
	s->n = 0;
}

/* The value of column NAME in G; "<absent>" if G has no such column. */
static const char *
got_value(const struct got *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->ncols; i++)
		if (strcmp(g->names[i], name) == 0)
			return g->values[i];
	return "<absent>";
}

/* R came back as G: same kind, uid, flag, values; every other column
 * G has (another record of the kind had it) is null. */
static void
assert_same(const struct wire_record *r, const struct got *g)
{
	size_t i, j;

	assert_int_equal(g->kind, r->kind);
	assert_string_equal(g->uid, r->uid);
	assert_int_equal(g->deleted, r->deleted);
	for (i = 0; i < r->ncols; i++) {
		const char *v = got_value(g, r->names[i]);

		if (r->values[i] == NULL)
			assert_null(v);
		else {
			assert_non_null(v);
			assert_string_equal(v, r->values[i]);
		}
	}
	for (j = 0; j < g->ncols; j++) {
		for (i = 0; i < r->ncols; i++)
			if (strcmp(g->names[j], r->names[i]) == 0)
				break;
		if (i == r->ncols)
			assert_null(g->values[j]);
	}
}

static unsigned char *
encode(const struct wire_record *recs, size_t n, uint64_t batch_no,
    size_t *len)
{
	struct wire_encoder *enc = wire_encoder_new("ST01", batch_no);
	unsigned char *out = NULL;
	char *cause = NULL;
	size_t i;

	assert_non_null(enc);
	for (i = 0; i < n; i++)
		assert_int_equal(wire_encoder_add(enc, &recs[i], &cause), 0);
	assert_int_equal(wire_encoder_count(enc), n);
	assert_int_equal(wire_encoder_finish(enc, &out, len, &cause), 0);
	wire_encoder_free(enc);
	return out;
}

/* Decoding IN must fail with a message; *TOO_BIG as expected. */
static void
assert_refused(const unsigned char *in, size_t len,
    const struct wire_limits *lim, bool want_too_big, const char *msg_part)
{
	struct sink s = { .n = 0 };
	char *cause = NULL;
	bool big = !want_too_big;

	assert_int_equal(wire_decode(in, len, lim, NULL, collect, &s, &big,
	    &cause), -1);
	assert_int_equal(s.n, 0);	/* nothing of a broken batch */
	assert_non_null(cause);
	if (msg_part != NULL && strstr(cause, msg_part) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", cause, msg_part);
	assert_int_equal(big, want_too_big);
	free(cause);
}

/* A frame around a hand-made payload (header fields as given). */
static unsigned char *
seal(const struct wire_buf *payload, uint32_t nrecords, unsigned minor,
    const struct wire_buf *extra, size_t *len)
{
	struct wire_frame f;
	unsigned char *out;

	memset(&f, 0, sizeof f);
	f.major = WIRE_VERSION;
	f.minor = minor;
	f.batch_no = 7;
	f.nrecords = nrecords;
	strcpy(f.station, "ST01");
	assert_int_equal(wire_frame_seal(&f, payload, true, extra, &out, len,
	    NULL), 0);
	return out;
}

/* Rewrite a header field (little-endian, N bytes at OFF) and its CRC. */
static void
patch_header(unsigned char *b, size_t off, uint64_t v, size_t n)
{
	size_t hlen = b[6], i;
	uint32_t crc;

	for (i = 0; i < n; i++)
		b[off + i] = (unsigned char)(v >> (8 * i));
	crc = (uint32_t)crc32(0, b, (uInt)hlen - 4);
	for (i = 0; i < 4; i++)
		b[hlen - 4 + i] = (unsigned char)(crc >> (8 * i));
}

/* ------------------------------------------------------------- records */

static const char *const elder_names[] = { "name", "id_number", "gender",
    "birth_date", "phone", "division_code", "address", "hardship_types",
    "risk_tier", "status", "note" };
static const char *const elder_a[] = { "张秀英", "41152319400312002X", "女",
    "1940-03-12", "13812345678", "411523101201", "李家村3组12号",
    "独居、高龄", "高", "在册", "耳背，说话要大声" };
static const char *const elder_b[] = { "𠮷祥", "411523193501010015", "男",
    "1935-01-01", NULL, "411523101201", "", "低保", "一般", "死亡", NULL };
static const char *const visit_names[] = { "elder_id_number", "elder_name",
    "visited_at", "mode", "visitor", "contacted", "services", "note",
    "follow_up_date" };
static const char *const visit_a[] = { "41152319400312002X", "张秀英",
    "2024-05-06 09:35", "上门", "张丽", "是", "问安、陪伴聊天",
    "精神不错，血压140/90。", "2024-05-13" };
static const char *const visit_b[] = { "41152319400312002X", "张秀英",
    "2024-05-06 14:05", "电话", "王芳", "否", NULL, "", NULL };
static const char *const meal_names[] = { "elder_id_number", "site",
    "served_on", "slot", "mode", "portions", "price_fen", "subsidy_fen",
    "self_paid_fen" };
static const char *const meal_a[] = { "41152319400312002X", "DEMO01:3",
    "2024-05-06", "午", "堂食", "1", "800", "500", "300" };
static const char *const meal_b[] = { "411523193501010015", "DEMO01:3",
    "2024-05-06", "午", "送餐", "2", "1600", "1000", "-0" };
static const char *const site_names[] = { "name", "division_code",
    "slots" };
static const char *const site_a[] = { "李家村幸福食堂", "411523101201",
    "早、午" };
static const char *const child_names[] = { "name", "gender",
    "birth_date", "caregiver", "caregiver_relation", "flags", "status" };
static const char *const child_a[] = { "王小𠮷", "男", "2023-02-28",
    "王桂兰", "祖父母", "留守、早产", "在册" };
static const char *const guidance_names[] = { "child_uid", "child_name",
    "held_at", "form", "topics", "age_months", "next_date", "note",
    "updated_at" };
static const char *const guidance_a[] = { "ST01:9", "王小𠮷",
    "2024-05-07 10:00", "入户", "营养与喂养、交流与玩耍", "14",
    "2024-06-07", "奶奶说孩子不爱吃辅食", "2024-05-07 10:31:07" };

#define REC(k, u, del, n, v) { k, u, del, sizeof n / sizeof n[0], n, v }

static void
test_roundtrip_kinds(void **state)
{
	const struct wire_record recs[] = {
		REC(WIRE_ELDER, "ST01:1", false, elder_names, elder_a),
		REC(WIRE_VISIT, "ST01:20", false, visit_names, visit_a),
		REC(WIRE_ELDER, "ST01:2", true, elder_names, elder_b),
		REC(WIRE_VISIT, "ST01:21", false, visit_names, visit_b),
		REC(WIRE_MEAL, "ST01:30", false, meal_names, meal_a),
		REC(WIRE_MEAL, "ST01:31", true, meal_names, meal_b),
		REC(WIRE_SITE, "DEMO01:3", false, site_names, site_a),
		REC(WIRE_CHILD, "ST01:9", false, child_names, child_a),
		REC(WIRE_GUIDANCE, "ST01:40", false, guidance_names,
		    guidance_a),
		/* an edit of the first elder after its visits */
		REC(WIRE_ELDER, "ST01:1", false, elder_names, elder_b),
	};
	/* sections in the order kinds first came, records in order within */
	static const size_t order[] = { 0, 2, 9, 1, 3, 4, 5, 6, 7, 8 };
	struct wire_batch_info info;
	struct sink s = { .n = 0 };
	unsigned char *b;
	char *cause = NULL;
	size_t len, i;

	(void)state;
	b = encode(recs, 10, 3, &len);
	assert_int_equal(wire_decode(b, len, &roomy, &info, collect, &s, NULL,
	    &cause), 0);
	assert_int_equal(s.n, 10);
	for (i = 0; i < 10; i++)
		assert_same(&recs[order[i]], &s.rec[i]);
	assert_string_equal(info.station, "ST01");
	assert_int_equal(info.batch_no, 3);
	assert_int_equal(info.version, WIRE_VERSION);
	assert_int_equal(info.version_minor, WIRE_VERSION_MINOR);
	assert_int_equal(info.nrecords, 10);
	assert_string_equal(wire_kind_name(WIRE_GUIDANCE), "guidance");
	assert_null(wire_kind_name(40));
	sink_free(&s);
	free(b);
}

/* Columns that come and go between records, values at the edges of the
 * typed codings, text that only looks typed, a 200 KB note. */
static void
test_roundtrip_edges(void **state)
{
	static const char *const n1[] = { "a", "n", "d", "t", "s", "u" };
	static const char *const v1[] = { "", "-999999999999999999",
	    "1900-01-01", "2024-02-29 23:59", "2024-12-31 23:59:59", "X:0" };
	static const char *const v2[] = { "𠮷", "999999999999999999",
	    "9999-12-31", "1900-01-01 00:00", "1900-01-01 00:00:00",
	    "Y:999999999999999999" };
	static const char *const n3[] = { "n", "late", "u", "d" };
	static const char *const v3[] = { "007", "新列", "no colon",
	    "2024-02-30" };
	static const char *const n4[] = { "n" };
	static const char *const v4[] = { "-0" };
	char *big = malloc(200001);
	const char *v5[1] = { big };
	struct wire_record recs[] = {
		{ WIRE_VISIT, "A:1", false, 6, n1, v1 },
		{ WIRE_VISIT, "A:1000000", false, 6, n1, v2 },
		{ WIRE_VISIT, "B:3", true, 4, n3, v3 },
		{ WIRE_VISIT, "uid without a number", false, 1, n4, v4 },
		{ WIRE_VISIT, "A:0", false, 1, n4, v5 },
		{ WIRE_VISIT, "A:2", false, 0, NULL, NULL },
	};
	struct sink s = { .n = 0 };
	unsigned char *b;
	char *cause = NULL;
	size_t len, i;

	(void)state;
	for (i = 0; i < 200000; i++)
		big[i] = "长文本x"[i % 10];	/* whole characters */
	big[200000] = '\0';
	b = encode(recs, 6, 1, &len);
	assert_int_equal(wire_decode(b, len, &roomy, NULL, collect, &s, NULL,
	    &cause), 0);
	assert_int_equal(s.n, 6);
	for (i = 0; i < 6; i++)
		assert_same(&recs[i], &s.rec[i]);
	sink_free(&s);
	free(b);
	free(big);
}

/* Each column coding, checked alone with nulls in between. */
static void
test_codings(void **state)
{
	static const struct {
		int coding;
		const char *v[6];
	} cases[] = {
		{ WIRE_COL_INT, { "5", NULL, "10", "15", "-20", "0" } },
		{ WIRE_COL_DATE, { "2024-05-01", "2024-05-03", NULL,
		    "2023-01-01", "2024-05-04", "2024-05-05" } },
		{ WIRE_COL_MINUTE, { "2024-05-01 08:30", "2024-05-01 08:35",
		    "2024-05-01 09:00", NULL, NULL, "2024-05-02 17:55" } },
		{ WIRE_COL_SECOND, { "2024-05-01 08:30:01", NULL,
		    "2024-05-01 08:30:02", "2024-05-01 08:30:03",
		    "2024-05-01 08:30:04", "2024-05-01 08:30:05" } },
		{ WIRE_COL_UID, { "ST01:100", "ST01:101", "ST01:102",
		    "ST01:103", NULL, "ST01:104" } },
		{ WIRE_COL_UID, { "A:7", "BB:2", "A:8", NULL, "BB:1",
		    "A:0" } },
		{ WIRE_COL_DICT, { "上门", "上门", "电话", NULL, "上门",
		    "上门" } },
		{ WIRE_COL_TEXT, { "一", "二二", NULL, "三三三", "四四四四",
		    "" } },
		{ WIRE_COL_NULL, { NULL, NULL, NULL, NULL, NULL, NULL } },
	};
	struct wire_buf b;
	struct wire_col c;
	const char *v;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wire_buf_init(&b);
		assert_int_equal(wire_col_encode(&b, cases[i].v, 6),
		    cases[i].coding);
		assert_int_equal(wire_col_open(&c, cases[i].coding, b.data,
		    b.len, 6, NULL), 0);
		for (j = 0; j < 6; j++) {
			assert_true(wire_col_next(&c, &v));
			if (cases[i].v[j] == NULL)
				assert_null(v);
			else
				assert_string_equal(v, cases[i].v[j]);
		}
		assert_true(wire_col_done(&c));
		assert_false(wire_col_next(&c, &v));
		wire_col_close(&c);
		wire_buf_free(&b);
	}
}

static void
test_empty_batch_and_peek(void **state)
{
	struct wire_batch_info info;
	struct sink s = { .n = 0 };
	unsigned char *b;
	char *cause = NULL;
	size_t len;

	(void)state;
	b = encode(NULL, 0, 99, &len);
	assert_int_equal(wire_peek(b, 50, &info, &cause), 0);
	assert_int_equal(info.batch_no, 99);
	assert_int_equal(info.nrecords, 0);
	assert_int_equal(wire_decode(b, len, &roomy, &info, collect, &s, NULL,
	    &cause), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(wire_peek(b, 20, &info, &cause), -1);
	free(cause);
	free(b);
}

static int
stop_at_second(const struct wire_record *r, void *arg)
{
	(void)r;
	return ++*(int *)arg == 2 ? 42 : 0;
}

static void
test_callback_stops(void **state)
{
	const struct wire_record recs[] = {
		REC(WIRE_ELDER, "ST01:1", false, elder_names, elder_a),
		REC(WIRE_ELDER, "ST01:2", false, elder_names, elder_b),
		REC(WIRE_ELDER, "ST01:3", false, elder_names, elder_a),
	};
	unsigned char *b;
	size_t len;
	int n = 0;

	(void)state;
	b = encode(recs, 3, 1, &len);
	assert_int_equal(wire_decode(b, len, &roomy, NULL, stop_at_second, &n,
	    NULL, NULL), 42);
	assert_int_equal(n, 2);
	free(b);
}

static void
test_encoder_refuses(void **state)
{
	static const char *const dup[] = { "a", "a" };
	static const char *const vals[] = { "1", "2" };
	static const char *const bad_utf8[] = { "\xE5\xBC", "2" };
	const struct wire_record recs[] = {
		{ 0, "ST01:1", false, 0, NULL, NULL },
		{ WIRE_KIND_MAX + 1, "ST01:1", false, 0, NULL, NULL },
		{ WIRE_ELDER, NULL, false, 0, NULL, NULL },
		{ WIRE_ELDER, "", false, 0, NULL, NULL },
		{ WIRE_ELDER, "ST01:1", false, 2, dup, vals },
		{ WIRE_ELDER, "ST01:1", false, 2, vals, bad_utf8 },
	};
	struct wire_encoder *enc = wire_encoder_new("ST01", 1);
	unsigned char *out;
	size_t i, len;
	char *cause;

	(void)state;
	for (i = 0; i < sizeof recs / sizeof recs[0]; i++) {
		cause = NULL;
		assert_int_equal(wire_encoder_add(enc, &recs[i], &cause), -1);
		assert_non_null(cause);
		free(cause);
	}
	assert_int_equal(wire_encoder_count(enc), 0);
	wire_encoder_free(enc);
	/* a station code that is not one */
	enc = wire_encoder_new("ST:01", 1);
	cause = NULL;
	assert_int_equal(wire_encoder_finish(enc, &out, &len, &cause), -1);
	assert_non_null(cause);
	free(cause);
	wire_encoder_free(enc);
	assert_null(wire_encoder_new("A-STATION-CODE-TOO-LONG", 1));
}

/* ------------------------------------------------------------ versions */

/* A column block: name (none for a uid column), coding, data.  Returns
 * the offset of its data length in B. */
static size_t
put_column(struct wire_buf *b, const char *name, const char *const *v,
    size_t n)
{
	struct wire_buf data;
	size_t at;
	int coding;

	wire_buf_init(&data);
	coding = wire_col_encode(&data, v, n);
	if (name != NULL)
		wire_buf_blob(b, name, strlen(name));
	wire_buf_byte(b, (unsigned)coding);
	at = b->len;
	wire_buf_blob(b, data.data, data.len);
	assert_true(data.len < 128);
	wire_buf_free(&data);
	return at;
}

/* What a newer minor version may send: a header field we do not know, a
 * section type we do not know, a record kind we have no name for, a new
 * column (kept: it is just a name) and a column in a coding we do not
 * know (skipped by its length). */
static void
test_newer_minor(void **state)
{
	static const char *const uid[] = { "NEW:1" };
	static const char *const mood[] = { "开心" };
	struct wire_buf payload, sec, extra;
	struct wire_batch_info info;
	struct sink s = { .n = 0 };
	unsigned char *b;
	char *cause = NULL;
	size_t len;

	(void)state;
	wire_buf_init(&payload);
	wire_buf_init(&sec);
	wire_buf_init(&extra);
	/* an unknown section first */
	wire_buf_uvarint(&payload, 9);
	wire_buf_blob(&payload, "future stuff", 12);
	/* kind 40, one record, 2 columns */
	wire_buf_uvarint(&sec, 40);
	wire_buf_uvarint(&sec, 1);
	wire_buf_uvarint(&sec, 2);
	wire_buf_byte(&sec, 0);
	put_column(&sec, NULL, uid, 1);
	put_column(&sec, "mood", mood, 1);
	wire_buf_blob(&sec, "hologram", 8);
	wire_buf_byte(&sec, 99);
	wire_buf_blob(&sec, "\x01\x02\x03", 3);
	wire_buf_uvarint(&payload, WIRE_SECTION_RECORDS);
	wire_buf_blob(&payload, sec.data, sec.len);
	wire_buf_put(&extra, "\x05\x06\x07", 3);
	b = seal(&payload, 1, WIRE_VERSION_MINOR + 1, &extra, &len);
	assert_int_equal(wire_decode(b, len, &roomy, &info, collect, &s, NULL,
	    &cause), 0);
	assert_int_equal(info.version_minor, WIRE_VERSION_MINOR + 1);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.rec[0].kind, 40);
	assert_string_equal(s.rec[0].uid, "NEW:1");
	assert_int_equal(s.rec[0].ncols, 1);
	assert_string_equal(s.rec[0].names[0], "mood");
	assert_string_equal(s.rec[0].values[0], "开心");
	sink_free(&s);
	free(b);
	/* the same header extension from a batch of OUR minor is a lie */
	b = seal(&payload, 1, WIRE_VERSION_MINOR, &extra, &len);
	assert_refused(b, len, &roomy, false, "header");
	free(b);
	wire_buf_free(&payload);
	wire_buf_free(&sec);
	wire_buf_free(&extra);
}

static void
test_newer_major_refused(void **state)
{
	const struct wire_record recs[] = {
		REC(WIRE_ELDER, "ST01:1", false, elder_names, elder_a),
	};
	struct wire_batch_info info;
	unsigned char *b;
	char *cause = NULL;
	size_t len;

	(void)state;
	b = encode(recs, 1, 1, &len);
	b[4] = WIRE_VERSION + 1;
	assert_refused(b, len, &roomy, false, "newer");
	assert_int_equal(wire_peek(b, len, &info, &cause), -1);
	assert_non_null(strstr(cause, "newer"));
	free(cause);
	free(b);
}

/* ------------------------------------------------------------- damage */

static unsigned char *
sample(size_t *len)
{
	const struct wire_record recs[] = {
		REC(WIRE_ELDER, "ST01:1", false, elder_names, elder_a),
		REC(WIRE_ELDER, "ST01:2", true, elder_names, elder_b),
		REC(WIRE_VISIT, "ST01:20", false, visit_names, visit_a),
		REC(WIRE_VISIT, "ST01:21", false, visit_names, visit_b),
		REC(WIRE_MEAL, "ST01:30", false, meal_names, meal_a),
		REC(WIRE_GUIDANCE, "ST01:40", false, guidance_names,
		    guidance_a),
	};

	return encode(recs, 6, 5, len);
}

static void
test_bad_checksums(void **state)
{
	unsigned char *b;
	size_t len;

	(void)state;
	b = sample(&len);
	patch_header(b, 24, 0xDEADBEEF, 4);	/* payload CRC */
	assert_refused(b, len, &roomy, false, "checksum");
	free(b);
	b = sample(&len);
	b[9] ^= 1;	/* batch number, header CRC not updated */
	assert_refused(b, len, &roomy, false, "header checksum");
	free(b);
	b = sample(&len);
	b[len / 2] ^= 0x10;	/* inside the compressed body */
	assert_refused(b, len, &roomy, false, NULL);
	free(b);
}

static void
test_truncated_everywhere(void **state)
{
	unsigned char *b, *cut;
	size_t len, n;

	(void)state;
	b = sample(&len);
	for (n = 0; n < len; n++) {
		/* a copy of exactly N bytes, so ASan sees any read past it */
		cut = malloc(n + 1);
		memcpy(cut, b, n);
		assert_refused(cut, n, &roomy, false, NULL);
		free(cut);
	}
	free(b);
}

static void
test_lying_lengths(void **state)
{
	static const char *const uid[] = { "L:1", "L:2" };
	struct wire_buf payload, sec;
	unsigned char *b;
	size_t len, at;

	(void)state;
	b = sample(&len);
	patch_header(b, 20, b[20] + 1, 1);	/* payload one byte longer */
	assert_refused(b, len, &roomy, false, "shorter");
	free(b);
	b = sample(&len);
	patch_header(b, 20, b[20] - 1, 1);	/* one byte shorter */
	assert_refused(b, len, &roomy, false, "longer");
	free(b);
	b = sample(&len);
	patch_header(b, 28, len, 4);		/* body length */
	assert_refused(b, len, &roomy, false, "header says");
	free(b);
	b = sample(&len);
	patch_header(b, 16, 7, 4);		/* record count */
	assert_refused(b, len, &roomy, false, "records");
	free(b);
	b = sample(&len);
	b = realloc(b, len + 1);		/* a byte after the end */
	b[len] = 0;
	assert_refused(b, len + 1, &roomy, false, NULL);
	free(b);

	/* a section longer than the payload; a column longer than its
	 * section; more rows than the header's records */
	wire_buf_init(&payload);
	wire_buf_uvarint(&payload, WIRE_SECTION_RECORDS);
	wire_buf_uvarint(&payload, 1000);
	wire_buf_put(&payload, "\x01\x01\x00\x00", 4);
	b = seal(&payload, 1, WIRE_VERSION_MINOR, NULL, &len);
	assert_refused(b, len, &roomy, false, "section length");
	free(b);
	wire_buf_free(&payload);

	wire_buf_init(&sec);
	wire_buf_uvarint(&sec, WIRE_ELDER);
	wire_buf_uvarint(&sec, 2);
	wire_buf_uvarint(&sec, 0);
	wire_buf_byte(&sec, 0);
	at = put_column(&sec, NULL, uid, 2);
	sec.data[at] += 3;	/* the uid column's data length */
	wire_buf_init(&payload);
	wire_buf_uvarint(&payload, WIRE_SECTION_RECORDS);
	wire_buf_blob(&payload, sec.data, sec.len);
	b = seal(&payload, 2, WIRE_VERSION_MINOR, NULL, &len);
	assert_refused(b, len, &roomy, false, "malformed");
	free(b);
	sec.data[at] -= 3;
	wire_buf_free(&payload);
	wire_buf_init(&payload);
	wire_buf_uvarint(&payload, WIRE_SECTION_RECORDS);
	wire_buf_blob(&payload, sec.data, sec.len);
	b = seal(&payload, 1, WIRE_VERSION_MINOR, NULL, &len);
	assert_refused(b, len, &roomy, false, "section header");
	free(b);
	b = seal(&payload, 2, WIRE_VERSION_MINOR, NULL, &len);
	assert_int_equal(wire_decode(b, len, &roomy, NULL, NULL, NULL, NULL,
	    NULL), 0);	/* the control: as it was, it decodes */
	free(b);
	wire_buf_free(&payload);
	wire_buf_free(&sec);
}

/* ------------------------------------------------------------- limits */

static unsigned char *
zeros_batch(size_t n, size_t *len)
{
	struct wire_buf payload;
	unsigned char *b;

	wire_buf_init(&payload);
	payload.data = calloc(1, n);
	payload.len = payload.cap = n;
	b = seal(&payload, 0, WIRE_VERSION_MINOR, NULL, len);
	wire_buf_free(&payload);
	return b;
}

static void
test_zip_bomb(void **state)
{
	const struct wire_limits lim = { 1 << 20, 1 << 20, 1000 };
	unsigned char *b;
	size_t len;

	(void)state;
	/* 64 MiB of zeros deflate to ~64 KB; the header tells the truth */
	b = zeros_batch((size_t)64 << 20, &len);
	assert_true(len < (1 << 20));
	assert_refused(b, len, &lim, true, "more than");
	/* the header lies (a small payload): inflating stops at the limit */
	patch_header(b, 20, 1000, 4);
	assert_refused(b, len, &lim, true, "larger than");
	free(b);
}

static void
test_too_many_records_or_bytes(void **state)
{
	struct wire_limits lim = { 1 << 20, 1 << 20, 5 };
	unsigned char *b;
	size_t len;

	(void)state;
	b = sample(&len);	/* 6 records */
	assert_refused(b, len, &lim, true, "records");
	lim.max_records = 6;
	lim.max_input = len - 1;
	assert_refused(b, len, &lim, true, "bytes");
	lim.max_input = len;
	lim.max_payload = 10;
	assert_refused(b, len, &lim, true, "bytes");
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_kinds),
		cmocka_unit_test(test_roundtrip_edges),
		cmocka_unit_test(test_codings),
		cmocka_unit_test(test_empty_batch_and_peek),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_encoder_refuses),
		cmocka_unit_test(test_newer_minor),
		cmocka_unit_test(test_newer_major_refused),
		cmocka_unit_test(test_bad_checksums),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_lying_lengths),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_too_many_records_or_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
