/* person.h: checks shared by the registers of people (elders, children).
 *
 * Both hold an ID number that decides birth date and gender, and dates
 * that cannot come before the birth or after today; one implementation
 * keeps their messages and rules the same. */
#ifndef HEARTH_PERSON_H
#define HEARTH_PERSON_H

#include "core/date.h"

/* Check ID_NUMBER (canonicalised in place: upper-case X) and reconcile it
 * with *GENDER (a CH_GENDER index, -1 = not given) and *BIRTH (y == 0 =
 * not given): a value given as well must agree, or one of the two was
 * mistyped.  On success both are set from the number.  -1 and *CAUSE. */
int person_check_id(char id_number[19], int *gender, struct ymd *birth,
    struct ymd today, char **cause);

/* ID_NUMBER as it is stored, to look it up: trimmed, a final x upper
 * case.  Malloc'd; NULL when out of memory. */
char *person_id_key(const char *id_number);

/* A date field LABEL: valid, not before BIRTH, not after TODAY. */
int person_check_date(const char *label, struct ymd d, struct ymd birth,
    struct ymd today, char **cause);

#endif
