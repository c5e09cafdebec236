/* kinds.c: every record kind, by name.  A new kind (meals, children,
 * guidance) is one line here, and `hearth add`, `import` and `export`
 * know it. */
#include "forms/kind.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "forms/child-form.h"
#include "forms/elder-form.h"
#include "forms/guidance-form.h"
#include "forms/meal-form.h"
#include "forms/site-form.h"
#include "forms/visit-form.h"

static const struct form_kind *const kinds[] = {
	&elder_kind,
	&visit_kind,
	&site_kind,
	&meal_kind,
	&child_kind,
	&guidance_kind,
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

const struct form_kind *
kind_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < N_KINDS; i++)
		if (strcmp(kinds[i]->name, name) == 0 ||
		    strcmp(kinds[i]->plural, name) == 0)
			return kinds[i];
	return NULL;
}

char *
kind_list(bool plural)
{
	char *list = NULL, *more;
	size_t i;

	for (i = 0; i < N_KINDS; i++) {
		more = err_fmt("%s%s%s", list != NULL ? list : "",
		    list != NULL ? ", " : "",
		    plural ? kinds[i]->plural : kinds[i]->name);
		free(list);
		if ((list = more) == NULL)
			return NULL;
	}
	return list;
}
