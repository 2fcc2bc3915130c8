/* SPDX-License-Identifier: MIT */
/* Sentence alignment: a banded dynamic programme over link types whose cost
 * is length (ratio and spread estimated from the pair itself) plus anchors
 * (anchors.c); a second pass with word pairs learned from the confident
 * links of the first (as hunalign's realign); moved blocks found among the
 * sentences both sides left unmatched; a calibrated confidence per link.
 * See docs/alignment.md for the costs and the figures. */
#include "align-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stem-private.h"
#include "tm/translit.h"
/* Smoothing of the length term, in characters of the reference side: short
 * sentences (a dateline, "(END)", an e-mail line) vary far more in their
 * ratio than long ones. */
#define LEN_SMOOTH 12.0

const tm__align_params tm__align_default_params = {
        .del = 3.0,
        .merge2 = 3.5,
        .merge22 = 5.5,
        .merge3 = 5.5,
        .wmatch = 1.5,
        .wmiss = 0.25,
        .sigma = 0.35,
        .para = 3.0,
        .pstart = 0.7,
        .split22 = 1.0,
        .wlost = 0.5,
        .lenvar = 0.5,
        .wlex = 1.0,
        .lexlost = 4.0,
        .wcore = 1.0,
        .lexcore = 0.5,
        .merge23 = 8.0,
        .split23 = 6.0,
        .merge14 = 7.5,
        .head21 = 0.15,
        .join21 = 0.2,
        .wcont = 1.5,
        .droplex = 2.0,
        .droplen = 36.0,
        .dropmargin = 0.0,
        .wnomatch = 1.0,
        .nomatch_min = 4,
        .nomatch_max = 8,
        .chance_core = 1.0,
        .shiftmargin = -0.5,
};

static const tm__bead beads[] = {
        {1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {1, 3},
        {2, 3}, {3, 2}, {1, 4}, {4, 1},
};

#define UNREACHED 1e30f
#define NO_BP 255

/* ---- the banded programme -------------------------------------------- */

typedef struct dp {
	const tm__side *S, *T;
	size_t ns, nt;
	/* document index of view position k (k = ns: where the view ends);
	 * a view may skip sentences (a moved paragraph aligned apart) */
	const size_t *sm, *tmap;
	double ratio, inv2s2, K;
	double L0; /* mean sentence length of the documents, source units */
	const tm__align_params *p;
	bool paragraphs;
	double *cs, *ct; /* cumulative lengths */
	double *ws, *wt; /* cumulative anchor weights */
	double *xs, *xt; /* cumulative lost weights */
	/* log of the (ratio-scaled) length of the span of 1-4 sentences
	 * ending before i (source) or j (target), plus K */
	double *ls[TM__ALIGN_MAX_SPAN + 1], *lt[TM__ALIGN_MAX_SPAN + 1];
	size_t *lo, *hi, *off;
	size_t cells;
	float *cost, *pair;
	unsigned char *bp;
	/* set while a merged link's split is scored: its links without
	 * wnomatch's cost (nomatch_cost()) */
	bool plain;
	/* wnomatch weighs: both sides have words of the core lexicon */
	bool nomatch;
} dp;

/* Mean sentence length of both documents, in source characters. */
static double
side_mean_len(const tm__side *S, const tm__side *T, double ratio)
{
	double sl = 0, tl = 0;

	for (size_t k = 0; k < S->n; k++)
		sl += S->len[k];
	for (size_t k = 0; k < T->n; k++)
		tl += T->len[k];
	return S->n + T->n ? (sl + tl / ratio) / (double)(S->n + T->n) : 1;
}

double
tm__align_len_factor(double lenvar, double L, double L0)
{
	double f, q;

	if (lenvar <= 0)
		return 1;
	q = (L + LEN_SMOOTH) / (L0 + LEN_SMOOTH);
	f = lenvar == 0.5 ? sqrt(q) : pow(q, lenvar);
	return f < 0.25 ? 0.25 : f > 4 ? 4 : f;
}

static float
pair_shared(const dp *d, size_t i, size_t j)
{
	const tm__side *S = d->S, *T = d->T;
	size_t si = d->sm[i - 1], tj = d->tmap[j - 1];

	return tm__items_shared(S->items + S->item_off[si],
	                        S->item_off[si + 1] - S->item_off[si],
	                        T->items + T->item_off[tj],
	                        T->item_off[tj + 1] - T->item_off[tj]);
}

/* Shared anchor weight of source sentence i-1 and target j-1 (cell i,j). */
static float
get_pair(dp *d, size_t i, size_t j)
{
	if (j >= d->lo[i] && j <= d->hi[i]) {
		float *v = &d->pair[d->off[i] + j - d->lo[i]];

		if (*v < 0)
			*v = pair_shared(d, i, j);
		return *v;
	}
	return pair_shared(d, i, j);
}

/* First document sentence of the @b view positions ending before @j: the
 * lowest index, so that a reversed view (the translation check's) reads
 * its spans forward like any other. */
static size_t
view_first(const size_t *map, size_t j, unsigned b)
{
	return map[j - 1] < map[j - b] ? map[j - 1] : map[j - b];
}

/* Whether the @b view positions ending before @j are @b consecutive
 * sentences of the document, in either order (the translation check
 * aligns a reversed target; a view without a moved paragraph skips
 * sentences). */
static bool
view_consecutive(const size_t *map, size_t j, unsigned b)
{
	size_t f = map[j - b];
	bool up = b < 2 || map[j - b + 1] > f;

	for (unsigned q = 1; q < b; q++)
		if (map[j - b + q] != (up ? f + q : f - q))
			return false;
	return true;
}

/* Anchor weight shared by @a source sentences from @si and @b target
 * sentences from @tj (document indices), up to TM__ALIGN_MAX_SPAN a side:
 * spans of four have their items merged here, from two spans of two (the
 * merged spans of up to three are built in advance, tm__side_span()). */
static float
span_shared(const tm__side *S, size_t si, unsigned a, const tm__side *T,
            size_t tj, unsigned b)
{
	const tm__item *v[2][2];
	size_t n[2][2], k[2][2] = {{0, 0}, {0, 0}};
	float s = 0;

	if (a < 4 && b < 4) {
		size_t na, nb;
		const tm__item *ia = tm__side_span(S, si, a, &na);
		const tm__item *ib = tm__side_span(T, tj, b, &nb);

		return tm__items_shared(ia, na, ib, nb);
	}
	/* each side as one or two sorted lists; an id's weight is its sum
	 * over the side's lists, matched as min(source, target) */
	for (unsigned q = 0; q < 2; q++) {
		const tm__side *x = q ? T : S;
		size_t f = q ? tj : si;
		unsigned c = q ? b : a;

		if (c == 4) {
			v[q][0] = tm__side_span(x, f, 2, &n[q][0]);
			v[q][1] = tm__side_span(x, f + 2, 2, &n[q][1]);
		} else {
			v[q][0] = tm__side_span(x, f, c, &n[q][0]);
			v[q][1] = NULL;
			n[q][1] = 0;
		}
	}
	for (;;) {
		uint32_t id = UINT32_MAX;
		float w[2] = {0, 0};
		bool any = false;

		for (unsigned q = 0; q < 2; q++)
			for (unsigned r = 0; r < 2; r++)
				if (k[q][r] < n[q][r] && v[q][r][k[q][r]].id <= id) {
					id = v[q][r][k[q][r]].id;
					any = true;
				}
		if (!any)
			break;
		for (unsigned q = 0; q < 2; q++)
			for (unsigned r = 0; r < 2; r++)
				if (k[q][r] < n[q][r] && v[q][r][k[q][r]].id == id)
					w[q] += v[q][r][k[q][r]++].w;
		s += w[0] < w[1] ? w[0] : w[1];
	}
	return s;
}

static bool
para_start(const tm__side *s, size_t k)
{
	return k == 0 || s->para[k] != s->para[k - 1];
}

/* Whether the items @a and @b (sorted by id) share a number or a name. */
static bool
share_anchor(const tm__item *a, size_t na, const tm__item *b, size_t nb)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		if (a[i].id < b[j].id) {
			i++;
		} else if (a[i].id > b[j].id) {
			j++;
		} else {
			if (TM__ITEM_KIND(a[i].id) != TM__ITEM_OTHER)
				return true;
			i++;
			j++;
		}
	}
	return false;
}

/* The words of sentence @k of @X the core lexicon has pairs for: those
 * whose partner the other document has (known) and those whose partners
 * it lacks (lost_core). */
static double
core_words(const tm__side *X, size_t k)
{
	return X->known[k] + (X->lost_core ? X->lost_core[k] : 0);
}

/* What wnomatch costs the link of @a source sentences from @si and @b
 * target sentences from @tj (document indices, consecutive): when the two
 * sides have nomatch_min words of the core lexicon or more on average and
 * no sentence of one shares a core pair, a number or a name with a
 * sentence of the other, wnomatch for each such word from the
 * nomatch_min-th to the nomatch_max-th; else 0. */
static double
nomatch_cost(const tm__side *S, size_t si, unsigned a, const tm__side *T,
             size_t tj, unsigned b, const tm__align_params *p)
{
	double k = 0;

	if (p->wnomatch <= 0 || !S->known || !T->known)
		return 0;
	for (unsigned q = 0; q < a; q++)
		k += core_words(S, si + q);
	for (unsigned q = 0; q < b; q++)
		k += core_words(T, tj + q);
	k *= 0.5;
	if (k < p->nomatch_min)
		return 0;
	for (unsigned q = 0; q < a; q++)
		for (unsigned r = 0; r < b; r++) {
			size_t x = si + q, y = tj + r;

			if (tm__items_shared(S->known_items + S->known_off[x],
			                     S->known_off[x + 1] - S->known_off[x],
			                     T->known_items + T->known_off[y],
			                     T->known_off[y + 1] - T->known_off[y]) > 0 ||
			    share_anchor(S->items + S->item_off[x],
			                 S->item_off[x + 1] - S->item_off[x],
			                 T->items + T->item_off[y],
			                 T->item_off[y + 1] - T->item_off[y]))
				return 0;
		}
	if (k > p->nomatch_max)
		k = p->nomatch_max;
	return p->wnomatch * (k - p->nomatch_min + 1);
}

/* How much of the lexicon's lost weight (tm__side.lost_lex) of the lone
 * sentence of a 1-0 (@a 1) or 0-1 link ending at cell (i, j) does not
 * count. When every anchor the sentence has (a number, a name, a listed
 * word) is in the other side's sentence just before or after it, and it
 * has no number of its own (none the other document lacks), it is most
 * likely the tail of that sentence's translation, a 1-2 or 2-1 split
 * (`which rose 0.8 percent` given a sentence of its own, `같은 날
 * 코스닥지수는 0.8% 상승했다`), whatever words of it the other document
 * lacks: a split adds some (`같은 날`, the same day), and the core lexicon
 * lists `rise`, not `rose`. Its anchors then take back as much of the lost
 * weight as they weigh: 3.5 of the 4.0 there, where the programme took
 * the tail out as a 0-1 (samples/chip-export; tm check reported 0.8
 * missing), and 0.33 (a weak learned pair) of the 6.0 of a dropped
 * sentence whose words are nowhere in the translation. A sentence with a
 * number of its own, or an anchor elsewhere, keeps all of it: taken back
 * in proportion to what it shares, more deletions were absorbed
 * (docs/alignment.md, "Lexicon"). */
static double
lex_lost_void(dp *d, size_t i, size_t j, unsigned a)
{
	const tm__side *X = a ? d->S : d->T;
	size_t k = a ? d->sm[i - 1] : d->tmap[j - 1];
	double lex = X->lost_lex ? X->lost_lex[k] : 0, w = X->weight[k];
	double near = 0;

	if (lex <= 0 || w <= 0 || X->lost[k] > lex)
		return 0;
	/* the other side's sentences before and after it in the view
	 * (cell (i, j) is source i-1 with target j-1) */
	if (a) {
		if (j > 0)
			near = get_pair(d, i, j);
		if (near < w && j < d->nt)
			near = get_pair(d, i, j + 1);
	} else {
		if (i > 0)
			near = get_pair(d, i, j);
		if (near < w && i < d->ns)
			near = get_pair(d, i + 1, j);
	}
	/* a shared weight is the lesser of the two sides' (sums of floats) */
	if (near < w * 0.999)
		return 0;
	return w < lex ? w : lex;
}

/* Cost of the sentences of a merged link that share nothing with the other
 * side although they have anchors of their own: such a sentence was most
 * likely dropped by the translation, not merged (a 2-1 where the truth is
 * a 1-1 and a 1-0). Anchors include the second pass's learned word pairs,
 * so nearly every sentence has some. */
/* Cost of the link of @a source and @b target sentences ending at cell
 * (i, j). The anchor term is computed last and only when the rest of the
 * cost, with the best anchor term it could have, can still beat @bound:
 * scoring merged spans is most of the work of the programme. */
static double
bead_cost(dp *d, size_t i, size_t j, unsigned a, unsigned b, double bound)
{
	const tm__align_params *p = d->p;
	double A = d->ws[i] - d->ws[i - a], B = d->wt[j] - d->wt[j - b];
	double c, m = 0, x;

	if (a == 0 || b == 0) {
		/* a sentence whose numbers the other document lacks was most
		 * likely left out (or added): its deletion costs less, so
		 * that it is not absorbed into a neighbour's link; so do the
		 * lexicon's words whose translations the other lacks, unless
		 * the sentence is the tail of a neighbour's translation
		 * (lex_lost_void()) */
		double lost = (d->xs[i] - d->xs[i - a]) +
		              (d->xt[j] - d->xt[j - b]);
		double bonus;

		if (lost > 0 && p->wlost > 0)
			lost -= lex_lost_void(d, i, j, a);
		bonus = p->wlost * lost;
		if (bonus > p->del)
			bonus = p->del;
		return p->del + p->wmiss * (A + B) - bonus;
	}
	x = d->lt[b][j] - d->ls[a][i];
	c = x * x * d->inv2s2;
	if (p->lenvar > 0) {
		double L = 0.5 * (d->ratio * (d->cs[i] - d->cs[i - a]) +
		                  d->ct[j] - d->ct[j - b]) / d->ratio;
		c *= tm__align_len_factor(p->lenvar, L, d->L0);
	}
	c += p->wmiss * (A + B);
	if (a + b == 3)
		c += p->merge2;
	else if (a == 2 && b == 2)
		c += p->merge22;
	else if (a + b == 4)
		c += p->merge3;
	else if (a + b == 5)
		c += a == 1 || b == 1 ? p->merge14 : p->merge23;
	if (p->wcont > 0 && (d->S->cont || d->T->cont)) {
		/* a sentence given as two lines: its parts merge */
		const tm__side *S = d->S, *T = d->T;

		for (unsigned q = 0; q + 1 < a && S->cont; q++)
			if (S->cont[d->sm[i - a + q]])
				c -= p->wcont;
		for (unsigned q = 0; q + 1 < b && T->cont; q++)
			if (T->cont[view_first(d->tmap, j, b) + q])
				c -= p->wcont;
	}
	/* a merged link must be consecutive sentences of the document (in
	 * either order: the translation check aligns a reversed target, and
	 * one with its paragraphs reordered, where the middle of three need
	 * not lie between its ends; checked before the span's paragraphs
	 * are read) */
	if (d->sm[i - 1] - d->sm[i - a] != a - 1 ||
	    !view_consecutive(d->tmap, j, b))
		return 1e9;
	if (d->paragraphs) {
		const tm__side *S = d->S, *T = d->T;
		size_t fs = d->sm[i - a], ft = view_first(d->tmap, j, b);

		if (a > 1 && S->para[fs] != S->para[fs + a - 1])
			c += p->para;
		if (b > 1 && T->para[ft] != T->para[ft + b - 1])
			c += p->para;
		if (para_start(S, fs) != para_start(T, ft))
			c += p->pstart;
	}
	if (c - (p->wmatch + 2 * p->wmiss) * (A < B ? A : B) >= bound)
		return c; /* cannot win whatever it shares */
	if (a == 1 && b == 1) {
		m = get_pair(d, i, j);
		if (d->nomatch && !d->plain)
			c += nomatch_cost(d->S, d->sm[i - 1], 1, d->T,
			                  d->tmap[j - 1], 1, p);
	} else {
		m = span_shared(d->S, d->sm[i - a], a, d->T,
		                view_first(d->tmap, j, b), b);
		if (d->nomatch && !d->plain)
			c += nomatch_cost(d->S, d->sm[i - a], a, d->T,
			                  view_first(d->tmap, j, b), b, p);
		if (a + b == 5 && a > 1 && b > 1 && p->split23 > 0) {
			/* a 2-3 (3-2) only where neither split into a 1-1 and
			 * a 1-2 (2-1), in either order, scores near it:
			 * without the margin a 2-3 took a 1-1 beside a 2-1
			 * (the restructured set, when the links were tried
			 * across scripts; docs/alignment.md, "de-fr") */
			double c23 = c - (p->wmatch + 2 * p->wmiss) * m;
			unsigned sa = a - 1, sb = b - 1;
			bool near;

			if (c23 < bound) {
				d->plain = true;
				near = bead_cost(d, i - sa, j - sb, 1, 1, 1e30) +
				                       bead_cost(d, i, j, sa, sb, 1e30) <
				               c23 + p->split23 ||
				       bead_cost(d, i - 1, j - 1, sa, sb, 1e30) +
				                       bead_cost(d, i, j, 1, 1, 1e30) <
				               c23 + p->split23;
				d->plain = false;
				if (near)
					return 1e9;
			}
		}
		if (a == 2 && b == 2 && p->split22 > 0) {
			/* a 2-2 only where its split into two 1-1 links does
			 * not score near it (a number repeated in neighbouring
			 * sentences glues them otherwise); asked only of a 2-2
			 * that would win its cell */
			double c22 = c - (p->wmatch + 2 * p->wmiss) * m;
			bool near;

			if (c22 < bound) {
				d->plain = true;
				near = bead_cost(d, i - 1, j - 1, 1, 1, 1e30) +
				               bead_cost(d, i, j, 1, 1, 1e30) <
				       c22 + p->split22;
				d->plain = false;
				if (near)
					return 1e9;
			}
		}
	}
	return c - (p->wmatch + 2 * p->wmiss) * m;
}

