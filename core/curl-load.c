/* curl-load.c: libcurl through dlopen (curl-load.h). */
#include "config.h"

#include "core/curl-load.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/i18n.h"

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

static struct curl_api api;
static void *lib;

/* SYM's address into *SLOT; false when the library lacks it. */
static bool
bind_sym(void **slot, const char *sym)
{
	return (*slot = dlsym(lib, sym)) != NULL;
}

const struct curl_api *
curl_load(char **cause)
{
	/* The names and where each goes, in struct curl_api's order.  A
	 * function pointer is stored through a void ** slot: POSIX
	 * guarantees dlsym's object pointer converts to one. */
	static const struct {
		const char *sym;
		size_t off;
	} syms[] = {
		{ "curl_global_init", offsetof(struct curl_api, global_init) },
		{ "curl_global_cleanup",
		    offsetof(struct curl_api, global_cleanup) },
		{ "curl_easy_init", offsetof(struct curl_api, easy_init) },
		{ "curl_easy_setopt", offsetof(struct curl_api, easy_setopt) },
		{ "curl_easy_perform", offsetof(struct curl_api, easy_perform) },
		{ "curl_easy_getinfo", offsetof(struct curl_api, easy_getinfo) },
		{ "curl_easy_strerror",
		    offsetof(struct curl_api, easy_strerror) },
		{ "curl_easy_cleanup", offsetof(struct curl_api, easy_cleanup) },
		{ "curl_slist_append", offsetof(struct curl_api, slist_append) },
		{ "curl_slist_free_all",
		    offsetof(struct curl_api, slist_free_all) },
	};
	static const char *const sonames[] = {
		CURL_SONAME, "libcurl.so.4", "libcurl-gnutls.so.4",
	};
	size_t i;

	if (lib != NULL)
		return &api;
	for (i = 0; lib == NULL && i < sizeof sonames / sizeof sonames[0];
	    i++)
		lib = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		err_set(cause, _("cannot load %s, which hearth sync needs "
		    "(%s); install the libcurl4 package"), CURL_SONAME,
		    dlerror());
		return NULL;
	}
	for (i = 0; i < sizeof syms / sizeof syms[0]; i++)
		if (!bind_sym((void **)((char *)&api + syms[i].off),
		    syms[i].sym)) {
			err_set(cause, _("%s lacks %s"), CURL_SONAME,
			    syms[i].sym);
			dlclose(lib);
			lib = NULL;
			return NULL;
		}
	return &api;
}
