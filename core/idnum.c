/* idnum.c: GB 11643-1999 citizen identity numbers. */
#include "core/idnum.h"

#include <string.h>

#include "core/i18n.h"

#define IDNUM_LEN 18

bool
idnum_province_valid(const char *s)
{
	/* GB/T 2260 province-level codes; 71 Taiwan, 81/82 Hong Kong and
	 * Macao, 83 Taiwan and 91 are used by residence permits and
	 * foreigners' permanent residence IDs. */
	static const char *const codes =
	    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
	    "50 51 52 53 54 61 62 63 64 65 71 81 82 83 91 ";
	const char *p;

	if (s == NULL || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	for (p = codes; *p != '\0'; p += 3)
		if (p[0] == s[0] && p[1] == s[1])
			return true;
	return false;
}

char
idnum_check_digit(const char *first17)
{
	static const int weight[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	static const char map[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return '\0';
		sum += (first17[i] - '0') * weight[i];
	}
	return map[sum % 11];
}

static bool
is_trim_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
digits_value(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

enum idnum_error
idnum_parse(const char *s, struct ymd today, struct idnum_info *out)
{
	static const struct ymd oldest = { 1890, 1, 1 };
	struct idnum_info info;
	struct ymd birth;
	size_t len, i;
	char c;

	if (s == NULL)
		return IDNUM_EMPTY;
	while (is_trim_space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_trim_space(s[len - 1]))
		len--;
	if (len == 0)
		return IDNUM_EMPTY;

	/* Characters before length: "11010519491231002" typed with a letter
	 * or a full-width digit is better told as a wrong character. */
	for (i = 0; i < len; i++) {
		c = s[i];
		if (c >= '0' && c <= '9')
			continue;
		if ((c == 'X' || c == 'x') && i == len - 1)
			continue;
		return IDNUM_CHARS;
	}
	if (len != IDNUM_LEN)
		return IDNUM_LENGTH;

	memcpy(info.number, s, IDNUM_LEN);
	info.number[IDNUM_LEN] = '\0';
	if (info.number[17] == 'x')
		info.number[17] = 'X';
	if (!idnum_province_valid(info.number))
		return IDNUM_REGION;

	birth.y = digits_value(info.number + 6, 4);
	birth.m = digits_value(info.number + 10, 2);
	birth.d = digits_value(info.number + 12, 2);
	/* date_valid() stops at 1900; the ID allows older people. */
	if (birth.d < 1 || birth.d > date_days_in_month(birth.y, birth.m))
		return IDNUM_BIRTH_INVALID;
	if (date_to_days(birth) > date_to_days(today))
		return IDNUM_BIRTH_FUTURE;
	if (date_to_days(birth) < date_to_days(oldest))
		return IDNUM_BIRTH_TOO_OLD;

	if (idnum_check_digit(info.number) != info.number[17])
		return IDNUM_CHECK_DIGIT;

	if (out != NULL) {
		memcpy(info.region, info.number, 6);
		info.region[6] = '\0';
		info.birth = birth;
		info.sex = (info.number[16] - '0') % 2 ? 'M' : 'F';
		*out = info;
	}
	return IDNUM_OK;
}

const char *
idnum_strerror(enum idnum_error e)
{
	switch (e) {
	case IDNUM_OK:
		return _("the ID number is valid");
	case IDNUM_EMPTY:
		return _("please enter the ID number");
	case IDNUM_LENGTH:
		return _("the ID number must have 18 characters "
		    "(old 15-digit numbers are no longer accepted)");
	case IDNUM_CHARS:
		return _("the ID number may contain only the digits 0-9, "
		    "and X as the last character");
	case IDNUM_REGION:
		return _("the first two digits of the ID number are not "
		    "a province code: please check them");
	case IDNUM_BIRTH_INVALID:
		return _("the birth date in the ID number (digits 7 to 14) "
		    "is not a real date: please check them");
	case IDNUM_BIRTH_FUTURE:
		return _("the birth date in the ID number (digits 7 to 14) "
		    "is after today: please check them");
	case IDNUM_BIRTH_TOO_OLD:
		return _("the birth date in the ID number (digits 7 to 14) "
		    "is before 1890: please check them");
	case IDNUM_CHECK_DIGIT:
		return _("the last character of the ID number does not match "
		    "(check digit wrong): please check each digit");
	}
	return _("the ID number is not valid");
}
