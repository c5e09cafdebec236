/* test-roster.c: the roster download (issue 5).
 *
 * The merge (forms/roster.c) on a real station database: new records
 * saved and queued, a second merge of the same roster changing nothing,
 * the three-way rules per column (the county's change taken, a station's
 * edit kept, a station's own registration only filled in), deleted
 * records left deleted, refused rows reported by line, children with and
 * without ID numbers, and a merge that fails leaving records and ETag as
 * they were.
 *
 * The fetch (core/sync-http.c) and the roster phase of sync_run
 * (core/sync.c) against a small fake hub forked in the test: one request
 * per connection, answers chosen by path (high-water, upload acks, the
 * rosters, gzip'd when asked for, 304 on a matching If-None-Match).  The
 * real hub's side is tests/hub/test-roster.sh and, end to end,
 * tests/sync/test-roster.sh. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include <zlib.h>

#include "core/elder.h"
#include "core/sync-http.h"
#include "core/sync.h"
#include "forms/kind.h"
#include "forms/roster.h"
#include "forms/sync-record.h"
#include "tests/fixture.h"

/* Every test runs on this day (children must be under three). */
#define TODAY "2025-06-01 10:00"

#define ELDER_HEADER "name,id_number,gender,birth_date,phone," \
	"emergency_contact,emergency_phone,division_code,address," \
	"hardship_types,living,ability_level,risk_tier,status," \
	"visit_consent,status_date,registered_on,note\r\n"
#define CHILD_HEADER "name,id_number,gender,birth_date,caregiver," \
	"caregiver_relation,caregiver_phone,division_code,address,flags," \
	"status,status_date,registered_on,note\r\n"

/* ---- Helpers ---- */

/* An 18-digit ID number: area 110101, BIRTH8 "YYYYMMDD", sequence SEQ
 * (odd: male), with its MOD 11-2 check digit. */
static void
make_id(char out[19], const char *birth8, int seq)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	int i, sum = 0;

	snprintf(out, 19, "110101%s%03d", birth8, seq);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* An elder's roster row (the full export header). */
static void
elder_row(char *buf, size_t len, const char *name, const char *id,
    const char *phone, const char *address)
{
	size_t used = strlen(buf);

	snprintf(buf + used, len - used, "%s,%s,,,%s,,,%s,%s,独居,,,一般,在册,"
	    "是,,2024-01-01,\r\n", name, id, phone, FIXTURE_DIVISION, address);
}

/* A child's roster row; without an ID number the gender is given. */
static void
child_row(char *buf, size_t len, const char *name, const char *id,
    const char *birth, const char *caregiver, const char *phone)
{
	size_t used = strlen(buf);

	snprintf(buf + used, len - used, "%s,%s,%s,%s,%s,母亲,%s,%s,幸福路1号,,"
	    "在册,,2025-05-01,\r\n", name, id, *id == '\0' ? "女" : "", birth,
	    caregiver, phone, FIXTURE_DIVISION);
}

struct reported {
	size_t n;
	size_t line[8];
	char why[8][300];
};

static void
report(void *arg, size_t line, const char *why)
{
	struct reported *r = arg;

	if (r->n < 8) {
		r->line[r->n] = line;
		snprintf(r->why[r->n], sizeof r->why[0], "%s", why);
	}
	r->n++;
}

/* Merge CSV as roster KIND with ETAG; the counts. */
static struct roster_counts
merge_ok(sqlite3 *db, const char *kind, const char *csv, const char *etag,
    struct reported *rep)
{
	struct reported none = { 0 };
	struct roster_counts n;
	char *cause = NULL;

	if (roster_merge(db, kind_by_name(kind), csv, strlen(csv), etag,
	    ROSTER_LOGIN, &n, report, rep != NULL ? rep : &none,
	    &cause) != 0)
		fail_msg("roster_merge: %s", cause);
	if (rep == NULL && none.n > 0)
		fail_msg("line %zu refused: %s", none.line[0], none.why[0]);
	return n;
}

static void
assert_counts(struct roster_counts n, long ins, long upd, long same,
    long kept, long rej, long del)
{
	assert_int_equal(n.inserted, ins);
	assert_int_equal(n.updated, upd);
	assert_int_equal(n.unchanged, same);
	assert_int_equal(n.kept, kept);
	assert_int_equal(n.rejected, rej);
	assert_int_equal(n.deleted, del);
}

static char *
elder_text(sqlite3 *db, const char *column, const char *id)
{
	sqlite3_stmt *stmt;
	char sql[160], *v = NULL;

	/* COLUMN is the test's own constant. */
	snprintf(sql, sizeof sql, "SELECT %s FROM elder WHERE id_number = ?",
	    column);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_text(stmt, 0) != NULL)
		v = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return v;
}

static void
assert_elder(sqlite3 *db, const char *column, const char *id,
    const char *want)
{
	char *v = elder_text(db, column, id);

	if (want == NULL)
		assert_null(v);
	else {
		if (v == NULL)
			fail_msg("%s of %s: NULL, want %s", column, id, want);
		assert_string_equal(v, want);
	}
	free(v);
}

