/* import.c: CSV rows and named fields to saved elders and visits. */
#define _GNU_SOURCE
#include "core/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/db.h"
#include "core/elder.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "core/utf8.h"
#include "core/validate.h"
#include "core/visit.h"

/* The fields a record may have; the column names of each, Chinese first
 * (SPEC), then the export's English name, then variants seen in files. */
enum {
	EF_NAME, EF_ID, EF_GENDER, EF_BIRTH, EF_PHONE, EF_EC_NAME,
	EF_EC_PHONE, EF_DIVISION, EF_ADDRESS, EF_HARDSHIP, EF_LIVING,
	EF_ABILITY, EF_RISK, EF_STATUS, EF_STATUS_DATE, EF_CONSENT,
	EF_REGISTERED, EF_NOTE, EF__COUNT
};
enum {
	VF_ELDER, VF_TIME, VF_MODE, VF_VISITOR, VF_CONTACTED, VF_OUTCOME,
	VF_SERVICES, VF_HEALTH, VF_ECONOMY, VF_FAMILY, VF_SAFETY, VF_NEEDS,
	VF_EMERGENCY, VF_ACTION, VF_REFERRAL, VF_FOLLOW_UP, VF_NOTE,
	VF__COUNT
};
#define FIELDS_MAX ((int)EF__COUNT > (int)VF__COUNT ? (int)EF__COUNT : \
    (int)VF__COUNT)

struct column {
	const char *names[5];	/* NULL-terminated */
	bool required;
	/* A digit string that `export --excel` writes as ="..." (export.c):
	 * unwrapped on reading.  Only these: a note that really reads
	 * ="x" must come back as written. */
	bool excel_text;
};

static const struct column elder_columns[EF__COUNT] = {
	[EF_NAME] = { { "姓名", "name" }, true },
	[EF_ID] = { { "身份证号", "id_number", "身份证号码" }, true, true },
	[EF_GENDER] = { { "性别", "gender" }, false },
	[EF_BIRTH] = { { "出生日期", "birth_date" }, false },
	[EF_PHONE] = { { "联系电话", "phone" }, false, true },
	[EF_EC_NAME] = { { "紧急联系人", "emergency_contact" }, false },
	[EF_EC_PHONE] = { { "紧急联系电话", "emergency_phone" }, false,
	    true },
	[EF_DIVISION] = { { "区划代码", "division_code" }, true, true },
	[EF_ADDRESS] = { { "住址", "address" }, false },
	[EF_HARDSHIP] = { { "困难类型", "hardship_types" }, false },
	[EF_LIVING] = { { "居住状况", "living" }, false },
	[EF_ABILITY] = { { "能力等级", "ability_level" }, false },
	[EF_RISK] = { { "风险等级", "risk_tier" }, false },
	[EF_STATUS] = { { "状态", "status" }, false },
	[EF_STATUS_DATE] = { { "状态日期", "status_date" }, false },
	[EF_CONSENT] = { { "同意探访", "visit_consent" }, false },
	[EF_REGISTERED] = { { "登记日期", "registered_on" }, false },
	[EF_NOTE] = { { "备注", "note" }, false },
};

static const struct column visit_columns[VF__COUNT] = {
	[VF_ELDER] = { { "身份证号", "elder_id_number", "身份证号码" }, true,
	    true },
	[VF_TIME] = { { "探访时间", "visited_at" }, true },
	[VF_MODE] = { { "探访方式", "mode" }, true },
	[VF_VISITOR] = { { "探访人", "visitor" }, true },
	[VF_CONTACTED] = { { "是否见到本人", "contacted",
	    "是否见到本人(是/否)", "是否见到本人（是/否）" }, true },
	[VF_OUTCOME] = { { "探访结果", "outcome" }, false },
	[VF_SERVICES] = { { "服务内容", "services" }, false },
	[VF_HEALTH] = { { "身体状况", "health" }, false },
	[VF_ECONOMY] = { { "经济状况", "economy" }, false },
	[VF_FAMILY] = { { "家庭支持", "family" }, false },
	[VF_SAFETY] = { { "安全隐患", "safety" }, false },
	[VF_NEEDS] = { { "需求", "needs" }, false },
	[VF_EMERGENCY] = { { "紧急情况", "emergency" }, false },
	[VF_ACTION] = { { "紧急处置", "emergency_action" }, false },
	[VF_REFERRAL] = { { "转介", "referral" }, false },
	[VF_FOLLOW_UP] = { { "随访日期", "follow_up_date", "回访日期" }, false },
	[VF_NOTE] = { { "备注", "note" }, false },
};

