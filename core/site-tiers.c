/* site-tiers.c: the tier table's text form (site-tiers.h). */
#define _POSIX_C_SOURCE 200809L
#include "core/site-tiers.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/labels.h"

/* Full-width separators as Chinese input methods type them. */
#define FW_SEMICOLON "\xef\xbc\x9b"	/* ； */
#define FW_COLON "\xef\xbc\x9a"		/* ： */
#define FW_SPACE "\xe3\x80\x80"		/* U+3000 */

/* Digits only (at most 9 of them, so no overflow) as a number, or -1. */
static long long
parse_count(const char *s, size_t len)
{
	long long n = 0;
	size_t i;

	if (len == 0 || len > 9)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

/* "60-74", "85-", "-59" or "80" into the band; false if not one. */
static bool
parse_ages(const char *s, size_t len, struct site_tier *t)
{
	const char *dash = memchr(s, '-', len);
	long long lo, hi;

	if (dash == NULL) {
		if ((lo = parse_count(s, len)) < 0)
			return false;
		t->min_age = t->max_age = (int)lo;
		return true;
	}
	lo = dash == s ? -1 : parse_count(s, (size_t)(dash - s));
	hi = dash + 1 == s + len ? -1 :
	    parse_count(dash + 1, (size_t)(s + len - dash - 1));
	if ((dash != s && lo < 0) || (dash + 1 != s + len && hi < 0) ||
	    (lo < 0 && hi < 0))
		return false;
	/* site_normalize() bounds the ages; keep them in int's range. */
	t->min_age = lo > 1000 ? 1000 : (int)lo;
	t->max_age = hi > 1000 ? 1000 : (int)hi;
	return true;
}

/* WHO of one tier: ages, a hardship type, both joined with +, or *. */
static bool
parse_who(char *who, struct site_tier *t)
{
	char *plus = strchr(who, '+');

	t->min_age = t->max_age = t->hardship = -1;
	if (strcmp(who, "*") == 0)
		return true;
	if (plus != NULL) {
		*plus = '\0';
		return parse_ages(who, strlen(who), t) &&
		    (t->hardship = choice_find(CH_HARDSHIP, plus + 1)) >= 0;
	}
	if ((*who >= '0' && *who <= '9') || *who == '-')
		return parse_ages(who, strlen(who), t);
	return (t->hardship = choice_find(CH_HARDSHIP, who)) >= 0;
}

/* FEN[/CAP] of one tier. */
static bool
parse_amount(const char *s, struct site_tier *t)
{
	const char *slash = strchr(s, '/');
	long long fen, cap = 0;

	fen = parse_count(s, slash != NULL ? (size_t)(slash - s) : strlen(s));
	if (slash != NULL)
		cap = parse_count(slash + 1, strlen(slash + 1));
	if (fen < 0 || cap < 0)
		return false;
	t->subsidy_fen = fen;
	t->weekly_cap = (int)cap;
	return true;
}

/* One tier, WHO:FEN[/CAP]; ITEM itself is left as it was, for the
 * message that quotes it. */
static bool
parse_tier(const char *item, struct site_tier *t)
{
	const char *colon = strchr(item, ':');
	char *who;
	bool ok;

	if (colon == NULL || !parse_amount(colon + 1, t) ||
	    (who = strndup(item, (size_t)(colon - item))) == NULL)
		return false;
	ok = parse_who(who, t);
	free(who);
	return ok;
}

/* Copy of S with the full-width forms turned into ASCII and the spaces
 * dropped (a tier holds none), so one parser reads both. */
static char *
tiers_fold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	if (out == NULL)
		return NULL;
	while (*s != '\0') {
		if (strncmp(s, FW_SEMICOLON, 3) == 0) {
			*o++ = ';';
			s += 3;
		} else if (strncmp(s, FW_COLON, 3) == 0) {
			*o++ = ':';
			s += 3;
		} else if (strncmp(s, FW_SPACE, 3) == 0)
			s += 3;
		else if (*s == '\n' || *s == '\r') {
			*o++ = ';';
			s++;
		} else if (*s == ' ' || *s == '\t')
			s++;
		else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

int
site_tiers_parse(const char *text, struct site_tier *tiers, size_t *n,
    char **cause)
{
	char *copy, *item, *next;
	struct site_tier t;

	*n = 0;
	if ((copy = tiers_fold(text != NULL ? text : "")) == NULL) {
		err_set(cause, "%s", _("out of memory"));
		return -1;
	}
	for (item = copy; item != NULL; item = next) {
		if ((next = strchr(item, ';')) != NULL)
			*next++ = '\0';
		if (*item == '\0')
			continue;
		if (*n == SITE_TIERS_MAX) {
			err_set(cause, _("at most %d subsidy tiers"),
			    SITE_TIERS_MAX);
			goto bad;
		}
		if (!parse_tier(item, &t)) {
			err_set(cause, _("subsidy tiers: \"%s\" is not AGES:FEN "
			    "or TYPE:FEN (for example 60-74:300, 85-:800, "
			    "低保:800, 75-84+低保:600, with /N for at most N a "
			    "week)"), item);
			goto bad;
		}
		tiers[(*n)++] = t;
	}
	free(copy);
	return 0;
bad:
	free(copy);
	*n = 0;
	return -1;
}

/* One tier appended to BUF (at least 96 bytes free). */
static void
format_tier(const struct site_tier *t, char *buf, size_t size)
{
	char ages[32] = "";
	const char *type = t->hardship >= 0 ?
	    choice_label(CH_HARDSHIP, t->hardship) : NULL;
	size_t len = strlen(buf);

	if (t->min_age >= 0 && t->min_age == t->max_age)
		snprintf(ages, sizeof ages, "%d", t->min_age);
	else if (t->min_age >= 0 || t->max_age >= 0) {
		if (t->min_age >= 0)
			snprintf(ages, sizeof ages, "%d", t->min_age);
		snprintf(ages + strlen(ages), sizeof ages - strlen(ages), "-");
		if (t->max_age >= 0)
			snprintf(ages + strlen(ages), sizeof ages -
			    strlen(ages), "%d", t->max_age);
	}
	snprintf(buf + len, size - len, "%s%s%s%s%s:%lld",
	    len > 0 ? ";" : "", ages, *ages != '\0' && type != NULL ? "+" : "",
	    type != NULL ? type : "", *ages == '\0' && type == NULL ? "*" : "",
	    t->subsidy_fen);
	if (t->weekly_cap > 0) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "/%d", t->weekly_cap);
	}
}

char *
site_tiers_format(const struct site_tier *tiers, size_t n)
{
	/* A tier is at most ~80 bytes: two ages, the longest type label
	 * (计划生育特殊家庭, 24 bytes), an amount and a cap. */
	size_t size = n * 96 + 1, i;
	char *buf = malloc(size);

	if (buf == NULL)
		return NULL;
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		format_tier(&tiers[i], buf, size);
	return buf;
}
