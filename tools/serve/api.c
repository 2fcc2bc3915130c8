/* SPDX-License-Identifier: MIT */
/* `tm serve`: the JSON API of its own (docs/serve.md), for the web page
 * and for scripts: lookup, concordance, align, review, units, stats,
 * TMX export and import, segment, translit. Every answer is a JSON object
 * (export: TMX); every error is {"error": {"code", "message"}}. New
 * fields of the library's results become new keys here: clients ignore
 * keys they do not know. */
#include "serve.h"
#include "../review.h"
#include "../tool.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- parameters ------------------------------------------------------- */

/* A text parameter: UTF-8 without NUL bytes. NULL after filling @rs
 * with a 400 when it is bad, or (with @required) missing. */
static char *
text_param(const srv_req *rq, srv_resp *rs, const char *name, bool required)
{
	bool bad;
	char *v = srv_param(rq, name, &bad);

	if (bad) {
		srv_error(rs, 400, "invalid", "parameter '%s': not a string "
		                              "or badly encoded", name);
		return NULL;
	}
	if (!v) {
		if (required)
			srv_error(rs, 400, "missing_parameter",
			          "parameter '%s' is required", name);
		return NULL;
	}
	if (tm_utf8_validate(NULL, v, strlen(v)) < 0) {
		free(v);
		srv_error(rs, 400, "invalid_utf8",
		          "parameter '%s' is not UTF-8", name);
		return NULL;
	}
	return v;
}

/* A number parameter in [lo, hi]; @dflt when absent. False after filling
 * @rs with a 400. */
static bool
num_param(const srv_req *rq, srv_resp *rs, const char *name, double dflt,
          double lo, double hi, double *out)
{
	bool bad;
	char *v = srv_param(rq, name, &bad), *end;

	*out = dflt;
	if (!v && !bad)
		return true;
	if (!bad) {
		errno = 0;
		*out = strtod(v, &end);
		bad = end == v || *end || errno || !(*out >= lo && *out <= hi);
	}
	if (bad)
		srv_error(rs, 400, "invalid",
		          "parameter '%s': a number from %g to %g", name, lo, hi);
	free(v);
	return !bad;
}

/* A yes/no parameter: 1, true, yes (else false). */
static bool
flag_param(const srv_req *rq, const char *name)
{
	bool bad;
	char *v = srv_param(rq, name, &bad);
	bool on = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
	                strcmp(v, "yes") == 0);

	free(v);
	return on;
}

/* Whether @s holds a C0 control character or DEL. */
static bool
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static double
round2(double x)
{
	return round(x * 100) / 100;
}

/* UTF-16 code units in the first @n bytes of UTF-8 @s: the offsets a
 * JavaScript string uses. */
static size_t
utf16_units(const char *s, size_t n)
{
	size_t u = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) != 0x80)
			u += c >= 0xF0 ? 2 : 1;
	}
	return u;
}

/* ---- lookup and concordance ------------------------------------------ */

static json_t *
flags_json(unsigned int f)
{
	static const struct {
		unsigned bit;
		const char *name;
	} tab[] = {{TM_MATCH_EXACT, "exact"},
	           {TM_MATCH_CONTEXT, "context"},
	           {TM_MATCH_NUMBERS, "numbers"},
	           {TM_MATCH_TAGS, "tags"},
	           {TM_MATCH_PUNCT, "punctuation"},
	           {TM_MATCH_PIVOT, "pivot"}};
	json_t *a = json_array();

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (f & tab[i].bit)
			json_array_append_new(a, json_string(tab[i].name));
	return a;
}

/* Every document a match or hit comes from, as a JSON array. */
static json_t *
origins_json(const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t k = 0; k < n; k++)
		json_array_append_new(a, json_string(v[k]));
	return a;
}

/* The name of a concordance hit's match_kind, as `tm concord --json`. */
static const char *
kind_name(unsigned int kind)
{
	switch (kind) {
	case TM_CONCORD_HIT_EXACT:
		return "exact";
	case TM_CONCORD_HIT_INFLECTED:
		return "inflected";
	case TM_CONCORD_HIT_TRANSLIT:
		return "translit";
	default:
		return "other";
	}
}

/* One match as JSON: the same keys as `tm lookup --json`. */
static json_t *
match_json(const tm_match *m)
{
	json_t *o = json_object();

	json_object_set_new(o, "score", json_real(round2(m->score)));
	json_object_set_new(o, "source", json_string(m->source));
	json_object_set_new(o, "target", json_string(m->target));
	json_object_set_new(o, "proposed", json_string(m->proposed));
	json_object_set_new(o, "tu", json_integer(m->tu));
	json_object_set_new(o, "source_lang", json_string(m->source_lang));
	json_object_set_new(o, "target_lang", json_string(m->target_lang));
	json_object_set_new(o, "origin", str_or_null(m->origin));
	json_object_set_new(o, "created", str_or_null(m->created));
	json_object_set_new(o, "changed", str_or_null(m->changed));
	json_object_set_new(o, "flags", flags_json(m->flags));
	json_object_set_new(o, "origins", origins_json(m->origins, m->n_origins));
	/* a translation through a variant in a third language both share */
	json_object_set_new(
	        o, "pivot",
	        (m->flags & TM_MATCH_PIVOT) && m->pivot_lang
	                ? json_pack("{s:s,s:s?,s:I}", "lang", m->pivot_lang,
	                            "text", m->pivot_text, "tu",
	                            (json_int_t)m->pivot_tu)
	                : json_null());
	return o;
}

