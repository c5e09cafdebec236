/* child-form.h: the child under three (婴幼儿) as a record kind
 * (forms/kind.h), for `hearth import/export children` and `hearth add
 * child`.
 *
 * The fields are SPEC's children columns in SPEC's order, then the others
 * import reads (status date, registration date, note); the Chinese
 * headers are SPEC's "Children CSV in".  A stored child is found as
 * child_save() would find it (child_find: uid, ID number, or name + birth
 * date + caregiver), so a file's missing columns keep their stored
 * values.  Exports show the status on the day: 结案 from the third
 * birthday (derived, never stored), which core accepts back on import.
 * child_save() in core/child.c remains the one validation. */
#ifndef HEARTH_CHILD_FORM_H
#define HEARTH_CHILD_FORM_H

#include "core/child.h"
#include "forms/kind.h"

extern const struct form_kind child_kind;

#endif
