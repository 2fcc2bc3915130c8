/* SPDX-License-Identifier: MIT */
/* tm_align_run_apart(): sentences that have no counterpart (a translator's
 * note exists in the translation only, agencies end a story with marks of
 * their own) are taken out before the alignment and put back as 1-0/0-1
 * links. Left in, the programme linked them to whatever was left over on
 * the other side ((Прим. пер.: ...) to (END) at 0.73), and `tm align --db`
 * stored the pair. A wrapper around tm_align_run(), so that the programme
 * itself knows nothing of kinds.
 *
 * Wire-copy furniture (datelines, bylines, credits) is taken out the same
 * way, so that neither the programme nor the translation check sees it:
 * it anchored nothing on the samples (every other link the same with it
 * out, docs/alignment.md) and a byline is a name and an e-mail address,
 * no evidence of translation. But a story's dateline has a counterpart
 * (SEOUL, Nov. 26 (Yonhap) -- is the translation's СЕУЛ, 26 ноя — РИА
 * Новости.), so a flag of 2 or more names a class of furniture, and the
 * sentences of one class found between the same two links on both sides
 * are linked to each other by their place alone (pair_furniture()). */
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

/* ---- furniture linked by its place ------------------------------------ */

#define NONE ((size_t)-1)

/* A link of furniture has at most three sentences a side (four only in
 * a 1-4 link between languages of one script, tm_align_link): a longer
 * run of furniture stays alone. */
#define MAX_RUN 3

/* A run of furniture of one class on one side: consecutive sentences
 * between the same two links with both sides (@prev, @next: their
 * indices in the output, NONE at a document's edge). */
typedef struct run {
	unsigned char cls;
	size_t prev, next;
	size_t first, n;
	size_t pos;  /* output index of the first sentence's 1-0/0-1 link */
	bool twice;  /* another run of this side has the same key */
	size_t mate; /* index of the other side's run it is paired with */
} run;

static int
run_cmp(const void *a, const void *b)
{
	const run *x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->prev != y->prev)
		return x->prev < y->prev ? -1 : 1;
	if (x->next != y->next)
		return x->next < y->next ? -1 : 1;
	return 0;
}

/* Whether output link @k (NONE: none) has both sides. */
static bool
both(const out_links *o, size_t k)
{
	return k != NONE && o->v[k].nsrc && o->v[k].ntgt;
}

/* The runs of one side's furniture (flags of 2 or more) in the output
 * @o, sorted by key; @at: the output index of each sentence's link.
 * *@out NULL when there is none (tm__free() it). */
static tm_status
side_runs(run **out, size_t *nout, const out_links *o, const size_t *at,
          const unsigned char *apart, size_t n)
{
	run *v = NULL;
	size_t nv = 0, cap = 0, last = NONE;
	size_t *next = NULL;

	*out = NULL;
	*nout = 0;
	if (!apart)
		return TM_OK;
	next = tm__malloc((n ? n : 1) * sizeof(*next));
	if (!next)
		return tm__error_oom();
	/* the next link with both sides after each sentence */
	for (size_t i = n; i-- > 0;) {
		next[i] = last;
		if (both(o, at[i]) && !apart[i])
			last = at[i];
	}
	last = NONE;
	for (size_t i = 0; i < n; i++) {
		run *r = nv ? &v[nv - 1] : NULL;

		if (both(o, at[i]) && !apart[i])
			last = at[i];
		if (apart[i] < 2 || at[i] == NONE)
			continue;
		if (r && r->first + r->n == i && r->cls == apart[i] &&
		    r->prev == last && r->next == next[i]) {
			r->n++;
			continue;
		}
		if (!TM__ARRAY_GROW(v, cap, nv + 1, 8)) {
			tm__free(v);
			tm__free(next);
			return tm__error_oom();
		}
		v[nv++] = (run){apart[i], last, next[i], i, 1, at[i], false,
		                NONE};
	}
	tm__free(next);
	if (nv)
		qsort(v, nv, sizeof(*v), run_cmp);
	for (size_t k = 1; k < nv; k++)
		if (run_cmp(&v[k - 1], &v[k]) == 0)
			v[k - 1].twice = v[k].twice = true;
	*out = v;
	*nout = nv;
	return TM_OK;
}

/* Whether @apart flags furniture (2 or more) anywhere. */
static bool
classes(const unsigned char *apart, size_t n)
{
	for (size_t i = 0; apart && i < n; i++)
		if (apart[i] >= 2)
			return true;
	return false;
}

/* The output index of the link of each sentence of a side; NONE for a
 * sentence in no link (a pair the programme stopped on as unrelated
 * comes back without links). */
static size_t *
link_of(const out_links *o, size_t n, bool src)
{
	size_t *at = tm__malloc((n ? n : 1) * sizeof(*at));

	if (!at)
		return NULL;
	for (size_t i = 0; i < n; i++)
		at[i] = NONE;
	for (size_t k = 0; k < o->n; k++) {
		const tm_align_link *l = &o->v[k];
		size_t first = src ? l->src : l->tgt;
		size_t cnt = src ? l->nsrc : l->ntgt;

		for (size_t q = 0; q < cnt; q++)
			at[first + q] = k;
	}
	return at;
}

/* Whether a link between output indices @a and @b (both excluded) has
 * source sentences, other than the run's own (@a, @na links from @a):
 * the paired link may take the target's place only if none has. */