static void
dp_free_band(dp *d)
{
	tm__free(d->lo);
	tm__free(d->hi);
	tm__free(d->off);
	tm__free(d->cost);
	tm__free(d->pair);
	tm__free(d->bp);
	d->lo = d->hi = d->off = NULL;
	d->cost = d->pair = NULL;
	d->bp = NULL;
}

/* Lay a band of half-width @w around @center (one column per row), or
 * when it is NULL around the diagonal of cumulative lengths. */
static tm_status
dp_band(dp *d, size_t w, const size_t *center)
{
	size_t j = 0;
	double R;

	d->lo = tm__malloc((d->ns + 1) * sizeof(*d->lo));
	d->hi = tm__malloc((d->ns + 1) * sizeof(*d->hi));
	d->off = tm__malloc((d->ns + 2) * sizeof(*d->off));
	if (!d->lo || !d->hi || !d->off)
		return tm__error_oom();
	R = d->cs[d->ns] > 0 ? d->ct[d->nt] / d->cs[d->ns] : 0;
	d->cells = 0;
	for (size_t i = 0; i <= d->ns; i++) {
		size_t c;

		if (center) {
			c = center[i];
		} else if (R > 0) {
			double want = d->cs[i] * R;

			while (j < d->nt && d->ct[j + 1] <= want)
				j++;
			if (j < d->nt && want - d->ct[j] > d->ct[j + 1] - want)
				c = j + 1;
			else
				c = j;
		} else {
			c = d->ns ? i * d->nt / d->ns : 0;
		}
		/* The path runs from (0, 0) to (ns, nt): both ends are in
		 * the band, whatever the lengths say (target sentences of
		 * length 0 at the start would move row 0's centre off 0,
		 * and dp_fill's start cell with it). With no source
		 * sentence row 0 is also the last row and must hold both
		 * ends, 0..nt, not only the band around nt: dp_fill puts
		 * the start at the row's first cell whatever column it is. */
		if (i == 0)
			c = 0;
		if (i == d->ns)
			c = d->nt;
		d->lo[i] = c > w ? c - w : 0;
		d->hi[i] = c + w < d->nt ? c + w : d->nt;
		if (i == 0)
			d->lo[i] = 0;
		if (i > 0 && d->lo[i] < d->lo[i - 1])
			d->lo[i] = d->lo[i - 1];
		if (i > 0 && d->hi[i] < d->hi[i - 1])
			d->hi[i] = d->hi[i - 1];
		if (d->lo[i] > d->hi[i])
			d->lo[i] = d->hi[i];
		d->off[i] = d->cells;
		d->cells += d->hi[i] - d->lo[i] + 1;
	}
	d->off[d->ns + 1] = d->cells;
	d->cost = tm__malloc(d->cells * sizeof(*d->cost));
	d->pair = tm__malloc(d->cells * sizeof(*d->pair));
	d->bp = tm__malloc(d->cells);
	if (!d->cost || !d->pair || !d->bp)
		return tm__error_oom();
	for (size_t k = 0; k < d->cells; k++) {
		d->cost[k] = UNREACHED;
		d->pair[k] = -1;
	}
	memset(d->bp, NO_BP, d->cells);
	return TM_OK;
}

static void
dp_fill(dp *d)
{
	d->cost[0] = 0;
	for (size_t i = 0; i <= d->ns; i++) {
		for (size_t j = d->lo[i]; j <= d->hi[i]; j++) {
			size_t cell = d->off[i] + j - d->lo[i];
			float best = d->cost[cell];
			unsigned char bb = d->bp[cell];

			for (unsigned k = 0; k < TM_ARRAY_SIZE(beads); k++) {
				unsigned a = beads[k].a, b = beads[k].b;
				size_t pi, pj;
				float pc, c;

				if (a > i || b > j)
					continue;
				if (a + b == 5 &&
				    (a == 1 || b == 1 ? d->p->merge14
				                      : d->p->merge23) <= 0)
					continue;
				pi = i - a;
				pj = j - b;
				if (pj < d->lo[pi] || pj > d->hi[pi])
					continue;
				pc = d->cost[d->off[pi] + pj - d->lo[pi]];
				if (pc >= UNREACHED)
					continue;
				c = pc + (float)bead_cost(d, i, j, a, b,
				                          (double)best - pc);
				if (c < best) {
					best = c;
					bb = (unsigned char)k;
				}
			}
			d->cost[cell] = best;
			d->bp[cell] = bb;
		}
	}
}

/* The two links a 2-1 link ending at cell (i, j) splits into when its
 * source sentence @k (0 or 1) has no counterpart: into @o[0] and @o[1],
 * in order, with their costs; returns their summed cost. */
static double
split_21(dp *d, size_t i, size_t j, unsigned k, tm__plink o[2])
{
	o[0].a = 1;
	o[0].b = k == 0 ? 0 : 1;
	o[0].vi = i - 2;
	o[0].vj = j - 1;
	o[1].a = 1;
	o[1].b = k == 0 ? 1 : 0;
	o[1].vi = i - 1;
	o[1].vj = j - 1 + o[0].b;
	for (unsigned q = 0; q < 2; q++) {
		tm__plink *l = &o[q];

		l->s = d->sm[l->vi];
		l->t = d->tmap[l->vj];
		l->cost = (float)bead_cost(d, l->vi + 1, l->vj + l->b, 1, l->b,
		                           1e30);
		l->m = l->b ? get_pair(d, l->vi + 1, l->vj + 1) : 0;
	}
	return (double)o[0].cost + o[1].cost;
}

/* Split a 2-1 link of the story's first two sentences among @v[@from..
 * *@n) (grown as needed) when its target is shorter than both by more
 * than head21: a headline the translation left out (or a lead it left
 * out after the headline), taken into one 2-1 link. The headline repeats
 * the words of its lead, so it shares items with the lead's translation
 * and the programme's merge costs little more than the split; but a
 * translation that joins a headline and its lead writes both, and its
 * length covers both. Which sentence goes alone is the programme's
 * choice: the cheaper split. Merges elsewhere are left as they are: a
 * translation joining two sentences of the body may condense them (the
 * same rule over every 2-1 link split true merges of Bleualign's de-fr,
 * docs/alignment.md). */
static tm_status
split_headline(dp *d, tm__plink **v, size_t *n, size_t from)
{
	tm__plink o[2][2], *g;
	size_t k, i, j;
	double alt[2];
	unsigned best;

	if (d->p->head21 <= 0)
		return TM_OK;
	for (k = from; k < *n && (*v)[k].a == 0; k++)
		;
	if (k == *n || (*v)[k].a != 2 || (*v)[k].b != 1 || (*v)[k].s != 0)
		return TM_OK;
	i = (*v)[k].vi + 2;
	j = (*v)[k].vj + 1;
	if (d->ls[2][i] - d->lt[1][j] <= d->p->head21)
		return TM_OK;
	alt[0] = split_21(d, i, j, 0, o[0]);
	alt[1] = split_21(d, i, j, 1, o[1]);
	best = alt[1] < alt[0];
	g = tm__realloc(*v, (*n + 1) * sizeof(**v));
	if (!g)
		return tm__error_oom();
	*v = g;
	memmove(&g[k + 2], &g[k + 1], (*n - k - 1) * sizeof(*g));
	g[k] = o[best][0];
	g[k + 1] = o[best][1];
	(*n)++;
	return TM_OK;
}

/* Join a 1-1 link and a 1-0 link next to it in the same paragraph, among
 * @v[@from..*@n), into one 2-1 link when the 1-1's target is longer than
 * its source by more than join21 and nearer the length of both sources,
 * and the 2-1 costs at most TM__ALIGN_JOIN_MARGIN more: two sentences the
 * translation joined, whose merge the programme broke because one of
 * them shares nothing with it (the mirror of split_headline(): there the
 * target is too short for both, here too long for one). */
static void
join_merges(dp *d, tm__plink *v, size_t *n, size_t from)
{
	if (d->p->join21 <= 0)
		return;
	for (size_t k = from; k + 1 < *n; k++) {
		tm__plink *x = &v[k], *y = &v[k + 1], *one;
		size_t i, j, na, nb;
		const tm__item *ia, *ib;
		double x11, x21, cj;

		if (x->a == 1 && x->b == 1 && y->a == 1 && y->b == 0)
			one = x;
		else if (x->a == 1 && x->b == 0 && y->a == 1 && y->b == 1)
			one = y;
		else
			continue;
		/* in one paragraph, and the sentence alone loses no number
		 * or lexicon word: what it loses says it was left out */
		if (d->S->para[x->s] != d->S->para[y->s] ||
		    d->S->lost[(one == x ? y : x)->s] > 0)
			continue;
		i = x->vi + 2;
		j = one->vj + 1;
		x11 = d->lt[1][j] - d->ls[1][one->vi + 1];
		x21 = d->lt[1][j] - d->ls[2][i];
		if (x11 <= d->p->join21 || fabs(x21) >= x11)
			continue;
		cj = bead_cost(d, i, j, 2, 1, 1e30);
		if (cj - ((double)x->cost + y->cost) > TM__ALIGN_JOIN_MARGIN)
			continue;
		x->a = 2;
		x->b = 1;
		x->vj = j - 1;
		x->t = d->tmap[j - 1];
		x->cost = (float)cj;
		ia = tm__side_span(d->S, x->s, 2, &na);
		ib = tm__side_span(d->T, x->t, 1, &nb);
		x->m = tm__items_shared(ia, na, ib, nb);
		memmove(y, y + 1, (*n - k - 2) * sizeof(*y));
		(*n)--;
	}
}

/* The cost of a link of @a source sentences ending at view row @i and
 * @b target sentences ending at column @j, with its shared weight. */
static double
view_link(dp *d, size_t i, size_t j, unsigned a, unsigned b, float *m)
{
	*m = a && b ? span_shared(d->S, d->sm[i - a], a, d->T,
	                          view_first(d->tmap, j, b), b)
	            : 0;
	return bead_cost(d, i, j, a, b, 1e30);
}

/* Split a sentence the translation dropped off the merged link that took
 * it, among the links @v[0..*@n) (grown as needed) of the whole documents
 * (@d's view is the identity): for each link of two or more source
 * sentences, the sentence at either end becomes a 1-0 link beside the rest
 * when the split costs less than the merge plus droplex times the
 * evidence of its words (tm__split_evidence(): its listed words untranslated
 * by the link's target), plus droplen times the length term's gain (the
 * rest fits the target's length better than the whole), plus dropmargin;
 * never when a number of its own is in the target. The programme weighs
 * a merged sentence's words only by what they share, and a background
 * sentence left out shares a topic word with its neighbour's translation,
 * so the merge cost about as little as the split (docs/alignment.md). A
 * link is looked at again after a split: a 3-1 can hold two dropped
 * sentences. */
static tm_status
split_dropped(dp *d, tm__plink **v, size_t *n)
{
	const tm__split_ev *ev = d->S->split_ev;
	const tm__align_params *p = d->p;

	if (!ev || p->droplex <= 0)
		return TM_OK;
	for (size_t q = 0; q < *n; q++) {
		tm__plink *l = &(*v)[q], o[2][2], *g;
		size_t i = l->vi + l->a, j = l->vj + l->b;
		double best = 0, cm;
		int bend = -1;
		float mm;

		if (l->a < 2 || l->b < 1)
			continue;
		/* the merge's cost in this view (a moved paragraph's links
		 * were costed in a view of their own) */
		cm = view_link(d, i, j, l->a, l->b, &mm);
		for (unsigned end = 0; end < 2; end++) {
			size_t k = end ? l->s + l->a - 1 : l->s;
			tm__split_feat f;
			double xf, xr, c, sc;
			tm__plink *r = &o[end][end ? 0 : 1];
			tm__plink *z = &o[end][end ? 1 : 0];

			tm__split_feat_of(&f, ev, d->S, d->T, l->s, l->a, l->t,
			                  l->b, k);
			xf = d->lt[l->b][j] - d->ls[l->a][i];
			xr = d->lt[l->b][j] - d->ls[l->a - 1][end ? i - 1 : i];
			/* the rest of the link */
			r->a = (unsigned char)(l->a - 1);
			r->b = l->b;
			r->vi = end ? l->vi : l->vi + 1;
			r->vj = l->vj;
			/* the sentence alone */
			z->a = 1;
			z->b = 0;
			z->vi = end ? i - 1 : l->vi;
			z->vj = end ? j : l->vj;
			r->cost = (float)view_link(d, r->vi + r->a, r->vj + r->b,
			                           r->a, r->b, &r->m);
			z->cost = (float)view_link(d, z->vi + 1, z->vj, 1, 0, &z->m);
			c = (double)r->cost + z->cost;
			sc = c - cm - p->droplex * tm__split_evidence(&f) -
			     p->droplen * (xf * xf - xr * xr);
			/* a number of its own in the target: translated */
			if (f.num_hit == 0 && sc < p->dropmargin &&
			    (bend < 0 || sc < best)) {
				best = sc;
				bend = (int)end;
			}
		}
		if (bend < 0)
			continue;
		for (unsigned w = 0; w < 2; w++) {
			o[bend][w].s = d->sm[o[bend][w].vi];
			o[bend][w].t = d->tmap[o[bend][w].vj];
		}
		g = tm__realloc(*v, (*n + 1) * sizeof(**v));
		if (!g)
			return tm__error_oom();
		*v = g;
		memmove(&g[q + 2], &g[q + 1], (*n - q - 1) * sizeof(*g));
		g[q] = o[bend][0];
		g[q + 1] = o[bend][1];
		(*n)++;
		/* the rest may hold another */
		if (bend == 1)
			q--;
	}
	return TM_OK;
}

/* Take a 2-2 link apart into a 1-0, a 0-1 and a 1-1 link when one of its
 * source sentences was more likely dropped and one of its target sentences
 * added: a sentence the translation dropped next to one it added (from
 * another story) cost the programme less as a 2-2 with their neighbours
 * than as a 1-0 and a 0-1, since their lengths add up and the pair of
 * neighbours shares enough for both. Each way (either source end with
 * either target end) is weighed as split_dropped() weighs a merge:
 *
 *     split cost - 2-2 cost - droplex * (Es + Et) - droplen * (xf^2 - xr^2) < dropmargin
 *
 * with Es the source sentence's evidence (tm__split_evidence(), its own
 * listed words against the link's two targets), Et the target sentence's
 * (tm__added_evidence(): its listed words whose partners the whole
 * source document lacks), xf and xr the log length ratios of the 2-2 and
 * of the 1-1 left. A source sentence with a number of its own in the
 * link's target is never taken out. The restructured sets have no true
 * 2-2 link; a real translation's 2-2 has a target sentence whose words
 * the source has (docs/alignment.md, "Absorbed deletions, a third
 * round"). Among the links @v[0..*@n) of the whole documents (@d's view is
 * the identity), grown as needed. */
