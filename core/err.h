/* err.h: messages for the char **cause convention.
 *
 * A callee that fails sets *cause to a malloc'd, translated message (format
 * strings wrapped with _() at the call) and returns -1/false/NULL; the
 * caller shows it and frees it.  Both functions format like printf. */
#ifndef HEARTH_ERR_H
#define HEARTH_ERR_H

/* The formatted message in malloc'd memory.  NULL only when out of memory. */
char *err_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* If CAUSE is not NULL, set *CAUSE to err_fmt(FMT, ...), overwriting (not
 * freeing) what was there; *CAUSE is NULL only when out of memory. */
void err_set(char **cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
