/* SPDX-License-Identifier: MIT */
/* `tm serve`: a translation-memory server over HTTP. The only file that
 * knows libmicrohttpd: it reads requests (raw URL, headers, bounded
 * bodies), applies the security rules (writes, token, CORS) and hands the
 * parsed request to a handler (amagama.c, api.c, web.c).
 *
 * Threads: libmicrohttpd's epoll loop on a pool of --threads threads;
 * each thread opens its own tm_db on its first request (serve.h). Long
 * requests (import, export, align, review, stats, amaGama store) run on
 * a job thread of their own, their connection suspended meanwhile, so
 * that a 100k-unit import does not stall the lookups that share its
 * pool thread. SIGTERM and SIGINT stop accepting, let the requests in
 * flight finish, then exit. */
#include "../tool.h"
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum {
	OPT_LISTEN = 256,
	OPT_THREADS,
	OPT_WRITES,
	OPT_TOKEN,
	OPT_CORS,
	OPT_MAX_UPLOAD,
	OPT_TIMEOUT,
	OPT_MAX_CONN,
	OPT_CACHE,
};

static const tool_opt opts[] = {
	{"db", TOOL_OPT_DB, "PATH", "the TM (default $TM_DB, else tm.db)"},
	{"listen", OPT_LISTEN, "ADDR:PORT",
	 "address to listen on (default 127.0.0.1:8080; port 0 picks one)"},
	{"threads", OPT_THREADS, "N", "worker threads (default: the CPUs)"},
	{"allow-writes", OPT_WRITES, NULL,
	 "accept requests that change the TM (default: read-only)"},
	{"token-file", OPT_TOKEN, "FILE",
	 "writes need 'Authorization: Bearer TOKEN' with the token in FILE"},
	{"cors", OPT_CORS, "ORIGIN",
	 "let pages from ORIGIN call the server (repeatable)"},
	{"max-upload", OPT_MAX_UPLOAD, "SIZE",
	 "largest TMX import accepted, bytes or with K, M, G (default 512M)"},
	{"timeout", OPT_TIMEOUT, "SECONDS",
	 "close a connection idle this long (default 30)"},
	{"max-connections", OPT_MAX_CONN, "N",
	 "connections at once (default 512)"},
	{"cache", OPT_CACHE, "SIZE",
	 "memory for answers to repeated lookups, bytes or with K, M, G; 0 "
	 "for none (default 32M)"},
	{NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_serve = {
        "serve", "serve the TM over HTTP (amaGama API, JSON API, web page)",
        "[--db PATH] [--listen ADDR:PORT] [--allow-writes] [options]", opts,
        run};

/* ---- state ------------------------------------------------------------ */

static srv_config cfg;
static atomic_int in_flight;   /* requests between first call and end */
static atomic_int jobs;        /* job threads running */
static atomic_bool stopping;
#define MAX_JOBS 8
/* The niceness of a job thread (see job_main()). */
#define JOB_NICE 10

/* One request: made by the URI callback, freed when it completes. */
typedef struct conn_state {
	char *uri;                 /* raw request target, as sent */
	bool started, answered;
	srv_req rq;
	int reject;                /* an HTTP status decided early, or 0 */
	const char *reject_code, *reject_msg;
	char *body;                /* JSON bodies */
	size_t body_len, body_cap;
	int spool_fd;              /* import uploads */
	char spool_path[PATH_MAX];
	unsigned long long spooled;
	atomic_bool job_done;
	bool job_started;
	srv_resp resp;
	struct MHD_Connection *conn;
} conn_state;

static void *
uri_cb(void *cls, const char *uri, struct MHD_Connection *con)
{
	conn_state *s = calloc(1, sizeof(*s));

	if (s) {
		/* in flight from its request line on: a shutdown waits for a
		 * request whose headers or body are still coming */
		atomic_fetch_add(&in_flight, 1);
		s->uri = strdup(uri);
		s->spool_fd = -1;
		s->resp.fd = -1;
		s->conn = con;
	}
	return s;
}

static void
state_free(conn_state *s)
{
	if (!s)
		return;
	srv_route_free(&s->rq.route);
	json_decref(s->rq.json);
	free(s->body);
	if (s->spool_fd >= 0)
		close(s->spool_fd);
	if (s->spool_path[0])
		unlink(s->spool_path);
	free(s->resp.body);
	if (s->resp.fd >= 0)
		close(s->resp.fd);
	free(s->uri);
	free(s);
}

static void
completed_cb(void *cls, struct MHD_Connection *con, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
	conn_state *s = *con_cls;

	if (s)
		atomic_fetch_sub(&in_flight, 1);
	state_free(s);
	*con_cls = NULL;
}

/* ---- responses -------------------------------------------------------- */

static const char *
allowed_origin(struct MHD_Connection *con)
{
	const char *o = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	                                            "Origin");

	if (!o || !cfg.cors)
		return NULL;
	for (size_t i = 0; cfg.cors[i]; i++)
		if (strcmp(cfg.cors[i], "*") == 0 || strcmp(cfg.cors[i], o) == 0)
			return cfg.cors[i][0] == '*' ? "*" : o;
	return NULL;
}

static void
allow_header(char *buf, size_t cap, unsigned allowed)
{
	static const struct {
		unsigned m;
		const char *name;
	} tab[] = {{SRV_GET, "GET"},       {SRV_HEAD, "HEAD"},
	           {SRV_POST, "POST"},     {SRV_PUT, "PUT"},
	           {SRV_DELETE, "DELETE"}, {SRV_OPTIONS, "OPTIONS"}};
	size_t o = 0;

	buf[0] = '\0';
	allowed |= SRV_OPTIONS;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]) && o < cap; i++)
		if (allowed & tab[i].m)
			o += (size_t)snprintf(buf + o, cap - o, "%s%s",
			                      o ? ", " : "", tab[i].name);
}

