/* SPDX-License-Identifier: MIT */
/* The translation check: are the two sides a translation of each other at
 * all? Aligning two unrelated stories still finds a path, and its links
 * can look as good as real ones (another story shares dates, small
 * numbers, quotation marks and, across scripts, chance name keys). What
 * an unrelated pair lacks is order: its chance matches are scattered, so
 * the same sentences align about as well when the target is read
 * backwards; a translation aligns far worse backwards, as a monotone path
 * can then meet at most one of its true pairs. The check aligns the first
 * JUDGE_WINDOW sentences of each side twice, as they are and with the
 * target reversed, with the items of the first pass (numbers, names,
 * punctuation, dictionary; no learned pairs, which an unrelated pair would
 * learn from its own chance links), and weighs the difference in cost
 * with the cost itself, the numbers and names the sides share and lack,
 * and the documents' length ratio. A length ratio and unshared numbers
 * that lost sentences explain (a shortened translation) cannot on their
 * own refuse a pair, nor can a moved paragraph: when the target's
 * paragraphs are out of the source's order, the order is weighed with
 * them put back in it too. With a dictionary, the words it knows whose
 * partner the other side lacks count against the pair (what a short
 * excerpt without numbers or names has to show); a lexicon learned from
 * sentence pairs (a batch, a TM) is weighed so on reduced forms (a
 * Korean word by its longest prefix the lexicon knows: judge_form()),
 * against the shares it matched on those pairs (tm__judge_calibrate()), a
 * dictionary alone on the words as written, against fixed shares. See
 * docs/alignment.md for the calibration. */
#include "align-private.h"
#include "array-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sentences of each side weighed: enough for a verdict (news stories are
 * shorter; the weights were fitted on them), and the two extra programmes
 * stay small full matrices (JUDGE_WINDOW^2 cells). */
#define JUDGE_WINDOW TM__JUDGE_WINDOW

static double
links_cost(const tm__plink *l, size_t n, double *matched)
{
	double c = 0;

	for (size_t k = 0; k < n; k++) {
		c += l[k].cost;
		if (matched)
			*matched += l[k].m;
	}
	return c;
}

static int
item_cmp(const void *a, const void *b)
{
	const tm__item *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The base items (numbers, names, punctuation, as built: none filtered
 * out for want of a partner) of the first @n sentences of @s, or with @v
 * of the sentences v[0..n), as one bag: sorted, duplicates merged,
 * *@count of them. Free with tm__free(); NULL when out of memory. */
static tm__item *
doc_bag(const tm__side *s, const size_t *v_, size_t n, size_t *count)
{
	size_t m = 0, o = 0;
	tm__item *v;

	for (size_t k = 0; k < n && s->base; k++) {
		size_t i = v_ ? v_[k] : k;

		m += s->base_off[i + 1] - s->base_off[i];
	}
	v = tm__malloc((m ? m : 1) * sizeof(*v));
	*count = 0;
	if (!v)
		return NULL;
	if (m) { /* a side without words has no base array */
		size_t q = 0;

		for (size_t k = 0; k < n; k++) {
			size_t i = v_ ? v_[k] : k;
			size_t c = s->base_off[i + 1] - s->base_off[i];

			memcpy(v + q, s->base + s->base_off[i], c * sizeof(*v));
			q += c;
		}
		qsort(v, m, sizeof(*v), item_cmp);
	}
	for (size_t k = 0; k < m; k++) {
		if (o && v[o - 1].id == v[k].id)
			v[o - 1].w += v[k].w;
		else
			v[o++] = v[k];
	}
	*count = o;
	return v;
}

/* Weight of each kind of item in two bags: [kind][0] source, [1] target,
 * [2] shared (sum of min). */
static void
bag_kinds(double k[4][3],
          const tm__item *a,
          size_t na,
          const tm__item *b,
          size_t nb)
{
	size_t i = 0, j = 0;

	memset(k, 0, 4 * sizeof(k[0]));
	for (size_t q = 0; q < na; q++)
		k[TM__ITEM_KIND(a[q].id)][0] += a[q].w;
	for (size_t q = 0; q < nb; q++)
		k[TM__ITEM_KIND(b[q].id)][1] += b[q].w;
	while (i < na && j < nb) {
		if (a[i].id < b[j].id) {
			i++;
		} else if (a[i].id > b[j].id) {
			j++;
		} else {
			k[TM__ITEM_KIND(a[i].id)][2] +=
			        a[i].w < b[j].w ? a[i].w : b[j].w;
			i++;
			j++;
		}
	}
}

/* The items of sentences [@from, @to) of @s as one bag (sorted, merged):
 * *@count of them, in @v (room for all), their total weight returned. */
static double
span_bag(tm__item *v, size_t *count, const tm__side *s, size_t from,
         size_t to)
{
	size_t m = s->item_off[to] - s->item_off[from], o = 0;
	double w = 0;

	memcpy(v, s->items + s->item_off[from], m * sizeof(*v));
	qsort(v, m, sizeof(*v), item_cmp);
	for (size_t k = 0; k < m; k++) {
		w += v[k].w;
		if (o && v[o - 1].id == v[k].id)
			v[o - 1].w += v[k].w;
		else
			v[o++] = v[k];
	}
	*count = o;
	return w;
}

/* Paragraphs of the first @n sentences of @s: *@np of them, first[k] the
 * first sentence of the k-th (first[*np] = @n). */
static size_t *
para_firsts(const tm__side *s, size_t n, size_t *np)
{
	size_t *first = tm__malloc((n + 1) * sizeof(*first)), k = 0;

	if (!first)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!i || s->para[i] != s->para[i - 1])
			first[k++] = i;
	first[k] = n;
	*np = k;
	return first;
}

/* A view of the first @nt target sentences with its paragraphs put in the
 * order of the source paragraphs they translate: a translation that moved
 * a paragraph keeps the order of its sentences within each paragraph, and
 * the moved paragraph aligned where it belongs costs what it would have
 * cost unmoved. Paragraphs are matched as the aligner's step 5 matches
 * them (the item weight two paragraphs share over their mean weight, each
 * other's best, at least PARA_MIN_SIM); a target paragraph without such a
 * partner follows the one before it. Writes the view to @v (@nt + 1
 * entries) and returns 1 when it differs from the document's order, 0
 * when it does not (fewer than three paragraphs a side, or none moved),
 * a negative status when out of memory. */
#define PARA_MIN_SIM 0.2

