/* listing.c: merged records and stations as CSV or NDJSON (listing.h). */
#include "hub/listing.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/json.h"

/* One exportable kind: its URL name, SPEC's columns, the date column the
 * period filters, and the name joined in from another kind. */
struct listing_kind {
	const char *url;
	int kind;
	const char *const *cols;
	const char *date_col;
	const char *join_col;	/* column filled from the joined record */
	int join_kind;
	const char *join_key;	/* column holding the key */
	int join_by_uid;	/* key is a uid, else an id_number */
};

static const char *const elder_cols[] = { "uid", "name", "id_number",
	"gender", "birth_date", "phone", "emergency_contact",
	"emergency_phone", "division_code", "address", "hardship_types",
	"living", "ability_level", "risk_tier", "status", NULL };
static const char *const visit_cols[] = { "uid", "elder_id_number",
	"elder_name", "visited_at", "mode", "visitor", "contacted", "services",
	"health", "needs", "emergency", "referral", "follow_up_date", "note",
	NULL };
static const char *const meal_cols[] = { "uid", "elder_id_number",
	"elder_name", "site", "served_on", "slot", "mode", "portions",
	"price_fen", "subsidy_fen", "self_paid_fen", NULL };
static const char *const child_cols[] = { "uid", "name", "id_number",
	"gender", "birth_date", "caregiver", "caregiver_relation",
	"caregiver_phone", "division_code", "address", "flags", "status",
	NULL };
static const char *const guidance_cols[] = { "uid", "child_uid",
	"child_name", "held_at", "form", "provider", "topics", "age_months",
	"referral", "next_date", "note", NULL };

static const struct listing_kind kinds[] = {
	{ "elders", WIRE_ELDER, elder_cols, "updated_at", NULL, 0, NULL, 0 },
	{ "visits", WIRE_VISIT, visit_cols, "visited_at", "elder_name",
	  WIRE_ELDER, "elder_id_number", 0 },
	{ "meals", WIRE_MEAL, meal_cols, "served_on", "elder_name",
	  WIRE_ELDER, "elder_id_number", 0 },
	{ "children", WIRE_CHILD, child_cols, "updated_at", NULL, 0, NULL, 0 },
	{ "guidance", WIRE_GUIDANCE, guidance_cols, "held_at", "child_name",
	  WIRE_CHILD, "child_uid", 1 },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* The batch columns that follow the record's own (SPEC: "more may
 * follow"). */
static const char *const meta_cols[] = { "station", "batch", "received_at" };
#define NMETA 3

int
listing_kind(const char *name)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].url, name) == 0)
			return kinds[i].kind;
	return 0;
}

static const struct listing_kind *
kind_find(int kind)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return NULL;
}

struct listing_ctx {
	struct store *st;
	const struct listing_query *q;
	const struct listing_kind *k;
	FILE *out;
	size_t ncols;
	const char **fields;	/* CSV row being built */
};

static const char *
rec_value(const struct wire_record *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return r->values[i];
	return NULL;
}

static int
has_col(const struct wire_record *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return 1;
	return 0;
}

/* Is the record's date (its first 10 bytes) inside the period? */
static int
in_period(const struct listing_query *q, const char *v)
{
	if (q->since == NULL && q->until == NULL)
		return 1;
	if (v == NULL || strlen(v) < 10)
		return 0;
	if (q->since != NULL && strncmp(v, q->since, 10) < 0)
		return 0;
	if (q->until != NULL && strncmp(v, q->until, 10) > 0)
		return 0;
	return 1;
}

static int
listing_row(const struct store_row *row, void *arg)
{
	struct listing_ctx *c = arg;
	const struct wire_record *r = row->rec;
	const struct listing_kind *k = c->k;
	char *joined = NULL, batch[24];
	const char *key;
	struct json_obj o;
	size_t i;
	int rc;

	if (!in_period(c->q, rec_value(r, k->date_col)))
		return 0;
	if (k->join_col != NULL && (key = rec_value(r, k->join_key)) != NULL)
		joined = store_lookup(c->st, k->join_kind,
		    k->join_by_uid ? NULL : key, k->join_by_uid ? key : NULL,
		    "name");
	snprintf(batch, sizeof batch, "%" PRIu64, row->batch_no);
	if (c->q->format == LISTING_NDJSON) {
		json_obj_begin(&o, c->out);
		for (i = 0; i < r->ncols; i++)
			json_obj_str(&o, r->names[i], joined != NULL &&
			    strcmp(r->names[i], k->join_col) == 0 ? joined :
			    r->values[i]);
		if (joined != NULL && !has_col(r, k->join_col))
			json_obj_str(&o, k->join_col, joined);
		json_obj_str(&o, "station", row->station);
		json_obj_int(&o, "batch", (long long)row->batch_no);
		json_obj_str(&o, "received_at", row->received_at);
		rc = json_obj_end(&o);
	} else {
		for (i = 0; k->cols[i] != NULL; i++)
			c->fields[i] = joined != NULL &&
			    strcmp(k->cols[i], k->join_col) == 0 ? joined :
			    strcmp(k->cols[i], "uid") == 0 ? r->uid :
			    rec_value(r, k->cols[i]);
		c->fields[i++] = row->station;
		c->fields[i++] = batch;
		c->fields[i++] = row->received_at;
		rc = csv_write_row(c->out, c->fields, i);
	}
	free(joined);
	return rc != 0 ? 2 : 0;
}

