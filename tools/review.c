/* SPDX-License-Identifier: MIT */
/* The review file, read in one place (review.h). */
#include "review.h"
/* FNV-1a, header-only: the library's one copy (the check must equal
 * the one tm align wrote, and tm serve's page computes it again) */
#include "../libtm/fnv-private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
review_indices(json_t *a, size_t *first, size_t *n, size_t max)
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

const char *
review_sentence_text(json_t *arr, size_t i)
{
	return json_string_value(json_object_get(json_array_get(arr, i), "text"));
}

static char *
json_span(json_t *arr, size_t first, size_t n)
{
	size_t len = 0, o = 0;
	char *s;

	for (size_t k = 0; k < n; k++)
		len += strlen(review_sentence_text(arr, first + k)) + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		const char *t = review_sentence_text(arr, first + k);

		if (k)
			s[o++] = ' ';
		memcpy(s + o, t, strlen(t));
		o += strlen(t);
	}
	s[o] = '\0';
	return s;
}

/* The checksum a review file keeps of each link's texts as written
 * ("check"): 64-bit FNV-1a of source_text, a 0x1f byte and target_text,
 * in hex.
 * It tells an edit of the link's texts from an edit of the sentence lists. */
void
review_texts_check(char out[17], const char *st, const char *tt)
{
	uint64_t h = tm__fnv64_pair(st, strlen(st), tt, strlen(tt));

	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* One side's text of review link @l (@key "source_text" or
 * "target_text"):
 * the link's own text when the reviewer edited it (its checksum no
 * longer matches), else the sentences' (edited there, or not at all).
 * *@edited is set when the text stored differs from the link's text as
 * written. NULL with *@why set when the file cannot say which edit to
 * keep (no checksum) or the edit leaves nothing. */
static char *
review_text(json_t *l, const char *key, json_t *sents, size_t first,
            size_t n, bool texts_edited, bool has_check, bool *edited,
            const char **why)
{
	const char *lt = json_string_value(review_get(l, key));
	char *span = json_span(sents, first, n);

	*why = NULL;
	if (!span)
		return NULL;
	if (!lt || strcmp(lt, span) == 0)
		return span;
	if (has_check && !texts_edited) {
		*edited = true; /* a sentence was corrected in the lists */
		return span;
	}
	if (!has_check) {
		free(span);
		*why = "differs from its sentences and the link has no "
		       "\"check\" to tell which was edited";
		return NULL;
	}
	free(span);
	if (!*lt) {
		*why = "is empty (mark the link \"rejected\" instead)";
		return NULL;
	}
	*edited = true;
	return strdup(lt);
}

json_t *
review_indices_json(size_t first, size_t n)
{
	json_t *a = json_array();

	for (size_t k = 0; k < n; k++)
		json_array_append_new(a, json_integer((json_int_t)(first + k)));
	return a;
}

void
review_links_free(tm_db_link *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free((char *)v[i].src_text);
		free((char *)v[i].tgt_text);
		free((char *)v[i].src_prev);
		free((char *)v[i].src_next);
		free((char *)v[i].tgt_prev);
		free((char *)v[i].tgt_next);
		free((char *)v[i].link);
	}
	free(v);
}

/* "[a,b]:[c]": the sentences a link covers, as tm_db_put_links() records
 * them. */
static char *
link_name(size_t a, size_t na, size_t b, size_t nb)
{
	char lk[128];
	size_t o = 0;

	o += (size_t)snprintf(lk + o, sizeof(lk) - o, "[");
	for (size_t k = 0; k < na && o < sizeof(lk); k++)
		o += (size_t)snprintf(lk + o, sizeof(lk) - o, "%s%zu",
		                      k ? "," : "", a + k);
	if (o < sizeof(lk))
		o += (size_t)snprintf(lk + o, sizeof(lk) - o, "]:[");
	for (size_t k = 0; k < nb && o < sizeof(lk); k++)
		o += (size_t)snprintf(lk + o, sizeof(lk) - o, "%s%zu",
		                      k ? "," : "", b + k);
	if (o < sizeof(lk))
		snprintf(lk + o, sizeof(lk) - o, "]");
	return strdup(lk);
}

/* The status of review link @l of a format-@format file into @x:
 * "confirmed" is confirmed with confidence 1.0, "auto" keeps the link's
 * confidence; none is confirmed in format 1 (*@unstated set) and refused
 * in format 2. False with *@side and *@why set when the link says
 * something else. */
static bool
review_status(json_t *l, int format, tm_db_link *x, bool *unstated,
              const char **side, const char **why)
{
	json_t *s = json_object_get(l, "status"), *c;
	double v;

	x->status = TM_LINK_CONFIRMED;
	x->confidence = 1.0;
	*unstated = false;
	if (!s && format < 2) {
		*unstated = true;
		return true;
	}
	if (!s) {
		*side = "status";
		*why = "is missing (each link of a format 2 review file is "
		       "\"auto\" or \"confirmed\")";
		return false;
	}
	if (json_is_string(s) &&
	    strcmp(json_string_value(s), "confirmed") == 0)
		return true;
	if (!json_is_string(s) || strcmp(json_string_value(s), "auto") != 0) {
		*side = "status";
		*why = "must be \"confirmed\" or \"auto\"";
		return false;
	}
	c = json_object_get(l, "confidence");
	v = json_number_value(c);
	if (!json_is_number(c) || !(v >= 0 && v <= 1)) {
		*side = "confidence";
		*why = "of an \"auto\" link must be a number from 0 to 1";
		return false;
	}
	x->status = TM_LINK_AUTO;
	x->confidence = v;
	return true;
}

