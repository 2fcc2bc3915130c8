/* SPDX-License-Identifier: MIT */
/* The review file of `tm align --format json` (docs/alignment.md,
 * "Formats"), read in one place for `tm align --apply-review` and `tm
 * serve`'s /api/review: the sentence indices of a link, its texts as the
 * reviewer left them (the "check" checksum tells an edit of the link's
 * texts from an edit of the sentence lists), its neighbours. */
#ifndef TM_TOOLS_REVIEW_H
#define TM_TOOLS_REVIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include <tm/tm.h>

/* Consecutive sentence indices below @max in the JSON array @a, as
 * *@first and *@n; false otherwise. */
bool review_indices(json_t *a, size_t *first, size_t *n, size_t max);

/* The JSON array first..first+n-1 (a new reference). */
json_t *review_indices_json(size_t first, size_t n);

/* The "text" of sentence @i of a review document's list @arr, or NULL. */
const char *review_sentence_text(json_t *arr, size_t i);

/* Member @key of a review document or of one of its links, named as
 * every JSON of the tm command names them (source_lang, target_file,
 * source_sentences, source, target_text, ...), else as review files
 * written before 0.1 named them (src_lang, tgt_file, src_sentences, src,
 * tgt_text, ...); NULL when it has neither. Borrowed from @o. */
json_t *review_get(json_t *o, const char *key);

/* The language of a review document's source (@source) or target side
 * (review_get() of "source_lang", "target_lang"); NULL when absent. */
const char *review_lang(json_t *doc, bool source);

/* The checksum a review file keeps of a link's texts ("check"): 64-bit
 * FNV-1a of @st, a 0x1f byte and @tt, in hex. */
void review_texts_check(char out[17], const char *st, const char *tt);

/* The review file's format that `tm align --format json`, tm serve's
 * /api/align, its page and the Python bindings write: 2, every link with
 * its "status" ("auto" with its confidence, or "confirmed"). Format 1
 * (before statuses were written) is still read: there a link without a
 * status is confirmed, as applying such a file was documented to do. */
#define REVIEW_FORMAT 2

/* The format of review document @doc (1 or REVIEW_FORMAT) when it is one
 * this reader takes (an object with that "format", a "links" array and
 * both sentence arrays), else 0. */
int review_format(json_t *doc);

/* Read link @l (sentences @ss and @ts, indices checked by the caller) of
 * a review file of format @format (review_format()) into @x for
 * tm_db_put_links(), texts malloc()ed (free with review_links_free()),
 * with the link's "status": "confirmed" (confidence 1.0) or "auto" (its
 * "confidence", from 0 to 1, as `tm align --db` stores it). An edited
 * text (review_text()) is a confirmation: the link is stored confirmed
 * whatever its status. A link without a status is refused in format 2;
 * in format 1 it is confirmed, and *@unstated is set (when not edited)
 * so that the caller can say so. False when it cannot be stored: *@side
 * names the member ("source_text", "target_text", "status",
 * "confidence") and *@why says why, or *@why is NULL when memory ran
 * out. */
bool review_read_link(json_t *l, json_t *ss, json_t *ts, int format,
                      tm_db_link *x, bool *unstated, const char **side,
                      const char **why);

/* Free @n links read by review_read_link(), and @v. */
void review_links_free(tm_db_link *v, size_t n);

/* Whether link @l holds a sentence kept apart on either side: @sapart
 * and @tapart hold tm_seg_kind_apart() per sentence (NULL: none). Such
 * a link is never stored (tm align and /api/align alike). */
bool review_link_apart(const unsigned char *sapart,
                       const unsigned char *tapart, const tm_align_link *l);

/* Whether link @l of a review document (sentences @ss and @ts) holds a
 * sentence whose "kind" is furniture or a note (dateline, byline, credit,
 * marker, note, end): such a link is never stored, even confirmed (the
 * reviewer vouches for the link, not for reusing one story's date or
 * reporter in another). False for bad indices and for sentences without
 * a kind (a hand-made file, or one written before presegmented lines
 * had kinds). */
bool review_link_furniture(json_t *l, json_t *ss, json_t *ts);

/* What a review file says of a link of furniture ("store"). */
#define REVIEW_STORE_FURNITURE "never: furniture"

#endif
