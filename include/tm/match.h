/* SPDX-License-Identifier: MIT */
/**
 * @file match.h
 * Looking up prior translations: fuzzy lookup (tm_lookup()) and
 * concordance (tm_concord()).
 *
 * Scores are defined in docs/scores.md: an edit-distance similarity over
 * match tokens (words; one token per Hangul syllable) of the normalized
 * text, 0-100, with 100 for an exact match, 99 for a match that differs
 * only in inline tags, punctuation, or numbers whose new values were all put
 * into the proposed translation with certainty (docs/numbers.md), and 101
 * for an exact match whose neighbouring segments agree too. A match whose
 * numbers could not be put in with certainty scores at most 94.
 *
 * Results are owned lists: everything a list hands out is borrowed from it
 * and stays valid until it is freed. A ::tm_db is used by one thread at a
 * time (lookups keep per-connection caches).
 */
#ifndef TM_MATCH_H
#define TM_MATCH_H

#include "tm/common.h"
#include "tm/db.h"

TM_BEGIN_DECLS

/** Flags of a ::tm_match. */
#define TM_MATCH_EXACT 0x1u   /**< the normalized keys are equal */
#define TM_MATCH_CONTEXT 0x2u /**< the given neighbouring segments agree */
#define TM_MATCH_NUMBERS 0x4u /**< the query's numbers differ from the
                                   stored source's (in value or only in
                                   writing) and every differing value was
                                   put into @c proposed with certainty, in
                                   the target's notation; never set when
                                   one could not be */
#define TM_MATCH_TAGS 0x8u    /**< the stored source has inline tags the
                                   query lacks */
#define TM_MATCH_PUNCT 0x10u  /**< same tokens, other punctuation/spacing */
#define TM_MATCH_PIVOT 0x20u  /**< the source's unit has no variant in the
                                   target language: the target is another
                                   unit's, which shares an exact variant
                                   in a third language (@c pivot_lang)
                                   with it; at most 99, see docs/scores.md */

/** One prior translation. All strings are borrowed from the list. */
typedef struct tm_match {
	double score;          /**< 0-101, see docs/scores.md */
	unsigned int flags;    /**< TM_MATCH_* */
	long long tu;          /**< unit id (tm_db_get()) */
	const char *source;    /**< stored source text (plain) */
	const char *target;    /**< stored target text (plain) */
	const char *proposed;  /**< target with the query's numbers put in
	                            (::TM_MATCH_NUMBERS); equal to @c target
	                            when none differ or they could not be put
	                            in with certainty */
	const char *source_lang; /**< language tag of the stored source */
	const char *target_lang; /**< language tag of the stored target */
	const char *origin;    /**< document the unit came from, or NULL */
	const char *created;   /**< TMX date, or NULL */
	const char *changed;   /**< TMX date, or NULL */
	/** Every document the match comes from: the units with this same
	 * source and target text are one match (the best of them above);
	 * their origins, this one's first, each once (NULL origins left
	 * out; for a pivot match the target unit's too). @since 0.1 */
	const char *const *origins;
	size_t n_origins;       /**< entries in @c origins */
	long long pivot_tu;     /**< ::TM_MATCH_PIVOT: the unit the target
	                             comes from; else 0 */
	const char *pivot_lang; /**< ::TM_MATCH_PIVOT: language of the shared
	                             variant; else NULL */
	const char *pivot_text; /**< ::TM_MATCH_PIVOT: its text (the source
	                             unit's, plain); else NULL */
} tm_match;

/** A list of matches, best first. */
typedef struct tm_match_list tm_match_list;

/** Flags of ::tm_lookup_options. */
#define TM_LOOKUP_EXHAUSTIVE 0x1u /**< score every stored segment of the
                                       source language instead of using the
                                       index (slow; for checking recall) */
#define TM_LOOKUP_NO_PIVOT 0x2u   /**< no ::TM_MATCH_PIVOT matches: only
                                       units with a variant in both
                                       languages answer */

