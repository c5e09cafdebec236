/* bench-wire.c: bytes on the wire for a realistic month of one station.
 *
 * usage: bench-wire [SEED-DIR]
 *
 * Generates, deterministically, what a village station records in a month
 * (300 elders on the roster, 1,000 visits with Chinese notes of varied
 * length, drawn from the demo word lists and values as the screens save
 * them) and sends it three ways:
 *   wire   one batch of core/wire.h
 *   gzip   the same records as the CSV `hearth export` writes (core/csv.h),
 *          elders then visits, gzip -9 in one stream
 *   ODK    one HTTP request per visit as ODK Collect submits it: an XForms
 *          instance in multipart/form-data with OpenRosa headers
 * and prints bytes per record and the ratio to gzip -9, then what the
 * preset dictionary is worth, for this batch and for a small one.  With
 * SEED-DIR it also writes the small batches the fuzz target starts from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/demo.h"
#include "core/idnum.h"
#include "core/wire.h"
#include "core/wire-format.h"

#define ELDERS 300
#define VISITS 1000
#define NCOL_MAX 24

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717u;
}

static unsigned
rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

static const char *
pick(struct rng *r, const struct demo_words *w)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < w->n; i++)
		total += w->words[i].weight;
	x = rng_below(r, total);
	for (i = 0; i < w->n; i++) {
		if (x < w->words[i].weight)
			return w->words[i].text;
		x -= w->words[i].weight;
	}
	return w->words[0].text;
}

static const char *
one_of(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_below(r, (unsigned)n)];
}
#define ONE_OF(r, a) one_of(r, a, sizeof a / sizeof a[0])

/* What volunteers add in the note beyond the five areas: short clauses,
 * some with a measured number, joined by ，and ended by 。 */
static const char *const note_clauses[] = {
	"老人精神不错", "聊了家常", "提醒天冷加衣", "叮嘱按时吃药",
	"帮忙打扫了院子", "帮老人取了快递", "给老人读了政策文件",
	"老人说最近胃口好", "老人念叨孙子要回来", "送去两斤鸡蛋",
	"帮忙换了灯泡", "提醒注意防滑", "问了高龄补贴到账情况",
	"老人反映腿疼", "陪老人散步到村口", "讲解了医保报销政策",
	"帮忙充了电费", "老人想办理助餐卡", "帮老人预约了下周体检",
	"老伴住院了，老人一个人在家", "邻居说老人这几天心情不好",
	"家里有些潮湿，建议多晒被子", "灶台边堆了柴火，已提醒挪开",
	"老人的手机坏了，联系了女儿", "儿子下个月回来",
};

static void
note_make(struct rng *r, char *out, size_t cap)
{
	unsigned n = rng_below(r, 10), i;
	size_t len = 0;

	/* a third write nothing; most write one or two clauses; a few a
	 * paragraph, some with a reading */
	n = n < 3 ? 0 : n < 7 ? 1 : n < 9 ? 2 : 3 + rng_below(r, 4);
	out[0] = '\0';
	for (i = 0; i < n && len + 200 < cap; i++) {
		if (rng_below(r, 5) == 0)
			len += (size_t)snprintf(out + len, cap - len,
			    "%s血压%u/%u", i > 0 ? "，" : "",
			    120 + rng_below(r, 50), 70 + rng_below(r, 30));
		else
			len += (size_t)snprintf(out + len, cap - len, "%s%s",
			    i > 0 ? "，" : "", ONE_OF(r, note_clauses));
	}
	if (n > 0)
		snprintf(out + len, cap - len, "。");
}

struct rec {
	int kind;
	char uid[32];
	size_t n;
	const char *names[NCOL_MAX];
	char *vals[NCOL_MAX];
};

static void
rec_set(struct rec *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	char buf[2048];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	r->names[r->n] = name;
	/* an empty cell is null, as in the database */
	r->vals[r->n++] = buf[0] != '\0' ? strdup(buf) : NULL;
}