static void
assert_etag(sqlite3 *db, const char *kind, const char *want)
{
	char key[SYNC_ROSTER_KEY_MAX], *v;

	sync_roster_key(key, kind, "etag");
	v = db_setting_get(db, key);
	if (want == NULL)
		assert_null(v);
	else {
		assert_non_null(v);
		assert_string_equal(v, want);
	}
	free(v);
}

/* An edit at the station, the way the screens save one. */
static void
station_edit(sqlite3 *db, const char *id, const char *phone,
    const char *address)
{
	struct elder e;
	char *cause = NULL;

	assert_int_equal(elder_get_by_id_number(db, id, &e, NULL), 0);
	if (phone != NULL) {
		free(e.phone);
		e.phone = strdup(phone);
	}
	if (address != NULL) {
		free(e.address);
		e.address = strdup(address);
	}
	if (elder_save(db, &e, "wang", &cause) != ELDER_UPDATED)
		fail_msg("elder_save: %s", cause);
	elder_clear(&e);
}

static void
outbox_clear(sqlite3 *db)
{
	assert_int_equal(sqlite3_exec(db, "DELETE FROM outbox", NULL, NULL,
	    NULL), SQLITE_OK);
}

/* ---- The merge ---- */

static void
test_new_elders_inserted_and_queued(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, a[19], b[19];

	make_id(a, "19450302", 11);
	make_id(b, "19480615", 22);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	elder_row(csv, sizeof csv, "李建国", b, "", "西头2号");
	outbox_clear(f->db);
	assert_counts(merge_ok(f->db, "elders", csv, "W/\"1\"", NULL),
	    2, 0, 0, 0, 0, 0);
	/* Saved through the forms path: derived fields, created by the
	 * hub, queued for the hub like any new record. */
	assert_elder(f->db, "gender", a, "男");	/* sequence 011: odd */
	assert_elder(f->db, "birth_date", a, "1945-03-02");
	assert_elder(f->db, "created_by", a, ROSTER_LOGIN);
	assert_elder(f->db, "hardship_types", b, "独居");
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "outbox WHERE kind = 1 AND batch_no IS NULL"), 2);
	assert_etag(f->db, "elders", "W/\"1\"");
	assert_true(fixture_query_long(f->db, "SELECT count(DISTINCT uid) "
	    "FROM roster_base") == 2);
}

static void
test_same_roster_again_changes_nothing(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, a[19], b[19], *before, *after;

	make_id(a, "19450302", 11);
	make_id(b, "19480615", 22);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	elder_row(csv, sizeof csv, "李建国", b, "", "西头2号");
	merge_ok(f->db, "elders", csv, "W/\"1\"", NULL);
	outbox_clear(f->db);
	before = elder_text(f->db, "updated_at", a);
	sleep(1);	/* a save would show in updated_at */
	assert_counts(merge_ok(f->db, "elders", csv, "W/\"2\"", NULL),
	    0, 0, 2, 0, 0, 0);
	after = elder_text(f->db, "updated_at", a);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM outbox"), 0);
	assert_etag(f->db, "elders", "W/\"2\"");
}

static void
test_county_change_taken(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, csv2[2048] = ELDER_HEADER, a[19];

	make_id(a, "19450302", 11);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	merge_ok(f->db, "elders", csv, "W/\"1\"", NULL);
	outbox_clear(f->db);
	elder_row(csv2, sizeof csv2, "王秀英", a, "13900000002", "东头1号");
	assert_counts(merge_ok(f->db, "elders", csv2, "W/\"2\"", NULL),
	    0, 1, 0, 0, 0, 0);
	assert_elder(f->db, "phone", a, "13900000002");
	/* The change goes back to the hub as the station's record. */
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM outbox"), 1);
}

static void
test_station_edit_kept(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, csv2[2048] = ELDER_HEADER, a[19];
	char csv3[2048] = ELDER_HEADER;

	make_id(a, "19450302", 11);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	merge_ok(f->db, "elders", csv, "W/\"1\"", NULL);
	station_edit(f->db, a, "13700000007", NULL);
	/* Both changed the phone: the station's stays (a conflict); the
	 * address only the county changed: taken. */
	elder_row(csv2, sizeof csv2, "王秀英", a, "13900000002", "东头3号");
	assert_counts(merge_ok(f->db, "elders", csv2, "W/\"2\"", NULL),
	    0, 1, 0, 1, 0, 0);
	assert_elder(f->db, "phone", a, "13700000007");
	assert_elder(f->db, "address", a, "东头3号");
	/* The roster row is the base now: the same roster again is no
	 * conflict any more, and a later change of the county's phone is
	 * still one. */
	assert_counts(merge_ok(f->db, "elders", csv2, "W/\"2\"", NULL),
	    0, 0, 1, 0, 0, 0);
	elder_row(csv3, sizeof csv3, "王秀英", a, "13900000003", "东头3号");
	assert_counts(merge_ok(f->db, "elders", csv3, "W/\"3\"", NULL),
	    0, 0, 1, 1, 0, 0);
	assert_elder(f->db, "phone", a, "13700000007");
}

