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
	/* with learned lexicon pairs: a sentence's words whose translations
	 * the other document lacks count as lost weight (as wlost's
	 * numbers), this much a unit of their pair weight */
	double lexlost;
	double wlex;    /* weight of a learned lexicon pair (times its own) */
	/* the built-in core lexicon (align-core.c): a pair's item weighs
	 * wcore times a dictionary pair's (tm__given_weight()), and a word
	 * whose listed translations the other document lacks counts as
	 * lost weight of lexcore (times lexlost, as a learned pair's
	 * weight; 0: a core word never counts as lost) */
	double wcore;
	double lexcore;
	/* a 2-1 link of the story's first two sentences (a headline and its
	 * lead) whose sources are longer than its target by more than this
	 * (log of the ratio-scaled lengths, smoothed as the length term
	 * smooths them) is split into a 1-0 and a 1-1: the translation left
	 * one of them out (0: never) */
	double head21;
	/* a 1-1 link next to a 1-0 of the same paragraph whose target is
	 * longer than its source by more than this (log, smoothed) and
	 * nearer the length of both is joined into a 2-1 when that costs at
	 * most TM__ALIGN_JOIN_MARGIN more: a merge the programme broke (0:
	 * never) */
	double join21;
	/* a merged link costs this much less for each of its sentences that
	 * ends on a comma, semicolon, colon or dash and goes on into the
	 * next (tm__side.cont) */
	double wcont;
	/* a sentence at an end of a merged link whose words the core
	 * lexicon lists go untranslated by the link's target is split off
	 * as a 1-0 (align-split.c) when the split costs less than the merge
	 * plus droplex times the log-odds of the words' evidence plus
	 * droplen times the length term's gain (0: never) */
	double droplex;
	double droplen;
	double dropmargin;
	/* a 1-1 link next to a source sentence left alone (a 1-0) gives
	 * its target to that sentence when the link's own sentence has two
	 * listed words or more, none translated, and the shift costs less
	 * than shiftmargin after droplex times the two sentences' evidence
	 * (align.c, shift_dropped()) */
	double shiftmargin;
	double lenvar;  /* the length term grows with the link's length to
	                   this power (0: a log ratio of constant spread) */
	/* a 2-3 or 3-2 link (0: none): between languages of one script
	 * only (tm_align_run()), and only where its best split into a 1-1
	 * and a 1-2 or 2-1 link costs at least split23 more */
	double merge23;
	double split23;
	/* a link whose sides have on average nomatch_min words of the
	 * core lexicon or more (tm__side.known and lost_core: words whose
	 * partner the other document has, and words whose partners it
	 * lacks) and whose sentences share no core pair, no number and no
	 * name costs wnomatch for each such word from the nomatch_min-th to
	 * the nomatch_max-th: a translation's sentence matches most of the
	 * words the core lexicon knows (0.6 of them, docs/alignment.md,
	 * "Lexicon"), a dropped sentence linked to an added one or to its
	 * neighbour's translation none (0: off; the split a 2-2 or 2-3 link
	 * is weighed against is scored without it) */
	double wnomatch;
	double nomatch_min;
	double nomatch_max;
	/* with the core lexicon, the share of a story's learned word pair's
	 * co-occurrences that chance explains taken off its weight (else
	 * TM__ALIGN_LEARN_CHANCE): see tm__align_pair_weight() */
	double chance_core;
	/* a 1-4 or 4-1 link (0: none), between languages of one script
	 * only: a sentence the other side's segmentation cut in four
	 * (French cut at its semicolons, a German list sentence) */
	double merge14;
	/* the band stops widening past this many cells (0: the default,
	 * TM__ALIGN_MAX_CELLS); 1 keeps the first band, whatever it finds */
	double max_cells;
	/* defr2: a story aligned alone first learns word pairs from its own
	 * confident links as a batch does, then is aligned again with them
	 * (non-zero: on; align-self.c, set by tm__core_params()) */
	double selflearn;
} tm__align_params;

/* How much more than the programme's 1-1 and 1-0 a 2-1 may cost and
 * still be joined (join21). */
#define TM__ALIGN_JOIN_MARGIN 1.0