static const char *const elder_cols[] = {
	"uid", "name", "id_number", "gender", "birth_date", "phone",
	"emergency_contact", "emergency_phone", "division_code", "address",
	"hardship_types", "living", "ability_level", "risk_tier", "status",
	"visit_consent", "status_date", "registered_on", "note",
};
static const char *const visit_cols[] = {
	"uid", "elder_id_number", "elder_name", "visited_at", "mode",
	"visitor", "contacted", "services", "health", "needs", "emergency",
	"referral", "follow_up_date", "note", "outcome", "economy", "family",
	"safety", "emergency_action",
};

struct month {
	struct rec elders[ELDERS], visits[VISITS];
};

static void
phone(struct rng *r, char *out)
{
	static const char *const pre[] = { "138", "139", "135", "137", "150",
	    "151", "158", "187", "182", "136", "159", "130", "131", "133" };

	snprintf(out, 12, "%s%08u", ONE_OF(r, pre), rng_below(r, 100000000));
}

static void
elder_make(struct rng *r, struct rec *e, unsigned seq)
{
	static const char *const hardship[] = { "独居", "空巢", "留守",
	    "高龄", "低保", "独居、高龄", "空巢、低保", "失能、低保",
	    "计划生育特殊家庭", "分散供养特困", "独居、低保、高龄" };
	static const char *const living[] = { "独居", "与配偶同住",
	    "与配偶同住", "与子女同住", "与其他亲属同住" };
	static const char *const ability[] = { "能力完好", "能力完好",
	    "能力轻度受损", "能力中度受损", "能力重度受损" };
	static const char *const tiers[] = { "一般", "一般", "一般", "重点",
	    "高" };
	const struct demo_village *v = &demo_villages[rng_below(r,
	    (unsigned)demo_nvillages)];
	char id[19], ph[12], eph[12], name[32];
	unsigned y = 1930 + rng_below(r, 35), m = 1 + rng_below(r, 12),
	    d = 1 + rng_below(r, 28), male = rng_below(r, 2);

	snprintf(id, sizeof id, "%s%04u%02u%02u%03u", demo_county_code, y, m,
	    d, rng_below(r, 500) * 2 + !male);
	id[17] = idnum_check_digit(id);
	id[18] = '\0';
	snprintf(name, sizeof name, "%s%s", v->surname != NULL &&
	    rng_below(r, 2) ? v->surname : pick(r, &demo_surnames),
	    pick(r, male ? &demo_male_given : &demo_female_given));
	phone(r, ph);
	phone(r, eph);
	e->kind = WIRE_ELDER;
	snprintf(e->uid, sizeof e->uid, "DEMO01:%u", seq);
	rec_set(e, "name", "%s", name);
	rec_set(e, "id_number", "%s", id);
	rec_set(e, "gender", "%s", male ? "男" : "女");
	rec_set(e, "birth_date", "%04u-%02u-%02u", y, m, d);
	rec_set(e, "phone", "%s", rng_below(r, 4) ? ph : "");
	rec_set(e, "emergency_contact", "%s%s", pick(r, &demo_surnames),
	    pick(r, &demo_child_given));
	rec_set(e, "emergency_phone", "%s", eph);
	rec_set(e, "division_code", "%s%s", demo_county_code, v->code_tail);
	rec_set(e, "address", "%s%s%u组%u号", demo_county_name, v->name,
	    1 + rng_below(r, 8), 1 + rng_below(r, 60));
	rec_set(e, "hardship_types", "%s", ONE_OF(r, hardship));
	rec_set(e, "living", "%s", ONE_OF(r, living));
	rec_set(e, "ability_level", "%s", ONE_OF(r, ability));
	rec_set(e, "risk_tier", "%s", ONE_OF(r, tiers));
	rec_set(e, "status", "%s", "在册");
	rec_set(e, "visit_consent", "%s", rng_below(r, 30) ? "是" : "否");
	rec_set(e, "status_date", "%s", "");
	rec_set(e, "registered_on", "2023-%02u-%02u", 3 + rng_below(r, 2),
	    1 + rng_below(r, 28));
	rec_set(e, "note", "%s", pick(r, &demo_elder_notes));
}