static tm_status
split_dropped_added(dp *d, tm__plink **v, size_t *n)
{
	const tm__split_ev *ev = d->S->split_ev;
	const tm__align_params *p = d->p;

	if (!ev || p->droplex <= 0 || !d->T->lost_core)
		return TM_OK;
	for (size_t q = 0; q < *n; q++) {
		tm__plink *l = &(*v)[q], o[3], bo[3], *g;
		size_t i = l->vi + 2, j = l->vj + 2;
		double best = 0, cm, xf;
		bool found = false;
		float mm;

		if (l->a != 2 || l->b != 2)
			continue;
		cm = view_link(d, i, j, 2, 2, &mm);
		xf = d->lt[2][j] - d->ls[2][i];
		for (unsigned es = 0; es < 2; es++) {
			size_t ks = l->s + es, rs = l->s + 1 - es;
			tm__split_feat f;
			double e;

			tm__split_feat_of(&f, ev, d->S, d->T, l->s, 2, l->t, 2,
			                  ks);
			if (f.num_hit)
				continue;
			e = tm__split_evidence(&f);
			for (unsigned et = 0; et < 2; et++) {
				size_t kt = l->t + et, rt = l->t + 1 - et;
				tm__plink z = {0}, y = {0}, r = {0};
				double xr, sc;

				/* the sentence dropped (z), the one added (y)
				 * and the 1-1 left (r), in the documents'
				 * order */
				z.a = 1;
				z.vi = ks;
				z.vj = es ? l->t + 2 : l->t;
				y.b = 1;
				y.vj = kt;
				y.vi = et ? l->s + 2 : l->s;
				r.a = r.b = 1;
				r.vi = rs;
				r.vj = rt;
				if (es == 0 && et == 1)
					z.vj = l->t;
				if (es == 1 && et == 0)
					y.vi = l->s;
				if (es == 0 && et == 0)
					y.vi = l->s + 1;
				if (es == 1 && et == 1)
					z.vj = l->t + 1;
				z.cost = (float)view_link(d, z.vi + 1, z.vj, 1, 0,
				                          &z.m);
				y.cost = (float)view_link(d, y.vi, y.vj + 1, 0, 1,
				                          &y.m);
				r.cost = (float)view_link(d, rs + 1, rt + 1, 1, 1,
				                          &r.m);
				xr = d->lt[1][rt + 1] - d->ls[1][rs + 1];
				sc = (double)z.cost + y.cost + r.cost - cm -
				     p->droplex * (e + tm__added_evidence(d->T, kt)) -
				     p->droplen * (xf * xf - xr * xr);
				if (sc < p->dropmargin && (!found || sc < best)) {
					tm__plink *in[3];

					found = true;
					best = sc;
					/* in order: by source, then target */
					if (es == 0 && et == 0) {
						in[0] = &z; in[1] = &y; in[2] = &r;
					} else if (es == 0) {
						in[0] = &z; in[1] = &r; in[2] = &y;
					} else if (et == 0) {
						in[0] = &y; in[1] = &r; in[2] = &z;
					} else {
						in[0] = &r; in[1] = &z; in[2] = &y;
					}
					for (unsigned w = 0; w < 3; w++)
						o[w] = *in[w];
				}
			}
		}
		if (!found)
			continue;
		for (unsigned w = 0; w < 3; w++) {
			bo[w] = o[w];
			bo[w].s = bo[w].vi;
			bo[w].t = bo[w].vj;
		}
		g = tm__realloc(*v, (*n + 2) * sizeof(**v));
		if (!g)
			return tm__error_oom();
		*v = g;
		memmove(&g[q + 3], &g[q + 1], (*n - q - 1) * sizeof(*g));
		g[q] = bo[0];
		g[q + 1] = bo[1];
		g[q + 2] = bo[2];
		*n += 2;
		q += 2;
	}
	return TM_OK;
}

/* Hand the target sentence of a 1-1 link to the source sentence beside it
 * that the path left alone (a 1-0 link next to it in both documents) when
 * the link's own source sentence was more likely the one the translation
 * dropped: a dropped sentence took its neighbour's translation and pushed
 * the neighbour out (a shift by one, `My wife had sent her something...`
 * linked to the translation of `She's not a racist.`, which was left
 * alone), because the two readings cost about the same in the programme.
 * Only a link whose source sentence says by itself that it was dropped at
 * least as strongly as two listed words of its own (the core lexicon's,
 * tm__split_feat_of()) none of which the target translates, and that has
 * no number of its own there, is looked at; when the target meets some of
 * its listed words, as strongly as six unmet ones (eleven listed words of
 * which the target meets one by chance: it took nothing but a topic word;
 * eight with one met is a loose translation as often); the shift is made
 * when
 *
 *     cost after - cost before - droplex * (E(link's) - E(neighbour's)) < shiftmargin
 *
 * with E the log-odds that the sentence was dropped rather than translated
 * by the target (tm__split_evidence()). With less evidence the shift
 * took true links, a word met by chance (docs/alignment.md, "A dropped
 * sentence shifted off its neighbour's translation" and "Absorbed
 * deletions, a third round"). Among the links @v[0..@n) of
 * the whole documents (@d's view is the identity), in source order. */
static void
shift_dropped(dp *d, tm__plink *v, size_t n)
{
	const tm__split_ev *ev = d->S->split_ev;
	const tm__align_params *p = d->p;
	/* the evidence of two listed words of its own, none translated; of
	 * six when the target meets one or more */
	const tm__split_feat two = {.own = 2}, six = {.own = 6};
	const double emin = tm__split_evidence(&two) - 1e-9;
	const double emin_met = tm__split_evidence(&six) - 1e-9;

	if (!ev || p->droplex <= 0)
		return;
	for (size_t q = 0; q < n; q++) {
		tm__plink *l = &v[q], *o;
		tm__split_feat fl, fo;
		double best = 0;
		int bside = 0;
		size_t s, t, os;

		if (l->a != 1 || l->b != 1)
			continue;
		tm__split_feat_of(&fl, ev, d->S, d->T, l->s, 1, l->t, 1, l->s);
		if (fl.num_hit ||
		    tm__split_evidence(&fl) < (fl.own_hit ? emin_met : emin))
			continue;
		for (int side = -1; side <= 1; side += 2) {
			double cur, alt, sc;
			float m;

			if ((side < 0 && q == 0) || (side > 0 && q + 1 >= n))
				continue;
			o = &v[q + side];
			/* the neighbour alone, just before the link (at its
			 * target) or just after it (after its target) */
			if (o->a != 1 || o->b != 0 ||
			    (side < 0 && (o->s + 1 != l->s || o->t != l->t)) ||
			    (side > 0 && (o->s != l->s + 1 || o->t != l->t + 1)))
				continue;
			tm__split_feat_of(&fo, ev, d->S, d->T, o->s, 1, l->t, 1,
			                  o->s);
			cur = view_link(d, l->s + 1, l->t + 1, 1, 1, &m) +
			      view_link(d, o->s + 1, o->t, 1, 0, &m);
			alt = view_link(d, o->s + 1, l->t + 1, 1, 1, &m) +
			      view_link(d, l->s + 1, side > 0 ? l->t : l->t + 1,
			                1, 0, &m);
			sc = alt - cur -
			     p->droplex * (tm__split_evidence(&fl) -
			                   tm__split_evidence(&fo));
			if (sc < p->shiftmargin && (!bside || sc < best)) {
				best = sc;
				bside = side;
			}
		}
		if (!bside)
			continue;
		o = &v[q + bside];
		s = l->s;
		t = l->t;
		os = o->s;
		{
			tm__plink one = {0}, alone = {0};

			one.s = one.vi = os;
			one.t = one.vj = t;
			one.a = one.b = 1;
			one.cost = (float)view_link(d, os + 1, t + 1, 1, 1, &one.m);
			alone.s = alone.vi = s;
			alone.t = alone.vj = bside > 0 ? t : t + 1;
			alone.a = 1;
			alone.cost = (float)view_link(d, s + 1, alone.t, 1, 0,
			                              &alone.m);
			if (bside > 0) {
				v[q] = alone;
				v[q + 1] = one;
			} else {
				v[q - 1] = one;
				v[q] = alone;
			}
		}
		/* the neighbour's new link is not looked at again */
		if (bside > 0)
			q++;
	}
}

/* Trace the path back; @hug is set when it runs along the band's edge. */
static tm_status
dp_trace(dp *d, tm__plink **out, size_t *nout, bool *hug, bool *ok)
{
	size_t i = d->ns, j = d->nt, n = 0, cap = 0;
	tm__plink *v = NULL;

	*hug = false;
	*ok = d->cost[d->off[d->ns] + d->nt - d->lo[d->ns]] < UNREACHED;
	if (!*ok)
		return TM_OK;
	while (i > 0 || j > 0) {
		size_t cell = d->off[i] + j - d->lo[i];
		unsigned k = d->bp[cell];
		unsigned a = beads[k].a, b = beads[k].b;
		size_t pcell;

		if ((d->lo[i] > 0 && j < d->lo[i] + 2) ||
		    (d->hi[i] < d->nt && j + 2 > d->hi[i]))
			*hug = true;
		if (!TM__ARRAY_GROW(v, cap, n + 1, 64)) {
			tm__free(v);
			return tm__error_oom();
		}
		pcell = d->off[i - a] + (j - b) - d->lo[i - a];
		v[n].s = d->sm[i - a];
		v[n].t = b ? view_first(d->tmap, j, b) : d->tmap[j];
		v[n].vi = i - a;
		v[n].vj = j - b;
		v[n].a = (unsigned char)a;
		v[n].b = (unsigned char)b;
		v[n].cost = d->cost[cell] - d->cost[pcell];
		v[n].m = 0;
		if (a && b)
			v[n].m = span_shared(d->S, d->sm[i - a], a, d->T,
			                     view_first(d->tmap, j, b), b);
		n++;
		i -= a;
		j -= b;
	}
	/* append in forward order */
	{
		tm__plink *o = tm__realloc(*out, (*nout + n + 1) * sizeof(*o));

		if (!o) {
			tm__free(v);
			return tm__error_oom();
		}
		for (size_t k = 0; k < n; k++)
			o[*nout + k] = v[n - 1 - k];
		*out = o;
		*nout += n;
	}
	tm__free(v);
	return TM_OK;
}

/* Set @d up for the view @sm (@ns source sentences), @tmv (@nt target):
 * the cumulative lengths, weights and lost weights, the log lengths of
 * spans (the band is laid later, dp_band()). Free with dp_dispose(), also
 * on failure. */
static tm_status
dp_init(dp *d, const tm__side *S, const tm__side *T, const size_t *sm,
        size_t ns, const size_t *tmv, size_t nt, double ratio, double sigma,
        const tm__align_params *p, bool paragraphs)
{
	d->S = S;
	d->T = T;
	d->sm = sm;
	d->tmap = tmv;
	d->ns = ns;
	d->nt = nt;
	d->ratio = ratio;
	d->inv2s2 = 1.0 / (2 * sigma * sigma);
	d->K = LEN_SMOOTH * ratio;
	d->L0 = side_mean_len(S, T, ratio);
	d->p = p;
	d->paragraphs = paragraphs;
	d->nomatch = p->wnomatch > 0 && S->core_words && T->core_words;
	d->cs = tm__malloc((d->ns + 1) * sizeof(double));
	d->ws = tm__malloc((d->ns + 1) * sizeof(double));
	d->ct = tm__malloc((d->nt + 1) * sizeof(double));
	d->wt = tm__malloc((d->nt + 1) * sizeof(double));
	d->xs = tm__malloc((d->ns + 1) * sizeof(double));
	d->xt = tm__malloc((d->nt + 1) * sizeof(double));
	if (!d->cs || !d->ws || !d->ct || !d->wt || !d->xs || !d->xt)
		return tm__error_oom();
	d->cs[0] = d->ws[0] = d->ct[0] = d->wt[0] = d->xs[0] = d->xt[0] = 0;
	for (size_t i = 0; i < d->ns; i++) {
		d->cs[i + 1] = d->cs[i] + S->len[sm[i]];
		d->ws[i + 1] = d->ws[i] + S->weight[sm[i]];
		d->xs[i + 1] = d->xs[i] + S->lost[sm[i]];
	}
	for (size_t j = 0; j < d->nt; j++) {
		d->ct[j + 1] = d->ct[j] + T->len[tmv[j]];
		d->wt[j + 1] = d->wt[j] + T->weight[tmv[j]];
		d->xt[j + 1] = d->xt[j] + T->lost[tmv[j]];
	}
	for (unsigned k = 1; k <= TM__ALIGN_MAX_SPAN; k++) {
		d->ls[k] = tm__malloc((d->ns + 1) * sizeof(double));
		d->lt[k] = tm__malloc((d->nt + 1) * sizeof(double));
		if (!d->ls[k] || !d->lt[k])
			return tm__error_oom();
		for (size_t i = 0; i <= d->ns; i++)
			d->ls[k][i] = i >= k ? log(d->ratio * (d->cs[i] - d->cs[i - k]) +
			                          d->K)
			                    : 0;
		for (size_t j = 0; j <= d->nt; j++)
			d->lt[k][j] = j >= k ? log(d->ct[j] - d->ct[j - k] + d->K) : 0;
	}
	return TM_OK;
}

static void
dp_dispose(dp *d)
{
	dp_free_band(d);
	tm__free(d->cs);
	tm__free(d->ws);
	tm__free(d->ct);
	tm__free(d->wt);
	tm__free(d->xs);
	tm__free(d->xt);
	for (unsigned k = 1; k <= TM__ALIGN_MAX_SPAN; k++) {
		tm__free(d->ls[k]);
		tm__free(d->lt[k]);
	}
}

tm_status
tm__align_view(tm__plink **out, size_t *nout, const tm__side *S,
               const tm__side *T, const size_t *sm, size_t ns,
               const size_t *tmv, size_t nt, double ratio, double sigma,
               const tm__align_params *p, unsigned band, bool paragraphs,
               const size_t *hint)
{
	dp d = {0};
	tm_status st = TM_OK;
	size_t w, full, *center = NULL;

	if (hint) {
		center = tm__malloc((ns + 1) * sizeof(*center));
		if (!center)
			return tm__error_oom();
		memcpy(center, hint, (ns + 1) * sizeof(*center));
	}

	st = dp_init(&d, S, T, sm, ns, tmv, nt, ratio, sigma, p, paragraphs);
	if (st < 0)
		goto out;
	full = d.ns > d.nt ? d.ns : d.nt;
	if (band)
		w = band;
	else if ((double)d.ns * (double)d.nt <= 250000.0)
		w = full;
	else
		w = 25;
	for (unsigned iter = 0;; iter++) {
		bool hug, ok;
		size_t before = *nout;

		if (w > full)
			w = full;
		st = dp_band(&d, w, center);
		if (st < 0)
			goto out;
		dp_fill(&d);
		st = dp_trace(&d, out, nout, &hug, &ok);
		if (st >= 0 && ok && !hug) {
			st = split_headline(&d, out, nout, before);
			if (st >= 0)
				join_merges(&d, *out, nout, before);
		}
		if (st < 0)
			goto out;
		if ((ok && !hug) || w >= full ||
		    (double)(d.ns + 1) * (double)(4 * w + 1) >
		            (p->max_cells > 0 ? p->max_cells
		                              : TM__ALIGN_MAX_CELLS)) {
			if (!ok) {
				/* no path inside the band: cannot happen with a
				 * full band; give up with deletions */
				for (size_t i = 0; i < d.ns + d.nt; i++) {
					tm__plink *o = tm__realloc(*out, (*nout + 1) *
					                                     sizeof(*o));
					if (!o) {
						st = tm__error_oom();
						goto out;
					}
					*out = o;
					o[*nout].s = sm[i < d.ns ? i : d.ns];
					o[*nout].t = tmv[i < d.ns ? 0 : i - d.ns];
					o[*nout].vi = i < d.ns ? i : d.ns;
					o[*nout].vj = i < d.ns ? 0 : i - d.ns;
					o[*nout].a = i < d.ns;
					o[*nout].b = i >= d.ns;
					o[*nout].cost = (float)p->del;
					o[*nout].m = 0;
					(*nout)++;
				}
			}
			break;
		}
		/* The path ran along the edge: the true one lies outside. Lay
		 * the next band around this path (the length diagonal drifts
		 * when the ratio changes along the document), and widen it. */
		if (ok && iter < 6) {
			if (!center) {
				center = tm__malloc((d.ns + 1) * sizeof(*center));
				if (!center) {
					st = tm__error_oom();
					goto out;
				}
			}
			for (size_t k = before; k < *nout; k++) {
				const tm__plink *l = &(*out)[k];

				for (size_t i = l->vi; i <= l->vi + l->a; i++)
					center[i] = l->vj + (i > l->vi ? l->b : 0);
			}
			center[d.ns] = d.nt;
			w = w * 3 / 2;
		} else {
			w *= 2;
		}
		*nout = before;
		dp_free_band(&d);
	}
out:
	dp_dispose(&d);
	tm__free(center);
	return st;
}

tm_status
tm__align_split_dropped(tm__plink **links, size_t *n, const tm__side *S,
                        const tm__side *T, double ratio, double sigma,
                        const tm__align_params *p, bool paragraphs)
{
	dp d = {0};
	size_t *sm = NULL, *tmv = NULL;
	tm_status st;

	if (!S->split_ev || p->droplex <= 0 || !S->n || !T->n)
		return TM_OK;
	sm = tm__malloc((S->n + 1) * sizeof(*sm));
	tmv = tm__malloc((T->n + 1) * sizeof(*tmv));
	if (!sm || !tmv) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i <= S->n; i++)
		sm[i] = i;
	for (size_t j = 0; j <= T->n; j++)
		tmv[j] = j;
	st = dp_init(&d, S, T, sm, S->n, tmv, T->n, ratio, sigma, p,
	             paragraphs);
	if (st < 0)
		goto out;
	/* no band: every pair's shared weight is computed (get_pair()) */
	d.lo = tm__malloc((S->n + 1) * sizeof(*d.lo));
	d.hi = tm__malloc((S->n + 1) * sizeof(*d.hi));
	if (!d.lo || !d.hi) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i <= S->n; i++) {
		d.lo[i] = T->n + 1;
		d.hi[i] = 0;
	}
	/* the whole documents are the view (the moves' links were found in
	 * views of their own) */
	for (size_t k = 0; k < *n; k++) {
		(*links)[k].vi = (*links)[k].s;
		(*links)[k].vj = (*links)[k].t;
	}
	st = split_dropped(&d, links, n);
	if (st >= 0)
		st = split_dropped_added(&d, links, n);
	if (st >= 0)
		shift_dropped(&d, *links, *n);
out:
	dp_dispose(&d);
	tm__free(sm);
	tm__free(tmv);
	return st;
}