/* The most sentences a side of one link (a 1-4 or 4-1: merge14). */
#define TM__ALIGN_MAX_SPAN 4

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
 * in @c: their Dice coefficient, less @chance times it in the share of @c
 * that chance explains (ns·nt/links), at least 0. Frequent words
 * (articles, prepositions) co-occur in a short document's every link and
 * weigh little: nothing with @chance 1. */
double tm__align_pair_weight(unsigned c, unsigned ns, unsigned nt,
                             size_t links, double chance);

/* The @chance of tm__align_pair_weight() for the second pass's pairs
 * without a core lexicon, and for a lexicon learned by the second pass's
 * weight (tm__lex_params.kappa false). */
#define TM__ALIGN_LEARN_CHANCE 0.5

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

/* Split a dropped sentence off the merged links among @links[0..*@n)
 * (document indices; grown as needed) of the documents @S and @T, on
 * what the core lexicon says of its words (@S->split_ev; nothing to do
 * without it or with droplex 0), the length term of @ratio and @sigma and
 * the costs @p: the 1-0 link and the rest of the merge take its place. */
tm_status tm__align_split_dropped(tm__plink **links, size_t *n,
                                  const tm__side *S, const tm__side *T,
                                  double ratio, double sigma,
                                  const tm__align_params *p, bool paragraphs);

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
	/* a lexicon on reduced forms (calibrated: tm__judge_cal): red[x]
	 * maps side x's lexicon ids to its reduced ids (NULL: the ids above
	 * are lexicon ids, as written); pairs are then unused and known[x]
	 * only holds form[x] and fhit[x] below, and share[x] and chance[x]
	 * are the shares of side x's known words that a translation's
	 * sentence and another sentence pair match
	 * (tm__judge_cal_shares()) */
	const uint32_t *red[2];
	/* with red[x]: per reduced id the lexicon's form it stands for (+ 1,
	 * 0 none: a form with an entry, or a Korean word's stem), and per
	 * form (nform[x] of them) whether a partner is in the other
	 * document */
	const uint32_t *form[2];
	const uint8_t *fhit[2];
	size_t nform[2];
	double share[2], chance[2];
	/* with red[x]: the words the lexicon must know of each side for its
	 * evidence against the pair, and when not one of them matched, of
	 * the side knowing fewer (0: JL_RED_KNOWN, JL_RED_KNOWN_FEW) */
	unsigned known_min, known_few;
	/* with red[x]: > 0, a translation's share varies from document to
	 * document as a beta distribution of this many prior observations
	 * around share[x] (beta-binomial), not as a fixed share (0) */
	double spread;
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

/* ---- the lexicon (align-lex.c) ----------------------------------------- */

typedef struct tm__stems tm__stems;
typedef struct tm__stemmer tm__stemmer;
typedef struct tm__core_table tm__core_table;

/* How one language's words are reduced so that inflection meets: its
 * Snowball stemmer, or for Korean the particle stripped. */
typedef struct tm__reducer {
	tm__stemmer *st; /* borrowed from the aligner's tm__stems; NULL: none */
	bool korean;
	/* Korean only (NULL: none): the core lexicon whose column
	 * prefix_col (0 source, 1 target) lists Korean word starts (`발표`,
	 * `정부`); a word that starts with one of two syllables or more
	 * reduces to the longest such start (`발표했다`, `발표하고`: `발표`;
	 * `결과를`: `결과`) instead of losing its particle */
	const tm__core_table *prefixes;
	int prefix_col;
} tm__reducer;

tm_status tm__reducer_init(tm__reducer *r, tm__stems *stems,
                           const char *lang);

/* The number of Hangul syllables (U+AC00-U+D7A3, three bytes each) @w
 * of @len bytes starts with. */
size_t tm__hangul_lead(const char *w, size_t len);

/* The reduced form of the folded word @w into @out (NUL-terminated, at
 * most @cap - 1 bytes); its length, 0 on failure. */
size_t tm__reduce(tm__reducer *r, const char *w, size_t len, char *out,
                  size_t cap);

/* Give @s its reduced forms (red, rlex); TM_ENOMEM. */
tm_status tm__side_reduce(tm__side *s, tm__reducer *r);

/* A word pair of the lexicon, by the lexicon's form ids. */
typedef struct tm__lexent {
	uint32_t s, t;
	float w;
	uint8_t given; /* a dictionary's (weight 1) rather than learned */
	uint8_t core;  /* the built-in core lexicon has it (align-core.c) */
	uint8_t dict;  /* a dictionary has it (tm_aligner_dict_add()) */
	/* the translation check weighs it with the core lexicon's (a core
	 * pair, or tm_aligner_dict_add()'s; not a dictd file's) */
	uint8_t judge;
} tm__lexent;

