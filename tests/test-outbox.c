/* test-outbox.c: the outbox (core/outbox.c), its triggers (schema 3) and
 * the hub-reply reader (core/sync-reply.c): batches cut within count and
 * size limits, frozen bytes, re-cut after a 413, the state after a crash
 * between cut and ack, the high-water rules, the upgrade from version 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/outbox.h"
#include "core/sync-reply.h"
#include "core/wire.h"
#include "forms/sync-record.h"
#include "tests/fixture.h"

/* A source that needs no forms: uid and a FILL-byte text column.  Texts
 * differ per record (the uid in them), so deflate cannot hide their size. */
struct fake {
	size_t fill;
	char *text;
	const char *names[2];
	const char *values[2];
};

static int
fake_source(void *arg, sqlite3 *db, int kind, const char *uid,
    struct wire_record *r, char **cause)
{
	struct fake *s = arg;
	size_t i;
	unsigned x = 2166136261u;

	(void)db;
	(void)kind;
	(void)cause;
	free(s->text);
	assert_non_null(s->text = malloc(s->fill + 1));
	for (i = 0; uid[i] != '\0'; i++)
		x = (x ^ (unsigned char)uid[i]) * 16777619u;
	for (i = 0; i < s->fill; i++) {
		x = x * 1103515245u + 12345u;
		s->text[i] = (char)('a' + (x >> 16) % 26);
	}
	s->text[s->fill] = '\0';
	s->names[0] = "uid";
	s->values[0] = uid;
	s->names[1] = "note";
	s->values[1] = s->text;
	r->ncols = 2;
	r->names = s->names;
	r->values = s->values;
	return 0;
}

static void
add_elders(struct fixture *f, int n)
{
	char uid[HEARTH_UID_MAX];
	int i;

	for (i = 0; i < n; i++)
		fixture_add_elder(f, &(struct fixture_elder){ 0 }, uid);
}

static uint64_t
cut(sqlite3 *db, size_t max_records, size_t max_bytes, struct fake *src)
{
	struct outbox_limits lim = { max_records, max_bytes };
	uint64_t no = 0;
	char *cause = NULL;
	int rc;

	rc = outbox_cut(db, &lim, fake_source, src, &no, &cause);
	if (rc < 0)
		fail_msg("outbox_cut: %s", cause);
	return rc == 1 ? no : 0;
}

static long
q(sqlite3 *db, const char *sql)
{
	return fixture_query_long(db, sql);
}

static void
test_triggers_queue_once(void **state)
{
	struct fixture *f = *state;

	/* FIXTURE_ELDER saved one elder through elder_save. */
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox"), 1);
	add_elders(f, 3);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox"), 4);
	/* Edits of a record still waiting do not queue it twice. */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE elder SET phone = "
	    "'13900000000'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox"), 4);
	fixture_add_visit(f, f->elder, "2024-03-05 10:00", 1, 0);
	assert_int_equal(q(f->db, "SELECT kind FROM outbox ORDER BY seq DESC "
	    "LIMIT 1"), WIRE_VISIT);
}