static void
test_station_registered_first(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, a[19];
	struct elder e;
	char *cause = NULL;

	/* The station registered her before the county did: no base. */
	make_id(a, "19450302", 11);
	elder_init(&e);
	e.name = strdup("王秀英");
	strcpy(e.id_number, a);
	strcpy(e.division_code, FIXTURE_DIVISION);
	e.phone = strdup("13700000007");
	if (elder_save(f->db, &e, "wang", &cause) != ELDER_INSERTED)
		fail_msg("elder_save: %s", cause);
	elder_clear(&e);
	outbox_clear(f->db);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	assert_counts(merge_ok(f->db, "elders", csv, "W/\"1\"", NULL),
	    0, 1, 0, 0, 0, 0);
	assert_elder(f->db, "phone", a, "13700000007");	/* hers */
	assert_elder(f->db, "address", a, "东头1号");	/* was empty */
	assert_elder(f->db, "hardship_types", a, "独居");
	assert_elder(f->db, "created_by", a, "wang");
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "elder"), 2);	/* the fixture's and hers */
}

static void
test_deleted_here_stays_deleted(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, csv2[2048] = ELDER_HEADER, a[19];
	char *uid, *cause = NULL;

	make_id(a, "19450302", 11);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	merge_ok(f->db, "elders", csv, "W/\"1\"", NULL);
	uid = elder_text(f->db, "uid", a);
	assert_int_equal(elder_delete(f->db, uid, "wang", &cause), 0);
	free(uid);
	outbox_clear(f->db);
	elder_row(csv2, sizeof csv2, "王秀英", a, "13900000002", "东头3号");
	assert_counts(merge_ok(f->db, "elders", csv2, "W/\"2\"", NULL),
	    0, 0, 0, 0, 0, 1);
	assert_elder(f->db, "deleted", a, "1");
	assert_elder(f->db, "phone", a, "13800000001");
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder WHERE id_number = '" FIXTURE_ELDER_ID
	    "' OR deleted = 1"), 2);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM outbox"), 0);
}

static void
test_bad_row_reported_others_saved(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, a[19], b[19], bad[19];
	struct reported rep = { 0 };

	make_id(a, "19450302", 11);
	make_id(b, "19480615", 22);
	make_id(bad, "19500101", 33);
	bad[17] = bad[17] == '0' ? '1' : '0';	/* a wrong check digit */
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	elder_row(csv, sizeof csv, "赵大", bad, "", "");
	elder_row(csv, sizeof csv, "李建国", b, "12345", "西头2号");
	elder_row(csv, sizeof csv, "钱二", b, "", "西头2号");
	assert_counts(merge_ok(f->db, "elders", csv, "W/\"1\"", &rep),
	    2, 0, 0, 0, 1 + 1, 0);
	assert_int_equal(rep.n, 2);
	assert_int_equal(rep.line[0], 3);	/* header 1, 王秀英 2 */
	assert_non_null(strstr(rep.why[0], "ID number"));
	assert_int_equal(rep.line[1], 4);	/* a phone of 5 digits */
	assert_elder(f->db, "name", a, "王秀英");
	assert_elder(f->db, "name", bad, NULL);
	/* Line 5 named 李建国's ID number after his row was refused: a new
	 * record for that number, as 钱二. */
	assert_elder(f->db, "name", b, "钱二");
}

static void
test_children_with_and_without_id(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = CHILD_HEADER, csv2[2048] = CHILD_HEADER, id[19];
	char *cause = NULL;

	make_id(id, "20240310", 41);
	child_row(csv, sizeof csv, "陈乐", id, "", "陈母", "13800000011");
	child_row(csv, sizeof csv, "小明", "", "2024-05-01", "李梅",
	    "13800000012");
	assert_counts(merge_ok(f->db, "children", csv, "W/\"c1\"", NULL),
	    2, 0, 0, 0, 0, 0);
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "child WHERE created_by = 'hub'"), 2);
	assert_counts(merge_ok(f->db, "children", csv, "W/\"c1\"", NULL),
	    0, 0, 2, 0, 0, 0);
	/* The child without a number is known by name, birth date and
	 * caregiver: the county's new phone is taken. */
	child_row(csv2, sizeof csv2, "陈乐", id, "", "陈母", "13800000011");
	child_row(csv2, sizeof csv2, "小明", "", "2024-05-01", "李梅",
	    "13900000019");
	assert_counts(merge_ok(f->db, "children", csv2, "W/\"c2\"", NULL),
	    0, 1, 1, 0, 0, 0);
	fixture_assert_text(f->db, "SELECT caregiver_phone FROM child WHERE "
	    "name = '小明'", "13900000019");
	assert_etag(f->db, "children", "W/\"c2\"");
	assert_etag(f->db, "elders", NULL);
	(void)cause;
}

