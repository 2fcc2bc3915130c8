/* SPDX-License-Identifier: MIT */
/* `tm align`: align a story with its translation sentence by sentence and
 * write the links (links, tsv, tmx, json review file) or store them in the
 * TM. A thin layer over <tm/align.h>. */
#include "tool.h"
#include "review.h"

#include <errno.h>
#include <inttypes.h>
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
	OPT_NO_LEXICON,
	OPT_NO_CORE_LEXICON,
	OPT_LEXICON_FROM,
	OPT_LEXICON_OUT,
};

static const tool_opt align_opts[] = {
        {"source", 's', "LANG", "language of SRC (en, ko, ru, ...)"},
        {"target", 't', "LANG", "language of TGT"},
        {"presegmented", OPT_PRESEG, NULL,
         "inputs have one sentence a line, blank line = paragraph break"},
        {"format", OPT_FORMAT, "FMT", "links (default), tsv, tmx or json"},
        {"json", TOOL_OPT_JSON, NULL, "same as --format json"},
        {"dict", OPT_DICT, "FILE",
         "bilingual dictionary: hunalign format 'target @ source', or "
         "dictd's (FreeDict .index)"},
        {"db", TOOL_OPT_DB, "PATH", "store the links in this TM"},
        {"origin", OPT_ORIGIN, "NAME",
         "document name stored with the units (default: SRC's path, "
         "normalised)"},
        {"min-confidence", OPT_MINCONF, "X",
         "with --db, store links of at least this confidence (0.5)"},
        {"batch", OPT_BATCH, "LIST", "align each 'SRC TGT' pair listed in LIST"},
        {"apply-review", OPT_REVIEW, "FILE",
         "store the links of a corrected json review file (needs --db)"},
        {"no-realign", OPT_NO_REALIGN, NULL,
         "one pass only (no word pairs learned from the first)"},
        {"no-lexicon", OPT_NO_LEXICON, NULL,
         "learn no word pairs from the batch's other stories or the TM "
         "(the built-in core lexicon stays)"},
        {"no-core-lexicon", OPT_NO_CORE_LEXICON, NULL,
         "leave out the built-in core lexicon of common words "
         "(en-ko, en-ru, de-fr)"},
        {"lexicon-from", OPT_LEXICON_FROM, "TM",
         "learn word pairs from this TM's units too (read only)"},
        {"lexicon-out", OPT_LEXICON_OUT, "FILE",
         "write the word pairs learned (and --dict's) to FILE, hunalign "
         "format"},
        {"force", OPT_FORCE, NULL,
         "store (with --db) or align (a large pair) a pair judged not a "
         "translation of each other"},
        {"output", 'o', "OUT", "write to OUT instead of standard output"},
        {"quiet", 'q', NULL,
         "no warnings, and with --db no summary line of what was stored"},
        {NULL, 0, NULL, NULL},
};

typedef enum { FMT_LINKS, FMT_TSV, FMT_TMX, FMT_JSON } out_format;

/* One side of a pair as sentences with paragraphs. */
typedef struct doc {
	char *buf; /* the file */
	size_t len;
	tm_align_sentence *sent;
	size_t n;
	tm_segment_list *seglist; /* its segments (kinds included) */
	unsigned char *apart; /* per sentence: tm_seg_kind_apart() of its
	                         kind */
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
	tm_tmx_writer *tw; /* --format tmx */
	tm_aligner *al;
	tm_db *db;
	size_t tmx_units;
	size_t stored;
	bool force; /* store a pair the translation check refuses */
	bool min_conf_given;
	bool review; /* --apply-review: the summary gives the statuses */
	/* the lexicon's sources (docs/alignment.md, "Lexicon"): sentence
	 * pairs of the TM and the batch's confident links, learned from in
	 * one call before anything is aligned */
	bool no_lexicon;
	const char *lexicon_from, *lexicon_out;
	tm_align_sentence *learn_src, *learn_tgt; /* texts owned */
	size_t nlearn, learn_cap;
} ctx;

static void
doc_free(doc *d)
{
	tm_segment_list_free(d->seglist);
	free(d->apart);
	free(d->sent);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}

static bool
push_sentence(const tool_cmd *cmd, doc *d, size_t *cap, const char *text,
              size_t len, unsigned para)
{
	if (!TM__ARRAY_GROW(d->sent, *cap, d->n + 1, 256)) {
		tool_fail(cmd, "out of memory");
		return false;
	}
	d->sent[d->n].text = text;
	d->sent[d->n].len = len;
	d->sent[d->n].paragraph = para;
	d->n++;
	return true;
}

/* What tm_align_run_apart() is told of each sentence of @d, segmented or
 * presegmented (a line that is wholly furniture, a note or an end mark
 * has that kind, tm_segment_kind()), by tm_seg_kind_apart()
 * (docs/alignment.md, "Notes and end marks"): notes
 * and end marks are never linked; wire-copy furniture is kept out of the
 * alignment and the translation check too, and linked by its place only
 * to its like on the other side (a dateline with the translation's
 * dateline or Yonhap's "(서울=연합뉴스) ... 기자 ="); such a link is never
 * stored (furniture_link()). */
static bool
mark_apart(ctx *c, doc *d)
{
	d->apart = calloc(d->n ? d->n : 1, 1);
	if (!d->apart) {
		tool_fail(c->cmd, "out of memory");
		return false;
	}
	for (size_t i = 0; i < d->n; i++)
		d->apart[i] = tm_seg_kind_apart(
		        tm_segment_list_get(d->seglist, i)->kind);
	return true;
}

/* Whether link @l holds a sentence of furniture or a note on either
 * side: a dateline, a byline with a reporter's name or e-mail, a credit
 * is right for this story only (a lookup of another story's dateline
 * would get this one's date and reporter), so it is never stored. */
static bool
furniture_link(const doc *s, const doc *t, const tm_align_link *l)
{
	return review_link_apart(s->apart, t->apart, l);
}