/* What a pair added by tm__lexicon_add() is: learned (with its weight),
 * given (a dictionary's: tm_aligner_dict_add(), --dict), or given by the
 * built-in core lexicon. */
#define TM__LEX_LEARNED 0
#define TM__LEX_GIVEN 1
#define TM__LEX_CORE 2
/* given by a dictionary for the alignment only (dictd: its function
 * words meet in any two stories) */
#define TM__LEX_GIVEN_ALIGNING 3

/* Word pairs on reduced forms: given (tm_aligner_dict_add()) and learned
 * (tm_aligner_learn()). */
typedef struct tm__lexicon {
	tm__lex src, tgt; /* reduced forms */
	char **surf_s, **surf_t; /* per form: a surface form (written out) */
	size_t nsurf_s, nsurf_t;
	tm__lexent *e;
	size_t n, cap;
	size_t *first; /* per source form: its entries [first[s], first[s+1]) */
	bool indexed;
} tm__lexicon;

/* How tm__lexicon_learn() weighs and keeps pairs. */
typedef struct tm__lex_params {
	unsigned min_count;    /* a form, and a pair, seen at least this often */
	double min_weight;     /* pairs weighing less are dropped */
	unsigned max_per_word; /* a form keeps its best this many partners */
	bool kappa;            /* chance-corrected agreement, else the second
	                          pass's weight (tm__align_pair_weight) */
} tm__lex_params;

void tm__lexicon_dispose(tm__lexicon *L);
/* Add the pair @src, @tgt (folded words) as a @kind (TM__LEX_*) entry of
 * weight @w, on the forms @rs and @rt reduce them to; TM_ENOMEM. */
tm_status tm__lexicon_add(tm__lexicon *L, tm__reducer *rs, tm__reducer *rt,
                          const char *src, size_t sl, const char *tgt,
                          size_t tl, float w, int kind);
/* Entries given by a dictionary (@learned false; not the core lexicon's)
 * or learned. */
size_t tm__lexicon_count(const tm__lexicon *L, bool learned);
/* Entries of the built-in core lexicon. */
size_t tm__lexicon_count_core(const tm__lexicon *L);
/* The lexicon's pairs whose two forms occur in the sides (reduced), by
 * the sides' reduced ids, appended to *@pairs: given ones weigh
 * tm__given_weight() of their forms in the documents (the core
 * lexicon's times @wcore), learned ones their weight times @wlearned;
 * @given_only leaves the learned out. */
/* Whether @path names a dictionary in dictd's format (FreeDict): it ends
 * in .index, .dict.dz or .dict. */
bool tm__dictd_path(const char *path);
/* Load the one-word entries of the dictd dictionary @path (its .index,
 * and beside it its .dict.dz or .dict) into @al with tm_aligner_dict_add();
 * its headwords are the source unless the file name names the pair the
 * other way round (freedict-fra-deu for @src_lang de, @tgt_lang fr).
 * @out_count receives the pairs added. TM_ENOTFOUND (a file missing),
 * TM_EPARSE (an index line or an entry's place; the message names the
 * file and line), TM_EINVAL (the name names another language pair),
 * TM_EIO, TM_ENOMEM. libtm/align-dictd.c. */
tm_status tm__dictd_load(size_t *out_count, tm_aligner *al, const char *path,
                         const char *src_lang, const char *tgt_lang);
/* Makes @al leave a lone sentence next to a 1-1 link alone instead of
 * joining the two into a 2-1 on length (join21 off): for tm check, whose
 * job is to report the sentence a translation left out, a join on length
 * alone would hide it (en-ko missing-sentence recall 78% to 76%). */
void tm__aligner_keep_lone(tm_aligner *al);
/* The costs @al aligns with (its own copy of tm__align_default_params),
 * for the white-box tests that set one by hand; owned by @al. */
tm__align_params *tm__aligner_params(tm_aligner *al);
/* tm_aligner_dict_add() for the alignment only: the pair is not told to
 * the translation check (tm__dictd_load(): a general dictionary's
 * function words, und/et, match in another story as in a translation). */
