/* SPDX-License-Identifier: MIT */
/**
 * @file check.h
 * Translation QA: what an editor checks by hand in a wire translation.
 *
 * A ::tm_checker compares a source and its translation and reports
 * findings (docs/check.md):
 *  - numbers: the values of both sides as multisets, whatever the notation
 *    (`$350 million` = `3억5천만 달러` = `350 млн долларов`, `20,000` =
 *    `2만` = `20 000`), dates, percent and points, native Korean numerals;
 *    a rounding marked by about/약/около is a warning;
 *  - names: a name of the source (capitalised words, the glossary) must be
 *    in the translation in a form whose transliteration key agrees, or as
 *    the glossary renders it;
 *  - missing and added sentences (the aligner's 1-0 and 0-1 links);
 *  - untranslated segments (in the source's script, or equal to it);
 *  - length: a link far outside the document's own length ratio;
 *  - consistency: one source segment translated in conflicting ways, or a
 *    glossary term rendered two ways, within one group (origin);
 *  - document (a story and its translation only): the aligner's
 *    translation check judges the target not a translation of the source
 *    (an error, and the sentence findings, noise for two different
 *    stories, are left out unless ::TM_CHECK_KEEP_UNRELATED; a warning,
 *    the findings kept, for a short pair), or is unsure (a warning, the
 *    sentence findings kept).
 *
 * Findings come back as an owned list (::tm_check_list): everything it
 * hands out is borrowed from it until tm_check_list_free().
 */
#ifndef TM_CHECK_H
#define TM_CHECK_H

#include "tm/common.h"

TM_BEGIN_DECLS

/** What a finding is about. */
typedef enum tm_check_kind {
	TM_CHECK_NUMBER = 0,   /**< a number differs or is missing */
	TM_CHECK_NAME,         /**< a name is missing or rendered otherwise */
	TM_CHECK_MISSING,      /**< a source sentence has no translation */
	TM_CHECK_ADDED,        /**< a target sentence has no source */
	TM_CHECK_UNTRANSLATED, /**< the target is the source, or in its script
	                        */
	TM_CHECK_LENGTH,       /**< length ratio far outside the document's */
	TM_CHECK_CONSISTENCY,  /**< one source, several translations */
	TM_CHECK_DOCUMENT      /**< tm_check_texts(): the target is not a
	                            translation of the source (error; a
	                            warning for a short pair), or the
	                            translation check is unsure (warning);
	                            first in the list, @c src_value the
	                            document score (tm_align_result_score())
	                            @since 0.1 */
} tm_check_kind;

/** How serious a finding is, in increasing order. */
typedef enum tm_check_severity {
	TM_CHECK_INFO = 0, /**< worth a look; often right */
	TM_CHECK_WARNING,  /**< probably wrong, or a house-style deviation */
	TM_CHECK_ERROR     /**< wrong unless the editor knows better */
} tm_check_severity;

/** One finding. Strings are borrowed from the list. Byte spans are in
 * @c src_text / @c tgt_text; a length of 0 means the finding has no span
 * on that side. */
typedef struct tm_check_finding {
	tm_check_kind kind;
	tm_check_severity severity;
	size_t pair;      /**< index of the pair (tm_check_pairs()) or of
	                       the link (tm_check_texts()) */
	size_t src_first; /**< first source sentence of the link
	                       (tm_check_texts()); the pair index otherwise */
	size_t src_count; /**< source sentences (0 for an added sentence) */
	size_t tgt_first; /**< first target sentence, or where an
	                       missing sentence would fall */
	size_t tgt_count; /**< target sentences (0 for a missing one) */
	size_t src_line;  /**< 1-based line of the source span (or of the
	                       link) in the text given to tm_check_texts();
	                       0 for tm_check_pairs() */
	size_t tgt_line;  /**< same for the target; for a missing sentence
	                       the line of the next target sentence */
	size_t src_start, src_len; /**< span in @c src_text */
	size_t tgt_start, tgt_len; /**< span in @c tgt_text */
	double src_value;          /**< the source number (NUMBER; a clock time
	                                in minutes after midnight), the
	                                document score (DOCUMENT), else NAN */
	double tgt_value;     /**< the target number it was compared with, or
	                           NAN when there is none */
	const char *message;  /**< one line, e.g. "number 1,950 in the source
	                           is not in the translation (it has 1,896)" */
	const char *src_text; /**< the source segment(s) of the link, joined
	                           with a space ("" for an added sentence) */
	const char *tgt_text; /**< the target segment(s) ("" when missing) */
	const char *group;    /**< the pair's group (origin), or NULL */
	long long id;         /**< the pair's id (::tm_check_pair), else -1 */
} tm_check_finding;