static void
visit_make(struct rng *r, struct month *mo, struct rec *v, unsigned seq,
    long day, unsigned minutes)
{
	static const char *const modes[] = { "上门", "上门", "上门", "上门",
	    "上门", "上门", "电话", "电话", "视频" };
	static const char *const services[] = { "问安、陪伴聊天",
	    "问安、陪伴聊天", "问安", "问安、陪伴聊天、随手家务",
	    "问安、政策讲解", "问安、陪伴聊天、需求转介" };
	const struct rec *e = &mo->elders[rng_below(r, ELDERS)];
	bool seen = rng_below(r, 40) != 0, home;
	const char *mode = ONE_OF(r, modes), *safety = "";
	char note[1024], date[11];
	struct ymd ymd = date_from_days(day);

	home = strcmp(mode, "上门") == 0;
	date_format(ymd, date);
	v->kind = WIRE_VISIT;
	snprintf(v->uid, sizeof v->uid, "DEMO01:%u", seq);
	rec_set(v, "elder_id_number", "%s", e->vals[1]);
	rec_set(v, "elder_name", "%s", e->vals[0]);
	rec_set(v, "visited_at", "%s %02u:%02u", date, minutes / 60,
	    minutes % 60);
	rec_set(v, "mode", "%s", mode);
	rec_set(v, "visitor", "%s", pick(r, &demo_visitors));
	rec_set(v, "contacted", "%s", seen ? "是" : "否");
	rec_set(v, "services", "%s", seen ? ONE_OF(r, services) : "");
	rec_set(v, "health", "%s", seen ? pick(r, &demo_health) : "");
	rec_set(v, "needs", "%s", seen ? pick(r, &demo_needs) : "");
	rec_set(v, "emergency", "%s", "否");
	rec_set(v, "referral", "%s", "");
	if (seen && home)
		safety = pick(r, &demo_safety);
	rec_set(v, "follow_up_date", "%s", *safety != '\0' ? "2024-05-20" :
	    "");
	if (seen)
		note_make(r, note, sizeof note);
	else
		snprintf(note, sizeof note, "%s", home ?
		    "家中无人，邻居说去女儿家了" : "电话无人接听");
	rec_set(v, "note", "%s", note);
	rec_set(v, "outcome", "%s", !seen ? "未见到" : *safety != '\0' ?
	    "发现风险" : "正常");
	rec_set(v, "economy", "%s", seen ? pick(r, &demo_economy) : "");
	rec_set(v, "family", "%s", seen ? pick(r, &demo_family) : "");
	rec_set(v, "safety", "%s", safety);
	rec_set(v, "emergency_action", "%s", "");
}

/* 300 elders registered last year, then a month of visits in time order:
 * weekdays, 8:30 to 17:30 on five-minute marks, 40-odd a day. */
static void
month_make(struct month *mo)
{
	struct rng r = { 0x9E3779B97F4A7C15u };
	struct ymd first = { 2024, 5, 1 };
	long day0 = date_to_days(first);
	unsigned i, seq = 1, per_day = VISITS / 22 + 1, minute;

	for (i = 0; i < ELDERS; i++)
		elder_make(&r, &mo->elders[i], seq++);
	seq += 3117;	/* a year of visits before this month */
	for (i = 0; i < VISITS; i++) {
		minute = 510 + (i % per_day) * 540 / per_day +
		    rng_below(&r, 3) * 5;
		minute -= minute % 5;
		visit_make(&r, mo, &mo->visits[i], seq++, day0 + (long)(i /
		    per_day) * 31 / 23, minute);
	}
}

static void
month_free(struct month *mo)
{
	size_t i, j;

	for (i = 0; i < ELDERS; i++)
		for (j = 0; j < mo->elders[i].n; j++)
			free(mo->elders[i].vals[j]);
	for (i = 0; i < VISITS; i++)
		for (j = 0; j < mo->visits[i].n; j++)
			free(mo->visits[i].vals[j]);
}

static int
wire_add(struct wire_encoder *enc, const struct rec *r, bool deleted)
{
	struct wire_record w;
	char *cause = NULL;

	w.kind = r->kind;
	w.uid = r->uid;
	w.deleted = deleted;
	w.ncols = r->n;
	w.names = r->names;
	w.values = (const char *const *)r->vals;
	if (wire_encoder_add(enc, &w, &cause) != 0) {
		fprintf(stderr, "bench-wire: %s\n", cause);
		free(cause);
		exit(1);
	}
	return 0;
}

