/* site-form.h: the meal site (幸福食堂/助餐点) as a record kind
 * (forms/kind.h), and sites as a meal's reference (form_ref_site).
 *
 * `hearth add site --name 李家村幸福食堂 --price_fen 1200 --slots 午、晚
 * --tiers "60-74:300;85-:800;低保:800"` and `hearth export sites` go
 * through these fields.  The tier table travels as one cell of text
 * (core/site-tiers.h), so the record is a site with that text beside it;
 * the save hook parses it into the site's tiers and site_save() (which
 * replaces the whole table in one transaction) has the last word.  A site
 * is the same site when the name is the same. */
#ifndef HEARTH_SITE_FORM_H
#define HEARTH_SITE_FORM_H

#include "core/site.h"
#include "forms/kind.h"

struct site_record {
	struct site site;
	char *tiers;		/* site-tiers.h syntax; NULL: none */
};

extern const struct form_kind site_kind;

/* Sites not deleted, by name (or uid), as a meal's `site` column. */
extern const struct form_ref form_ref_site;

#endif