static void
test_cut_by_count(void **state)
{
	struct fixture *f = *state;
	struct fake src = { 10, NULL, { 0 }, { 0 } };
	struct outbox_batch b;
	char *cause = NULL;

	add_elders(f, 9);	/* 10 with the fixture's */
	assert_int_equal(cut(f->db, 4, OUTBOX_MAX_BYTES, &src), 1);
	assert_int_equal(outbox_next(f->db, &b, &cause), 1);
	assert_int_equal(b.batch_no, 1);
	assert_int_equal(b.records, 4);
	outbox_batch_clear(&b);
	assert_int_equal(outbox_ack(f->db, 1, &cause), 0);
	assert_int_equal(cut(f->db, 4, OUTBOX_MAX_BYTES, &src), 2);
	assert_int_equal(outbox_ack(f->db, 2, &cause), 0);
	assert_int_equal(cut(f->db, 4, OUTBOX_MAX_BYTES, &src), 3);
	assert_int_equal(q(f->db, "SELECT records FROM sync_batch WHERE "
	    "batch_no = 3"), 2);
	assert_int_equal(outbox_ack(f->db, 3, &cause), 0);
	assert_int_equal(cut(f->db, 4, OUTBOX_MAX_BYTES, &src), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox"), 0);
	/* Acked batches keep their row (numbering, history), not bytes. */
	assert_int_equal(q(f->db, "SELECT count(*) FROM sync_batch WHERE "
	    "state = 'acked' AND bytes IS NULL"), 3);
	free(src.text);
}

static void
test_cut_by_size(void **state)
{
	struct fixture *f = *state;
	struct fake src = { 3000, NULL, { 0 }, { 0 } };
	struct outbox_batch b;
	char *cause = NULL;
	long total = 0, batches = 0;

	add_elders(f, 11);	/* 12 records of ~3 KB */
	while (cut(f->db, 100, 8000, &src) != 0) {
		assert_int_equal(outbox_next(f->db, &b, &cause), 1);
		assert_true(b.len <= 8000);
		assert_true(b.records >= 1 && b.records <= 3);
		total += b.records;
		batches++;
		assert_int_equal(outbox_ack(f->db, b.batch_no, &cause), 0);
		outbox_batch_clear(&b);
	}
	assert_int_equal(total, 12);
	assert_true(batches >= 4);
	/* A record bigger than the limit still goes, alone. */
	add_elders(f, 2);
	src.fill = 20000;
	assert_int_not_equal(cut(f->db, 100, 8000, &src), 0);
	assert_int_equal(outbox_next(f->db, &b, &cause), 1);
	assert_int_equal(b.records, 1);
	outbox_batch_clear(&b);
	free(src.text);
}

/* A cut batch keeps its bytes whatever happens to its records after. */
static void
test_frozen_bytes(void **state)
{
	struct fixture *f = *state;
	struct sync_record *src = sync_record_new();
	struct outbox_limits lim = { 100, OUTBOX_MAX_BYTES };
	struct outbox_batch b1, b1again, b2;
	struct wire_batch_info info;
	char *cause = NULL;
	uint64_t no;

	assert_int_equal(outbox_cut(f->db, &lim, sync_record_load, src, &no,
	    &cause), 1);
	sync_record_free(src);
	assert_int_equal(outbox_next(f->db, &b1, &cause), 1);
	assert_int_equal(wire_decode(b1.bytes, b1.len, &(struct wire_limits){
	    1 << 20, 1 << 24, 1000 }, &info, NULL, NULL, NULL, &cause), 0);
	assert_string_equal(info.station, FIXTURE_STATION_CODE);
	assert_int_equal(info.nrecords, 1);
	assert_int_equal(sqlite3_exec(f->db, "UPDATE elder SET name = '李四'",
	    NULL, NULL, NULL), SQLITE_OK);
	/* The edit waits for the next batch; batch 1 is unchanged and is
	 * still the one to send. */
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox WHERE "
	    "batch_no IS NULL"), 1);
	assert_int_equal(outbox_next(f->db, &b1again, &cause), 1);
	assert_int_equal(b1again.batch_no, 1);
	assert_int_equal(b1again.len, b1.len);
	assert_memory_equal(b1again.bytes, b1.bytes, b1.len);
	assert_int_equal(outbox_ack(f->db, 1, &cause), 0);
	src = sync_record_new();
	assert_int_equal(outbox_cut(f->db, &lim, sync_record_load, src, &no,
	    &cause), 1);
	sync_record_free(src);
	assert_int_equal(no, 2);
	assert_int_equal(outbox_next(f->db, &b2, &cause), 1);
	assert_true(b2.len != b1.len ||
	    memcmp(b2.bytes, b1.bytes, b1.len) != 0);
	outbox_batch_clear(&b1);
	outbox_batch_clear(&b1again);
	outbox_batch_clear(&b2);
}

/* 413: the hub stored nothing under that number; the records go again,
 * smaller, under new numbers, and in their old order. */