static enum MHD_Result
send_resp(conn_state *s, srv_resp *rs)
{
	struct MHD_Response *r;
	const char *origin = allowed_origin(s->conn);
	enum MHD_Result ok;

	if (rs->fd >= 0) {
		r = MHD_create_response_from_fd((size_t)rs->fd_size, rs->fd);
		if (r)
			rs->fd = -1; /* the response owns it now */
	} else {
		r = MHD_create_response_from_buffer(rs->len, rs->body,
		                                    MHD_RESPMEM_MUST_FREE);
		if (r)
			rs->body = NULL;
	}
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type",
	                        rs->ctype ? rs->ctype : "text/plain");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (rs->cacheable)
		MHD_add_response_header(r, "Cache-Control",
		                        "max-age=3600, public");
	else
		MHD_add_response_header(r, "Cache-Control", "no-store");
	/* the page runs its own script only, and no stored text can be
	 * turned into script even if it reached the HTML */
	if (rs->ctype && strncmp(rs->ctype, "text/html", 9) == 0)
		MHD_add_response_header(r, "Content-Security-Policy",
		                        "default-src 'self'; object-src 'none'; "
		                        "base-uri 'none'; frame-ancestors 'none'");
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition",
		                        rs->disposition);
	if (origin) {
		MHD_add_response_header(r, "Access-Control-Allow-Origin",
		                        origin);
		MHD_add_response_header(r, "Vary", "Origin");
	}
	if (rs->status == 405) {
		char allow[80];

		allow_header(allow, sizeof(allow), s->rq.route.allowed);
		MHD_add_response_header(r, "Allow", allow);
	}
	if (rs->status == 401)
		MHD_add_response_header(r, "WWW-Authenticate",
		                        "Bearer realm=\"tm\"");
	if (atomic_load(&stopping))
		MHD_add_response_header(r, "Connection", "close");
	ok = MHD_queue_response(s->conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	s->answered = true;
	return ok;
}

static enum MHD_Result
send_error(conn_state *s, int status, const char *code, const char *msg)
{
	srv_resp rs = {0};

	rs.fd = -1;
	srv_error(&rs, status, code, "%s", msg);
	return send_resp(s, &rs);
}