tm_status tm__aligner_dict_add_aligning(tm_aligner *al, const char *src,
                                        const char *tgt);
/* Weight of a given (dictionary) pair in a document pair: how rare its
 * words are there, ln(1 + 1/f) / ln(1 + n), f the larger of the shares of
 * sentences holding the source form (@dfs of @ns) and the target form
 * (@dft of @nt), n the longer side's sentences. 1 for a pair of words
 * found once; a pair of words in every sentence (und/et) weighs
 * ln 2 / ln(1 + n), which at weight 1 rewarded any merged link (more
 * sentences, more chance to hold it). */
float tm__given_weight(size_t dfs, size_t ns, size_t dft, size_t nt);
tm_status tm__lexicon_pairs(tm__wpair **pairs, size_t *npairs,
                            tm__lexicon *L, const tm__side *S,
                            const tm__side *T, bool given_only,
                            float wlearned, float wcore);
/* Give each sentence of @S and @T its lost lexical weight (lost_lex):
 * @scale times the weight of its words whose lexicon partners (learned
 * ones weighted as by tm__lexicon_pairs(), the core lexicon's @wcore; a
 * dictionary's pair weighs nothing here, but a given partner present
 * keeps the word from counting) occur nowhere in the other document, as
 * a dropped sentence's words. Call before tm__sides_set_pairs(). */
tm_status tm__lexicon_lost(tm__lexicon *L, tm__side *S, tm__side *T,
                           float wlearned, float wcore, float scale);

/* ---- the built-in core lexicon (align-core.c, data/lexicon-*.tsv) ------ */

/* One pair of a core lexicon: the offsets of its words in the table's
 * text, reduced as tm__reduce() reduces a document's (data/gen-lexicon.py:
 * folded, Snowball stems; Korean word starts as written). */
typedef struct tm__core_pair {
	uint32_t src, tgt;
} tm__core_pair;

/* The pairs of one language pair, sorted by source form (byte order),
 * by_tgt their indices sorted by target form; text holds the words,
 * NUL-terminated. */
struct tm__core_table {
	const char *src, *tgt; /* "en", "ko" */
	const char *text;
	const tm__core_pair *pairs;
	const uint32_t *by_tgt;
	size_t n;
};

extern const tm__core_table tm__core_tables[];
extern const size_t tm__core_table_count;

/* The core lexicon of @src_lang to @tgt_lang (by primary subtag), written
 * either way round (@reversed: the table's target is our source). */
typedef struct tm__core_ref {
	const tm__core_table *t; /* NULL: none (yet) */
	bool reversed;
	/* through English (ko-ru): the two tables from English, the table
	 * of their pairs built on first use (tm__core_pivot()), owned */
	const tm__core_table *via[2];
	tm__core_table *built;
} tm__core_ref;
/* Find it into @out; false when the pair has none (en-de). No
 * allocation: a pair through English has its table built by
 * tm__core_pivot(). */
bool tm__core_find(tm__core_ref *out, const char *src_lang,
                   const char *tgt_lang);
/* Build the table of a pair through English (@ref->via) into @ref->t,
 * once; TM_OK at once for a pair with its own table. TM_ENOMEM. */
tm_status tm__core_pivot(tm__core_ref *ref);
/* Free what tm__core_pivot() built. */
void tm__core_dispose(tm__core_ref *ref);
/* Let @r, the reducer of side @side (0 source, 1 target) of the pair whose
 * core lexicon @core has its table (@core->t), reduce a Korean word to
 * the longest start that table lists (tm__reducer.prefixes); nothing for
 * another language. */
void tm__reducer_use_core(tm__reducer *r, const tm__core_ref *core,
                          int side);
/* Whether column @col (0 source, 1 target) of @t holds the form @w. */
bool tm__core_has(const tm__core_table *t, int col, const char *w,
                  size_t len);
/* The positions [*@lo, *@hi) of column @col's order that hold the form @w
 * (@len bytes), and the form the other column pairs with the @k-th of
 * them (owned by the table): the translations the table lists for one
 * word (tm check's loose pair, check-words.c). */
void tm__core_range(const tm__core_table *t, int col, const char *w,
                    size_t len, size_t *lo, size_t *hi);
