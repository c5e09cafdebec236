/* faultproxy.c: a fault-injecting HTTP/1.1 proxy for the sync tests.
 *
 *   faultproxy --upstream HUBPORT [--listen PORT] [--faults LIST]
 *       [--seed N --rate R] [--path PREFIX] [--max-seconds N] [--log FILE]
 *
 * Listens on 127.0.0.1:PORT (0, the default: a port the kernel picks) and
 * prints the port as the first line of stdout; forwards every request to
 * 127.0.0.1:HUBPORT with one fault applied, so the station's "exactly once"
 * can be tested against what a village link really does:
 *
 *   ok              forward, return the reply
 *   drop-upload     forward the headers and half the body, then close both
 *                   sides (the hub sees a broken body, the station a reset)
 *   lose-ack        forward all, read the hub's whole reply, close the
 *                   station's connection without sending it
 *   truncate-reply  send the first half of the reply, then close
 *   duplicate       send the request to the hub twice (one after the
 *                   other), return the second reply
 *   stall[:N]       hold the request N seconds (default 3), then forward it
 *                   (the station has usually given up by then: the hub
 *                   stores what nobody waits for); stall:Nms holds it N
 *                   milliseconds: a slow link, which makes a sync last
 *                   long enough to be killed in its middle on any machine
 *   503             answer 503 without forwarding
 *
 * --faults "ok,lose-ack,stall:2,..." is applied in turn, one entry per
 * request, cycling; --seed N --rate R instead picks a fault (uniformly among
 * the six) for a fraction R of requests from a fixed pseudo-random sequence.
 * --path PREFIX applies faults only to requests whose path starts with it
 * (others are forwarded as "ok" and do not advance the schedule).  Each
 * request is logged as "req N METHOD PATH fault=KIND" (to --log or stderr),
 * and the counts per fault as "count KIND N" at exit.
 *
 * One request per client connection: the request's Connection header is
 * replaced by "Connection: close", so the hub closes after its reply (the
 * reply's end is its EOF) and says "Connection: close" to the station,
 * whose libcurl then opens a new connection for the next request.  Only
 * Content-Length bodies are understood (the station sends nothing else).
 * Single process, one poll(2) loop, no blocking call but the connect to
 * 127.0.0.1 (which answers or refuses at once).  Exits on SIGTERM/SIGINT
 * or after --max-seconds (default 300), so a test that dies cannot leave
 * it running for ever.  Exit 0, 1 on a setup error, 2 on a usage error. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 32
#define MAX_REQUEST (16 * 1024 * 1024)	/* larger than any batch */
#define MAX_FAULTS 256

enum fault {
	FLT_OK, FLT_DROP_UPLOAD, FLT_LOSE_ACK, FLT_TRUNCATE, FLT_DUPLICATE, FLT_STALL,
	FLT_503, FLT_NKINDS
};

static const char *const fault_names[FLT_NKINDS] = {
	"ok", "drop-upload", "lose-ack", "truncate-reply", "duplicate",
	"stall", "503",
};

struct fault_step {
	enum fault kind;
	int stall_ms;
};

enum state {
	S_FREE,		/* slot unused */
	S_READ,		/* reading the request from the station */
	S_STALL,	/* holding it until wake */
	S_UP_WRITE,	/* sending it to the hub */
	S_UP_READ,	/* reading the hub's reply until EOF */
	S_CL_WRITE,	/* sending (part of) the reply to the station */
};

struct buf {
	char *p;
	size_t len, cap;
};

struct conn {
	enum state state;
	int cfd, ufd;		/* station side, hub side (-1 when closed) */
	struct buf in;		/* the request as the station sent it */
	struct buf req;		/* as it goes to the hub (Connection: close) */
	size_t head_len;	/* of req, through the blank line */
	size_t up_limit;	/* bytes of req to send to the hub */
	size_t up_sent;
	struct buf reply;
	size_t cl_limit, cl_sent;
	struct fault_step fault;
	int rounds;		/* requests still to send the hub (duplicate) */
	struct timespec wake;	/* S_STALL */
};

