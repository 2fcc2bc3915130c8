/* SPDX-License-Identifier: MIT */
/* Internals of the aligner shared by align.c and its white-box tests. */
#ifndef TM_ALIGN_PRIVATE_H
#define TM_ALIGN_PRIVATE_H

#include "anchors-private.h"
#include "tm/align.h"

/* The costs of the programme. Tuned on the Bleualign de-fr dev set and
 * the samples (never on the test set); see docs/alignment.md. */
typedef struct tm__align_params {
	double del;     /* a 1-0 or 0-1 link */
	double merge2;  /* 2-1, 1-2 */
	double merge22; /* 2-2 */
	double merge3;  /* 3-1, 1-3 */
	double wmatch;  /* reward per unit of shared anchor weight */
	double wmiss;   /* cost per unit of unshared anchor weight */
	double sigma;   /* spread of the log length ratio, first pass */
	double para;    /* a merged link across a paragraph break */
	double pstart;  /* a link starting a paragraph on one side only */
	double split22; /* a 2-2 must beat its split into two 1-1 links by
	                   this much */
	double wlost;   /* a 1-0 or 0-1 link costs this much less per unit
	                   of its sentences' lost weight (numbers the other
	                   document lacks), down to 0 */
	double lenvar;  /* the length term grows with the link's length to
	                   this power (0: a log ratio of constant spread) */
	/* the band stops widening past this many cells (0: the default,
	 * TM__ALIGN_MAX_CELLS); 1 keeps the first band, whatever it finds */
	double max_cells;
} tm__align_params;

/* The cells a band may reach by widening (cost, pair, back-pointer: 9
 * bytes each). */
#define TM__ALIGN_MAX_CELLS 6e7

/* A pair judged not a translation with at least this many sentence pairs
 * (source sentences times target) is aligned in one pass of the first band
 * (TM__ALIGN_UNRELATED_BAND), without widening, the learned pass or moves:
 * its chance links drift off any band, which would widen to the cell cap
 * (an unrelated 95,000-sentence pair took 92 s and 658 MB). Smaller pairs
 * are aligned in full: it costs little. */
#define TM__ALIGN_UNRELATED_PAIRS 1e6
#define TM__ALIGN_UNRELATED_BAND 25

/* The keys of words other than names (loanwords: minister, министр,
 * 허리케인) are items of a cross-script pair of at most this many sentences
 * (both sides): they raise a news story's F1 (docs/alignment.md); a long
 * document's learned pairs do as well, and with the keys it took 1.6 times
 * the CPU (10,000 sentences en-ru: 0.51 s to 0.84 s, 68 to 74 MB). */
#define TM__ALIGN_WORDKEY_SENTENCES 5000

extern const tm__align_params tm__align_default_params;

/* The factor on the length term of a link whose mean length is @L source
 * characters in documents whose mean sentence length is @L0: (L/L0) to
 * the power @lenvar, smoothed, within [0.25, 4]; 1 when @lenvar is 0.
 * Gale and Church: the variance of a length difference grows with the
 * length, so the log ratio of two long sentences spreads less. */
double tm__align_len_factor(double lenvar, double L, double L0);

/* Weight of a word pair learned from @links confident 1-1 links where
 * the source word occurs in @ns of them, the target word in @nt and both
 * in @c: their Dice coefficient, less half of it in the share of @c that
 * chance explains (ns·nt/links). Frequent words (articles, prepositions)
 * co-occur in a short document's every link and weigh little. */
double tm__align_pair_weight(unsigned c, unsigned ns, unsigned nt,
                             size_t links);

/* Bead types, in the order the programme tries them. */
typedef struct tm__bead {
	unsigned char a, b;
} tm__bead;

/* A link found by the programme (document indices). */
typedef struct tm__plink {
	size_t s, t;
	unsigned char a, b;
	float cost;
	float m; /* anchor weight the two sides of the link share */
	size_t vi, vj; /* where it starts in the programme's view */
} tm__plink;

/* Align src[s0..s1) with tgt[t0..t1): the best monotone path. @ratio is
 * target characters per source character, @sigma the spread of the log
 * length ratio. Appends links to *@out (grown with realloc). @band 0 for
 * automatic. @hint, when not NULL, gives the column (relative to t0) the
 * band is centred on for each row 0..s1-s0. */
tm_status tm__align_dp(tm__plink **out, size_t *nout, const tm__side *S,
                       const tm__side *T, size_t s0, size_t s1, size_t t0,
                       size_t t1, double ratio, double sigma,
                       const tm__align_params *p, unsigned band,
                       bool paragraphs, const size_t *hint);

/* The programme over a view: @ns source sentences at document indices
 * sm[0..ns) (sm[ns] = where it ends), likewise the target (tmv may run
 * backwards: the translation check aligns a reversed target). */
tm_status tm__align_view(tm__plink **out, size_t *nout, const tm__side *S,
                         const tm__side *T, const size_t *sm, size_t ns,
                         const size_t *tmv, size_t nt, double ratio,
                         double sigma, const tm__align_params *p,
                         unsigned band, bool paragraphs, const size_t *hint);

/* The translation check (align-judge.c): the evidence that the two sides
 * translate each other, weighed before any word pair is learned. */
typedef struct tm__judgement {
	double score;        /* in [0,1]: tm_align_result_score() */
	tm_align_verdict verdict;
	size_t n;            /* sentences weighed (both sides) */
	double gain;         /* cost of the reversed target over the real one,
	                        per sentence */
	double cost;         /* cost of the real alignment per sentence */
	double matched;      /* anchor weight the real alignment shares */
	double evidence;     /* log-odds that the sides translate each other */
} tm__judgement;

/* Sentences of each side the translation check weighs. */
#define TM__JUDGE_WINDOW 150

/* What a dictionary tells the translation check: the word pairs found in
 * the two documents (@pairs, by lexicon ids) and, per lexicon id of each
 * side, whether the dictionary has an entry for the word (known[0] the
 * source's, known[1] the target's; NULL: no dictionary). A word it knows
 * whose partner the other side lacks counts against the pair; a source
 * of pairs (a learned lexicon) that marks the words it knows is weighed
 * the same way. */
typedef struct tm__judge_lex {
	const tm__wpair *pairs;
	size_t npairs;
	const uint8_t *known[2];
} tm__judge_lex;

/* @length_ratio: log of the documents' length ratio over the language
 * pair's (NAN when the pair's is not known); @lex may be NULL. */
tm_status tm__align_judge(tm__judgement *out, const tm__side *S,
                          const tm__side *T, double ratio, double sigma,
                          const tm__align_params *p, bool paragraphs,
                          double length_ratio, const tm__judge_lex *lex);

/* A band centre for the whole documents from items found exactly once on
 * each side (rare numbers, names): the longest chain of them in order,
 * interpolated. NULL when there are too few (caller falls back to the
 * length diagonal). Free with free(). */
size_t *tm__align_hint(const tm__side *S, const tm__side *T);

/* A result of @n links (taken: freed with it; NULL when @n is 0) with
 * the document score and the translation check's verdict of @from, for
 * align-apart.c. On failure @links is not taken. */
tm_status tm__align_result_new(tm_align_result **out, tm_align_link *links,
                               size_t n, const tm_align_result *from);

#endif