const char *tm__core_partner(const tm__core_table *t, int col, size_t k);
/* Add to @L, as TM__LEX_CORE entries, the pairs of @ref with a form of
 * @rlex (reduced forms of a document, or of sentences learned from) on
 * the aligner's side @side (0 source, 1 target) that are not in it yet
 * (@loaded, one flag a pair of the table, set here): the lexicon holds
 * the pairs of the words it has met, not the whole table. TM_ENOMEM. */
tm_status tm__core_load_forms(tm__lexicon *L, uint8_t *loaded,
                              const tm__core_ref *ref, const tm__lex *rlex,
                              int side);
/* The costs @ap of a document pair of languages @src_lang and @tgt_lang
 * aligned with the core lexicon, set for the pair where the ones tuned on
 * en-ko and en-ru news cost there (de-fr: docs/alignment.md, "de-fr core
 * lexicon"); nothing else is changed. */
void tm__core_params(tm__align_params *ap, const char *src_lang,
                     const char *tgt_lang);
/* ---- a story alone learning from itself (align-self.c, defr2) -------- */

/* tm_align_run() as it aligns a story once, with the lexicon as it is
 * (align.c); tm_align_run() (align-self.c) calls it once or twice. */
tm_status tm__align_run_once(tm_align_result **out, tm_aligner *al,
                             const tm_align_sentence *src, size_t nsrc,
                             const tm_align_sentence *tgt, size_t ntgt);
/* Whether @al aligns a story of @nsrc and @ntgt sentences twice, learning
 * word pairs from the first alignment's links: its pair's costs ask for it
 * (tm__core_params(): de-fr), it has the core lexicon, no learned pairs
 * (a batch's, a TM's) and no dictionary, it realigns, and the story is
 * short enough for the core lexicon (align.c). */
bool tm__aligner_self_learns(const tm_aligner *al, size_t nsrc, size_t ntgt);
/* Learn word pairs into @al's lexicon from @n sentence pairs as
 * tm_aligner_learn() does, but from pairs seen in @min_count sentence
 * pairs or more, and without calibrating the translation check on them;
 * @out_added receives how many. TM_ENOMEM. (align.c) */
tm_status tm__aligner_learn_story(size_t *out_added, tm_aligner *al,
                                  const tm_align_sentence *src,
                                  const tm_align_sentence *tgt, size_t n,
                                  unsigned min_count);
/* Drop the learned entries of @al's lexicon (what
 * tm__aligner_learn_story() added, when it had none before): its given and
 * core entries stay as they were (align.c). */
void tm__aligner_forget_learned(tm_aligner *al);
/* Give @r the translation check's verdict and score of @from (align.c). */
void tm__align_result_judge_as(tm_align_result *r,
                               const tm_align_result *from);

/* tm__lexicon_add() of forms already reduced (the core's). */
tm_status tm__lexicon_add_reduced(tm__lexicon *L, const char *fs, size_t fsl,
                                  const char *ft, size_t ftl, float w,
                                  int kind);
/* Learn pairs from @n sentence pairs (src[k] translates tgt[k]) into @L;
 * *@out_added: how many. */
tm_status tm__lexicon_learn(size_t *out_added, tm__lexicon *L,
                            tm__reducer *rs, tm__reducer *rt,
                            const tm_align_sentence *src,
                            const tm_align_sentence *tgt, size_t n,
                            const tm__lex_params *lp);
/* Association of two forms seen in @ns and @nt of @n sentence pairs, @c
 * of them together. */
double tm__lex_weight(unsigned c, unsigned ns, unsigned nt, size_t n,
                      bool kappa);
int tm__lexent_weight_cmp(const void *a, const void *b);
/* Write the entries (given, and learned of at least @min_weight) in
 * hunalign's format, `target @ source`, a surface form of each. */
tm_status tm__lexicon_write(size_t *out_count, tm__lexicon *L,
                            const char *path, double min_weight);

/* Counts of word pairs (a hash table). */
typedef struct tm__pair_tab {
	uint64_t *keys; /* (src << 32 | tgt) + 1, 0 = empty */
	uint32_t *counts;
	size_t cap, n;
} tm__pair_tab;

bool tm__pair_tab_add(tm__pair_tab *t, uint64_t key);

/* What a lexicon matches on the sentence pairs it was learned from, for
 * the translation check (align-judge.c): per side, the words of a
 * sentence it has an entry for (known), counted once a sentence, those
 * whose partner the paired sentence has (hit), and those whose partner
 * another pair's sentence has (chance). Sums over every call of
 * tm__judge_calibrate(). */
