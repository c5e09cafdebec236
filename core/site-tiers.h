/* site-tiers.h: a site's subsidy tier table as one line of text.
 *
 * `hearth add site --tiers`, the sites CSV and `hearth export sites` write
 * the table in one cell (doc/meals.md, "Tier syntax"):
 *
 *     60-74:300;75-84:500;85-:800;低保:800;分散供养特困:1200/5
 *
 * tiers in rank order split on ; ； or a line end; each is WHO:FEN[/CAP]
 * where WHO is an age band (60-74, 85- for 85 and older, -59, 80 for
 * exactly 80), a hardship type (低保), both joined with + (75-84+低保),
 * or * (anyone); FEN the subsidy for one portion in fen and CAP the
 * optional number of subsidised servings a week.  The parser checks the
 * shape only; site_normalize() checks the ranges against the site. */
#ifndef HEARTH_SITE_TIERS_H
#define HEARTH_SITE_TIERS_H

#include <stddef.h>

#include "core/site.h"

/* TEXT into TIERS[0..*N) (at most SITE_TIERS_MAX).  Empty text: no
 * tiers.  -1 and *CAUSE quoting the tier that is not understood. */
int site_tiers_parse(const char *text, struct site_tier *tiers, size_t *n,
    char **cause);

/* TIERS[0..N) in the syntax above (malloc'd, "" for none), so that
 * site_tiers_parse() reads it back to the same table.  NULL only when out
 * of memory. */
char *site_tiers_format(const struct site_tier *tiers, size_t n);

#endif
