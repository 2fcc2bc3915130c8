/* SPDX-License-Identifier: MIT */
/* `tm align`: align a story with its translation sentence by sentence and
 * write the links (links, tsv, tmx, json review file) or store them in the
 * TM. A thin layer over <tm/align.h>. */
#include "tool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	OPT_PRESEG = 256,
	OPT_FORMAT,
	OPT_DICT,
	OPT_ORIGIN,
	OPT_MINCONF,
	OPT_BATCH,
	OPT_REVIEW,
	OPT_NO_REALIGN,
	OPT_FORCE,
};

static const tool_opt align_opts[] = {
        {"source", 's', "LANG", "language of SRC (en, ko, ru, ...)"},
        {"target", 't', "LANG", "language of TGT"},
        {"presegmented", OPT_PRESEG, NULL,
         "inputs have one sentence a line, blank line = paragraph break"},
        {"format", OPT_FORMAT, "FMT", "links (default), tsv, tmx or json"},
        {"dict", OPT_DICT, "FILE",
         "bilingual dictionary, hunalign format 'target @ source'"},
        {"db", TOOL_OPT_DB, "PATH", "store the links in this TM"},
        {"origin", OPT_ORIGIN, "NAME",
         "document name stored with the units (default: SRC's name)"},
        {"min-confidence", OPT_MINCONF, "X",
         "with --db, store links of at least this confidence (0.5)"},
        {"batch", OPT_BATCH, "LIST", "align each 'SRC TGT' pair listed in LIST"},
        {"apply-review", OPT_REVIEW, "FILE",
         "store the links of a corrected json review file (needs --db)"},
        {"no-realign", OPT_NO_REALIGN, NULL,
         "one pass only (no word pairs learned from the first)"},
        {"force", OPT_FORCE, NULL,
         "with --db, store a pair judged not a translation of each other"},
        {"output", 'o', "OUT", "write to OUT instead of standard output"},
        {NULL, 0, NULL, NULL},
};

typedef enum { FMT_LINKS, FMT_TSV, FMT_TMX, FMT_JSON } out_format;

/* One side of a pair as sentences with paragraphs. */
typedef struct doc {
	char *buf; /* the file; sentences point into it (presegmented) */
	size_t len;
	tm_align_sentence *sent;
	size_t n;
	tm_segment_list *seglist; /* when segmented */
} doc;

typedef struct ctx {
	const tool_cmd *cmd;
	char *src_lang, *tgt_lang;
	bool preseg;
	out_format fmt;
	const char *db_path;
	const char *origin;
	double min_conf;
	FILE *out;
	const char *out_name;
	tm_aligner *al;
	tm_db *db;
	size_t tmx_units;
	size_t stored;
	bool force; /* store a pair the translation check refuses */
	bool min_conf_given;
} ctx;

static void
doc_free(doc *d)
{
	tm_segment_list_free(d->seglist);
	free(d->sent);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}

static bool
push_sentence(const tool_cmd *cmd, doc *d, size_t *cap, const char *text,
              size_t len, unsigned para)
{
	if (d->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		tm_align_sentence *v = realloc(d->sent, nc * sizeof(*v));

		if (!v) {
			tool_fail(cmd, "out of memory");
			return false;
		}
		d->sent = v;
		*cap = nc;
	}
	d->sent[d->n].text = text;
	d->sent[d->n].len = len;
	d->sent[d->n].paragraph = para;
	d->n++;
	return true;
}

/* One sentence a line; blank lines separate paragraphs. */
static bool
split_lines(const tool_cmd *cmd, doc *d)
{
	size_t cap = 0, i = 0;
	unsigned para = 0;
	bool blank_seen = false;

	while (i < d->len) {
		size_t e = i, s, t;

		while (e < d->len && d->buf[e] != '\n')
			e++;
		s = i;
		t = e;
		while (t > s && (d->buf[t - 1] == '\r' || d->buf[t - 1] == ' ' ||
		                 d->buf[t - 1] == '\t'))
			t--;
		while (s < t && (d->buf[s] == ' ' || d->buf[s] == '\t'))
			s++;
		if (s == t) {
			blank_seen = true;
		} else {
			if (blank_seen && d->n)
				para++;
			blank_seen = false;
			d->buf[t] = '\0';
			if (!push_sentence(cmd, d, &cap, d->buf + s, t - s, para))
				return false;
		}
		i = e + 1;
	}
	return true;
}

