/* SPDX-License-Identifier: MIT */
/* `tm serve`: responses, parameters and the per-thread workers. */
#include "serve.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- responses -------------------------------------------------------- */

void
srv_json(srv_resp *rs, const srv_req *rq, int status, json_t *doc)
{
	char *cb = NULL, *s;
	bool bad = false;

	/* JSONP (amaGama's jsoncallback, tmserver's callback), GET only: a
	 * POST answered as script would let any page read the result of a
	 * request it made */
	if (rq && (rq->route.method == SRV_GET || rq->route.method == SRV_HEAD) &&
	    rq->route.query) {
		cb = srv_query_get(rq->route.query, "jsoncallback", NULL, &bad);
		if (!cb && !bad)
			cb = srv_query_get(rq->route.query, "callback", NULL,
			                   &bad);
		if (bad || (cb && !srv_callback_ok(cb))) {
			free(cb);
			json_decref(doc);
			srv_error(rs, 400, "bad_callback",
			          "a JSONP callback must be a JavaScript name");
			return;
		}
	}
	/* scores are rounded already: print 87.5, not 87.500000001 */
	s = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(10) |
	                            JSON_ENCODE_ANY);
	json_decref(doc);
	if (!s) {
		free(cb);
		srv_text(rs, 500, "out of memory\n");
		return;
	}
	free(rs->body);
	rs->status = status;
	rs->fd = -1;
	if (cb) {
		size_t n = strlen(cb) + strlen(s) + 4;

		rs->body = malloc(n);
		if (rs->body)
			rs->len = (size_t)snprintf(rs->body, n, "%s(%s);", cb,
			                           s);
		free(s);
		free(cb);
		rs->ctype = "application/javascript; charset=utf-8";
		if (!rs->body)
			srv_text(rs, 500, "out of memory\n");
		return;
	}
	rs->body = s;
	rs->len = strlen(s);
	rs->ctype = "application/json; charset=utf-8";
}

void
srv_error(srv_resp *rs, int status, const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* jansson refuses invalid UTF-8: a message quoting a client's bad
	 * bytes is cut to its valid part */
	if (tm_utf8_validate(NULL, msg, strlen(msg)) < 0)
		snprintf(msg, sizeof(msg), "%s", "invalid UTF-8 in the request");
	srv_json(rs, NULL, status,
	         json_pack("{s:{s:s,s:s}}", "error", "code", code, "message",
	                   msg));
}

void
srv_tm_error(srv_resp *rs, tm_status st)
{
	const char *m = tm_errmsg();

	if (!*m)
		m = tm_strerror(st);
	switch (st) {
	case TM_EINVAL:
		srv_error(rs, 400, "invalid", "%s", m);
		break;
	case TM_EUNICODE:
		srv_error(rs, 400, "invalid_utf8", "%s", m);
		break;
	case TM_EPARSE:
		srv_error(rs, 400, "parse_error", "%s", m);
		break;
	case TM_ENOTFOUND:
		srv_error(rs, 404, "not_found", "%s", m);
		break;
	case TM_EBUSY:
		srv_error(rs, 503, "busy", "%s", m);
		break;
	default:
		srv_error(rs, 500, "internal", "%s", m);
		break;
	}
}

void
srv_text(srv_resp *rs, int status, const char *text)
{
	free(rs->body);
	rs->status = status;
	rs->fd = -1;
	rs->body = strdup(text);
	rs->len = rs->body ? strlen(text) : 0;
	rs->ctype = "text/plain; charset=utf-8";
}

/* ---- parameters ------------------------------------------------------- */

char *
srv_param(const srv_req *rq, const char *name, bool *bad)
{
	json_t *v;

	*bad = false;
	if (rq->json && json_is_object(rq->json) &&
	    (v = json_object_get(rq->json, name))) {
		char num[64];

		if (json_is_string(v))
			return strndup(json_string_value(v),
			               json_string_length(v));
		if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld",
			         (long long)json_integer_value(v));
			return strdup(num);
		}
		if (json_is_real(v)) {
			snprintf(num, sizeof(num), "%.17g", json_real_value(v));
			return strdup(num);
		}
		if (json_is_boolean(v))
			return strdup(json_is_true(v) ? "1" : "0");
		if (json_is_null(v))
			return NULL;
		*bad = true;
		return NULL;
	}
	if (!rq->route.query)
		return NULL;
	return srv_query_get(rq->route.query, name, NULL, bad);
}