/** Options of tm_lookup(). */
typedef struct tm_lookup_options {
	unsigned int version;    /**< ::TM_LOOKUP_OPTIONS_VERSION */
	const char *source_lang; /**< language of the query (required) */
	const char *target_lang; /**< language wanted (required) */
	double min_score;        /**< 0 means 70; below 50 is raised to 50 */
	int max_results;         /**< 0 means 5 */
	const char *ctx_prev;    /**< text of the segment before the query,
	                              or NULL when unknown */
	const char *ctx_next;    /**< text of the segment after it, or NULL */
	unsigned int flags;      /**< TM_LOOKUP_* */
} tm_lookup_options;

#define TM_LOOKUP_OPTIONS_VERSION 1
/* clang-format off */
#define TM_LOOKUP_OPTIONS_INIT \
	{ TM_LOOKUP_OPTIONS_VERSION, NULL, NULL, 0, 0, NULL, NULL, 0 }
/* clang-format on */

/**
 * Find the best prior translations of @p text (UTF-8) from
 * opts->source_lang into opts->target_lang: exact matches through the
 * normalized key, fuzzy ones through the candidate index, each rescored
 * exactly. A unit with a variant in the target language answers with it;
 * one without answers through a pivot (::TM_MATCH_PIVOT, unless
 * ::TM_LOOKUP_NO_PIVOT): the target variants of the units that share one
 * of its other variants exactly (equal normalized keys; at most 8 such
 * units, the first stored). Matches with the same source and target text
 * are one, listing every origin; opts->max_results counts such matches.
 * Ties rank agreeing context first, then a unit whose alignment a
 * reviewer confirmed (`x-libtm-status`, tm_db_put_links()) before one
 * without a status and that before an automatic one, then a direct match
 * before a pivot, then the most recently changed.
 * @param[out] out  Receives the list (possibly empty); caller owns it,
 *                  release with tm_match_list_free(). NULL on failure.
 * @retval TM_EINVAL    a language is missing or not a language tag
 *                      (tm_lang_validate()), @p text is empty or longer
 *                      than 4096 tokens
 * @retval TM_ENOTFOUND the TM has no variant in one of the languages
 *                      (tm_db_check_lang(): "lang: no units in 'kr'; this
 *                      TM has en, ko, ru")
 * @retval TM_EUNICODE  @p text is not valid UTF-8
 * @retval TM_EDB       the TM cannot be read (its index is missing)
 * @since 0.1
 */
TM_API tm_status tm_lookup(tm_match_list **out, tm_db *db, const char *text,
                           const tm_lookup_options *opts);

/** Number of matches in @p l (0 for NULL). @since 0.1 */
TM_API size_t tm_match_list_count(const tm_match_list *l);

/**
 * Match @p i of @p l, best first.
 * @return borrowed until tm_match_list_free(); NULL when out of range.
 * @since 0.1
 */
TM_API const tm_match *tm_match_list_get(const tm_match_list *l, size_t i);

/** Release @p l and everything borrowed from it. NULL is a no-op. @since 0.1 */
TM_API void tm_match_list_free(tm_match_list *l);

/** One segment found by tm_concord(). Strings are borrowed from the list. */
typedef struct tm_concord_hit {
	long long tu;            /**< unit id */
	const char *text;        /**< the segment containing the phrase */
	const char *lang;        /**< its language tag */
	size_t span_start;       /**< byte offset of the phrase in @c text */
	size_t span_len;         /**< byte length of the phrase in @c text */
	const char *translation; /**< the aligned variant, or NULL */
	const char *translation_lang; /**< its language tag, or NULL */
	const char *origin;      /**< document, or NULL */
	const char *changed;     /**< TMX date, or NULL */
	/** Every document the hit comes from: segments with the same text
	 * and translation are one hit; their origins, this one's first,
	 * each once (NULL origins left out). @since 0.1 */
	const char *const *origins;
	size_t n_origins;        /**< entries in @c origins */
	unsigned int flags;      /**< ::TM_MATCH_PIVOT when the translation
	                              is another unit's, through a variant
	                              in a third language both share */
	const char *pivot_lang;  /**< that third language, or NULL */
} tm_concord_hit;