int
listing_write(struct store *st, const struct listing_query *query,
    FILE *out, char **cause)
{
	struct listing_ctx c;
	struct store_filter filter;
	size_t i;
	int rc;

	memset(&c, 0, sizeof c);
	if ((c.k = kind_find(query->kind)) == NULL) {
		err_set(cause, "no such kind of record");
		return -1;
	}
	c.st = st;
	c.q = query;
	c.out = out;
	for (c.ncols = 0; c.k->cols[c.ncols] != NULL; c.ncols++)
		;
	if ((c.fields = calloc(c.ncols + NMETA, sizeof *c.fields)) == NULL) {
		err_set(cause, "out of memory");
		return -1;
	}
	if (query->format == LISTING_CSV) {
		for (i = 0; i < c.ncols; i++)
			c.fields[i] = c.k->cols[i];
		for (i = 0; i < NMETA; i++)
			c.fields[c.ncols + i] = meta_cols[i];
		if (csv_write_row(out, c.fields, c.ncols + NMETA) != 0) {
			free(c.fields);
			err_set(cause, "write error");
			return -1;
		}
	}
	filter.station = query->station;
	rc = store_each_current(st, query->kind, &filter, listing_row, &c,
	    cause);
	free(c.fields);
	if (rc == 2)
		err_set(cause, "write error");
	return rc == 0 ? 0 : -1;
}

struct stations_ctx {
	FILE *out;
	enum listing_format format;
};

static int
listing_station(const struct store_station_info *s, void *arg)
{
	struct stations_ctx *c = arg;
	char hw[24], batches[24], records[24], skew[24], backlog[24];
	const char *fields[9];
	struct json_obj o;

	if (c->format == LISTING_NDJSON) {
		json_obj_begin(&o, c->out);
		json_obj_str(&o, "station", s->code);
		json_obj_str(&o, "name", s->name);
		json_obj_str(&o, "division_code", s->division_code);
		json_obj_int(&o, "high_water", (long long)s->high_water);
		json_obj_int(&o, "batches", (long long)s->batches);
		json_obj_int(&o, "records", (long long)s->records);
		json_obj_str(&o, "last_upload", s->last_received_at);
		if (s->has_skew)
			json_obj_int(&o, "clock_skew_s", s->skew_s);
		else
			json_obj_str(&o, "clock_skew_s", NULL);
		if (s->backlog >= 0)
			json_obj_int(&o, "backlog", s->backlog);
		else
			json_obj_str(&o, "backlog", NULL);
		return json_obj_end(&o) != 0 ? 2 : 0;
	}
	snprintf(hw, sizeof hw, "%" PRIu64, s->high_water);
	snprintf(batches, sizeof batches, "%" PRIu64, s->batches);
	snprintf(records, sizeof records, "%" PRIu64, s->records);
	snprintf(skew, sizeof skew, "%" PRId64, s->skew_s);
	snprintf(backlog, sizeof backlog, "%" PRId64, s->backlog);
	fields[0] = s->code;
	fields[1] = s->name;
	fields[2] = s->division_code;
	fields[3] = hw;
	fields[4] = batches;
	fields[5] = records;
	fields[6] = s->last_received_at;
	fields[7] = s->has_skew ? skew : NULL;
	fields[8] = s->backlog >= 0 ? backlog : NULL;
	return csv_write_row(c->out, fields, 9) != 0 ? 2 : 0;
}

int
listing_stations(struct store *st, enum listing_format format, FILE *out,
    char **cause)
{
	static const char *const header[] = { "station", "name",
		"division_code", "high_water", "batches", "records",
		"last_upload", "clock_skew_s", "backlog" };
	struct stations_ctx c = { out, format };
	int rc;

	if (format == LISTING_CSV && csv_write_row(out, header, 9) != 0) {
		err_set(cause, "write error");
		return -1;
	}
	rc = store_each_station(st, listing_station, &c, cause);
	if (rc == 2)
		err_set(cause, "write error");
	return rc == 0 ? 0 : -1;
}