static bool
load_doc(ctx *c, doc *d, const char *path, const char *lang)
{
	tm_segmenter *seg = NULL;
	size_t cap = 0;

	memset(d, 0, sizeof(*d));
	if (!tool_read_file(c->cmd, path, &d->buf, &d->len))
		return false;
	if (!tool_check_utf8(c->cmd, path, d->buf, d->len))
		return false;
	if (c->preseg)
		return split_lines(c->cmd, d);
	if (tm_segmenter_new(&seg, lang, NULL) < 0) {
		tool_fail(c->cmd, "%s: %s", path, tm_errmsg());
		return false;
	}
	if (tm_segment_text(&d->seglist, seg, d->buf, d->len) < 0) {
		tool_fail(c->cmd, "%s: %s", path, tm_errmsg());
		tm_segmenter_free(seg);
		return false;
	}
	tm_segmenter_free(seg);
	for (size_t i = 0; i < tm_segment_list_count(d->seglist); i++) {
		const tm_segment *sg = tm_segment_list_get(d->seglist, i);

		if (!push_sentence(c->cmd, d, &cap, sg->text, sg->len,
		                   sg->paragraph))
			return false;
	}
	return true;
}

/* ---- writers ---------------------------------------------------------- */

static void
put_indices(FILE *f, size_t first, size_t n)
{
	fputc('[', f);
	for (size_t k = 0; k < n; k++)
		fprintf(f, "%s%zu", k ? "," : "", first + k);
	fputc(']', f);
}

/* Sentences joined with a space, tabs and newlines made spaces. */
static void
put_span(FILE *f, const doc *d, size_t first, size_t n, bool flat)
{
	for (size_t k = 0; k < n; k++) {
		const tm_align_sentence *s = &d->sent[first + k];

		if (k)
			fputc(' ', f);
		for (size_t i = 0; i < s->len; i++) {
			char ch = s->text[i];

			fputc(flat && (ch == '\t' || ch == '\n' || ch == '\r')
			              ? ' '
			              : ch,
			      f);
		}
	}
}

static char *
span_text(const doc *d, size_t first, size_t n)
{
	size_t len = 0, o = 0;
	char *s;

	for (size_t k = 0; k < n; k++)
		len += d->sent[first + k].len + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		if (k)
			s[o++] = ' ';
		memcpy(s + o, d->sent[first + k].text, d->sent[first + k].len);
		o += d->sent[first + k].len;
	}
	s[o] = '\0';
	return s;
}

static void
xml_escape(FILE *f, const char *s, size_t n, bool attr)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '&')
			fputs("&amp;", f);
		else if (ch == '<')
			fputs("&lt;", f);
		else if (ch == '>')
			fputs("&gt;", f);
		else if (attr && ch == '"')
			fputs("&quot;", f);
		else if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
			continue; /* not allowed in XML 1.0 */
		else
			fputc(ch, f);
	}
}

static void
tmx_begin(ctx *c)
{
	fprintf(c->out,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<tmx version=\"1.4\">\n"
	        "  <header creationtool=\"libtm\" creationtoolversion=\"%s\" "
	        "datatype=\"plaintext\" segtype=\"sentence\" "
	        "adminlang=\"en\" srclang=\"",
	        TM_VERSION_STRING);
	xml_escape(c->out, c->src_lang, strlen(c->src_lang), true);
	fputs("\" o-tmf=\"libtm\"/>\n  <body>\n", c->out);
}

static void
tmx_end(ctx *c)
{
	fputs("  </body>\n</tmx>\n", c->out);
}

static void
tmx_seg(ctx *c, const char *lang, const doc *d, size_t first, size_t n)
{
	fputs("      <tuv xml:lang=\"", c->out);
	xml_escape(c->out, lang, strlen(lang), true);
	fputs("\"><seg>", c->out);
	for (size_t k = 0; k < n; k++) {
		if (k)
			fputc(' ', c->out);
		xml_escape(c->out, d->sent[first + k].text,
		           d->sent[first + k].len, false);
	}
	fputs("</seg></tuv>\n", c->out);
}