static unsigned char *
wire_batch(const struct rec *elders, size_t ne, const struct rec *visits,
    size_t nv, size_t *len)
{
	struct wire_encoder *enc = wire_encoder_new("DEMO01", 42);
	unsigned char *out;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < ne; i++)
		wire_add(enc, &elders[i], false);
	for (i = 0; i < nv; i++)
		wire_add(enc, &visits[i], false);
	if (wire_encoder_finish(enc, &out, len, &cause) != 0) {
		fprintf(stderr, "bench-wire: %s\n", cause);
		exit(1);
	}
	wire_encoder_free(enc);
	return out;
}

/* The same batch deflated without the preset dictionary. */
static size_t
wire_nodict(const struct rec *elders, size_t ne, const struct rec *visits,
    size_t nv, size_t *payload_len)
{
	struct wire_encoder *enc = wire_encoder_new("DEMO01", 42);
	struct wire_buf payload;
	struct wire_frame f;
	unsigned char *out;
	size_t i, len;

	for (i = 0; i < ne; i++)
		wire_add(enc, &elders[i], false);
	for (i = 0; i < nv; i++)
		wire_add(enc, &visits[i], false);
	if (wire_encoder_payload(enc, &payload, NULL) != 0)
		exit(1);
	memset(&f, 0, sizeof f);
	f.major = WIRE_VERSION;
	f.batch_no = 42;
	f.nrecords = (uint32_t)(ne + nv);
	strcpy(f.station, "DEMO01");
	if (wire_frame_seal(&f, &payload, false, NULL, &out, &len, NULL) != 0)
		exit(1);
	*payload_len = payload.len;
	free(out);
	wire_buf_free(&payload);
	wire_encoder_free(enc);
	return len;
}

static void
csv_rows(FILE *f, const char *const *cols, size_t ncols, const struct rec *rs,
    size_t n)
{
	const char *fields[NCOL_MAX];
	size_t i, j;

	csv_write_row(f, cols, ncols);
	for (i = 0; i < n; i++) {
		fields[0] = rs[i].uid;
		for (j = 0; j < rs[i].n; j++)
			fields[j + 1] = rs[i].vals[j];
		csv_write_row(f, fields, rs[i].n + 1);
	}
}

static size_t
gzip9(const void *p, size_t n)
{
	z_stream z;
	unsigned char *out;
	size_t len;

	memset(&z, 0, sizeof z);
	/* what `gzip -9` does: deflate level 9, default memory level */
	deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	out = malloc(deflateBound(&z, (uLong)n));
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)deflateBound(&z, (uLong)n);
	deflate(&z, Z_FINISH);
	len = z.total_out;
	deflateEnd(&z);
	free(out);
	return len;
}

static size_t
csv_gzip(const struct rec *elders, size_t ne, const struct rec *visits,
    size_t nv, size_t *raw)
{
	char *buf;
	size_t len, gz;
	FILE *f = open_memstream(&buf, &len);

	csv_rows(f, elder_cols, sizeof elder_cols / sizeof elder_cols[0],
	    elders, ne);
	csv_rows(f, visit_cols, sizeof visit_cols / sizeof visit_cols[0],
	    visits, nv);
	fclose(f);
	gz = gzip9(buf, len);
	*raw = len;
	free(buf);
	return gz;
}

/* One visit as ODK Collect posts it to /submission: OpenRosa headers,
 * multipart/form-data, the XForms instance with its meta block.  Element
 * names are the export's column names, as a form built from them has. */