struct proxy {
	int lfd;
	int upstream_port;
	struct fault_step sched[MAX_FAULTS];
	int nsched;
	unsigned long next;	/* schedule position */
	double rate;		/* --seed mode when >= 0 */
	uint64_t rng;
	int stall_default;	/* ms */
	const char *path;	/* fault only these requests */
	FILE *log;
	unsigned long nreq;
	unsigned long counts[FLT_NKINDS];
	struct conn conns[MAX_CONNS];
};

/* The only mutable global: set by the signal handler, read by the loop. */
static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static int
buf_add(struct buf *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->len + len + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
	return 0;
}

static void
buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64*: a fixed sequence per seed, so a failing run can be
 * repeated with the same faults in the same order. */
static uint64_t
rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int
parse_fault(const char *s, int stall_default, struct fault_step *out)
{
	int i;

	out->stall_ms = stall_default;
	if (strncmp(s, "stall:", 6) == 0) {
		char *end;
		long n = strtol(s + 6, &end, 10);

		if (strcmp(end, "ms") == 0)
			;
		else if (*end == '\0')
			n *= 1000;
		else
			return -1;
		if (n < 0 || n > 600000)
			return -1;
		out->kind = FLT_STALL;
		out->stall_ms = (int)n;
		return 0;
	}
	for (i = 0; i < FLT_NKINDS; i++)
		if (strcmp(s, fault_names[i]) == 0) {
			out->kind = (enum fault)i;
			return 0;
		}
	return -1;
}

static int
parse_schedule(struct proxy *px, const char *list)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	if (copy == NULL)
		return -1;
	px->nsched = 0;
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (px->nsched == MAX_FAULTS ||
		    parse_fault(tok, px->stall_default,
		    &px->sched[px->nsched]) != 0) {
			fprintf(stderr, "faultproxy: bad fault \"%s\"\n", tok);
			rc = -1;
			break;
		}
		px->nsched++;
	}
	free(copy);
	return rc == 0 && px->nsched == 0 ? -1 : rc;
}

static void
set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void
conn_close(struct conn *c)
{
	if (c->cfd >= 0)
		close(c->cfd);
	if (c->ufd >= 0)
		close(c->ufd);
	buf_free(&c->in);
	buf_free(&c->req);
	buf_free(&c->reply);
	memset(c, 0, sizeof *c);
	c->state = S_FREE;
	c->cfd = c->ufd = -1;
}

/* Case-insensitive "does the header line start with NAME:". */
static bool
is_header(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len > n && strncasecmp(line, name, n) == 0 && line[n] == ':';
}

/* Is c->in a whole request?  1 yes (c->req built), 0 not yet, -1 bad.
 * The headers are copied without Connection/Keep-Alive/Proxy-Connection
 * and with "Connection: close" added. */
static int
request_complete(struct conn *c)
{
	const char *end = strstr(c->in.p, "\r\n\r\n");
	const char *line, *eol;
	size_t head, body = 0;

	if (end == NULL)
		return c->in.len > 64 * 1024 ? -1 : 0;
	head = (size_t)(end - c->in.p) + 4;
	for (line = c->in.p; line < end; line = eol + 2) {
		eol = strstr(line, "\r\n");
		if (is_header(line, (size_t)(eol - line), "Content-Length"))
			body = (size_t)strtoul(line + 15, NULL, 10);
		if (is_header(line, (size_t)(eol - line), "Transfer-Encoding"))
			return -1;	/* chunked: not needed, not done */
	}
	if (body > MAX_REQUEST || c->in.len < head + body)
		return body > MAX_REQUEST ? -1 : 0;
	buf_free(&c->req);
	for (line = c->in.p; line < end; line = eol + 2) {
		size_t n;

		eol = strstr(line, "\r\n");
		n = (size_t)(eol - line);
		if (is_header(line, n, "Connection") ||
		    is_header(line, n, "Keep-Alive") ||
		    is_header(line, n, "Proxy-Connection"))
			continue;
		if (buf_add(&c->req, line, n + 2) != 0)
			return -1;
	}
	if (buf_add(&c->req, "Connection: close\r\n\r\n", 21) != 0 ||
	    buf_add(&c->req, c->in.p + head, body) != 0)
		return -1;
	c->head_len = c->req.len - body;
	return 1;
}

