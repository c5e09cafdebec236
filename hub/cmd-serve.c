/* cmd-serve.c: hearth-hub serve --listen ADDR:PORT — run until SIGTERM. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub/http.h"
#include "hub/hub.h"
#include "hub/store.h"

/* BYTES, or a number with K or M (binary), from 1 KiB to 1 GiB. */
static int
size_parse(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno != 0 || v > (1ull << 30))
		return -1;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	if (*end != '\0' || v < 1024 || v > (1ull << 30))
		return -1;
	*out = (size_t)v;
	return 0;
}

static int
cmd_serve_run(int argc, char **argv, const char *db_path)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "max-body", required_argument, NULL, 'b' },
		{ "max-payload", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct http_limits lim;
	struct http_server *srv;
	struct store *st;
	const char *listen = NULL;
	char *cause = NULL;
	sigset_t set;
	int c, sig;

	http_limits_default(&lim);
	while ((c = hub_getopt(argc, argv, longopts, &hub_cmd_serve)) !=
	    HUB_OPT_END) {
		if (c < 0)
			return hub_opt_exit(c);
		if (c == 'l')
			listen = optarg;
		else if ((c == 'b' || c == 'p') && size_parse(optarg,
		    c == 'b' ? &lim.max_body : &lim.max_payload) != 0)
			return hub_usage(&hub_cmd_serve, "%s: give bytes from "
			    "1K to 1024M", argv[optind - 1]);
	}
	if (optind != argc)
		return hub_usage(&hub_cmd_serve, "serve takes no arguments");
	if (listen == NULL)
		return hub_usage(&hub_cmd_serve, "--listen ADDR:PORT is needed");

	/* Signals are taken by sigwait below, not by handlers: libmicrohttpd's
	 * thread inherits this mask, so a SIGTERM never lands mid-request. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((st = store_open(db_path, false, &cause)) == NULL)
		return hub_fail(cause);
	if ((srv = http_start(st, listen, &lim, &cause)) == NULL) {
		store_close(st);
		return hub_fail(cause);
	}
	/* The port too: with port 0 (tests) it is the only way to know. */
	fprintf(stderr, "hearth-hub: serving %s on %s (port %u)\n", db_path,
	    listen, http_port(srv));
	fflush(stderr);
	do
		sig = 0;
	while (sigwait(&set, &sig) != 0);
	fprintf(stderr, "hearth-hub: %s, stopping\n", strsignal(sig));
	http_stop(srv);
	store_close(st);
	return HUB_EXIT_OK;
}

const struct hub_cmd hub_cmd_serve = {
	"serve", "[--db PATH] serve --listen ADDR:PORT [--max-body SIZE] "
	    "[--max-payload SIZE]",
	"Serves the HTTP API (doc/hub.md) until SIGTERM or SIGINT:\n"
	"  --listen ADDR:PORT   e.g. 127.0.0.1:8080 behind a TLS proxy,\n"
	"                       [::]:8080 on every address; port 0 picks one\n"
	"  --max-body SIZE      largest upload as sent (default 8M)\n"
	"  --max-payload SIZE   largest upload decompressed (default 64M)\n"
	"A request log goes to stderr (the journal under systemd).\n",
	cmd_serve_run,
};
