/* SPDX-License-Identifier: MIT */
/**
 * @file segment.h
 * Sentence segmentation of news text: ICU sentence breaks, per-language
 * exception lists, optional SRX 2.0 rules and wire-copy furniture.
 */
#ifndef TM_SEGMENT_H
#define TM_SEGMENT_H

#include "tm/common.h"

TM_BEGIN_DECLS

typedef struct tm_segmenter tm_segmenter;
typedef struct tm_segment_list tm_segment_list;

/** What a segment is. Furniture is kept apart from prose. */
typedef enum tm_seg_kind {
	TM_SEG_SENTENCE = 0, /**< a sentence of prose */
	TM_SEG_HEADLINE,     /**< a title line without final punctuation */
	TM_SEG_DATELINE,     /**< `SEOUL, Nov. 27 (Yonhap) --` */
	TM_SEG_BYLINE,       /**< `(서울=연합뉴스) 김철수 기자 =`, `By Jane Doe` */
	TM_SEG_CREDIT,       /**< photo credits, copyright lines */
	TM_SEG_MARKER,       /**< `▶` lines, `***` and the like */
	TM_SEG_NOTE,         /**< a translator's or an editor's note in
	                          brackets: `(Translator's note: ...)`,
	                          `(역주: ...)`, `(Прим. ред.: ...)` */
	TM_SEG_END           /**< an end mark: `(END)`, `(끝)`, `(Конец)`,
	                          `###`, `-- 끝 --` (`marker`
	                          before) */
} tm_seg_kind;

/** One segment. Strings point into the list and live as long as it. */
typedef struct tm_segment {
	const char *text;   /**< NUL-terminated, trimmed UTF-8 */
	size_t len;         /**< length of @c text in bytes */
	size_t offset;      /**< byte offset of the segment in the input */
	unsigned paragraph; /**< 0-based paragraph number */
	tm_seg_kind kind;
} tm_segment;

/** Options for tm_segmenter_new(). */
typedef struct tm_segmenter_options {
	unsigned int version; /**< ::TM_SEGMENTER_OPTIONS_VERSION */
	const char *srx_path; /**< SRX 2.0 file to apply, or NULL */
	unsigned int flags;   /**< TM_SEG_FLAG_* bits */
} tm_segmenter_options;

#define TM_SEGMENTER_OPTIONS_VERSION 1
/* clang-format off */
#define TM_SEGMENTER_OPTIONS_INIT { TM_SEGMENTER_OPTIONS_VERSION, NULL, 0 }
/* clang-format on */

/**
 * Fill @p out as ::TM_SEGMENTER_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_SEGMENTER_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_segmenter_options_init(tm_segmenter_options *out,
                                           unsigned int version);

/**
 * Each input line is one segment, never split (no sentence breaking); a
 * blank line starts a paragraph. A line gets the kind tm_segment_kind()
 * gives it: furniture, a note or an end mark when that fills the whole
 * line (en, ko, ru), else ::TM_SEG_SENTENCE (never ::TM_SEG_HEADLINE).
 */
#define TM_SEG_FLAG_PRESEGMENTED 0x1u

/**
 * Open a segmenter for language @p lang ("en", "ko", "ru", or any tag whose
 * primary subtag ICU knows; exception lists exist for en, ko and ru).
 * @param[out] out  Receives the handle; caller owns it, release with
 *                  tm_segmenter_free(). NULL on failure.
 * @param opts      NULL for defaults.
 * @retval TM_EINVAL    unknown language
 * @retval TM_EPARSE    the SRX file is malformed (message: file:line:col)
 * @retval TM_ENOTFOUND the SRX file does not exist
 * @since 0.1
 */
TM_API tm_status tm_segmenter_new(tm_segmenter **out, const char *lang,
                                  const tm_segmenter_options *opts);

/** Release @p seg. NULL is a no-op. @since 0.1 */
TM_API void tm_segmenter_free(tm_segmenter *seg);

/**
 * Split @p len bytes of UTF-8 @p text into segments. A blank line separates
 * paragraphs; single newlines inside a paragraph are wrapped lines. No
 * segment crosses a paragraph.
 * @param[out] out  Receives the list; caller owns it, release with
 *                  tm_segment_list_free(). NULL on failure.
 * @retval TM_EUNICODE  invalid UTF-8 (message gives the byte offset)
 * @since 0.1
 */
TM_API tm_status tm_segment_text(tm_segment_list **out, tm_segmenter *seg,
                                 const char *text, size_t len);

/**
 * The kind of @p len bytes of UTF-8 @p text taken whole as one segment
 * (a line of a presegmented file, a sentence a caller split itself), by
 * the recognisers tm_segment_text() uses on raw text: ::TM_SEG_END,
 * ::TM_SEG_NOTE, ::TM_SEG_DATELINE, ::TM_SEG_BYLINE, ::TM_SEG_CREDIT or
 * ::TM_SEG_MARKER when that fills the whole text (white space around it
 * aside), else ::TM_SEG_SENTENCE. The text is never split: a dateline
 * followed by a sentence (`SEOUL, Nov. 26 (Yonhap) -- The bank cut ...`)
 * is a sentence, so is prose that contains `(END)`; a byline or a credit
 * on one line with an end mark (`kcs@yna.co.kr (끝)`) is ::TM_SEG_END,
 * since neither has a counterpart to be linked to. Never
 * ::TM_SEG_HEADLINE (that takes the text's layout). Only for the
 * languages whose wire copy the patterns know, en, ko and ru: in any
 * other, always ::TM_SEG_SENTENCE (they would know one side's forms and
 * not the other's, French `Photo :` and not German `Foto :`, and a line
 * kept apart on one side only loses its link). Uses @p seg's
 * buffers: not at the same time as another call on @p seg.
 * @param[out] out  Receives the kind (::TM_SEG_SENTENCE on failure).
 * @retval TM_EINVAL    NULL @p out or @p seg, or NULL @p text with a
 *                      non-zero @p len
 * @retval TM_EUNICODE  invalid UTF-8 (message gives the byte offset)
 * @retval TM_ENOMEM    out of memory (a furniture pattern compiled on
 *                      first use)
 * @since 0.1
 */
TM_API tm_status tm_segment_kind(tm_seg_kind *out, tm_segmenter *seg,
                                 const char *text, size_t len);

/** Number of segments in @p list. @since 0.1 */
TM_API size_t tm_segment_list_count(const tm_segment_list *list);

/**
 * Segment @p i of @p list, borrowed until tm_segment_list_free().
 * @return NULL when @p i is out of range.
 * @since 0.1
 */
TM_API const tm_segment *tm_segment_list_get(const tm_segment_list *list,
                                             size_t i);

/** Release @p list. NULL is a no-op. @since 0.1 */
TM_API void tm_segment_list_free(tm_segment_list *list);

/** Name of a kind: "sentence", "headline", "dateline", ... @since 0.1 */
TM_API const char *tm_seg_kind_name(tm_seg_kind kind);

/**
 * How tm_align_run_apart() is to treat a segment of @p kind (what `tm
 * align`, `tm check` and tm serve's /api/align pass it; docs/alignment.md,
 * "Notes and end marks"): 1 for notes and end marks (never linked); wire
 * furniture, kept out of the alignment and the translation check and
 * linked by its place to its like, 2 for datelines and bylines, 3 for
 * credits, 4 for markers; 0 for prose (sentences and headlines) and for
 * an unknown kind. @since 0.1
 */
TM_API unsigned char tm_seg_kind_apart(tm_seg_kind kind);

TM_END_DECLS

#endif /* TM_SEGMENT_H */
