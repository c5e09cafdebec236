/* person.c: ID number and date checks for elders and children. */
#include "core/person.h"

#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/idnum.h"
#include "core/labels.h"
#include "core/validate.h"

int
person_check_id(char id_number[19], int *gender, struct ymd *birth,
    struct ymd today, char **cause)
{
	struct idnum_info info;
	enum idnum_error ie;
	char given[11], derived[11];
	int sex;

	if ((ie = idnum_parse(id_number, today, &info)) != IDNUM_OK) {
		err_set(cause, _("%s: %s"), _("ID number"), idnum_strerror(ie));
		return -1;
	}
	memcpy(id_number, info.number, sizeof info.number);
	sex = info.sex == 'M' ? GENDER_MALE : GENDER_FEMALE;
	if (*gender != -1 && *gender != sex) {
		if (!choice_valid(CH_GENDER, *gender))
			err_set(cause, _("%s: not one of the choices"),
			    _("gender"));
		else
			err_set(cause, _("%s: the ID number says %s, not %s; "
			    "check both"), _("gender"),
			    choice_display(CH_GENDER, sex),
			    choice_display(CH_GENDER, *gender));
		return -1;
	}
	if (birth->y != 0 && !date_equal(*birth, info.birth)) {
		date_format(info.birth, derived);
		date_format(*birth, given);
		err_set(cause, _("%s: the ID number says %s, not %s; check both"),
		    _("birth date"), derived, given);
		return -1;
	}
	*gender = sex;
	*birth = info.birth;
	return 0;
}

int
person_check_date(const char *label, struct ymd d, struct ymd birth,
    struct ymd today, char **cause)
{
	if (!date_valid(d)) {
		err_set(cause, _("%s: not a valid date"), label);
		return -1;
	}
	if (date_to_days(d) < date_to_days(birth)) {
		err_set(cause, _("%s: before the birth date"), label);
		return -1;
	}
	if (date_to_days(d) > date_to_days(today)) {
		err_set(cause, _("%s: in the future"), label);
		return -1;
	}
	return 0;
}

char *
person_id_key(const char *id_number)
{
	char *key;
	size_t len;

	if ((key = validate_trim(id_number)) != NULL &&
	    (len = strlen(key)) > 0 && key[len - 1] == 'x')
		key[len - 1] = 'X';
	return key;
}