tm_status
tm__align_dp(tm__plink **out, size_t *nout, const tm__side *S,
             const tm__side *T, size_t s0, size_t s1, size_t t0, size_t t1,
             double ratio, double sigma, const tm__align_params *p,
             unsigned band, bool paragraphs, const size_t *hint)
{
	size_t *sm = tm__malloc((s1 - s0 + 1) * sizeof(*sm));
	size_t *tmv = tm__malloc((t1 - t0 + 1) * sizeof(*tmv));
	tm_status st;

	if (!sm || !tmv) {
		tm__free(sm);
		tm__free(tmv);
		return tm__error_oom();
	}
	for (size_t i = 0; i <= s1 - s0; i++)
		sm[i] = s0 + i;
	for (size_t j = 0; j <= t1 - t0; j++)
		tmv[j] = t0 + j;
	st = tm__align_view(out, nout, S, T, sm, s1 - s0, tmv, t1 - t0, ratio,
	                sigma, p, band, paragraphs, hint);
	tm__free(sm);
	tm__free(tmv);
	return st;
}

/* ---- the band's centre from rare anchors ----------------------------- */

typedef struct hapax {
	uint32_t id;
	uint32_t pos;   /* sentence */
	uint32_t count; /* occurrences in the document */
} hapax;

static int
hapax_cmp(const void *a, const void *b)
{
	const hapax *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Items of the base features (not learned pairs) with their counts. */
static hapax *
hapax_list(const tm__side *s, size_t *n)
{
	size_t total = s->base_off[s->n], o = 0;
	hapax *v = tm__malloc((total ? total : 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = s->base_off[i]; k < s->base_off[i + 1]; k++) {
			v[o].id = s->base[k].id;
			v[o].pos = (uint32_t)i;
			v[o].count = 1;
			o++;
		}
	qsort(v, o, sizeof(*v), hapax_cmp);
	/* collapse: count per id, keep the first position */
	{
		size_t w = 0;

		for (size_t k = 0; k < o; k++) {
			if (w && v[w - 1].id == v[k].id)
				v[w - 1].count++;
			else
				v[w++] = v[k];
		}
		*n = w;
	}
	return v;
}

typedef struct apoint {
	uint32_t i, j;
} apoint;

static int
apoint_cmp(const void *a, const void *b)
{
	const apoint *x = a, *y = b;

	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->j < y->j ? -1 : x->j > y->j;
}

size_t *
tm__align_hint(const tm__side *S, const tm__side *T)
{
	size_t ns = S->n, nt = T->n, na = 0, nb = 0, np = 0, len = 0;
	hapax *a = NULL, *b = NULL;
	apoint *pt = NULL;
	size_t *tail = NULL, *prev = NULL, *center = NULL, *chain = NULL;
	size_t nchain = 0;

	if (ns < 200 || nt < 200)
		return NULL; /* small: the band is the whole matrix anyway */
	a = hapax_list(S, &na);
	b = hapax_list(T, &nb);
	pt = tm__malloc((na < nb ? na : nb) * sizeof(*pt) + sizeof(*pt));
	if (!a || !b || !pt)
		goto out;
	for (size_t x = 0, y = 0; x < na && y < nb;) {
		if (a[x].id < b[y].id) {
			x++;
		} else if (a[x].id > b[y].id) {
			y++;
		} else {
			double di = (double)a[x].pos / (double)ns;
			double dj = (double)b[y].pos / (double)nt;

			/* once on each side, and not absurdly off the diagonal */
			if (a[x].count == 1 && b[y].count == 1 &&
			    fabs(di - dj) < 0.1) {
				pt[np].i = a[x].pos;
				pt[np].j = b[y].pos;
				np++;
			}
			x++;
			y++;
		}
	}
	if (np < 10)
		goto out;
	qsort(pt, np, sizeof(*pt), apoint_cmp);
	/* longest chain increasing in both i and j (patience sorting) */
	tail = tm__malloc(np * sizeof(*tail));
	prev = tm__malloc(np * sizeof(*prev));
	chain = tm__malloc(np * sizeof(*chain));
	if (!tail || !prev || !chain)
		goto out;
	for (size_t k = 0; k < np; k++) {
		size_t lo = 0, hi = len;

		/* strictly increasing j; equal i are sorted by j, so a later
		 * point of the same row cannot extend an earlier one */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (pt[tail[mid]].j < pt[k].j && pt[tail[mid]].i < pt[k].i)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo ? tail[lo - 1] : SIZE_MAX;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	for (size_t k = tail[len - 1]; k != SIZE_MAX; k = prev[k])
		chain[nchain++] = k;
	center = tm__malloc((ns + 1) * sizeof(*center));
	if (!center)
		goto out;
	/* interpolate between (0,0), the chain (reversed), (ns,nt) */
	{
		size_t pi = 0, pj = 0;

		for (size_t q = nchain + 1; q-- > 0;) {
			size_t ci = q ? pt[chain[q - 1]].i : ns;
			size_t cj = q ? pt[chain[q - 1]].j : nt;

			if (ci < pi || cj < pj)
				continue;
			for (size_t i = pi; i <= ci; i++)
				center[i] = ci == pi ? cj
				                     : pj + (cj - pj) * (i - pi) /
				                                    (ci - pi);
			pi = ci;
			pj = cj;
		}
	}
out:
	tm__free(a);
	tm__free(b);
	tm__free(pt);
	tm__free(tail);
	tm__free(prev);
	tm__free(chain);
	return center;
}

/* ---- the aligner handle ---------------------------------------------- */

typedef struct dict_entry {
	char *src, *tgt; /* folded words */
} dict_entry;

struct tm_aligner {
	char *src_lang, *tgt_lang;
	tm_align_options opts;
	tm__align_params params;
	bool cross_script;
	/* the dictionary and the learned pairs, on reduced forms; the
	 * stemmers are created on first use (a pair without a lexicon
	 * loads none) */
	tm__lexicon lexicon;
	/* the dictionary's entries as given (folded words): the
	 * translation check matches them word for word, as it was fitted */
	dict_entry *dict;
	size_t ndict, dict_cap;
	tm__stems *stems;
	tm__reducer red_src, red_tgt;
	bool reducers;
	/* what the lexicon matches on the pairs it learned from, for the
	 * translation check */
	tm__judge_cal judge_cal;
	/* the built-in core lexicon of the pair (align-core.c): its pairs
	 * are added to the lexicon as the documents meet them (core_loaded:
	 * one flag a pair of the table, allocated with the reducers) */
	tm__core_ref core;
	bool has_core;
	uint8_t *core_loaded;
	tm_translit *tr_src, *tr_tgt;
};

struct tm_align_result {
	tm_align_link *links;
	size_t n;
	tm__judgement judged;
	double score;
};

/* Writing system of a language, for whether names need transliteration. */
static int
script_of(const char *lang)
{
	static const char *const cyr[] = {"ru", "uk", "be", "bg", "sr", "mk",
	                                  "kk", "ky", "tg", "mn"};
	char prim[9] = {0};
	size_t n = 0;

	while (lang[n] && lang[n] != '-' && lang[n] != '_' && n < 8) {
		prim[n] = (char)(lang[n] | 0x20);
		n++;
	}
	if (strcmp(prim, "ko") == 0)
		return 2;
	if (strcmp(prim, "ja") == 0 || strcmp(prim, "zh") == 0)
		return 3;
	if (strcmp(prim, "el") == 0)
		return 4;
	if (strcmp(prim, "ar") == 0 || strcmp(prim, "fa") == 0)
		return 5;
	if (strcmp(prim, "he") == 0)
		return 6;
	for (size_t i = 0; i < TM_ARRAY_SIZE(cyr); i++)
		if (strcmp(prim, cyr[i]) == 0)
			return 1;
	return 0; /* Latin */
}

/* ---- the script check ------------------------------------------------ */

enum { SC_LATIN, SC_CYRILLIC, SC_HANGUL, SC_CJK, SC_GREEK, SC_ARABIC,
       SC_HEBREW, SC_OTHER, SC_COUNT };

static const char *const script_names[SC_COUNT] = {
        "Latin", "Cyrillic", "Hangul", "Han or kana", "Greek", "Arabic",
        "Hebrew", "other"};

/* Script of a letter, or -1 for what is not a letter (digits,
 * punctuation, symbols, spaces: any language writes them). */
static int
letter_script(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	    (c >= 0x1e00 && c <= 0x1eff))
		return SC_LATIN;
	if ((c >= 0x400 && c <= 0x52f) || (c >= 0x1c80 && c <= 0x1c8f) ||
	    (c >= 0x2de0 && c <= 0x2dff) || (c >= 0xa640 && c <= 0xa69f))
		return SC_CYRILLIC;
	if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) ||
	    (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) ||
	    (c >= 0xd7b0 && c <= 0xd7ff))
		return SC_HANGUL;
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x3040 && c <= 0x30ff))
		return SC_CJK;
	if (c >= 0x370 && c <= 0x3ff)
		return SC_GREEK;
	if (c >= 0x600 && c <= 0x6ff)
		return SC_ARABIC;
	if (c >= 0x5d0 && c <= 0x5ea)
		return SC_HEBREW;
	if (c < 0x250 || (c >= 0x2000 && c <= 0x2bff) ||
	    (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff65))
		return -1; /* ASCII and Latin-1 non-letters, punctuation */
	return SC_OTHER;
}

/* The script @lang is written in, or -1 when it is not known here. */
static int
expected_script(const char *lang)
{
	static const char *const latin[] = {
	        "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk",
	        "sv", "da", "no", "nb", "nn", "fi", "et", "lv", "lt", "hu",
	        "ro", "tr", "id", "ms", "vi", "ca", "hr", "sl", "sq", "is",
	        "ga", "cy", "eu", "gl", "af", "sw", "tl"};
	static const int by_code[] = {-1, SC_CYRILLIC, SC_HANGUL, SC_CJK,
	                              SC_GREEK, SC_ARABIC, SC_HEBREW};
	char prim[9] = {0};
	size_t n = 0;
	int sc = script_of(lang);

	if (sc > 0)
		return sc < (int)TM_ARRAY_SIZE(by_code) ? by_code[sc] : -1;
	while (lang[n] && lang[n] != '-' && lang[n] != '_' && n < 8) {
		prim[n] = (char)(lang[n] | 0x20);
		n++;
	}
	for (size_t i = 0; i < TM_ARRAY_SIZE(latin); i++)
		if (strcmp(prim, latin[i]) == 0)
			return SC_LATIN;
	return -1;
}

/* Fewer letters than this: a dateline, a name; not enough to judge. */
#define SCRIPT_MIN_LETTERS 20
/* A text is another language's when fewer than half its letters are of
 * its language's script and another script has more than twice as many:
 * a swapped file has next to none of them, while a Korean story quoting
 * English company names (`Samsung Electronics`, a Latin letter each
 * against one a Hangul syllable) may have nearly as many Latin letters as
 * Hangul ones. */

tm_status
tm_align_check_script(const tm_align_sentence *s, size_t n, const char *lang)
{
	size_t count[SC_COUNT] = {0}, total = 0, top = 0;
	int want;

	if (!lang || (!s && n))
		return tm__error_set(TM_EINVAL, "align: NULL argument");
	want = expected_script(lang);
	if (want < 0)
		return TM_OK;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)s[i].text;
		const unsigned char *end = p + (s[i].text ? s[i].len : 0);

		while (p < end) {
			uint32_t c = *p;
			size_t k = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
			int sc;

			if (k)
				c &= 0x3f >> k;
			for (size_t q = 1; q <= k && p + q < end; q++)
				c = (c << 6) | (p[q] & 0x3f);
			p += k + 1;
			sc = letter_script(c);
			if (sc >= 0) {
				count[sc]++;
				total++;
			}
		}
	}
	for (size_t k = 1; k < SC_COUNT; k++)
		if (count[k] > count[top])
			top = k;
	if (total < SCRIPT_MIN_LETTERS || 2 * count[want] >= total ||
	    count[top] <= 2 * count[want])
		return TM_OK;
	return tm__error_set(TM_EINVAL,
	                     "mostly %s letters (%.0f%%), not %s as '%s' "
	                     "expects",
	                     script_names[top],
	                     100.0 * (double)count[top] / (double)total,
	                     script_names[want], lang);
}

static bool
lang_shaped(const char *tag)
{
	size_t n = 0;

	if (!tag)
		return false;
	while (tag[n] && tag[n] != '-' && tag[n] != '_') {
		char c = (char)(tag[n] | 0x20);

		if (c < 'a' || c > 'z')
			return false;
		n++;
	}
	return n >= 2 && n <= 8;
}

tm_status
tm_aligner_new(tm_aligner **out, const char *src_lang, const char *tgt_lang,
               const tm_align_options *opts)
{
	tm_aligner *al;

	if (!out)
		return tm__error_set(TM_EINVAL, "align: out is NULL");
	*out = NULL;
	if (!lang_shaped(src_lang))
		return tm__error_set(TM_EINVAL, "align: bad source language '%s'",
		                     src_lang ? src_lang : "(null)");
	if (!lang_shaped(tgt_lang))
		return tm__error_set(TM_EINVAL, "align: bad target language '%s'",
		                     tgt_lang ? tgt_lang : "(null)");
	if (opts && opts->version != TM_ALIGN_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "align: unknown options version %u",
		                     opts->version);
	al = tm__calloc(1, sizeof(*al));
	if (!al)
		return tm__error_oom();
	al->src_lang = tm__strdup(src_lang);
	al->tgt_lang = tm__strdup(tgt_lang);
	if (!al->src_lang || !al->tgt_lang) {
		tm_aligner_free(al);
		return tm__error_oom();
	}
	if (opts)
		al->opts = *opts;
	else
		al->opts = (tm_align_options)TM_ALIGN_OPTIONS_INIT;
	al->params = tm__align_default_params;
#ifdef TM_ALIGN_TUNING
	/* a build for tuning the costs (never the default): read them from
	 * the environment */
	{
		const char *e = getenv("TM_ALIGN_TUNE");

		if (e)
			sscanf(e, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf",
			       &al->params.del, &al->params.merge2,
			       &al->params.merge22, &al->params.merge3,
			       &al->params.wmatch, &al->params.wmiss,
			       &al->params.sigma, &al->params.para,
			       &al->params.pstart, &al->params.split22);
		e = getenv("TM_ALIGN_TUNE_DROP");
		if (e)
			sscanf(e, "%lf,%lf,%lf", &al->params.droplex,
			       &al->params.droplen, &al->params.dropmargin);
	}
#endif
	/* the pair's core lexicon is found now and loaded on first use */
	al->has_core = !(al->opts.flags & TM_ALIGN_NO_CORE_LEXICON) &&
	               tm__core_find(&al->core, src_lang, tgt_lang);
	al->cross_script = script_of(src_lang) != script_of(tgt_lang);
	if (al->cross_script) {
		/* a language without its own rules gets the any-script one */
		if (tm_translit_new(&al->tr_src, src_lang, 0) < 0)
			tm_translit_new(&al->tr_src, NULL, 0);
		if (tm_translit_new(&al->tr_tgt, tgt_lang, 0) < 0)
			tm_translit_new(&al->tr_tgt, NULL, 0);
		tm__error_clear();
	}
	*out = al;
	return TM_OK;
}

void
tm__aligner_keep_lone(tm_aligner *al)
{
	al->params.join21 = 0;
}

tm__align_params *
tm__aligner_params(tm_aligner *al)
{
	return &al->params;
}

void
tm_aligner_free(tm_aligner *al)
{
	if (!al)
		return;
	tm__lexicon_dispose(&al->lexicon);
	tm__core_dispose(&al->core);
	tm__free(al->core_loaded);
	for (size_t i = 0; i < al->ndict; i++) {
		tm__free(al->dict[i].src);
		tm__free(al->dict[i].tgt);
	}
	tm__free(al->dict);
	tm__stems_free(al->stems);
	tm_translit_free(al->tr_src);
	tm_translit_free(al->tr_tgt);
	tm__free(al->src_lang);
	tm__free(al->tgt_lang);
	tm__free(al);
}

/* Next word of @s from *@pos (space separated): start and length. */
static bool
next_word(const char *s, size_t *pos, size_t *start, size_t *len)
{
	size_t i = *pos;

	while (s[i] == ' ' || s[i] == '\t')
		i++;
	if (!s[i])
		return false;
	*start = i;
	while (s[i] && s[i] != ' ' && s[i] != '\t')
		i++;
	*len = i - *start;
	*pos = i;
	return true;
}

/* The reducers of both languages, created on first use; with a core
 * lexicon, a Korean side's reducer takes a word to the longest word
 * start the core lists, wherever the word comes from (a dictionary, the
 * pairs learned, the documents), so that they all meet. */
static tm_status
aligner_reducers(tm_aligner *al)
{
	tm_status st;

	if (al->reducers)
		return TM_OK;
	if (!al->stems && (st = tm__stems_new(&al->stems)) < 0)
		return st;
	st = tm__reducer_init(&al->red_src, al->stems, al->src_lang);
	if (st >= 0)
		st = tm__reducer_init(&al->red_tgt, al->stems, al->tgt_lang);
	if (st < 0)
		return st;
	if (al->has_core && (st = tm__core_pivot(&al->core)) < 0)
		return st;
	if (al->has_core) {
		al->core_loaded = tm__calloc(al->core.t->n ? al->core.t->n : 1, 1);
		if (!al->core_loaded)
			return tm__error_oom();
		tm__reducer_use_core(&al->red_src, &al->core, 0);
		tm__reducer_use_core(&al->red_tgt, &al->core, 1);
	}
	al->reducers = true;
	return TM_OK;
}

