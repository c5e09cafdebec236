/* import.c: CSV rows to saved records of a kind. */
#include "forms/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/utf8.h"

/* One data row: save it and count it, or report it. */
static void
import_row(sqlite3 *db, const struct kind_input *in,
    const struct csv_record *rec, const char *login, import_reject_fn reject,
    void *arg, struct import_counts *counts)
{
	char *why = NULL;

	switch (kind_input_save(in, db, (const char *const *)rec->fields,
	    rec->nfields, login, &why)) {
	case KIND_INSERTED:
		counts->inserted++;
		return;
	case KIND_UPDATED:
		counts->updated++;
		return;
	case KIND_UNCHANGED:
		counts->unchanged++;
		return;
	case KIND_ERROR:
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
import_csv(sqlite3 *db, const struct form_kind *kind, const char *utf8,
    size_t len, bool dry_run, const char *login, import_reject_fn reject,
    void *arg, struct import_counts *counts, char **cause)
{
	struct csv_record hdr = { 0 }, rec = { 0 };
	struct kind_input *in = NULL;
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
	if ((in = kind_input_new(kind, (const char *const *)hdr.fields,
	    hdr.nfields, KIND_FROM_FILE, cause)) == NULL)
		goto done;
	if ((tok = db_begin(db, cause)) < 0)
		goto done;
	while ((got = csv_read(r, &rec, &why)) != 0) {
		if (got == 1) {
			import_row(db, in, &rec, login, reject, arg, counts);
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
	kind_input_free(in);
	csv_record_clear(&rec);
	csv_record_clear(&hdr);
	csv_reader_free(r);
	return rc;
}
