/* i18n.c: make gettext speak hearth's language, whatever $LANG says.
 *
 * glibc's gettext ignores $LANGUAGE only in the plain "C" locale, so the
 * caller's setlocale(LC_ALL, "") must land on a UTF-8 locale (C.UTF-8 is
 * enough, and every Debian box has it); i18n_init() then points LANGUAGE at
 * the station's language.  The catalogue is looked up in LOCALEDIR, or,
 * when hearth runs from its build tree, in locale/ beside the binary. */
#include "config.h"

#include "core/i18n.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *current_lang = "zh_CN";

/* Is there a compiled catalogue for LANG under DIR? */
static int
catalog_exists(const char *dir, const char *lang)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir,
	    lang, PACKAGE) >= sizeof path)
		return 0;
	return access(path, R_OK) == 0;
}

/* The locale directory: $HEARTH_LOCALEDIR, the installed one, or the
 * build tree's (the directory of /proc/self/exe + "/locale"). */
static const char *
locale_dir(const char *lang, char *buf, size_t len)
{
	const char *env = getenv("HEARTH_LOCALEDIR");
	ssize_t n;
	char *slash;

	if (env != NULL && *env != '\0')
		return env;
	if (catalog_exists(LOCALEDIR, lang))
		return LOCALEDIR;
	n = readlink("/proc/self/exe", buf, len - 1);
	if (n > 0) {
		buf[n] = '\0';
		if ((slash = strrchr(buf, '/')) != NULL) {
			*slash = '\0';
			if (strlen(buf) + sizeof "/locale" <= len) {
				strcat(buf, "/locale");
				if (catalog_exists(buf, lang))
					return buf;
			}
		}
	}
	return LOCALEDIR;
}

int
i18n_init(const char *lang_code)
{
	char buf[PATH_MAX];
	const char *codeset;

	if (lang_code == NULL || *lang_code == '\0')
		lang_code = "zh_CN";
	if (strcmp(lang_code, "zh_CN") != 0 && strcmp(lang_code, "zh") != 0 &&
	    strcmp(lang_code, "en") != 0)
		return -1;
	current_lang = lang_code[0] == 'z' ? "zh_CN" : "en";

	/* Chinese needs UTF-8: fall back to C.UTF-8 when the caller's
	 * locale is plain C or another charset. */
	codeset = nl_langinfo(CODESET);
	if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) {
		if (setlocale(LC_ALL, "C.UTF-8") == NULL)
			setlocale(LC_ALL, "C.utf8");
	}
	setenv("LANGUAGE", current_lang, 1);
	bindtextdomain(PACKAGE, locale_dir(current_lang, buf, sizeof buf));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return 0;
}

const char *
i18n_lang(void)
{
	return current_lang;
}

const char *
i18n_pgettext(const char *key, const char *s)
{
	const char *t = dgettext("hearth", key);

	/* dgettext gives its argument back when there is no translation. */
	return t == key ? s : t;
}
