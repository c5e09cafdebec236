/* date.h: calendar dates and local wall-clock times, as stored and shown.
 *
 * Dates are "YYYY-MM-DD", times "YYYY-MM-DD HH:MM", both the station's local
 * wall clock (SPEC: China Standard Time, no offset written).  Arithmetic is
 * done on day numbers (days since 1970-01-01, proleptic Gregorian) so month
 * edges and leap years have one implementation. */
#ifndef HEARTH_DATE_H
#define HEARTH_DATE_H

#include <stdbool.h>
#include <time.h>

struct ymd {
	int y, m, d;
};

/* Leap year by the Gregorian rule. */
bool date_is_leap(int y);

/* Days in month M (1..12) of year Y; 0 for a bad month. */
int date_days_in_month(int y, int m);

/* True if Y-M-D is a real calendar date in 1900..9999. */
bool date_valid(struct ymd d);

/* Same calendar day (both unset counts as the same). */
bool date_equal(struct ymd a, struct ymd b);

/* Day number of D (days since 1970-01-01; negative before). */
long date_to_days(struct ymd d);
struct ymd date_from_days(long days);

/* ISO weekday of D: 1 = Monday .. 7 = Sunday. */
int date_weekday(struct ymd d);

/* Parse "YYYY-MM-DD" (also accepts "YYYY/MM/DD" and "YYYYMMDD", the forms
 * Excel/WPS produce; with '-' or '/' the month and day may have one digit,
 * "2024/3/5", as Excel's Chinese short date writes them, but both separators
 * must be the same).  No surrounding spaces.  False on anything else or a
 * date that does not exist (2023-02-29). */
bool date_parse(const char *s, struct ymd *out);

/* Parse "YYYY-MM" (month) into *Y, *M. */
bool date_parse_month(const char *s, int *y, int *m);

/* Parse a time "YYYY-MM-DD HH:MM" (seconds ":SS" accepted and dropped; a
 * bare date means 00:00; "T" accepted for the space; the date part takes
 * every form date_parse() takes and the hour may have one digit, so Excel's
 * "2024/3/5 9:30" is read).  *MINUTES gets minutes after midnight. */
bool date_parse_time(const char *s, struct ymd *day, int *minutes);

/* Format as "YYYY-MM-DD" into OUT (11 bytes). */
void date_format(struct ymd d, char out[11]);

/* Format as "YYYY-MM-DD HH:MM" into OUT (17 bytes). */
void date_format_time(struct ymd d, int minutes, char out[17]);

/* Today / now on the local wall clock, from the system clock (so faketime
 * drives tests), or from $HEARTH_NOW ("YYYY-MM-DD HH:MM") when it is set —
 * for tests under AddressSanitizer, where faketime cannot hook in. */
struct ymd date_today(void);
void date_now(struct ymd *day, int *minutes);

/* Whole months between BIRTH and ON (for children's age in months).  A
 * month is complete on the same day of a later month or, when that month has
 * no such day, on its last day (Civil Code art. 202): born Jan 31, one month
 * old on Feb 28 of a common year and on Feb 29 of a leap year.  -1 if ON is
 * before BIRTH. */
int date_age_months(struct ymd birth, struct ymd on);

/* Whole years between BIRTH and ON (age on that day), by the same rule:
 * born Feb 29, a year older on Feb 28 of a common year.  -1 if ON is before
 * BIRTH. */
int date_age(struct ymd birth, struct ymd on);

#endif