/* The CORS preflight: which methods and headers a page may use. */
static enum MHD_Result
send_preflight(conn_state *s)
{
	struct MHD_Response *r =
	        MHD_create_response_from_buffer(0, NULL,
	                                        MHD_RESPMEM_PERSISTENT);
	const char *origin = allowed_origin(s->conn);
	char allow[80];
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	allow_header(allow, sizeof(allow), s->rq.route.allowed);
	MHD_add_response_header(r, "Allow", allow);
	if (origin) {
		MHD_add_response_header(r, "Access-Control-Allow-Origin",
		                        origin);
		MHD_add_response_header(r, "Access-Control-Allow-Methods",
		                        allow);
		MHD_add_response_header(r, "Access-Control-Allow-Headers",
		                        "Authorization, Content-Type");
		MHD_add_response_header(r, "Access-Control-Max-Age", "600");
		MHD_add_response_header(r, "Vary", "Origin");
	}
	ok = MHD_queue_response(s->conn, 204, r);
	MHD_destroy_response(r);
	s->answered = true;
	return ok;
}

/* ---- the request's first call: route and rules ------------------------- */

/* Compare without leaking the position of the first difference. */
static bool
token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char d = la != lb;

	for (size_t i = 0; i < la; i++)
		d |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return d == 0;
}

static bool
authorized(struct MHD_Connection *con)
{
	const char *h;

	if (!cfg.token)
		return true;
	h = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	h += 7;
	while (*h == ' ')
		h++;
	return token_equal(h, cfg.token);
}

/* A loopback server answers only requests addressed to a loopback name:
 * a page whose own name was made to resolve to 127.0.0.1 (DNS rebinding)
 * sends its own name as Host. */
static bool
host_ok(struct MHD_Connection *con)
{
	const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	                                            "Host");
	size_t n;

	if (!cfg.loopback)
		return true;
	if (!h)
		return true; /* HTTP/1.0 without Host: not a browser */
	if (h[0] == '[')
		return strncmp(h, "[::1]", 5) == 0 && (!h[5] || h[5] == ':');
	n = strcspn(h, ":");
	return (n == 9 && strncasecmp(h, "localhost", 9) == 0) ||
	       (n >= 7 && strncmp(h, "127.", 4) == 0 &&
	        strspn(h, "0123456789.") == n);
}

/* A browser names the page behind every cross-site write (Origin):
 * refuse a write from a page that is neither this server's own nor a
 * --cors origin, so that a page a translator happens to visit cannot
 * write through the browser (CSRF). Clients that are not browsers send
 * no Origin. */
static bool
origin_ok(struct MHD_Connection *con)
{
	const char *o = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	                                            "Origin");
	const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	                                            "Host");

	if (!o || allowed_origin(con))
		return true;
	return h && strncmp(o, "http://", 7) == 0 && strcmp(o + 7, h) == 0;
}

static void
reject(conn_state *s, int status, const char *code, const char *msg)
{
	s->reject = status;
	s->reject_code = code;
	s->reject_msg = msg;
}

static void
first_call(conn_state *s, const char *method)
{
	const char *why, *cl;
	int st;

	s->started = true;
	if (!s->uri) {
		reject(s, 500, "internal", "out of memory");
		return;
	}
	st = srv_route_parse(&s->rq.route, method, s->uri, &why);
	if (st) {
		reject(s, st,
		       st == 404   ? "not_found"
		       : st == 405 ? "method_not_allowed"
		       : st == 414 ? "uri_too_long"
		       : st == 501 ? "not_implemented"
		       : st == 500 ? "internal"
		                   : "bad_request",
		       why);
		return;
	}
	if (!host_ok(s->conn)) {
		reject(s, 403, "forbidden_host",
		       "a loopback server answers loopback names only");
		return;
	}
	if (s->rq.route.method == SRV_OPTIONS)
		return;
	if (s->rq.route.write && !origin_ok(s->conn)) {
		reject(s, 403, "forbidden_origin",
		       "writes from this page's origin are not allowed "
		       "(tm serve --cors)");
		return;
	}
	if (s->rq.route.write && !cfg.allow_writes) {
		reject(s, 403, "read_only",
		       "this server is read-only (tm serve --allow-writes)");
		return;
	}
	if (s->rq.route.write && !authorized(s->conn)) {
		reject(s, 401, "unauthorized",
		       "writes need 'Authorization: Bearer TOKEN'");
		return;
	}
	cl = MHD_lookup_connection_value(s->conn, MHD_HEADER_KIND,
	                                 "Content-Length");
	if (cl) {
		unsigned long long n = strtoull(cl, NULL, 10);
		unsigned long long max = s->rq.route.kind == SRV_API_IMPORT
		                                 ? cfg.max_upload
		                                 : SRV_MAX_JSON_BODY;

		if (n > max) {
			reject(s, 413, "payload_too_large",
			       "the request body is larger than the server "
			       "accepts");
			return;
		}
	}
	if (s->rq.route.kind == SRV_API_IMPORT) {
		snprintf(s->spool_path, sizeof(s->spool_path),
		         "%s/upload-XXXXXX", cfg.tmpdir);
		s->spool_fd = mkstemp(s->spool_path);
		if (s->spool_fd < 0) {
			s->spool_path[0] = '\0';
			reject(s, 500, "internal",
			       "cannot make a scratch file for the upload");
		}
	}
}

