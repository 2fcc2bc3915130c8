/* SPDX-License-Identifier: MIT */
/* tm_align_run_apart(): sentences that have no counterpart (a translator's
 * note exists in the translation only, agencies end a story with marks of
 * their own) are taken out before the alignment and put back as 1-0/0-1
 * links. Left in, the programme linked them to whatever was left over on
 * the other side ((Прим. пер.: ...) to (END) at 0.73), and `tm align --db`
 * stored the pair. A wrapper around tm_align_run(), so that the programme
 * itself knows nothing of kinds. */
#include "align-private.h"

#include <stdlib.h>

/* The sentences of one side that are aligned, and where they came from. */
typedef struct kept {
	tm_align_sentence *s;
	size_t *orig; /* original index of each kept sentence */
	size_t n;
} kept;

static tm_status
keep(kept *k, const tm_align_sentence *v, size_t n, const unsigned char *apart)
{
	unsigned extra = 0; /* paragraph breaks added so far */

	k->n = 0;
	k->s = tm__malloc((n ? n : 1) * sizeof(*k->s));
	k->orig = tm__malloc((n ? n : 1) * sizeof(*k->orig));
	if (!k->s || !k->orig)
		return tm__error_oom();
	for (size_t i = 0; i < n; i++) {
		if (apart && apart[i]) {
			/* a break where it was: a merged link across it
			 * costs more (see tm_align_options' paragraphs) */
			if (k->n && i + 1 < n)
				extra++;
			continue;
		}
		k->s[k->n] = v[i];
		k->s[k->n].paragraph = v[i].paragraph + extra;
		k->orig[k->n++] = i;
	}
	return TM_OK;
}

/* The growing list of links in original indices. */
typedef struct out_links {
	tm_align_link *v;
	size_t n, cap;
	size_t next_s, next_t; /* first sentence of each side not yet linked */
} out_links;

static tm_status
push(out_links *o, size_t s, size_t ns, size_t t, size_t nt, double conf,
     double cost)
{
	if (!TM__ARRAY_GROW(o->v, o->cap, o->n + 1, 32))
		return tm__error_oom();
	o->v[o->n++] = (tm_align_link){ns ? s : o->next_s, ns,
	                               nt ? t : o->next_t, nt, conf, cost};
	if (ns)
		o->next_s = s + ns;
	if (nt)
		o->next_t = t + nt;
	return TM_OK;
}

/* The flagged sentences of one side before @upto not placed yet, as 1-0
 * (@src) or 0-1 links. *@low: every flagged sentence before it is
 * placed. Links need not come in target order (a moved paragraph comes
 * back where the source has it), so @upto may be below *@low: then there
 * is nothing to place. */
static tm_status
flush_apart(out_links *o, const unsigned char *apart, size_t *low,
            size_t upto, bool src)
{
	tm_status st = TM_OK;

	for (; st == TM_OK && *low < upto; (*low)++)
		if (apart && apart[*low])
			st = src ? push(o, *low, 1, 0, 0, 1.0, 0)
			         : push(o, 0, 0, *low, 1, 1.0, 0);
	return st;
}

/* Link @l of the kept sentences in original indices, after the flagged
 * sentences before it (*@ps, *@pt: see flush_apart()). Cut where a
 * flagged sentence lies inside it (the programme was told of a paragraph
 * break there, so this is rare): the first part keeps the link, at half
 * its confidence, the rest become 1-0/0-1 links of 0.3 with the flagged
 * sentences at their place. */
static tm_status
put_back(out_links *o, const tm_align_link *l, const kept *S, const kept *T,
         const unsigned char *sa, const unsigned char *ta, size_t *ps,
         size_t *pt)
{
	size_t s0 = l->nsrc ? S->orig[l->src] : 0, ns = 0;
	size_t t0 = l->ntgt ? T->orig[l->tgt] : 0, nt = 0;
	tm_status st = TM_OK;
	bool cut;

	if (l->nsrc)
		st = flush_apart(o, sa, ps, s0, true);
	if (st == TM_OK && l->ntgt)
		st = flush_apart(o, ta, pt, t0, false);
	while (ns < l->nsrc && S->orig[l->src + ns] == s0 + ns)
		ns++;
	while (nt < l->ntgt && T->orig[l->tgt + nt] == t0 + nt)
		nt++;
	cut = ns < l->nsrc || nt < l->ntgt;
	if (st == TM_OK)
		st = push(o, s0, ns, t0, nt,
		          cut ? l->confidence / 2 : l->confidence, l->cost);
	for (size_t k = ns; st == TM_OK && k < l->nsrc; k++) {
		size_t i = S->orig[l->src + k];

		st = flush_apart(o, sa, ps, i, true);
		if (st == TM_OK)
			st = push(o, i, 1, 0, 0, 0.3, l->cost);
	}
	for (size_t k = nt; st == TM_OK && k < l->ntgt; k++) {
		size_t j = T->orig[l->tgt + k];

		st = flush_apart(o, ta, pt, j, false);
		if (st == TM_OK)
			st = push(o, 0, 0, j, 1, 0.3, l->cost);
	}
	return st;
}

static bool
any(const unsigned char *apart, size_t n)
{
	for (size_t i = 0; apart && i < n; i++)
		if (apart[i])
			return true;
	return false;
}

tm_status
tm_align_run_apart(tm_align_result **out, tm_aligner *al,
                   const tm_align_sentence *src, size_t nsrc,
                   const unsigned char *src_apart,
                   const tm_align_sentence *tgt, size_t ntgt,
                   const unsigned char *tgt_apart)
{
	kept S = {0}, T = {0};
	out_links o = {0};
	tm_align_result *r = NULL;
	size_t ps = 0, pt = 0;
	tm_status st;

	if (!out)
		return tm__error_set(TM_EINVAL, "align: NULL argument");
	*out = NULL;
	if (!any(src_apart, nsrc) && !any(tgt_apart, ntgt))
		return tm_align_run(out, al, src, nsrc, tgt, ntgt);
	if ((!src && nsrc) || (!tgt && ntgt))
		return tm__error_set(TM_EINVAL, "align: NULL sentences");
	st = keep(&S, src, nsrc, src_apart);
	if (st == TM_OK)
		st = keep(&T, tgt, ntgt, tgt_apart);
	if (st == TM_OK)
		st = tm_align_run(&r, al, S.s, S.n, T.s, T.n);
	for (size_t i = 0; st == TM_OK && i < tm_align_result_count(r); i++) {
		st = put_back(&o, tm_align_result_link(r, i), &S, &T,
		              src_apart, tgt_apart, &ps, &pt);
	}
	if (st == TM_OK)
		st = flush_apart(&o, src_apart, &ps, nsrc, true);
	if (st == TM_OK)
		st = flush_apart(&o, tgt_apart, &pt, ntgt, false);
	if (st == TM_OK)
		st = tm__align_result_new(out, o.v, o.n, r);
	if (st == TM_OK)
		o.v = NULL;
	tm_align_result_free(r);
	tm__free(o.v);
	tm__free(S.s);
	tm__free(S.orig);
	tm__free(T.s);
	tm__free(T.orig);
	return st;
}
