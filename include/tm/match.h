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
 * Fill @p out as ::TM_LOOKUP_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_LOOKUP_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_lookup_options_init(tm_lookup_options *out,
                                        unsigned int version);

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
	const char *target_lang; /**< its language tag, or NULL */
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
	/** How the phrase was found: ::TM_CONCORD_HIT_EXACT,
	 * ::TM_CONCORD_HIT_INFLECTED or ::TM_CONCORD_HIT_TRANSLIT; hits come
	 * in that order. @since 0.1 */
	unsigned int match_kind;
} tm_concord_hit;

/** Kinds of a ::tm_concord_hit (its @c match_kind). */
#define TM_CONCORD_HIT_EXACT 0u     /**< the phrase's own tokens, on keys
                                         (case, width, quotes folded) */
#define TM_CONCORD_HIT_INFLECTED 1u /**< another form of its words: same
                                         Snowball stem (Путина for Путин,
                                         banks for bank) */
#define TM_CONCORD_HIT_TRANSLIT 2u  /**< another script, through
                                         transliteration keys
                                         (::TM_CONCORD_TRANSLIT) */

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
 * Fill @p out as ::TM_CONCORD_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_CONCORD_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_concord_options_init(tm_concord_options *out,
                                         unsigned int version);

/**
 * Every segment in opts->lang containing @p phrase as a run of whole match
 * tokens that begins a word, compared on normalized keys (case, width,
 * quotes folded), or a run of other forms of its words: a word matches
 * the tokens with the same Snowball stem (libstemmer: English, Russian
 * and the other languages Snowball has; Путин finds Путина, Путину,
 * Путиным, Путине and bank finds banks). Korean is
 * matched by syllables from a word start: 평양 finds 평양은 and 평양에서
 * but not 태평양. Searching the target language is the reverse lookup.
 *
 * With ::TM_CONCORD_TRANSLIT, the segments of the other languages are
 * searched too, for a run of words whose transliteration key
 * (tm_translit_key()), its last word read as its base (a Russian word's
 * stem, an English word less a final s, a Korean word less its particle),
 * equals the phrase's: a whole word, never a longer word that begins like
 * the name (putting, пятницу are not Putin). When the phrase is a name (a
 * capital, or a caseless script) a Latin or Cyrillic hit must start with
 * a capital. Where the units holding the phrase in its own language show
 * how the name is written in a script, only those spellings are hits in
 * it (Patton and 파트너 have Putin's key and are left out); a spelling
 * they show whose key is only like the phrase's (Corbyn for 코빈) is
 * searched too. docs/translit.md says what keys can and cannot equate.
 *
 * Hits are ranked by @c match_kind (exact forms, inflected forms,
 * cross-script), then the most recently changed unit first (units
 * without a date last), then the newest unit. Candidates are read newest
 * unit first, and the search stops once it has opts->max_results exact
 * hits (when it found fewer, once it has that many hits in all).
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