static struct fault_step
next_fault(struct proxy *px, const char *path)
{
	struct fault_step f = { FLT_OK, px->stall_default };

	if (px->path != NULL && strncmp(path, px->path, strlen(px->path)) != 0)
		return f;
	if (px->rate >= 0) {
		uint64_t r = rng_next(&px->rng);

		if ((double)(r >> 11) / 9007199254740992.0 < px->rate)
			f.kind = (enum fault)(1 + rng_next(&px->rng) %
			    (FLT_NKINDS - 1));
		return f;
	}
	return px->sched[px->next++ % (unsigned long)px->nsched];
}

/* Open a connection to the hub: 0, or -1 (the hub is down). */
static int
connect_upstream(struct proxy *px, struct conn *c)
{
	struct sockaddr_in sa;
	int fd;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)px->upstream_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	/* Blocking connect: on loopback it is accepted or refused at once,
	 * and a non-blocking one would add a state for nothing. */
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	set_nonblock(fd);
	c->ufd = fd;
	c->up_sent = 0;
	c->up_limit = c->req.len;
	if (c->fault.kind == FLT_DROP_UPLOAD)
		c->up_limit = c->head_len + (c->req.len - c->head_len) / 2;
	buf_free(&c->reply);
	c->state = S_UP_WRITE;
	return 0;
}

/* Send the station a reply made here (the 503 fault). */
static void
answer(struct conn *c, int status, const char *text)
{
	char head[256];
	int n;

	n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n", status, text, strlen(text) + 12);
	buf_free(&c->reply);
	buf_add(&c->reply, head, (size_t)n);
	buf_add(&c->reply, "{\"error\":\"", 10);
	buf_add(&c->reply, text, strlen(text));
	buf_add(&c->reply, "\"}", 2);
	c->cl_sent = 0;
	c->cl_limit = c->reply.len;
	c->state = S_CL_WRITE;
}

static void
forward(struct proxy *px, struct conn *c)
{
	/* The hub is down (killed by the test): without a proxy the
	 * station would see "connection refused", so it sees a closed
	 * connection and no answer. */
	if (connect_upstream(px, c) != 0)
		conn_close(c);
}

/* A whole request has arrived: log it, pick its fault, act. */
static void
dispatch(struct proxy *px, struct conn *c)
{
	char method[16] = "?", path[256] = "?";

	sscanf(c->req.p, "%15s %255s", method, path);
	c->fault = next_fault(px, path);
	px->counts[c->fault.kind]++;
	px->nreq++;
	if (c->fault.kind == FLT_STALL)
		fprintf(px->log, "req %lu %s %s fault=stall:%dms\n", px->nreq,
		    method, path, c->fault.stall_ms);
	else
		fprintf(px->log, "req %lu %s %s fault=%s\n", px->nreq, method,
		    path, fault_names[c->fault.kind]);
	fflush(px->log);
	c->rounds = c->fault.kind == FLT_DUPLICATE ? 2 : 1;
	switch (c->fault.kind) {
	case FLT_503:
		answer(c, 503, "fault injected: 503");
		break;
	case FLT_STALL: {
		clock_gettime(CLOCK_MONOTONIC, &c->wake);
		c->wake.tv_sec += c->fault.stall_ms / 1000;
		c->wake.tv_nsec += (long)(c->fault.stall_ms % 1000) * 1000000;
		if (c->wake.tv_nsec >= 1000000000) {
			c->wake.tv_sec++;
			c->wake.tv_nsec -= 1000000000;
		}
		c->state = S_STALL;
		break;
	}
	default:
		forward(px, c);
		break;
	}
}

/* The hub's reply is complete (EOF): what the station gets of it. */
static void
reply_done(struct proxy *px, struct conn *c)
{
	close(c->ufd);
	c->ufd = -1;
	if (--c->rounds > 0) {	/* duplicate: the same bytes once more */
		forward(px, c);
		return;
	}
	if (c->cfd < 0 || c->fault.kind == FLT_LOSE_ACK) {
		conn_close(c);
		return;
	}
	c->cl_sent = 0;
	c->cl_limit = c->reply.len;
	if (c->fault.kind == FLT_TRUNCATE)
		c->cl_limit = c->reply.len / 2;
	c->state = S_CL_WRITE;
}