static void
api_lookup(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;
	char *q = NULL, *s = NULL, *t = NULL, *prev = NULL, *next = NULL;
	double min, max;
	bool miss;
	json_t *arr;
	tm_status st;

	if (!(q = text_param(rq, rs, "q", true)) ||
	    !(s = srv_lang_param(rq, rs, "source", true, &miss)) ||
	    !(t = srv_lang_param(rq, rs, "target", true, &miss)) ||
	    !num_param(rq, rs, "min", 70, 50, 101, &min) ||
	    !num_param(rq, rs, "max", 5, 1, 1000, &max))
		goto out;
	prev = text_param(rq, rs, "prev", false);
	if (rs->status)
		goto out;
	next = text_param(rq, rs, "next", false);
	if (rs->status)
		goto out;
	lo.source_lang = s;
	lo.target_lang = t;
	lo.min_score = min;
	lo.max_results = (int)max;
	lo.ctx_prev = prev;
	lo.ctx_next = next;
	if ((st = tm_lookup(&l, w->db, q, &lo)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; i < tm_match_list_count(l); i++)
		json_array_append_new(arr, match_json(tm_match_list_get(l, i)));
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:o}", "format", 1, "query", q, "matches",
	                   arr));
out:
	tm_match_list_free(l);
	free(q);
	tm_free(s);
	tm_free(t);
	free(prev);
	free(next);
}

static json_t *
span_json(const char *text, size_t start, size_t len)
{
	return json_pack("[I,I]", (json_int_t)start, (json_int_t)len);
}

static void
api_concord(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *l = NULL;
	char *q = NULL, *lang = NULL, *tgt = NULL;
	double max;
	bool miss;
	json_t *arr;
	tm_status st;

	if (!(q = text_param(rq, rs, "q", true)) ||
	    !(lang = srv_lang_param(rq, rs, "lang", true, &miss)) ||
	    !num_param(rq, rs, "max", 100, 1, 10000, &max))
		goto out;
	tgt = srv_lang_param(rq, rs, "target", false, &miss);
	if (!tgt && !miss)
		goto out;
	co.lang = lang;
	co.target_lang = tgt;
	co.max_results = (int)max;
	if (flag_param(rq, "translit"))
		co.flags |= TM_CONCORD_TRANSLIT;
	if ((st = tm_concord(&l, w->db, q, &co)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; i < tm_concord_list_count(l); i++) {
		const tm_concord_hit *h = tm_concord_list_get(l, i);
		json_t *o = json_object();

		json_object_set_new(o, "tu", json_integer(h->tu));
		json_object_set_new(o, "text", json_string(h->text));
		json_object_set_new(o, "lang", json_string(h->lang));
		/* bytes for C and scripts, UTF-16 units for JavaScript */
		json_object_set_new(o, "span",
		                    span_json(h->text, h->span_start,
		                              h->span_len));
		json_object_set_new(
		        o, "span_utf16",
		        span_json(h->text, utf16_units(h->text, h->span_start),
		                  utf16_units(h->text + h->span_start,
		                              h->span_len)));
		json_object_set_new(o, "translation",
		                    str_or_null(h->translation));
		json_object_set_new(o, "target_lang",
		                    str_or_null(h->target_lang));
		json_object_set_new(o, "origin", str_or_null(h->origin));
		json_object_set_new(o, "changed", str_or_null(h->changed));
		json_object_set_new(o, "origins",
		                    origins_json(h->origins, h->n_origins));
		json_object_set_new(o, "pivot",
		                    (h->flags & TM_MATCH_PIVOT) && h->pivot_lang
		                            ? json_string(h->pivot_lang)
		                            : json_null());
		json_object_set_new(o, "match_kind",
		                    json_string(kind_name(h->match_kind)));
		json_array_append_new(arr, o);
	}
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:b,s:o}", "format", 1, "query", q,
	                   "translit", (co.flags & TM_CONCORD_TRANSLIT) != 0,
	                   "hits", arr));
out:
	tm_concord_list_free(l);
	free(q);
	tm_free(lang);
	tm_free(tgt);
}

/* ---- segment, translit ------------------------------------------------ */

static void
api_segment(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_segment_list *l = NULL;
	tm_segmenter *seg;
	char *text = NULL, *lang = NULL;
	bool miss;
	json_t *arr;
	tm_status st;

	if (!(text = text_param(rq, rs, "text", true)) ||
	    !(lang = srv_lang_param(rq, rs, "lang", true, &miss)))
		goto out;
	if (!(seg = srv_worker_segmenter(w, lang))) {
		srv_error(rs, 400, "invalid_language",
		          "no segmenter for '%s'", lang);
		goto out;
	}
	if ((st = tm_segment_text(&l, seg, text, strlen(text))) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; i < tm_segment_list_count(l); i++) {
		const tm_segment *g = tm_segment_list_get(l, i);

		json_array_append_new(
		        arr, json_pack("{s:s%,s:I,s:I,s:s}", "text", g->text,
		                       g->len, "offset", (json_int_t)g->offset,
		                       "paragraph", (json_int_t)g->paragraph,
		                       "kind", tm_seg_kind_name(g->kind)));
	}
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:o}", "format", 1, "lang", lang,
	                   "segments", arr));
out:
	tm_segment_list_free(l);
	free(text);
	tm_free(lang);
}

static void
api_translit(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	char *text, *latin = NULL, *key = NULL;
	tm_status st;

	if (!(text = text_param(rq, rs, "text", true)))
		return;
	if (!w->translit && (st = tm_translit_new(&w->translit, NULL, 0)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	if ((st = tm_translit_text(&latin, w->translit, text, strlen(text))) <
	            0 ||
	    (st = tm_translit_key(&key, w->translit, text, strlen(text))) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:s,s:s}", "format", 1, "text", text,
	                   "latin", latin, "key", key));
out:
	tm_free(latin);
	tm_free(key);
	free(text);
}

