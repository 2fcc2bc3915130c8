/* SPDX-License-Identifier: MIT */
/* `tm serve`: the amaGama / translate-toolkit tmserver dialect, so that
 * the clients that speak it (Weblate's tmserver machinery, Okapi's
 * translate-toolkit connector, Virtaal, Pootle) work unchanged:
 *
 *   GET  {prefix}/{slang}/{tlang}/unit/{text}   a JSON list of
 *        {"source", "target", "quality"}, best first
 *   GET  {prefix}/{slang}/{tlang}/unit/?source=TEXT   the same
 *   GET  {prefix}/languages/   {"sourceLanguages", "targetLanguages"}
 *   POST|PUT {prefix}/{slang}/{tlang}/unit/{text}   body {"source",
 *        "target"}: store the pair (--allow-writes)
 *   POST {prefix}/{slang}/{tlang}/store/{name}   body: a JSON list of
 *        {"source", "target"}: store them in one transaction
 *
 * Parameters min_similarity (default 70) and max_candidates (default 5),
 * as amaGama's; JSONP through jsoncallback or callback. */
#include "serve.h"
#include "../tool.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* amaGama's defaults (its MIN_SIMILARITY and MAX_CANDIDATES) */
#define AMA_MIN_SIMILARITY 70
#define AMA_MAX_CANDIDATES 5
#define AMA_MAX_CANDIDATES_CAP 100

/* An integer parameter, amaGama's way: anything unreadable is as if
 * absent. */
static int
int_arg(const srv_req *rq, const char *name, int dflt)
{
	bool bad;
	char *v = rq->route.query ? srv_query_get(rq->route.query, name, NULL,
	                                          &bad)
	                          : NULL;
	char *end;
	long x;

	if (!v)
		return dflt;
	x = strtol(v, &end, 10);
	if (end == v || *end)
		x = dflt;
	free(v);
	if (x < 0)
		return dflt;
	return x > 1000 ? 1000 : (int)x;
}

/* The languages of the path, normalized ("pt_br" -> "pt-BR"). */
static bool
langs(const srv_req *rq, srv_resp *rs, char **s, char **t)
{
	*s = *t = NULL;
	if (tm_lang_normalize(s, rq->route.slang) < 0 ||
	    tm_lang_normalize(t, rq->route.tlang) < 0) {
		tm_free(*s);
		*s = NULL;
		srv_error(rs, 400, "invalid_language",
		          "'%s' or '%s' is not a language code",
		          rq->route.slang, rq->route.tlang);
		return false;
	}
	return true;
}

static void
unit_get(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;
	char *text = NULL, *s, *t;
	size_t len = 0;
	bool bad = false;
	json_t *arr;
	tm_status st;

	if (rq->route.text_len) {
		text = rq->route.text;
		len = rq->route.text_len;
	} else if (rq->route.query) {
		text = srv_query_get(rq->route.query, "source", &len, &bad);
	}
	if (bad || !text || !len) {
		if (text != rq->route.text)
			free(text);
		/* amaGama answers 404 when there is no text */
		srv_error(rs, bad ? 400 : 404, bad ? "invalid" : "not_found",
		          "no unit text in the path or in ?source=");
		return;
	}
	if (memchr(text, '\0', len) || tm_utf8_validate(NULL, text, len) < 0) {
		if (text != rq->route.text)
			free(text);
		srv_error(rs, 400, "invalid_utf8",
		          "the unit text is not UTF-8 text");
		return;
	}
	if (!langs(rq, rs, &s, &t)) {
		if (text != rq->route.text)
			free(text);
		return;
	}
	lo.source_lang = s;
	lo.target_lang = t;
	lo.min_score = int_arg(rq, "min_similarity", AMA_MIN_SIMILARITY);
	/* the library raises anything under 50 to 50, and 0 means its
	 * default: say 50 for 0 */
	if (lo.min_score < 50)
		lo.min_score = 50;
	lo.max_results = int_arg(rq, "max_candidates", AMA_MAX_CANDIDATES);
	if (lo.max_results > AMA_MAX_CANDIDATES_CAP)
		lo.max_results = AMA_MAX_CANDIDATES_CAP;
	arr = json_array();
	if (lo.max_results > 0) {
		st = tm_lookup(&l, w->db, text, &lo);
		if (st < 0) {
			/* a text with no word in it finds nothing: amaGama's
			 * answer is an empty list, not an error */
			if (st != TM_EINVAL) {
				json_decref(arr);
				srv_tm_error(rs, st);
				goto out;
			}
		}
	}
	for (size_t i = 0; i < tm_match_list_count(l); i++) {
		const tm_match *m = tm_match_list_get(l, i);
		/* quality is amaGama's percentage, a float: our 101 (exact
		 * with agreeing context) is its 100 */
		double q = m->score > 100 ? 100 : m->score;

		json_array_append_new(
		        arr, json_pack("{s:s,s:s,s:f}", "source", m->source,
		                       "target", m->target, "quality",
		                       round(q * 100) / 100));
	}
	rs->cacheable = true;
	srv_json(rs, rq, 200, arr);
out:
	tm_match_list_free(l);
	tm_free(s);
	tm_free(t);
	if (text != rq->route.text)
		free(text);
}

