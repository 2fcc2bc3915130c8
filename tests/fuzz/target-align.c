/* SPDX-License-Identifier: MIT */
/* Fuzz target: the aligner's input. The bytes before the first NUL are
 * the source document, the rest the target document, one sentence a line
 * with blank lines between paragraphs (as `tm align --presegmented`
 * gives them). The input's length picks the language pair and the
 * options, so that mutations walk through all of them. Every link of the
 * result is checked: sizes 0..3, confidence in [0,1], and each sentence
 * of either side covered exactly once. */
#include "fuzz-targets.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <tm/tm.h>

#define MAX_SENTENCES 4096

static size_t
split(tm_align_sentence *out, const char *s, size_t len)
{
	size_t n = 0, pos = 0;
	unsigned para = 0;

	while (pos < len && n < MAX_SENTENCES) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;

		if (end == pos) {
			para++;
		} else {
			out[n].text = s + pos;
			out[n].len = end - pos;
			out[n].paragraph = para;
			n++;
		}
		pos = end + 1;
	}
	return n;
}

/* The flag of a sentence for tm_align_run_apart(): 1 for '(' and '#'
 * (a note), 2 for '[' and 3 for '{' (two classes of furniture). */
static unsigned char
flag(const tm_align_sentence *s)
{
	if (!s->len)
		return 0;
	switch (s->text[0]) {
	case '(':
	case '#':
		return 1;
	case '[':
		return 2;
	case '{':
		return 3;
	default:
		return 0;
	}
}

static const char *
check_cover(const tm_align_result *res, size_t nsrc, size_t ntgt)
{
	size_t n = tm_align_result_count(res);
	unsigned char *seen_s = calloc(nsrc + 1, 1);
	unsigned char *seen_t = calloc(ntgt + 1, 1);
	const char *broken = NULL;

	if (!seen_s || !seen_t)
		abort();
	for (size_t i = 0; i < n && !broken; i++) {
		const tm_align_link *l = tm_align_result_link(res, i);

		if (!l) {
			broken = "missing link";
			break;
		}
		if (l->nsrc > 4 || l->ntgt > 4 || (!l->nsrc && !l->ntgt))
			broken = "link of a bad size";
		else if (!(l->confidence >= 0 && l->confidence <= 1))
			broken = "confidence outside [0,1]";
		else if (isnan(l->cost))
			broken = "cost is NaN";
		else if (l->src + l->nsrc > nsrc || l->tgt + l->ntgt > ntgt)
			broken = "link beyond the sentences";
		for (size_t k = 0; !broken && k < l->nsrc; k++)
			if (seen_s[l->src + k]++)
				broken = "source sentence in two links";
		for (size_t k = 0; !broken && k < l->ntgt; k++)
			if (seen_t[l->tgt + k]++)
				broken = "target sentence in two links";
	}
	for (size_t i = 0; i < nsrc && !broken; i++)
		if (!seen_s[i])
			broken = "source sentence left out";
	for (size_t i = 0; i < ntgt && !broken; i++)
		if (!seen_t[i])
			broken = "target sentence left out";
	if (!broken && tm_align_result_link(res, n) != NULL)
		broken = "link past the end of the result";
	if (!broken && isnan(tm_align_result_score(res)))
		broken = "score is NaN";
	free(seen_s);
	free(seen_t);
	return broken;
}

const char *
tm_fuzz_align(const uint8_t *data, size_t size)
{
	static const char *const tgt_langs[] = { "ko", "ru" };
	static tm_align_sentence src[MAX_SENTENCES], tgt[MAX_SENTENCES];
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t slen = nul ? (size_t)(nul - text) : size;
	size_t nsrc = split(src, text, slen);
	size_t ntgt = nul ? split(tgt, nul + 1, size - slen - 1) : 0;
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;
	tm_aligner *al = NULL;
	tm_align_result *res = NULL;
	const char *broken = NULL;
	tm_status st;

	o.flags = size & 7;
	o.band = (size >> 4) & 1 ? (unsigned)((size >> 5) & 15) : 0;
	if (tm_aligner_new(&al, "en", tgt_langs[(size >> 3) & 1], &o) < 0)
		return "cannot create an aligner";
	/* A small dictionary so that its code runs too. */
	if (tm_aligner_dict_add(al, "central bank", "한국은행") < 0 ||
	    tm_aligner_dict_add(al, "rate", "ставка") < 0) {
		tm_aligner_free(al);
		return "cannot add to the dictionary";
	}
	st = tm_align_run(&res, al, src, nsrc, tgt, ntgt);
	if (st == TM_OK)
		broken = check_cover(res, nsrc, ntgt);
	else if (res)
		broken = "failed run left a result";
	else if (st != TM_EUNICODE)
		broken = "alignment failed on valid input";
	else if (!*tm_errmsg())
		broken = "error without a message";
	tm_align_result_free(res);
	res = NULL;
	/* Sentences that start with '(' or '#' kept apart, as tm align does
	 * with notes and end marks (tm_align_run_apart()), '[' and '{' as
	 * two classes of furniture: the same cover, a note never in a link
	 * with both sides, furniture only with furniture of its class. */
	if (!broken && st == TM_OK) {
		static unsigned char sa[MAX_SENTENCES], ta[MAX_SENTENCES];

		for (size_t i = 0; i < nsrc; i++)
			sa[i] = flag(&src[i]);
		for (size_t i = 0; i < ntgt; i++)
			ta[i] = flag(&tgt[i]);
		if (tm_align_run_apart(&res, al, src, nsrc, sa, tgt, ntgt,
		                       ta) != TM_OK)
			broken = "alignment apart failed where the run did not";
		else
			broken = check_cover(res, nsrc, ntgt);
		for (size_t i = 0; !broken && i < tm_align_result_count(res);
		     i++) {
			const tm_align_link *l = tm_align_result_link(res, i);

			unsigned char c = l->nsrc ? sa[l->src] : ta[l->tgt];

			for (size_t k = 0; k < l->nsrc && !broken; k++)
				if (sa[l->src + k] == 1 &&
				    (l->ntgt || l->nsrc > 1))
					broken = "a flagged source sentence "
					         "was linked";
			for (size_t k = 0; k < l->ntgt && !broken; k++)
				if (ta[l->tgt + k] == 1 &&
				    (l->nsrc || l->ntgt > 1))
					broken = "a flagged target sentence "
					         "was linked";
			/* furniture of one class only, or none */
			for (size_t k = 0; k < l->nsrc && !broken; k++)
				if ((sa[l->src + k] >= 2 || c >= 2) &&
				    sa[l->src + k] != c)
					broken = "furniture linked to another "
					         "kind";
			for (size_t k = 0; k < l->ntgt && !broken; k++)
				if ((ta[l->tgt + k] >= 2 || c >= 2) &&
				    ta[l->tgt + k] != c)
					broken = "furniture linked to another "
					         "kind";
		}
		tm_align_result_free(res);
	}
	tm_aligner_free(al);
	return broken;
}
