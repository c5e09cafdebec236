/* export.c: records to CSV or NDJSON rows, one row builder per kind. */
#include "core/export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/db.h"
#include "core/elder.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/labels.h"
#include "core/visit.h"

/* SPEC's columns in SPEC's order, then ("more may follow") every other
 * field import reads, so that exporting and re-importing keeps a record
 * whole. */
static const char *const elder_names[] = {
	"uid", "name", "id_number", "gender", "birth_date", "phone",
	"emergency_contact", "emergency_phone", "division_code", "address",
	"hardship_types", "living", "ability_level", "risk_tier", "status",
	"visit_consent", "status_date", "registered_on", "note",
};
#define ELDER_NCOLS (sizeof elder_names / sizeof elder_names[0])

static const char *const visit_names[] = {
	"uid", "elder_id_number", "elder_name", "visited_at", "mode",
	"visitor", "contacted", "services", "health", "needs", "emergency",
	"referral", "follow_up_date", "note",
	"outcome", "economy", "family", "safety", "emergency_action",
};
#define VISIT_NCOLS (sizeof visit_names / sizeof visit_names[0])
#define MAX_NCOLS (ELDER_NCOLS > VISIT_NCOLS ? ELDER_NCOLS : VISIT_NCOLS)

/* Columns of digits that a spreadsheet would turn into numbers: an 18-digit
 * ID number loses its last digits as 4.11523E+17, a phone or division code
 * its leading zeros.  By name, so a kind added later (children's
 * caregiver_phone) is covered by naming its column here. */
static const char *const excel_text_names[] = {
	"id_number", "elder_id_number", "phone", "emergency_phone",
	"caregiver_phone", "division_code", NULL,
};

/* The elder columns of a visit row, found by the visit's elder uid. */
struct elder_ref {
	char uid[HEARTH_UID_MAX];
	char id_number[19];
	char *name;
};

/* Where rows go, in which format; what an elder_each/visit_each callback
 * needs. */
struct writer {
	FILE *out;
	enum export_format format;
	const char *const *names;
	size_t ncols;
	bool as_text[MAX_NCOLS];	/* EXPORT_EXCEL: write as ="..." */
	char since[11], until[11];	/* "" when open */
	struct elder_ref *refs;		/* visits: uid -> ID number, name */
	size_t nrefs;
	char *cause;			/* set when a callback failed */
};

static int
writer_row(struct writer *w, const char *const *fields)
{
	struct json_obj o;
	size_t i;

	if (w->format != EXPORT_NDJSON) {
		if (csv_write_row_excel(w->out, fields, w->ncols,
		    w->format == EXPORT_EXCEL ? w->as_text : NULL) == 0)
			return 0;
	} else {
		json_obj_begin(&o, w->out);
		for (i = 0; i < w->ncols; i++)
			json_obj_str(&o, w->names[i], fields[i] != NULL &&
			    *fields[i] != '\0' ? fields[i] : NULL);
		if (json_obj_end(&o) == 0)
			return 0;
	}
	w->cause = err_fmt("%s", _("cannot write the export (disk full or "
	    "output closed?)"));
	return -1;
}

static const char *
yesno(bool b)
{
	return choice_label(CH_YESNO, b ? 0 : 1);
}

/* An optional date as text: "" when unset. */
static void
date_text(struct ymd d, char out[11])
{
	if (d.y == 0)
		out[0] = '\0';
	else
		date_format(d, out);
}

static int
elder_row(const struct elder *e, void *arg)
{
	struct writer *w = arg;
	char birth[11], status_date[11], registered[11], *hardship;
	int rc;

	/* updated_at is "YYYY-MM-DD HH:MM:SS": its first ten bytes compare
	 * as dates. */
	if ((w->since[0] != '\0' && strncmp(e->updated_at, w->since, 10) < 0) ||
	    (w->until[0] != '\0' && strncmp(e->updated_at, w->until, 10) > 0))
		return 0;
	date_format(e->birth, birth);
	date_text(e->status_date, status_date);
	date_text(e->registered_on, registered);
	if ((hardship = choice_join(CH_HARDSHIP, e->hardship, false)) == NULL) {
		w->cause = err_fmt("%s", _("out of memory"));
		return -1;
	}
	{
		const char *f[ELDER_NCOLS] = {
			e->uid, e->name, e->id_number,
			choice_label(CH_GENDER, e->gender), birth, e->phone,
			e->emergency_contact, e->emergency_phone,
			e->division_code, e->address, hardship,
			choice_label(CH_LIVING, e->living),
			choice_label(CH_ABILITY, e->ability_level),
			choice_label(CH_RISK, e->risk_tier),
			choice_label(CH_STATUS, e->status),
			yesno(e->visit_consent), status_date, registered,
			e->note,
		};
		rc = writer_row(w, f);
	}
	free(hardship);
	return rc;
}

