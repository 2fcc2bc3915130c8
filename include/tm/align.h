/* SPDX-License-Identifier: MIT */
/**
 * @file align.h
 * Sentence alignment of a story and its translation.
 *
 * An aligner (::tm_aligner) holds the language pair, options, an optional
 * bilingual dictionary and the transliterators it opened; create one and
 * reuse it for many documents. tm_align_run() takes the sentences of both
 * sides (with paragraph numbers) and returns links: which source sentences
 * translate which target sentences (1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3,
 * 3-1; 2-3, 3-2, 1-4, 4-1 between languages of one script), each with a
 * calibrated confidence, and a whole-document score.
 *
 * The method (docs/alignment.md): a banded dynamic programme over link
 * types whose cost combines sentence lengths (ratio and variance estimated
 * from the pair itself) with anchors a translation keeps (numbers as
 * values, names across scripts, punctuation, dictionary words); a second
 * pass learns word pairs from the confident links of the first; blocks left
 * unmatched on both sides (moved paragraphs) are aligned to each other.
 */
#ifndef TM_ALIGN_H
#define TM_ALIGN_H

#include "tm/common.h"

TM_BEGIN_DECLS

typedef struct tm_aligner tm_aligner;
typedef struct tm_align_result tm_align_result;

/** One sentence given to the aligner. The text is borrowed for the call. */
typedef struct tm_align_sentence {
	const char *text;   /**< UTF-8, need not be NUL-terminated */
	size_t len;         /**< length of @c text in bytes */
	unsigned paragraph; /**< 0-based paragraph number (non-decreasing) */
} tm_align_sentence;

/** One link: @c nsrc source sentences from @c src translate @c ntgt target
 * sentences from @c tgt. A 0-1 link has @c nsrc 0 (and @c src is the
 * position where it falls), a 1-0 link has @c ntgt 0. */
typedef struct tm_align_link {
	size_t src;        /**< first source sentence (0-based) */
	size_t nsrc;       /**< number of source sentences, 0..4 (4 only in a
	                        1-4 or 4-1 link, between languages of one
	                        script) */
	size_t tgt;        /**< first target sentence (0-based) */
	size_t ntgt;       /**< number of target sentences, 0..4 */
	double confidence; /**< probability-like score that the link is right,
	                        in [0,1] */
	double cost;       /**< the link's cost in the programme (lower is
	                        better); for diagnostics */
} tm_align_link;

/** Flags of ::tm_align_options. */
#define TM_ALIGN_NO_REALIGN 0x1u    /**< skip the second, learned pass */
#define TM_ALIGN_NO_MOVES 0x2u      /**< do not look for moved blocks */
#define TM_ALIGN_NO_PARAGRAPHS 0x4u /**< ignore paragraph numbers */
/** A large pair (a million sentence pairs or more) that the translation
 *  check judges not a translation (::TM_ALIGN_NOT_TRANSLATION) gets no
 *  links: the result holds the verdict and the score only, for a caller
 *  that refuses such a pair (without the flag, it is aligned in one
 *  bounded band). @since 0.1 */
#define TM_ALIGN_STOP_UNRELATED 0x8u
/** Leave out the built-in core lexicon: the few thousand word pairs of
 *  common news words compiled into libtm for en-ko and en-ru (either
 *  direction; ko-ru through English), and of general prose for de-fr
 *  (either direction), that the alignment and the translation check
 *  weigh by default (docs/alignment.md, "Lexicon", "de-fr core
 *  lexicon").
 *  A dictionary (tm_aligner_dict_add()) and learned pairs
 *  (tm_aligner_learn()) are not affected. Other pairs have no core
 *  lexicon: the flag changes nothing there. @since 0.1 */
#define TM_ALIGN_NO_CORE_LEXICON 0x10u
/** A story is aligned once, even where its language pair's costs have a
 *  story without learned pairs aligned twice, learning word pairs from
 *  its own confident links in between (de-fr, either direction:
 *  docs/alignment.md, "de-fr: a story alone learns as a batch"); `tm align
 *  --batch` sets it, as its batch learns from all its stories. @since 0.1 */