static bool
load_doc(ctx *c, doc *d, const char *path, const char *lang)
{
	tm_segmenter *seg = NULL;
	tm_segmenter_options so = TM_SEGMENTER_OPTIONS_INIT;
	size_t cap = 0;

	memset(d, 0, sizeof(*d));
	if (!tool_read_file(c->cmd, path, &d->buf, &d->len))
		return false;
	if (!tool_check_utf8(c->cmd, path, d->buf, d->len))
		return false;
	/* --presegmented: the segmenter's own one-sentence-a-line mode, so
	 * that `tm segment --presegmented` and `tm align --presegmented`
	 * read a file alike (kinds of whole lines included) */
	so.flags = c->preseg ? TM_SEG_FLAG_PRESEGMENTED : 0;
	if (tm_segmenter_new(&seg, lang, &so) < 0) {
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
	return mark_apart(c, d);
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

/* The links of @r as units of the library's TMX writer: the same bytes as
 * `tm export` would write for them (C0 controls kept as x-libtm-ctrl
 * placeholders, the file renamed into place at the end). */
static bool
write_tmx_units(ctx *c, const tm_align_result *r, const doc *s, const doc *t,
                const char *origin)
{
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);
		char lk[128], score[32];
		char *st = NULL, *tt = NULL;
		tm_unit *u = NULL;
		tm_meta *m;
		tm_status rc;

		/* a TMX file is a TM too: furniture as never stored */
		if (!l->nsrc || !l->ntgt || furniture_link(s, t, l))
			continue;
		link_string(lk, sizeof(lk), l);
		snprintf(score, sizeof(score), "%.3f", l->confidence);
		st = span_text(s, l->src, l->nsrc);
		tt = span_text(t, l->tgt, l->ntgt);
		rc = st && tt ? tm_unit_new(&u) : TM_ENOMEM;
		if (rc == TM_OK) {
			m = tm_unit_meta(u);
			rc = tm_meta_add_prop(m, "x-align-score", NULL, score);
		}
		if (rc == TM_OK)
			rc = tm_meta_add_prop(m, "x-align-link", NULL, lk);
		if (rc == TM_OK && origin)
			rc = tm_meta_add_prop(m, "x-origin", NULL, origin);
		if (rc == TM_OK)
			rc = tm_unit_add_variant(NULL, u, c->src_lang, NULL, st);
		if (rc == TM_OK)
			rc = tm_unit_add_variant(NULL, u, c->tgt_lang, NULL, tt);
		if (rc == TM_OK)
			rc = tm_tmx_writer_write_unit(c->tw, u);
		tm_unit_free(u);
		free(st);
		free(tt);
		if (rc < 0) {
			tool_fail(c->cmd, "%s: %s", c->out_name,
			          rc == TM_ENOMEM ? "out of memory" : tm_errmsg());
			return false;
		}
		c->tmx_units++;
	}
	return true;
}

static json_t *
json_sentences(const doc *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->n; i++) {
		json_t *o = json_pack("{s:s%,s:i}", "text", d->sent[i].text,
		                      d->sent[i].len, "paragraph",
		                      (json_int_t)d->sent[i].paragraph);

		/* the segmenter's kind, so that a reviewer sees why a note
		 * or an end mark has no partner (presegmented: the kind of
		 * the whole line) */
		if (d->seglist)
			json_object_set_new(
			        o, "kind",
			        json_string(tm_seg_kind_name(
			                tm_segment_list_get(d->seglist, i)->kind)));
		json_array_append_new(a, o);
	}
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
		        "{s:o,s:o,s:f,s:f,s:s,s:s}", "source",
		        review_indices_json(l->src, l->nsrc), "target",
		        review_indices_json(l->tgt, l->ntgt), "confidence",
		        round(l->confidence * 1000) / 1000, "cost",
		        round(l->cost * 1000) / 1000, "source_text",
		        st ? st : "", "target_text", tt ? tt : "");

		/* what the file says of each link: the aligner's, until a
		 * reviewer confirms it (or edits it: review_read_link()) */
		json_object_set_new(o, "status", json_string("auto"));
		if (st && tt) {
			char sum[17];

			review_texts_check(sum, st, tt);
			json_object_set_new(o, "check", json_string(sum));
		}
		/* the kinds are in the sentence lists; what the store does
		 * with such a link is said here (--apply-review: the same) */
		if (l->nsrc && l->ntgt && furniture_link(s, t, l))
			json_object_set_new(o, "store",
			                    json_string(REVIEW_STORE_FURNITURE));
		if (l->nsrc)
			json_object_set_new(o, "source_paragraph",
			                    json_integer(s->sent[l->src].paragraph));
		if (l->ntgt)
			json_object_set_new(o, "target_paragraph",
			                    json_integer(t->sent[l->tgt].paragraph));
		free(st);
		free(tt);
		json_array_append_new(links, o);
	}
	return json_pack("{s:i,s:s,s:s,s:s,s:s,s:f,s:o,s:o,s:o}", "format",
	                 REVIEW_FORMAT,
	                 "source_lang", c->src_lang, "target_lang", c->tgt_lang,
	                 "source_file", sp, "target_file", tp, "score",
	                 round(tm_align_result_score(r) * 1000) / 1000, "links",
	                 links, "source_sentences", json_sentences(s),
	                 "target_sentences", json_sentences(t));
}

/* ---- storing ---------------------------------------------------------- */

/* The origin of a story named @path on the command line: the path as
 * given, lexically normalised ("./a/../b/en.txt" -> "b/en.txt", "//x" ->
 * "/x"; an absolute path stays absolute, ".." above a relative start
 * stays), so that two files never share one (the base name did: a/en.txt
 * and b/en.txt were both "en.txt"). free() it; NULL when out of memory. */
