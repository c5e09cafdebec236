/* elder-form.h: the elder (老年人) as a record kind (forms/kind.h), for
 * `hearth import/export elders` and `hearth add elder`.
 *
 * The fields are SPEC's elder columns in SPEC's order, then the others
 * import reads (visit consent, status date, registration date, note).
 * An elder is the same elder when the ID number is the same.  Gender and
 * birth date left empty are derived from the ID number by
 * elder_normalize() in core/elder.c, the one validation of the record. */
#ifndef HEARTH_ELDER_FORM_H
#define HEARTH_ELDER_FORM_H

#include "core/elder.h"
#include "forms/kind.h"

extern const struct form_kind elder_kind;

#endif