static int
para_view(size_t *v, const tm__side *S, size_t ns, const tm__side *T,
          size_t nt)
{
	size_t np = 0, nq = 0, *fs = NULL, *ft = NULL, *bag_n = NULL;
	size_t *best_q = NULL, *best_p = NULL, *key = NULL, *order = NULL;
	tm__item *bags = NULL;
	double *sim = NULL, *wt = NULL;
	size_t *off = NULL;
	int moved = 0;

	fs = para_firsts(S, ns, &np);
	ft = para_firsts(T, nt, &nq);
	if (!fs || !ft) {
		moved = tm__error_oom();
		goto out;
	}
	if (np < 3 || nq < 3)
		goto out;
	bags = tm__malloc((S->item_off[ns] + T->item_off[nt] + 1) *
	                  sizeof(*bags));
	off = tm__malloc((np + nq + 1) * sizeof(*off));
	bag_n = tm__malloc((np + nq) * sizeof(*bag_n));
	wt = tm__malloc((np + nq) * sizeof(*wt));
	sim = tm__malloc(np * nq * sizeof(*sim));
	best_q = tm__malloc(np * sizeof(*best_q));
	best_p = tm__malloc(nq * sizeof(*best_p));
	key = tm__malloc(nq * sizeof(*key));
	order = tm__malloc(nq * sizeof(*order));
	if (!bags || !off || !bag_n || !wt || !sim || !best_q || !best_p ||
	    !key || !order) {
		moved = tm__error_oom();
		goto out;
	}
	off[0] = 0;
	for (size_t k = 0; k < np + nq; k++) {
		const tm__side *s = k < np ? S : T;
		const size_t *f = k < np ? fs : ft;
		size_t q = k < np ? k : k - np;

		wt[k] = span_bag(bags + off[k], &bag_n[k], s, f[q], f[q + 1]);
		off[k + 1] = off[k] + bag_n[k];
	}
	for (size_t p = 0; p < np; p++)
		for (size_t q = 0; q < nq; q++) {
			double m = tm__items_shared(bags + off[p], bag_n[p],
			                            bags + off[np + q],
			                            bag_n[np + q]);
			double mean = 0.5 * (wt[p] + wt[np + q]);

			sim[p * nq + q] = mean > 0 ? m / mean : 0;
		}
	for (size_t p = 0; p < np; p++) {
		best_q[p] = 0;
		for (size_t q = 1; q < nq; q++)
			if (sim[p * nq + q] > sim[p * nq + best_q[p]])
				best_q[p] = q;
	}
	for (size_t q = 0; q < nq; q++) {
		best_p[q] = 0;
		for (size_t p = 1; p < np; p++)
			if (sim[p * nq + q] > sim[best_p[q] * nq + q])
				best_p[q] = p;
	}
	/* each target paragraph's place: its partner's, or right after the
	 * paragraph before it (key 2p + 1 sorts after partner p's 2p) */
	for (size_t q = 0; q < nq; q++) {
		size_t p = best_p[q];

		if (best_q[p] == q && sim[p * nq + q] >= PARA_MIN_SIM)
			key[q] = 2 * p;
		else
			key[q] = q ? key[q - 1] | 1 : 0;
		if (q && key[q] < key[q - 1])
			moved = 1;
		order[q] = q;
	}
	if (!moved)
		goto out;
	/* stable insertion sort by key (a few dozen paragraphs) */
	for (size_t a = 1; a < nq; a++)
		for (size_t b = a; b > 0 && key[order[b - 1]] > key[order[b]];
		     b--) {
			size_t t = order[b];

			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	{
		size_t o = 0;

		for (size_t k = 0; k < nq; k++)
			for (size_t j = ft[order[k]]; j < ft[order[k] + 1]; j++)
				v[o++] = j;
		v[nt] = nt;
	}
out:
	tm__free(fs);
	tm__free(ft);
	tm__free(bags);
	tm__free(off);
	tm__free(bag_n);
	tm__free(wt);
	tm__free(sim);
	tm__free(best_q);
	tm__free(best_p);
	tm__free(key);
	tm__free(order);
	return moved;
}

/* When the target's paragraphs are out of the source's order (para_view),
 * align the target with its paragraphs in the source's order, and that
 * view reversed: when it fits better than the document's order, its two
 * alignments replace *@real and *@rev (freed). @fw and @bw are scratch
 * views of @nt + 1 entries. */
static tm_status
judge_reordered(tm__plink **real, size_t *nreal, tm__plink **rev,
                size_t *nrev, const tm__side *S, const tm__side *T,
                const size_t *sm, size_t ns, size_t *fw, size_t *bw,
                size_t nt, double ratio, double sigma,
                const tm__align_params *p)
{
	tm__plink *pr = NULL, *pv = NULL;
	size_t npr = 0, npv = 0;
	int moved = para_view(fw, S, ns, T, nt);
	tm_status st;

	if (moved <= 0)
		return moved;
	for (size_t j = 0; j < nt; j++)
		bw[j] = fw[nt - 1 - j];
	bw[nt] = nt;
	st = tm__align_view(&pr, &npr, S, T, sm, ns, fw, nt, ratio, sigma, p,
	                    0, true, NULL);
	if (st >= 0)
		st = tm__align_view(&pv, &npv, S, T, sm, ns, bw, nt, ratio,
		                    sigma, p, 0, true, NULL);
	if (st >= 0 &&
	    links_cost(pr, npr, NULL) < links_cost(*real, *nreal, NULL)) {
		tm__free(*real);
		tm__free(*rev);
		*real = pr;
		*rev = pv;
		*nreal = npr;
		*nrev = npv;
		return TM_OK;
	}
	tm__free(pr);
	tm__free(pv);
	return st < 0 ? st : TM_OK;
}

/* One word @w of side @x for lex_counts() (@m its marks). */
static void
lex_count_word(const tm__judge_lex *lex, int x, const tm__side *s,
               uint32_t w, uint8_t *m, double *known, double *hit)
{
	const uint32_t *red = lex->red[x];

	if (w >= s->lex.count)
		return;
	if (red) {
		uint32_t f = lex->form[x][red[w]];

		if (!f || m[f - 1] & 2)
			return;
		m[f - 1] = (uint8_t)(2 | lex->fhit[x][f - 1]);
		*known += 1;
		*hit += lex->fhit[x][f - 1];
		return;
	}
	if (!lex->known[x][w] || m[w] & 2)
		return;
	*known += 1;
	*hit += m[w] & 1;
	m[w] |= 2;
}

/* The words of the first @n sentences of side @x (0 source, 1 target)
 * that the dictionary knows, each counted once (*@known), and of those
 * the ones it pairs with a word of the other document (*@hit); with a
 * lexicon on reduced forms (lex->red), each of the lexicon's forms
 * counted once (lex->form: two inflections of a Korean stem are one
 * word of the lexicon). With @v, the sentences v[0..n) instead (the
 * partners still looked for in the whole other document). Returns false
 * when out of memory. */
static bool
lex_counts(const tm__judge_lex *lex, int x, const tm__side *s,
           const size_t *v, size_t n, double *known, double *hit)
{
	const uint32_t *red = lex->red[x];
	size_t count = red ? lex->nform[x] : s->lex.count;
	uint8_t *m = tm__calloc(count + 1, 1);

	*known = *hit = 0;
	if (!m)
		return false;
	if (!red)
		for (size_t q = 0; q < lex->npairs; q++) {
			uint32_t w = x ? lex->pairs[q].tgt : lex->pairs[q].src;

			if (w < count)
				m[w] = 1;
		}
	for (size_t q = 0; q < n; q++) {
		size_t i = v ? v[q] : q;

		for (size_t k = s->word_off[i]; k < s->word_off[i + 1]; k++)
			lex_count_word(lex, x, s, s->words[k], m, known, hit);
	}
	tm__free(m);
	return true;
}

/* The weights of the evidence, fitted (logistic regression without an
 * intercept, so that a pair with nothing to weigh scores 0) on true and
 * mismatched en-ko and en-ru news documents (tests/bench/eval-judge.py;
 * docs/alignment.md). Each term is a sum over the window, not a mean: a
 * long document weighs more than a short one. */
#define JW_COST (-0.222)      /* total cost of the real alignment */
#define JW_GAIN 0.115         /* its total gain over the reversed target */
#define JW_NUM 0.216          /* number weight both sides share */
#define JW_NUM_ALONE (-0.289) /* number weight only one side has */
#define JW_NAME 0.159         /* name-key weight shared */
/* name keys of the side with fewer of them that the other lacks */
#define JW_NAME_ALONE (-0.077)
#define JW_OTHER 0.199 /* punctuation and cognates shared */

/* A dictionary's evidence (tm__judge_lex): of the words of one side that
 * the dictionary knows (each counted once), the share it pairs with a
 * word of the other document. A translation's share is taken as
 * JL_LEX_TRUE, another story's as JL_LEX_OTHER (the bench dictionaries,
 * learned from other corpora: true FLORES excerpts en-ru median 0.36,
 * en-ko 0.16; mismatched 0.00, 95th percentile 0.07); the evidence is the
 * binomial log-likelihood ratio of the two, weighed by JW_LEX, on each
 * side, the two combined by lex_combine() (for the pair, the weaker of
 * the two; against it, their mean, only where the sides are known well
 * enough: a shortened translation's side keeps its words while the
 * longer side lacks many, a Korean word with its particle rarely meets
 * the dictionary's form on one side but may on the other, and one chance
 * pair on a side that knows one word is no evidence for the pair). At
 * most JL_LEX_MAX. Chosen on half the judge set
 * (tests/bench/eval-judge.py --half 0 --dict). A side the dictionary
 * knows no word of weighs nothing. */
#define JL_LEX_TRUE 0.4
#define JL_LEX_OTHER 0.05
#define JW_LEX 0.75
#define JL_LEX_MAX 3.0
/* Against a pair only when the dictionary knows this many words of each
 * side: a translation matching JL_LEX_TRUE of them misses all of six one
 * time in twenty (0.6^6), of four one time in eight, and a short
 * translation in its own words (Labour for Лейбористская партия, a broad
 * church for организация, придерживающаяся разных взглядов: four words
 * known a side, none paired) was refused for it. */
#define JL_LEX_KNOWN 6

static double
lex_evidence(double known, double hit, double p, double q)
{
	return hit * log(p / q) + (known - hit) * log((1 - p) / (1 - q));
}

static double
log_beta(double a, double b)
{
	return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/* lex_evidence() with a translation's share drawn from a beta
 * distribution of mean @p and @n prior observations (beta-binomial): a
 * free translation matching few of the words a lexicon knows is less
 * surprising than a fixed share has it, while another story matching
 * none of many still is (docs/alignment.md, "Lexicon"). */
static double
lex_evidence_spread(double known, double hit, double p, double q, double n)
{
	double a = p * n, b = (1 - p) * n;

	return log_beta(hit + a, known - hit + b) - log_beta(a, b) -
	       (hit * log(q) + (known - hit) * log(1 - q));
}

/* A lexicon on reduced forms (tm__judge_lex.red) brings its own shares,
 * measured on the sentence pairs it learned from (tm__judge_cal): a
 * translation's sentence matches share[x] of a side's known words,
 * another sentence chance[x]. Over a document the chance grows with the
 * other side's sentences (1 - (1 - chance)^m: a known word's partner in
 * any of them), and a translation's share is taken as the sentence's
 * (a translation's document shows at least that). Estimated with at
 * least JL_CAL_KNOWN known words a side; against a pair only when it
 * knows JL_RED_KNOWN words of each side (but see JL_RED_KNOWN_FEW: a
 * translation's share varies more from excerpt to excerpt than a
 * binomial has it: with six, two true en-ru excerpts of a batch were
 * refused, a free translation matching none of 6 and 7 known words, and
 * 2 of 8 and 9); a share of chance at least JL_RED_CLOSE times the
 * translation's tells nothing. */
#define JL_CAL_KNOWN 500
#define JL_RED_KNOWN 10
#define JL_RED_CLOSE 0.8
#define JL_CHANCE_MIN 0.005
/* When not one known word of either side has its partner in the other
 * document, JL_RED_KNOWN words of one side and this many of the other
 * are enough: a Korean excerpt often has fewer words a small lexicon
 * knows than its English, and the free translations the ten words keep
 * safe matched a word or more when they knew ten a side (`One Labour AM
 * said ...`: 1 of 8, 1 of 10, refused with eight on the side knowing
 * fewer). Chosen on the even documents of the judge set (en-ko, 3 to 7:
 * 4 to 6 refused as many, 7 one fewer, 3 four more but lowered a true
 * excerpt's z from 0.48 to -0.60). */
#define JL_RED_KNOWN_FEW 5

/* Whether the lexicon knows enough words of the two sides (@k, of which
 * @h matched) for its evidence against the pair. */
static bool
known_enough(const tm__judge_lex *lex, const double k[2], const double h[2])
{
	double fewer = k[0] < k[1] ? k[0] : k[1];
	double more = k[0] < k[1] ? k[1] : k[0];
	double least = lex->known_min ? lex->known_min : JL_RED_KNOWN;
	double few = lex->known_few ? lex->known_few : JL_RED_KNOWN_FEW;

	if (!lex->red[0]) /* a dictionary as written: six a side */
		return k[0] >= JL_LEX_KNOWN && k[1] >= JL_LEX_KNOWN;
	if (h[0] == 0 && h[1] == 0)
		return more >= least && fewer >= few;
	return fewer >= least;
}

/* Whether side @x alone is known well enough for its evidence against
 * the pair: the lexicon knows JL_RED_KNOWN (known_min) words of it and
 * JL_RED_KNOWN_FEW (known_few) of the other. */
static bool
side_known(const tm__judge_lex *lex, const double k[2], int x)
{
	double least = lex->known_min ? lex->known_min : JL_RED_KNOWN;
	double few = lex->known_few ? lex->known_few : JL_RED_KNOWN_FEW;

	if (!lex->red[0])
		return k[0] >= JL_LEX_KNOWN && k[1] >= JL_LEX_KNOWN;
	return k[x] >= least && k[1 - x] >= few;
}

/* The lexicon's evidence from each side's (@e; @k words known, @h of
 * them matched). The two sides are two views of the same pairs (a
 * matched pair counts on both), so they are not added:
 * - both for the pair: the weaker of the two;
 * - both against it, the lexicon knowing enough of both (known_enough()):
 *   their mean where a translation's share is taken as varying from
 *   document to document (lex->spread: the core lexicon's en-ko), else
 *   the weaker of the two, as it always was (with the core lexicon, of
 *   the mismatched en-ko pairs of the even half of the judge set the
 *   mean refuses 99.5%, the weaker 98.5%, neither a true pair or a true
 *   excerpt of the restructured sets; with a fixed share, en-ru's, the
 *   mean refused one more true excerpt, a free translation with a
 *   dictionary: 4 of 18 English words matched, 4 of 25 Russian);
 * - one for and one against: their mean when the side against is known
 *   well enough on its own (side_known()), nothing else (it was always
 *   nothing). The English of one story against the Korean of another
 *   often has a known word or two whose partner the other has by chance
 *   (say and 말했, report and 기자): on a Korean side knowing five to
 *   seven words that is about what a translation matches, "for", while
 *   the English side's fifteen to thirty-five known words with the same
 *   two matched are far from a translation's share (flores-063 against
 *   flores-070's Korean: English 2 of 15, Korean 2 of 5). No true pair of
 *   the judge set or excerpt of the restructured sets has a side below
 *   -2.9, one for and one against.
 * A side that knows few words stays unheard when both sides are against
 * the pair: a translation in its own words (test-align.c's council pair,
 * 1 of 5 English words matched, 1 of 12 Russian) looks like that. */
static double
lex_combine(const tm__judge_lex *lex, const double e[2], const double k[2],
            const double h[2])
{
	double m = 0.5 * (e[0] + e[1]);

	if (e[0] > 0 && e[1] > 0)
		return e[0] < e[1] ? e[0] : e[1];
	if (e[0] < 0 && e[1] < 0) {
		if (!known_enough(lex, k, h))
			return 0;
		/* a fixed share (binomial) is sure of itself on each side:
		 * the weaker of the two, as before */
		return lex->spread > 0 ? m : e[0] > e[1] ? e[0] : e[1];
	}
	if (m < 0 && side_known(lex, k, e[0] < 0 ? 0 : 1))
		return m;
	return 0;
}

/* a lexicon matching all it knows on its own pairs still misses words
 * of a freer translation */
#define JL_SHARE_MAX 0.9
/* the shortest Hangul prefix that stands for a word (judge_form()) */
#define JL_PREFIX_SYLLABLES 2

/* Refused below this evidence (a score of 0.12), a translation from 1.0
 * (0.73); between them the evidence is too thin to tell. On the test set
 * the lowest true pair scored -1.59 (a FLORES excerpt of two sentences
 * without numbers), every true news document above 1.9; one mismatched
 * excerpt in a thousand reached 1.0 (their lengths agreeing by chance). */
#define JUDGE_NOT (-2.0)
#define JUDGE_YES 1.0

/* The documents' length ratio (log, over the language pair's): a
 * translation keeps it within about 0.1 (standard deviation on the test
 * set: 0.12 en-ko, 0.10 en-ru), the English of one story and the
 * translation of another spread it six times wider (0.58, 0.64). The
 * log-likelihood ratio of the two, with the translation's spread widened
 * to JL_SIGMA_TRUE so that a translator's longer or shorter version is not
 * refused for its length alone (no evidence at a ratio off by about 0.3,
 * for a translation within it, against beyond), and wider still for a
 * document of one or two sentences, whose ratio varies as a sentence's
 * does (JL_SIGMA_SENTENCE over the square root of the sentences). */
#define JL_SIGMA_TRUE 0.2
#define JL_SIGMA_SENTENCE 0.35
#define JL_SIGMA_OTHER 0.6

static double
length_evidence(double d, size_t sentences)
{
	double st = JL_SIGMA_SENTENCE / sqrt((double)sentences);

	if (isnan(d) || !sentences)
		return 0;
	if (st < JL_SIGMA_TRUE)
		st = JL_SIGMA_TRUE;
	return log(JL_SIGMA_OTHER / st) - d * d / (2 * st * st) +
	       d * d / (2 * JL_SIGMA_OTHER * JL_SIGMA_OTHER);
}

/* Whether the length and the unshared numbers could be a translation
 * that lost sentences: the side the length ratio calls shorter (target
 * when @d < 0) has no number the other lacks. A newsroom's translation
 * drops sentences, and with them its numbers; what it keeps, it keeps
 * whole. A pair whose shorter side brings numbers of its own is not
 * explained so. */
static bool
judge_shortened(double d, const double num[3])
{
	double lone_short = d < 0 ? num[1] - num[2] : num[0] - num[2];

	/* sums of weights: allow for rounding */
	return !isnan(d) && num[2] > 0 && lone_short < 1e-9;
}

/* The evidence (log-odds) that the sides translate each other, from the
 * costs of the real and the reversed alignment, the item kinds' weights
 * (bag_kinds()), the length ratio, the sentences of the shorter side and
 * the lexicon's term. */
static double
judge_evidence(double creal, double crev, double kinds[4][3],
               double length_ratio, size_t sentences, double lexical)
{
	double *num = kinds[TM__ITEM_NUMBER], *name = kinds[TM__ITEM_NAME];
	double names = name[0] < name[1] ? name[0] : name[1];
	double len = length_evidence(length_ratio, sentences);
	double lost = JW_NUM_ALONE * (num[0] + num[1] - 2 * num[2]) +
	              (len < 0 ? len : 0);
	double z = JW_COST * creal + JW_GAIN * (crev - creal) +
	           JW_NUM * num[2] +
	           JW_NUM_ALONE * (num[0] + num[1] - 2 * num[2]) +
	           JW_NAME * name[2] + JW_NAME_ALONE * (names - name[2]) +
	           JW_OTHER * kinds[TM__ITEM_OTHER][2] + len + lexical;

	/* A translation missing much of its text (sentences dropped) has a
	 * length ratio far from the pair's and numbers only the longer side
	 * has (@lost): that evidence alone must not refuse it. When it is so
	 * explained and the rest would not refuse the pair, the pair stops
	 * at the refusal threshold, unsure (score 0.12). */
	if (z < JUDGE_NOT && z - lost >= JUDGE_NOT &&
	    judge_shortened(length_ratio, num))
		z = JUDGE_NOT;
	return z;
}

/* The score and the verdict of the evidence @z in @out. */
static void
judge_set(tm__judgement *out, double z)
{
	out->evidence = z;
	out->score = 1.0 / (1.0 + exp(-z));
	out->verdict = z < JUDGE_NOT    ? TM_ALIGN_NOT_TRANSLATION
	               : z >= JUDGE_YES ? TM_ALIGN_TRANSLATION
	                                : TM_ALIGN_UNSURE;
}

/* The lexicon's term (*@lexical, 0 without a lexicon) of the sentences
 * sv[0..ns) and tv[0..nt) (NULL: the first ns, nt). False when out of
 * memory. */
static bool
lexical_term(double *lexical, const tm__judge_lex *lex, const tm__side *S,
             const size_t *sv, size_t ns, const tm__side *T,
             const size_t *tv, size_t nt)
{
	double k[2], h[2], e[2];

	*lexical = 0;
	if (!lex || !lex->known[0] || !lex->known[1])
		return true;
	if (!lex_counts(lex, 0, S, sv, ns, &k[0], &h[0]) ||
	    !lex_counts(lex, 1, T, tv, nt, &k[1], &h[1]))
		return false;
	for (int x = 0; x < 2; x++) {
		double pt = JL_LEX_TRUE, qo = JL_LEX_OTHER;

		if (lex->red[x]) {
			size_t m = x ? ns : nt;

			pt = lex->share[x];
			qo = 1 - pow(1 - lex->chance[x], (double)m);
		}
		if (qo >= JL_RED_CLOSE * pt)
			e[x] = 0;
		else if (lex->spread > 0)
			e[x] = JW_LEX * lex_evidence_spread(k[x], h[x], pt, qo,
			                                    lex->spread);
		else
			e[x] = JW_LEX * lex_evidence(k[x], h[x], pt, qo);
	}
	*lexical = lex_combine(lex, e, k, h);
	if (*lexical > JL_LEX_MAX)
		*lexical = JL_LEX_MAX;
	return true;
}

/* A translation with a hole. The desk's wire copy drops a sentence
 * (background), adds one, or puts another in a sentence's place; on a
 * short pair that one sentence is a large share of everything the check
 * weighs (the length it takes, its words the other side lacks, its
 * numbers), enough to refuse a true translation. The real alignment
 * leaves such a sentence alone (a 1-0 or 0-1 link, or a lone 1-0 beside a
 * lone 0-1), absorbs it into a neighbour's link (2-1, 1-2) or links it to
 * the wrong sentence (1-1): when a pair of JH_MIN_SENTENCES to
 * JH_SENTENCES sentences on its shorter side is refused, it is weighed
 * again without the sentences of each such link in turn (a link of three
 * sentences at most; the lexicon's evidence against the pair kept when
 * the view leaves it too few words to weigh: the two Korean stories of
 * test_align_core_verdict_sides were lifted so), and the best of those,
 * less JH_COST, replaces its
 * evidence when higher. JH_COST is the price of choosing what to leave
 * out: another story's worst link left out gains too. Chosen on the even
 * documents of eval-judge.py --damaged (NTREX runs of 4 to 10 lines, one
 * line dropped, added or replaced) and of the judge set: at 2.5 and four
 * sentences, 11 of 24 even copies refused before are not, and every
 * mismatched figure of the judge set stays as it was, on both halves,
 * en-ko, en-ru and ko-ru; at 1.0 the check kept only 94-96% of the
 * mismatched pairs refused, from three sentences at 2.5 the even en-ko
 * mismatched pairs fell to 99.0%. docs/alignment.md, "A translation with
 * a hole". */
#define JH_MIN_SENTENCES 4
#define JH_SENTENCES 12
#define JH_COST 2.5

/* The evidence of the pair without target or source sentences of one
 * link of @real (or two: a lone source sentence beside a lone target
 * one), the best of them in *@best (-HUGE_VAL when none leaves both
 * sides a sentence); @lexical_full is the whole pair's lexical term. */
static tm_status
judge_hole(double *best, const tm__side *S, const tm__side *T,
           const tm__plink *real, size_t nreal, size_t ns, size_t nt,
           double ratio, double sigma, const tm__align_params *p,
           bool paragraphs, double length_ratio, const tm__judge_lex *lex,
           double lexical_full)
{
	size_t *sv = tm__malloc((ns + 1) * sizeof(*sv));
	size_t *tv = tm__malloc((nt + 1) * sizeof(*tv));
	size_t *bv = tm__malloc((nt + 1) * sizeof(*bv));
	double ls = 0, lt = 0;
	tm_status st = TM_OK;

	*best = -HUGE_VAL;
	if (!sv || !tv || !bv) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i < ns; i++)
		ls += S->len[i] + S->ulen[i];
	for (size_t j = 0; j < nt; j++)
		lt += T->len[j] + T->ulen[j];
	for (size_t c = 0; c < 2 * nreal; c++) {
		const tm__plink *l = &real[c / 2], *r = l + 1;
		size_t s0 = l->s, a = l->a, t0 = l->t, b = l->b, nsv = 0,
		       ntv = 0;
		double ls2 = 0, lt2 = 0, d = length_ratio, lexical, kinds[4][3];
		tm__plink *fr = NULL, *rv = NULL;
		size_t nfr = 0, nrv = 0, na, nb;
		tm__item *ba, *bb;

		if (c % 2) { /* a lone 1-0 beside a lone 0-1 */
			if (c / 2 + 1 >= nreal || l->a + l->b != 1 ||
			    r->a + r->b != 1 || l->a == r->a)
				continue;
			s0 = l->a ? l->s : r->s;
			t0 = l->b ? l->t : r->t;
			a = b = 1;
		} else if (a + b > 3) {
			continue;
		}
		for (size_t i = 0; i < ns; i++)
			if (i < s0 || i >= s0 + a || !a) {
				sv[nsv++] = i;
				ls2 += S->len[i] + S->ulen[i];
			}
		for (size_t j = 0; j < nt; j++)
			if (j < t0 || j >= t0 + b || !b) {
				tv[ntv++] = j;
				lt2 += T->len[j] + T->ulen[j];
			}
		if (!nsv || !ntv || ls2 <= 0 || lt2 <= 0)
			continue;
		sv[nsv] = ns;
		tv[ntv] = nt;
		for (size_t j = 0; j < ntv; j++)
			bv[j] = tv[ntv - 1 - j];
		bv[ntv] = nt;
		st = tm__align_view(&fr, &nfr, S, T, sv, nsv, tv, ntv, ratio,
		                    sigma, p, 0, paragraphs, NULL);
		if (st >= 0)
			st = tm__align_view(&rv, &nrv, S, T, sv, nsv, bv, ntv,
			                    ratio, sigma, p, 0, paragraphs, NULL);
		ba = doc_bag(S, sv, nsv, &na);
		bb = doc_bag(T, tv, ntv, &nb);
		if (st >= 0 && (!ba || !bb))
			st = tm__error_oom();
		if (st >= 0) {
			bag_kinds(kinds, ba, na, bb, nb);
			if (!lexical_term(&lexical, lex, S, sv, nsv, T, tv, ntv))
				st = tm__error_oom();
			/* a side left knowing too few words for the lexicon's
			 * evidence against the pair keeps the whole pair's: a
			 * sentence left out must not silence it */
			else if (lexical == 0 && lexical_full < 0)
				lexical = lexical_full;
		}
		if (st >= 0) {
			double z;

			if (!isnan(d))
				d += log(lt2 / lt) - log(ls2 / ls);
			z = judge_evidence(links_cost(fr, nfr, NULL),
			                   links_cost(rv, nrv, NULL), kinds, d,
			                   nsv < ntv ? nsv : ntv, lexical);
			if (z > *best)
				*best = z;
		}
		tm__free(fr);
		tm__free(rv);
		tm__free(ba);
		tm__free(bb);
		if (st < 0)
			goto out;
	}
out:
	tm__free(sv);
	tm__free(tv);
	tm__free(bv);
	return st;
}

tm_status
tm__align_judge(tm__judgement *out, const tm__side *S, const tm__side *T,
                double ratio, double sigma, const tm__align_params *p,
                bool paragraphs, double length_ratio,
                const tm__judge_lex *lex)
{
	size_t ns = S->n < JUDGE_WINDOW ? S->n : JUDGE_WINDOW;
	size_t nt = T->n < JUDGE_WINDOW ? T->n : JUDGE_WINDOW;
	size_t *sm = NULL, *fw = NULL, *bw = NULL;
	tm__plink *real = NULL, *rev = NULL;
	size_t nreal = 0, nrev = 0;
	double creal, crev, matched = 0, kinds[4][3], lexical = 0, z;
	tm_status st = TM_OK;

	out->score = 0;
	out->verdict = TM_ALIGN_UNSURE;
	out->n = 0;
	out->gain = out->cost = out->matched = out->evidence = 0;
	if (!ns || !nt)
		return TM_OK;
	sm = tm__malloc((ns + 1) * sizeof(*sm));
	fw = tm__malloc((nt + 1) * sizeof(*fw));
	bw = tm__malloc((nt + 1) * sizeof(*bw));
	if (!sm || !fw || !bw) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i <= ns; i++)
		sm[i] = i;
	for (size_t j = 0; j <= nt; j++) {
		fw[j] = j;
		bw[j] = j < nt ? nt - 1 - j : nt;
	}
	st = tm__align_view(&real, &nreal, S, T, sm, ns, fw, nt, ratio, sigma,
	                    p, 0, paragraphs, NULL);
	if (st >= 0)
		st = tm__align_view(&rev, &nrev, S, T, sm, ns, bw, nt, ratio,
		                    sigma, p, 0, paragraphs, NULL);
	if (st < 0)
		goto out;
	{
		size_t na, nb;
		tm__item *a = doc_bag(S, NULL, ns, &na);
		tm__item *b = doc_bag(T, NULL, nt, &nb);

		if (!a || !b) {
			tm__free(a);
			tm__free(b);
			st = tm__error_oom();
			goto out;
		}
		bag_kinds(kinds, a, na, b, nb);
		tm__free(a);
		tm__free(b);
	}
	creal = links_cost(real, nreal, &matched);
	crev = links_cost(rev, nrev, NULL);
	/* a moved paragraph: the order weighed with the target's paragraphs
	 * in the source's order too, and the better fit kept */
	if (paragraphs) {
		st = judge_reordered(&real, &nreal, &rev, &nrev, S, T, sm, ns,
		                     fw, bw, nt, ratio, sigma, p);
		if (st < 0)
			goto out;
		matched = 0;
		creal = links_cost(real, nreal, &matched);
		crev = links_cost(rev, nrev, NULL);
	}
	out->n = ns + nt;
	out->gain = (crev - creal) / (double)out->n;
	out->cost = creal / (double)out->n;
	out->matched = matched;
	if (!lexical_term(&lexical, lex, S, NULL, ns, T, NULL, nt)) {
		st = tm__error_oom();
		goto out;
	}
	z = judge_evidence(creal, crev, kinds, length_ratio,
	                   ns < nt ? ns : nt, lexical);
	/* a short translation with a hole: weighed without it too */
	if (z < JUDGE_NOT && (ns < nt ? ns : nt) >= JH_MIN_SENTENCES &&
	    (ns < nt ? ns : nt) <= JH_SENTENCES) {
		double best;

		st = judge_hole(&best, S, T, real, nreal, ns, nt, ratio, sigma,
		                p, paragraphs, length_ratio, lex, lexical);
		if (st < 0)
			goto out;
		if (best - JH_COST > z)
			z = best - JH_COST;
	}
	judge_set(out, z);
out:
	tm__free(sm);
	tm__free(fw);
	tm__free(bw);
	tm__free(real);
	tm__free(rev);
	return st;
}