#define TM_ALIGN_NO_SELF_LEARN 0x20u

/** Options for tm_aligner_new(). */
typedef struct tm_align_options {
	unsigned int version; /**< ::TM_ALIGN_OPTIONS_VERSION */
	unsigned int flags;   /**< TM_ALIGN_* bits */
	unsigned int band;    /**< initial half-width of the band around the
	                           diagonal, in sentences; 0 = automatic. The
	                           band widens when the path touches its edge. */
} tm_align_options;

#define TM_ALIGN_OPTIONS_VERSION 1
/* clang-format off */
#define TM_ALIGN_OPTIONS_INIT { TM_ALIGN_OPTIONS_VERSION, 0, 0 }
/* clang-format on */

/**
 * Fill @p out as ::TM_ALIGN_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_ALIGN_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_align_options_init(tm_align_options *out,
                                       unsigned int version);

/**
 * Create an aligner for source language @p src_lang and target language
 * @p tgt_lang (BCP 47 tags: "en", "ko", "ru", "de", ...).
 * @param[out] out  Receives the handle; caller owns it, release with
 *                  tm_aligner_free(). NULL on failure.
 * @param opts      NULL for ::TM_ALIGN_OPTIONS_INIT.
 * @retval TM_EINVAL  a tag is not shaped like a language tag, or the
 *                    options version is unknown
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_aligner_new(tm_aligner **out, const char *src_lang,
                                const char *tgt_lang,
                                const tm_align_options *opts);

/** Release @p al. NULL is a no-op. @since 0.1 */
TM_API void tm_aligner_free(tm_aligner *al);

/**
 * Add one dictionary entry: source word @p src translates as @p tgt.
 * Entries of several words are kept word by word. The alignment matches
 * them on the words' reduced forms (as tm_aligner_learn() reduces them),
 * so that an entry meets the inflected forms of its words (`договор`
 * meets `договора`, `agreement` `agreements`, `평양` `평양에서`); the
 * translation check (tm_align_result_score()) on the words as written,
 * or, for a pair with a built-in core lexicon (::TM_ALIGN_NO_CORE_LEXICON),
 * on the reduced forms together with it.
 * @retval TM_EINVAL    empty word
 * @retval TM_EUNICODE  invalid UTF-8
 * @since 0.1
 */
TM_API tm_status tm_aligner_dict_add(tm_aligner *al, const char *src,
                                     const char *tgt);

/**
 * Load a bilingual dictionary in hunalign's format: one entry a line,
 * `target phrase @ source phrase`. Blank lines are skipped. A @p path
 * ending in `.index`, `.dict.dz` or `.dict` is a dictionary in dictd's
 * format, as FreeDict publishes them (`freedict-deu-fra.index` and its
 * `.dict.dz`): its one-word entries and one-word translations are read,
 * the headwords as the source unless the file name names the language
 * pair the other way round (`freedict-fra-deu` for de to fr); they weigh
 * in the alignment only, not in the translation check (a general
 * dictionary's function words meet in any two stories). A dictionary's
 * pair weighs by how rare its words are in the documents aligned.
 * @param[out] out_count  Receives the number of entries read (may be NULL).
 * @retval TM_ENOTFOUND  no such file
 * @retval TM_EIO        the file cannot be read
 * @retval TM_EPARSE     a line has no ` @ `, or a dictd index line is not
 *                       `word TAB offset TAB length` (message: file:line)
 * @retval TM_EINVAL     a dictd file name names another language pair
 * @retval TM_EUNICODE   invalid UTF-8 (message: file:line)
 * @since 0.1
 */
TM_API tm_status tm_aligner_dict_load(size_t *out_count, tm_aligner *al,
                                      const char *path);