static char *
origin_of_path(const char *path)
{
	size_t n = strlen(path), depth = 0, o = 0;
	bool abs = path[0] == '/';
	/* the components kept: offset and length in @path */
	size_t(*comp)[2] = malloc((n / 2 + 1) * sizeof(*comp));
	char *out = malloc(n + 2);

	if (!comp || !out) {
		free(comp);
		free(out);
		return NULL;
	}
	for (size_t i = 0; i <= n;) {
		size_t j = i, len;

		while (j < n && path[j] != '/')
			j++;
		len = j - i;
		if (len == 2 && path[i] == '.' && path[i + 1] == '.') {
			if (depth && !(comp[depth - 1][1] == 2 &&
			               memcmp(path + comp[depth - 1][0], "..",
			                      2) == 0))
				depth--; /* a/.. is nothing */
			else if (!abs)
				comp[depth][0] = i, comp[depth++][1] = len;
			/* /.. is / */
		} else if (len && !(len == 1 && path[i] == '.')) {
			comp[depth][0] = i;
			comp[depth++][1] = len;
		}
		i = j + 1;
	}
	if (abs)
		out[o++] = '/';
	for (size_t k = 0; k < depth; k++) {
		if (k)
			out[o++] = '/';
		memcpy(out + o, path + comp[k][0], comp[k][1]);
		o += comp[k][1];
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	free(comp);
	return out;
}

/* The one summary line of what was stored (stderr, not with -q); with
 * --apply-review, how many of the @n links stored were confirmed and how
 * many left automatic; how many links of furniture were left out
 * (@furniture, furniture_link()). */
static void
report_stored(ctx *c, const char *origin, const tm_db_links_stats *st,
              const tm_db_link *links, size_t n, size_t furniture)
{
	long long confirmed = 0;

	if (tool_quiet)
		return;
	fprintf(stderr,
	        "tm align: %s: %lld added, %lld merged, %lld below "
	        "--min-confidence %.2f",
	        origin, st->added, st->merged, st->skipped, c->min_conf);
	for (size_t i = 0; c->review && i < n; i++)
		confirmed += links[i].status == TM_LINK_CONFIRMED;
	/* confirmed links are never skipped: the rest stored are auto */
	if (c->review)
		fprintf(stderr, "; %lld confirmed, %lld auto", confirmed,
		        st->added + st->merged - confirmed);
	if (st->replaced || st->released)
		fprintf(stderr,
		        "; replaced the origin's %lld earlier units (%lld kept "
		        "for other origins)",
		        st->replaced + st->released, st->released);
	if (furniture)
		fprintf(stderr, "; %zu furniture link%s not stored", furniture,
		        furniture == 1 ? "" : "s");
	fputc('\n', stderr);
}

/* Store @links under @origin in one transaction and report it, with the
 * number of @furniture links left out. */
static int
store_links(ctx *c, const tm_db_link *links, size_t n, const char *origin,
            size_t furniture)
{
	tm_db_links_options o = TM_DB_LINKS_OPTIONS_INIT;
	tm_db_links_stats st = TM_DB_LINKS_STATS_INIT;

	o.source_lang = c->src_lang;
	o.target_lang = c->tgt_lang;
	o.origin = origin;
	o.min_confidence = c->min_conf;
	/* the store's messages name the TM file: "db: t.db: ..." */
	if (tm_db_put_links(&st, c->db, links, n, &o) < 0)
		return tool_fail(c->cmd, "%s", tm_errmsg());
	c->stored += (size_t)(st.added + st.merged);
	report_stored(c, origin, &st, links, n, furniture);
	return EXIT_OK;
}

/* Sentence @i of @d as a string (NULL when out of range); free() it. */
static char *
sentence_dup(const doc *d, size_t i)
{
	if (i >= d->n)
		return NULL;
	return span_text(d, i, 1);
}

/* The links of @r with both sides, with their texts and neighbours;
 * links of furniture are left out (furniture_link()). */
static int
store_result(ctx *c, const tm_align_result *r, const doc *s, const doc *t,
             const char *src_path)
{
	size_t n = tm_align_result_count(r), k = 0, furniture = 0;
	tm_db_link *v = calloc(n ? n : 1, sizeof(*v));
	char *origin = c->origin ? strdup(c->origin) : origin_of_path(src_path);
	int rc = EXIT_OK;

	if (!v || !origin) {
		free(v);
		free(origin);
		return tool_fail(c->cmd, "out of memory");
	}
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		const tm_align_link *l = tm_align_result_link(r, i);
		tm_db_link *x = &v[k];
		char lk[128];

		if (!l->nsrc || !l->ntgt)
			continue;
		if (furniture_link(s, t, l)) {
			furniture++;
			continue;
		}
		k++;
		link_string(lk, sizeof(lk), l);
		x->link = strdup(lk);
		x->src_text = span_text(s, l->src, l->nsrc);
		x->tgt_text = span_text(t, l->tgt, l->ntgt);
		x->src_prev = l->src ? sentence_dup(s, l->src - 1) : NULL;
		x->src_next = sentence_dup(s, l->src + l->nsrc);
		x->tgt_prev = l->tgt ? sentence_dup(t, l->tgt - 1) : NULL;
		x->tgt_next = sentence_dup(t, l->tgt + l->ntgt);
		x->confidence = l->confidence;
		x->status = TM_LINK_AUTO;
		if (!x->link || !x->src_text || !x->tgt_text ||
		    (l->src && !x->src_prev) ||
		    (l->src + l->nsrc < s->n && !x->src_next) ||
		    (l->tgt && !x->tgt_prev) ||
		    (l->tgt + l->ntgt < t->n && !x->tgt_next))
			rc = tool_fail(c->cmd, "out of memory");
	}
	if (rc == EXIT_OK)
		rc = store_links(c, v, k, origin, furniture);
	review_links_free(v, k);
	free(origin);
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

/* Source sentences times target from which a pair judged not a
 * translation is refused even without --db: the library aligns it in one
 * bounded band only (TM__ALIGN_UNRELATED_PAIRS in libtm/align-private.h),
 * so its links are not worth printing either. */
#define UNRELATED_PAIRS 1e6

/* The library's verdict on the pair of @ns and @nt sentences: with --db,
 * or when it is large (UNRELATED_PAIRS), a pair judged not a translation
 * is refused (nothing stored or printed) unless --force; otherwise it is a
 * warning. With --db, a pair the check is unsure of is stored with a
 * warning. The library caps such a pair's link confidences at its
 * score, so --force stores its links whatever their confidence unless
 * --min-confidence was given: *@min_conf receives the floor to apply. */
static int
judge_pair(ctx *c, const tm_align_result *r, const char *sp, const char *tp,
           size_t ns, size_t nt, double *min_conf)
{
	double score = tm_align_result_score(r);

	*min_conf = c->min_conf;
	if (tm_align_result_verdict(r) == TM_ALIGN_UNSURE && c->db) {
		/* stored (a true pair is never refused for want of
		 * evidence), but not silently. The library gives the verdict
		 * and the score, not why: the message says what was seen
		 * (the sentence counts show a short side) and no more; "few
		 * numbers or names" was wrong for a shortened translation,
		 * which the check leaves unsure for its length and the
		 * numbers only the longer side has */
		tool_warn(c->cmd,
		          "%s and %s: document score %.2f: the translation "
		          "check is unsure whether they translate each other "
		          "(%zu and %zu sentences); stored, check it",
		          sp, tp, score, ns, nt);
		return EXIT_OK;
	}
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
	if ((double)ns * (double)nt >= UNRELATED_PAIRS && !c->force)
		return tool_fail(c->cmd,
		                 "%s and %s: not a translation of each other "
		                 "(document score %.2f, %zu and %zu sentences); "
		                 "nothing aligned (--force aligns it)",
		                 sp, tp, score, ns, nt);
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
	if (tm_align_run_apart(&r, c->al, s.sent, s.n, s.apart, t.sent, t.n,
	                       t.apart) < 0) {
		rc = tool_fail(c->cmd, "%s: %s", sp, tm_errmsg());
		goto out;
	}
	rc = judge_pair(c, r, sp, tp, s.n, t.n, &min_conf);
	if (rc != EXIT_OK)
		goto out;
	if (c->db) {
		c->min_conf = min_conf;
		rc = store_result(c, r, &s, &t, sp);
		c->min_conf = min_conf_given;
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
		if (!write_tmx_units(c, r, &s, &t, batch ? sp : NULL))
			rc = EXIT_FAIL;
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

/* Read link @k of a review file into @x (texts allocated, see
 * review_links_free()); false after reporting why it cannot be stored. */
static bool
review_link(ctx *c, const char *path, size_t k, json_t *l, json_t *ss,
            json_t *ts, int format, tm_db_link *x, size_t *unstated)
{
	const char *side, *why;
	bool u;

	if (review_read_link(l, ss, ts, format, x, &u, &side, &why)) {
		*unstated += u;
		return true;
	}
	if (why)
		tool_fail(c->cmd, "%s: link %zu: %s %s", path, k, side, why);
	else
		tool_fail(c->cmd, "out of memory");
	return false;
}

/* Store the links of a corrected review file with their status
 * (review_read_link(): "auto" with its confidence, "confirmed", an
 * edited link confirmed), replacing what its origin had: links marked
 * "rejected", 1-0/0-1 links and links of furniture (review_link_furniture())
 * are left out; edited texts are stored as
 * edited (see review_text()). A format 1 file's links without a status
 * are confirmed, with a warning that says how many. */
static int
apply_review(ctx *c, const char *path)
{
	json_error_t err;
	json_t *doc_j = json_load_file(path, 0, &err), *links, *ss, *ts, *l;
	tm_db_link *v = NULL;
	size_t k, nv = 0, unstated = 0, furniture = 0;
	char *origin = NULL;
	int rc = EXIT_OK, format;

	if (!doc_j)
		return tool_fail(c->cmd, "%s:%d:%d: %s", path, err.line,
		                 err.column, err.text);
	links = json_object_get(doc_j, "links");
	ss = review_get(doc_j, "source_sentences");
	ts = review_get(doc_j, "target_sentences");
	format = review_format(doc_j);
	if (!format) {
		json_decref(doc_j);
		return tool_fail(c->cmd, "%s: not a tm align review file", path);
	}
	if (!c->src_lang || !c->tgt_lang) {
		const char *sl = review_lang(doc_j, true);
		const char *tl = review_lang(doc_j, false);

		if (!sl || !tl) {
			json_decref(doc_j);
			return tool_fail(c->cmd,
			                 "%s: no source_lang or target_lang",
			                 path);
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

		if (!review_indices(review_get(l, "source"), &a, &na,
		                  json_array_size(ss)) ||
		    !review_indices(review_get(l, "target"), &b, &nb,
		                  json_array_size(ts))) {
			json_decref(doc_j);
			return tool_fail(c->cmd,
			                 "%s: link %zu: bad sentence indices", path,
			                 k);
		}
		for (size_t q = 0; q < na; q++)
			if (!review_sentence_text(ss, a + q))
				rc = EXIT_FAIL;
		for (size_t q = 0; q < nb; q++)
			if (!review_sentence_text(ts, b + q))
				rc = EXIT_FAIL;
		if (rc != EXIT_OK) {
			json_decref(doc_j);
			return tool_fail(c->cmd, "%s: link %zu: sentence without "
			                         "text",
			                 path, k);
		}
	}
	/* the neighbours of every sentence are needed for context */
	for (size_t q = 0; q < json_array_size(ss) && rc == EXIT_OK; q++)
		if (!review_sentence_text(ss, q))
			rc = tool_fail(c->cmd, "%s: src_sentences %zu: no text",
			               path, q);
	for (size_t q = 0; q < json_array_size(ts) && rc == EXIT_OK; q++)
		if (!review_sentence_text(ts, q))
			rc = tool_fail(c->cmd, "%s: tgt_sentences %zu: no text",
			               path, q);
	if (rc == EXIT_OK) {
		v = calloc(json_array_size(links) + 1, sizeof(*v));
		if (c->origin)
			origin = strdup(c->origin);
		else if (json_string_value(review_get(doc_j, "source_file")))
			origin = origin_of_path(json_string_value(
			        review_get(doc_j, "source_file")));
		else
			rc = tool_fail(c->cmd,
			               "%s: no source_file: give --origin",
			               path);
		if (rc == EXIT_OK && (!v || !origin))
			rc = tool_fail(c->cmd, "out of memory");
	}
	json_array_foreach(links, k, l) {
		json_t *src = review_get(l, "source"),
		       *tgt = review_get(l, "target");

		if (rc != EXIT_OK)
			break;
		if (json_is_true(json_object_get(l, "rejected")) ||
		    !json_array_size(src) || !json_array_size(tgt))
			continue;
		if (review_link_furniture(l, ss, ts)) {
			furniture++;
			continue;
		}
		if (!review_link(c, path, k, l, ss, ts, format, &v[nv++],
		                 &unstated))
			rc = EXIT_FAIL;
	}
	if (rc == EXIT_OK && unstated)
		tool_warn(c->cmd,
		          "%s: format 1: %zu link%s without a \"status\" "
		          "stored as confirmed, as applying a format 1 file "
		          "confirms; give a link \"status\": \"auto\" to "
		          "keep it automatic",
		          path, unstated, unstated == 1 ? "" : "s");
	c->review = true;
	if (rc == EXIT_OK)
		rc = store_links(c, v, nv, origin, furniture);
	review_links_free(v, nv);
	free(origin);
	json_decref(doc_j);
	return rc;
}

/* ---- batch lists ------------------------------------------------------ */

/* The next field of a batch line at *@p: a word, or a name in double or
 * single quotes (in double quotes, \" and \\ stand for " and \); a
 * copy (caller frees), NULL when there is none or its quote is not
 * closed. */
static char *
batch_field(const char **p)
{
	const char *s = *p + strspn(*p, " \t\r\n");
	char *out, *o;

	if (!*s)
		return NULL;
	out = o = malloc(strlen(s) + 1);
	if (!out)
		return NULL;
	if (*s == '"' || *s == '\'') {
		char q = *s++;

		for (; *s && *s != q; s++) {
			if (q == '"' && *s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			*o++ = *s;
		}
		if (*s != q) {
			free(out);
			return NULL;
		}
		s++;
	} else {
		while (*s && !strchr(" \t\r\n", *s))
			*o++ = *s++;
	}
	*o = '\0';
	*p = s;
	return out;
}

/* Path @name of list @list: a relative name is relative to the list's
 * directory, so that a list works from wherever tm is run (caller
 * frees; NULL when out of memory). */
static char *
batch_path(const char *list, const char *name)
{
	const char *slash = strrchr(list, '/');
	size_t dl;
	char *out;

	if (name[0] == '/' || !slash)
		return strdup(name);
	dl = (size_t)(slash - list) + 1;
	out = malloc(dl + strlen(name) + 1);
	if (out) {
		memcpy(out, list, dl);
		strcpy(out + dl, name);
	}
	return out;
}

/* The SRC and TGT of batch line @line of list @list, resolved (see
 * batch_path()); false when the line has not exactly two fields. */
static bool
batch_pair(const char *list, const char *line, char **sp, char **tp)
{
	const char *p = line;
	char *a = batch_field(&p), *b = a ? batch_field(&p) : NULL;
	bool ok = a && b && !p[strspn(p, " \t\r\n")];

	*sp = ok ? batch_path(list, a) : NULL;
	*tp = ok ? batch_path(list, b) : NULL;
	free(a);
	free(b);
	if (ok && *sp && *tp)
		return true;
	free(*sp);
	free(*tp);
	*sp = *tp = NULL;
	return false;
}

/* ---- main ------------------------------------------------------------- */

/* The options run_align() reads beyond those of ctx. */
typedef struct align_args {
	const char *fmt, *dict, *batch, *review, *out_path;
	tm_align_options ao;
} align_args;

/* Phase 1: the options into @c and @a; -1 to go on, else the exit
 * status (--help, a usage error). */
static int
parse_args(ctx *c, align_args *a, int argc, char **argv)
{
	const tool_cmd *cmd = c->cmd;
	char *end;
	int opt;

	while ((opt = tool_getopt(cmd, argc, argv)) != -1) {
		switch (opt) {
		case 'h':
			return EXIT_OK;
		case 's':
			free(c->src_lang);
			if (!(c->src_lang = tool_lang(cmd, "--source", optarg))) {
				return EXIT_USAGE;
			}
			break;
		case 't':
			free(c->tgt_lang);
			if (!(c->tgt_lang = tool_lang(cmd, "--target", optarg))) {
				return EXIT_USAGE;
			}
			break;
		case OPT_PRESEG:
			c->preseg = true;
			break;
		case OPT_FORMAT:
			a->fmt = optarg;
			break;
		case TOOL_OPT_JSON:
			a->fmt = "json";
			break;
		case OPT_DICT:
			a->dict = optarg;
			break;
		case TOOL_OPT_DB:
			c->db_path = optarg;
			break;
		case OPT_ORIGIN:
			c->origin = optarg;
			break;
		case OPT_MINCONF:
			errno = 0;
			c->min_conf = strtod(optarg, &end);
			c->min_conf_given = true;
			if (errno || *end || end == optarg ||
			    !(c->min_conf >= 0 && c->min_conf <= 1)) {
				return tool_usage(cmd, "--min-confidence: expected "
				                       "a number in [0,1], got "
				                       "'%s'",
				                  optarg);
			}
			break;
		case OPT_BATCH:
			a->batch = optarg;
			break;
		case OPT_REVIEW:
			a->review = optarg;
			break;
		case OPT_NO_REALIGN:
			a->ao.flags |= TM_ALIGN_NO_REALIGN;
			break;
		case OPT_FORCE:
			c->force = true;
			break;
		case OPT_NO_LEXICON:
			c->no_lexicon = true;
			break;
		case OPT_NO_CORE_LEXICON:
			a->ao.flags |= TM_ALIGN_NO_CORE_LEXICON;
			break;
		case OPT_LEXICON_FROM:
			c->lexicon_from = optarg;
			break;
		case OPT_LEXICON_OUT:
			c->lexicon_out = optarg;
			break;
		case 'o':
			a->out_path = optarg;
			break;
		case 'q':
			tool_quiet = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	return -1;
}

/* Phase 2: options that conflict, would do nothing or are missing:
 * EXIT_OK, else the usage error's status. */
static int
check_args(ctx *c, align_args *a, int argc, char **argv)
{
	const tool_cmd *cmd = c->cmd;
	int rc = EXIT_OK;

	/* options that would do nothing or contradict each other */
	if (c->db_path && (a->fmt || a->out_path)) {
		rc = tool_usage(cmd, "--db stores the links: not with %s",
		                a->fmt ? "--format" : "-o/--output");
		return rc;
	}
	if (a->review && a->batch) {
		rc = tool_usage(cmd, "--apply-review and --batch: one or the "
		                     "other");
		return rc;
	}
	if (!c->db_path && (c->min_conf_given || c->origin)) {
		rc = tool_usage(cmd, "%s needs --db",
		                c->origin ? "--origin" : "--min-confidence");
		return rc;
	}
	if (!a->fmt)
		a->fmt = "links";
	if (strcmp(a->fmt, "links") == 0)
		c->fmt = FMT_LINKS;
	else if (strcmp(a->fmt, "tsv") == 0)
		c->fmt = FMT_TSV;
	else if (strcmp(a->fmt, "tmx") == 0)
		c->fmt = FMT_TMX;
	else if (strcmp(a->fmt, "json") == 0)
		c->fmt = FMT_JSON;
	else {
		rc = tool_usage(cmd, "--format: unknown format '%s' (links, tsv, "
		                     "tmx, json)",
		                a->fmt);
		return rc;
	}
	if (a->review && !c->db_path) {
		rc = tool_usage(cmd, "--apply-review needs --db");
		return rc;
	}
	if (a->review && (c->lexicon_from || c->lexicon_out || c->no_lexicon ||
	                  (a->ao.flags & TM_ALIGN_NO_CORE_LEXICON))) {
		rc = tool_usage(cmd, "--apply-review aligns nothing: not with "
		                     "%s",
		                c->lexicon_from  ? "--lexicon-from"
		                : c->lexicon_out ? "--lexicon-out"
		                : c->no_lexicon  ? "--no-lexicon"
		                                 : "--no-core-lexicon");
		return rc;
	}
	if (!a->review && (!c->src_lang || !c->tgt_lang)) {
		rc = tool_usage(cmd, "both -s LANG and -t LANG are required");
		return rc;
	}
	if (!a->review && !a->batch && argc - optind != 2) {
		rc = tool_usage(cmd, "expected SRC and TGT files");
		return rc;
	}
	if (a->batch && c->origin && c->db_path) {
		/* each pair is a document: one name would make each pair
		 * replace the one before */
		rc = tool_usage(cmd, "--origin names one document: not with "
		                     "--batch");
		return rc;
	}
	if ((a->review || a->batch) && argc - optind != 0) {
		rc = tool_usage(cmd, "unexpected argument '%s'", argv[optind]);
		return rc;
	}
	return rc;
}

/* Phase 3: the aligner (and its dictionary), the TM, the output:
 * EXIT_OK, else the failure's status. */
static int
open_all(ctx *c, const align_args *a)
{
	const tool_cmd *cmd = c->cmd;
	tm_align_options ao = a->ao;
	int rc = EXIT_OK;

	/* judge_pair() refuses a large pair judged not a translation unless
	 * --force: the library need not align it (10^5 sentences a side: a
	 * band of 25 each) */
	if (!c->force)
		ao.flags |= TM_ALIGN_STOP_UNRELATED;
	/* a batch learns from all its stories: each is aligned once in its
	 * first pass (learning from itself there too cost the de-fr dev
	 * set's one-story batch 0.903 -> 0.900), and its second pass has
	 * the batch's pairs */
	if (a->batch)
		ao.flags |= TM_ALIGN_NO_SELF_LEARN;
	if (!a->review &&
	    tm_aligner_new(&c->al, c->src_lang, c->tgt_lang, &ao) < 0) {
		rc = tool_usage(cmd, "%s", tm_errmsg());
		return rc;
	}
	if (a->dict && c->al &&
	    tm_aligner_dict_load(NULL, c->al, a->dict) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg() + strlen("align: "));
		return rc;
	}
	if (c->db_path) {
		tm_db_options dbo = TM_DB_OPTIONS_INIT;

		dbo.busy_timeout_ms = tool_busy_timeout_ms();
		tool_lock_notice(cmd, c->db_path);
		if (tm_db_open(&c->db, c->db_path, &dbo) < 0) {
			rc = tool_fail(cmd, "%s", tm_errmsg());
			return rc;
		}
	}
	if (c->fmt == FMT_TMX && !c->db && !a->review) {
		tm_tmx_write_options wo = TM_TMX_WRITE_OPTIONS_INIT;

		wo.srclang = c->src_lang;
		c->out_name = a->out_path ? a->out_path : "<stdout>";
		if (tm_tmx_writer_new(&c->tw, a->out_path ? a->out_path : "-",
		                      &wo) < 0) {
			rc = tool_fail(cmd, "%s", tm_errmsg());
			return rc;
		}
	} else if (a->out_path && !c->db) {
		c->out = fopen(a->out_path, "w");
		if (!c->out) {
			c->out = stdout;
			return tool_fail(cmd, "%s: %s", a->out_path,
			                 strerror(errno));
		}
		c->out_name = a->out_path;
	}
	return rc;
}

/* ---- the lexicon's sources ------------------------------------------- */

/* Units of the TM a lexicon is learned from, at most: the first ones in
 * id order having both languages (docs/alignment.md, "Lexicon": 0.6 s
 * of CPU on a TM of a million units). */
#define LEARN_TM_UNITS 20000
/* Links of the batch's first pass learned from: 1-1 links at least this
 * confident, of pairs not judged unrelated. */
#define LEARN_MIN_CONFIDENCE 0.5

/* One sentence pair to learn from (copies of the texts). */
static bool
learn_push(ctx *c, const char *s, size_t sl, const char *t, size_t tl)
{
	char *cs, *ct;
	size_t cap = c->learn_cap;

	if (!TM__ARRAY_GROW(c->learn_src, c->learn_cap, c->nlearn + 1, 1024))
		return false;
	if (c->learn_cap != cap) {
		/* learn_tgt has learn_src's capacity (a failure here ends the
		 * run: nothing is pushed after it) */
		tm_align_sentence *v = realloc(c->learn_tgt,
		                               c->learn_cap * sizeof(*v));

		if (!v)
			return false;
		c->learn_tgt = v;
	}
	cs = malloc(sl + 1);
	ct = malloc(tl + 1);
	if (!cs || !ct) {
		free(cs);
		free(ct);
		return false;
	}
	memcpy(cs, s, sl);
	cs[sl] = '\0';
	memcpy(ct, t, tl);
	ct[tl] = '\0';
	c->learn_src[c->nlearn] = (tm_align_sentence){cs, sl, 0};
	c->learn_tgt[c->nlearn] = (tm_align_sentence){ct, tl, 0};
	c->nlearn++;
	return true;
}

static void
learn_free(ctx *c)
{
	for (size_t i = 0; i < c->nlearn; i++) {
		free((char *)c->learn_src[i].text);
		free((char *)c->learn_tgt[i].text);
	}
	free(c->learn_src);
	free(c->learn_tgt);
}

/* The first LEARN_TM_UNITS units of TM @db with a variant in each
 * language, as sentence pairs to learn from. The store's messages name
 * the TM file ("db: t.db: ..."), so they are printed as they are. */
static int
learn_from_tm(ctx *c, tm_db *db)
{
	const char *langs[] = {c->src_lang, c->tgt_lang, NULL};
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_db_cursor *cur = NULL;
	tm_unit *u = NULL;
	size_t taken = 0;
	tm_status st;

	q.langs = langs;
	q.flags = TM_DB_QUERY_ONLY_LANGS;
	if (tm_db_cursor_new(&cur, db, &q) < 0)
		return tool_fail(c->cmd, "%s", tm_errmsg());
	while (taken < LEARN_TM_UNITS && (st = tm_db_cursor_next(&u, cur)) == TM_OK) {
		const char *s = NULL, *t = NULL;

		for (size_t i = 0; i < tm_unit_variant_count(u); i++) {
			const tm_variant *v = tm_unit_variant_const(u, i);

			if (!s && tm_lang_matches(c->src_lang, tm_variant_lang(v)))
				s = tm_variant_plain(v);
			else if (!t && tm_lang_matches(c->tgt_lang,
			                               tm_variant_lang(v)))
				t = tm_variant_plain(v);
		}
		if (s && t && *s && *t) {
			if (!learn_push(c, s, strlen(s), t, strlen(t))) {
				tm_unit_free(u);
				tm_db_cursor_free(cur);
				return tool_fail(c->cmd, "out of memory");
			}
			taken++;
		}
		tm_unit_free(u);
		u = NULL;
	}
	tm_db_cursor_free(cur);
	if (st < 0 && taken < LEARN_TM_UNITS)
		return tool_fail(c->cmd, "%s", tm_errmsg());
	return EXIT_OK;
}

/* The TM sources of the lexicon: --lexicon-from, and the --db TM unless
 * --no-lexicon. */
static int
learn_tms(ctx *c)
{
	int rc = EXIT_OK;

	if (c->lexicon_from) {
		tm_db_options dbo = TM_DB_OPTIONS_INIT;
		tm_db *db = NULL;

		dbo.flags = TM_DB_READONLY;
		dbo.busy_timeout_ms = tool_busy_timeout_ms();
		if (tm_db_open(&db, c->lexicon_from, &dbo) < 0)
			return tool_fail(c->cmd, "%s", tm_errmsg());
		rc = learn_from_tm(c, db);
		if (tm_db_close(db) < 0 && rc == EXIT_OK)
			rc = tool_fail(c->cmd, "%s", tm_errmsg());
	}
	if (rc == EXIT_OK && c->db && !c->no_lexicon)
		rc = learn_from_tm(c, c->db);
	return rc;
}

/* Learn from what was gathered, and write --lexicon-out. */
static int
learn_now(ctx *c)
{
	size_t n = 0;

	if (c->nlearn &&
	    tm_aligner_learn(&n, c->al, c->learn_src, c->learn_tgt,
	                     c->nlearn) < 0)
		return tool_fail(c->cmd, "%s", tm_errmsg());
	if (tool_verbose)
		fprintf(stderr, "tm align: %zu word pairs learned from %zu "
		                "sentence pairs\n",
		        n, c->nlearn);
	if (c->lexicon_out &&
	    tm_aligner_lexicon_write(NULL, c->al, c->lexicon_out) < 0)
		return tool_fail(c->cmd, "%s", tm_errmsg() + strlen("align: "));
	return EXIT_OK;
}

/* A pair of a batch list. */
typedef struct batch_entry {
	char *sp, *tp; /* NULL: a bad line */
	size_t lineno;
	bool failed;   /* a file could not be read (said in the first pass) */
} batch_entry;

/* The batch's first pass: each pair aligned alone, its confident 1-1
 * links gathered to learn from (a story alone is too short to learn its
 * words from; the batch is not). Nothing is written; a file that cannot
 * be read is said here and its pair marked failed, the other failures
 * are left to the second pass. */
static int
pool_batch(ctx *c, batch_entry *e, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		doc s = {0}, t = {0};
		tm_align_result *r = NULL;

		if (!e[k].sp)
			continue;
		if (!load_doc(c, &s, e[k].sp, c->src_lang) ||
		    !load_doc(c, &t, e[k].tp, c->tgt_lang)) {
			e[k].failed = true;
			goto next;
		}
		if (tm_align_check_script(s.sent, s.n, c->src_lang) < 0 ||
		    tm_align_check_script(t.sent, t.n, c->tgt_lang) < 0 ||
		    tm_align_run_apart(&r, c->al, s.sent, s.n, s.apart, t.sent,
		                       t.n, t.apart) < 0 ||
		    tm_align_result_verdict(r) == TM_ALIGN_NOT_TRANSLATION)
			goto next;
		for (size_t i = 0; i < tm_align_result_count(r); i++) {
			const tm_align_link *l = tm_align_result_link(r, i);

			/* furniture is linked by its place, not its words */
			if (l->nsrc != 1 || l->ntgt != 1 ||
			    l->confidence < LEARN_MIN_CONFIDENCE ||
			    furniture_link(&s, &t, l))
				continue;
			if (!learn_push(c, s.sent[l->src].text, s.sent[l->src].len,
			                t.sent[l->tgt].text, t.sent[l->tgt].len)) {
				tm_align_result_free(r);
				doc_free(&s);
				doc_free(&t);
				return tool_fail(c->cmd, "out of memory");
			}
		}
	next:
		tm_align_result_free(r);
		doc_free(&s);
		doc_free(&t);
	}
	return EXIT_OK;
}

/* Phase 4 with --batch: each pair of list @batch; EXIT_PARTIAL when some
 * failed. Unless --no-lexicon, a first pass learns word pairs from all
 * the pairs before the second aligns each with them. */
static int
run_batch(ctx *c, const char *batch)
{
	const tool_cmd *cmd = c->cmd;
	FILE *f = fopen(batch, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0, n = 0, ecap = 0;
	ssize_t len;
	bool any_fail = false, any_ok = false;
	batch_entry *e = NULL;
	int rc = EXIT_OK;

	if (!f) {
		return tool_fail(cmd, "%s: %s", batch, strerror(errno));
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[0] == '#' || strspn(line, " \t\r\n") == (size_t)len)
			continue;
		if (!TM__ARRAY_GROW(e, ecap, n + 1, 64)) {
			rc = tool_fail(cmd, "out of memory");
			break;
		}
		memset(&e[n], 0, sizeof(e[n]));
		e[n].lineno = lineno;
		batch_pair(batch, line, &e[n].sp, &e[n].tp);
		n++;
	}
	free(line);
	fclose(f);
	if (rc == EXIT_OK && !c->no_lexicon)
		rc = pool_batch(c, e, n);
	if (rc == EXIT_OK)
		rc = learn_now(c);
	for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
		int prc;

		if (!e[k].sp) {
			tool_fail(cmd,
			          "%s:%zu: expected 'SRC TGT' (quote a "
			          "name with spaces)",
			          batch, e[k].lineno);
			any_fail = true;
			continue;
		}
		prc = e[k].failed ? EXIT_FAIL
		                  : align_pair(c, e[k].sp, e[k].tp, true);
		if (prc == EXIT_OK)
			any_ok = true;
		else
			any_fail = true;
	}
	for (size_t k = 0; k < n; k++) {
		free(e[k].sp);
		free(e[k].tp);
	}
	free(e);
	if (rc != EXIT_OK)
		return rc;
	return any_fail ? (any_ok ? EXIT_PARTIAL : EXIT_FAIL) : EXIT_OK;
}

/* Phase 5: the output completed (the TMX renamed into place) or, after a
 * failure, dropped; returns @rc or the failure to finish. */
static int
finish_output(ctx *c, int rc)
{
	const tool_cmd *cmd = c->cmd;

	if (c->tw) {
		/* a failed single pair leaves no file; a batch's failed pairs
		 * are left out of it (EXIT_PARTIAL) */
		if ((rc == EXIT_OK || rc == EXIT_PARTIAL) &&
		    tm_tmx_writer_finish(c->tw) < 0)
			rc = tool_fail(cmd, "%s", tm_errmsg());
	} else if (!c->db && !tool_flush(cmd, c->out, c->out_name) &&
	           rc == EXIT_OK) {
		rc = EXIT_FAIL;
	}
	return rc;
}

static int
run_align(const tool_cmd *cmd, int argc, char **argv)
{
	ctx c = {0};
	align_args a = {.ao = TM_ALIGN_OPTIONS_INIT};
	int rc;

	c.cmd = cmd;
	tool_quiet = false;
	c.min_conf = 0.5;
	c.out = stdout;
	c.out_name = "<stdout>";
	rc = parse_args(&c, &a, argc, argv);
	if (rc != -1)
		goto out; /* --help, a usage error */
	rc = check_args(&c, &a, argc, argv);
	if (rc == EXIT_OK)
		rc = open_all(&c, &a);
	if (rc != EXIT_OK)
		goto out;
	if (!a.review)
		rc = learn_tms(&c);
	if (rc != EXIT_OK)
		;
	else if (a.review)
		rc = apply_review(&c, a.review);
	else if (a.batch)
		rc = run_batch(&c, a.batch);
	else if ((rc = learn_now(&c)) == EXIT_OK)
		rc = align_pair(&c, argv[optind], argv[optind + 1], false);
	if (!a.review)
		rc = finish_output(&c, rc);
out:
	tm_tmx_writer_free(c.tw);
	if (c.out && c.out != stdout)
		fclose(c.out);
	if (c.db && tm_db_close(c.db) < 0 && rc == EXIT_OK)
		rc = tool_fail(cmd, "%s", tm_errmsg());
	tm_aligner_free(c.al);
	learn_free(&c);
	free(c.src_lang);
	free(c.tgt_lang);
	return rc;
}

const tool_cmd cmd_align = {
        "align", "align a story and its translation sentence by sentence",
        "-s LANG -t LANG SRC TGT | --batch LIST | --apply-review FILE --db "
        "PATH",
        align_opts, run_align};