static int
ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct elder_ref *)a)->uid,
	    ((const struct elder_ref *)b)->uid);
}

static int
ref_add(const struct elder *e, void *arg)
{
	struct writer *w = arg;
	struct elder_ref *grown, *r;

	/* Grow by doubling: 50,000 elders cost 16 reallocations. */
	if ((w->nrefs & (w->nrefs - 1)) == 0) {
		grown = realloc(w->refs, (w->nrefs ? w->nrefs * 2 : 64) *
		    sizeof *grown);
		if (grown == NULL)
			goto oom;
		w->refs = grown;
	}
	r = &w->refs[w->nrefs];
	memcpy(r->uid, e->uid, sizeof r->uid);
	memcpy(r->id_number, e->id_number, sizeof r->id_number);
	if ((r->name = strdup(e->name != NULL ? e->name : "")) == NULL)
		goto oom;
	w->nrefs++;
	return 0;
oom:
	w->cause = err_fmt("%s", _("out of memory"));
	return -1;
}

static int
visit_row(const struct visit *v, void *arg)
{
	struct writer *w = arg;
	struct elder_ref key, *ref;
	char at[17], follow[11], *services;
	int rc;

	memcpy(key.uid, v->elder_uid, sizeof key.uid);
	ref = bsearch(&key, w->refs, w->nrefs, sizeof *w->refs, ref_cmp);
	date_format_time(v->day, v->minutes, at);
	date_text(v->follow_up, follow);
	if ((services = choice_join(CH_SERVICE, v->services, false)) == NULL) {
		w->cause = err_fmt("%s", _("out of memory"));
		return -1;
	}
	{
		const char *f[VISIT_NCOLS] = {
			v->uid, ref != NULL ? ref->id_number : NULL,
			ref != NULL ? ref->name : NULL, at,
			choice_label(CH_VISIT_MODE, v->mode), v->visitor,
			yesno(v->contacted), services, v->health, v->needs,
			yesno(v->emergency), v->referral, follow, v->note,
			choice_label(CH_OUTCOME, v->outcome), v->economy,
			v->family, v->safety, v->emergency_action,
		};
		rc = writer_row(w, f);
	}
	free(services);
	return rc;
}

/* Run the elder_each/visit_each pass; its own error or the callback's. */
static int
export_pass(int rc, char *each_cause, struct writer *w, char **cause)
{
	if (rc == 0)
		return 0;
	if (w->cause != NULL) {
		free(each_cause);
		*cause = w->cause;
		w->cause = NULL;
	} else
		*cause = each_cause;
	return -1;
}

int
export_write(sqlite3 *db, enum export_kind kind, enum export_format format,
    struct ymd since, struct ymd until, FILE *out, char **cause)
{
	struct writer w;
	char *why = NULL;
	size_t i;
	int rc;

	memset(&w, 0, sizeof w);
	w.out = out;
	w.format = format;
	date_text(since, w.since);
	date_text(until, w.until);
	if (kind == EXPORT_ELDERS) {
		w.names = elder_names;
		w.ncols = ELDER_NCOLS;
	} else {
		w.names = visit_names;
		w.ncols = VISIT_NCOLS;
	}
	for (i = 0; i < w.ncols; i++) {
		const char *const *t;

		for (t = excel_text_names; *t != NULL &&
		    strcmp(*t, w.names[i]) != 0; t++)
			;
		w.as_text[i] = *t != NULL;
	}
	/* The header is plain text either way. */
	if ((format == EXPORT_EXCEL && csv_write_bom(out) != 0) ||
	    (format != EXPORT_NDJSON &&
	    csv_write_row(out, w.names, w.ncols) != 0)) {
		err_set(cause, "%s", _("cannot write the export (disk full or "
		    "output closed?)"));
		return -1;
	}

	if (kind == EXPORT_ELDERS) {
		rc = elder_each(db, elder_row, &w, &why);
		rc = export_pass(rc, why, &w, cause);
	} else {
		rc = elder_each(db, ref_add, &w, &why);
		if ((rc = export_pass(rc, why, &w, cause)) == 0) {
			qsort(w.refs, w.nrefs, sizeof *w.refs, ref_cmp);
			why = NULL;
			rc = visit_each(db, since, until, visit_row, &w, &why);
			rc = export_pass(rc, why, &w, cause);
		}
		for (i = 0; i < w.nrefs; i++)
			free(w.refs[i].name);
		free(w.refs);
	}
	if (rc == 0 && fflush(out) != 0) {
		err_set(cause, "%s", _("cannot write the export (disk full or "
		    "output closed?)"));
		rc = -1;
	}
	return rc;
}
