/* curl-load.h: libcurl, loaded when a sync needs it rather than linked.
 *
 * Linking libcurl maps it and what it depends on (OpenSSL, GnuTLS, Kerberos,
 * LDAP, ...) into every hearth process: about 5 MB more resident at the
 * first frame of the screens, which never talk to the hub, on a 256 MB
 * kiosk and in every SSH session of a station server.  So only
 * `hearth sync` loads it, with dlopen(3), the first time it makes a
 * connection; configure still finds libcurl with pkg-config (its headers,
 * and the soname the build would have linked: CURL_SONAME).  The
 * functions are the few core/sync-http.c calls, with libcurl's own
 * signatures. */
#ifndef HEARTH_CURL_LOAD_H
#define HEARTH_CURL_LOAD_H

#include <curl/curl.h>

struct curl_api {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *curl);
	CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
	const char *(*easy_strerror)(CURLcode code);
	void (*easy_cleanup)(CURL *curl);
	struct curl_slist *(*slist_append)(struct curl_slist *list,
	    const char *s);
	void (*slist_free_all)(struct curl_slist *list);
};

/* libcurl's functions, loaded once (and kept for the process's life):
 * NULL and *CAUSE, naming the library, when it cannot be loaded. */
const struct curl_api *curl_load(char **cause);

#endif
