/* err.c: printf-style messages in malloc'd memory. */
#define _GNU_SOURCE
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static char *
err_vfmt(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;	/* the contents of s are undefined then */
	return s;
}

char *
err_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = err_vfmt(fmt, ap);
	va_end(ap);
	return s;
}

void
err_set(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	*cause = err_vfmt(fmt, ap);
	va_end(ap);
}
