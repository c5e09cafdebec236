/* auth.c: hub tokens (see auth.h). */
#include "hub/auth.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

/* Longer than any token this hub makes: a header is not hashed whole
 * just because a client sent megabytes of it (MHD caps headers anyway). */
#define AUTH_TEXT_MAX 256

void
auth_token_new(char text[AUTH_TOKEN_TEXT], unsigned char hash[STORE_HASH_LEN])
{
	unsigned char raw[AUTH_TOKEN_BYTES];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(text, AUTH_TOKEN_TEXT, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	auth_token_hash(text, strlen(text), hash);
}

void
auth_token_hash(const char *text, size_t len,
    unsigned char hash[STORE_HASH_LEN])
{
	crypto_generichash(hash, STORE_HASH_LEN, (const unsigned char *)text,
	    len, NULL, 0);
}

int
auth_check(struct store *st, const char *header, struct store_principal *who,
    char **cause)
{
	unsigned char hash[STORE_HASH_LEN];
	const char *tok;
	size_t len;
	int rc;

	if (header == NULL || strncasecmp(header, "Bearer ", 7) != 0)
		return 0;
	for (tok = header + 7; *tok == ' '; tok++)
		;
	len = strcspn(tok, " \t\r\n");
	if (len == 0 || len > AUTH_TEXT_MAX || tok[len + strspn(tok + len,
	    " \t")] != '\0')
		return 0;
	auth_token_hash(tok, len, hash);
	if ((rc = store_principal_find(st, hash, who, cause)) != 1)
		return rc;
	return sodium_memcmp(hash, who->hash, STORE_HASH_LEN) == 0 ? 1 : 0;
}