static void
link_string(char *buf, size_t cap, const tm_align_link *l)
{
	size_t o = 0;

	o += (size_t)snprintf(buf + o, cap - o, "[");
	for (size_t k = 0; k < l->nsrc && o < cap; k++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%zu", k ? "," : "",
		                      l->src + k);
	if (o < cap)
		o += (size_t)snprintf(buf + o, cap - o, "]:[");
	for (size_t k = 0; k < l->ntgt && o < cap; k++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%zu", k ? "," : "",
		                      l->tgt + k);
	if (o < cap)
		snprintf(buf + o, cap - o, "]");
}

static void
write_tmx_units(ctx *c, const tm_align_result *r, const doc *s, const doc *t,
                const char *origin)
{
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);
		char lk[128];

		if (!l->nsrc || !l->ntgt)
			continue;
		link_string(lk, sizeof(lk), l);
		fprintf(c->out, "    <tu>\n      <prop type=\"x-align-score\">"
		                "%.3f</prop>\n      <prop type=\"x-align-link\">",
		        l->confidence);
		xml_escape(c->out, lk, strlen(lk), false);
		fputs("</prop>\n", c->out);
		if (origin) {
			fputs("      <prop type=\"x-origin\">", c->out);
			xml_escape(c->out, origin, strlen(origin), false);
			fputs("</prop>\n", c->out);
		}
		tmx_seg(c, c->src_lang, s, l->src, l->nsrc);
		tmx_seg(c, c->tgt_lang, t, l->tgt, l->ntgt);
		fputs("    </tu>\n", c->out);
		c->tmx_units++;
	}
}

static json_t *
json_indices(size_t first, size_t n)
{
	json_t *a = json_array();

	for (size_t k = 0; k < n; k++)
		json_array_append_new(a, json_integer((json_int_t)(first + k)));
	return a;
}

static json_t *
json_sentences(const doc *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(
		        a, json_pack("{s:s%,s:i}", "text", d->sent[i].text,
		                     d->sent[i].len, "paragraph",
		                     (json_int_t)d->sent[i].paragraph));
	return a;
}

static json_t *
review_doc(ctx *c, const tm_align_result *r, const doc *s, const doc *t,
           const char *sp, const char *tp)
{
	json_t *links = json_array();

	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);
		char *st = span_text(s, l->src, l->nsrc);
		char *tt = span_text(t, l->tgt, l->ntgt);
		json_t *o = json_pack(
		        "{s:o,s:o,s:f,s:f,s:s,s:s}", "src",
		        json_indices(l->src, l->nsrc), "tgt",
		        json_indices(l->tgt, l->ntgt), "confidence",
		        round(l->confidence * 1000) / 1000, "cost",
		        round(l->cost * 1000) / 1000, "src_text", st ? st : "",
		        "tgt_text", tt ? tt : "");

		if (l->nsrc)
			json_object_set_new(o, "src_paragraph",
			                    json_integer(s->sent[l->src].paragraph));
		if (l->ntgt)
			json_object_set_new(o, "tgt_paragraph",
			                    json_integer(t->sent[l->tgt].paragraph));
		free(st);
		free(tt);
		json_array_append_new(links, o);
	}
	return json_pack("{s:i,s:s,s:s,s:s,s:s,s:f,s:o,s:o,s:o}", "format", 1,
	                 "src_lang", c->src_lang, "tgt_lang", c->tgt_lang,
	                 "src_file", sp, "tgt_file", tp, "score",
	                 round(tm_align_result_score(r) * 1000) / 1000, "links",
	                 links, "src_sentences", json_sentences(s),
	                 "tgt_sentences", json_sentences(t));
}