/* Both documents' words by their reduced forms (tm__side_reduce()), with
 * the reducers created on first use. */
static tm_status
sides_reduce(tm_aligner *al, tm__side *S, tm__side *T)
{
	tm_status st = aligner_reducers(al);

	if (st >= 0)
		st = tm__side_reduce(S, &al->red_src);
	if (st >= 0)
		st = tm__side_reduce(T, &al->red_tgt);
	return st;
}

/* Add to the lexicon the core pairs of the words of @n sentences of side
 * @side (0 source, 1 target), reduced: what tm_aligner_learn() learns from
 * meets the core pairs its words have. */
static tm_status
core_load_sentences(tm_aligner *al, const tm_align_sentence *v, size_t n,
                    int side)
{
	tm__reducer *r = side ? &al->red_tgt : &al->red_src;
	tm__lex forms = {0};
	char fold[256], red[256];
	tm_status st = TM_OK;

	for (size_t k = 0; k < n && st >= 0; k++) {
		size_t pos = 0, fl;
		const char *text = v[k].text ? v[k].text : "";

		while ((fl = tm__next_word(text, v[k].len, &pos, fold,
		                           sizeof(fold)))) {
			size_t rl = tm__reduce(r, fold, fl, red, sizeof(red));

			if (rl && tm__lex_intern(&forms, red, rl) ==
			                  TM__LEX_NONE) {
				st = tm__error_oom();
				break;
			}
		}
	}
	if (st >= 0)
		st = tm__core_load_forms(&al->lexicon, al->core_loaded,
		                         &al->core, &forms, side);
	tm__lex_dispose(&forms);
	return st;
}

static tm_status
dict_push(tm_aligner *al, const char *s, size_t sl, const char *t, size_t tl,
          bool check)
{
	char fs[256], ft[256];
	size_t fsl = tm__fold_word(fs, sizeof(fs), s, sl);
	size_t ftl = tm__fold_word(ft, sizeof(ft), t, tl);
	tm_status st = aligner_reducers(al);

	if (st < 0)
		return st;
	if (!check)
		return tm__lexicon_add(&al->lexicon, &al->red_src,
		                       &al->red_tgt, fs, fsl, ft, ftl, 1.0f,
		                       TM__LEX_GIVEN_ALIGNING);
	if (!TM__ARRAY_GROW(al->dict, al->dict_cap, al->ndict + 1, 256))
		return tm__error_oom();
	al->dict[al->ndict].src = tm__strdup(fs);
	al->dict[al->ndict].tgt = tm__strdup(ft);
	if (!al->dict[al->ndict].src || !al->dict[al->ndict].tgt) {
		tm__free(al->dict[al->ndict].src);
		tm__free(al->dict[al->ndict].tgt);
		return tm__error_oom();
	}
	al->ndict++;
	return tm__lexicon_add(&al->lexicon, &al->red_src, &al->red_tgt, fs,
	                       fsl, ft, ftl, 1.0f, TM__LEX_GIVEN);
}

/* The dictionary's entries whose words occur in the document as written
 * (folded), as pairs by lexicon ids, for the translation check; and per
 * lexicon id of each side, the words it has an entry for. */
static tm_status
dict_pairs(tm__wpair **pairs, size_t *npairs, const tm_aligner *al,
           const tm__side *S, const tm__side *T, uint8_t *known_s,
           uint8_t *known_t)
{
	for (size_t i = 0; i < al->ndict; i++) {
		uint32_t s = tm__lex_find(&S->lex, al->dict[i].src,
		                          strlen(al->dict[i].src));
		uint32_t t = tm__lex_find(&T->lex, al->dict[i].tgt,
		                          strlen(al->dict[i].tgt));
		tm__wpair *np;

		/* the words the dictionary knows, for the translation check */
		if (known_s && s != TM__LEX_NONE)
			known_s[s] = 1;
		if (known_t && t != TM__LEX_NONE)
			known_t[t] = 1;
		if (s == TM__LEX_NONE || t == TM__LEX_NONE)
			continue;
		np = tm__realloc(*pairs, (*npairs + 1) * sizeof(*np));
		if (!np)
			return tm__error_oom();
		*pairs = np;
		np[*npairs].src = s;
		np[*npairs].tgt = t;
		np[*npairs].w = 1.0f;
		np[*npairs].from = TM__WPAIR_OTHER;
		(*npairs)++;
	}
	return TM_OK;
}

/* tm_aligner_dict_add(); with @check false, for the alignment only (not
 * the translation check's dictionary, tm__dictd_load()). */
static tm_status
dict_add(tm_aligner *al, const char *src, const char *tgt, bool check)
{
	size_t ps = 0, pt = 0, s0, sl, t0, tl;
	tm_status st = TM_OK;

	if (!al || !src || !tgt || !*src || !*tgt)
		return tm__error_set(TM_EINVAL, "align: empty dictionary word");
	if (tm_utf8_validate(NULL, src, strlen(src)) < 0 ||
	    tm_utf8_validate(NULL, tgt, strlen(tgt)) < 0)
		return tm__error_set(TM_EUNICODE,
		                     "align: dictionary entry is not UTF-8");
	/* several words: pair them in order, the rest with the last */
	if (!next_word(src, &ps, &s0, &sl) || !next_word(tgt, &pt, &t0, &tl))
		return tm__error_set(TM_EINVAL, "align: empty dictionary word");
	for (;;) {
		size_t ns0, nsl, nt0, ntl;
		bool ms = next_word(src, &ps, &ns0, &nsl);
		bool mt = next_word(tgt, &pt, &nt0, &ntl);

		st = dict_push(al, src + s0, sl, tgt + t0, tl, check);
		if (st < 0 || (!ms && !mt))
			break;
		if (ms) {
			s0 = ns0;
			sl = nsl;
		}
		if (mt) {
			t0 = nt0;
			tl = ntl;
		}
	}
	return st;
}

tm_status
tm_aligner_dict_add(tm_aligner *al, const char *src, const char *tgt)
{
	return dict_add(al, src, tgt, true);
}

tm_status
tm__aligner_dict_add_aligning(tm_aligner *al, const char *src,
                              const char *tgt)
{
	return dict_add(al, src, tgt, false);
}

tm_status
tm_aligner_dict_load(size_t *out_count, tm_aligner *al, const char *path)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0, count = 0, lineno = 0;
	ssize_t n;
	tm_status st = TM_OK;

	if (out_count)
		*out_count = 0;
	if (al && path && tm__dictd_path(path))
		return tm__dictd_load(out_count, al, path, al->src_lang,
		                      al->tgt_lang);
	f = fopen(path, "r");
	if (!f)
		return tm__error_set(TM_ENOTFOUND, "align: %s: cannot open", path);
	while ((n = getline(&line, &cap, f)) > 0) {
		char *at;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (tm_utf8_validate(NULL, line, (size_t)n) < 0) {
			st = tm__error_set(TM_EUNICODE,
			                   "align: %s:%zu: invalid UTF-8", path,
			                   lineno);
			break;
		}
		at = strstr(line, " @ ");
		if (!at) {
			st = tm__error_set(TM_EPARSE,
			                   "align: %s:%zu: expected 'target @ "
			                   "source'",
			                   path, lineno);
			break;
		}
		*at = '\0';
		if (!*line || !at[3])
			continue;
		st = tm_aligner_dict_add(al, at + 3, line);
		if (st < 0)
			break;
		count++;
	}
	if (st >= 0 && ferror(f))
		st = tm__error_set(TM_EIO, "align: %s: read error", path);
	tm__free(line);
	fclose(f);
	if (out_count)
		*out_count = count;
	return st;
}

/* ---- running ---------------------------------------------------------- */

static char *
key_src(void *ctx, const char *w, size_t len)
{
	tm_aligner *al = ctx;
	char *k = NULL;

	if (!al->tr_src || tm_translit_key(&k, al->tr_src, w, len) < 0)
		return NULL;
	return k;
}

static char *
key_tgt(void *ctx, const char *w, size_t len)
{
	tm_aligner *al = ctx;
	char *k = NULL;

	if (!al->tr_tgt || tm_translit_key(&k, al->tr_tgt, w, len) < 0)
		return NULL;
	return k;
}

/* The code point of @t that ends before byte *@e, *@e moved to its start;
 * 0 at the start or in a malformed sequence (the text was validated). */
static uint32_t
prev_cp(const unsigned char *t, size_t *e)
{
	size_t b;
	uint32_t c;

	if (*e == 0)
		return 0;
	b = *e - 1;
	while (b > 0 && (t[b] & 0xC0) == 0x80 && *e - b < 4)
		b--;
	switch (*e - b) {
	case 1:
		c = t[b];
		break;
	case 2:
		c = ((uint32_t)(t[b] & 0x1F) << 6) | (t[b + 1] & 0x3F);
		break;
	case 3:
		c = ((uint32_t)(t[b] & 0x0F) << 12) |
		    ((uint32_t)(t[b + 1] & 0x3F) << 6) | (t[b + 2] & 0x3F);
		break;
	default:
		c = ((uint32_t)(t[b] & 0x07) << 18) |
		    ((uint32_t)(t[b + 1] & 0x3F) << 12) |
		    ((uint32_t)(t[b + 2] & 0x3F) << 6) | (t[b + 3] & 0x3F);
		break;
	}
	*e = b;
	return c;
}

/* The sentences of @v that end on a comma, a semicolon, a colon or a dash
 * (spaces, closing quotes and brackets after it aside) with the next one
 * in the same paragraph: one sentence given as two lines, which a
 * presegmented text (a translation split at a comma, a corpus split at a
 * semicolon) has and the segmenter never makes (tm__side.cont). */
static tm_status
side_cont(tm__side *s, const tm_align_sentence *v, size_t n)
{
	uint8_t any = 0;

	s->cont = tm__calloc(n ? n : 1, 1);
	if (!s->cont)
		return tm__error_oom();
	for (size_t i = 0; i + 1 < n; i++) {
		const unsigned char *t = (const unsigned char *)v[i].text;
		size_t e = v[i].len;
		uint32_t c;

		if (v[i + 1].paragraph != v[i].paragraph || !t)
			continue;
		do
			c = prev_cp(t, &e);
		while (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		       c == '"' || c == '\'' || c == ')' || c == ']' ||
		       c == 0x00BB || c == 0x2019 || c == 0x201D);
		s->cont[i] = c == ',' || c == ';' || c == ':' || c == 0x2013 ||
		             c == 0x2014 || c == 0xFF0C || c == 0x3001;
		any |= s->cont[i];
	}
	if (!any) {
		/* none: the programme asks nothing */
		tm__free(s->cont);
		s->cont = NULL;
	}
	return TM_OK;
}

static tm_status
build_side(tm__side *out, const tm_align_sentence *v, size_t n,
           const char *lang, const char *other, bool cross, tm__keyfn key,
           void *ctx, bool word_keys, const char *what)
{
	const char **texts = tm__malloc((n ? n : 1) * sizeof(*texts));
	size_t *lens = tm__malloc((n ? n : 1) * sizeof(*lens));
	unsigned *paras = tm__malloc((n ? n : 1) * sizeof(*paras));
	int os = script_of(other);
	tm__side_opts so = {lang, cross, script_of(lang) == 0,
	                    cross && key && (os == 2 || os == 3), key, ctx,
	                    word_keys};
	tm_status st = TM_OK;

	if (!texts || !lens || !paras) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		size_t bad;

		if (!v[i].text && v[i].len) {
			st = tm__error_set(TM_EINVAL,
			                   "align: %s sentence %zu is NULL", what,
			                   i);
			goto out;
		}
		if (tm_utf8_validate(&bad, v[i].text ? v[i].text : "",
		                     v[i].len) < 0) {
			st = tm__error_set(TM_EUNICODE,
			                   "align: %s sentence %zu: invalid UTF-8 "
			                   "at byte %zu",
			                   what, i, bad);
			goto out;
		}
		texts[i] = v[i].text ? v[i].text : "";
		lens[i] = v[i].len;
		paras[i] = v[i].paragraph;
	}
	st = tm__side_build(out, texts, lens, paras, n, &so);
	if (st >= 0)
		st = side_cont(out, v, n);
out:
	tm__free(texts);
	tm__free(lens);
	tm__free(paras);
	return st;
}

/* ---- lengths ---------------------------------------------------------- */

/* One length per sentence from its native and universal characters. The
 * universal ones (digits, punctuation, Latin names and addresses in a
 * Korean or Russian text) stay one for one in a translation; only the
 * native ones scale with the language pair (Korean writes about 0.4
 * characters per English one). Lengths are put in the units of the
 * reference side (the source, or the target when only the target writes
 * Latin script, whose letters are then the universal ones): the other
 * side's native characters are scaled by the factor that makes both
 * documents equally long. Without this, a line such as an e-mail address
 * or a company name in Latin letters in a Korean text counts as 2.5 times
 * too long. Returns the ratio of the resulting lengths (close to 1). */
static double
unify_lengths(tm__side *S, tm__side *T, bool src_is_ref)
{
	tm__side *R = src_is_ref ? S : T, *O = src_is_ref ? T : S;
	double tot_r = 0, tot_o = 0, nat_o = 0, uni_o = 0, f = 1, ls = 0,
	       lt = 0, ratio;

	for (size_t i = 0; i < R->n; i++)
		tot_r += R->len[i] + R->ulen[i];
	for (size_t i = 0; i < O->n; i++) {
		nat_o += O->len[i];
		uni_o += O->ulen[i];
	}
	tot_o = nat_o + uni_o;
	if (nat_o > 0 && tot_r - uni_o > 0.2 * tot_r)
		f = (tot_r - uni_o) / nat_o;
	else if (tot_o > 0 && tot_r > 0)
		f = tot_r / tot_o;
	f = f < 0.05 ? 0.05 : f > 20 ? 20 : f;
	for (size_t i = 0; i < R->n; i++)
		R->len[i] += R->ulen[i];
	for (size_t i = 0; i < O->n; i++)
		O->len[i] = (float)(O->len[i] * f) + O->ulen[i];
	for (size_t i = 0; i < S->n; i++)
		ls += S->len[i];
	for (size_t j = 0; j < T->n; j++)
		lt += T->len[j];
	ratio = ls > 0 && lt > 0 ? lt / ls : 1.0;
	return ratio < 0.05 ? 0.05 : ratio > 20 ? 20 : ratio;
}

/* ---- learning word pairs from confident links ------------------------ */

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Unique words of sentence @k into @buf (at most @cap); returns count. */
static size_t
uniq_words(const tm__side *s, size_t k, uint32_t *buf, size_t cap)
{
	size_t n = 0, o = 0;

	for (size_t q = s->word_off[k]; q < s->word_off[k + 1] && n < cap; q++)
		buf[n++] = tm__side_word(s, s->words[q]);
	qsort(buf, n, sizeof(*buf), u32_cmp);
	for (size_t q = 0; q < n; q++)
		if (!o || buf[o - 1] != buf[q])
			buf[o++] = buf[q];
	return o;
}

static int
float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x < y ? -1 : x > y;
}

#define LEARN_MAX_LINKS 4000
#define LEARN_MIN_DICE 0.3

double
tm__align_pair_weight(unsigned c, unsigned ns, unsigned nt, size_t links,
                      double chance_share)
{
	double dice, chance, f;

	if (!c || !links)
		return 0;
	dice = 2.0 * c / (double)(ns + nt);
	chance = (double)ns * nt / (double)links;
	f = 1 - chance_share * chance / c;
	return f > 0 ? dice * f : 0;
}

/* Word pairs from the 1-1 links of @links whose cost is below the 80th
 * percentile, weighed with @chance (tm__align_pair_weight()); appended to
 * *@pairs. Also re-estimates the length ratio and spread from them. */
