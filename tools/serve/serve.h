/* SPDX-License-Identifier: MIT */
/* `tm serve`: what the HTTP layer (cmd-serve.c, the only file that knows
 * libmicrohttpd) and the handlers (amagama.c, api.c, web.c) share. A
 * handler gets a parsed request and fills a response; it never sees a
 * socket, so the same code answers every client and the tests. */
#ifndef TM_SERVE_H
#define TM_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>
#include <tm/tm.h>

#include "route.h"

/* header-only, no libtm symbol: the library's growable array */
#include "../../libtm/array-private.h"

/* Limits of request bodies: the JSON API's, and the default of an import
 * upload (--max-upload). */
#define SRV_MAX_JSON_BODY (8u << 20)
#define SRV_DEFAULT_MAX_UPLOAD (512ull << 20)

/* The server's settings, fixed at start-up and shared read-only. */
typedef struct srv_config {
	const char *db_path;
	bool allow_writes;
	const char *token;            /* bearer token, NULL without one */
	const char *const *cors;      /* allowed origins, NULL-terminated */
	unsigned long long max_upload;
	const char *tmpdir;           /* private directory for uploads and
	                                 exports, made at start-up */
	int busy_timeout_ms;
	bool loopback;                /* listening on a loopback address */
} srv_config;

/* What one thread keeps open between requests: the TM handle (a tm_db is
 * used by one thread at a time) and the ICU-backed handles that are dear
 * to open. Created on the thread's first request. */
typedef struct srv_worker {
	const srv_config *cfg;
	tm_db *db;
	tm_translit *translit;        /* any script */
	struct {
		char lang[36];
		tm_segmenter *seg;
	} segs[8];
	unsigned nsegs;
	long long dv;  /* tm_db_data_version() at the cache's last look */
	bool dv_known;
} srv_worker;

/* A request as the handlers see it. */
typedef struct srv_req {
	srv_route route;
	const char *body;     /* JSON bodies: NUL-terminated copy */
	size_t body_len;
	const char *body_path; /* import uploads: the file they were spooled
	                          to (in cfg->tmpdir), else NULL */
	json_t *json;         /* the body parsed, when it is JSON */
} srv_req;

/* A response: a buffer, or an open file to stream (export). */
typedef struct srv_resp {
	int status;
	const char *ctype;    /* static */
	char *body;           /* malloc()ed */
	size_t len;
	int fd;               /* >= 0: stream this file (unlinked already) */
	off_t fd_size;
	const char *disposition; /* static Content-Disposition, or NULL */
	bool cacheable;       /* amaGama: Cache-Control max-age=3600 */
} srv_resp;

/* Fill @rs with a JSON document (stolen) and status @status. With a
 * JSONP callback in the query (GET only) the document is wrapped. */
void srv_json(srv_resp *rs, const srv_req *rq, int status, json_t *doc);
/* {"error": {"code": CODE, "message": MESSAGE}} with @status. */
void srv_error(srv_resp *rs, int status, const char *code, const char *fmt,
               ...) __attribute__((format(printf, 4, 5)));
/* An error for a failed libtm call: the status from @st, the message from
 * tm_errmsg(). */
void srv_tm_error(srv_resp *rs, tm_status st);
/* Plain text. */
void srv_text(srv_resp *rs, int status, const char *text);

/* The worker of the calling thread, opened on first use (NULL and an
 * error response when the TM cannot be opened). */
srv_worker *srv_worker_get(const srv_config *cfg, srv_resp *rs);
/* Release the calling thread's worker (a job thread, at its end). */
void srv_worker_release(void);
/* Release every worker ever made (at exit, after the threads stopped). */
void srv_workers_free(void);
/* A segmenter for @lang from the worker's cache. */
tm_segmenter *srv_worker_segmenter(srv_worker *w, const char *lang);

/* A parameter from the JSON body (a string, or a number as text) or the
 * query string: malloc()ed, NULL when absent. *@bad on a bad encoding. */
char *srv_param(const srv_req *rq, const char *name, bool *bad);
/* A language parameter normalized (tm_lang_normalize(), tm_free() it);
 * NULL after filling @rs with a 400 when it is missing or malformed. */
char *srv_lang_param(const srv_req *rq, srv_resp *rs, const char *name,
                     bool required, bool *missing);

/* The handlers. @w is the calling thread's worker; slow routes run on a
 * job thread of their own with a worker of their own. */
void srv_amagama(srv_worker *w, const srv_req *rq, srv_resp *rs);
void srv_api(srv_worker *w, const srv_req *rq, srv_resp *rs);
void srv_web(const srv_req *rq, srv_resp *rs);

/* Cached amaGama language lists; srv_languages_changed() after a write. */
void srv_languages_changed(void);

/* ---- cache (cache.c) ---------------------------------------------------
 * The answers of read requests (a lookup, a concordance) kept for the
 * next client that asks the same, by request target; dropped whenever
 * the TM changes: after every write request through the server, and when
 * another handle (another worker's, another process's) committed one.
 * The default budget, in bytes, of --cache. */
#define SRV_DEFAULT_CACHE (32ull << 20)

/* Start the cache with @max bytes (0: off). */
void srv_cache_init(size_t max);
/* Drop every answer and stop (at exit). */
void srv_cache_free(void);
/* The answer kept for request target @key into @rs (a copy): true. On a
 * miss false; either way *@gen receives the generation to store the
 * answer under (srv_cache_put()), read after worker @w checked its
 * handle's data version. */
bool srv_cache_get(srv_worker *w, const char *key, srv_resp *rs,
                   unsigned long long *gen);
/* Keep @rs (a 200 with a body) for @key, unless the TM changed since
 * generation @gen was read. */
void srv_cache_put(const char *key, unsigned long long gen,
                   const srv_resp *rs);
/* The TM changed (a write request ended, whatever its outcome): a new
 * generation, every answer dropped. */
void srv_cache_changed(void);

#endif