static void
on_client_read(struct proxy *px, struct conn *c)
{
	char tmp[16384];
	ssize_t n = recv(c->cfd, tmp, sizeof tmp, 0);
	int rc;

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0 || buf_add(&c->in, tmp, (size_t)n) != 0) {
		conn_close(c);	/* gone before a whole request */
		return;
	}
	if ((rc = request_complete(c)) < 0)
		conn_close(c);
	else if (rc > 0)
		dispatch(px, c);
}

static void
on_up_write(struct proxy *px, struct conn *c)
{
	ssize_t n = send(c->ufd, c->req.p + c->up_sent,
	    c->up_limit - c->up_sent, MSG_NOSIGNAL);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {	/* the hub went away mid-request */
		conn_close(c);
		return;
	}
	c->up_sent += (size_t)n;
	if (c->up_sent < c->up_limit)
		return;
	if (c->fault.kind == FLT_DROP_UPLOAD) {
		/* Half a body, then both connections gone: the hub must not
		 * store anything, the station must resend. */
		conn_close(c);
		return;
	}
	c->state = S_UP_READ;
	(void)px;
}

static void
on_up_read(struct proxy *px, struct conn *c)
{
	char tmp[16384];
	ssize_t n = recv(c->ufd, tmp, sizeof tmp, 0);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {
		conn_close(c);	/* reset by the hub (killed) */
		return;
	}
	if (n == 0) {
		reply_done(px, c);
		return;
	}
	if (buf_add(&c->reply, tmp, (size_t)n) != 0)
		conn_close(c);
}

static void
on_client_write(struct conn *c)
{
	ssize_t n = send(c->cfd, c->reply.p + c->cl_sent,
	    c->cl_limit - c->cl_sent, MSG_NOSIGNAL);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {
		conn_close(c);
		return;
	}
	c->cl_sent += (size_t)n;
	if (c->cl_sent >= c->cl_limit)
		conn_close(c);	/* Connection: close; a truncated reply too */
}

static void
accept_one(struct proxy *px)
{
	int fd = accept(px->lfd, NULL, NULL), i;

	if (fd < 0)
		return;
	for (i = 0; i < MAX_CONNS; i++)
		if (px->conns[i].state == S_FREE)
			break;
	if (i == MAX_CONNS) {
		close(fd);	/* more than a test ever opens */
		return;
	}
	set_nonblock(fd);
	px->conns[i].state = S_READ;
	px->conns[i].cfd = fd;
	px->conns[i].ufd = -1;
}