static tm_status
learn_pairs(tm__wpair **pairs, size_t *npairs, const tm__side *S,
            const tm__side *T, const tm__plink *links, size_t n,
            double *ratio, double *sigma, double lenvar, double chance)
{
	float *costs = NULL, cut;
	size_t m = 0, used = 0;
	uint32_t *cnt_s = NULL, *cnt_t = NULL;
	tm__pair_tab tab = {0};
	uint32_t bs[128], bt[128];
	double sls = 0, slt = 0, sx2 = 0, L0;
	tm_status st = TM_OK;

	costs = tm__malloc((n ? n : 1) * sizeof(*costs));
	cnt_s = tm__calloc(S->lex.count + 1, sizeof(*cnt_s));
	cnt_t = tm__calloc(T->lex.count + 1, sizeof(*cnt_t));
	if (!costs || !cnt_s || !cnt_t) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t k = 0; k < n; k++)
		if (links[k].a == 1 && links[k].b == 1)
			costs[m++] = links[k].cost;
	if (m < 3)
		goto out;
	qsort(costs, m, sizeof(*costs), float_cmp);
	cut = costs[(m * 8) / 10];
	if (m > LEARN_MAX_LINKS && costs[LEARN_MAX_LINKS] < cut)
		cut = costs[LEARN_MAX_LINKS];
	/* counts of each word over the chosen links */
	for (size_t k = 0; k < n; k++) {
		const tm__plink *l = &links[k];
		size_t a, b;

		if (l->a != 1 || l->b != 1 || l->cost > cut)
			continue;
		a = uniq_words(S, l->s, bs, TM_ARRAY_SIZE(bs));
		b = uniq_words(T, l->t, bt, TM_ARRAY_SIZE(bt));
		for (size_t q = 0; q < a; q++)
			cnt_s[bs[q]]++;
		for (size_t q = 0; q < b; q++)
			cnt_t[bt[q]]++;
		sls += S->len[l->s];
		slt += T->len[l->t];
		used++;
	}
	if (sls > 0 && slt > 0)
		*ratio = slt / sls;
	L0 = side_mean_len(S, T, *ratio);
	for (size_t k = 0; k < n; k++) {
		const tm__plink *l = &links[k];
		size_t a, b;
		double x;

		if (l->a != 1 || l->b != 1 || l->cost > cut)
			continue;
		x = log((T->len[l->t] + LEN_SMOOTH * *ratio) /
		        (*ratio * S->len[l->s] + LEN_SMOOTH * *ratio));
		sx2 += x * x * tm__align_len_factor(lenvar, 0.5 * (S->len[l->s] +
		                                         T->len[l->t] / *ratio),
		                          L0);
		a = uniq_words(S, l->s, bs, TM_ARRAY_SIZE(bs));
		b = uniq_words(T, l->t, bt, TM_ARRAY_SIZE(bt));
		for (size_t q = 0; q < a; q++) {
			if (cnt_s[bs[q]] < 2)
				continue;
			for (size_t r = 0; r < b; r++) {
				if (cnt_t[bt[r]] < 2)
					continue;
				if (!tm__pair_tab_add(&tab, ((uint64_t)bs[q] << 32) |
				                                bt[r])) {
					st = tm__error_oom();
					goto out;
				}
			}
		}
	}
	if (used > 10) {
		double s = sqrt(sx2 / (double)used) * 1.1;

		*sigma = s < 0.15 ? 0.15 : s > 0.6 ? 0.6 : s;
	}
	for (size_t k = 0; k < tab.cap; k++) {
		uint32_t c = tab.counts[k];
		uint32_t ws, wt;
		double dice;

		if (!tab.keys[k] || c < 2)
			continue;
		ws = (uint32_t)((tab.keys[k] - 1) >> 32);
		wt = (uint32_t)(tab.keys[k] - 1);
		dice = 2.0 * c / (double)(cnt_s[ws] + cnt_t[wt]);
		if (dice < LEARN_MIN_DICE)
			continue;
		dice = tm__align_pair_weight(c, cnt_s[ws], cnt_t[wt], used,
		                             chance);
		{
			tm__wpair *np = tm__realloc(*pairs, (*npairs + 1) * sizeof(*np));

			if (!np) {
				st = tm__error_oom();
				goto out;
			}
			*pairs = np;
			np[*npairs].src = ws;
			np[*npairs].tgt = wt;
			np[*npairs].w = (float)dice;
			np[*npairs].from = TM__WPAIR_OTHER;
			(*npairs)++;
		}
	}
out:
	tm__free(costs);
	tm__free(cnt_s);
	tm__free(cnt_t);
	tm__free(tab.keys);
	tm__free(tab.counts);
	return st;
}

/* ---- the lexicon ------------------------------------------------------ */

/* How tm_aligner_learn() keeps pairs (docs/alignment.md, "Lexicon"). */
static const tm__lex_params lex_params = {
        .min_count = 3,
        .min_weight = 0.2,
        .max_per_word = 3,
        .kappa = true,
};

tm_status
tm_aligner_learn(size_t *out_count, tm_aligner *al,
                 const tm_align_sentence *src, const tm_align_sentence *tgt,
                 size_t n)
{
	tm_status st;

	if (out_count)
		*out_count = 0;
	if (!al || ((!src || !tgt) && n))
		return tm__error_set(TM_EINVAL, "align: NULL argument");
	for (size_t k = 0; k < n; k++) {
		size_t bad;

		if ((!src[k].text && src[k].len) || (!tgt[k].text && tgt[k].len))
			return tm__error_set(TM_EINVAL,
			                     "align: sentence pair %zu is NULL", k);
		if (tm_utf8_validate(&bad, src[k].text ? src[k].text : "",
		                     src[k].len) < 0 ||
		    tm_utf8_validate(&bad, tgt[k].text ? tgt[k].text : "",
		                     tgt[k].len) < 0)
			return tm__error_set(TM_EUNICODE,
			                     "align: sentence pair %zu: invalid "
			                     "UTF-8",
			                     k);
	}
	st = aligner_reducers(al);
	/* the core pairs of their words, so that the check's shares,
	 * measured below, are the whole lexicon's */
	if (st >= 0 && al->has_core)
		st = core_load_sentences(al, src, n, 0);
	if (st >= 0 && al->has_core)
		st = core_load_sentences(al, tgt, n, 1);
	if (st < 0)
		return st;
	st = tm__lexicon_learn(out_count, &al->lexicon, &al->red_src,
	                       &al->red_tgt, src, tgt, n, &lex_params);
	/* the translation check weighs the lexicon against what it
	 * matches on the pairs it learned from */
	if (st >= 0)
		st = tm__judge_calibrate(&al->judge_cal, &al->lexicon,
		                         &al->red_src, &al->red_tgt, src, tgt,
		                         n);
	return st;
}

/* ---- defr2: hooks of align-self.c (a story learning from itself) ---- */

bool
tm__aligner_self_learns(const tm_aligner *al, size_t nsrc, size_t ntgt)
{
	tm__align_params ap = al->params;

	if (!al->has_core || al->cross_script ||
	    (al->opts.flags & (TM_ALIGN_NO_REALIGN | TM_ALIGN_NO_SELF_LEARN)) ||
	    nsrc + ntgt > TM__ALIGN_WORDKEY_SENTENCES ||
	    tm__lexicon_count(&al->lexicon, true) ||
	    tm__lexicon_count(&al->lexicon, false))
		return false;
	tm__core_params(&ap, al->src_lang, al->tgt_lang);
	return ap.selflearn > 0;
}

tm_status
tm__aligner_learn_story(size_t *out_added, tm_aligner *al,
                        const tm_align_sentence *src,
                        const tm_align_sentence *tgt, size_t n,
                        unsigned min_count)
{
	tm__lex_params lp = lex_params;
	tm_status st = aligner_reducers(al);

	*out_added = 0;
	if (st < 0)
		return st;
	lp.min_count = min_count;
	return tm__lexicon_learn(out_added, &al->lexicon, &al->red_src,
	                         &al->red_tgt, src, tgt, n, &lp);
}

void
tm__aligner_forget_learned(tm_aligner *al)
{
	tm__lexicon *L = &al->lexicon;
	size_t o = 0;

	for (size_t i = 0; i < L->n; i++)
		if (L->e[i].given)
			L->e[o++] = L->e[i];
	L->n = o;
	L->indexed = false;
}

size_t
tm_aligner_lexicon_count(const tm_aligner *al, int learned)
{
	return al ? tm__lexicon_count(&al->lexicon, learned != 0) : 0;
}

tm_status
tm_aligner_lexicon_write(size_t *out_count, tm_aligner *al, const char *path)
{
	if (out_count)
		*out_count = 0;
	if (!al || !path)
		return tm__error_set(TM_EINVAL, "align: NULL argument");
	return tm__lexicon_write(out_count, &al->lexicon, path, 0);
}

/* ---- moved blocks ----------------------------------------------------- */

typedef struct run {
	size_t first, last;  /* link indices [first, last) */
	size_t s0, s1;       /* source sentences left alone */
	size_t t0, t1;       /* target sentences left alone */
	double cs, ct;       /* their deletion costs */
	bool used_s, used_t;
} run;

typedef struct move {
	size_t rs, rt;
	double gain;
} move;

static int
move_cmp(const void *a, const void *b)
{
	const move *x = a, *y = b;

	return x->gain > y->gain ? -1 : x->gain < y->gain;
}

#define MOVE_MAX_RUNS 200
#define MOVE_MAX_CELLS 40000.0
#define MOVE_MIN_GAIN 4.0

/* Blocks left unmatched on both sides that translate each other: a
 * paragraph moved between versions. The monotone path cannot cross, so it
 * leaves both copies as 1-0 and 0-1 links; align each such source block
 * with each target block and keep the pairings that pay. */
static tm_status
find_moves(tm__plink **links, size_t *nlinks, const tm__side *S,
           const tm__side *T, double ratio, double sigma,
           const tm__align_params *p, bool paragraphs)
{
	run *runs = NULL;
	size_t nruns = 0, nmoves = 0;
	move *moves = NULL;
	tm__plink *L = *links, *out = NULL;
	size_t n = *nlinks, nout = 0;
	tm__plink **sub = NULL;
	size_t *nsub = NULL;
	uint8_t *keep_t = NULL;
	tm_status st = TM_OK;

	for (size_t k = 0; k < n;) {
		run r = {0};

		if (L[k].a && L[k].b) {
			k++;
			continue;
		}
		r.first = k;
		r.s0 = r.s1 = L[k].s;
		r.t0 = r.t1 = L[k].t;
		while (k < n && !(L[k].a && L[k].b)) {
			if (L[k].a) {
				r.s1 = L[k].s + 1;
				r.cs += L[k].cost;
			} else {
				r.t1 = L[k].t + 1;
				r.ct += L[k].cost;
			}
			k++;
		}
		r.last = k;
		if (nruns % 64 == 0) {
			run *nr = tm__realloc(runs, (nruns + 64) * sizeof(*nr));

			if (!nr) {
				st = tm__error_oom();
				goto out;
			}
			runs = nr;
		}
		runs[nruns++] = r;
	}
	if (nruns < 2 || nruns > MOVE_MAX_RUNS)
		goto out;
	for (size_t a = 0; a < nruns; a++) {
		for (size_t b = 0; b < nruns; b++) {
			tm__plink *v = NULL;
			size_t nv = 0;
			double c = 0;
			bool any = false;
			size_t ls = runs[a].s1 - runs[a].s0;
			size_t lt = runs[b].t1 - runs[b].t0;

			/* a moved block has two sentences or more a side:
			 * single leftovers pair up by chance too easily */
			if (a == b || ls < 2 || lt < 2 ||
			    (double)ls * (double)lt > MOVE_MAX_CELLS)
				continue;
			st = tm__align_dp(&v, &nv, S, T, runs[a].s0, runs[a].s1,
			                  runs[b].t0, runs[b].t1, ratio, sigma, p,
			                  0, paragraphs, NULL);
			if (st < 0) {
				tm__free(v);
				goto out;
			}
			for (size_t q = 0; q < nv; q++) {
				c += v[q].cost;
				any |= v[q].a && v[q].b;
			}
			tm__free(v);
			if (any && runs[a].cs + runs[b].ct - c > MOVE_MIN_GAIN) {
				move *nm = tm__realloc(moves, (nmoves + 1) * sizeof(*nm));

				if (!nm) {
					st = tm__error_oom();
					goto out;
				}
				moves = nm;
				moves[nmoves].rs = a;
				moves[nmoves].rt = b;
				moves[nmoves].gain = runs[a].cs + runs[b].ct - c;
				nmoves++;
			}
		}
	}
	if (!nmoves)
		goto out;
	qsort(moves, nmoves, sizeof(*moves), move_cmp);
	sub = tm__calloc(nruns, sizeof(*sub));
	nsub = tm__calloc(nruns, sizeof(*nsub));
	keep_t = tm__malloc(T->n ? T->n : 1);
	if (!sub || !nsub || !keep_t) {
		st = tm__error_oom();
		goto out;
	}
	memset(keep_t, 1, T->n ? T->n : 1);
	for (size_t m = 0; m < nmoves; m++) {
		run *ra = &runs[moves[m].rs], *rb = &runs[moves[m].rt];

		if (ra->used_s || rb->used_t)
			continue;
		ra->used_s = rb->used_t = true;
		st = tm__align_dp(&sub[moves[m].rs], &nsub[moves[m].rs], S, T,
		                  ra->s0, ra->s1, rb->t0, rb->t1, ratio, sigma, p,
		                  0, paragraphs, NULL);
		if (st < 0)
			goto out;
		for (size_t q = 0; q < nsub[moves[m].rs]; q++) {
			tm__plink *l = &sub[moves[m].rs][q];

			if (l->a && l->b)
				for (size_t t = l->t; t < l->t + l->b; t++)
					keep_t[t] = 0;
		}
	}
	/* rebuild the link list in source order */
	out = tm__malloc((n + T->n + S->n + 1) * sizeof(*out));
	if (!out) {
		st = tm__error_oom();
		goto out;
	}
	{
		size_t r = 0;

		for (size_t k = 0; k < n; k++) {
			while (r < nruns && runs[r].last <= k)
				r++;
			if (r < nruns && k >= runs[r].first && runs[r].used_s) {
				if (k == runs[r].first) {
					/* the block's new links, then what stays */
					for (size_t q = 0; q < nsub[r]; q++)
						if (sub[r][q].a)
							out[nout++] = sub[r][q];
				}
				if (L[k].a)
					continue; /* source sentence moved */
			}
			if (!L[k].a && L[k].b && !keep_t[L[k].t])
				continue;
			out[nout++] = L[k];
		}
	}
	tm__free(*links);
	*links = out;
	*nlinks = nout;
	out = NULL;
out:
	if (sub)
		for (size_t r = 0; r < nruns; r++)
			tm__free(sub[r]);
	tm__free(sub);
	tm__free(nsub);
	tm__free(keep_t);
	tm__free(moves);
	tm__free(runs);
	tm__free(out);
	return st;
}

/* ---- moved paragraphs ------------------------------------------------- */

static int
item_id_cmp(const void *a, const void *b)
{
	const tm__item *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Paragraph boundaries: first sentence of each paragraph, then n. */
static size_t *
para_bounds(const tm__side *s, size_t *np)
{
	size_t *b = tm__malloc((s->n + 2) * sizeof(*b)), n = 0;

	if (!b)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		if (i == 0 || s->para[i] != s->para[i - 1])
			b[n++] = i;
	b[n] = s->n;
	*np = n;
	return b;
}

/* Items of each paragraph, merged; off has np + 1 entries. */
static tm__item *
para_items(const tm__side *s, const size_t *bounds, size_t np, size_t **off,
           float **weight)
{
	size_t total = s->item_off[s->n], o = 0;
	tm__item *v = tm__malloc((total ? total : 1) * sizeof(*v));

	*off = tm__malloc((np + 1) * sizeof(**off));
	*weight = tm__calloc(np ? np : 1, sizeof(**weight));
	if (!v || !*off || !*weight) {
		tm__free(v);
		return NULL;
	}
	for (size_t q = 0; q < np; q++) {
		size_t from = o, w = from;

		(*off)[q] = from;
		for (size_t i = bounds[q]; i < bounds[q + 1]; i++)
			for (size_t k = s->item_off[i]; k < s->item_off[i + 1]; k++) {
				v[o++] = s->items[k];
				(*weight)[q] += s->items[k].w;
			}
		qsort(v + from, o - from, sizeof(*v), item_id_cmp);
		for (size_t k = from; k < o; k++) {
			if (w > from && v[w - 1].id == v[k].id)
				v[w - 1].w += v[k].w;
			else
				v[w++] = v[k];
		}
		o = w;
	}
	(*off)[np] = o;
	return v;
}

static int
plink_order(const void *a, const void *b)
{
	const tm__plink *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if ((x->a > 0) != (y->a > 0))
		return x->a > 0 ? 1 : -1; /* a 0-1 link before the link it precedes */
	return x->t < y->t ? -1 : x->t > y->t;
}

#define PARA_MIN_SIM 0.2
#define ORPHAN_MAX_PARAS 3
#define ORPHAN_MAX_TRIES 16
#define PM_SINGLE_MAX 32
/* Every paragraph pair is tried as the one moved block (pm_all) in
 * stories of at most this many paragraph pairs times sentence pairs:
 * 400 pairs of paragraphs of a 100-sentence story. */
#define PM_ALL_MAX_WORK 4e6
/* ... and kept when the alignment costs this much less: a chance gain
 * among the many pairs tried is not a move. */
#define PM_ALL_MIN_GAIN 4.0
/* A pair is tried only when aligned alone it costs less than its
 * paragraphs' links where they are plus this (pm_all). */
#define PM_ALL_SLACK 3.0

/* A block of paragraphs aligned apart: source sentences [s0, s1) with
 * target sentences [t0, t1). */
typedef struct pmove {
	size_t s0, s1, t0, t1;
} pmove;

/* Align each moved block apart and the rest as one monotone view; the
 * links (in no particular order) and their total cost. */
static tm_status
align_with_moves(tm__plink **out, size_t *nout, double *cost,
                 const tm__side *S, const tm__side *T, const pmove *mv,
                 size_t nmv, double ratio, double sigma,
                 const tm__align_params *p)
{
	uint8_t *skip_s = tm__calloc(S->n + 1, 1), *skip_t = tm__calloc(T->n + 1, 1);
	size_t *sm = tm__malloc((S->n + 1) * sizeof(*sm));
	size_t *tmv = tm__malloc((T->n + 1) * sizeof(*tmv));
	size_t ns = 0, nt = 0;
	tm_status st = TM_OK;

	*out = NULL;
	*nout = 0;
	*cost = 0;
	if (!skip_s || !skip_t || !sm || !tmv) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t k = 0; k < nmv && st >= 0; k++) {
		memset(skip_s + mv[k].s0, 1, mv[k].s1 - mv[k].s0);
		memset(skip_t + mv[k].t0, 1, mv[k].t1 - mv[k].t0);
		st = tm__align_dp(out, nout, S, T, mv[k].s0, mv[k].s1, mv[k].t0,
		                  mv[k].t1, ratio, sigma, p, 0, true, NULL);
	}
	if (st < 0)
		goto out;
	for (size_t i = 0; i < S->n; i++)
		if (!skip_s[i])
			sm[ns++] = i;
	sm[ns] = S->n;
	for (size_t j = 0; j < T->n; j++)
		if (!skip_t[j])
			tmv[nt++] = j;
	tmv[nt] = T->n;
	st = tm__align_view(out, nout, S, T, sm, ns, tmv, nt, ratio, sigma, p, 0,
	                true, NULL);
	for (size_t k = 0; st >= 0 && k < *nout; k++)
		*cost += (*out)[k].cost;
out:
	if (st < 0) {
		tm__free(*out);
		*out = NULL;
		*nout = 0;
	}
	tm__free(skip_s);
	tm__free(skip_t);
	tm__free(sm);
	tm__free(tmv);
	return st;
}