/**
 * Learn word pairs from @p n sentence pairs (@p src[k] translates
 * @p tgt[k]: confident 1-1 links of stories aligned before, or a TM's
 * units) and add them to the aligner's lexicon, which every later
 * tm_align_run() weighs (docs/alignment.md, "Lexicon"). Words are reduced
 * so that inflection meets (a Snowball stem for the languages it has, a
 * Korean word less its particle); a pair is kept when it occurs together
 * more often than chance has it (in three sentence pairs or more), each
 * word keeping its three best partners, weighted by the chance-corrected
 * agreement of the two words (1: always together). With learned pairs, a
 * sentence whose words' translations the other document lacks is also
 * cheaper to leave unlinked (a dropped or added sentence). One call learns from its pairs alone:
 * give all of them at once (a few hundred pairs teach little; thousands
 * do). A pair learned again keeps its higher weight. Learned pairs are
 * not weighed by the translation check (tm_align_result_score()), which
 * was fitted without them. The sentences are borrowed for the call.
 * @param[out] out_count  Receives how many pairs were learned (may be
 *                        NULL).
 * @retval TM_EINVAL    NULL sentences with a non-zero @p n
 * @retval TM_EUNICODE  a sentence is not valid UTF-8 (message: its pair)
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_aligner_learn(size_t *out_count, tm_aligner *al,
                                  const tm_align_sentence *src,
                                  const tm_align_sentence *tgt, size_t n);

/**
 * Number of word pairs in the aligner's lexicon: learned ones
 * (tm_aligner_learn()) when @p learned is non-zero, else those of the
 * dictionary (tm_aligner_dict_add()). 0 for NULL.
 * @since 0.1
 */
TM_API size_t tm_aligner_lexicon_count(const tm_aligner *al, int learned);

/**
 * Write the aligner's lexicon (dictionary and learned pairs) to @p path in
 * hunalign's format, `target @ source` a line, one surface form of each
 * word, for tm_aligner_dict_load() or `tm align --dict` later (weights are
 * not written: a pair loaded so weighs as a dictionary's).
 * @param[out] out_count  Receives the number of lines written (may be
 *                        NULL).
 * @retval TM_EINVAL  NULL argument
 * @retval TM_EIO     the file cannot be written (message: the path)
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_aligner_lexicon_write(size_t *out_count, tm_aligner *al,
                                          const char *path);

/**
 * Align @p nsrc source sentences with @p ntgt target sentences. Either side
 * may be empty (all links are then 1-0 or 0-1). Time and memory grow
 * linearly with the length of the documents. For de-fr (either direction),
 * an aligner with no learned pairs and no dictionary aligns a story twice, learning word
 * pairs from its first alignment's confident links in between and dropping
 * them after (::TM_ALIGN_NO_SELF_LEARN): the aligner is left as it was, and
 * the verdict is the first alignment's.
 * @param[out] out  Receives the result; caller owns it, release with
 *                  tm_align_result_free(). NULL on failure.
 * @retval TM_EUNICODE  a sentence is not valid UTF-8 (message: side,
 *                      sentence and byte offset)
 * @retval TM_EINVAL    NULL sentences with a non-zero count
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_align_run(tm_align_result **out, tm_aligner *al,
                              const tm_align_sentence *src, size_t nsrc,
                              const tm_align_sentence *tgt, size_t ntgt);

/**
 * tm_align_run() for documents with sentences that have no counterpart on
 * the other side and must never be linked: translators' and editors'
 * notes and end marks (tm_segment kinds ::TM_SEG_NOTE and ::TM_SEG_END).
 * @p src_apart and @p tgt_apart give one flag per sentence (non-zero:
 * keep it apart), or are NULL for none. Flagged sentences are left out
 * of the alignment and of the translation check and come back as 1-0 or
 * 0-1 links of confidence 1.0 (the document score when the pair is judged
 * not a translation) at their place. A flag of 2 or more names
 * a class of wire-copy furniture (`tm align`: 2 datelines and bylines,
 * 3 credits, 4 markers): sentences of one class that lie, on both sides,
 * between the same two links with both sides (and are the only ones of
 * that class there, three at most a side) are linked to each other
 * instead, by their place
 * alone, at the lower confidence of those two links. The sentences not
 * flagged are aligned as by tm_align_run(), with a paragraph break where
 * a flagged sentence was taken out (so that a link
 * rarely spans one; when it does, it is cut at the flagged sentence, the
 * first part keeps the link at half its confidence and the rest become
 * 1-0/0-1 links of confidence 0.3).
 * @retval as tm_align_run()
 * @since 0.1
 */
