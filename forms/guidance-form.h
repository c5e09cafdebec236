/* guidance-form.h: the parenting-guidance session (养育指导) as a record
 * kind (forms/kind.h), for the screen, `hearth add guidance` and `hearth
 * import/export guidance`.
 *
 * The fields, in the order a provider fills them in: time, form,
 * provider, topics, referral, next date, note; the child is picked before
 * the form opens (hidden), the uid and the child's age in months on the
 * session day are derived (shown, never input).  The child field is the
 * kind's group: one session may cover several children (a parents'
 * class), saved in one transaction by guidance_save_session().  A stored
 * row is the same row when child, time (to the minute), form and provider
 * are the same.  core/guidance.c remains the one validation. */
#ifndef HEARTH_GUIDANCE_FORM_H
#define HEARTH_GUIDANCE_FORM_H

#include "core/guidance.h"
#include "forms/kind.h"

extern const struct form_kind guidance_kind;

#endif