/* Store one pair, stamped as tm add stamps it (creationid: the
 * server's $USER, the protocol names no one); *@added counts what was
 * new. */
static tm_status
put_pair(tm_db *db, const char *sl, const char *tl, const char *src,
         const char *tgt, const char *origin, long long *added)
{
	tm_unit *u = NULL;
	tm_put_result pr;
	tm_status st;

	if ((st = tool_pair_unit(&u, sl, src, tl, tgt)) < 0)
		return st;
	if ((st = tool_stamp_unit(u, sl, tool_default_user())) < 0) {
		tm_unit_free(u);
		return st;
	}
	st = tm_db_put(&pr, db, u, origin, TM_DUP_MERGE);
	tm_unit_free(u);
	if (st >= 0 && pr == TM_PUT_ADDED)
		(*added)++;
	return st;
}

/* Whether @src and @tgt are in the scripts of @sl and @tl, as tm add
 * checks them (tool_script_check()); false after a 400 `wrong_script`
 * naming the field (and @what, the unit of a store, unless NULL). */
static bool
scripts_ok(srv_resp *rs, const char *sl, const char *tl, const char *src,
           const char *tgt, const char *what)
{
	for (int k = 0; k < 2; k++) {
		const char *why = tool_script_check(k ? tl : sl, k ? tgt : src);

		if (why) {
			srv_error(rs, 400, "wrong_script", "%s%s%s: %s",
			          what ? what : "", what ? ": " : "",
			          k ? "target" : "source", why);
			return false;
		}
	}
	return true;
}

/* A pair out of a JSON object {"source", "target"}; false when it is not
 * one (or not UTF-8 text). */
static bool
pair_of(json_t *o, const char **src, const char **tgt)
{
	json_t *s = json_object_get(o, "source"), *t = json_object_get(o, "target");

	if (!json_is_string(s) || !json_is_string(t))
		return false;
	*src = json_string_value(s);
	*tgt = json_string_value(t);
	/* jansson keeps NUL bytes of \u0000 inside: refuse them */
	return strlen(*src) == json_string_length(s) &&
	       strlen(*tgt) == json_string_length(t) && **src && **tgt;
}

static void
unit_put(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	const char *src, *tgt;
	char *s, *t;
	long long added = 0;
	tm_status st;

	if (!rq->json || !pair_of(rq->json, &src, &tgt)) {
		srv_error(rs, 400, "invalid",
		          "the body must be a JSON object with non-empty "
		          "strings \"source\" and \"target\"");
		return;
	}
	if (!langs(rq, rs, &s, &t))
		return;
	if (!scripts_ok(rs, s, t, src, tgt, NULL)) {
		tm_free(s);
		tm_free(t);
		return;
	}
	st = put_pair(w->db, s, t, src, tgt, "tmserver", &added);
	tm_free(s);
	tm_free(t);
	if (st < 0) {
		srv_tm_error(rs, st);
		return;
	}
	srv_languages_changed();
	/* amaGama and tmserver answer an empty 200 */
	srv_text(rs, 200, "");
}