/* A chunk of the body: kept (JSON) or spooled to disk (import). */
static void
body_chunk(conn_state *s, const char *data, size_t n)
{
	if (s->reject)
		return;
	if (s->spool_fd >= 0) {
		if (s->spooled + n > cfg.max_upload) {
			reject(s, 413, "payload_too_large",
			       "the upload is larger than --max-upload");
			return;
		}
		while (n) {
			ssize_t w = write(s->spool_fd, data, n);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				reject(s, 507, "insufficient_storage",
				       "cannot store the upload");
				return;
			}
			data += w;
			n -= (size_t)w;
			s->spooled += (size_t)w;
		}
		return;
	}
	if (s->body_len + n > SRV_MAX_JSON_BODY) {
		reject(s, 413, "payload_too_large",
		       "the request body is larger than 8 MiB");
		return;
	}
	if (!TM__ARRAY_GROW(s->body, s->body_cap, s->body_len + n + 1, 4096)) {
		reject(s, 500, "internal", "out of memory");
		return;
	}
	memcpy(s->body + s->body_len, data, n);
	s->body_len += n;
	s->body[s->body_len] = '\0';
}

static void
dispatch(srv_worker *w, conn_state *s)
{
	switch (s->rq.route.kind) {
	case SRV_AMA_UNIT:
	case SRV_AMA_STORE:
	case SRV_AMA_LANGUAGES:
		srv_amagama(w, &s->rq, &s->resp);
		break;
	case SRV_STATIC:
		srv_web(&s->rq, &s->resp);
		break;
	default:
		srv_api(w, &s->rq, &s->resp);
		break;
	}
	if (!s->resp.status)
		srv_error(&s->resp, 500, "internal", "no answer");
}

static void *
job_main(void *arg)
{
	conn_state *s = arg;
	srv_worker *w;

	/* a long request yields the CPUs to the lookups: a 100k-unit
	 * import must not make every client wait (the threads the library
	 * starts for it, reading and indexing, inherit this) */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), JOB_NICE);
	if ((w = srv_worker_get(&cfg, &s->resp)))
		dispatch(w, s);
	if (s->rq.route.write)
		srv_cache_changed();
	srv_worker_release();
	atomic_store(&s->job_done, true);
	atomic_fetch_sub(&jobs, 1);
	MHD_resume_connection(s->conn);
	return NULL;
}

