/* SPDX-License-Identifier: MIT */
/* A story aligned alone learning word pairs from itself, as a batch does
 * (defr2; docs/alignment.md, "de-fr: a story alone learns as a batch").
 *
 * A batch (`tm align --batch`) aligns each of its stories once, learns word
 * pairs from the confident 1-1 links of all of them (tm_aligner_learn():
 * pairs seen in three links or more, weighed by their agreement beyond
 * chance, three partners a word at most), and aligns each again with them.
 * On Bleualign's de-fr dev set, one chronicle, that batch of one story
 * scored 0.903 strict F1 where the story alone scored 0.895: the second
 * pass of a story alone learns from the first pass's links only, with the
 * chance share of a pair taken off rather than its agreement beyond chance,
 * and keeps every partner. So where the pair's costs ask for it
 * (tm__core_params(): de-fr, either direction), a story aligned alone is
 * aligned, its confident 1-1 links learned from into the aligner's lexicon,
 * aligned again, and the learned pairs dropped, so that the aligner is
 * left as it was (the next story learns its own). Not with a dictionary
 * (tm_aligner_dict_add(), `--dict`): with FreeDict's deu-fra, the dev
 * chronicle cut into 2, 4 and 8 stories lost 0.009-0.019 de-fr and up to
 * 0.004 fr-de with it. The translation check's
 * verdict and score are the first alignment's: the check was calibrated on
 * the lexicon without a story's own pairs. */
#include "align-private.h"

#include <stdlib.h>

/* A link is learned from at this confidence or more, as a batch's first
 * pass takes them (tools/cmd-align.c, LEARN_MIN_CONFIDENCE). */
#define SELF_MIN_CONFIDENCE 0.5
/* A pair is learned when seen in this many links or more (a batch's
 * tm_aligner_learn(): three). Chosen on the de-fr dev set, both
 * directions (strict F1 alone de-fr / fr-de): 2 0.896 / 0.901, 3 0.903 /
 * 0.900, 4 0.903 / 0.905, 5 and 6 0.900 / 0.905. */
#define SELF_MIN_COUNT 4
/* Fewer confident 1-1 links than that teach nothing; a one-sentence call
 * then costs one alignment only. */
#define SELF_MIN_LINKS SELF_MIN_COUNT

tm_status
tm_align_run(tm_align_result **out, tm_aligner *al,
             const tm_align_sentence *src, size_t nsrc,
             const tm_align_sentence *tgt, size_t ntgt)
{
	tm_align_result *r1 = NULL, *r2 = NULL;
	tm_align_sentence *ls = NULL, *lt = NULL;
	size_t n = 0, added = 0;
	tm_status st;

	if (!out || !al)
		return tm__align_run_once(out, al, src, nsrc, tgt, ntgt);
	st = tm__align_run_once(&r1, al, src, nsrc, tgt, ntgt);
	if (st < 0 || !tm__aligner_self_learns(al, nsrc, ntgt) ||
	    tm_align_result_verdict(r1) == TM_ALIGN_NOT_TRANSLATION) {
		*out = r1;
		return st;
	}
	for (size_t i = 0; i < tm_align_result_count(r1); i++) {
		const tm_align_link *l = tm_align_result_link(r1, i);

		n += l->nsrc == 1 && l->ntgt == 1 &&
		     l->confidence >= SELF_MIN_CONFIDENCE;
	}
	if (n < SELF_MIN_LINKS) {
		*out = r1;
		return TM_OK;
	}
	ls = tm__malloc(n * sizeof(*ls));
	lt = tm__malloc(n * sizeof(*lt));
	if (!ls || !lt) {
		st = tm__error_oom();
		goto out;
	}
	n = 0;
	for (size_t i = 0; i < tm_align_result_count(r1); i++) {
		const tm_align_link *l = tm_align_result_link(r1, i);

		if (l->nsrc != 1 || l->ntgt != 1 ||
		    l->confidence < SELF_MIN_CONFIDENCE)
			continue;
		ls[n] = src[l->src];
		lt[n] = tgt[l->tgt];
		n++;
	}
	{
		unsigned min_count = SELF_MIN_COUNT;
#ifdef TM_ALIGN_TUNING
		const char *e = getenv("TM_ALIGN_TUNE_SELF");

		if (e)
			min_count = (unsigned)atoi(e);
#endif
		st = tm__aligner_learn_story(&added, al, ls, lt, n, min_count);
	}
	if (st >= 0 && added)
		st = tm__align_run_once(&r2, al, src, nsrc, tgt, ntgt);
	/* the aligner as it was, whatever happened */
	tm__aligner_forget_learned(al);
	if (st < 0 || !r2)
		goto out;
	/* the first alignment's verdict and score (see above) */
	tm__align_result_judge_as(r2, r1);
	tm_align_result_free(r1);
	r1 = r2;
	r2 = NULL;
out:
	tm__free(ls);
	tm__free(lt);
	tm_align_result_free(r2);
	if (st < 0) {
		tm_align_result_free(r1);
		r1 = NULL;
	}
	*out = r1;
	return st;
}
