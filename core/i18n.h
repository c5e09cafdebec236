/* i18n.h: gettext wrappers shared by every module.
 *
 * Strings shown to people are wrapped with _() at the source; strings that
 * must be translated later (tables of labels) with N_().  The language is
 * hearth's own setting (zh_CN by default), not only $LANG: i18n_init()
 * makes gettext honour it even where the machine has only C.UTF-8. */
#ifndef HEARTH_I18N_H
#define HEARTH_I18N_H

#include <libintl.h>

#define _(s) dgettext("hearth", s)
#define N_(s) (s)
/* S in context CTX (msgctxt): one English word that needs other Chinese
 * in another place ("children" of a roster, 婴幼儿, against the children
 * of a guidance session, 参加儿童).  xgettext --keyword=C_:1c,2. */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* gettext's lookup of KEY ("context\004msgid"), or S when untranslated. */
const char *i18n_pgettext(const char *key, const char *s);

/* Select LANG_CODE ("zh_CN" or "en"; NULL means zh_CN) for messages.
 * Call after setlocale(LC_ALL, "").  Returns 0, or -1 for an unknown code. */
int i18n_init(const char *lang_code);

/* The language in force: "zh_CN" or "en". */
const char *i18n_lang(void);

#endif