static void
test_child_registered_first_gets_id(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = CHILD_HEADER, csv0[2048] = CHILD_HEADER, id[19];
	struct reported rep = { 0 };

	/* The station registered 小红 without a number (a CSV import, as
	 * the station's rules save it); the county's row has one. */
	child_row(csv0, sizeof csv0, "小红", "", "2024-06-15", "周芳", "");
	assert_counts(merge_ok(f->db, "children", csv0, "", NULL),
	    1, 0, 0, 0, 0, 0);
	assert_int_equal(sqlite3_exec(f->db, "DELETE FROM roster_base",
	    NULL, NULL, NULL), SQLITE_OK);
	make_id(id, "20240615", 62);
	child_row(csv, sizeof csv, "小红", id, "2024-06-15", "周芳",
	    "13800000013");
	assert_counts(merge_ok(f->db, "children", csv, "W/\"c1\"", &rep),
	    0, 1, 0, 0, 0, 0);
	fixture_assert_text(f->db, "SELECT id_number FROM child WHERE "
	    "name = '小红'", id);
	fixture_assert_text(f->db, "SELECT caregiver_phone FROM child "
	    "WHERE name = '小红'", "13800000013");
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM child"), 1);
}

static void
test_failed_merge_leaves_all(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, csv2[2048] = ELDER_HEADER;
	char a[19], b[19], c[19], d[19];
	struct roster_counts n;
	struct reported rep = { 0 };
	char *cause = NULL;
	const char *nokey = "name,phone,division_code\r\n"
	    "孙三,13800000001,110101001001\r\n";

	make_id(a, "19450302", 11);
	make_id(b, "19480615", 22);
	make_id(c, "19500101", 33);
	make_id(d, "19510101", 44);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	merge_ok(f->db, "elders", csv, "W/\"1\"", NULL);
	outbox_clear(f->db);

	/* A header without the key: refused as a whole. */
	assert_int_equal(roster_merge(f->db, kind_by_name("elders"), nokey,
	    strlen(nokey), "W/\"bad\"", ROSTER_LOGIN, &n, report, &rep,
	    &cause), -1);
	assert_non_null(strstr(cause, "roster elders"));
	assert_non_null(strstr(cause, "id_number"));
	free(cause);
	cause = NULL;
	assert_etag(f->db, "elders", "W/\"1\"");

	/* A database failure half-way (the base of the second new elder
	 * cannot be written): the first new elder and the change to 王秀英
	 * are undone with it. */
	elder_row(csv2, sizeof csv2, "王秀英", a, "13900000002", "东头1号");
	elder_row(csv2, sizeof csv2, "李建国", b, "", "西头2号");
	elder_row(csv2, sizeof csv2, "赵大", c, "", "");
	elder_row(csv2, sizeof csv2, "钱二", d, "", "");
	assert_int_equal(sqlite3_exec(f->db, "CREATE TEMP TRIGGER boom "
	    "BEFORE INSERT ON main.roster_base WHEN (SELECT count(*) FROM "
	    "main.elder) >= 4 BEGIN SELECT RAISE(ABORT, 'disk trouble'); "
	    "END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(roster_merge(f->db, kind_by_name("elders"), csv2,
	    strlen(csv2), "W/\"2\"", ROSTER_LOGIN, &n, report, &rep, &cause),
	    -1);
	assert_non_null(strstr(cause, "disk trouble"));
	free(cause);
	assert_int_equal(n.inserted, 0);
	assert_int_equal(sqlite3_exec(f->db, "DROP TRIGGER boom", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_etag(f->db, "elders", "W/\"1\"");
	assert_elder(f->db, "phone", a, "13800000001");
	assert_elder(f->db, "name", b, NULL);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM elder"), 2);
	assert_int_equal(fixture_query_long(f->db,
	    "SELECT count(*) FROM outbox"), 0);

	/* The next sync downloads it again and it goes in. */
	assert_counts(merge_ok(f->db, "elders", csv2, "W/\"2\"", NULL),
	    3, 1, 0, 0, 0, 0);
	assert_etag(f->db, "elders", "W/\"2\"");
	assert_int_equal(rep.n, 0);
}

static void
test_roster_last(void **state)
{
	struct fixture *f = *state;
	char csv[2048] = ELDER_HEADER, a[19];
	struct roster_last last;

	roster_last(f->db, kind_by_name("elders"), &last);
	assert_string_equal(last.merged_at, "");
	make_id(a, "19450302", 11);
	elder_row(csv, sizeof csv, "王秀英", a, "13800000001", "东头1号");
	merge_ok(f->db, "elders", csv, "W/\"1\"", NULL);
	roster_last(f->db, kind_by_name("elders"), &last);
	assert_int_equal(strlen(last.merged_at), 19);
	assert_string_equal(last.checked_at, last.merged_at);
	assert_int_equal(last.counts.inserted, 1);
}

/* ---- A fake hub ---- */

struct fake_hub {
	const char *elders;	/* roster CSV; NULL: 404 (an older hub) */
	const char *children;
	const char *etag;	/* the rosters' ETag */
	int roster_status;	/* non-zero: rosters answer this */
	int children_status;	/* non-zero: the children's answers this */
	size_t bomb;		/* elders: gzip of this many zero bytes */
	char log[300];		/* one line per request */
	pid_t pid;
	int port;
};

/* gzip of LEN bytes of DATA, or of LEN zero bytes when DATA is NULL. */
static unsigned char *
gzip(const char *data, size_t len, size_t *out_len)
{
	static const char zeros[65536];
	unsigned char *out;
	size_t cap = len / 100 + 65536, left = len, n;
	z_stream z;
	int rc;

	memset(&z, 0, sizeof z);
	if ((out = malloc(cap)) == NULL ||
	    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		_exit(3);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	do {
		n = left < sizeof zeros ? left : sizeof zeros;
		z.next_in = (Bytef *)(data != NULL ? data + (len - left) :
		    zeros);
		z.avail_in = (uInt)n;
		left -= n;
		rc = deflate(&z, left == 0 ? Z_FINISH : Z_NO_FLUSH);
		if (rc == Z_STREAM_ERROR || z.avail_in != 0)
			_exit(3);
	} while (left > 0);
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

static void
send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0 && (n = write(fd, p, len)) > 0) {
		p += n;
		len -= (size_t)n;
	}
}

static void
answer(int fd, int status, const char *extra, const void *body, size_t len)
{
	char head[512];

	snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n%s\r\n", status, len, extra);
	send_all(fd, head, strlen(head));
	if (len > 0)
		send_all(fd, body, len);
}

/* The value of header NAME in REQ (up to the line's end), or NULL. */
static const char *
header(const char *req, const char *name, char *out, size_t len)
{
	const char *p = req, *e;
	size_t n = strlen(name);

	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			e = strstr(p, "\r\n");
			snprintf(out, len, "%.*s", (int)(e - p), p);
			return out;
		}
	}
	return NULL;
}

