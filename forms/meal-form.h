/* meal-form.h: the meal serving (助餐) as a record kind (forms/kind.h).
 *
 * `hearth add meal --elder ID --site NAME`, `hearth import meals` and
 * `hearth export meals` go through these fields: SPEC's columns, then
 * verification, proxy_name and note.  A new serving given without money
 * is priced by its site as the canteen screen prices one (meal_price():
 * the site's price × portions, the tier's subsidy for one portion, the
 * rest self-paid) and takes the site's usual mode when none is given;
 * money given (an export re-imported, a serving from history) is kept as
 * given and only checked: price = subsidy + self-paid.  A stored serving
 * keeps its money unless new money or portions are given (doc/meals.md:
 * the subsidy is frozen).  A serving is the same serving when elder, day,
 * slot and site are the same; meal_save() remains the one validation. */
#ifndef HEARTH_MEAL_FORM_H
#define HEARTH_MEAL_FORM_H

#include "core/meal.h"
#include "forms/kind.h"

extern const struct form_kind meal_kind;

#endif