char *
srv_lang_param(const srv_req *rq, srv_resp *rs, const char *name,
               bool required, bool *missing)
{
	bool bad;
	char *v = srv_param(rq, name, &bad), *out = NULL;

	*missing = false;
	if (bad) {
		srv_error(rs, 400, "invalid", "parameter '%s': bad encoding",
		          name);
		return NULL;
	}
	if (!v || !*v) {
		free(v);
		*missing = true;
		if (required)
			srv_error(rs, 400, "missing_parameter",
			          "parameter '%s' (a language) is required",
			          name);
		return NULL;
	}
	if (tm_lang_normalize(&out, v) < 0) {
		srv_error(rs, 400, "invalid_language",
		          "parameter '%s': '%.40s' is not a language tag", name,
		          v);
		out = NULL;
	}
	free(v);
	return out;
}

/* ---- workers ---------------------------------------------------------- */

static pthread_mutex_t workers_lock = PTHREAD_MUTEX_INITIALIZER;
static srv_worker **workers;
static size_t nworkers, capworkers;
static _Thread_local srv_worker *my_worker;

static void
worker_free(srv_worker *w)
{
	if (!w)
		return;
	for (unsigned i = 0; i < w->nsegs; i++)
		tm_segmenter_free(w->segs[i].seg);
	tm_translit_free(w->translit);
	tm_db_close(w->db);
	free(w);
}

srv_worker *
srv_worker_get(const srv_config *cfg, srv_resp *rs)
{
	tm_db_options o = TM_DB_OPTIONS_INIT;
	srv_worker *w;
	tm_status st;

	if (my_worker)
		return my_worker;
	if (!(w = calloc(1, sizeof(*w)))) {
		srv_error(rs, 500, "internal", "out of memory");
		return NULL;
	}
	w->cfg = cfg;
	o.flags = cfg->allow_writes ? 0 : TM_DB_READONLY;
	o.busy_timeout_ms = cfg->busy_timeout_ms;
	if ((st = tm_db_open(&w->db, cfg->db_path, &o)) < 0) {
		srv_tm_error(rs, st);
		free(w);
		return NULL;
	}
	pthread_mutex_lock(&workers_lock);
	if (!TM__ARRAY_GROW(workers, capworkers, nworkers + 1, 16)) {
		pthread_mutex_unlock(&workers_lock);
		worker_free(w);
		srv_error(rs, 500, "internal", "out of memory");
		return NULL;
	}
	workers[nworkers++] = w;
	pthread_mutex_unlock(&workers_lock);
	my_worker = w;
	return w;
}

void
srv_worker_release(void)
{
	srv_worker *w = my_worker;

	if (!w)
		return;
	pthread_mutex_lock(&workers_lock);
	for (size_t i = 0; i < nworkers; i++)
		if (workers[i] == w) {
			workers[i] = workers[--nworkers];
			break;
		}
	pthread_mutex_unlock(&workers_lock);
	my_worker = NULL;
	worker_free(w);
}

void
srv_workers_free(void)
{
	pthread_mutex_lock(&workers_lock);
	for (size_t i = 0; i < nworkers; i++)
		worker_free(workers[i]);
	free(workers);
	workers = NULL;
	nworkers = capworkers = 0;
	pthread_mutex_unlock(&workers_lock);
}

tm_segmenter *
srv_worker_segmenter(srv_worker *w, const char *lang)
{
	tm_segmenter *seg = NULL;
	unsigned i;

	for (i = 0; i < w->nsegs; i++)
		if (strcmp(w->segs[i].lang, lang) == 0)
			return w->segs[i].seg;
	if (strlen(lang) >= sizeof(w->segs[0].lang) ||
	    tm_segmenter_new(&seg, lang, NULL) < 0)
		return NULL;
	if (w->nsegs == sizeof(w->segs) / sizeof(w->segs[0])) {
		/* full: drop the oldest */
		tm_segmenter_free(w->segs[0].seg);
		memmove(&w->segs[0], &w->segs[1],
		        (w->nsegs - 1) * sizeof(w->segs[0]));
		w->nsegs--;
	}
	snprintf(w->segs[w->nsegs].lang, sizeof(w->segs[0].lang), "%s", lang);
	w->segs[w->nsegs++].seg = seg;
	return seg;
}