static void
hub_roster(struct fake_hub *h, int fd, const char *csv, const char *req)
{
	char ae[128], inm[160], extra[256];
	unsigned char *z;
	size_t zlen;
	int status = h->roster_status;

	if (csv == h->children && h->children_status != 0)
		status = h->children_status;
	if (status != 0) {
		answer(fd, status, "", "{\"error\":\"no\"}", 14);
		return;
	}
	if (csv == NULL && h->bomb == 0) {
		answer(fd, 404, "", "{\"error\":\"not found\"}", 21);
		return;
	}
	snprintf(extra, sizeof extra, "ETag: %s\r\n", h->etag);
	if (header(req, "If-None-Match", inm, sizeof inm) != NULL &&
	    strcmp(inm, h->etag) == 0) {
		answer(fd, 304, extra, NULL, 0);
		return;
	}
	if (header(req, "Accept-Encoding", ae, sizeof ae) == NULL ||
	    strstr(ae, "gzip") == NULL) {
		answer(fd, 200, extra, csv, strlen(csv));
		return;
	}
	z = gzip(h->bomb > 0 ? NULL : csv, h->bomb > 0 ? h->bomb :
	    strlen(csv), &zlen);
	snprintf(extra, sizeof extra, "ETag: %s\r\nContent-Encoding: gzip\r\n"
	    "Content-Type: text/csv; charset=utf-8\r\n", h->etag);
	answer(fd, 200, extra, z, zlen);
	free(z);
}

/* One request on FD: read it, log it, answer it.  *HW is the last batch
 * acked (the high-water mark). */
static void
hub_serve(struct fake_hub *h, int fd, unsigned long long *hw)
{
	char req[16384], ae[128], inm[160], len_s[32], line[400];
	unsigned char body[16], rest[4096];
	size_t got = 0, want = 0, have, take;
	unsigned long long batch = 0;
	char *end = NULL, *sp;
	ssize_t n;
	FILE *log;
	int i;

	while (got < sizeof req - 1 &&
	    (n = read(fd, req + got, sizeof req - 1 - got)) > 0) {
		got += (size_t)n;
		req[got] = '\0';
		if ((end = strstr(req, "\r\n\r\n")) != NULL)
			break;
	}
	if (end == NULL)
		return;
	/* The body: only its first bytes matter (a batch's number is at
	 * 8..15, little-endian); the rest is read and dropped. */
	if (header(req, "Content-Length", len_s, sizeof len_s) != NULL)
		want = strtoul(len_s, NULL, 10);
	memset(body, 0, sizeof body);
	have = got - (size_t)(end + 4 - req);
	memcpy(body, end + 4, have < sizeof body ? have : sizeof body);
	while (have < want && (n = read(fd, rest, sizeof rest)) > 0) {
		if (have < sizeof body) {
			take = sizeof body - have;
			memcpy(body + have, rest, (size_t)n < take ?
			    (size_t)n : take);
		}
		have += (size_t)n;
	}
	end[4] = '\0';		/* the headers alone from here on */
	sp = strstr(req, " HTTP/");
	snprintf(line, sizeof line, "%.*s inm=%s %s\n",
	    (int)(sp != NULL ? sp - req : 0), req,
	    header(req, "If-None-Match", inm, sizeof inm) != NULL ? inm : "-",
	    header(req, "Accept-Encoding", ae, sizeof ae) != NULL ? "enc" :
	    "plain");
	if ((log = fopen(h->log, "a")) != NULL) {
		fputs(line, log);
		fclose(log);
	}
	if (strncmp(req, "GET /api/v1/high-water ", 23) == 0) {
		snprintf(line, sizeof line, "{\"station\":\"%s\","
		    "\"batch\":%llu}", FIXTURE_STATION_CODE, *hw);
		answer(fd, 200, "", line, strlen(line));
	} else if (strncmp(req, "POST /api/v1/batches ", 21) == 0) {
		for (i = 7; i >= 0; i--)
			batch = batch << 8 | body[8 + i];
		*hw = batch;
		snprintf(line, sizeof line, "{\"station\":\"%s\","
		    "\"batch\":%llu,\"records\":1,\"stored\":\"new\","
		    "\"received_at\":null}",
		    FIXTURE_STATION_CODE, batch);
		answer(fd, 200, "", line, strlen(line));
	} else if (strncmp(req, "GET /api/v1/roster?kind=elders ", 31) == 0)
		hub_roster(h, fd, h->elders, req);
	else if (strncmp(req, "GET /api/v1/roster?kind=children ", 33) == 0)
		hub_roster(h, fd, h->children, req);
	else
		answer(fd, 404, "", "{\"error\":\"not found\"}", 21);
}