/** A list of findings in document order (pairs in the order given). */
typedef struct tm_check_list tm_check_list;

/** A glossary of names and terms: each entry gives the forms of one term
 * in English, Korean and Russian (any may be empty). */
typedef struct tm_glossary tm_glossary;

/**
 * Create an empty glossary.
 * @param[out] out  Receives it; caller owns it, release with
 *                  tm_glossary_free(). NULL on failure.
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_glossary_new(tm_glossary **out);

/** Release @p g. NULL is a no-op. @since 0.1 */
TM_API void tm_glossary_free(tm_glossary *g);

/**
 * Add one entry: the English, Korean and Russian forms of a term (NULL or
 * "" for a form the glossary does not give; at least two must be given).
 * The strings are copied.
 * @retval TM_EINVAL    fewer than two forms
 * @retval TM_EUNICODE  a form is not valid UTF-8
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_glossary_add(tm_glossary *g,
                                 const char *en,
                                 const char *ko,
                                 const char *ru);

/**
 * Read entries from @p len bytes of TSV text: one entry a line, the
 * columns `en`, `ko`, `ru` (empty columns allowed). A first line naming
 * the columns (`en<TAB>ko<TAB>ru`, in any order) sets their order; lines
 * starting with `#` and blank lines are skipped. @p name is used in error
 * messages ("names.tsv:12: ...").
 * @param[out] out_count  Receives the number of entries read (may be NULL).
 * @retval TM_EPARSE    a line has more than three columns or fewer than
 *                      two forms (message: name:line)
 * @retval TM_EUNICODE  invalid UTF-8 (message: name:line)
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_glossary_load_memory(size_t *out_count,
                                         tm_glossary *g,
                                         const char *text,
                                         size_t len,
                                         const char *name);

/**
 * tm_glossary_load_memory() on the file at @p path.
 * @retval TM_ENOTFOUND  no such file
 * @retval TM_EIO        the file cannot be read
 * @retval TM_EPARSE, TM_EUNICODE  as tm_glossary_load_memory()
 * @since 0.1
 */
TM_API tm_status tm_glossary_load(size_t *out_count,
                                  tm_glossary *g,
                                  const char *path);

/** Number of entries in @p g (0 for NULL). @since 0.1 */
TM_API size_t tm_glossary_count(const tm_glossary *g);

/** Checks to leave out (flags of ::tm_check_options). */
#define TM_CHECK_NO_NUMBERS 0x01u
#define TM_CHECK_NO_NAMES 0x02u
#define TM_CHECK_NO_MISSING 0x04u /**< missing and added sentences */
#define TM_CHECK_NO_UNTRANSLATED 0x08u
#define TM_CHECK_NO_LENGTH 0x10u
#define TM_CHECK_NO_CONSISTENCY 0x20u
/** tm_check_texts(): the texts have one sentence a line, a blank line
 * between paragraphs (no sentence breaking): a line's kind is
 * tm_segment_kind()'s (a note or an end mark line left out, as in a
 * segmented text; wire furniture), a headline is told by the layout. */
#define TM_CHECK_PRESEGMENTED 0x100u
/** tm_check_texts(): a pair the translation check judges not a
 * translation gets its sentence findings too, after the document error
 * (by default that error is the only finding: a story checked against
 * another story's translation gets dozens of findings that are all
 * wrong). @since 0.1 */
#define TM_CHECK_KEEP_UNRELATED 0x200u

/** Options of tm_checker_new(). */
typedef struct tm_check_options {
	unsigned int version;           /**< ::TM_CHECK_OPTIONS_VERSION */
	unsigned int flags;             /**< TM_CHECK_* */
	tm_check_severity min_severity; /**< findings below it are left out */
	const tm_glossary *glossary;    /**< borrowed; must outlive the checker;
	                                     NULL for none */
} tm_check_options;

