/* date.c: calendar arithmetic, parsing and formatting of local dates. */
#define _POSIX_C_SOURCE 200809L
#include "core/date.h"

#include <stddef.h>
#include <stdlib.h>

bool
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

bool
date_valid(struct ymd d)
{
	if (d.y < 1900 || d.y > 9999)
		return false;
	return d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

/*
 * Days from civil and back, after Howard Hinnant's algorithms: the year is
 * taken to start in March so the leap day falls at its end, and 400-year
 * eras (146097 days) keep the arithmetic on non-negative numbers.
 */
bool
date_equal(struct ymd a, struct ymd b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

long
date_to_days(struct ymd d)
{
	long y = d.m <= 2 ? (long)d.y - 1 : d.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;			/* 0..399 */
	long mp = d.m > 2 ? d.m - 3 : d.m + 9;		/* March = 0 */
	long doy = (153 * mp + 2) / 5 + d.d - 1;	/* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct ymd
date_from_days(long days)
{
	struct ymd r;
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

int
date_weekday(struct ymd d)
{
	long days = date_to_days(d);
	long w = (days + 3) % 7;	/* 1970-01-01 was a Thursday */

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

/* Read between MIN and MAX ASCII digits from *S into *V, advancing *S. */
static bool
read_digits(const char **s, int min, int max, int *v)
{
	const char *p = *s;
	int n = 0, val = 0;

	while (n < max && *p >= '0' && *p <= '9') {
		val = val * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < min)
		return false;
	*s = p;
	*v = val;
	return true;
}

/* Parse the date at the front of S, leaving *END after it. */
static bool
parse_date_prefix(const char *s, struct ymd *out, const char **end)
{
	struct ymd d;
	const char *p = s;
	char sep;

	if (!read_digits(&p, 4, 4, &d.y))
		return false;
	if (*p == '-' || *p == '/') {
		sep = *p++;
		if (!read_digits(&p, 1, 2, &d.m) || *p++ != sep ||
		    !read_digits(&p, 1, 2, &d.d))
			return false;
	} else if (!read_digits(&p, 2, 2, &d.m) || !read_digits(&p, 2, 2, &d.d))
		return false;
	/* "2024-03-051" must not read as 2024-03-05 followed by junk digits. */
	if (*p >= '0' && *p <= '9')
		return false;
	if (!date_valid(d))
		return false;
	*out = d;
	*end = p;
	return true;
}

bool
date_parse(const char *s, struct ymd *out)
{
	struct ymd d;
	const char *end;

	if (s == NULL || !parse_date_prefix(s, &d, &end) || *end != '\0')
		return false;
	*out = d;
	return true;
}

bool
date_parse_month(const char *s, int *y, int *m)
{
	int yy, mm;

	if (s == NULL || !read_digits(&s, 4, 4, &yy) || *s++ != '-' ||
	    !read_digits(&s, 2, 2, &mm) || *s != '\0')
		return false;
	if (yy < 1900 || mm < 1 || mm > 12)
		return false;
	*y = yy;
	*m = mm;
	return true;
}

bool
date_parse_time(const char *s, struct ymd *day, int *minutes)
{
	struct ymd d;
	const char *p;
	int h, mi, sec;

	if (s == NULL || !parse_date_prefix(s, &d, &p))
		return false;
	if (*p == '\0') {
		*day = d;
		*minutes = 0;
		return true;
	}
	if (*p != ' ' && *p != 'T')
		return false;
	p++;
	if (!read_digits(&p, 1, 2, &h) || *p++ != ':' ||
	    !read_digits(&p, 2, 2, &mi))
		return false;
	if (*p == ':') {
		p++;
		if (!read_digits(&p, 2, 2, &sec) || sec > 59)
			return false;
	}
	if (*p != '\0' || h > 23 || mi > 59)
		return false;
	*day = d;
	*minutes = h * 60 + mi;
	return true;
}

/* Write V as exactly N decimal digits (V is already in range). */
static char *
put_digits(char *o, int v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		o[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return o + n;
}

void
date_format(struct ymd d, char out[11])
{
	char *o = out;

	/* Out-of-range fields would print garbage: clamp them so the caller
	 * always gets ten characters. */
	if (d.y < 0 || d.y > 9999)
		d.y = 0;
	if (d.m < 0 || d.m > 99)
		d.m = 0;
	if (d.d < 0 || d.d > 99)
		d.d = 0;
	o = put_digits(o, d.y, 4);
	*o++ = '-';
	o = put_digits(o, d.m, 2);
	*o++ = '-';
	o = put_digits(o, d.d, 2);
	*o = '\0';
}

void
date_format_time(struct ymd d, int minutes, char out[17])
{
	char *o = out + 10;

	if (minutes < 0 || minutes >= 24 * 60)
		minutes = 0;
	date_format(d, out);
	*o++ = ' ';
	o = put_digits(o, minutes / 60, 2);
	*o++ = ':';
	o = put_digits(o, minutes % 60, 2);
	*o = '\0';
}

void
date_now(struct ymd *day, int *minutes)
{
	const char *fixed = getenv("HEARTH_NOW");
	time_t t = time(NULL);
	struct tm tm;

	/* Tests set the clock with faketime, or with HEARTH_NOW where
	 * faketime cannot work (under AddressSanitizer its preload comes too
	 * late). */
	if (fixed != NULL && *fixed != '\0' &&
	    date_parse_time(fixed, day, minutes))
		return;
	if (localtime_r(&t, &tm) == NULL) {
		/* Only on a clock beyond what struct tm holds: say the epoch
		 * rather than hand back uninitialised fields. */
		day->y = 1970;
		day->m = 1;
		day->d = 1;
		*minutes = 0;
		return;
	}
	day->y = tm.tm_year + 1900;
	day->m = tm.tm_mon + 1;
	day->d = tm.tm_mday;
	*minutes = tm.tm_hour * 60 + tm.tm_min;
}

struct ymd
date_today(void)
{
	struct ymd d;
	int minutes;

	date_now(&d, &minutes);
	return d;
}

int
date_age_months(struct ymd birth, struct ymd on)
{
	int months;

	if (date_to_days(on) < date_to_days(birth))
		return -1;
	months = (on.y - birth.y) * 12 + (on.m - birth.m);
	/* The month is not complete before its day; a month too short to
	 * have that day completes on its last day. */
	if (on.d < birth.d && on.d < date_days_in_month(on.y, on.m))
		months--;
	return months;
}

int
date_age(struct ymd birth, struct ymd on)
{
	int months = date_age_months(birth, on);

	return months < 0 ? -1 : months / 12;
}
