/* elder-ref.c: an elder named in another record (a visit, a meal) by the
 * ID number people know, or by the uid an export carries. */
#include "forms/form.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/elder.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/idnum.h"

static int
elder_ref_find(sqlite3 *db, const char *text, char uid[HEARTH_UID_MAX],
    char **key, char **name, char **cause)
{
	struct idnum_info id;
	enum idnum_error ie;
	struct elder e;
	int rc;

	elder_init(&e);
	/* A uid is "STATION:SEQ"; an ID number never holds a colon. */
	if (strchr(text, ':') != NULL) {
		if ((rc = elder_get(db, text, &e, cause)) == 1)
			err_set(cause, _("%s: no such elder in the register"),
			    _("elder"));
	} else {
		/* Check the number before looking it up, so a typo is
		 * called a typo rather than an unknown elder. */
		if ((ie = idnum_parse(text, date_today(), &id)) != IDNUM_OK) {
			err_set(cause, _("%s: %s"), _("ID number"),
			    idnum_strerror(ie));
			return -1;
		}
		rc = elder_get_by_id_number(db, id.number, &e, cause);
		if (rc == 1)
			err_set(cause, _("no elder with ID number %s: "
			    "import or add the elder first"), id.number);
	}
	if (rc == 0) {
		memcpy(uid, e.meta.uid, HEARTH_UID_MAX);
		*key = strdup(e.id_number);
		*name = strdup(e.name != NULL ? e.name : "");
		if (*key == NULL || *name == NULL) {
			free(*key);
			free(*name);
			*key = *name = NULL;
			err_set(cause, "%s", _("out of memory"));
			rc = -1;
		}
	}
	elder_clear(&e);
	return rc == 0 ? 0 : -1;
}

struct each_arg {
	int (*fn)(const char *, const char *, const char *, void *);
	void *arg;
};

static int
each_one(const struct elder *e, void *arg)
{
	struct each_arg *a = arg;

	return a->fn(e->meta.uid, e->id_number, e->name != NULL ? e->name : "",
	    a->arg);
}

static int
elder_ref_each(sqlite3 *db, int (*fn)(const char *uid, const char *key,
    const char *name, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg };

	return elder_each(db, each_one, &a, cause) == 0 ? 0 : -1;
}

const struct form_ref form_ref_elder = { elder_ref_find, elder_ref_each };