/* ---- storing ---------------------------------------------------------- */

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* The texts around a stored link: the sentence before and after its span
 * on each side (NULL at a document's edge), so that lookup can rank a
 * match whose neighbours agree with the query's (in-context match). */
typedef struct link_ctx {
	const char *src_prev, *src_next, *tgt_prev, *tgt_next;
} link_ctx;

/* Add @text as variant prop @type when there is one. */
static tm_status
add_ctx_prop(tm_variant *v, const char *type, const char *text)
{
	if (!text || !*text)
		return TM_OK;
	return tm_meta_add_prop(tm_variant_meta(v), type, NULL, text);
}

/* Store one link as a unit; @score NAN for a reviewed link. */
static int
store_link(ctx *c, const char *st, const char *tt, const link_ctx *lc,
           const char *lk, double score, const char *origin)
{
	tm_unit *u = NULL;
	tm_variant *vs, *vt;
	char num[32];
	tm_status rc;

	if (tm_unit_new(&u) < 0 ||
	    tm_unit_add_variant(&vs, u, c->src_lang, NULL, st) < 0 ||
	    tm_unit_add_variant(&vt, u, c->tgt_lang, NULL, tt) < 0)
		goto fail;
	/* memoQ's prop names, which the store turns into tuv.ctx_prev and
	 * ctx_next and the TMX writer exports as they are */
	if (add_ctx_prop(vs, "x-context-pre", lc->src_prev) < 0 ||
	    add_ctx_prop(vs, "x-context-post", lc->src_next) < 0 ||
	    add_ctx_prop(vt, "x-context-pre", lc->tgt_prev) < 0 ||
	    add_ctx_prop(vt, "x-context-post", lc->tgt_next) < 0)
		goto fail;
	if (!isnan(score)) {
		snprintf(num, sizeof(num), "%.3f", score);
		if (tm_meta_add_prop(tm_unit_meta(u), "x-align-score", NULL,
		                     num) < 0)
			goto fail;
	} else if (tm_meta_add_prop(tm_unit_meta(u), "x-align-reviewed", NULL,
	                            "yes") < 0) {
		goto fail;
	}
	if (tm_meta_add_prop(tm_unit_meta(u), "x-align-link", NULL, lk) < 0)
		goto fail;
	rc = tm_db_put(NULL, c->db, u, origin, TM_DUP_MERGE);
	tm_unit_free(u);
	if (rc < 0)
		return tool_fail(c->cmd, "%s: %s", c->db_path, tm_errmsg());
	c->stored++;
	return EXIT_OK;
fail:
	tm_unit_free(u);
	return tool_fail(c->cmd, "%s", tm_errmsg());
}

/* Sentence @i of @d as a string (NULL when out of range); free() it. */
static char *
sentence_dup(const doc *d, size_t i)
{
	if (i >= d->n)
		return NULL;
	return span_text(d, i, 1);
}

static int
store_result(ctx *c, const tm_align_result *r, const doc *s, const doc *t,
             const char *src_path)
{
	const char *origin = c->origin ? c->origin : base_name(src_path);
	int rc = EXIT_OK;

	for (size_t i = 0; i < tm_align_result_count(r) && rc == EXIT_OK; i++) {
		const tm_align_link *l = tm_align_result_link(r, i);
		char lk[128];
		char *st, *tt, *sp, *sn, *tp, *tn;
		link_ctx lc;

		if (!l->nsrc || !l->ntgt || l->confidence < c->min_conf)
			continue;
		link_string(lk, sizeof(lk), l);
		st = span_text(s, l->src, l->nsrc);
		tt = span_text(t, l->tgt, l->ntgt);
		sp = l->src ? sentence_dup(s, l->src - 1) : NULL;
		sn = sentence_dup(s, l->src + l->nsrc);
		tp = l->tgt ? sentence_dup(t, l->tgt - 1) : NULL;
		tn = sentence_dup(t, l->tgt + l->ntgt);
		lc = (link_ctx){sp, sn, tp, tn};
		if (!st || !tt || (l->src && !sp) ||
		    (l->src + l->nsrc < s->n && !sn) || (l->tgt && !tp) ||
		    (l->tgt + l->ntgt < t->n && !tn))
			rc = tool_fail(c->cmd, "out of memory");
		else
			rc = store_link(c, st, tt, &lc, lk, l->confidence,
			                origin);
		free(st);
		free(tt);
		free(sp);
		free(sn);
		free(tp);
		free(tn);
	}
	return rc;
}

/* ---- the translation check -------------------------------------------- */

/* Each file must be written in its language's script: swapped files
 * (-s en -t ko with the Korean file first) or a file of another language
 * are a usage error naming the file, caught before aligning. */
static int
check_scripts(ctx *c, const doc *s, const char *sp, const doc *t,
              const char *tp)
{
	if (tm_align_check_script(s->sent, s->n, c->src_lang) < 0)
		return tool_usage(c->cmd, "%s: %s (-s %s)", sp, tm_errmsg(),
		                  c->src_lang);
	if (tm_align_check_script(t->sent, t->n, c->tgt_lang) < 0)
		return tool_usage(c->cmd, "%s: %s (-t %s)", tp, tm_errmsg(),
		                  c->tgt_lang);
	return EXIT_OK;
}

/* The library's verdict on the pair: with --db, a pair judged not a
 * translation is refused (nothing stored) unless --force; without --db it
 * is a warning. The library caps such a pair's link confidences at its
 * score, so --force stores its links whatever their confidence unless
 * --min-confidence was given: *@min_conf receives the floor to apply. */
static int
judge_pair(ctx *c, const tm_align_result *r, const char *sp, const char *tp,
           double *min_conf)
{
	double score = tm_align_result_score(r);

	*min_conf = c->min_conf;
	if (tm_align_result_verdict(r) != TM_ALIGN_NOT_TRANSLATION)
		return EXIT_OK;
	if (c->force && !c->min_conf_given)
		*min_conf = 0;
	if (c->db && !c->force)
		return tool_fail(c->cmd,
		                 "%s and %s: not a translation of each other "
		                 "(document score %.2f); nothing stored (--force "
		                 "stores it)",
		                 sp, tp, score);
	tool_warn(c->cmd,
	          "%s and %s: document score %.2f: probably not a "
	          "translation of each other",
	          sp, tp, score);
	return EXIT_OK;
}

/* ---- one pair --------------------------------------------------------- */

static int
align_pair(ctx *c, const char *sp, const char *tp, bool batch)
{
	doc s = {0}, t = {0};
	tm_align_result *r = NULL;
	double min_conf_given = c->min_conf, min_conf;
	int rc = EXIT_OK;

	if (!load_doc(c, &s, sp, c->src_lang) ||
	    !load_doc(c, &t, tp, c->tgt_lang)) {
		rc = EXIT_FAIL;
		goto out;
	}
	rc = check_scripts(c, &s, sp, &t, tp);
	if (rc != EXIT_OK)
		goto out;
	if (tm_align_run(&r, c->al, s.sent, s.n, t.sent, t.n) < 0) {
		rc = tool_fail(c->cmd, "%s: %s", sp, tm_errmsg());
		goto out;
	}
	rc = judge_pair(c, r, sp, tp, &min_conf);
	if (rc != EXIT_OK)
		goto out;
	if (c->db) {
		if (tm_db_begin(c->db) < 0) {
			rc = tool_fail(c->cmd, "%s: %s", c->db_path, tm_errmsg());
			goto out;
		}
		c->min_conf = min_conf;
		rc = store_result(c, r, &s, &t, sp);
		c->min_conf = min_conf_given;
		if (rc != EXIT_OK)
			tm_db_rollback(c->db);
		else if (tm_db_commit(c->db) < 0)
			rc = tool_fail(c->cmd, "%s: %s", c->db_path, tm_errmsg());
		goto out;
	}
	switch (c->fmt) {
	case FMT_LINKS:
		if (batch)
			fprintf(c->out, "# %s\t%s\n", sp, tp);
		for (size_t i = 0; i < tm_align_result_count(r); i++) {
			const tm_align_link *l = tm_align_result_link(r, i);

			put_indices(c->out, l->src, l->nsrc);
			fputc(':', c->out);
			put_indices(c->out, l->tgt, l->ntgt);
			fprintf(c->out, ":%.2f\n", l->confidence);
		}
		break;
	case FMT_TSV:
		if (batch)
			fprintf(c->out, "# %s\t%s\n", sp, tp);
		for (size_t i = 0; i < tm_align_result_count(r); i++) {
			const tm_align_link *l = tm_align_result_link(r, i);

			put_span(c->out, &s, l->src, l->nsrc, true);
			fputc('\t', c->out);
			put_span(c->out, &t, l->tgt, l->ntgt, true);
			fprintf(c->out, "\t%.2f\n", l->confidence);
		}
		break;
	case FMT_TMX:
		write_tmx_units(c, r, &s, &t, batch ? sp : NULL);
		break;
	case FMT_JSON:
		if (tool_json_print(review_doc(c, r, &s, &t, sp, tp), c->out))
			rc = tool_fail(c->cmd, "%s: write failed", c->out_name);
		break;
	}
out:
	tm_align_result_free(r);
	doc_free(&s);
	doc_free(&t);
	return rc;
}

/* ---- review files ----------------------------------------------------- */

static bool
read_indices(json_t *a, size_t *first, size_t *n, size_t max)
{
	size_t k;
	json_t *v;

	*first = 0;
	*n = 0;
	if (!json_is_array(a))
		return false;
	json_array_foreach(a, k, v) {
		json_int_t x;

		if (!json_is_integer(v))
			return false;
		x = json_integer_value(v);
		if (x < 0 || (size_t)x >= max)
			return false;
		if (k == 0)
			*first = (size_t)x;
		else if ((size_t)x != *first + k)
			return false; /* a link covers consecutive sentences */
		(*n)++;
	}
	return true;
}

static const char *
sentence_text(json_t *arr, size_t i)
{
	return json_string_value(json_object_get(json_array_get(arr, i), "text"));
}

static char *
json_span(json_t *arr, size_t first, size_t n)
{
	size_t len = 0, o = 0;
	char *s;

	for (size_t k = 0; k < n; k++)
		len += strlen(sentence_text(arr, first + k)) + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		const char *t = sentence_text(arr, first + k);

		if (k)
			s[o++] = ' ';
		memcpy(s + o, t, strlen(t));
		o += strlen(t);
	}
	s[o] = '\0';
	return s;
}

