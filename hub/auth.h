/* auth.h: hub tokens.
 *
 * A token is 32 random bytes from libsodium, shown once as 64 lowercase
 * hex digits (base64url could start with '-' and pass for an option on a
 * command line; hex is safe in a file, a header and a shell).  The hub
 * keeps only its BLAKE2b-256 hash (crypto_generichash): 256 random bits
 * need no salt or slow hash, and a stolen database yields no usable token.
 * A request names its token as `Authorization: Bearer TOKEN`; the hash is
 * looked up by index and the stored hash compared again with sodium_memcmp.
 * Call sodium_init() before any of these. */
#ifndef HEARTH_HUB_AUTH_H
#define HEARTH_HUB_AUTH_H

#include <stddef.h>

#include "hub/store.h"

#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_TEXT (2 * AUTH_TOKEN_BYTES + 1)	/* hex and NUL */

/* A new token in TEXT and its hash in HASH. */
void auth_token_new(char text[AUTH_TOKEN_TEXT],
    unsigned char hash[STORE_HASH_LEN]);

/* The hash of token TEXT (of LEN bytes). */
void auth_token_hash(const char *text, size_t len,
    unsigned char hash[STORE_HASH_LEN]);

/* Who presents the Authorization header value HEADER (NULL when absent):
 * 1 and *WHO filled, 0 for a missing, malformed or unknown token, -1 and
 * *CAUSE when the store failed. */
int auth_check(struct store *st, const char *header,
    struct store_principal *who, char **cause);

#endif
