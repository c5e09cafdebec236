/* coverage-join.c: two coverage reports joined on the division code. */
#include "core/coverage-join.h"

#include <stdlib.h>
#include <string.h>

/* R's counts, without the name (the pair holds one for both). */
static struct coverage_row
counts(const struct coverage_row *r)
{
	struct coverage_row c;

	memset(&c, 0, sizeof c);
	if (r != NULL) {
		memcpy(c.code, r->code, sizeof c.code);
		c.visited = r->visited;
		c.total = r->total;
	}
	return c;
}

static struct coverage_pair
pair(const struct coverage_row *v, const struct coverage_row *g)
{
	struct coverage_pair p;
	const struct coverage_row *any = v != NULL ? v : g;

	memset(&p, 0, sizeof p);
	memcpy(p.code, any->code, sizeof p.code);
	p.name = v != NULL && v->name != NULL ? v->name :
	    g != NULL ? g->name : NULL;
	p.visits = counts(v);
	p.guidance = counts(g);
	return p;
}

int
coverage_join(const struct coverage_row *visits, size_t nv,
    const struct coverage_row *guidance, size_t ng,
    struct coverage_pair **out, size_t *n)
{
	size_t i = 0, j = 0;
	int cmp;

	*n = 0;
	if ((*out = calloc(nv + ng + 1, sizeof **out)) == NULL)
		return -1;
	/* A merge of two sorted runs. */
	while (i < nv || j < ng) {
		cmp = i == nv ? 1 : j == ng ? -1 :
		    strcmp(visits[i].code, guidance[j].code);
		if (cmp < 0)
			(*out)[(*n)++] = pair(&visits[i++], NULL);
		else if (cmp > 0)
			(*out)[(*n)++] = pair(NULL, &guidance[j++]);
		else {
			(*out)[(*n)++] = pair(&visits[i], &guidance[j]);
			i++;
			j++;
		}
	}
	return 0;
}

struct coverage_pair
coverage_join_total(const struct coverage_row *visits,
    const struct coverage_row *guidance)
{
	struct coverage_pair p;

	memset(&p, 0, sizeof p);
	p.visits = counts(visits);
	p.guidance = counts(guidance);
	return p;
}