/* ---- align and review ------------------------------------------------- */

typedef struct side {
	tm_segment_list *list;
	tm_align_sentence *sent;
	size_t n;
	char *buf;
	tm_seg_kind *kind;    /* per sentence, as tm_segment_kind() or the
	                         segmenter gives it */
	unsigned char *apart; /* per sentence: tm_seg_kind_apart() */
} side;

static void
side_free(side *d)
{
	tm_segment_list_free(d->list);
	free(d->sent);
	free(d->buf);
	free(d->kind);
	free(d->apart);
}

/* The sentences of @text: segmented, or one a line when @preseg (blank
 * lines between paragraphs), each line of the kind tm_segment_kind()
 * gives it, as `tm align --presegmented` reads a file. */
static tm_status
side_load(srv_worker *w, side *d, const char *text, const char *lang,
          bool preseg)
{
	tm_segmenter *seg = srv_worker_segmenter(w, lang);
	size_t cap = 0;
	tm_status st;

	memset(d, 0, sizeof(*d));
	if (!seg)
		return TM_EINVAL;
	if (preseg) {
		unsigned para = 0;
		bool blank = false;
		char *p, *save = NULL;

		if (!(d->buf = strdup(text)))
			return TM_ENOMEM;
		/* strtok_r would merge the blank lines that mark paragraphs */
		for (p = d->buf; p; p = save) {
			char *e = strchr(p, '\n'), *s = p, *t;

			save = e ? e + 1 : NULL;
			if (e)
				*e = '\0';
			t = s + strlen(s);
			while (t > s && (t[-1] == '\r' || t[-1] == ' ' ||
			                 t[-1] == '\t'))
				*--t = '\0';
			while (*s == ' ' || *s == '\t')
				s++;
			if (!*s) {
				blank = true;
				continue;
			}
			if (blank && d->n)
				para++;
			blank = false;
			if (!TM__ARRAY_GROW(d->sent, cap, d->n + 1, 64))
				return TM_ENOMEM;
			d->sent[d->n++] = (tm_align_sentence){s, strlen(s), para};
		}
		if (d->n && (!(d->kind = calloc(d->n, sizeof(*d->kind))) ||
		             !(d->apart = calloc(d->n, 1))))
			return TM_ENOMEM;
		for (size_t i = 0; i < d->n; i++) {
			if ((st = tm_segment_kind(&d->kind[i], seg,
			                          d->sent[i].text,
			                          d->sent[i].len)) < 0)
				return st;
			d->apart[i] = tm_seg_kind_apart(d->kind[i]);
		}
		return TM_OK;
	}
	if ((st = tm_segment_text(&d->list, seg, text, strlen(text))) < 0)
		return st;
	d->n = tm_segment_list_count(d->list);
	if (d->n && (!(d->sent = calloc(d->n, sizeof(*d->sent))) ||
	             !(d->kind = calloc(d->n, sizeof(*d->kind))) ||
	             !(d->apart = calloc(d->n, 1))))
		return TM_ENOMEM;
	for (size_t i = 0; i < d->n; i++) {
		const tm_segment *g = tm_segment_list_get(d->list, i);

		d->sent[i] = (tm_align_sentence){g->text, g->len, g->paragraph};
		d->kind[i] = g->kind;
		/* as tm align: notes and end marks, and furniture, are
		 * kept apart */
		d->apart[i] = tm_seg_kind_apart(g->kind);
	}
	return TM_OK;
}

/* Sentences @first..+@n joined with a space (malloc()ed). */
static char *
span_text(const tm_align_sentence *s, size_t first, size_t n)
{
	size_t len = 1, o = 0;
	char *out;

	for (size_t k = 0; k < n; k++)
		len += s[first + k].len + 1;
	if (!(out = malloc(len)))
		return NULL;
	for (size_t k = 0; k < n; k++) {
		if (k)
			out[o++] = ' ';
		memcpy(out + o, s[first + k].text, s[first + k].len);
		o += s[first + k].len;
	}
	out[o] = '\0';
	return out;
}

static json_t *
sentences_json(const side *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->n; i++) {
		json_t *o = json_pack("{s:s%,s:I}", "text", d->sent[i].text,
		                      d->sent[i].len, "paragraph",
		                      (json_int_t)d->sent[i].paragraph);

		/* the segmenter's kind, as in tm align's review file, so that
		 * a reviewer sees why a note has no partner */
		json_object_set_new(o, "kind",
		                    json_string(tm_seg_kind_name(d->kind[i])));
		json_array_append_new(a, o);
	}
	return a;
}

/* Whether link @l holds furniture on either side (as tm align: never
 * stored, review_link_furniture()). */
static bool
furniture(const side *s, const side *t, const tm_align_link *l)
{
	return review_link_apart(s->apart, t->apart, l);
}

/* POST /api/align: two texts in; the review document of `tm align
 * --format json` out (REVIEW_FORMAT: every link "auto", with its
 * confidence and the "check" of its texts), which /api/review takes
 * back. */