/* The body is complete: parse it, then answer here or on a job thread. */
static enum MHD_Result
last_call(conn_state *s)
{
	srv_worker *w;
	unsigned long long gen = 0;
	bool cache;

	if (s->rq.route.method == SRV_OPTIONS)
		return send_preflight(s);
	if (s->body_len && s->rq.route.kind != SRV_API_IMPORT) {
		json_error_t err;

		s->rq.json = json_loadb(s->body, s->body_len,
		                        JSON_REJECT_DUPLICATES, &err);
		if (!s->rq.json) {
			char msg[300];

			snprintf(msg, sizeof(msg),
			         "the body is not JSON: %d:%d: %s", err.line,
			         err.column, err.text);
			return send_error(s, 400, "bad_json", msg);
		}
		s->rq.body = s->body;
		s->rq.body_len = s->body_len;
	}
	if (s->spool_fd >= 0) {
		close(s->spool_fd);
		s->spool_fd = -1;
		s->rq.body_path = s->spooled ? s->spool_path : NULL;
	}
	if (s->rq.route.slow) {
		pthread_t t;
		pthread_attr_t a;

		if (atomic_fetch_add(&jobs, 1) >= MAX_JOBS) {
			atomic_fetch_sub(&jobs, 1);
			return send_error(s, 503, "busy",
			                  "too many long requests at once; "
			                  "try again");
		}
		s->job_started = true;
		MHD_suspend_connection(s->conn);
		pthread_attr_init(&a);
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &a, job_main, s) != 0) {
			pthread_attr_destroy(&a);
			atomic_fetch_sub(&jobs, 1);
			s->job_started = false;
			MHD_resume_connection(s->conn);
			return send_error(s, 503, "busy", "no thread for it");
		}
		pthread_attr_destroy(&a);
		return MHD_YES;
	}
	/* a lookup or concordance asked before: its answer as it was, as
	 * long as the TM is */
	cache = s->rq.route.kind == SRV_AMA_UNIT ||
	        s->rq.route.kind == SRV_API_LOOKUP ||
	        s->rq.route.kind == SRV_API_CONCORD;
	cache = cache && !s->rq.json && !s->rq.route.write &&
	        (s->rq.route.method == SRV_GET ||
	         s->rq.route.method == SRV_HEAD);
	if (!(w = srv_worker_get(&cfg, &s->resp)))
		return send_resp(s, &s->resp);
	if (cache && srv_cache_get(w, s->uri, &s->resp, &gen))
		return send_resp(s, &s->resp);
	dispatch(w, s);
	if (cache)
		srv_cache_put(s->uri, gen, &s->resp);
	if (s->rq.route.write)
		srv_cache_changed();
	return send_resp(s, &s->resp);
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *con, const char *url,
          const char *method, const char *version, const char *upload_data,
          size_t *upload_data_size, void **con_cls)
{
	conn_state *s = *con_cls;

	if (!s)
		return MHD_NO; /* out of memory in uri_cb: drop it */
	if (!s->started) {
		first_call(s, method);
		/* a refusal goes out at once: no "100 Continue", no body
		 * read (the connection is closed after it) */
		if (s->reject)
			return send_error(s, s->reject, s->reject_code,
			                  s->reject_msg);
		/* an answer on this first call would cost the keep-alive:
		 * it comes on the second call */
		return MHD_YES;
	}
	if (s->answered)
		return MHD_YES;
	if (*upload_data_size) {
		body_chunk(s, upload_data, *upload_data_size);
		*upload_data_size = 0;
		if (s->reject == 413 || s->reject == 507)
			return send_error(s, s->reject, s->reject_code,
			                  s->reject_msg);
		return MHD_YES;
	}
	if (s->job_started) {
		if (!atomic_load(&s->job_done))
			return MHD_YES;
		return send_resp(s, &s->resp);
	}
	if (s->reject)
		return send_error(s, s->reject, s->reject_code, s->reject_msg);
	return last_call(s);
}

/* ---- start-up --------------------------------------------------------- */

/* A size: digits, then K, M or G; 0 only when @zero. */
static bool
parse_size(const char *s, unsigned long long *out, bool zero)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		return false;
	switch (*end) {
	case 'K': case 'k': v <<= 10; end++; break;
	case 'M': case 'm': v <<= 20; end++; break;
	case 'G': case 'g': v <<= 30; end++; break;
	default: break;
	}
	*out = v;
	return *end == '\0' && (v > 0 || zero);
}

/* ADDR:PORT, [V6ADDR]:PORT or PORT alone (on 127.0.0.1). */
static bool
parse_listen(const char *s, struct sockaddr_storage *ss, bool *v6,
             bool *loopback)
{
	char host[128];
	const char *colon, *port;
	char *end;
	long p;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		const char *rb = strchr(s, ']');

		if (!rb || rb[1] != ':' || (size_t)(rb - s - 1) >= sizeof(host))
			return false;
		memcpy(host, s + 1, (size_t)(rb - s - 1));
		host[rb - s - 1] = '\0';
		port = rb + 2;
		*v6 = true;
	} else if ((colon = strrchr(s, ':'))) {
		if ((size_t)(colon - s) >= sizeof(host))
			return false;
		memcpy(host, s, (size_t)(colon - s));
		host[colon - s] = '\0';
		port = colon + 1;
		*v6 = false;
	} else {
		strcpy(host, "127.0.0.1");
		port = s;
		*v6 = false;
	}
	p = strtol(port, &end, 10);
	if (end == port || *end || p < 0 || p > 65535)
		return false;
	if (*v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)p);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			return false;
		*loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)p);
		if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			return false;
		*loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
	}
	return true;
}