TM_API tm_status tm_align_run_apart(tm_align_result **out, tm_aligner *al,
                                    const tm_align_sentence *src,
                                    size_t nsrc,
                                    const unsigned char *src_apart,
                                    const tm_align_sentence *tgt,
                                    size_t ntgt,
                                    const unsigned char *tgt_apart);

/** Number of links in @p r. @since 0.1 */
TM_API size_t tm_align_result_count(const tm_align_result *r);

/**
 * Link @p i (borrowed until tm_align_result_free()). Links come in source
 * order; every sentence of both sides is in exactly one link.
 * @return NULL when @p i is out of range.
 * @since 0.1
 */
TM_API const tm_align_link *tm_align_result_link(const tm_align_result *r,
                                                 size_t i);

/** The translation check's judgement of a pair (tm_align_result_verdict()). */
typedef enum tm_align_verdict {
	TM_ALIGN_UNSURE = 0,         /**< too little evidence either way (a
	                                  document of one or two sentences
	                                  without numbers or names) */
	TM_ALIGN_TRANSLATION = 1,    /**< the sides translate each other */
	TM_ALIGN_NOT_TRANSLATION = 2 /**< they do not: refuse to store it */
} tm_align_verdict;

/**
 * Whole-document score in [0,1]: how likely the two sides are a
 * translation of each other, from the translation check
 * (docs/alignment.md): how much worse the same sentences align when the
 * target's order is reversed, how well they align at all, how many
 * numbers and names the two sides share and lack, and (en, ko, ru) how
 * far the documents' length ratio is from the language pair's. 0.5 means
 * no evidence either way; below 0.12 the pair is judged not a
 * translation, from 0.73 a translation (tm_align_result_verdict()).
 * @since 0.1
 */
TM_API double tm_align_result_score(const tm_align_result *r);

/**
 * The translation check's verdict on the pair: ::TM_ALIGN_NOT_TRANSLATION
 * only with enough evidence (sentences, or numbers and names that fail to
 * meet), ::TM_ALIGN_UNSURE when there is too little to tell (an empty
 * side, one or two short sentences without anchors). A pair judged not a
 * translation also has its links' confidences capped below 0.5, so that a
 * caller storing links above a confidence floor stores none of them.
 * NULL gives ::TM_ALIGN_UNSURE.
 * @since 0.1
 */
TM_API tm_align_verdict tm_align_result_verdict(const tm_align_result *r);

/**
 * Check that @p n sentences are written in the script of language
 * @p lang (Hangul for ko, Cyrillic for ru and other Cyrillic-script
 * languages, Latin for en, de, fr and other Latin-script languages): a
 * swapped pair of files, or a file of another language, is caught before
 * aligning. A text fails when fewer than half its letters are of the
 * language's script and another script has more than twice as many (a
 * Korean story full of English company names still passes as ko).
 * Languages of other scripts, and texts of fewer than 20 letters, pass
 * unchecked.
 * @retval TM_OK      the text is in the language's script, or unchecked
 * @retval TM_EINVAL  most letters are of another script; the message
 *                    names the script found ("mostly Cyrillic letters
 *                    (96%), not Hangul as ko expects")
 * @since 0.1
 */
TM_API tm_status tm_align_check_script(const tm_align_sentence *s, size_t n,
                                       const char *lang);

/** Release @p r. NULL is a no-op. @since 0.1 */
TM_API void tm_align_result_free(tm_align_result *r);

TM_END_DECLS

#endif /* TM_ALIGN_H */