static void
api_align(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	char *sl = NULL, *tl = NULL, *st_ = NULL, *tt = NULL;
	side s = {0}, t = {0};
	tm_aligner *al = NULL;
	tm_align_result *r = NULL;
	bool miss, preseg = flag_param(rq, "presegmented");
	json_t *links;
	tm_status st;

	if (!(sl = srv_lang_param(rq, rs, "source_lang", true, &miss)) ||
	    !(tl = srv_lang_param(rq, rs, "target_lang", true, &miss)) ||
	    !(st_ = text_param(rq, rs, "source", true)) ||
	    !(tt = text_param(rq, rs, "target", true)))
		goto out;
	if ((st = side_load(w, &s, st_, sl, preseg)) < 0 ||
	    (st = side_load(w, &t, tt, tl, preseg)) < 0 ||
	    (st = tm_aligner_new(&al, sl, tl, NULL)) < 0 ||
	    (st = tm_align_run_apart(&r, al, s.sent, s.n, s.apart, t.sent, t.n,
	                             t.apart)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	links = json_array();
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);
		char *a = span_text(s.sent, l->src, l->nsrc);
		char *b = span_text(t.sent, l->tgt, l->ntgt);
		json_t *o = json_pack(
		        "{s:o,s:o,s:f,s:f,s:s,s:s,s:s}", "source",
		        review_indices_json(l->src, l->nsrc), "target",
		        review_indices_json(l->tgt, l->ntgt), "confidence",
		        round(l->confidence * 1000) / 1000, "cost",
		        round(l->cost * 1000) / 1000, "source_text", a ? a : "",
		        "target_text", b ? b : "", "status", "auto");

		if (a && b) {
			char sum[17];

			review_texts_check(sum, a, b);
			json_object_set_new(o, "check", json_string(sum));
		}
		if (l->nsrc && l->ntgt && furniture(&s, &t, l))
			json_object_set_new(o, "store",
			                    json_string(REVIEW_STORE_FURNITURE));
		free(a);
		free(b);
		json_array_append_new(links, o);
	}
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:s,s:f,s:o,s:o,s:o}", "format",
	                   REVIEW_FORMAT, "source_lang", sl, "target_lang", tl,
	                   "score",
	                   round(tm_align_result_score(r) * 1000) / 1000,
	                   "links", links, "source_sentences",
	                   sentences_json(&s), "target_sentences",
	                   sentences_json(&t)));
out:
	tm_align_result_free(r);
	tm_aligner_free(al);
	side_free(&s);
	side_free(&t);
	tm_free(sl);
	tm_free(tl);
	free(st_);
	free(tt);
}

static bool scratch_name(const srv_config *cfg, const char *stem, char *out,
                         size_t cap);

/* A review document's kept links (not "rejected", both sides) read into
 * *@out (*@n of them; review_links_free()), with its languages (tm_free()),
 * the number left out and the number of a format 1 document's links
 * confirmed for want of a status (*@unstated); everything is checked
 * first. False after setting the error answer in @rs. */
static bool
review_read(const srv_req *rq, srv_resp *rs, char **sl, char **tl,
            tm_db_link **out, size_t *n, long long *left,
            long long *unstated)
{
	json_t *d = rq->json, *links, *ss, *ts, *l;
	tm_db_link *v = NULL;
	size_t k, nv = 0;
	const char *which, *why;
	int format = review_format(d);
	bool u;

	*sl = *tl = NULL;
	*out = NULL;
	*n = 0;
	*left = 0;
	*unstated = 0;
	links = json_object_get(d, "links");
	ss = review_get(d, "source_sentences");
	ts = review_get(d, "target_sentences");
	if (!format) {
		srv_error(rs, 400, "invalid",
		          "not a review document (format 1 or 2, links, "
		          "source_sentences, target_sentences)");
		return false;
	}
	if (tm_lang_normalize(sl, review_lang(d, true)) < 0 ||
	    tm_lang_normalize(tl, review_lang(d, false)) < 0) {
		srv_error(rs, 400, "invalid_language",
		          "source_lang and target_lang must be language tags");
		goto bad;
	}
	for (size_t i = 0; i < json_array_size(ss) + json_array_size(ts); i++) {
		json_t *arr = i < json_array_size(ss) ? ss : ts;
		size_t j = i < json_array_size(ss) ? i : i - json_array_size(ss);
		json_t *tx = json_object_get(json_array_get(arr, j), "text");

		if (!json_is_string(tx) ||
		    strlen(json_string_value(tx)) != json_string_length(tx)) {
			srv_error(rs, 400, "invalid",
			          "sentence %zu of %s: no text", j,
			          arr == ss ? "source_sentences"
			                    : "target_sentences");
			goto bad;
		}
	}
	/* check everything first: a bad document stores nothing */
	json_array_foreach(links, k, l) {
		size_t a, na, b, nb;

		if (!review_indices(review_get(l, "source"), &a, &na,
		                  json_array_size(ss)) ||
		    !review_indices(review_get(l, "target"), &b, &nb,
		                  json_array_size(ts))) {
			srv_error(rs, 400, "invalid",
			          "link %zu: bad sentence indices", k);
			goto bad;
		}
	}
	if (!(v = calloc(json_array_size(links) + 1, sizeof(*v)))) {
		srv_tm_error(rs, TM_ENOMEM);
		goto bad;
	}
	json_array_foreach(links, k, l) {
		size_t a, na, b, nb;

		review_indices(review_get(l, "source"), &a, &na,
		             json_array_size(ss));
		review_indices(review_get(l, "target"), &b, &nb,
		             json_array_size(ts));
		if (json_is_true(json_object_get(l, "rejected")) || !na ||
		    !nb || review_link_furniture(l, ss, ts)) {
			(*left)++;
			continue;
		}
		if (!review_read_link(l, ss, ts, format, &v[nv++], &u,
		                      &which, &why)) {
			if (why)
				srv_error(rs, 400, "invalid", "link %zu: %s %s",
				          k, which, why);
			else
				srv_tm_error(rs, TM_ENOMEM);
			review_links_free(v, nv);
			goto bad;
		}
		*unstated += u;
	}
	*out = v;
	*n = nv;
	return true;
bad:
	tm_free(*sl);
	tm_free(*tl);
	*sl = *tl = NULL;
	return false;
}