typedef struct tm_concord_list tm_concord_list;

/** Flags of ::tm_concord_options. */
#define TM_CONCORD_TRANSLIT 0x1u /**< search every language through
                                      transliteration keys
                                      (tm_translit_key()): see
                                      tm_concord() */
#define TM_CONCORD_NO_PIVOT 0x2u /**< a unit without a variant in
                                      target_lang shows no translation,
                                      instead of one through a pivot */

/** Options of tm_concord(). */
typedef struct tm_concord_options {
	unsigned int version;  /**< ::TM_CONCORD_OPTIONS_VERSION */
	const char *lang;      /**< language searched (required); with
	                            ::TM_CONCORD_TRANSLIT, the phrase's */
	const char *target_lang; /**< translation shown; NULL: the first other
	                              variant of the unit. A unit lacking
	                              it shows one through a pivot, as
	                              tm_lookup() does (::TM_MATCH_PIVOT in
	                              the hit's flags) */
	int max_results;       /**< 0 means 100; negative means all */
	unsigned int flags;    /**< TM_CONCORD_* */
} tm_concord_options;

#define TM_CONCORD_OPTIONS_VERSION 1
/* clang-format off */
#define TM_CONCORD_OPTIONS_INIT \
	{ TM_CONCORD_OPTIONS_VERSION, NULL, NULL, 0, 0 }
/* clang-format on */

/**
 * Every segment in opts->lang containing @p phrase as a run of whole match
 * tokens that begins a word, compared on normalized keys (case, width,
 * quotes folded), in unit order. Korean is matched by syllables from a
 * word start: 평양 finds 평양은 and 평양에서 but not 태평양. Searching the
 * target language is the reverse lookup.
 *
 * With ::TM_CONCORD_TRANSLIT, segments of every language are searched for
 * a run of words whose transliteration key (tm_translit_key(), the key of
 * the run's text) equals the phrase's key K, or, when K has 3 symbols or
 * more, starts with K and has at most 2 symbols more (a case ending or a
 * particle: Путина, 푸틴은 for Putin). A Korean word is one word with its
 * particles; the span marks the syllables whose key is K (푸틴 of 푸틴은).
 * So `Putin` finds Путин and 푸틴, `Пхеньян` finds Pyongyang and 평양,
 * `김정은` finds Kim Jong-un and Ким Чен Ын. Candidates come from the
 * index's key terms, not from a scan; docs/translit.md says what keys can
 * and cannot equate.
 * @param[out] out  Receives the list; caller owns it, release with
 *                  tm_concord_list_free(). NULL on failure.
 * @retval TM_EINVAL    no language or one that is not a language tag
 *                      (tm_lang_validate()), or @p phrase has no word in
 *                      it, or
 *                      (::TM_CONCORD_TRANSLIT) its key has fewer than 2
 *                      symbols
 * @retval TM_ENOTFOUND the TM has no variant in opts->lang (unless
 *                      ::TM_CONCORD_TRANSLIT) or opts->target_lang
 * @retval TM_EUNICODE  @p phrase is not valid UTF-8
 * @retval TM_EDB       the TM cannot be read
 * @since 0.1
 */
TM_API tm_status tm_concord(tm_concord_list **out, tm_db *db,
                            const char *phrase,
                            const tm_concord_options *opts);

/** Number of hits in @p l (0 for NULL). @since 0.1 */
TM_API size_t tm_concord_list_count(const tm_concord_list *l);

/** Hit @p i (borrowed until tm_concord_list_free()); NULL out of range.
 * @since 0.1 */
TM_API const tm_concord_hit *tm_concord_list_get(const tm_concord_list *l,
                                                 size_t i);

/** Release @p l. NULL is a no-op. @since 0.1 */
TM_API void tm_concord_list_free(tm_concord_list *l);

TM_END_DECLS

#endif /* TM_MATCH_H */