/* The token: the file's first line, at least 16 printable characters. */
static char *
read_token(const tool_cmd *cmd, const char *path)
{
	char *buf = NULL;
	size_t len, n;

	if (!tool_read_file(cmd, path, &buf, &len))
		return NULL;
	for (n = 0; n < len && buf[n] != '\n' && buf[n] != '\r'; n++)
		if ((unsigned char)buf[n] < 0x21 || (unsigned char)buf[n] > 0x7e)
			break;
	if (n < len && buf[n] != '\n' && buf[n] != '\r') {
		tool_fail(cmd, "%s: the token must be printable ASCII without "
		               "spaces", path);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	if (n < 16) {
		tool_fail(cmd, "%s: the token is shorter than 16 characters",
		          path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Empty and remove the private directory (flat: the server makes no
 * directories in it). */
static void
rm_tmpdir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char p[PATH_MAX + 256];

	while (dp && (e = readdir(dp))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	const char *db_opt = NULL, *listen_s = "127.0.0.1:8080",
	           *token_path = NULL;
	const char **cors = NULL;
	size_t ncors = 0;
	long threads = sysconf(_SC_NPROCESSORS_ONLN), timeout = 30,
	     max_conn = 512;
	unsigned long long cache_size = SRV_DEFAULT_CACHE;
	struct sockaddr_storage ss;
	bool v6 = false, loopback = true;
	char tmpl[PATH_MAX], *end, *token = NULL;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_db *db = NULL;
	sigset_t sigs;
	int c, sig, rc = EXIT_OK;
	unsigned int flags;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	cfg.max_upload = SRV_DEFAULT_MAX_UPLOAD;
	tmpl[0] = '\0';
	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_HELP:
			goto out;
		case TOOL_OPT_DB:
			db_opt = optarg;
			break;
		case OPT_LISTEN:
			listen_s = optarg;
			break;
		case OPT_THREADS:
			threads = strtol(optarg, &end, 10);
			if (*end || end == optarg || threads < 1 ||
			    threads > 256) {
				rc = tool_usage(cmd, "--threads: 1 to 256, not "
				                     "'%s'", optarg);
				goto out;
			}
			break;
		case OPT_WRITES:
			cfg.allow_writes = true;
			break;
		case OPT_TOKEN:
			token_path = optarg;
			break;
		case OPT_CORS: {
			const char **v = realloc(cors, (ncors + 2) * sizeof(*v));

			if (!v) {
				rc = tool_fail(cmd, "out of memory");
				goto out;
			}
			cors = v;
			cors[ncors++] = optarg;
			cors[ncors] = NULL;
			break;
		}
		case OPT_MAX_UPLOAD:
			if (!parse_size(optarg, &cfg.max_upload, false)) {
				rc = tool_usage(cmd, "--max-upload: a size "
				                     "such as 100M, not '%s'",
				                optarg);
				goto out;
			}
			break;
		case OPT_TIMEOUT:
			timeout = strtol(optarg, &end, 10);
			if (*end || end == optarg || timeout < 1 ||
			    timeout > 3600) {
				rc = tool_usage(cmd, "--timeout: 1 to 3600 "
				                     "seconds, not '%s'",
				                optarg);
				goto out;
			}
			break;
		case OPT_CACHE:
			if (!parse_size(optarg, &cache_size, true)) {
				rc = tool_usage(cmd, "--cache: a size such as "
				                     "64M, or 0, not '%s'",
				                optarg);
				goto out;
			}
			break;
		case OPT_MAX_CONN:
			max_conn = strtol(optarg, &end, 10);
			if (*end || end == optarg || max_conn < 1 ||
			    max_conn > 65536) {
				rc = tool_usage(cmd, "--max-connections: 1 to "
				                     "65536, not '%s'",
				                optarg);
				goto out;
			}
			break;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (optind < argc) {
		rc = tool_usage(cmd, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!parse_listen(listen_s, &ss, &v6, &loopback)) {
		rc = tool_usage(cmd, "--listen: ADDR:PORT, [ADDR]:PORT or PORT, "
		                     "not '%s'", listen_s);
		goto out;
	}
	/* a TM others can change over the network needs a key */
	if (!loopback && cfg.allow_writes && !token_path) {
		rc = tool_usage(cmd, "--allow-writes on %s, which is not a "
		                     "loopback address, needs --token-file",
		                listen_s);
		goto out;
	}
	if (token_path && !(token = read_token(cmd, token_path))) {
		rc = EXIT_FAIL;
		goto out;
	}
	cfg.token = token;
	cfg.cors = cors;
	cfg.loopback = loopback;
	cfg.db_path = tool_db_path(db_opt);
	cfg.busy_timeout_ms = tool_busy_timeout_ms();
	/* fail now, not on the first request: open the TM once (creating
	 * it when writes are allowed) */
	o.flags = cfg.allow_writes ? TM_DB_CREATE : TM_DB_READONLY;
	o.busy_timeout_ms = cfg.busy_timeout_ms;
	if (tm_db_open(&db, cfg.db_path, &o) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		goto out;
	}
	tm_db_close(db);
	snprintf(tmpl, sizeof(tmpl), "%s/tm-serve-XXXXXX",
	         getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
	                                               : "/tmp");
	if (!mkdtemp(tmpl)) {
		rc = tool_fail(cmd, "%s: %s", tmpl, strerror(errno));
		tmpl[0] = '\0';
		goto out;
	}
	cfg.tmpdir = tmpl;
	srv_cache_init((size_t)cache_size);
	/* the signals are for the main thread's sigwait(): block them
	 * before any thread starts, so that every thread inherits it */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
	        MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0);
	d = MHD_start_daemon(
	        flags, 0, NULL, NULL, access_cb, NULL,
	        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)timeout,
	        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)max_conn,
	        /* request line and headers must fit: the URL limit plus
	         * room for ordinary headers */
	        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	        MHD_OPTION_URI_LOG_CALLBACK, uri_cb, NULL,
	        MHD_OPTION_NOTIFY_COMPLETED, completed_cb, NULL,
	        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
	        MHD_OPTION_END);
	if (!d) {
		rc = tool_fail(cmd, "cannot listen on %s: %s", listen_s,
		               strerror(errno));
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	{
		char host[INET6_ADDRSTRLEN] = "?";
		struct timespec t1;

		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (v6)
			inet_ntop(AF_INET6,
			          &((struct sockaddr_in6 *)&ss)->sin6_addr, host,
			          sizeof(host));
		else
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr,
			          host, sizeof(host));
		/* the first line of stdout: tests and scripts read the port
		 * from it */
		printf("tm serve: listening on http://%s%s%s:%u/ (%s, %ld "
		       "threads, ready in %.3f s)\n",
		       v6 ? "[" : "", host, v6 ? "]" : "",
		       info ? (unsigned)info->port : 0,
		       cfg.allow_writes ? (token ? "writes with a token"
		                                 : "writes allowed")
		                        : "read-only",
		       threads,
		       (double)(t1.tv_sec - t0.tv_sec) +
		               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		fflush(stdout);
	}
	while (sigwait(&sigs, &sig) != 0)
		;
	/* finish what is in flight, take nothing new */
	atomic_store(&stopping, true);
	{
		MHD_socket ls = MHD_quiesce_daemon(d);
		struct timespec nap = {0, 10 * 1000 * 1000};

		if (ls != MHD_INVALID_SOCKET)
			close(ls);
		/* a request in flight gets up to the connection timeout
		 * (imports may take longer: they are waited for) */
		for (long waited = 0;
		     atomic_load(&in_flight) > 0 || atomic_load(&jobs) > 0;
		     waited += 10) {
			if (waited > timeout * 1000 && atomic_load(&jobs) == 0)
				break;
			nanosleep(&nap, NULL);
		}
	}
	if (!tool_quiet)
		fprintf(stderr, "tm serve: stopped (signal %d)\n", sig);
out:
	if (d)
		MHD_stop_daemon(d);
	srv_workers_free();
	srv_languages_changed();
	srv_cache_free();
	if (tmpl[0])
		rm_tmpdir(tmpl);
	free(cors);
	free(token);
	return rc;
}
