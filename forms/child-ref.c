/* child-ref.c: a child named in another record (a guidance session) by
 * the record number (uid) an export carries and `hearth find` prints, or
 * by the ID number when the child has one. */
#include "forms/form.h"

#include <stdlib.h>
#include <string.h>

#include "core/child.h"
#include "core/err.h"
#include "core/i18n.h"

static int
child_ref_find(sqlite3 *db, const char *text, char uid[HEARTH_UID_MAX],
    char **key, char **name, char **cause)
{
	struct child c;
	int rc;

	/* A uid is "STATION:SEQ"; an ID number never holds a colon.  Many
	 * infants have no ID number yet, so the uid is the usual key. */
	if (strchr(text, ':') != NULL)
		rc = child_get(db, text, &c, cause);
	else
		rc = child_get_by_id_number(db, text, &c, cause);
	if (rc == 0 && c.meta.deleted)
		rc = 1;
	if (rc == 1)
		err_set(cause, _("%s: no child %s in the register: find the "
		    "record number with \"hearth find NAME\""), _("child"),
		    text);
	if (rc == 0) {
		memcpy(uid, c.meta.uid, HEARTH_UID_MAX);
		*key = strdup(c.meta.uid);
		*name = strdup(c.name != NULL ? c.name : "");
		if (*key == NULL || *name == NULL) {
			free(*key);
			free(*name);
			*key = *name = NULL;
			err_set(cause, "%s", _("out of memory"));
			rc = -1;
		}
	}
	child_clear(&c);
	return rc == 0 ? 0 : -1;
}

struct each_arg {
	int (*fn)(const char *, const char *, const char *, void *);
	void *arg;
};

static int
each_one(const struct child *c, void *arg)
{
	struct each_arg *a = arg;

	return a->fn(c->meta.uid, c->meta.uid, c->name != NULL ? c->name : "",
	    a->arg);
}

static int
child_ref_each(sqlite3 *db, int (*fn)(const char *uid, const char *key,
    const char *name, void *arg), void *arg, char **cause)
{
	struct each_arg a = { fn, arg };

	return child_each(db, each_one, &a, cause) == 0 ? 0 : -1;
}

const struct form_ref form_ref_child = { child_ref_find, child_ref_each };