static size_t
odk_request(const struct rec *v, unsigned n)
{
	char xml[8192], req[12288];
	size_t len = 0, j;

	len += (size_t)snprintf(xml + len, sizeof xml - len,
	    "<?xml version='1.0' ?><data id=\"elder_visit\" "
	    "version=\"2024050101\" xmlns:h=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:jr=\"http://openrosa.org/javarosa\" "
	    "xmlns:orx=\"http://openrosa.org/xforms\" "
	    "xmlns:odk=\"http://www.opendatakit.org/xforms\">"
	    "<start>2024-05-06T09:%02u:11.532+08:00</start>"
	    "<end>2024-05-06T09:%02u:40.107+08:00</end>"
	    "<today>2024-05-06</today>"
	    "<deviceid>collect:Xm3TQd0qS7kYbV2a</deviceid>"
	    "<phonenumber/><username>volunteer07</username>"
	    "<station>DEMO01</station><elder>", n % 60, (n + 7) % 60);
	for (j = 0; j < v->n; j++)
		len += (size_t)snprintf(xml + len, sizeof xml - len,
		    v->vals[j] != NULL ? "<%s>%s</%s>" : "<%s/>%.0s%.0s",
		    v->names[j], v->vals[j] != NULL ? v->vals[j] : "",
		    v->names[j]);
	len += (size_t)snprintf(xml + len, sizeof xml - len,
	    "</elder><location>32.1427 114.8738 86.0 12.5</location>"
	    "<meta><instanceID>uuid:%08x-6c1d-4f0e-9a51-%012x</instanceID>"
	    "<instanceName>%s %s</instanceName></meta></data>",
	    n * 2654435761u, n * 40503u, v->vals[1], v->vals[2]);
	return (size_t)snprintf(req, sizeof req,
	    "POST /submission?deviceID=collect%%3AXm3TQd0qS7kYbV2a HTTP/1.1\r\n"
	    "X-OpenRosa-Version: 1.0\r\n"
	    "X-OpenRosa-Accept-Content-Length: 10485760\r\n"
	    "Date: Mon, 06 May 2024 01:%02u:41 GMT+00:00\r\n"
	    "Authorization: Digest username=\"volunteer07\", realm=\"hub\", "
	    "nonce=\"MTcxNDk1ODQwMTk0NTo3ZGQ1YjM0\", uri=\"/submission\", "
	    "response=\"6629fae49393a05397450978507c4ef1\", qop=auth, "
	    "nc=00000001, cnonce=\"0a4f113b\"\r\n"
	    "Content-Type: multipart/form-data; "
	    "boundary=d3b7a8bd-1e3e-4b4a-a4e0-5b8e3a9f2c11\r\n"
	    "Host: hub.example.cn\r\nConnection: Keep-Alive\r\n"
	    "Accept-Encoding: gzip\r\nUser-Agent: okhttp/4.11.0 "
	    "org.odk.collect.android/v2024.2.4\r\n"
	    "Content-Length: %zu\r\n\r\n"
	    "--d3b7a8bd-1e3e-4b4a-a4e0-5b8e3a9f2c11\r\n"
	    "Content-Disposition: form-data; name=\"xml_submission_file\"; "
	    "filename=\"elder_visit_2024-05-06_09-%02u-40.xml\"\r\n"
	    "Content-Type: text/xml; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n\r\n%s\r\n"
	    "--d3b7a8bd-1e3e-4b4a-a4e0-5b8e3a9f2c11--\r\n", n % 60,
	    len + 260, n % 60, len, xml);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
count_record(const struct wire_record *r, void *arg)
{
	(void)r;
	++*(size_t *)arg;
	return 0;
}

static void
seed_write(const char *dir, const char *name, const unsigned char *p,
    size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL || fwrite(p, 1, n, f) != n ||
	    fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* Every kind, a soft delete, nulls and numbers: the fuzz target's seed
 * for the codings a month of visits does not use. */
static void
seed_kinds(const char *dir)
{
	static const char *const meal_n[] = { "elder_id_number", "site",
	    "served_on", "slot", "portions", "price_fen", "subsidy_fen",
	    "self_paid_fen", "updated_at" };
	static const char *const meal_v[] = { "41152319400312002X",
	    "DEMO01:3", "2024-05-06", "午", "1", "800", "500", "300",
	    "2024-05-06 11:42:05" };
	static const char *const child_n[] = { "name", "birth_date",
	    "flags" };
	static const char *const child_v[] = { "王小𠮷", "2023-02-28", NULL };
	static const char *const g_n[] = { "child_uid", "held_at", "topics",
	    "age_months" };
	static const char *const g_v[] = { "DEMO01:9", "2024-05-07 10:00",
	    "营养与喂养、交流与玩耍", "14" };
	struct wire_record w[] = {
		{ WIRE_MEAL, "DEMO01:50", false, 9, meal_n, meal_v },
		{ WIRE_MEAL, "DEMO01:51", true, 9, meal_n, meal_v },
		{ WIRE_SITE, "DEMO01:3", false, 1, child_n, child_v },
		{ WIRE_CHILD, "DEMO01:9", false, 3, child_n, child_v },
		{ WIRE_GUIDANCE, "DEMO01:60", false, 4, g_n, g_v },
		{ 40, "NEW01:1", true, 0, NULL, NULL },
	};
	struct wire_encoder *enc = wire_encoder_new("DEMO01", 7);
	unsigned char *out;
	size_t i, len;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (wire_encoder_add(enc, &w[i], NULL) != 0)
			exit(1);
	if (wire_encoder_finish(enc, &out, &len, NULL) != 0)
		exit(1);
	seed_write(dir, "kinds.hrth", out, len);
	free(out);
	wire_encoder_free(enc);
}

int
main(int argc, char **argv)
{
	static struct month mo;
	struct wire_limits lim = { 64 << 20, 64 << 20, 100000 };
	unsigned char *batch, *small;
	size_t wire_len, small_len, csv_raw, gz, odk = 0, payload, nodict,
	    small_gz, small_nodict, small_payload, n = ELDERS + VISITS, got = 0;
	double t0, t1, t2;
	char *cause = NULL;
	unsigned i;

	month_make(&mo);
	t0 = now_ms();
	batch = wire_batch(mo.elders, ELDERS, mo.visits, VISITS, &wire_len);
	t1 = now_ms();
	if (wire_decode(batch, wire_len, &lim, NULL, count_record, &got,
	    NULL, &cause) != 0 || got != n) {
		fprintf(stderr, "bench-wire: decode: %s\n", cause);
		return 1;
	}
	t2 = now_ms();
	gz = csv_gzip(mo.elders, ELDERS, mo.visits, VISITS, &csv_raw);
	for (i = 0; i < VISITS; i++)
		odk += odk_request(&mo.visits[i], i);
	nodict = wire_nodict(mo.elders, ELDERS, mo.visits, VISITS, &payload);
	printf("wire: a month, %u elders + %u visits (%zu records)\n",
	    ELDERS, VISITS, n);
	printf("  CSV %zu B (%.1f B/record), gzip -9 %zu B (%.1f B/record)\n",
	    csv_raw, (double)csv_raw / n, gz, (double)gz / n);
	printf("  wire batch %zu B (%.1f B/record) = %.2fx gzip -9; "
	    "payload %zu B before deflate\n", wire_len,
	    (double)wire_len / n, (double)wire_len / gz, payload);
	printf("  wire without the preset dictionary %zu B = %.2fx gzip -9\n",
	    nodict, (double)nodict / gz);
	printf("  ODK, one request per visit: %.0f B/visit (%zu B for the "
	    "visits alone) = %.1fx gzip -9 per record\n", (double)odk / VISITS,
	    odk, ((double)odk / VISITS) / ((double)gz / n));
	printf("  encode %.1f ms, decode (check + hand out) %.1f ms\n",
	    t1 - t0, t2 - t1);

	/* a kiosk that syncs often: 5 elder edits + 15 visits */
	small = wire_batch(mo.elders, 5, mo.visits, 15, &small_len);
	small_gz = csv_gzip(mo.elders, 5, mo.visits, 15, &csv_raw);
	small_nodict = wire_nodict(mo.elders, 5, mo.visits, 15,
	    &small_payload);
	printf("wire: a small batch, 5 elders + 15 visits\n");
	printf("  gzip -9 %zu B, wire %zu B = %.2fx (without the preset "
	    "dictionary %zu B = %.2fx)\n", small_gz, small_len,
	    (double)small_len / small_gz, small_nodict,
	    (double)small_nodict / small_gz);
	if (argc > 1) {
		unsigned char *one;
		size_t one_len;

		seed_write(argv[1], "small.hrth", small, small_len);
		one = wire_batch(mo.elders, 1, mo.visits, 2, &one_len);
		seed_write(argv[1], "three.hrth", one, one_len);
		free(one);
		seed_kinds(argv[1]);
	}
	free(small);
	free(batch);
	month_free(&mo);
	return 0;
}