/* ---- the lexicon's shares (tm__judge_cal) ------------------------------ */

typedef struct form_pair {
	uint32_t a, b;
} form_pair;

static int
form_pair_cmp(const void *x, const void *y)
{
	const form_pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static int
form_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* The form of @forms that the reduced word @w stands for in the
 * translation check: itself when the lexicon has an entry for it
 * (@has, by form), else for a Hangul word of three syllables or more
 * its longest prefix of two syllables or more that has one (발표했다,
 * 발표하고: 발표). A Korean word less its particle still carries its
 * verb or adjective ending, and a lexicon learned from a few thousand
 * sentence pairs has seen few of a stem's endings: the stem is what it
 * knows. TM__LEX_NONE when neither. */
static uint32_t
judge_form(const tm__lex *forms, const uint8_t *has, const char *w,
           size_t len)
{
	uint32_t f = tm__lex_find(forms, w, len);
	size_t n;

	if (f != TM__LEX_NONE && has[f])
		return f;
	n = tm__hangul_lead(w, len);
	if (3 * n != len) /* Hangul syllables only */
		n = 0;
	for (size_t k = n ? n - 1 : 0; k >= JL_PREFIX_SYLLABLES; k--) {
		f = tm__lex_find(forms, w, 3 * k);
		if (f != TM__LEX_NONE && has[f])
			return f;
	}
	return TM__LEX_NONE;
}

/* Per form of side @x of @L, whether it has an entry (one the check
 * weighs with the core lexicon's, tm__lexent.judge, with @core_only):
 * NULL when out of memory (free with tm__free()). */
static uint8_t *
forms_with_entries(const tm__lexicon *L, int x, bool core_only)
{
	uint8_t *has = tm__calloc((x ? L->tgt.count : L->src.count) + 1, 1);

	if (has)
		for (size_t q = 0; q < L->n; q++)
			if (!core_only || L->e[q].judge)
				has[x ? L->e[q].t : L->e[q].s] = 1;
	return has;
}

/* The forms of @forms that the words of sentence @v reduce to, unique and
 * sorted, appended to *@ids (*@n of them, room *@cap). */
static bool
sentence_forms(uint32_t **ids, size_t *n, size_t *cap, const tm__lex *forms,
               const uint8_t *has, tm__reducer *r,
               const tm_align_sentence *v)
{
	char fold[256], red[256];
	size_t pos = 0, fl, from = *n, o = from;
	const char *text = v->text ? v->text : "";

	while ((fl = tm__next_word(text, v->len, &pos, fold, sizeof(fold)))) {
		size_t rl = tm__reduce(r, fold, fl, red, sizeof(red));
		uint32_t id = rl ? judge_form(forms, has, red, rl)
		                 : TM__LEX_NONE;

		if (id == TM__LEX_NONE)
			continue;
		if (!TM__ARRAY_GROW(*ids, *cap, *n + 1, 1024))
			return false;
		(*ids)[(*n)++] = id;
	}
	if (*n > from)
		qsort(*ids + from, *n - from, sizeof(**ids), form_cmp);
	for (size_t q = from; q < *n; q++)
		if (o == from || (*ids)[o - 1] != (*ids)[q])
			(*ids)[o++] = (*ids)[q];
	*n = o;
	return true;
}

static bool
has_form(const uint32_t *v, size_t n, uint32_t f)
{
	return bsearch(&f, v, n, sizeof(*v), form_cmp) != NULL;
}

tm_status
tm__judge_calibrate(tm__judge_cal *cal, const tm__lexicon *L,
                    tm__reducer *rs, tm__reducer *rt,
                    const tm_align_sentence *src,
                    const tm_align_sentence *tgt, size_t n)
{
	form_pair *ent[2] = {NULL, NULL};
	uint32_t *ids[2] = {NULL, NULL};
	uint8_t *has[2] = {NULL, NULL};
	size_t nid[2] = {0, 0}, cap[2] = {0, 0}, *off[2] = {NULL, NULL};
	tm_status st = TM_OK;

	if (!L->n || n < 2)
		return TM_OK;
	for (int x = 0; x < 2; x++) {
		ent[x] = tm__malloc(L->n * sizeof(*ent[x]));
		off[x] = tm__malloc((n + 1) * sizeof(*off[x]));
		has[x] = forms_with_entries(L, x, false);
		if (!ent[x] || !off[x] || !has[x]) {
			st = tm__error_oom();
			goto out;
		}
		for (size_t q = 0; q < L->n; q++) {
			ent[x][q].a = x ? L->e[q].t : L->e[q].s;
			ent[x][q].b = x ? L->e[q].s : L->e[q].t;
		}
		qsort(ent[x], L->n, sizeof(*ent[x]), form_pair_cmp);
		off[x][0] = 0;
		for (size_t k = 0; k < n; k++) {
			if (!sentence_forms(&ids[x], &nid[x], &cap[x],
			                    x ? &L->tgt : &L->src, has[x],
			                    x ? rt : rs, x ? &tgt[k] : &src[k])) {
				st = tm__error_oom();
				goto out;
			}
			off[x][k + 1] = nid[x];
		}
	}
	/* each sentence's known words against its partner, and against
	 * the partner of the pair half the batch away (another story) */
	for (int x = 0; x < 2; x++)
		for (size_t k = 0; k < n; k++) {
			size_t o = (k + n / 2) % n;
			const uint32_t *mine = ids[1 - x] + off[1 - x][k];
			const uint32_t *other = ids[1 - x] + off[1 - x][o];
			size_t nm = off[1 - x][k + 1] - off[1 - x][k];
			size_t no = off[1 - x][o + 1] - off[1 - x][o];

			if (!nm)
				continue;
			for (size_t q = off[x][k]; q < off[x][k + 1]; q++) {
				form_pair key = {ids[x][q], 0};
				size_t lo = 0, hi = L->n;
				bool hit = false, chance = false;

				while (lo < hi) { /* first entry of the form */
					size_t mid = lo + (hi - lo) / 2;

					if (ent[x][mid].a < key.a)
						lo = mid + 1;
					else
						hi = mid;
				}
				if (lo == L->n || ent[x][lo].a != key.a)
					continue;
				for (; lo < L->n && ent[x][lo].a == key.a; lo++) {
					hit |= has_form(mine, nm, ent[x][lo].b);
					chance |= has_form(other, no,
					                   ent[x][lo].b);
				}
				cal->known[x] += 1;
				cal->hit[x] += hit;
				cal->chance[x] += chance;
			}
		}
out:
	for (int x = 0; x < 2; x++) {
		tm__free(ent[x]);
		tm__free(ids[x]);
		tm__free(off[x]);
		tm__free(has[x]);
	}
	return st;
}

bool
tm__judge_cal_shares(tm__judge_lex *lex, const tm__judge_cal *cal)
{
	for (int x = 0; x < 2; x++) {
		if (cal->known[x] < JL_CAL_KNOWN || cal->hit[x] <= 0)
			return false;
		lex->share[x] = cal->hit[x] / cal->known[x];
		if (lex->share[x] > JL_SHARE_MAX)
			lex->share[x] = JL_SHARE_MAX;
		lex->chance[x] = cal->chance[x] / cal->known[x];
		if (lex->chance[x] < JL_CHANCE_MIN)
			lex->chance[x] = JL_CHANCE_MIN;
	}
	return true;
}

tm_status
tm__judge_lex_reduced(tm__judge_lex *lex, tm__wpair **pairs,
                      uint8_t **known, tm__lexicon *L, const tm__side *S,
                      const tm__side *T, bool core_only)
{
	const tm__side *side[2] = {S, T};
	const tm__lex *forms[2] = {&L->src, &L->tgt};
	uint8_t *has[2] = {NULL, NULL}, *present[2] = {NULL, NULL};
	tm_status st = TM_OK;

	*pairs = NULL; /* the pairs are told by form (lex->fhit) */
	for (int x = 0; x < 2; x++) {
		size_t nr = side[x]->rlex.count, nf = forms[x]->count;

		/* one block: the form of each reduced id (uint32_t, + 1, 0
		 * none), then per form whether its partner is in the other
		 * document */
		known[x] = tm__calloc(nr * sizeof(uint32_t) + nf + 1, 1);
		has[x] = forms_with_entries(L, x, core_only);
		present[x] = tm__calloc(nf + 1, 1);
		if (!known[x] || !has[x] || !present[x]) {
			st = tm__error_oom();
			goto out;
		}
		lex->form[x] = (const uint32_t *)(void *)known[x];
		lex->fhit[x] = known[x] + nr * sizeof(uint32_t);
		lex->nform[x] = nf;
		for (uint32_t r = 0; r < nr; r++) {
			uint32_t f = judge_form(forms[x], has[x],
			                        side[x]->rlex.words[r],
			                        side[x]->rlex.lens[r]);

			if (f == TM__LEX_NONE)
				continue;
			((uint32_t *)(void *)known[x])[r] = f + 1;
			present[x][f] = 1;
		}
	}
	for (size_t q = 0; q < L->n; q++) {
		const tm__lexent *e = &L->e[q];

		if (core_only && !e->judge)
			continue;
		if (present[0][e->s] && present[1][e->t]) {
			known[0][S->rlex.count * sizeof(uint32_t) + e->s] = 1;
			known[1][T->rlex.count * sizeof(uint32_t) + e->t] = 1;
		}
	}
	lex->pairs = NULL;
	lex->npairs = 0;
	lex->known[0] = known[0];
	lex->known[1] = known[1];
	lex->red[0] = S->red;
	lex->red[1] = T->red;
out:
	for (int x = 0; x < 2; x++) {
		tm__free(has[x]);
		tm__free(present[x]);
	}
	return st;
}

/* The core lexicon's shares (tm__judge_core_shares()): per pair, of the
 * words of a sentence the core lexicon knows (source side, target side),
 * the share whose partner the translation's sentence has and the share
 * whose partner another sentence has, the known words its evidence
 * against a pair needs (tm__judge_lex.known_min, known_few) and the
 * spread of a translation's share (tm__judge_lex.spread). Chosen on the
 * even documents of the judge set (tests/bench/eval-judge.py --half 0)
 * and on the excerpts of the restructured sets of seeds 1, 2 and 3
 * (eval-judge.py --restructured DIR --excerpts), where no true excerpt
 * may be refused; checked on the odd documents (docs/alignment.md,
 * "Lexicon"). With a fixed share and 6/3 known words both pairs refused
 * 99% of the even mismatched pairs, but also true excerpts translated
 * in their own words: en-ko `Colleagues from across the EU ... bring
 * valuable experience and skills` (1 of 10 known words matched a side),
 * en-ru `Labour is no longer a broad church` (0 of 3 and 6) and a
 * rainfall sentence (0 of 8 and 7). en-ko keeps 6 known words a side,
 * 4 on the side knowing fewer when none matched (3 refused a free
 * one-sentence NTREX excerpt, 3 English and 10 Korean known words: 99.3%
 * / 99.0% of the halves' mismatched pairs refused with 4, 99.5 / 99.3
 * with 3), with a translation's
 * share spread as a beta of 16 observations (8: 96.8% of the even
 * mismatched pairs refused; 16: 98.0%); en-ru keeps the fixed share and
 * asks 10 known words, 5 on the side knowing fewer when none matched
 * (99.5%; 8/5 refused the rainfall excerpt). de-fr (either direction):
 * the shares measured on the 1-1 links of the Bleualign dev set (a
 * translation's sentence matched 0.58 of the German words the table
 * knows and 0.43 of the French, another sentence 0.013 and 0.011), with
 * the rules en-ko had then (6/3 known words, a beta of 16); on the dev
 * set's excerpts of four links (95 true, 95 of its own German against
 * French from eight excerpts away or more)
 * no true excerpt refused (lowest score 0.31; 0.02, refused, without
 * the table) and all 95 mismatched ones refused (90 without); fixed
 * shares, 10/5 known words, or shares of 0.5 or 0.6 each refuse the
 * same. */
typedef struct core_shares {
	const char *src, *tgt;
	double share[2], chance[2];
	unsigned known_min, known_few;
	double spread;
} core_shares;

static const core_shares core_measured[] = {
        {"en", "ko", {0.6, 0.6}, {0.02, 0.02}, 6, 4, 16},
        {"en", "ru", {0.6, 0.6}, {0.02, 0.02}, 10, 5, 0},
        /* ko-ru: the pair's own table (lexicon-ko-ru.tsv) merged with
         * the one composed through English (align-core.c), measured on
         * the even documents of the judge set's ko-ru pairs and on
         * excerpts of its NTREX documents (eval-judge.py --pairs
         * ko-ru,ru-ko [--excerpts]). The Korean and the Russian are
         * two translations of one English text, not one of the other:
         * a true pair's sentence matches 0.57 of the Korean words the
         * table knows, 0.47 of the Russian (excerpts 0.52, 0.41);
         * another sentence 0.012 and 0.009, taken as 0.04, as
         * neighbouring FLORES documents share their topic (0.03: one
         * true even excerpt refused, a fashion story matching 2 of 17
         * and 20 known words). Six known words a side, five on the side
         * knowing fewer when none matched (three, the composed table's,
         * refused two free one-sentence quotes that know more words
         * now: the White House's, none of 9 and 4 matched, and Labour's
         * `broad church`, none of 4 and 6; en-ko asks four, en-ru
         * five), and a beta of 16. */
        {"ko", "ru", {0.55, 0.45}, {0.04, 0.04}, 6, 5, 16},
        {"de", "fr", {0.55, 0.4}, {0.015, 0.015}, 6, 3, 16},
};

/* The measured entry of @src_lang to @tgt_lang (*@rev set when it is
 * listed the other way round), NULL when there is none. */
static const core_shares *
core_entry(const char *src_lang, const char *tgt_lang, int *rev)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(core_measured); i++) {
		const core_shares *c = &core_measured[i];

		*rev = -1;
		if (strncmp(src_lang, c->src, 2) == 0 &&
		    strncmp(tgt_lang, c->tgt, 2) == 0)
			*rev = 0;
		else if (strncmp(src_lang, c->tgt, 2) == 0 &&
		         strncmp(tgt_lang, c->src, 2) == 0)
			*rev = 1;
		if (*rev >= 0)
			return c;
	}
	return NULL;
}

/* The language pair's rules of the entry @c in @lex (the same either
 * way round). */
static void
pair_rules(tm__judge_lex *lex, const core_shares *c)
{
	lex->known_min = c->known_min;
	lex->known_few = c->known_few;
	lex->spread = c->spread;
}

bool
tm__judge_core_shares(tm__judge_lex *lex, const char *src_lang,
                      const char *tgt_lang)
{
	int rev;
	const core_shares *c = core_entry(src_lang, tgt_lang, &rev);

	if (!c)
		return false;
	for (int x = 0; x < 2; x++) {
		lex->share[x] = c->share[rev ? 1 - x : x];
		lex->chance[x] = c->chance[rev ? 1 - x : x];
	}
	pair_rules(lex, c); /* from the entry found, not looked up again */
	return true;
}

void
tm__judge_pair_rules(tm__judge_lex *lex, const char *src_lang,
                     const char *tgt_lang)
{
	int rev;
	const core_shares *c = core_entry(src_lang, tgt_lang, &rev);

	if (c)
		pair_rules(lex, c);
}