static int
apply_review(ctx *c, const char *path)
{
	json_error_t err;
	json_t *doc_j = json_load_file(path, 0, &err), *links, *ss, *ts, *l;
	size_t k;
	int rc = EXIT_OK;

	if (!doc_j)
		return tool_fail(c->cmd, "%s:%d:%d: %s", path, err.line,
		                 err.column, err.text);
	links = json_object_get(doc_j, "links");
	ss = json_object_get(doc_j, "src_sentences");
	ts = json_object_get(doc_j, "tgt_sentences");
	if (json_integer_value(json_object_get(doc_j, "format")) != 1 ||
	    !json_is_array(links) || !json_is_array(ss) || !json_is_array(ts)) {
		json_decref(doc_j);
		return tool_fail(c->cmd, "%s: not a tm align review file", path);
	}
	if (!c->src_lang || !c->tgt_lang) {
		const char *sl = json_string_value(json_object_get(doc_j, "src_lang"));
		const char *tl = json_string_value(json_object_get(doc_j, "tgt_lang"));

		if (!sl || !tl) {
			json_decref(doc_j);
			return tool_fail(c->cmd, "%s: no src_lang or tgt_lang", path);
		}
		free(c->src_lang);
		free(c->tgt_lang);
		c->src_lang = strdup(sl);
		c->tgt_lang = strdup(tl);
		if (!c->src_lang || !c->tgt_lang) {
			json_decref(doc_j);
			return tool_fail(c->cmd, "out of memory");
		}
	}
	/* check everything first: a bad file stores nothing */
	json_array_foreach(links, k, l) {
		size_t a, na, b, nb;

		if (!read_indices(json_object_get(l, "src"), &a, &na,
		                  json_array_size(ss)) ||
		    !read_indices(json_object_get(l, "tgt"), &b, &nb,
		                  json_array_size(ts))) {
			json_decref(doc_j);
			return tool_fail(c->cmd,
			                 "%s: link %zu: bad sentence indices", path,
			                 k);
		}
		for (size_t q = 0; q < na; q++)
			if (!sentence_text(ss, a + q))
				rc = EXIT_FAIL;
		for (size_t q = 0; q < nb; q++)
			if (!sentence_text(ts, b + q))
				rc = EXIT_FAIL;
		if (rc != EXIT_OK) {
			json_decref(doc_j);
			return tool_fail(c->cmd, "%s: link %zu: sentence without "
			                         "text",
			                 path, k);
		}
	}
	{
		const char *origin = c->origin;

		if (!origin)
			origin = json_string_value(
			        json_object_get(doc_j, "src_file"));
		if (tm_db_begin(c->db) < 0) {
			json_decref(doc_j);
			return tool_fail(c->cmd, "%s: %s", c->db_path,
			                 tm_errmsg());
		}
		json_array_foreach(links, k, l) {
			size_t a, na, b, nb;
			tm_align_link tl = {0};
			link_ctx lc;
			char lk[128];
			char *st, *tt;

			if (json_is_true(json_object_get(l, "rejected")))
				continue;
			read_indices(json_object_get(l, "src"), &a, &na,
			             json_array_size(ss));
			read_indices(json_object_get(l, "tgt"), &b, &nb,
			             json_array_size(ts));
			if (!na || !nb)
				continue;
			tl.src = a;
			tl.nsrc = na;
			tl.tgt = b;
			tl.ntgt = nb;
			link_string(lk, sizeof(lk), &tl);
			st = json_span(ss, a, na);
			tt = json_span(ts, b, nb);
			lc.src_prev = a ? sentence_text(ss, a - 1) : NULL;
			lc.src_next = sentence_text(ss, a + na);
			lc.tgt_prev = b ? sentence_text(ts, b - 1) : NULL;
			lc.tgt_next = sentence_text(ts, b + nb);
			if (!st || !tt)
				rc = tool_fail(c->cmd, "out of memory");
			else
				rc = store_link(c, st, tt, &lc, lk, NAN, origin);
			free(st);
			free(tt);
			if (rc != EXIT_OK)
				break;
		}
		if (rc != EXIT_OK)
			tm_db_rollback(c->db);
		else if (tm_db_commit(c->db) < 0)
			rc = tool_fail(c->cmd, "%s: %s", c->db_path, tm_errmsg());
	}
	json_decref(doc_j);
	return rc;
}