/* POST /api/review[?origin=NAME&min_confidence=X]: a review document
 * (from /api/align or `tm align --format json`, corrected) stored as `tm
 * align --apply-review` does: tm_db_put_links(), each link with its
 * status (confirmed at 1.0, or auto with its confidence; an edited link
 * is confirmed; a link without a status is confirmed in a format 1
 * document, refused in format 2), in one transaction that replaces what the
 * document (origin) stored before; links marked "rejected": true, 1-0/0-1
 * links, links of furniture (review_link_furniture()) and auto links
 * under min_confidence (default 0) are left out. */
static void
api_review(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_db_links_options lo = TM_DB_LINKS_OPTIONS_INIT;
	tm_db_links_stats ls = TM_DB_LINKS_STATS_INIT;
	char *sl = NULL, *tl = NULL, *origin = NULL;
	tm_db_link *v = NULL;
	size_t nv = 0;
	long long left = 0, nconf = 0, nauto = 0, unstated = 0;
	double minc;
	tm_status st = TM_OK;

	origin = text_param(rq, rs, "origin", false);
	if (rs->status || !num_param(rq, rs, "min_confidence", 0, 0, 1, &minc))
		goto out;
	if (!review_read(rq, rs, &sl, &tl, &v, &nv, &left, &unstated))
		goto out;
	lo.source_lang = sl;
	lo.target_lang = tl;
	lo.origin = origin && *origin ? origin : "review";
	lo.min_confidence = minc;
	for (size_t i = 0; i < nv; i++) {
		if (v[i].status == TM_LINK_CONFIRMED)
			nconf++;
		else if (v[i].confidence >= minc)
			nauto++;
	}
	if ((st = tm_db_put_links(&ls, w->db, v, nv, &lo)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	srv_languages_changed();
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
	                   "format", 1, "origin", lo.origin, "stored",
	                   (json_int_t)(ls.added + ls.merged), "added",
	                   (json_int_t)ls.added, "merged",
	                   (json_int_t)ls.merged, "confirmed",
	                   (json_int_t)nconf, "auto", (json_int_t)nauto,
	                   "skipped", (json_int_t)ls.skipped, "replaced",
	                   (json_int_t)ls.replaced, "released",
	                   (json_int_t)ls.released, "left_out",
	                   (json_int_t)left, "without_status",
	                   (json_int_t)unstated));
out:
	review_links_free(v, nv);
	tm_free(sl);
	tm_free(tl);
	free(origin);
}

/* One kept link of a review as a unit for the TMX writer: the two texts,
 * its neighbours as x-context-pre/post, and the props a stored link gets
 * (x-libtm-link, x-libtm-status and x-libtm-confidence: confirmed and
 * 1.000, or auto and the link's confidence, as tm_db_put_links()). */
static tm_status
review_unit(tm_unit **out, const tm_db_link *x, const char *sl,
            const char *tl, const char *origin)
{
	tm_unit *u = NULL;
	tm_variant *vs, *vt;
	char rec[256], conf[16];
	bool ok = x->status == TM_LINK_CONFIRMED;
	tm_status st;

	snprintf(conf, sizeof(conf), "%.3f", ok ? 1.0 : x->confidence);
	snprintf(rec, sizeof(rec), "%s %s %s %s", x->link,
	         ok ? "confirmed" : "auto", conf, origin);
	if ((st = tm_unit_new(&u)) < 0 ||
	    (st = tm_unit_add_variant(&vs, u, sl, NULL, x->src_text)) < 0 ||
	    (st = tm_unit_add_variant(&vt, u, tl, NULL, x->tgt_text)) < 0 ||
	    (st = tm_meta_add_prop(tm_unit_meta(u), "x-libtm-link", NULL, rec)) < 0 ||
	    (st = tm_meta_add_prop(tm_unit_meta(u), "x-libtm-status", NULL,
	                           ok ? "confirmed" : "auto")) < 0 ||
	    (st = tm_meta_add_prop(tm_unit_meta(u), "x-libtm-confidence", NULL,
	                           conf)) < 0 ||
	    (x->src_prev && (st = tm_meta_add_prop(tm_variant_meta(vs),
	                                           "x-context-pre", NULL,
	                                           x->src_prev)) < 0) ||
	    (x->src_next && (st = tm_meta_add_prop(tm_variant_meta(vs),
	                                           "x-context-post", NULL,
	                                           x->src_next)) < 0) ||
	    (x->tgt_prev && (st = tm_meta_add_prop(tm_variant_meta(vt),
	                                           "x-context-pre", NULL,
	                                           x->tgt_prev)) < 0) ||
	    (x->tgt_next && (st = tm_meta_add_prop(tm_variant_meta(vt),
	                                           "x-context-post", NULL,
	                                           x->tgt_next)) < 0) ||
	    (origin && (st = tm_unit_set_origin(u, origin)) < 0)) {
		tm_unit_free(u);
		return st;
	}
	*out = u;
	return TM_OK;
}

/* POST /api/review/tmx[?origin=NAME]: the links a review document keeps
 * (those /api/review would store) as TMX 1.4b, written by the library's
 * TMX writer to a scratch file and sent from it; nothing is stored, so a
 * read-only server answers it too. */
