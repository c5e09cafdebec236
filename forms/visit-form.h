/* visit-form.h: the visit (探访) as a form, and back.
 *
 * The fields, in the order a volunteer fills them in: time, mode, reached
 * in person, outcome, services, the five areas of FIELD-NOTES (health,
 * economy, family, safety, needs), emergency and its action, referral,
 * follow-up date, note.  Converting to a struct visit checks only what the
 * form knows (required fields, dates); visit_normalize() in core/visit.c
 * remains the one validation of the record itself. */
#ifndef HEARTH_VISIT_FORM_H
#define HEARTH_VISIT_FORM_H

#include "core/visit.h"
#include "forms/form.h"

/* An empty visit form.  -1 if out of memory.  Its outcome follows "met
 * in person" as the volunteer flips it: no while "normal" gives "not
 * found", yes while "not found" gives "normal". */
int visit_form_init(struct form *f);

/* Fill the form from V (e.g. visit_init(): now, home visit, reached,
 * normal) and mark it unchanged.  -1 if out of memory. */
int visit_form_load(struct form *f, const struct visit *v);

/* Validate the form and copy its values into V (texts are replaced, the
 * elder, visitor and uid are left alone).  -1 with *BAD the field to fix
 * and *CAUSE. */
int visit_form_store(const struct form *f, struct visit *v, size_t *bad,
    char **cause);

#endif