static void
hub_start(struct fake_hub *h, struct fixture *f)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	unsigned long long hw = 0;
	int s, c, one = 1;

	snprintf(h->log, sizeof h->log, "%s/hub.log", f->dir);
	assert_true((s = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(s, 8), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &sl), 0);
	h->port = ntohs(sa.sin_port);
	assert_true((h->pid = fork()) >= 0);
	if (h->pid == 0) {
		signal(SIGPIPE, SIG_IGN);
		for (;;) {
			if ((c = accept(s, NULL, NULL)) < 0)
				_exit(0);
			hub_serve(h, c, &hw);
			close(c);
		}
	}
	close(s);
}

static void
hub_stop(struct fake_hub *h)
{
	kill(h->pid, SIGTERM);
	waitpid(h->pid, NULL, 0);
}

/* The fake hub's request log, as one string (malloc'd). */
static char *
hub_log(struct fake_hub *h)
{
	FILE *fp = fopen(h->log, "r");
	char *buf = calloc(1, 8192);

	assert_non_null(buf);
	if (fp != NULL) {
		if (fread(buf, 1, 8191, fp) == 0)
			buf[0] = '\0';
		fclose(fp);
	}
	remove(h->log);
	return buf;
}

static struct sync_http *
hub_http(struct fake_hub *h)
{
	struct sync_http *http;
	char url[64], *cause = NULL;

	snprintf(url, sizeof url, "http://127.0.0.1:%d/", h->port);
	if ((http = sync_http_new(url, "tok", &cause)) == NULL)
		fail_msg("sync_http_new: %s", cause);
	return http;
}

/* ---- The fetch ---- */

static void
test_fetch_conditional_gzip(void **state)
{
	struct fixture *f = *state;
	struct fake_hub h = { .elders = ELDER_HEADER "甲,1,,,,,,,,,,,,,,,,\r\n",
	    .etag = "W/\"e1\"" };
	struct sync_http_reply rep;
	struct sync_http *http;
	char *log;

	hub_start(&h, f);
	http = hub_http(&h);
	sync_http_fetch(http, "/api/v1/roster?kind=elders", NULL,
	    SYNC_ROSTER_MAX, &rep);
	assert_int_equal(rep.status, 200);
	assert_string_equal(rep.etag, "W/\"e1\"");
	assert_int_equal(rep.len, strlen(h.elders));
	assert_string_equal(rep.body, h.elders);	/* decoded */
	sync_http_reply_clear(&rep);

	sync_http_fetch(http, "/api/v1/roster?kind=elders", "W/\"e1\"",
	    SYNC_ROSTER_MAX, &rep);
	assert_int_equal(rep.status, 304);
	assert_int_equal(rep.len, 0);
	sync_http_reply_clear(&rep);

	/* An ETag that could add a header line is never sent. */
	sync_http_fetch(http, "/api/v1/roster?kind=elders",
	    "W/\"e1\"\r\nX-Evil: 1", SYNC_ROSTER_MAX, &rep);
	assert_int_equal(rep.status, 200);
	sync_http_reply_clear(&rep);

	sync_http_fetch(http, "/api/v1/roster?kind=children", NULL,
	    SYNC_ROSTER_MAX, &rep);
	assert_int_equal(rep.status, 404);
	sync_http_reply_clear(&rep);

	/* The other requests ask for no compression. */
	sync_http_get(http, "/api/v1/high-water", &rep);
	assert_int_equal(rep.status, 200);
	assert_string_equal(rep.etag, "");
	sync_http_reply_clear(&rep);
	sync_http_free(http);
	hub_stop(&h);
	log = hub_log(&h);
	assert_string_equal(log,
	    "GET /api/v1/roster?kind=elders inm=- enc\n"
	    "GET /api/v1/roster?kind=elders inm=W/\"e1\" enc\n"
	    "GET /api/v1/roster?kind=elders inm=- enc\n"
	    "GET /api/v1/roster?kind=children inm=- enc\n"
	    "GET /api/v1/high-water inm=- plain\n");
	free(log);
}