/* ---- main ------------------------------------------------------------- */

static int
run_align(const tool_cmd *cmd, int argc, char **argv)
{
	ctx c = {0};
	const char *fmt = "links", *dict = NULL, *batch = NULL, *review = NULL;
	const char *out_path = NULL;
	tm_align_options ao = TM_ALIGN_OPTIONS_INIT;
	int opt, rc = EXIT_OK;
	char *end;

	c.cmd = cmd;
	c.min_conf = 0.5;
	c.out = stdout;
	c.out_name = "<stdout>";
	while ((opt = tool_getopt(cmd, argc, argv)) != -1) {
		switch (opt) {
		case 'h':
			rc = EXIT_OK;
			goto out;
		case 's':
			free(c.src_lang);
			if (!(c.src_lang = tool_lang(cmd, "--source", optarg))) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case 't':
			free(c.tgt_lang);
			if (!(c.tgt_lang = tool_lang(cmd, "--target", optarg))) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_PRESEG:
			c.preseg = true;
			break;
		case OPT_FORMAT:
			fmt = optarg;
			break;
		case OPT_DICT:
			dict = optarg;
			break;
		case TOOL_OPT_DB:
			c.db_path = optarg;
			break;
		case OPT_ORIGIN:
			c.origin = optarg;
			break;
		case OPT_MINCONF:
			errno = 0;
			c.min_conf = strtod(optarg, &end);
			c.min_conf_given = true;
			if (errno || *end || end == optarg || c.min_conf < 0 ||
			    c.min_conf > 1) {
				rc = tool_usage(cmd, "--min-confidence: expected a "
				                     "number in [0,1], got '%s'",
				                optarg);
				goto out;
			}
			break;
		case OPT_BATCH:
			batch = optarg;
			break;
		case OPT_REVIEW:
			review = optarg;
			break;
		case OPT_NO_REALIGN:
			ao.flags |= TM_ALIGN_NO_REALIGN;
			break;
		case OPT_FORCE:
			c.force = true;
			break;
		case 'o':
			out_path = optarg;
			break;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (strcmp(fmt, "links") == 0)
		c.fmt = FMT_LINKS;
	else if (strcmp(fmt, "tsv") == 0)
		c.fmt = FMT_TSV;
	else if (strcmp(fmt, "tmx") == 0)
		c.fmt = FMT_TMX;
	else if (strcmp(fmt, "json") == 0)
		c.fmt = FMT_JSON;
	else {
		rc = tool_usage(cmd, "--format: unknown format '%s' (links, tsv, "
		                     "tmx, json)",
		                fmt);
		goto out;
	}
	if (review && !c.db_path) {
		rc = tool_usage(cmd, "--apply-review needs --db");
		goto out;
	}
	if (!review && (!c.src_lang || !c.tgt_lang)) {
		rc = tool_usage(cmd, "both -s LANG and -t LANG are required");
		goto out;
	}
	if (!review && !batch && argc - optind != 2) {
		rc = tool_usage(cmd, "expected SRC and TGT files");
		goto out;
	}
	if ((review || batch) && argc - optind != 0) {
		rc = tool_usage(cmd, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!review && tm_align_new(&c.al, c.src_lang, c.tgt_lang, &ao) < 0) {
		rc = tool_usage(cmd, "%s", tm_errmsg());
		goto out;
	}
	if (dict && c.al && tm_align_dict_load(NULL, c.al, dict) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg() + strlen("align: "));
		goto out;
	}
	if (c.db_path) {
		tm_db_options dbo = TM_DB_OPTIONS_INIT;

		dbo.busy_timeout_ms = tool_busy_timeout_ms();
		if (tm_db_open(&c.db, c.db_path, &dbo) < 0) {
			rc = tool_fail(cmd, "%s: %s", c.db_path, tm_errmsg());
			goto out;
		}
	}
	if (out_path && !c.db) {
		c.out = fopen(out_path, "w");
		if (!c.out) {
			c.out = stdout;
			rc = tool_fail(cmd, "%s: %s", out_path, strerror(errno));
			goto out;
		}
		c.out_name = out_path;
	}
	if (review) {
		rc = apply_review(&c, review);
		goto out;
	}
	if (c.fmt == FMT_TMX && !c.db)
		tmx_begin(&c);
	if (batch) {
		FILE *f = fopen(batch, "r");
		char *line = NULL;
		size_t cap = 0, lineno = 0;
		ssize_t n;
		bool any_fail = false, any_ok = false;

		if (!f) {
			rc = tool_fail(cmd, "%s: %s", batch, strerror(errno));
			goto out;
		}
		while ((n = getline(&line, &cap, f)) > 0) {
			char sp[4096], tp[4096];

			lineno++;
			if (line[0] == '#' || strspn(line, " \t\r\n") == (size_t)n)
				continue;
			if (sscanf(line, "%4095s %4095s", sp, tp) != 2) {
				tool_fail(cmd, "%s:%zu: expected 'SRC TGT'", batch,
				          lineno);
				any_fail = true;
				continue;
			}
			if (align_pair(&c, sp, tp, true) == EXIT_OK)
				any_ok = true;
			else
				any_fail = true;
		}
		free(line);
		fclose(f);
		rc = any_fail ? (any_ok ? EXIT_PARTIAL : EXIT_FAIL) : EXIT_OK;
	} else {
		rc = align_pair(&c, argv[optind], argv[optind + 1], false);
	}
	if (c.fmt == FMT_TMX && !c.db)
		tmx_end(&c);
	if (!c.db && !tool_flush(cmd, c.out, c.out_name) && rc == EXIT_OK)
		rc = EXIT_FAIL;
out:
	if (c.out && c.out != stdout)
		fclose(c.out);
	if (c.db && tm_db_close(c.db) < 0 && rc == EXIT_OK)
		rc = tool_fail(cmd, "%s: %s", c.db_path, tm_errmsg());
	tm_align_free(c.al);
	free(c.src_lang);
	free(c.tgt_lang);
	return rc;
}

const tool_cmd cmd_align = {
        "align", "align a story and its translation sentence by sentence",
        "-s LANG -t LANG SRC TGT | --batch LIST | --apply-review FILE --db "
        "PATH",
        align_opts, run_align};