static bool
source_between(const out_links *o, size_t a, size_t na, size_t b)
{
	size_t lo = a < b ? a : b, hi = a < b ? b : a;

	for (size_t k = lo + 1; k < hi; k++)
		if (o->v[k].nsrc && (k < a || k >= a + na))
			return true;
	return false;
}

/* The output with the paired runs of @rs (mate set) in place of their
 * 1-0 and 0-1 links, into @v (o->n links at most); at the target's place
 * where @target allows it (source_between()). False when the links are
 * then out of source order (two runs crossing: the caller tries again
 * with every paired link at the source's place). */
static bool
rebuild(tm_align_link *v, size_t *nv, const out_links *o, const run *rs,
        size_t nrs, const run *rt, unsigned char *drop, size_t *place,
        bool target)
{
	size_t n = 0, next_src = 0;

	for (size_t k = 0; k < o->n; k++)
		place[k] = NONE;
	for (size_t k = 0; k < nrs; k++) {
		const run *a = &rs[k], *b;

		if (a->mate == NONE)
			continue;
		b = &rt[a->mate];
		place[target && !source_between(o, a->pos, a->n, b->pos)
		              ? b->pos
		              : a->pos] = k;
	}
	for (size_t k = 0; k < o->n; k++) {
		if (place[k] != NONE) {
			const run *a = &rs[place[k]], *b = &rt[a->mate];
			double c = 1.0;

			/* as sure as the links that enclose it */
			if (a->prev != NONE)
				c = o->v[a->prev].confidence;
			if (a->next != NONE && o->v[a->next].confidence < c)
				c = o->v[a->next].confidence;
			v[n++] = (tm_align_link){a->first, a->n, b->first,
			                         b->n, c, 0};
		}
		if (!drop[k])
			v[n++] = o->v[k];
	}
	for (size_t k = 0; k < n; k++) {
		if (!v[k].nsrc)
			continue;
		if (v[k].src != next_src)
			return false;
		next_src += v[k].nsrc;
	}
	*nv = n;
	return true;
}

/* Link the runs of furniture that match: the same class between the same
 * two links with both sides, and no other run of that key on either side
 * (which one goes with which would be a guess), at most MAX_RUN
 * sentences a side. The paired link is as
 * sure as the links that enclose it (the lower of their confidences);
 * furniture with no such link on either side stays alone. It takes the
 * place of the target's 0-1 links when that keeps the source order (the
 * target order then holds where it held), else of the source's 1-0. */
static tm_status
pair_furniture(out_links *o, const unsigned char *sa, size_t ns,
               const unsigned char *ta, size_t nt)
{
	size_t *as = NULL, *at = NULL, *place = NULL, nrs = 0, nrt = 0;
	size_t npaired = 0, nv = 0;
	run *rs = NULL, *rt = NULL;
	tm_align_link *v = NULL;
	unsigned char *drop = NULL;
	tm_status st = TM_OK;

	if (!o->n || (!classes(sa, ns) && !classes(ta, nt)))
		return TM_OK;
	as = link_of(o, ns, true);
	at = link_of(o, nt, false);
	if (!as || !at)
		st = tm__error_oom();
	if (st == TM_OK)
		st = side_runs(&rs, &nrs, o, as, sa, ns);
	if (st == TM_OK)
		st = side_runs(&rt, &nrt, o, at, ta, nt);
	for (size_t k = 0, q = 0; st == TM_OK && k < nrs; k++) {
		while (q < nrt && run_cmp(&rt[q], &rs[k]) < 0)
			q++;
		if (q == nrt || run_cmp(&rt[q], &rs[k]) != 0 || rs[k].twice ||
		    rt[q].twice || (rs[k].prev == NONE && rs[k].next == NONE) ||
		    rs[k].n > MAX_RUN || rt[q].n > MAX_RUN)
			continue;
		rs[k].mate = q;
		npaired++;
	}
	if (st != TM_OK || !npaired)
		goto out;
	v = tm__malloc(o->n * sizeof(*v));
	drop = tm__calloc(o->n, 1);
	place = tm__malloc(o->n * sizeof(*place));
	if (!v || !drop || !place) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t k = 0; k < nrs; k++) {
		const run *a = &rs[k], *b;

		if (a->mate == NONE)
			continue;
		b = &rt[a->mate];
		for (size_t q = 0; q < a->n; q++)
			drop[as[a->first + q]] = 1;
		for (size_t q = 0; q < b->n; q++)
			drop[at[b->first + q]] = 1;
	}
	if (!rebuild(v, &nv, o, rs, nrs, rt, drop, place, true))
		(void)rebuild(v, &nv, o, rs, nrs, rt, drop, place, false);
	tm__free(o->v);
	o->v = v;
	o->n = o->cap = nv;
	v = NULL;
out:
	tm__free(v);
	tm__free(drop);
	tm__free(place);
	tm__free(rs);
	tm__free(rt);
	tm__free(as);
	tm__free(at);
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
		st = pair_furniture(&o, src_apart, nsrc, tgt_apart, ntgt);
	/* a pair judged not a translation has every link's confidence
	 * capped at its score (tm_align_run()): the ones put back too */
	if (st == TM_OK &&
	    tm_align_result_verdict(r) == TM_ALIGN_NOT_TRANSLATION) {
		for (size_t i = 0; i < o.n; i++)
			if (o.v[i].confidence > tm_align_result_score(r))
				o.v[i].confidence = tm_align_result_score(r);
	}
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
