/* money.c: fen ↔ yuan text. */
#include "core/money.h"

#include <stdio.h>
#include <string.h>

#define MONEY_PARSE_MAX (10000000LL * 100)	/* fen */

void
money_format(long long fen, char out[MONEY_TEXT_MAX])
{
	unsigned long long u;

	/* Negated as unsigned, so LLONG_MIN does not overflow. */
	u = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	snprintf(out, MONEY_TEXT_MAX, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    u / 100, u % 100);
}

/* Skip PREFIX at *S if it is there. */
static void
skip(const char **s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(*s, prefix, n) == 0)
		*s += n;
}

bool
money_parse(const char *s, long long *fen)
{
	long long yuan = 0, cents = 0;
	int digits = 0, decimals = 0;

	if (s == NULL)
		return false;
	skip(&s, "\xc2\xa5");		/* ¥ */
	skip(&s, "\xef\xbf\xa5");	/* ￥ */
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		yuan = yuan * 10 + (*s - '0');
		if (yuan * 100 > MONEY_PARSE_MAX)
			return false;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
			if (decimals == 2)
				return false;
			cents = cents * 10 + (*s - '0');
		}
		if (decimals == 0)
			return false;
	}
	if (digits == 0)
		return false;
	skip(&s, "\xe5\x85\x83");	/* 元 */
	if (*s != '\0')
		return false;
	if (decimals == 1)
		cents *= 10;
	if (yuan * 100 + cents > MONEY_PARSE_MAX)
		return false;
	*fen = yuan * 100 + cents;
	return true;
}