typedef struct tm__judge_cal {
	double known[2], hit[2], chance[2];
} tm__judge_cal;

/* Add to @cal what @L (its entries now) matches on the @n sentence pairs
 * src[k], tgt[k], their words reduced by @rs and @rt; TM_ENOMEM. */
tm_status tm__judge_calibrate(tm__judge_cal *cal, const tm__lexicon *L,
                              tm__reducer *rs, tm__reducer *rt,
                              const tm_align_sentence *src,
                              const tm_align_sentence *tgt, size_t n);
/* The shares of @cal in @lex (share, chance); false when @cal has too
 * few known words to estimate them (the check then keeps the lexicon's
 * reduced forms out). */
bool tm__judge_cal_shares(tm__judge_lex *lex, const tm__judge_cal *cal);
/* Point @lex at the lexicon @L (with @core_only, the entries weighed with
 * the core lexicon's: tm__lexent.judge) on
 * the reduced forms of @S and @T (both
 * reduced: tm__side_reduce()): the forms it knows and whether their
 * partners are in the other document (lex->form, lex->fhit), allocated
 * into *@known (*@pairs is set to NULL; free all three with tm__free(),
 * also on failure); TM_ENOMEM. */
tm_status tm__judge_lex_reduced(tm__judge_lex *lex, tm__wpair **pairs,
                                uint8_t **known, tm__lexicon *L,
                                const tm__side *S, const tm__side *T,
                                bool core_only);
/* The shares of the built-in core lexicon of @src_lang to @tgt_lang in
 * @lex (share, chance: as tm__judge_cal_shares() sets them, measured
 * once on true pairs of news documents, docs/alignment.md); false when
 * none were measured for the pair (the check then leaves the core
 * lexicon out). */
bool tm__judge_core_shares(tm__judge_lex *lex, const char *src_lang,
                           const char *tgt_lang);
/* The rules of the language pair @src_lang to @tgt_lang in @lex, whatever
 * lexicon it weighs (the core lexicon's or a learned one, whose shares
 * are its own): the words its evidence against a pair needs (known_min,
 * known_few) and the spread of a translation's share (spread), as
 * measured for the core lexicon; left as they are for a pair without
 * them. How a translation's share varies and how many words a free
 * translation leaves unmatched are the language pair's, not the
 * lexicon's. */
void tm__judge_pair_rules(tm__judge_lex *lex, const char *src_lang,
                          const char *tgt_lang);

/* ---- a dropped sentence split off a merge (align-split.c) -------------- */

/* What the core lexicon says of the words of a source document's
 * sentences and their translations in the target document. */
typedef struct tm__split_ev tm__split_ev;

/* Build it into *@out for @S and @T, both reduced (tm__side_reduce()),
 * from the core pairs of @L; *@out stays NULL when there is nothing to
 * weigh (no reduced forms, an empty lexicon). Free with
 * tm__split_ev_free(). TM_ENOMEM. */
tm_status tm__split_ev_new(tm__split_ev **out, tm__lexicon *L,
                           const tm__side *S, const tm__side *T);
void tm__split_ev_free(tm__split_ev *ev);

/* Of the source sentence @k of a link of @a source sentences from @s and
 * @b target sentences from @t (document indices): its own listed words
 * (words the core lexicon lists that the link's other sentences do not
 * have) and how many of them have a translation in the link's target; its
 * own numbers (those the other sentences lack, found in the target
 * document) in the link's target and not. */
typedef struct tm__split_feat {
	unsigned own, own_hit;
	unsigned num_hit, num_miss;
} tm__split_feat;

void tm__split_feat_of(tm__split_feat *out, const tm__split_ev *ev,
                       const tm__side *S, const tm__side *T, size_t s,
                       unsigned a, size_t t, unsigned b, size_t k);

/* The log-odds that the sentence of @f was dropped rather than translated,
 * from its own listed words found and not found in the link's target. */
double tm__split_evidence(const tm__split_feat *f);

/* The log-odds that target sentence @k of @T was added by the translation
 * (a sentence of another story) rather than translated from the source
 * document: from its words the core lexicon lists whose partners the
 * source document lacks (tm__side.lost_core) and has (known). 0 without
 * them. */
double tm__added_evidence(const tm__side *T, size_t k);

#endif