static void
api_review_tmx(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_tmx_write_options wo = TM_TMX_WRITE_OPTIONS_INIT;
	tm_tmx_writer *tw = NULL;
	char path[512], *sl = NULL, *tl = NULL, *origin = NULL;
	tm_db_link *v = NULL;
	size_t nv = 0;
	long long left, unstated;
	double minc;
	struct stat sb;
	tm_status st = TM_OK;
	int fd = -1;

	path[0] = '\0';
	origin = text_param(rq, rs, "origin", false);
	if (rs->status || !num_param(rq, rs, "min_confidence", 0, 0, 1, &minc))
		goto out;
	if (!review_read(rq, rs, &sl, &tl, &v, &nv, &left, &unstated))
		goto out;
	if (!scratch_name(w->cfg, "review", path, sizeof(path))) {
		srv_error(rs, 500, "internal", "cannot make a scratch file: %s",
		          strerror(errno));
		path[0] = '\0';
		goto out;
	}
	wo.srclang = sl;
	if ((st = tm_tmx_writer_new(&tw, path, &wo)) < 0)
		goto fail;
	for (size_t i = 0; i < nv; i++) {
		tm_unit *u = NULL;

		/* what /api/review would leave out */
		if (v[i].status != TM_LINK_CONFIRMED &&
		    !(v[i].confidence >= minc))
			continue;
		if ((st = review_unit(&u, &v[i], sl, tl,
		                      origin && *origin ? origin : "review")) < 0)
			goto fail;
		st = tm_tmx_writer_write_unit(tw, u);
		tm_unit_free(u);
		if (st < 0)
			goto fail;
	}
	if ((st = tm_tmx_writer_finish(tw)) < 0)
		goto fail;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) < 0) {
		srv_error(rs, 500, "internal", "review: %s", strerror(errno));
		goto out;
	}
	rs->status = 200;
	rs->fd = fd;
	rs->fd_size = sb.st_size;
	rs->ctype = "application/x-tmx+xml; charset=utf-8";
	rs->disposition = "attachment; filename=\"review.tmx\"";
	fd = -1;
	goto out;
fail:
	srv_tm_error(rs, st);
out:
	tm_tmx_writer_free(tw);
	if (fd >= 0)
		close(fd);
	if (path[0])
		unlink(path); /* the open descriptor keeps it readable */
	review_links_free(v, nv);
	tm_free(sl);
	tm_free(tl);
	free(origin);
}

/* ---- units ------------------------------------------------------------ */

/* POST /api/units {source_lang, target_lang, source, target[, origin,
 * duplicates, creationid, force]}: store one pair, as `tm add`: each
 * text checked against its language's script (unless force), the unit
 * stamped with creationdate, creationid (the request's, else the
 * server's $USER, tool_default_user()), creationtool and srclang. */