static void
test_recut_after_413(void **state)
{
	struct fixture *f = *state;
	struct fake src = { 10, NULL, { 0 }, { 0 } };
	char *cause = NULL;

	add_elders(f, 7);	/* 8 */
	assert_int_equal(cut(f->db, 100, OUTBOX_MAX_BYTES, &src), 1);
	/* An edit after the cut, of a record in the batch. */
	assert_int_equal(sqlite3_exec(f->db, "UPDATE elder SET phone = "
	    "'13900000000' WHERE uid = (SELECT min(uid) FROM elder)", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(outbox_void(f->db, 1, &cause), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox WHERE "
	    "batch_no IS NULL"), 8);	/* once each, not 9 */
	assert_int_equal(q(f->db, "SELECT state = 'void' AND bytes IS NULL "
	    "FROM sync_batch WHERE batch_no = 1"), 1);
	assert_int_equal(cut(f->db, 4, OUTBOX_MAX_BYTES, &src), 2);
	/* The fixture's elder was first in the queue and still is. */
	fixture_assert_text(f->db, "SELECT uid FROM outbox WHERE batch_no = 2 "
	    "ORDER BY seq LIMIT 1", f->elder);
	assert_int_equal(outbox_ack(f->db, 2, &cause), 0);
	assert_int_equal(cut(f->db, 4, OUTBOX_MAX_BYTES, &src), 3);
	assert_int_equal(q(f->db, "SELECT sum(records) FROM sync_batch WHERE "
	    "batch_no IN (2, 3)"), 8);
	free(src.text);
}

/* kill -9 or a power cut between cut and ack: the batch is still there,
 * same bytes, not acked; the hub's high-water decides. */
static void
test_crash_between_cut_and_ack(void **state)
{
	struct fixture *f = *state;
	struct fake src = { 10, NULL, { 0 }, { 0 } };
	struct outbox_batch before, after;
	char *cause = NULL;
	int reset;

	add_elders(f, 5);
	assert_int_equal(cut(f->db, 3, OUTBOX_MAX_BYTES, &src), 1);
	assert_int_equal(outbox_next(f->db, &before, &cause), 1);
	db_close(f->db);	/* it finalizes the fixture's statements */
	f->add_elder = f->add_visit = NULL;
	if ((f->db = db_open(f->path, DB_OPEN_EXISTING, &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	assert_int_equal(outbox_next(f->db, &after, &cause), 1);
	assert_int_equal(after.batch_no, before.batch_no);
	assert_int_equal(after.len, before.len);
	assert_memory_equal(after.bytes, before.bytes, before.len);
	outbox_batch_clear(&after);
	/* The hub has it (its ack was lost): high-water 1 acks it. */
	assert_int_equal(outbox_high_water(f->db, 1, &reset, NULL, &cause), 0);
	assert_int_equal(reset, 0);
	assert_int_equal(outbox_next(f->db, &after, &cause), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox"), 3);
	/* The hub never got batch 2: high-water 1 leaves it to send. */
	assert_int_equal(cut(f->db, 3, OUTBOX_MAX_BYTES, &src), 2);
	assert_int_equal(outbox_high_water(f->db, 1, &reset, NULL, &cause), 0);
	assert_int_equal(outbox_next(f->db, &after, &cause), 1);
	assert_int_equal(after.batch_no, 2);
	outbox_batch_clear(&after);
	/* A hub that knows batch 9 of this code: not this file's; batch 2
	 * is given up (records queued again) and numbers go on from 10. */
	assert_int_equal(outbox_high_water(f->db, 9, &reset, NULL, &cause), 0);
	assert_int_equal(reset, 1);
	assert_int_equal(outbox_next(f->db, &after, &cause), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox WHERE "
	    "batch_no IS NULL"), 3);
	assert_int_equal(cut(f->db, 3, OUTBOX_MAX_BYTES, &src), 10);
	outbox_batch_clear(&before);
	free(src.text);
}

/* A hub restored from an older backup: its high-water mark is below
 * batches it had acked.  Every record is queued again, once, and new
 * numbers go on above the acked ones. */
static void
test_hub_behind(void **state)
{
	struct fixture *f = *state;
	struct fake src = { 10, NULL, { 0 }, { 0 } };
	char *cause = NULL;
	long n = -1;
	int reset;

	long all, left;

	add_elders(f, 6);
	all = q(f->db, "SELECT count(*) FROM elder");
	assert_int_equal(cut(f->db, 2, OUTBOX_MAX_BYTES, &src), 1);
	assert_int_equal(outbox_ack(f->db, 1, &cause), 0);
	assert_int_equal(cut(f->db, 2, OUTBOX_MAX_BYTES, &src), 2);
	assert_int_equal(outbox_ack(f->db, 2, &cause), 0);
	left = q(f->db, "SELECT count(*) FROM outbox");
	assert_int_equal(left, all - 4);
	/* Not behind: nothing queued. */
	assert_int_equal(outbox_high_water(f->db, 2, &reset, &n, &cause), 0);
	assert_int_equal(reset, 0);
	assert_int_equal(n, 0);
	/* Behind: every elder pending (those still pending once). */
	assert_int_equal(outbox_high_water(f->db, 1, &reset, &n, &cause), 0);
	assert_int_equal(reset, 0);
	assert_int_equal(n, 4);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox WHERE "
	    "batch_no IS NULL"), all);
	/* Asked again at the same mark (the run was cut short): not again;
	 * and the next number is above the acked ones. */
	assert_int_equal(cut(f->db, 2, OUTBOX_MAX_BYTES, &src), 3);
	assert_int_equal(outbox_high_water(f->db, 1, &reset, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outbox WHERE "
	    "batch_no IS NULL"), all - 2);
	free(src.text);
}

static void
test_status(void **state)
{
	struct fixture *f = *state;
	struct fake src = { 10, NULL, { 0 }, { 0 } };
	struct outbox_status st;
	char *cause = NULL;

	add_elders(f, 4);
	assert_int_equal(cut(f->db, 2, OUTBOX_MAX_BYTES, &src), 1);
	assert_int_equal(outbox_status(f->db, &st, &cause), 0);
	assert_int_equal(st.pending, 3);
	assert_int_equal(st.unacked, 1);
	assert_int_equal(st.unacked_records, 2);
	assert_int_equal(st.last_acked, 0);
	assert_int_equal(outbox_ack(f->db, 1, &cause), 0);
	assert_int_equal(outbox_status(f->db, &st, &cause), 0);
	assert_int_equal(st.unacked, 0);
	assert_int_equal(st.last_acked, 1);
	assert_true(st.last_acked_at[0] != '\0');
	free(src.text);
}

/* A version-2 file: its records were never sent, so all are queued,
 * elders before their visits. */
static void
test_upgrade_from_version_2(void **state)
{
	extern const char *const db_migrations[];
	struct fixture *f = *state;
	char *cause = NULL;
	sqlite3 *raw, *db;

	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, db_migrations[0], NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, db_migrations[1], NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	    "INSERT INTO station VALUES ('LJC01', '李家村', '411523101201',"
	    " '2024-01-01 08:00:00');"
	    "INSERT INTO elder (uid, name, initials, id_number, gender,"
	    " birth_date, division_code, registered_on, created_at, created_by,"
	    " updated_at) VALUES ('LJC01:1', '单雄', 'cds x',"
	    " '11010519491231002X', '女', '1949-12-31', '411523101201',"
	    " '2024-01-01', '2024-01-01 08:00:00', 'x', '2024-01-01 08:00:00');"
	    "INSERT INTO visit (uid, elder_uid, visited_at, mode, visitor,"
	    " contacted, created_at, created_by, updated_at) VALUES"
	    " ('LJC01:2', 'LJC01:1', '2024-01-05 10:00', '上门', '王芳', 1,"
	    " '2024-01-05 10:00:00', 'x', '2024-01-05 10:00:00');",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(q(raw, "PRAGMA user_version"), 2);
	sqlite3_close(raw);

	if ((db = db_open(f->path, DB_OPEN_EXISTING, &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	assert_true(q(db, "PRAGMA user_version") >= 3);
	assert_int_equal(q(db, "SELECT count(*) FROM outbox"), 2);
	fixture_assert_text(db, "SELECT uid FROM outbox ORDER BY seq LIMIT 1",
	    "LJC01:1");
	assert_int_equal(q(db, "SELECT kind FROM outbox ORDER BY seq DESC "
	    "LIMIT 1"), WIRE_VISIT);
	/* And from now on saves queue themselves. */
	assert_int_equal(sqlite3_exec(db, "UPDATE visit SET note = 'x'", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(q(db, "SELECT count(*) FROM outbox"), 2);
	db_close(db);
}

static void
test_reply_parse(void **state)
{
	static const char ack[] = "{\"station\":\"LJC01\",\"batch\":3,"
	    "\"records\":120,\"stored\":\"new\",\"received_at\":"
	    "\"2024-03-20T10:00:03Z\"}";
	struct sync_reply r;
	size_t n;

	(void)state;
	assert_int_equal(sync_reply_parse(ack, strlen(ack), &r), 0);
	assert_string_equal(r.station, "LJC01");
	assert_true(r.has_batch);
	assert_int_equal(r.batch, 3);
	assert_int_equal(r.records, 120);
	assert_string_equal(r.stored, "new");
	assert_false(r.has_seq);	/* an ack has none */
	assert_int_equal(sync_reply_parse("{\"station\":\"LJC01\",\"batch\":7,"
	    "\"seq\":4391}", 40, &r), 0);
	assert_true(r.has_seq);
	assert_int_equal(r.seq, 4391);
	assert_int_equal(sync_reply_parse(ack, strlen(ack), &r), 0);
	/* Cut anywhere, it is no ack. */
	for (n = 0; n < strlen(ack); n++)
		assert_int_equal(sync_reply_parse(ack, n, &r), -1);
	assert_int_equal(sync_reply_parse("{\"error\":\"bad \\\"x\\\"\"}\n",
	    22, &r), 0);
	assert_string_equal(r.error, "bad \"x\"");
	assert_false(r.has_batch);
	assert_int_equal(sync_reply_parse("<html>502</html>", 16, &r), -1);
	assert_int_equal(sync_reply_parse("{\"batch\":{}}", 12, &r), -1);
	assert_int_equal(sync_reply_parse("{\"batch\":1}x", 12, &r), -1);
	n = strlen("{\"station\":\"A\",\"batch\":0,\"received_at\":null}");
	assert_int_equal(sync_reply_parse("{\"station\":\"A\","
	    "\"batch\":0,\"received_at\":null}", n, &r), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_triggers_queue_once,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_by_count,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_by_size,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_frozen_bytes,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_recut_after_413,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_crash_between_cut_and_ack,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_hub_behind,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_status,
		    fixture_setup_elder, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_version_2,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test(test_reply_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
