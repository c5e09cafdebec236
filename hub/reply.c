/* reply.c: JSON bodies for hearth-hub, written with core/json.c. */
#define _GNU_SOURCE		/* vasprintf */
#include "hub/reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/json.h"

/* Open a memory stream and an object on it. */
static FILE *
reply_begin(struct json_obj *o, char **buf, size_t *len)
{
	FILE *f;

	*buf = NULL;
	if ((f = open_memstream(buf, len)) != NULL)
		json_obj_begin(o, f);
	return f;
}

static char *
reply_end(struct json_obj *o, FILE *f, char *const *buf)
{
	int rc = json_obj_end(o);

	if (fclose(f) != 0 || rc != 0) {
		free(*buf);
		return NULL;
	}
	return *buf;
}

char *
reply_error(const char *fmt, ...)
{
	struct json_obj o;
	char *buf, *msg;
	size_t len;
	va_list ap;
	FILE *f;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((f = reply_begin(&o, &buf, &len)) == NULL) {
		free(msg);
		return NULL;
	}
	json_obj_str(&o, "error", msg);
	free(msg);
	return reply_end(&o, f, &buf);
}

char *
reply_ack(const char *station, uint64_t batch_no, uint32_t records,
    bool duplicate, const char *received_at)
{
	struct json_obj o;
	char *buf;
	size_t len;
	FILE *f;

	if ((f = reply_begin(&o, &buf, &len)) == NULL)
		return NULL;
	json_obj_str(&o, "station", station);
	json_obj_int(&o, "batch", (long long)batch_no);
	json_obj_int(&o, "records", records);
	json_obj_str(&o, "stored", duplicate ? "duplicate" : "new");
	json_obj_str(&o, "received_at", received_at);
	return reply_end(&o, f, &buf);
}

char *
reply_high_water(const char *station, uint64_t batch_no, uint64_t max_seq)
{
	struct json_obj o;
	char *buf;
	size_t len;
	FILE *f;

	if ((f = reply_begin(&o, &buf, &len)) == NULL)
		return NULL;
	json_obj_str(&o, "station", station);
	json_obj_int(&o, "batch", (long long)batch_no);
	json_obj_int(&o, "seq", (long long)max_seq);
	return reply_end(&o, f, &buf);
}

char *
reply_ok(void)
{
	struct json_obj o;
	char *buf;
	size_t len;
	FILE *f;

	if ((f = reply_begin(&o, &buf, &len)) == NULL)
		return NULL;
	json_obj_str(&o, "status", "ok");
	return reply_end(&o, f, &buf);
}

char *
reply_roster_counts(size_t inserted, size_t updated, size_t unchanged,
    bool dry_run)
{
	struct json_obj o;
	char *buf;
	size_t len;
	FILE *f;

	if ((f = reply_begin(&o, &buf, &len)) == NULL)
		return NULL;
	json_obj_int(&o, "inserted", (long long)inserted);
	json_obj_int(&o, "updated", (long long)updated);
	json_obj_int(&o, "unchanged", (long long)unchanged);
	json_obj_bool(&o, "dry_run", dry_run);
	return reply_end(&o, f, &buf);
}

char *
reply_rejected(size_t total, const struct reply_reject *rows, size_t n)
{
	char *buf = NULL, msg[64];
	size_t len, i;
	FILE *f;
	int bad;

	/* An array of objects: more than json_obj does, written here. */
	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	snprintf(msg, sizeof msg, "%zu %s rejected", total,
	    total == 1 ? "row" : "rows");
	fputs("{\"error\":", f);
	json_write_string(f, msg);
	fputs(",\"rejected\":[", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s{\"line\":%zu,\"reason\":", i > 0 ? "," : "",
		    rows[i].line);
		json_write_string(f, rows[i].reason);
		putc('}', f);
	}
	fputs("]}\n", f);
	bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		free(buf);
		return NULL;
	}
	return buf;
}