static void
api_units_add(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	char *sl = NULL, *tl = NULL, *s = NULL, *t = NULL, *origin = NULL,
	     *dup = NULL, *who = NULL;
	const char *why;
	tm_unit *u = NULL;
	tm_put_result pr;
	tm_dup_mode mode;
	bool miss;
	tm_status st;

	if (!(sl = srv_lang_param(rq, rs, "source_lang", true, &miss)) ||
	    !(tl = srv_lang_param(rq, rs, "target_lang", true, &miss)) ||
	    !(s = text_param(rq, rs, "source", true)) ||
	    !(t = text_param(rq, rs, "target", true)))
		goto out;
	origin = text_param(rq, rs, "origin", false);
	if (rs->status)
		goto out;
	dup = text_param(rq, rs, "duplicates", false);
	if (rs->status)
		goto out;
	if (!tool_dup_mode(dup, &mode)) {
		srv_error(rs, 400, "invalid",
		          "duplicates: merge, keep or skip-newer");
		goto out;
	}
	who = text_param(rq, rs, "creationid", false);
	if (rs->status)
		goto out;
	if (who && (!*who || strlen(who) > 200 || has_control(who))) {
		srv_error(rs, 400, "invalid", "creationid: 1 to 200 bytes of "
		                              "text without control characters");
		goto out;
	}
	if (!*s || !*t) {
		srv_error(rs, 400, "invalid", "source and target must not be "
		                              "empty");
		goto out;
	}
	/* as tm add: ko text without Hangul, a Korean sentence tagged kr */
	for (int k = 0; k < 2 && !flag_param(rq, "force"); k++) {
		if ((why = tool_script_check(k ? tl : sl, k ? t : s))) {
			srv_error(rs, 400, "wrong_script",
			          "%s: %s (\"force\": true stores it anyway)",
			          k ? "target" : "source", why);
			goto out;
		}
	}
	/* tm add's unit (tools/tool.c), stamped as tm add stamps it */
	if ((st = tool_pair_unit(&u, sl, s, tl, t)) < 0 ||
	    (st = tool_stamp_unit(u, sl, who ? who : tool_default_user())) <
	            0 ||
	    (st = tm_db_put(&pr, w->db, u, origin, mode)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	srv_languages_changed();
	srv_json(rs, rq, pr == TM_PUT_ADDED ? 201 : 200,
	         json_pack("{s:i,s:I,s:s}", "format", 1, "tu",
	                   (json_int_t)tm_unit_id(u), "result",
	                   tool_put_result_name(pr)));
out:
	tm_unit_free(u);
	tm_free(sl);
	tm_free(tl);
	free(s);
	free(t);
	free(origin);
	free(dup);
	free(who);
}

static json_t *
meta_json(const tm_meta *m)
{
	json_t *attrs = json_object(), *props = json_array(),
	       *notes = json_array();

	for (size_t i = 0; i < tm_meta_attr_count(m); i++) {
		const char *n, *v;

		if (tm_meta_attr_at(&n, &v, m, i) == TM_OK)
			json_object_set_new(attrs, n, json_string(v));
	}
	for (size_t i = 0; i < tm_meta_prop_count(m); i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		json_array_append_new(props,
		                      json_pack("{s:s,s:o,s:s}", "type", p->type,
		                                "lang", str_or_null(p->lang),
		                                "value", p->value));
	}
	for (size_t i = 0; i < tm_meta_note_count(m); i++) {
		const tm_note *n = tm_meta_note(m, i);

		json_array_append_new(notes,
		                      json_pack("{s:o,s:s}", "lang",
		                                str_or_null(n->lang), "text",
		                                n->text));
	}
	return json_pack("{s:o,s:o,s:o}", "attributes", attrs, "props", props,
	                 "notes", notes);
}

/* GET /api/units/{id}: the unit with its variants and metadata;
 * DELETE: remove it. */
static void
api_unit(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_unit *u = NULL;
	json_t *vars, *doc;
	tm_status st;

	if (rq->route.method == SRV_DELETE) {
		if ((st = tm_db_delete(w->db, rq->route.id)) < 0) {
			srv_tm_error(rs, st);
			return;
		}
		srv_languages_changed();
		srv_json(rs, rq, 200,
		         json_pack("{s:i,s:I}", "format", 1, "deleted",
		                   (json_int_t)rq->route.id));
		return;
	}
	if ((st = tm_db_get(&u, w->db, rq->route.id)) < 0) {
		srv_tm_error(rs, st);
		return;
	}
	vars = json_array();
	for (size_t i = 0; i < tm_unit_variant_count(u); i++) {
		tm_variant *v = tm_unit_variant(u, i);
		json_t *o = json_pack("{s:s,s:s,s:s}", "lang",
		                      tm_variant_lang(v), "text",
		                      tm_variant_plain(v), "markup",
		                      tm_variant_markup(v));

		json_object_update_new(o, meta_json(tm_variant_meta_const(v)));
		json_array_append_new(vars, o);
	}
	doc = json_pack("{s:i,s:I,s:o,s:o}", "format", 1, "tu",
	                (json_int_t)tm_unit_id(u), "origin",
	                str_or_null(tm_unit_origin(u)), "variants", vars);
	json_object_update_new(doc, meta_json(tm_unit_meta_const(u)));
	tm_unit_free(u);
	srv_json(rs, rq, 200, doc);
}

/* ---- stats ------------------------------------------------------------ */

static void
api_stats(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_db_stats s = TM_DB_STATS_INIT;
	json_t *langs, *pairs, *origins;
	tm_status st;

	if ((st = tm_db_stats_read(&s, w->db)) < 0) {
		tm_db_stats_dispose(&s);
		srv_tm_error(rs, st);
		return;
	}
	langs = json_array();
	pairs = json_array();
	origins = json_array();
	for (size_t i = 0; i < s.nlangs; i++)
		json_array_append_new(
		        langs, json_pack("{s:s,s:I,s:I}", "lang", s.langs[i].lang,
		                         "units", (json_int_t)s.langs[i].units,
		                         "variants",
		                         (json_int_t)s.langs[i].variants));
	for (size_t i = 0; i < s.npairs; i++)
		json_array_append_new(
		        pairs, json_pack("{s:[s,s],s:I,s:I}", "langs",
		                         s.pairs[i].lang1, s.pairs[i].lang2,
		                         "units", (json_int_t)s.pairs[i].units,
		                         "variants",
		                         (json_int_t)s.pairs[i].variants));
	for (size_t i = 0; i < s.norigins; i++)
		json_array_append_new(
		        origins, json_pack("{s:s?,s:I,s:b}", "name",
		                           s.origins[i].name, "units",
		                           (json_int_t)s.origins[i].units,
		                           "header", s.origins[i].has_header));
	/* the same keys as `tm stats --json`, without the server's path */
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:I,s:i,s:I,s:I,s:o,s:o,s:o,s:b}", "format", 1,
	                   "file_bytes", (json_int_t)s.file_bytes,
	                   "schema_version", s.schema_version, "units",
	                   (json_int_t)s.units, "variants",
	                   (json_int_t)s.variants, "languages", langs, "pairs",
	                   pairs, "origins", origins, "writable",
	                   w->cfg->allow_writes));
	tm_db_stats_dispose(&s);
}

/* ---- TMX export and import -------------------------------------------- */

/* A fresh name in the server's private directory (never a name from the
 * request); the file exists, empty. */
static bool
scratch_name(const srv_config *cfg, const char *stem, char *out, size_t cap)
{
	int fd;

	snprintf(out, cap, "%s/%s-XXXXXX", cfg->tmpdir, stem);
	if ((fd = mkstemp(out)) < 0)
		return false;
	close(fd);
	return true;
}

/* Languages "en,ko" -> a NULL-terminated array of normalized tags. */
static char **
lang_list(const char *s, bool *bad)
{
	size_t n = 1, k = 0;
	char **v, *copy, *tok, *save = NULL;

	*bad = false;
	for (const char *p = s; *p; p++)
		n += *p == ',';
	if (!(v = calloc(n + 1, sizeof(*v))) || !(copy = strdup(s))) {
		free(v);
		*bad = true;
		return NULL;
	}
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (tm_lang_normalize(&v[k], tok) < 0) {
			*bad = true;
			break;
		}
		k++;
	}
	free(copy);
	if (*bad || k == 0) {
		for (size_t i = 0; i < k; i++)
			tm_free(v[i]);
		free(v);
		*bad = true;
		return NULL;
	}
	return v;
}

/* GET /api/export[?source=en&target=ko,ru&since=DATE&origin=NAME&level=1]:
 * the TM (or the part asked for) as TMX 1.4b. Written by the library to
 * a scratch file first (its writer makes whole files only), then streamed
 * from disk: memory stays flat whatever the size. */
