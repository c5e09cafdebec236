/* json.c: JSON string escaping and a one-line object writer. */
#include "core/json.h"

#include <stdint.h>
#include <string.h>

#include "core/utf8.h"

int
json_write_string(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(s), n;
	uint32_t cp;

	putc('"', f);
	while (len > 0) {
		n = utf8_decode(s, len, &cp);
		if (n == 0) {
			fputs("\xEF\xBF\xBD", f);	/* U+FFFD */
			s++;
			len--;
			continue;
		}
		switch (cp) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case 0x2028:
			fputs("\\u2028", f);
			break;
		case 0x2029:
			fputs("\\u2029", f);
			break;
		default:
			if (cp < 0x20) {
				fputs("\\u00", f);
				putc(hex[cp >> 4], f);
				putc(hex[cp & 0xF], f);
			} else
				fwrite(s, 1, n, f);
		}
		s += n;
		len -= n;
	}
	putc('"', f);
	return ferror(f) ? -1 : 0;
}

void
json_obj_begin(struct json_obj *o, FILE *f)
{
	o->f = f;
	o->members = 0;
	putc('{', f);
}

/* The separator and the key of the next member. */
static void
obj_key(struct json_obj *o, const char *key)
{
	if (o->members++ > 0)
		putc(',', o->f);
	json_write_string(o->f, key);
	putc(':', o->f);
}

void
json_obj_str(struct json_obj *o, const char *key, const char *val)
{
	obj_key(o, key);
	if (val == NULL)
		fputs("null", o->f);
	else
		json_write_string(o->f, val);
}

void
json_obj_int(struct json_obj *o, const char *key, long long val)
{
	obj_key(o, key);
	fprintf(o->f, "%lld", val);
}

void
json_obj_bool(struct json_obj *o, const char *key, bool val)
{
	obj_key(o, key);
	fputs(val ? "true" : "false", o->f);
}

int
json_obj_end(struct json_obj *o)
{
	fputs("}\n", o->f);
	return ferror(o->f) ? -1 : 0;
}
