/* json.h: the little JSON that NDJSON exports need, written to a FILE *.
 *
 * One object per line, members in the order written.  Strings are escaped
 * as RFC 8259 asks (quote, backslash, controls as \u00XX or their short
 * forms) plus U+2028/U+2029 for JavaScript readers; valid UTF-8 passes
 * through and each malformed byte becomes U+FFFD, so the output is always
 * valid UTF-8 JSON whatever a station sent.  Write errors are sticky:
 * json_obj_end() reports whether anything of the object failed. */
#ifndef HEARTH_JSON_H
#define HEARTH_JSON_H

#include <stdbool.h>
#include <stdio.h>

/* An object being written; it knows whether a comma is due. */
struct json_obj {
	FILE *f;
	int members;
};

/* Write S as a JSON string, quotes included.  Returns 0, or -1 on a write
 * error. */
int json_write_string(FILE *f, const char *s);

/* Start an object on F.  Then add members, then end it. */
void json_obj_begin(struct json_obj *o, FILE *f);
void json_obj_str(struct json_obj *o, const char *key, const char *val);
				/* VAL NULL writes null */
void json_obj_int(struct json_obj *o, const char *key, long long val);
void json_obj_bool(struct json_obj *o, const char *key, bool val);

/* Close the object and end the line.  Returns 0, or -1 if any write to
 * the stream has failed. */
int json_obj_end(struct json_obj *o);

#endif