bool
review_read_link(json_t *l, json_t *ss, json_t *ts, int format,
                 tm_db_link *x, bool *unstated, const char **side,
                 const char **why)
{
	size_t a, na, b, nb;
	const char *check = json_string_value(json_object_get(l, "check"));
	const char *ls = json_string_value(review_get(l, "source_text"));
	const char *lt = json_string_value(review_get(l, "target_text"));
	bool texts_edited = false, edited = false;
	char sum[17];

	*why = NULL;
	if (!review_status(l, format, x, unstated, side, why))
		return false;
	*side = "source_text";
	review_indices(review_get(l, "source"), &a, &na, json_array_size(ss));
	review_indices(review_get(l, "target"), &b, &nb, json_array_size(ts));
	if (check) {
		review_texts_check(sum, ls ? ls : "", lt ? lt : "");
		texts_edited = strcmp(sum, check) != 0;
	}
	x->link = link_name(a, na, b, nb);
	x->src_text = review_text(l, "source_text", ss, a, na, texts_edited,
	                          check != NULL, &edited, why);
	if (x->src_text) {
		*side = "target_text";
		x->tgt_text = review_text(l, "target_text", ts, b, nb,
		                          texts_edited, check != NULL, &edited,
		                          why);
	}
	if (*why)
		return false;
	x->src_prev = a ? strdup(review_sentence_text(ss, a - 1)) : NULL;
	x->src_next = a + na < json_array_size(ss)
	                      ? strdup(review_sentence_text(ss, a + na))
	                      : NULL;
	x->tgt_prev = b ? strdup(review_sentence_text(ts, b - 1)) : NULL;
	x->tgt_next = b + nb < json_array_size(ts)
	                      ? strdup(review_sentence_text(ts, b + nb))
	                      : NULL;
	x->edited = edited;
	if (edited) {
		/* a reviewer who corrects a text (or regroups the sentences)
		 * vouches for the link, whatever status it was left with */
		x->status = TM_LINK_CONFIRMED;
		x->confidence = 1.0;
		*unstated = false;
	}
	return x->link && x->src_text && x->tgt_text &&
	       !(a && !x->src_prev) &&
	       !(a + na < json_array_size(ss) && !x->src_next) &&
	       !(b && !x->tgt_prev) &&
	       !(b + nb < json_array_size(ts) && !x->tgt_next);
}

int
review_format(json_t *doc)
{
	json_t *f = json_object_get(doc, "format");
	json_int_t v = json_integer_value(f);

	if (!json_is_object(doc) || !json_is_integer(f) ||
	    (v != 1 && v != REVIEW_FORMAT) ||
	    !json_is_array(json_object_get(doc, "links")) ||
	    !json_is_array(review_get(doc, "source_sentences")) ||
	    !json_is_array(review_get(doc, "target_sentences")))
		return 0;
	return (int)v;
}

json_t *
review_get(json_t *o, const char *key)
{
	/* the review file's names before 0.1 */
	static const char *const older[][2] = {
	        {"source_lang", "src_lang"},
	        {"target_lang", "tgt_lang"},
	        {"source_file", "src_file"},
	        {"target_file", "tgt_file"},
	        {"source_sentences", "src_sentences"},
	        {"target_sentences", "tgt_sentences"},
	        {"source", "src"},
	        {"target", "tgt"},
	        {"source_text", "src_text"},
	        {"target_text", "tgt_text"},
	        {"source_paragraph", "src_paragraph"},
	        {"target_paragraph", "tgt_paragraph"},
	};
	json_t *v = json_object_get(o, key);

	for (size_t i = 0; !v && i < sizeof(older) / sizeof(older[0]); i++)
		if (strcmp(older[i][0], key) == 0)
			v = json_object_get(o, older[i][1]);
	return v;
}

const char *
review_lang(json_t *doc, bool source)
{
	return json_string_value(
	        review_get(doc, source ? "source_lang" : "target_lang"));
}

bool
review_link_apart(const unsigned char *sapart, const unsigned char *tapart,
                  const tm_align_link *l)
{
	for (size_t k = 0; sapart && k < l->nsrc; k++)
		if (sapart[l->src + k])
			return true;
	for (size_t k = 0; tapart && k < l->ntgt; k++)
		if (tapart[l->tgt + k])
			return true;
	return false;
}

/* Whether sentence @i of the list @sents has a "kind" kept apart
 * (tm_seg_kind_apart(), the one list of such kinds). */
static bool
kind_apart(json_t *sents, size_t i)
{
	const char *kind = json_string_value(
	        json_object_get(json_array_get(sents, i), "kind"));

	for (int k = TM_SEG_SENTENCE; kind && k <= TM_SEG_END; k++)
		if (strcmp(kind, tm_seg_kind_name((tm_seg_kind)k)) == 0)
			return tm_seg_kind_apart((tm_seg_kind)k) != 0;
	return false;
}

bool
review_link_furniture(json_t *l, json_t *ss, json_t *ts)
{
	size_t a, na, b, nb;

	if (!review_indices(review_get(l, "source"), &a, &na,
	                    json_array_size(ss)) ||
	    !review_indices(review_get(l, "target"), &b, &nb,
	                    json_array_size(ts)))
		return false;
	for (size_t q = 0; q < na; q++)
		if (kind_apart(ss, a + q))
			return true;
	for (size_t q = 0; q < nb; q++)
		if (kind_apart(ts, b + q))
			return true;
	return false;
}