struct import_map {
	enum import_kind kind;
	size_t ncolumns;		/* in the header */
	int column[FIELDS_MAX];		/* field -> column, -1 if absent */
};

static const struct column *
columns_of(enum import_kind kind, int *n)
{
	*n = kind == IMPORT_ELDERS ? EF__COUNT : VF__COUNT;
	return kind == IMPORT_ELDERS ? elder_columns : visit_columns;
}

struct import_map *
import_map_new(enum import_kind kind, const char *const *names, size_t n,
    char **cause)
{
	/* csv_header_index() knows how headers are compared (case, BOM,
	 * white space); give it the names as a record. */
	struct csv_record hdr = { 1, n, (char **)names, NULL, 0 };
	const struct column *cols;
	struct import_map *map;
	char *missing = NULL, *more;
	int f, nf;

	if ((map = calloc(1, sizeof *map)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return NULL;
	}
	map->kind = kind;
	map->ncolumns = n;
	cols = columns_of(kind, &nf);
	for (f = 0; f < nf; f++) {
		map->column[f] = csv_header_index(&hdr, cols[f].names);
		if (map->column[f] >= 0 || !cols[f].required)
			continue;
		more = err_fmt("%s%s%s/%s", missing != NULL ? missing : "",
		    missing != NULL ? ", " : "", cols[f].names[0],
		    cols[f].names[1]);
		free(missing);
		missing = more;
	}
	if (missing != NULL) {
		err_set(cause, _("the header lacks required columns: %s"),
		    missing);
		free(missing);
		free(map);
		return NULL;
	}
	return map;
}

void
import_map_free(struct import_map *map)
{
	free(map);
}

size_t
import_map_columns(const struct import_map *map)
{
	return map->ncolumns;
}

/* Replace the string *DST by a copy of V, NULL for empty (so an empty cell
 * and an absent value compare the same).  -1 when out of memory. */
static int
set_text(char **dst, const char *v, char **cause)
{
	char *copy = NULL;

	if (*v != '\0' && (copy = strdup(v)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	free(*dst);
	*dst = copy;
	return 0;
}

/* A single choice of KIND labelled LABEL; empty gives EMPTY. */
static int
set_choice(int *dst, enum choice_kind kind, const char *v, int empty,
    const char *label, char **cause)
{
	char *list;
	int i;

	if (*v == '\0') {
		*dst = empty;
		return 0;
	}
	if ((i = choice_find(kind, v)) < 0) {
		list = choice_list(kind);
		err_set(cause, _("%s: \"%s\" is not one of: %s"), label, v,
		    list != NULL ? list : "");
		free(list);
		return -1;
	}
	*dst = i;
	return 0;
}

static int
set_bool(bool *dst, const char *v, bool empty, const char *label,
    char **cause)
{
	int i;

	if (set_choice(&i, CH_YESNO, v, empty ? 0 : 1, label, cause) != 0)
		return -1;
	*dst = i == 0;
	return 0;
}

/* A date; empty gives y == 0 (none). */
static int
set_date(struct ymd *dst, const char *v, const char *label, char **cause)
{
	struct ymd none = { 0, 0, 0 };

	if (*v == '\0') {
		*dst = none;
		return 0;
	}
	if (!date_parse(v, dst)) {
		err_set(cause, _("%s: \"%s\" is not a date (YYYY-MM-DD)"),
		    label, v);
		return -1;
	}
	return 0;
}

static int
set_multi(unsigned *dst, enum choice_kind kind, const char *v,
    const char *label, char **cause)
{
	char *why = NULL;

	if (choice_parse_multi(kind, v, dst, &why) == 0)
		return 0;
	err_set(cause, "%s: %s", label, why != NULL ? why : "");
	free(why);
	return -1;
}

/* V[f] is the trimmed text of field f, or NULL when the file has no such
 * column: only present columns change a record. */
static int
elder_apply(struct elder *e, char *const *v, char **cause)
{
	char **text[EF__COUNT] = {
		[EF_NAME] = &e->name, [EF_PHONE] = &e->phone,
		[EF_EC_NAME] = &e->emergency_contact,
		[EF_EC_PHONE] = &e->emergency_phone,
		[EF_ADDRESS] = &e->address, [EF_NOTE] = &e->note,
	};
	int f;

	for (f = 0; f < EF__COUNT; f++)
		if (text[f] != NULL && v[f] != NULL &&
		    set_text(text[f], v[f], cause) != 0)
			return -1;
	if (v[EF_DIVISION] != NULL) {
		if (strlen(v[EF_DIVISION]) >= sizeof e->division_code) {
			err_set(cause, _("%s: must be the 12-digit statistical "
			    "division code"), _("division code"));
			return -1;
		}
		strcpy(e->division_code, v[EF_DIVISION]);
	}
	/* Gender and birth date left empty are derived from the ID number
	 * by elder_normalize(). */
	if ((v[EF_GENDER] != NULL && set_choice(&e->gender, CH_GENDER,
	    v[EF_GENDER], -1, _("gender"), cause) != 0) ||
	    (v[EF_BIRTH] != NULL && set_date(&e->birth, v[EF_BIRTH],
	    _("birth date"), cause) != 0) ||
	    (v[EF_HARDSHIP] != NULL && set_multi(&e->hardship, CH_HARDSHIP,
	    v[EF_HARDSHIP], _("hardship types"), cause) != 0) ||
	    (v[EF_LIVING] != NULL && set_choice(&e->living, CH_LIVING,
	    v[EF_LIVING], -1, _("living arrangement"), cause) != 0) ||
	    (v[EF_ABILITY] != NULL && set_choice(&e->ability_level,
	    CH_ABILITY, v[EF_ABILITY], -1, _("ability level"), cause) != 0) ||
	    (v[EF_RISK] != NULL && set_choice(&e->risk_tier, CH_RISK,
	    v[EF_RISK], RISK_NORMAL, _("risk tier"), cause) != 0) ||
	    (v[EF_STATUS] != NULL && set_choice(&e->status, CH_STATUS,
	    v[EF_STATUS], STATUS_ACTIVE, _("status"), cause) != 0) ||
	    (v[EF_STATUS_DATE] != NULL && set_date(&e->status_date,
	    v[EF_STATUS_DATE], _("status date"), cause) != 0) ||
	    (v[EF_CONSENT] != NULL && set_bool(&e->visit_consent,
	    v[EF_CONSENT], true, _("visit consent"), cause) != 0) ||
	    (v[EF_REGISTERED] != NULL && set_date(&e->registered_on,
	    v[EF_REGISTERED], _("registration date"), cause) != 0))
		return -1;
	return 0;
}

static enum import_result
import_elder(sqlite3 *db, char *const *v, const char *login, char **cause)
{
	struct idnum_info id;
	enum idnum_error ie;
	struct elder e;
	int rc;

	/* The ID number is the key: check it before looking it up. */
	if ((ie = idnum_parse(v[EF_ID], date_today(), &id)) != IDNUM_OK) {
		err_set(cause, _("%s: %s"), _("ID number"), idnum_strerror(ie));
		return IMPORT_ERROR;
	}
	elder_init(&e);
	if ((rc = elder_get_by_id_number(db, id.number, &e, cause)) < 0)
		goto fail;
	if (rc == 1) {
		elder_clear(&e);
		elder_init(&e);
		memcpy(e.id_number, id.number, sizeof e.id_number);
	}
	if (elder_apply(&e, v, cause) != 0)
		goto fail;
	rc = (int)elder_save(db, &e, login, cause);
	elder_clear(&e);
	return (enum import_result)rc;

fail:
	elder_clear(&e);
	return IMPORT_ERROR;
}

static int
visit_apply(struct visit *vi, char *const *v, char **cause)
{
	char **text[VF__COUNT] = {
		[VF_HEALTH] = &vi->health, [VF_ECONOMY] = &vi->economy,
		[VF_FAMILY] = &vi->family, [VF_SAFETY] = &vi->safety,
		[VF_NEEDS] = &vi->needs, [VF_ACTION] = &vi->emergency_action,
		[VF_REFERRAL] = &vi->referral, [VF_NOTE] = &vi->note,
	};
	int f;

	for (f = 0; f < VF__COUNT; f++)
		if (text[f] != NULL && v[f] != NULL &&
		    set_text(text[f], v[f], cause) != 0)
			return -1;
	if ((v[VF_OUTCOME] != NULL && set_choice(&vi->outcome, CH_OUTCOME,
	    v[VF_OUTCOME], OUTCOME_NORMAL, _("outcome"), cause) != 0) ||
	    (v[VF_SERVICES] != NULL && set_multi(&vi->services, CH_SERVICE,
	    v[VF_SERVICES], _("services"), cause) != 0) ||
	    (v[VF_EMERGENCY] != NULL && set_bool(&vi->emergency,
	    v[VF_EMERGENCY], false, _("emergency"), cause) != 0) ||
	    (v[VF_FOLLOW_UP] != NULL && set_date(&vi->follow_up,
	    v[VF_FOLLOW_UP], _("follow-up date"), cause) != 0))
		return -1;
	return 0;
}

/* Find the stored twin of the visit keyed by VI's elder, day, minutes,
 * mode and visitor, and move it into *VI (so the columns the file lacks
 * keep their stored values).  0 found or not, -1 on error. */
static int
visit_twin(sqlite3 *db, struct visit *vi, char **cause)
{
	struct visit *list, *t;
	size_t n, i;

	if (visit_list(db, vi->elder_uid, 0, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		t = &list[i];
		if (date_to_days(t->day) == date_to_days(vi->day) &&
		    t->minutes == vi->minutes && t->mode == vi->mode &&
		    t->visitor != NULL && strcmp(t->visitor, vi->visitor) == 0)
			break;
	}
	if (i < n) {
		visit_clear(vi);
		*vi = list[i];
		visit_init(&list[i]);	/* now owned by *VI */
	}
	visit_list_free(list, n);
	return 0;
}

static enum import_result
import_visit(sqlite3 *db, char *const *v, const char *login, char **cause)
{
	struct idnum_info id;
	enum idnum_error ie;
	struct elder e;
	struct visit vi;
	int rc, mode, contacted;

	if ((ie = idnum_parse(v[VF_ELDER], date_today(), &id)) != IDNUM_OK) {
		err_set(cause, _("%s: %s"), _("ID number"), idnum_strerror(ie));
		return IMPORT_ERROR;
	}
	elder_init(&e);
	rc = elder_get_by_id_number(db, id.number, &e, cause);
	if (rc == 1)
		err_set(cause, _("no elder with ID number %s: import or add "
		    "the elder first"), id.number);
	if (rc != 0) {
		elder_clear(&e);
		return IMPORT_ERROR;
	}

	visit_init(&vi);
	memcpy(vi.elder_uid, e.uid, sizeof vi.elder_uid);
	elder_clear(&e);
	if (!date_parse_time(v[VF_TIME], &vi.day, &vi.minutes)) {
		err_set(cause, _("%s: \"%s\" is not a time (YYYY-MM-DD HH:MM)"),
		    _("visit time"), v[VF_TIME]);
		goto fail;
	}
	if (set_choice(&mode, CH_VISIT_MODE, v[VF_MODE], -1, _("visit mode"),
	    cause) != 0 || set_text(&vi.visitor, v[VF_VISITOR], cause) != 0 ||
	    set_choice(&contacted, CH_YESNO, v[VF_CONTACTED], -1,
	    _("contacted"), cause) != 0)
		goto fail;
	if (mode < 0 || contacted < 0) {
		err_set(cause, _("%s: please fill this in"), mode < 0 ?
		    _("visit mode") : _("contacted"));
		goto fail;
	}
	vi.mode = mode;
	if (vi.visitor != NULL && visit_twin(db, &vi, cause) != 0)
		goto fail;
	/* Not the twin's: a file that says "not contacted" wins. */
	vi.contacted = contacted == 0;
	if (visit_apply(&vi, v, cause) != 0)
		goto fail;
	rc = (int)visit_save(db, &vi, login, cause);
	visit_clear(&vi);
	return (enum import_result)rc;

fail:
	visit_clear(&vi);
	return IMPORT_ERROR;
}

enum import_result
import_record(sqlite3 *db, const struct import_map *map,
    const char *const *fields, size_t n, const char *login, char **cause)
{
	char *v[FIELDS_MAX] = { NULL };
	enum import_result rc = IMPORT_ERROR;
	const struct column *cols;
	int f, nf, col;

	if (n != map->ncolumns) {
		err_set(cause, _("%zu fields, but the header has %zu"), n,
		    map->ncolumns);
		return IMPORT_ERROR;
	}
	cols = columns_of(map->kind, &nf);
	for (f = 0; f < nf; f++) {
		if ((col = map->column[f]) < 0)
			continue;
		if ((v[f] = validate_trim(fields[col])) == NULL) {
			err_set(cause, "%s", _("out of memory"));
			goto done;
		}
		if (cols[f].excel_text)
			csv_excel_unwrap(v[f]);
	}
	rc = map->kind == IMPORT_ELDERS ? import_elder(db, v, login, cause) :
	    import_visit(db, v, login, cause);
done:
	for (f = 0; f < nf; f++)
		free(v[f]);
	return rc;
}

/* One data row: save it and count it, or report it. */
static void
import_row(sqlite3 *db, const struct import_map *map,
    const struct csv_record *rec, const char *login, import_reject_fn reject,
    void *arg, struct import_counts *counts)
{
	char *why = NULL;

	switch (import_record(db, map, (const char *const *)rec->fields,
	    rec->nfields, login, &why)) {
	case IMPORT_INSERTED:
		counts->inserted++;
		return;
	case IMPORT_UPDATED:
		counts->updated++;
		return;
	case IMPORT_UNCHANGED:
		counts->unchanged++;
		return;
	case IMPORT_ERROR:
		break;
	}
	counts->rejected++;
	reject(arg, rec->line, why != NULL ? why : _("out of memory"));
	free(why);
}

/* A row the reader gave up on: when a field was too long, say which column
 * (the reader counts fields; the header knows their names), so the person
 * fixing the file knows where to look.  *WHY is replaced if it can be. */
static void
import_broken(const struct csv_record *hdr, const struct csv_record *rec,
    char **why)
{
	char *name, *better;

	if (rec->too_long == 0 || rec->too_long > hdr->nfields)
		return;
	/* The header is the file's text: no raw controls on a terminal. */
	if ((name = utf8_sanitize(hdr->fields[rec->too_long - 1])) == NULL)
		return;
	better = err_fmt(_("column %zu (%s) is longer than %d KiB; row "
	    "skipped"), rec->too_long, name, CSV_MAX_FIELD / 1024);
	free(name);
	if (better == NULL)
		return;
	free(*why);
	*why = better;
}

int
import_csv(sqlite3 *db, enum import_kind kind, const char *utf8, size_t len,
    bool dry_run, const char *login, import_reject_fn reject, void *arg,
    struct import_counts *counts, char **cause)
{
	struct csv_record hdr = { 0 }, rec = { 0 };
	struct import_map *map = NULL;
	struct csv_reader *r;
	char *why = NULL;
	int rc = -1, got, tok = -1;

	memset(counts, 0, sizeof *counts);
	if ((r = csv_reader_new(utf8, len)) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	if ((got = csv_read(r, &hdr, &why)) != 1) {
		if (got == 0)
			err_set(cause, "%s", _("the file is empty: a header row "
			    "is needed"));
		else
			err_set(cause, _("line %zu: %s"), hdr.line,
			    why != NULL ? why : "");
		goto done;
	}
	if ((map = import_map_new(kind, (const char *const *)hdr.fields,
	    hdr.nfields, cause)) == NULL)
		goto done;
	if ((tok = db_begin(db, cause)) < 0)
		goto done;
	while ((got = csv_read(r, &rec, &why)) != 0) {
		if (got == 1) {
			import_row(db, map, &rec, login, reject, arg, counts);
			continue;
		}
		if (rec.line == 0) {
			err_set(cause, "%s", _("out of memory"));
			goto done;
		}
		counts->rejected++;
		import_broken(&hdr, &rec, &why);
		reject(arg, rec.line, why != NULL ? why : "");
		free(why);
		why = NULL;
	}
	if (dry_run) {
		db_rollback(db, tok);
		rc = 0;
	} else
		rc = db_commit(db, tok, cause);
	tok = -1;

done:
	if (tok >= 0)
		db_rollback(db, tok);
	free(why);
	import_map_free(map);
	csv_record_clear(&rec);
	csv_record_clear(&hdr);
	csv_reader_free(r);
	return rc;
}