static void
test_fetch_gzip_bomb_capped(void **state)
{
	struct fixture *f = *state;
	struct fake_hub h = { .etag = "W/\"b\"", .bomb = 8u << 20 };
	struct sync_http_reply rep;
	struct sync_http *http;

	/* 8 MiB of zeros are 8 KiB of gzip: the cap counts what they
	 * inflate to. */
	hub_start(&h, f);
	http = hub_http(&h);
	sync_http_fetch(http, "/api/v1/roster?kind=elders", NULL, 1u << 20,
	    &rep);
	assert_int_equal(rep.status, 0);
	assert_true(rep.too_big);
	assert_true(rep.len <= 1u << 20);
	assert_non_null(strstr(rep.error, "larger than"));
	sync_http_reply_clear(&rep);
	sync_http_free(http);
	hub_stop(&h);
	free(hub_log(&h));
}

/* ---- The roster phase of sync_run ---- */

struct run_log {
	int same, absent;
	struct roster_counts elders, children;
};

static void
run_progress(const struct sync_progress *p, void *arg)
{
	struct run_log *l = arg;

	if (p->event == SYNC_EV_ROSTER_SAME)
		l->same++;
	else if (p->event == SYNC_EV_ROSTER_ABSENT)
		l->absent++;
}

static int
run_merge(void *arg, sqlite3 *db, const char *kind, const char *csv,
    size_t len, const char *etag, char **cause)
{
	struct run_log *l = arg;
	struct roster_counts *n = strcmp(kind, "elders") == 0 ? &l->elders :
	    &l->children;
	struct reported rep = { 0 };

	if (roster_merge(db, kind_by_name(kind), csv, len, etag, ROSTER_LOGIN,
	    n, report, &rep, cause) != 0)
		return -1;
	return n->inserted + n->updated > 0;
}

static void *
src_new(void)
{
	return sync_record_new();
}

static void
src_free(void *s)
{
	sync_record_free(s);
}

static enum sync_result
run(struct fake_hub *h, sqlite3 *db, struct run_log *l, char **cause)
{
	static const char *const kinds[] = { "elders", "children", NULL };
	struct sync_options o;
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d", h->port);
	sync_options_init(&o);
	o.url = url;
	o.token = "tok";
	o.source_new = src_new;
	o.source_free = src_free;
	o.source = sync_record_load;
	o.progress = run_progress;
	o.progress_arg = l;
	o.backoff_base_ms = 1;
	o.max_attempts = 2;
	o.roster_kinds = kinds;
	o.roster_merge = run_merge;
	o.roster_arg = l;
	memset(l, 0, sizeof *l);
	*cause = NULL;
	return sync_run(db, &o, cause);
}

/* A hearth-hub's roster ETag is the body's BLAKE2b-128: a body that does
 * not match it (cut short inside a gzip stream, which decodes without an
 * error) is fetched again, never merged; the ETag of the whole body
 * merges. */
static void
test_sync_roster_checksum(void **state)
{
	struct fixture *f = *state;
	char elders[2048] = ELDER_HEADER, whole[2048], etag[40], hex[33];
	char a[19], b[19], *cause;
	unsigned char hash[16];
	struct fake_hub h = { .elders = elders, .children = NULL,
	    .etag = etag };
	struct run_log l;
	enum sync_result res;

	make_id(a, "19450302", 11);
	make_id(b, "19460403", 21);
	elder_row(elders, sizeof elders, "王秀英", a, "13800000001", "东头");
	elder_row(elders, sizeof elders, "李桂兰", b, "13800000002", "西头");
	snprintf(whole, sizeof whole, "%s", elders);
	crypto_generichash(hash, sizeof hash, (const unsigned char *)whole,
	    strlen(whole), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	snprintf(etag, sizeof etag, "W/\"%s\"", hex);
	/* The hub's tag for the whole roster, but the last row lost. */
	*strrchr(elders, '\n') = '\0';
	*(strrchr(elders, '\n') + 1) = '\0';
	hub_start(&h, f);
	res = run(&h, f->db, &l, &cause);
	hub_stop(&h);
	assert_int_not_equal(res, SYNC_OK);
	assert_non_null(strstr(cause, "checksum"));
	free(cause);
	assert_int_equal(l.elders.inserted, 0);
	assert_etag(f->db, "elders", NULL);
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "elder WHERE name = '王秀英'"), 0);

	snprintf(elders, sizeof elders, "%s", whole);
	hub_start(&h, f);
	if (run(&h, f->db, &l, &cause) != SYNC_OK)
		fail_msg("sync_run: %s", cause);
	hub_stop(&h);
	assert_int_equal(l.elders.inserted, 2);
	assert_etag(f->db, "elders", etag);
}