static void
store_post(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	const char *src, *tgt;
	char *s, *t, msg[600];
	long long added = 0;
	size_t i;
	json_t *o;
	tm_status st = TM_OK;

	if (!rq->json || !json_is_array(rq->json)) {
		srv_error(rs, 400, "invalid",
		          "the body must be a JSON list of {\"source\", "
		          "\"target\"}");
		return;
	}
	json_array_foreach(rq->json, i, o) {
		if (!pair_of(o, &src, &tgt)) {
			srv_error(rs, 400, "invalid",
			          "unit %zu: non-empty strings \"source\" and "
			          "\"target\" are needed",
			          i);
			return;
		}
	}
	if (tm_utf8_validate(NULL, rq->route.text, rq->route.text_len) < 0 ||
	    memchr(rq->route.text, '\0', rq->route.text_len)) {
		srv_error(rs, 400, "invalid_utf8", "the store name is not text");
		return;
	}
	if (!langs(rq, rs, &s, &t))
		return;
	/* everything checked first: a wrong script stores nothing */
	json_array_foreach(rq->json, i, o) {
		char what[32];

		pair_of(o, &src, &tgt);
		snprintf(what, sizeof(what), "unit %zu", i);
		if (!scripts_ok(rs, s, t, src, tgt, what)) {
			tm_free(s);
			tm_free(t);
			return;
		}
	}
	/* one transaction: a failure stores nothing */
	if ((st = tm_db_begin(w->db)) >= 0) {
		json_array_foreach(rq->json, i, o) {
			pair_of(o, &src, &tgt);
			if ((st = put_pair(w->db, s, t, src, tgt,
			                   rq->route.text, &added)) < 0)
				break;
		}
		if (st < 0)
			tm_db_rollback(w->db);
		else
			st = tm_db_commit(w->db);
	}
	tm_free(s);
	tm_free(t);
	if (st < 0) {
		srv_tm_error(rs, st);
		return;
	}
	srv_languages_changed();
	snprintf(msg, sizeof(msg), "added %lld units from %.500s", added,
	         rq->route.text);
	srv_text(rs, 200, msg);
}

/* ---- /languages/ ------------------------------------------------------- */

/* The list costs a count over the whole TM: it is made once and again
 * after a write, not for every client that asks. */
static pthread_mutex_t langs_lock = PTHREAD_MUTEX_INITIALIZER;
static json_t *langs_cache;

void
srv_languages_changed(void)
{
	pthread_mutex_lock(&langs_lock);
	json_decref(langs_cache);
	langs_cache = NULL;
	pthread_mutex_unlock(&langs_lock);
}

/* amaGama's spelling of a tag: lower case, '_' (Weblate compares its
 * own codes, mapped that way, with the list as strings). */
static json_t *
ama_code(const char *tag)
{
	char buf[64];
	size_t i;

	for (i = 0; tag[i] && i + 1 < sizeof(buf); i++) {
		char c = tag[i];

		buf[i] = c == '-' ? '_' : (c >= 'A' && c <= 'Z') ? c + 32 : c;
	}
	buf[i] = '\0';
	return json_string(buf);
}

static void
languages(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	json_t *doc;

	pthread_mutex_lock(&langs_lock);
	if (!langs_cache) {
		tm_db_stats s = TM_DB_STATS_INIT;
		tm_status st = tm_db_stats_read(&s, w->db);
		json_t *l;

		if (st < 0) {
			pthread_mutex_unlock(&langs_lock);
			tm_db_stats_dispose(&s);
			srv_tm_error(rs, st);
			return;
		}
		l = json_array();
		for (size_t i = 0; i < s.nlangs; i++)
			json_array_append_new(l, ama_code(s.langs[i].lang));
		tm_db_stats_dispose(&s);
		/* a TM is multilingual: every language is both */
		langs_cache = json_pack("{s:o,s:o}", "sourceLanguages", l,
		                        "targetLanguages", json_deep_copy(l));
	}
	doc = json_deep_copy(langs_cache);
	pthread_mutex_unlock(&langs_lock);
	rs->cacheable = true;
	srv_json(rs, rq, 200, doc);
}

void
srv_amagama(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	switch (rq->route.kind) {
	case SRV_AMA_LANGUAGES:
		languages(w, rq, rs);
		break;
	case SRV_AMA_UNIT:
		if (rq->route.method == SRV_GET || rq->route.method == SRV_HEAD)
			unit_get(w, rq, rs);
		else
			unit_put(w, rq, rs);
		break;
	case SRV_AMA_STORE:
		store_post(w, rq, rs);
		break;
	default:
		srv_error(rs, 404, "not_found", "no such resource");
		break;
	}
}