static void
api_export(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_tmx_export_options eo = TM_TMX_EXPORT_OPTIONS_INIT;
	tm_tmx_stats stats = TM_TMX_STATS_INIT;
	char path[512], *src = NULL, *targets = NULL, *since = NULL,
	                *origin = NULL, **tv = NULL;
	bool miss, bad;
	struct stat sb;
	tm_status st;
	int fd = -1;

	path[0] = '\0';
	src = srv_lang_param(rq, rs, "source", false, &miss);
	if (rs->status)
		goto out;
	targets = text_param(rq, rs, "target", false);
	if (rs->status)
		goto out;
	since = text_param(rq, rs, "since", false);
	if (rs->status)
		goto out;
	origin = text_param(rq, rs, "origin", false);
	if (rs->status)
		goto out;
	if (targets) {
		if (!src) {
			srv_error(rs, 400, "invalid",
			          "target needs source");
			goto out;
		}
		if (!(tv = lang_list(targets, &bad))) {
			srv_error(rs, 400, "invalid_language",
			          "target: a comma-separated list of "
			          "language tags");
			goto out;
		}
	}
	eo.srclang = src;
	eo.targets = (const char *const *)tv;
	eo.since = since;
	eo.origin = origin;
	if (flag_param(rq, "level1"))
		eo.flags |= TM_TMX_LEVEL1;
	if (!scratch_name(w->cfg, "export", path, sizeof(path))) {
		srv_error(rs, 500, "internal", "cannot make a scratch file: %s",
		          strerror(errno));
		path[0] = '\0';
		goto out;
	}
	if ((st = tm_tmx_export(&stats, w->db, path, &eo)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) < 0) {
		srv_error(rs, 500, "internal", "export: %s", strerror(errno));
		goto out;
	}
	rs->status = 200;
	rs->fd = fd;
	rs->fd_size = sb.st_size;
	rs->ctype = "application/x-tmx+xml; charset=utf-8";
	rs->disposition = "attachment; filename=\"tm.tmx\"";
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	if (path[0])
		unlink(path); /* the open descriptor keeps it readable */
	if (tv)
		for (size_t i = 0; tv[i]; i++)
			tm_free(tv[i]);
	free(tv);
	tm_tmx_stats_dispose(&stats);
	tm_free(src);
	free(targets);
	free(since);
	free(origin);
}

/* POST /api/import[?origin=NAME&duplicates=MODE&keep_going=1], the body a
 * TMX file (plain, .gz or .zip): one transaction, as `tm import`. */
static void
api_import(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	tm_tmx_import_options io = TM_TMX_IMPORT_OPTIONS_INIT;
	tm_tmx_stats stats = TM_TMX_STATS_INIT;
	char *origin = NULL, *dup = NULL;
	json_t *msgs;
	tm_status st;

	if (!rq->body_path) {
		srv_error(rs, 400, "invalid", "no TMX in the request body");
		return;
	}
	origin = text_param(rq, rs, "origin", false);
	if (rs->status)
		goto out;
	dup = text_param(rq, rs, "duplicates", false);
	if (rs->status)
		goto out;
	if (!tool_dup_mode(dup, &io.dup)) {
		srv_error(rs, 400, "invalid",
		          "duplicates: merge, keep or skip-newer");
		goto out;
	}
	/* the scratch file's name must not become the origin */
	io.origin = origin && *origin ? origin : "upload";
	if (flag_param(rq, "keep_going"))
		io.flags |= TM_TMX_KEEP_GOING;
	if ((st = tm_tmx_import(&stats, w->db, rq->body_path, &io)) < 0) {
		srv_tm_error(rs, st);
		goto out;
	}
	srv_languages_changed();
	msgs = json_array();
	for (size_t i = 0; i < stats.message_count && i < 100; i++)
		json_array_append_new(msgs, json_string(stats.messages[i]));
	srv_json(rs, rq, 200,
	         json_pack("{s:i,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:b,s:o}",
	                   "format", 1, "origin", io.origin, "units",
	                   (json_int_t)stats.units, "added",
	                   (json_int_t)stats.added, "merged",
	                   (json_int_t)stats.merged, "skipped",
	                   (json_int_t)stats.skipped, "rejected",
	                   (json_int_t)stats.rejected, "warnings",
	                   (json_int_t)stats.warnings, "truncated",
	                   stats.truncated, "messages", msgs));
out:
	tm_tmx_stats_dispose(&stats);
	free(origin);
	free(dup);
}

void
srv_api(srv_worker *w, const srv_req *rq, srv_resp *rs)
{
	switch (rq->route.kind) {
	case SRV_API_LOOKUP:
		api_lookup(w, rq, rs);
		break;
	case SRV_API_CONCORD:
		api_concord(w, rq, rs);
		break;
	case SRV_API_ALIGN:
		api_align(w, rq, rs);
		break;
	case SRV_API_REVIEW:
		api_review(w, rq, rs);
		break;
	case SRV_API_REVIEW_TMX:
		api_review_tmx(w, rq, rs);
		break;
	case SRV_API_UNITS:
		api_units_add(w, rq, rs);
		break;
	case SRV_API_UNIT:
		api_unit(w, rq, rs);
		break;
	case SRV_API_STATS:
		api_stats(w, rq, rs);
		break;
	case SRV_API_EXPORT:
		api_export(w, rq, rs);
		break;
	case SRV_API_IMPORT:
		api_import(w, rq, rs);
		break;
	case SRV_API_SEGMENT:
		api_segment(w, rq, rs);
		break;
	case SRV_API_TRANSLIT:
		api_translit(w, rq, rs);
		break;
	default:
		srv_error(rs, 404, "not_found", "no such resource");
		break;
	}
}