static void
test_sync_uploads_then_rosters(void **state)
{
	struct fixture *f = *state;
	char elders[2048] = ELDER_HEADER, children[2048] = CHILD_HEADER;
	char a[19], id[19], *cause, *log, *v;
	struct fake_hub h = { .elders = elders, .children = children,
	    .etag = "W/\"r1\"" };
	struct run_log l;

	make_id(a, "19450302", 11);
	make_id(id, "20240310", 41);
	elder_row(elders, sizeof elders, "王秀英", a, "13800000001", "东头");
	child_row(children, sizeof children, "陈乐", id, "", "陈母", "");
	hub_start(&h, f);

	/* The fixture's elder is uploaded first, then the rosters; what
	 * they added goes up before the run ends. */
	if (run(&h, f->db, &l, &cause) != SYNC_OK)
		fail_msg("sync_run: %s", cause);
	assert_int_equal(l.elders.inserted, 1);
	assert_int_equal(l.children.inserted, 1);
	log = hub_log(&h);
	assert_string_equal(log,
	    "GET /api/v1/high-water inm=- plain\n"
	    "POST /api/v1/batches inm=- plain\n"
	    "GET /api/v1/roster?kind=elders inm=- enc\n"
	    "GET /api/v1/roster?kind=children inm=- enc\n"
	    "GET /api/v1/high-water inm=- plain\n"
	    "POST /api/v1/batches inm=- plain\n");
	free(log);
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "outbox WHERE batch_no IS NULL"), 0);
	assert_etag(f->db, "elders", "W/\"r1\"");
	assert_etag(f->db, "children", "W/\"r1\"");

	/* Nothing new: 304 twice, no upload. */
	if (run(&h, f->db, &l, &cause) != SYNC_OK)
		fail_msg("sync_run: %s", cause);
	assert_int_equal(l.same, 2);
	log = hub_log(&h);
	assert_string_equal(log,
	    "GET /api/v1/high-water inm=- plain\n"
	    "GET /api/v1/roster?kind=elders inm=W/\"r1\" enc\n"
	    "GET /api/v1/roster?kind=children inm=W/\"r1\" enc\n");
	free(log);
	v = db_setting_get(f->db, SYNC_KEY_LAST_RESULT);
	assert_string_equal(v, "");
	free(v);
	hub_stop(&h);
}

static void
test_sync_older_hub(void **state)
{
	struct fixture *f = *state;
	struct fake_hub h = { .etag = "W/\"x\"" };
	struct run_log l;
	char *cause, *log;

	hub_start(&h, f);
	if (run(&h, f->db, &l, &cause) != SYNC_OK)
		fail_msg("sync_run: %s", cause);
	assert_int_equal(l.absent, 1);	/* said once; children not asked */
	log = hub_log(&h);
	assert_null(strstr(log, "kind=children"));
	free(log);
	assert_etag(f->db, "elders", NULL);
	hub_stop(&h);
}

static void
test_sync_roster_error_recorded(void **state)
{
	struct fixture *f = *state;
	char elders[2048] = ELDER_HEADER, a[19];
	struct fake_hub h = { .etag = "W/\"x\"", .elders = elders,
	    .children = "", .children_status = 403 };
	struct run_log l;
	char *cause, *log, *v;

	make_id(a, "19450302", 11);
	elder_row(elders, sizeof elders, "王秀英", a, "13800000001", "东头");
	hub_start(&h, f);
	assert_int_equal(run(&h, f->db, &l, &cause), SYNC_ERR_ROSTER);
	assert_non_null(strstr(cause, "children roster"));
	free(cause);
	/* The upload before the rosters, and the elders' roster merged and
	 * its new record uploaded although the children's failed. */
	log = hub_log(&h);
	assert_string_equal(log,
	    "GET /api/v1/high-water inm=- plain\n"
	    "POST /api/v1/batches inm=- plain\n"
	    "GET /api/v1/roster?kind=elders inm=- enc\n"
	    "GET /api/v1/roster?kind=children inm=- enc\n"
	    "GET /api/v1/high-water inm=- plain\n"
	    "POST /api/v1/batches inm=- plain\n");
	free(log);
	assert_etag(f->db, "elders", "W/\"x\"");
	assert_etag(f->db, "children", NULL);
	v = db_setting_get(f->db, SYNC_KEY_LAST_RESULT);
	assert_string_equal(v, "roster");
	free(v);
	v = db_setting_get(f->db, SYNC_KEY_LAST_ERROR);
	assert_non_null(strstr(v, "roster"));
	free(v);
	assert_int_equal(fixture_query_long(f->db, "SELECT count(*) FROM "
	    "outbox WHERE batch_no IS NULL"), 0);

	/* A roster refused as a whole (401): the token's message. */
	hub_stop(&h);
	h.roster_status = 401;
	hub_start(&h, f);
	assert_int_equal(run(&h, f->db, &l, &cause), SYNC_ERR_TOKEN);
	free(cause);
	free(hub_log(&h));
	hub_stop(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_new_elders_inserted_and_queued,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_same_roster_again_changes_nothing,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_county_change_taken,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_station_edit_kept,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_station_registered_first,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_deleted_here_stays_deleted,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_bad_row_reported_others_saved,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_children_with_and_without_id,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_child_registered_first_gets_id,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_failed_merge_leaves_all,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_roster_last,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fetch_conditional_gzip,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fetch_gzip_bomb_capped,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_sync_uploads_then_rosters,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_sync_roster_checksum,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_sync_older_hub,
		    fixture_setup_station, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_sync_roster_error_recorded,
		    fixture_setup_elder, fixture_teardown),
	};

	setenv("HEARTH_NOW", TODAY, 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