/* The state of the search for moved paragraphs, phase by phase. */
typedef struct pmsearch {
	const tm__side *S, *T;
	size_t np, nq;      /* paragraphs of each side */
	size_t *bs, *bt;    /* their first sentences, then n */
	size_t *best_q;     /* per source paragraph: its best target one */
	size_t *anc, nanc;  /* source paragraphs that are mutual best pairs */
	uint8_t *used_p, *used_q; /* paragraphs of a mutual best pair */
	/* the chain in order, with the documents' edges around it: entries
	 * 1..nc, [0] = SIZE_MAX and [nc + 1] = np or nq */
	size_t *ca, *cb, nc;
	pmove *mv, *orph;   /* moved pairs, orphan pairs to try */
	size_t nmv, norph;
} pmsearch;

static void
pmsearch_free(pmsearch *m)
{
	tm__free(m->bs);
	tm__free(m->bt);
	tm__free(m->best_q);
	tm__free(m->anc);
	tm__free(m->used_p);
	tm__free(m->used_q);
	tm__free(m->ca);
	tm__free(m->cb);
	tm__free(m->mv);
	tm__free(m->orph);
}

/* Phase 1: the paragraph pairs that are each other's best match by
 * content (shared item weight over their mean weight, at least
 * PARA_MIN_SIM), crossings allowed: m->best_q and m->anc. */
static tm_status
pm_mutual_best(pmsearch *m)
{
	size_t np = m->np, nq = m->nq, *offs = NULL, *offt = NULL;
	size_t *best_p = tm__malloc(nq * sizeof(*best_p));
	float *ws = NULL, *wt = NULL;
	tm__item *is = para_items(m->S, m->bs, np, &offs, &ws);
	tm__item *it = para_items(m->T, m->bt, nq, &offt, &wt);
	double *bsp = tm__calloc(nq, sizeof(*bsp)), *bsq = tm__calloc(np, sizeof(*bsq));
	tm_status st = TM_OK;

	m->best_q = tm__malloc(np * sizeof(*m->best_q));
	m->anc = tm__malloc(np * sizeof(*m->anc));
	if (!is || !it || !best_p || !bsp || !bsq || !m->best_q || !m->anc) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t q = 0; q < nq; q++)
		best_p[q] = SIZE_MAX;
	for (size_t a = 0; a < np; a++) {
		m->best_q[a] = SIZE_MAX;
		for (size_t b = 0; b < nq; b++) {
			double sim;

			if (ws[a] + wt[b] <= 0)
				continue;
			sim = tm__items_shared(is + offs[a], offs[a + 1] - offs[a],
			                       it + offt[b], offt[b + 1] - offt[b]) /
			      (0.5 * (ws[a] + wt[b]));
			if (sim > bsq[a]) {
				bsq[a] = sim;
				m->best_q[a] = b;
			}
			if (sim > bsp[b]) {
				bsp[b] = sim;
				best_p[b] = a;
			}
		}
	}
	for (size_t a = 0; a < np; a++)
		if (m->best_q[a] != SIZE_MAX && best_p[m->best_q[a]] == a &&
		    bsq[a] >= PARA_MIN_SIM)
			m->anc[m->nanc++] = a;
out:
	tm__free(offs);
	tm__free(offt);
	tm__free(ws);
	tm__free(wt);
	tm__free(is);
	tm__free(it);
	tm__free(best_p);
	tm__free(bsp);
	tm__free(bsq);
	return st;
}

/* Phase 2: the longest chain of mutual best pairs in order on both sides
 * stays in the monotone alignment (m->ca, m->cb); every pair outside it
 * moved (m->mv). */
