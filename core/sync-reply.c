/* sync-reply.c: a strict reader for one flat JSON object. */
#include "core/sync-reply.h"

#include <string.h>

struct cursor {
	const char *p, *end;
};

static void
skip_ws(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
	    *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* A string into OUT (truncated to LEN - 1 bytes; NUL-terminated). */
static int
read_string(struct cursor *c, char *out, size_t len)
{
	size_t n = 0;
	char ch;
	int i, v, cp;

	if (c->p >= c->end || *c->p != '"')
		return -1;
	c->p++;
	while (c->p < c->end && *c->p != '"') {
		ch = *c->p++;
		if ((unsigned char)ch < 0x20)
			return -1;
		if (ch == '\\') {
			if (c->p >= c->end)
				return -1;
			switch ((ch = *c->p++)) {
			case '"': case '\\': case '/': break;
			case 'b': ch = '\b'; break;
			case 'f': ch = '\f'; break;
			case 'n': ch = '\n'; break;
			case 'r': ch = '\r'; break;
			case 't': ch = '\t'; break;
			case 'u':
				if (c->end - c->p < 4)
					return -1;
				for (cp = 0, i = 0; i < 4; i++) {
					if ((v = hexval(*c->p++)) < 0)
						return -1;
					cp = cp * 16 + v;
				}
				/* Only what our hub writes (controls);
				 * anything else becomes '?'. */
				ch = cp > 0 && cp < 0x80 ? (char)cp : '?';
				break;
			default:
				return -1;
			}
		}
		if (n + 1 < len)
			out[n++] = ch;
	}
	if (c->p >= c->end)
		return -1;	/* cut off inside the string */
	c->p++;
	if (len > 0)
		out[n] = '\0';
	return 0;
}

/* A value: its text into OUT (strings unquoted, "" for null); *NUM and
 * *IS_NUM for a non-negative integer. */
static int
read_value(struct cursor *c, char *out, size_t len, uint64_t *num,
    bool *is_num)
{
	static const char *const words[] = { "null", "true", "false" };
	size_t i, w;

	*is_num = false;
	out[0] = '\0';
	if (c->p < c->end && *c->p == '"')
		return read_string(c, out, len);
	if (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		*num = 0;
		for (i = 0; c->p < c->end && *c->p >= '0' && *c->p <= '9';
		    i++, c->p++) {
			if (i >= 19)
				return -1;
			*num = *num * 10 + (uint64_t)(*c->p - '0');
		}
		*is_num = true;
		return 0;
	}
	for (i = 0; i < 3; i++) {
		w = strlen(words[i]);
		if ((size_t)(c->end - c->p) >= w &&
		    memcmp(c->p, words[i], w) == 0) {
			c->p += w;
			return 0;
		}
	}
	return -1;
}

static void
copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int
sync_reply_parse(const char *body, size_t len, struct sync_reply *out)
{
	struct cursor c = { body, body + len };
	char key[32], val[256];
	uint64_t num = 0;
	bool is_num;

	memset(out, 0, sizeof *out);
	skip_ws(&c);
	if (c.p >= c.end || *c.p++ != '{')
		return -1;
	skip_ws(&c);
	if (c.p < c.end && *c.p == '}')
		c.p++;
	else
		for (;;) {
			skip_ws(&c);
			if (read_string(&c, key, sizeof key) != 0)
				return -1;
			skip_ws(&c);
			if (c.p >= c.end || *c.p++ != ':')
				return -1;
			skip_ws(&c);
			if (read_value(&c, val, sizeof val, &num, &is_num) != 0)
				return -1;
			if (strcmp(key, "station") == 0)
				copy(out->station, sizeof out->station, val);
			else if (strcmp(key, "stored") == 0)
				copy(out->stored, sizeof out->stored, val);
			else if (strcmp(key, "error") == 0)
				copy(out->error, sizeof out->error, val);
			else if (strcmp(key, "batch") == 0 && is_num) {
				out->has_batch = true;
				out->batch = num;
			} else if (strcmp(key, "records") == 0 && is_num)
				out->records = num;
			else if (strcmp(key, "seq") == 0 && is_num) {
				out->has_seq = true;
				out->seq = num;
			}
			skip_ws(&c);
			if (c.p < c.end && *c.p == ',') {
				c.p++;
				continue;
			}
			if (c.p < c.end && *c.p == '}') {
				c.p++;
				break;
			}
			return -1;
		}
	skip_ws(&c);
	return c.p == c.end ? 0 : -1;
}