static int
run(struct proxy *px, double deadline)
{
	struct pollfd pfd[1 + 2 * MAX_CONNS];
	int who[1 + 2 * MAX_CONNS];	/* conn index per pollfd, -1 listen */
	int n, i, timeout;

	while (!stop_flag && now_s() < deadline) {
		struct timespec now;

		clock_gettime(CLOCK_MONOTONIC, &now);
		n = 0;
		timeout = 200;	/* wakes stalls and checks the deadline */
		pfd[n].fd = px->lfd;
		pfd[n].events = POLLIN;
		who[n++] = -1;
		for (i = 0; i < MAX_CONNS; i++) {
			struct conn *c = &px->conns[i];

			switch (c->state) {
			case S_FREE:
				break;
			case S_READ:
				pfd[n].fd = c->cfd;
				pfd[n].events = POLLIN;
				who[n++] = i;
				break;
			case S_STALL: {
				long ms = (c->wake.tv_sec - now.tv_sec) * 1000 +
				    (c->wake.tv_nsec - now.tv_nsec) / 1000000;

				if (ms <= 0) {
					forward(px, c);
					timeout = 0;
				} else if (ms < timeout)
					timeout = (int)ms;
				break;
			}
			case S_UP_WRITE:
				pfd[n].fd = c->ufd;
				pfd[n].events = POLLOUT;
				who[n++] = i;
				break;
			case S_UP_READ:
				pfd[n].fd = c->ufd;
				pfd[n].events = POLLIN;
				who[n++] = i;
				break;
			case S_CL_WRITE:
				pfd[n].fd = c->cfd;
				pfd[n].events = POLLOUT;
				who[n++] = i;
				break;
			}
		}
		if (poll(pfd, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			perror("faultproxy: poll");
			return -1;
		}
		for (i = 0; i < n; i++) {
			struct conn *c;

			if (pfd[i].revents == 0)
				continue;
			if (who[i] < 0) {
				accept_one(px);
				continue;
			}
			c = &px->conns[who[i]];
			/* Each pollfd was built for the state the conn had;
			 * a handler above may have moved it on. */
			if (c->state == S_READ && pfd[i].fd == c->cfd)
				on_client_read(px, c);
			else if (c->state == S_UP_WRITE && pfd[i].fd == c->ufd)
				on_up_write(px, c);
			else if (c->state == S_UP_READ && pfd[i].fd == c->ufd)
				on_up_read(px, c);
			else if (c->state == S_CL_WRITE && pfd[i].fd == c->cfd)
				on_client_write(c);
		}
	}
	return 0;
}

static int
listen_on(int port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd, one = 1;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	set_nonblock(fd);
	printf("%d\n", ntohs(sa.sin_port));
	fflush(stdout);
	return fd;
}

static int
usage(void)
{
	fprintf(stderr, "usage: faultproxy --upstream PORT [--listen PORT] "
	    "[--faults LIST | --seed N --rate R] [--stall N] [--path PREFIX] "
	    "[--max-seconds N] [--log FILE]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static struct proxy px;	/* big (the conn table): not on the stack */
	struct sigaction sa;
	const char *faults = "ok", *logpath = NULL;
	long listen_port = 0, max_seconds = 300, seed = -1;
	int i, rc;

	px.upstream_port = -1;
	px.rate = -1;
	px.stall_default = 3000;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			return usage();
		i++;
		if (strcmp(a, "--upstream") == 0)
			px.upstream_port = atoi(v);
		else if (strcmp(a, "--listen") == 0)
			listen_port = atol(v);
		else if (strcmp(a, "--faults") == 0)
			faults = v;
		else if (strcmp(a, "--seed") == 0)
			seed = atol(v);
		else if (strcmp(a, "--rate") == 0)
			px.rate = atof(v);
		else if (strcmp(a, "--stall") == 0)
			px.stall_default = atoi(v) * 1000;
		else if (strcmp(a, "--path") == 0)
			px.path = v;
		else if (strcmp(a, "--max-seconds") == 0)
			max_seconds = atol(v);
		else if (strcmp(a, "--log") == 0)
			logpath = v;
		else
			return usage();
	}
	if (px.upstream_port <= 0 || px.upstream_port > 65535 ||
	    listen_port < 0 || listen_port > 65535 || max_seconds <= 0 ||
	    (seed >= 0) != (px.rate >= 0) || px.rate > 1)
		return usage();
	if (seed >= 0)
		px.rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
	else if (parse_schedule(&px, faults) != 0)
		return usage();
	px.log = stderr;
	if (logpath != NULL && (px.log = fopen(logpath, "a")) == NULL) {
		perror(logpath);
		return 1;
	}
	for (i = 0; i < MAX_CONNS; i++)
		px.conns[i].cfd = px.conns[i].ufd = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);	/* MSG_NOSIGNAL covers sends; be sure */
	if ((px.lfd = listen_on((int)listen_port)) < 0) {
		perror("faultproxy: listen");
		return 1;
	}
	rc = run(&px, now_s() + (double)max_seconds);
	for (i = 0; i < FLT_NKINDS; i++)
		fprintf(px.log, "count %s %lu\n", fault_names[i], px.counts[i]);
	for (i = 0; i < MAX_CONNS; i++)
		if (px.conns[i].state != S_FREE)
			conn_close(&px.conns[i]);
	close(px.lfd);
	if (px.log != stderr)
		fclose(px.log);
	return rc == 0 ? 0 : 1;
}
