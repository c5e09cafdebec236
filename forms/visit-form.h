/* visit-form.h: the visit (探访) as a record kind (forms/kind.h).
 *
 * The fields, in the order a volunteer fills them in: time, mode, reached
 * in person, outcome, services, the five areas of FIELD-NOTES (health,
 * economy, family, safety, needs), emergency and its action, referral,
 * follow-up date, note; the elder, the visitor and the uid are not on the
 * screen (the elder is picked before the form opens, the visitor is who
 * logged in).  The outcome follows "met in person" as the volunteer flips
 * it: no while "normal" gives "not found", yes while "not found" gives
 * "normal".  A stored visit is the same visit when elder, time (to the
 * minute), mode and visitor are the same.  visit_save() in core/visit.c
 * remains the one validation of the record itself. */
#ifndef HEARTH_VISIT_FORM_H
#define HEARTH_VISIT_FORM_H

#include "core/visit.h"
#include "forms/kind.h"

extern const struct form_kind visit_kind;

#endif