static tm_status
pm_chain(pmsearch *m)
{
	size_t nanc = m->nanc, len = 0;
	size_t *tail = tm__malloc(nanc * sizeof(*tail));
	size_t *prev = tm__malloc(nanc * sizeof(*prev));
	uint8_t *in_chain = tm__calloc(nanc, 1);
	tm_status st = TM_OK;

	m->used_p = tm__calloc(m->np, 1);
	m->used_q = tm__calloc(m->nq, 1);
	m->mv = tm__malloc((nanc + 1) * sizeof(*m->mv));
	m->ca = tm__malloc((nanc + 2) * sizeof(*m->ca));
	m->cb = tm__malloc((nanc + 2) * sizeof(*m->cb));
	m->orph = tm__malloc((nanc + 1) * sizeof(*m->orph));
	if (!tail || !prev || !in_chain || !m->used_p || !m->used_q || !m->mv ||
	    !m->ca || !m->cb || !m->orph) {
		st = tm__error_oom();
		goto out;
	}
	/* longest increasing run of target paragraphs, patience sorting */
	for (size_t k = 0; k < nanc; k++) {
		size_t lo = 0, hi = len;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (m->best_q[m->anc[tail[mid]]] < m->best_q[m->anc[k]])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo ? tail[lo - 1] : SIZE_MAX;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	for (size_t k = tail[len - 1]; k != SIZE_MAX; k = prev[k])
		in_chain[k] = 1;
	for (size_t k = 0; k < nanc; k++) {
		size_t a = m->anc[k], b = m->best_q[a];

		m->used_p[a] = m->used_q[b] = 1;
		if (in_chain[k]) {
			m->ca[m->nc + 1] = a;
			m->cb[m->nc + 1] = b;
			m->nc++;
			continue;
		}
		m->mv[m->nmv++] = (pmove){m->bs[a], m->bs[a + 1], m->bt[b],
		                          m->bt[b + 1]};
	}
	m->ca[0] = m->cb[0] = SIZE_MAX;
	m->ca[m->nc + 1] = m->np;
	m->cb[m->nc + 1] = m->nq;
out:
	tm__free(tail);
	tm__free(prev);
	tm__free(in_chain);
	return st;
}

/* Phase 3: orphans around each chain anchor k (gap k is before it, gap
 * k + 1 after it): unmatched paragraphs of one side just before the
 * anchor and of the other side just after it, each facing nothing
 * (m->orph). */
static void
pm_orphans(pmsearch *m)
{
	for (size_t k = 1; k <= m->nc; k++) {
		size_t g[4][2]; /* unmatched runs: src before, tgt before,
		                   src after, tgt after */
		bool ok = true;

		for (unsigned side = 0; side < 4 && ok; side++) {
			bool src = side % 2 == 0;
			const size_t *c = src ? m->ca : m->cb;
			size_t lo = (side < 2 ? c[k - 1] : c[k]) + 1;
			size_t hi = side < 2 ? c[k] : c[k + 1];
			const uint8_t *used = src ? m->used_p : m->used_q;
			size_t first = SIZE_MAX, last = 0, n = 0;

			for (size_t x = lo; x < hi; x++)
				if (!used[x]) {
					if (first == SIZE_MAX)
						first = x;
					else if (x != last + 1)
						ok = false; /* not one run */
					last = x;
					n++;
				}
			if (n > ORPHAN_MAX_PARAS)
				ok = false;
			g[side][0] = n ? first : 0;
			g[side][1] = n ? last + 1 : 0;
		}
		if (!ok || m->norph >= ORPHAN_MAX_TRIES)
			continue;
		/* source before and target after, or the other way round,
		 * each facing nothing */
		if (g[0][1] && !g[1][1] && g[3][1] && !g[2][1])
			m->orph[m->norph++] =
			        (pmove){m->bs[g[0][0]], m->bs[g[0][1]],
			                m->bt[g[3][0]], m->bt[g[3][1]]};
		else if (!g[0][1] && g[1][1] && !g[3][1] && g[2][1])
			m->orph[m->norph++] =
			        (pmove){m->bs[g[2][0]], m->bs[g[2][1]],
			                m->bt[g[1][0]], m->bt[g[1][1]]};
	}
}

/* Keeps the candidate *@nl (@nnl links costing @c) as *@best when it
 * costs less than *@best_cost, freeing the one it replaces; frees it
 * otherwise. *@nl is NULL after. Returns whether it was kept. */
static bool
pm_keep(tm__plink **best, size_t *nbest, double *best_cost, tm__plink **nl,
        size_t nnl, double c)
{
	bool keep = c < *best_cost;

	if (keep) {
		tm__free(*best);
		*best = *nl;
		*nbest = nnl;
		*best_cost = c;
	} else {
		tm__free(*nl);
	}
	*nl = NULL;
	return keep;
}

/* Replaces *@links with *@best (@nbest links, in order) and sets *@moved
 * when a candidate was kept; *@best is NULL after. */
static void
pm_adopt(tm__plink **links, size_t *nlinks, tm__plink **best, size_t nbest,
         bool *moved)
{
	if (!*best)
		return;
	qsort(*best, nbest, sizeof(**best), plink_order);
	tm__free(*links);
	*links = *best;
	*nlinks = nbest;
	*best = NULL;
	*moved = true;
}

/* Phase 4: align with the moved pairs, then with each orphan pair in
 * turn, and keep what costs less than the monotone path (*@links). */
static tm_status
pm_try(pmsearch *m, tm__plink **links, size_t *nlinks, double ratio,
       double sigma, const tm__align_params *p, bool *moved)
{
	tm__plink *best = NULL, *nl = NULL;
	size_t nbest = 0, nnl = 0, nmv = m->nmv;
	double best_cost = 0, c;
	tm_status st = TM_OK;

	for (size_t k = 0; k < *nlinks; k++)
		best_cost += (*links)[k].cost;
	if (nmv) {
		st = align_with_moves(&nl, &nnl, &c, m->S, m->T, m->mv, nmv,
		                      ratio, sigma, p);
		if (st < 0)
			goto out;
		if (!pm_keep(&best, &nbest, &best_cost, &nl, nnl, c))
			nmv = 0;
	}
	/* the chain is the longest, not the right one, when a paragraph
	 * pair matched by chance (a number, a loanword's key) ties with the
	 * true one: each mutual best pair alone is tried as the moved one
	 * too (in stories of up to PM_SINGLE_MAX such pairs), and the total
	 * cost decides */
	for (size_t k = 0; m->nanc <= PM_SINGLE_MAX && k < m->nanc; k++) {
		size_t a = m->anc[k], b = m->best_q[a];
		pmove one = {m->bs[a], m->bs[a + 1], m->bt[b], m->bt[b + 1]};

		if (nmv == 1 && m->mv[0].s0 == one.s0 && m->mv[0].t0 == one.t0)
			continue;
		st = align_with_moves(&nl, &nnl, &c, m->S, m->T, &one, 1, ratio,
		                      sigma, p);
		if (st < 0)
			goto out;
		if (pm_keep(&best, &nbest, &best_cost, &nl, nnl, c)) {
			m->mv[0] = one;
			nmv = 1;
		}
	}
	for (size_t k = 0; k < m->norph; k++) {
		/* Orphans of neighbouring anchors can share a gap (the
		 * source paragraphs after anchor k are those before k + 1):
		 * a paragraph moves once, or its sentences get two links. */
		const pmove *o = &m->orph[k];
		bool overlap = false;

		for (size_t q = 0; q < nmv && !overlap; q++)
			overlap = (o->s0 < m->mv[q].s1 && m->mv[q].s0 < o->s1) ||
			          (o->t0 < m->mv[q].t1 && m->mv[q].t0 < o->t1);
		if (overlap)
			continue;
		m->mv[nmv] = *o;
		st = align_with_moves(&nl, &nnl, &c, m->S, m->T, m->mv, nmv + 1,
		                      ratio, sigma, p);
		if (st < 0)
			goto out;
		if (pm_keep(&best, &nbest, &best_cost, &nl, nnl, c))
			nmv++;
	}
	pm_adopt(links, nlinks, &best, nbest, moved);
out:
	tm__free(best);
	tm__free(nl);
	return st;
}

/* Phase 5, when nothing moved so far: every source paragraph against
 * every target paragraph other than its own place as the one moved
 * block, and the cheapest kept when it costs at least PM_ALL_MIN_GAIN
 * less than the monotone path. A moved paragraph that shares nothing
 * rare with its translation (no number, a name everywhere in the story)
 * is nobody's mutual best match, and when the paragraphs it jumped over
 * have no unmatched neighbours either, no orphan pair finds it: the
 * monotone path then shifts every paragraph in between. */
static tm_status
pm_all(pmsearch *m, tm__plink **links, size_t *nlinks, double ratio,
       double sigma, const tm__align_params *p, bool *moved)
{
	tm__plink *best = NULL, *nl = NULL;
	size_t nbest = 0, nnl = 0;
	double best_cost = -PM_ALL_MIN_GAIN, c;
	tm_status st = TM_OK;

	for (size_t k = 0; k < *nlinks; k++)
		best_cost += (*links)[k].cost;
	for (size_t a = 0; a < m->np; a++) {
		for (size_t b = 0; b < m->nq; b++) {
			pmove one = {m->bs[a], m->bs[a + 1], m->bt[b],
			             m->bt[b + 1]};
			double touch = 0, block = 0;

			if (a == b)
				continue;
			/* what the two paragraphs cost where they are (the
			 * links with a sentence of either), against the pair
			 * aligned alone: a pair that does not translate
			 * nearly as well as that is not worth a programme
			 * over the whole story (the gain of a true move is
			 * mostly in the paragraphs it jumped over, which the
			 * links where they are do not show: hence the slack) */
			for (size_t k = 0; k < *nlinks; k++) {
				const tm__plink *l = &(*links)[k];

				if ((l->a && l->s < one.s1 && l->s + l->a > one.s0) ||
				    (l->b && l->t < one.t1 && l->t + l->b > one.t0))
					touch += l->cost;
			}
			nnl = 0;
			st = tm__align_dp(&nl, &nnl, m->S, m->T, one.s0, one.s1,
			                  one.t0, one.t1, ratio, sigma, p, 0, true,
			                  NULL);
			if (st < 0)
				goto out;
			for (size_t k = 0; k < nnl; k++)
				block += nl[k].cost;
			tm__free(nl);
			nl = NULL;
			nnl = 0;
			if (block >= touch + PM_ALL_SLACK)
				continue;
			st = align_with_moves(&nl, &nnl, &c, m->S, m->T, &one, 1,
			                      ratio, sigma, p);
			if (st < 0)
				goto out;
			pm_keep(&best, &nbest, &best_cost, &nl, nnl, c);
		}
	}
	pm_adopt(links, nlinks, &best, nbest, moved);
out:
	tm__free(best);
	tm__free(nl);
	return st;
}

/* Paragraphs moved between the versions. Match paragraphs by content,
 * crossings allowed (mutual best pairs over paragraph similarity); those
 * outside the longest in-order chain moved. Align each moved pair apart
 * and the rest as one monotone view; keep it when it costs less than the
 * monotone path.
 *
 * A paragraph with few anchors (one sentence, no number or name) is often
 * nobody's mutual best match. Such orphans are found from the chain: when
 * paragraphs left unmatched on one side lie just before a chain anchor
 * and paragraphs unmatched on the other side just after it, with nothing
 * unmatched facing either of them, the two swapped places around the
 * anchor. Each such pair is tried in turn and kept when the alignment
 * costs less with it. When none of that moved anything, every pair of
 * paragraphs is tried as the moved block in a short story (pm_all).
 * Sets *@moved when something moved. */
static tm_status
para_moves(tm__plink **links, size_t *nlinks, const tm__side *S,
           const tm__side *T, double ratio, double sigma,
           const tm__align_params *p, bool *moved)
{
	pmsearch m = {.S = S, .T = T};
	tm_status st = TM_OK;

	*moved = false;
	m.bs = para_bounds(S, &m.np);
	m.bt = para_bounds(T, &m.nq);
	if (!m.bs || !m.bt) {
		st = tm__error_oom();
		goto out;
	}
	if (m.np < 3 || m.nq < 3 || (double)m.np * (double)m.nq > 250000.0)
		goto out;
	st = pm_mutual_best(&m);
	if (st < 0)
		goto out;
	if (m.nanc >= 2) {
		st = pm_chain(&m);
		if (st < 0)
			goto out;
		pm_orphans(&m);
		if (m.nmv || m.norph)
			st = pm_try(&m, links, nlinks, ratio, sigma, p, moved);
		if (st < 0)
			goto out;
	}
	if (!*moved && (double)m.np * (double)m.nq * (double)S->n *
	                       (double)T->n <=
	                       PM_ALL_MAX_WORK)
		st = pm_all(&m, links, nlinks, ratio, sigma, p, moved);
out:
	pmsearch_free(&m);
	return st;
}

/* ---- confidence ------------------------------------------------------- */

/* Probability-like confidence of a link from its cost: scaled logistic
 * curves fitted (maximum likelihood) on the strict correctness of the
 * links on the Bleualign dev set and the samples; checked on the test set
 * (docs/alignment.md). */
static double
link_confidence(const tm__plink *l)
{
	/* p = lo + (hi - lo) * sigmoid(a + b * cost). The ceiling is below
	 * 1: even links whose anchors all match are wrong about one time in
	 * ten under strict scoring (a 2-1 taken for a 1-1). */
	if (!l->a || !l->b)
		return 0.3 + 0.58 / (1.0 + exp(-(0.561 - 0.0397 * l->cost)));
	return 0.9 / (1.0 + exp(-(3.421 - 0.3846 * l->cost)));
}

/* Characters (spaces left out) a language writes for one English one, in
 * news: measured on the true pairs of NTREX-128 and FLORES-200
 * (tests/bench/make-judge-set.py; ko 0.48, ru 1.07). 0 when not known. */
static double
chars_per_english(const char *lang)
{
	switch (script_of(lang)) {
	case 1:
		return lang[0] == 'r' || lang[0] == 'R' ? 1.07 : 0;
	case 2:
		return 0.48;
	default:
		return (lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
		                       (!lang[2] || lang[2] == '-' || lang[2] == '_')
		               ? 1.0
		               : 0;
	}
}

/* Log of the documents' length ratio (target over source, the first
 * sentences the translation check weighs) over the one the language pair
 * writes; NAN when the pair's is not known or a side is empty. */
static double
judge_length_ratio(const tm__side *S, const tm__side *T, const char *sl,
                   const char *tl)
{
	double cs = chars_per_english(sl), ct = chars_per_english(tl);
	double ls = 0, lt = 0;

	for (size_t i = 0; i < S->n && i < TM__JUDGE_WINDOW; i++)
		ls += S->len[i] + S->ulen[i];
	for (size_t j = 0; j < T->n && j < TM__JUDGE_WINDOW; j++)
		lt += T->len[j] + T->ulen[j];
	if (cs <= 0 || ct <= 0 || ls <= 0 || lt <= 0)
		return NAN;
	return log(lt / ls) - log(ct / cs);
}

/* defr2: tm_align_run() is in align-self.c (a story alone may be aligned
 * twice, learning from itself); this aligns it once */
tm_status
tm__align_run_once(tm_align_result **out, tm_aligner *al,
                   const tm_align_sentence *src, size_t nsrc,
                   const tm_align_sentence *tgt, size_t ntgt)
{
	tm__side S = {0}, T = {0};
	tm__plink *links = NULL;
	size_t nlinks = 0;
	tm__wpair *pairs = NULL;
	size_t npairs = 0;
	tm_align_result *r = NULL;
	tm__keyfn ks = NULL, kt = NULL;
	size_t *hint = NULL;
	double ratio, sigma, length_ratio;
	tm__judgement judged;
	tm__align_params ap;
	/* what the dictionary tells the translation check, by lexicon ids
	 * (tm__judge_lex) */
	uint8_t *known_s = NULL, *known_t = NULL;
	uint32_t *pre_red[2] = {NULL, NULL}; /* reduced forms put aside */
	bool paragraphs, unrelated, word_keys, use_core, lexicon;
	tm_status st;

	if (!out || !al)
		return tm__error_set(TM_EINVAL, "align: NULL argument");
	*out = NULL;
	if ((!src && nsrc) || (!tgt && ntgt))
		return tm__error_set(TM_EINVAL, "align: NULL sentences");
	if (al->cross_script) {
		ks = key_src;
		kt = key_tgt;
	}
	/* the loanwords' keys weigh in a news story's alignment; a long
	 * document's learned pairs do as well without their cost */
	word_keys = al->cross_script &&
	            nsrc + ntgt <= TM__ALIGN_WORDKEY_SENTENCES;
	/* the core lexicon likewise: a long document's second pass learns
	 * its own pairs (10,000 sentences en-ru: 0.57 s of CPU and 69 MB
	 * without it, 0.99 s and 80 MB with it, F1 0.986 and 0.988) */
	use_core = al->has_core && nsrc + ntgt <= TM__ALIGN_WORDKEY_SENTENCES;

	st = build_side(&S, src, nsrc, al->src_lang, al->tgt_lang,
	                al->cross_script, ks, al, word_keys, "source");
	if (st < 0)
		goto out;
	st = build_side(&T, tgt, ntgt, al->tgt_lang, al->src_lang,
	                al->cross_script, kt, al, word_keys, "target");
	if (st < 0)
		goto out;
	/* the core lexicon's pairs of the documents' words join the lexicon;
	 * the reduced forms are put aside until it is weighed (the
	 * dictionary's pairs below are by the words as written) */
	if (use_core) {
		st = sides_reduce(al, &S, &T);
		if (st >= 0)
			st = tm__core_load_forms(&al->lexicon, al->core_loaded,
			                         &al->core, &S.rlex, 0);
		if (st >= 0)
			st = tm__core_load_forms(&al->lexicon, al->core_loaded,
			                         &al->core, &T.rlex, 1);
		pre_red[0] = S.red;
		pre_red[1] = T.red;
		S.red = T.red = NULL;
		if (st < 0)
			goto out;
	}
	/* the lexicon weighs unless all it has is core pairs met before
	 * and this pair goes without them */
	lexicon = al->lexicon.n &&
	          (use_core || tm__lexicon_count(&al->lexicon, true) ||
	           tm__lexicon_count(&al->lexicon, false));
	paragraphs = !(al->opts.flags & TM_ALIGN_NO_PARAGRAPHS) &&
	             ((nsrc && S.para[nsrc - 1] != S.para[0]) ||
	              (ntgt && T.para[ntgt - 1] != T.para[0]));
	/* the translation check weighs the documents' length ratio against
	 * the language pair's, which the unified lengths no longer show */
	length_ratio = judge_length_ratio(&S, &T, al->src_lang, al->tgt_lang);
	ratio = unify_lengths(&S, &T,
	                      script_of(al->src_lang) == 0 ||
	                              script_of(al->tgt_lang) != 0);
	sigma = al->params.sigma;
	ap = al->params;
	/* defr: the core lexicon's costs for the language pair */
	if (use_core)
		tm__core_params(&ap, al->src_lang, al->tgt_lang);
	/* 2-3 and 3-2 links between languages of one script only: the
	 * Bleualign de-fr dev set gains 0.018 with them; the restructured
	 * en-ko and en-ru set (none in its gold) lost 0.001 */
	if (al->cross_script) {
		ap.merge23 = 0;
		ap.merge14 = 0;
	}
	/* the translation check weighs the dictionary's pairs as written
	 * (it was fitted so), and what it knows word by word */
	if (al->ndict) {
		known_s = tm__calloc(S.lex.count + 1, 1);
		known_t = tm__calloc(T.lex.count + 1, 1);
		if (!known_s || !known_t) {
			st = tm__error_oom();
			goto out;
		}
	}
	st = dict_pairs(&pairs, &npairs, al, &S, &T, known_s, known_t);
	if (st < 0)
		goto out;
	st = tm__sides_set_pairs(&S, &T, pairs, npairs);
	if (st < 0)
		goto out;
	/* the translation check weighs the items of the first pass (it
	 * aligns the first sentences apart: it comes first, so that a large
	 * pair judged not a translation is spared the full programme) */
	{
		/* the check's weights were fitted with the length term of
		 * constant spread and deletions that cost the same whatever
		 * numbers they lose */
		tm__align_params jp = ap;
		tm__judge_lex jl = {.pairs = pairs,
		                    .npairs = npairs,
		                    .known = {known_s, known_t}};
		tm__wpair *rp = NULL;
		uint8_t *rk[2] = {NULL, NULL};
		uint32_t *red[2] = {NULL, NULL};

		jp.lenvar = 0;
		jp.wlost = 0;
		jp.merge23 = 0;
		jp.merge14 = 0;
		jp.wcont = 0;
		jp.head21 = 0;
		jp.join21 = 0;
		jp.droplex = 0;
		jp.wnomatch = 0;
		/* a lexicon that learned from sentence pairs: the check
		 * weighs it on reduced forms, against what it matched there
		 * (its items stay as written: the forms are put aside) */
		bool learned = lexicon &&
		               tm__judge_cal_shares(&jl, &al->judge_cal);
		if (learned) /* its shares, the language pair's rules */
			tm__judge_pair_rules(&jl, al->src_lang, al->tgt_lang);
		/* else the core lexicon (with tm_aligner_dict_add()'s pairs,
		 * not a dictd file's), against the shares measured for it
		 * (tm__judge_core_shares()) */
		bool core = !learned && use_core &&
		            tm__lexicon_count_core(&al->lexicon) &&
		            tm__judge_core_shares(&jl, al->src_lang,
		                                  al->tgt_lang);

		if (learned || core) {
			if (pre_red[0]) {
				S.red = pre_red[0];
				T.red = pre_red[1];
				pre_red[0] = pre_red[1] = NULL;
			}
			st = sides_reduce(al, &S, &T);
			if (st >= 0)
				st = tm__judge_lex_reduced(&jl, &rp, rk,
				                           &al->lexicon, &S, &T,
				                           core);
			red[0] = S.red;
			red[1] = T.red;
			S.red = T.red = NULL;
		}
		if (st >= 0)
			st = tm__align_judge(&judged, &S, &T, ratio, sigma, &jp,
			                     paragraphs, length_ratio, &jl);
		S.red = red[0];
		T.red = red[1];
		if (pre_red[0]) {
			S.red = pre_red[0];
			T.red = pre_red[1];
			pre_red[0] = pre_red[1] = NULL;
		}
		tm__free(rp);
		tm__free(rk[0]);
		tm__free(rk[1]);
	}
	if (st < 0)
		goto out;
	if (lexicon) {
		/* the alignment matches the lexicon (the dictionary and the
		 * learned pairs) on reduced forms, so that inflected forms
		 * meet */
		st = sides_reduce(al, &S, &T);
		/* and with learned pairs, a sentence whose words'
		 * translations the other document lacks is cheaper to leave
		 * alone (a dropped or added sentence), as one with numbers
		 * the other lacks */
		if (st >= 0 && (tm__lexicon_count(&al->lexicon, true) ||
		                (use_core && ap.lexcore > 0)))
			st = tm__lexicon_lost(&al->lexicon, &S, &T,
			                      (float)ap.wlex, (float)ap.lexcore,
			                      (float)ap.lexlost);
		npairs = 0;
		if (st >= 0)
			st = tm__lexicon_pairs(&pairs, &npairs, &al->lexicon, &S,
			                       &T, false, (float)ap.wlex,
			                       (float)ap.wcore);
		if (st < 0)
			goto out;
	}
	if (word_keys || lexicon) {
		/* the alignment weighs the loanwords' keys too (and the
		 * learned pairs) */
		S.with_wkeys = T.with_wkeys = word_keys;
		st = tm__sides_set_pairs(&S, &T, pairs, npairs);
		if (st < 0)
			goto out;
	}
	unrelated = judged.verdict == TM_ALIGN_NOT_TRANSLATION &&
	            (double)nsrc * (double)ntgt >= TM__ALIGN_UNRELATED_PAIRS;
	hint = tm__align_hint(&S, &T);
	{
		/* an unrelated pair: bounded work per row, one band */
		tm__align_params fp = ap;

		if (unrelated)
			fp.max_cells = 1;
		/* the first pass's links stay as found: they teach the
		 * second, which splits what it must */
		fp.head21 = 0;
		fp.join21 = 0;
		fp.droplex = 0;
		/* TM_ALIGN_STOP_UNRELATED: the verdict, no links */
		if (!unrelated || !(al->opts.flags & TM_ALIGN_STOP_UNRELATED))
			st = tm__align_dp(&links, &nlinks, &S, &T, 0, nsrc, 0,
			                  ntgt, ratio, sigma, &fp,
			                  unrelated ? TM__ALIGN_UNRELATED_BAND
			                            : al->opts.band,
			                  paragraphs, hint);
	}
	if (st < 0)
		goto out;
	if (!unrelated && !(al->opts.flags & TM_ALIGN_NO_REALIGN) && nsrc &&
	    ntgt) {
		size_t before = npairs;

		/* with the core lexicon, the story's pairs of frequent
		 * words (the, в), which meet in any two of its sentences,
		 * weigh nothing: they made a dropped sentence's link to an
		 * added one or to its neighbour's translation look shared
		 * (docs/alignment.md, "Dropped sentences linked 1-1") */
		st = learn_pairs(&pairs, &npairs, &S, &T, links, nlinks, &ratio,
		                 &sigma, al->params.lenvar,
		                 use_core ? ap.chance_core
		                          : TM__ALIGN_LEARN_CHANCE);
		if (st < 0)
			goto out;
		if (npairs > before) {
			st = tm__sides_set_pairs(&S, &T, pairs, npairs);
			if (st < 0)
				goto out;
		}
		/* the second pass and the moves split a dropped sentence off
		 * the merge that took it, on the core lexicon's evidence */
		if (use_core && lexicon) {
			st = tm__split_ev_new(&S.split_ev, &al->lexicon, &S, &T);
			if (st < 0)
				goto out;
		}
		/* the second pass runs in a narrow band around the first path */
		if (!hint && nsrc >= 200 && ntgt >= 200)
			hint = tm__malloc((nsrc + 1) * sizeof(*hint));
		if (hint) {
			for (size_t k = 0; k < nlinks; k++) {
				const tm__plink *l = &links[k];

				for (size_t i = l->vi; i <= l->vi + l->a; i++)
					hint[i] = l->vj + (i > l->vi ? l->b : 0);
			}
			hint[nsrc] = ntgt;
		}
		tm__free(links);
		links = NULL;
		nlinks = 0;
		st = tm__align_dp(&links, &nlinks, &S, &T, 0, nsrc, 0, ntgt,
		                  ratio, sigma, &ap,
		                  al->opts.band ? al->opts.band : hint ? 12 : 0,
		                  paragraphs, hint);
		if (st < 0)
			goto out;
	}
	if (!unrelated && !(al->opts.flags & TM_ALIGN_NO_MOVES)) {
		bool moved = false;

		if (paragraphs) {
			st = para_moves(&links, &nlinks, &S, &T, ratio, sigma,
			                &ap, &moved);
			if (st < 0)
				goto out;
		}
		if (!moved)
			st = find_moves(&links, &nlinks, &S, &T, ratio, sigma,
			                &ap, paragraphs);
		if (st < 0)
			goto out;
	}
	if (!unrelated) {
		st = tm__align_split_dropped(&links, &nlinks, &S, &T, ratio,
		                             sigma, &ap, paragraphs);
		if (st < 0)
			goto out;
	}
	r = tm__calloc(1, sizeof(*r));
	if (!r || !(r->links = tm__calloc(nlinks ? nlinks : 1, sizeof(*r->links)))) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t k = 0; k < nlinks; k++) {
		tm_align_link *l = &r->links[k];

		l->src = links[k].s;
		l->nsrc = links[k].a;
		l->tgt = links[k].t;
		l->ntgt = links[k].b;
		l->cost = links[k].cost;
		l->confidence = link_confidence(&links[k]);
		/* with an empty other side, a 1-0 link cannot be wrong */
		if (!nsrc || !ntgt)
			l->confidence = 1.0;
	}
	r->n = nlinks;
	r->judged = judged;
	r->score = judged.score;
	/* a pair judged not a translation has no link worth storing: its
	 * links keep their order but not their confidence */
	if (judged.verdict == TM_ALIGN_NOT_TRANSLATION)
		for (size_t k = 0; k < nlinks; k++)
			if (r->links[k].confidence > judged.score)
				r->links[k].confidence = judged.score;
	*out = r;
	r = NULL;
	st = TM_OK;
out:
	tm_align_result_free(r);
	tm__free(hint);
	tm__free(links);
	tm__free(pairs);
	tm__free(known_s);
	tm__free(known_t);
	tm__free(pre_red[0]);
	tm__free(pre_red[1]);
	tm__split_ev_free(S.split_ev);
	S.split_ev = NULL;
	tm__side_dispose(&S);
	tm__side_dispose(&T);
	return st;
}

tm_status
tm__align_result_new(tm_align_result **out, tm_align_link *links, size_t n,
                     const tm_align_result *from)
{
	tm_align_result *r = tm__calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return tm__error_oom();
	r->links = links;
	r->n = n;
	r->score = from->score;
	r->judged = from->judged;
	*out = r;
	return TM_OK;
}

void
tm__align_result_judge_as(tm_align_result *r, const tm_align_result *from)
{
	r->judged = from->judged;
	r->score = from->score;
}

size_t
tm_align_result_count(const tm_align_result *r)
{
	return r ? r->n : 0;
}

const tm_align_link *
tm_align_result_link(const tm_align_result *r, size_t i)
{
	return r && i < r->n ? &r->links[i] : NULL;
}

double
tm_align_result_score(const tm_align_result *r)
{
	return r ? r->score : 0;
}

tm_align_verdict
tm_align_result_verdict(const tm_align_result *r)
{
	return r ? r->judged.verdict : TM_ALIGN_UNSURE;
}

void
tm_align_result_free(tm_align_result *r)
{
	if (!r)
		return;
	tm__free(r->links);
	tm__free(r);
}