#define TM_CHECK_OPTIONS_VERSION 1
/* clang-format off */
#define TM_CHECK_OPTIONS_INIT \
	{ TM_CHECK_OPTIONS_VERSION, 0, TM_CHECK_INFO, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_CHECK_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_CHECK_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_check_options_init(tm_check_options *out,
                                       unsigned int version);

typedef struct tm_checker tm_checker;

/**
 * Create a checker for translations from @p src_lang into @p tgt_lang
 * (BCP 47 tags; en, ko and ru are read best, others get the checks that
 * need no language knowledge).
 * @param[out] out  Receives the handle; caller owns it, release with
 *                  tm_checker_free(). NULL on failure. Not to be used by
 *                  two threads at once.
 * @param opts      NULL for ::TM_CHECK_OPTIONS_INIT.
 * @retval TM_EINVAL  a tag is malformed, or the options version unknown
 * @retval TM_ERROR   ICU could not open a transliterator or segmenter
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_checker_new(tm_checker **out,
                                const char *src_lang,
                                const char *tgt_lang,
                                const tm_check_options *opts);

/** Release @p ck. NULL is a no-op. @since 0.1 */
TM_API void tm_checker_free(tm_checker *ck);

/** One stored segment pair given to tm_check_pairs(); borrowed for the
 * call. */
typedef struct tm_check_pair {
	const char *src;   /**< UTF-8 source, NUL-terminated */
	const char *tgt;   /**< UTF-8 target, NUL-terminated */
	const char *group; /**< origin for the consistency check, or NULL */
	long long id;      /**< the caller's id (a unit id), copied into the
	                        findings */
} tm_check_pair;

/**
 * Check a story and its translation: segment both texts (or split them
 * into lines with ::TM_CHECK_PRESEGMENTED), align them, report the 1-0
 * and 0-1 links, and check each link. When both texts have sentences,
 * the aligner's translation check (tm_align_result_verdict()) comes
 * first: a target judged not a translation of the source gets one
 * ::TM_CHECK_DOCUMENT error and nothing else (unless
 * ::TM_CHECK_KEEP_UNRELATED), or, when a side has fewer than ten
 * sentences (too short for the verdict to hide a dropped sentence), a
 * ::TM_CHECK_DOCUMENT warning; one the check is unsure of gets a
 * ::TM_CHECK_DOCUMENT warning. After a warning come the sentence
 * findings. A document
 * finding has no line, span or text; it covers all sentences of both
 * sides (@c pair, @c src_first and @c tgt_first 0, the counts the
 * sides'). Lines and sentence indices refer to
 * @p src and @p tgt; byte spans to each finding's @c src_text and
 * @c tgt_text (the link's sentences). Wire furniture (datelines, bylines,
 * credits, markers: any segment kind other than a sentence or a headline)
 * is left out of the pair checks, and a lone one is reported as info.
 * @param[out] out  Receives the findings (possibly none); caller owns the
 *                  list, release with tm_check_list_free(). NULL on
 *                  failure.
 * @retval TM_EUNICODE  a text is not valid UTF-8 (message: side and byte)
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_check_texts(tm_check_list **out,
                                tm_checker *ck,
                                const char *src,
                                size_t src_len,
                                const char *tgt,
                                size_t tgt_len);

/**
 * Check @p n stored segment pairs (a TMX file, a TM): each pair on its
 * own, the length check against the spread of all @p n, the consistency
 * check among the pairs of one group.
 * @param[out] out  Receives the findings; caller owns the list, release
 *                  with tm_check_list_free(). NULL on failure.
 * @retval TM_EINVAL    a pair lacks its source or target
 * @retval TM_EUNICODE  a text is not valid UTF-8 (message: pair index)
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_check_pairs(tm_check_list **out,
                                tm_checker *ck,
                                const tm_check_pair *pairs,
                                size_t n);

/** Number of findings in @p l (0 for NULL). @since 0.1 */
TM_API size_t tm_check_list_count(const tm_check_list *l);

/**
 * Finding @p i of @p l.
 * @return borrowed until tm_check_list_free(); NULL when out of range.
 * @since 0.1
 */
TM_API const tm_check_finding *tm_check_list_get(const tm_check_list *l,
                                                 size_t i);

/** Release @p l and everything borrowed from it. NULL is a no-op.
 * @since 0.1 */
TM_API void tm_check_list_free(tm_check_list *l);

/** Name of a kind: "number", "name", "missing", "added", "untranslated",
 * "length", "consistency", "document" (static; "unknown" out of range).
 * @since 0.1 */
TM_API const char *tm_check_kind_name(tm_check_kind kind);

/** Name of a severity: "info", "warning", "error" (static). @since 0.1 */
TM_API const char *tm_check_severity_name(tm_check_severity s);

/**
 * Parse a severity name ("info", "warning", "error").
 * @retval TM_EINVAL  unknown name
 * @since 0.1
 */
TM_API tm_status tm_check_severity_parse(tm_check_severity *out,
                                         const char *name);

TM_END_DECLS

#endif /* TM_CHECK_H */
