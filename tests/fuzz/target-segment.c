/* SPDX-License-Identifier: MIT */
/* Fuzz target: sentence segmentation of arbitrary bytes. Every input is
 * segmented in English, Korean and Russian and line by line, since the
 * three exception lists and the furniture rules are separate code. */
#include "fuzz-targets.h"

#include <stdbool.h>
#include <string.h>
#include <tm/tm.h>

static tm_segmenter *segs[4];

static const char *
check_list(const tm_segment_list *list, size_t size)
{
	size_t n = tm_segment_list_count(list);
	size_t last_off = 0;
	unsigned last_para = 0;

	for (size_t i = 0; i < n; i++) {
		const tm_segment *s = tm_segment_list_get(list, i);

		if (!s || !s->text)
			return "segment without text";
		/* Not strlen(): U+0000 is valid UTF-8 and may be inside. */
		if (s->text[s->len] != '\0')
			return "segment text not terminated at its length";
		if (s->len == 0)
			return "empty segment";
		if (s->offset >= size)
			return "segment offset beyond the input";
		if (i > 0 && (s->offset < last_off || s->paragraph < last_para))
			return "segments out of order";
		if (tm_utf8_validate(NULL, s->text, s->len) < 0)
			return "segment is not valid UTF-8";
		if (!tm_seg_kind_name(s->kind))
			return "segment kind without a name";
		last_off = s->offset;
		last_para = s->paragraph;
	}
	if (tm_segment_list_get(list, n) != NULL)
		return "segment past the end of the list";
	return NULL;
}

const char *
tm_fuzz_segment(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "en", "ko", "ru", "en" };
	const char *broken = NULL;
	bool valid = tm_utf8_validate(NULL, (const char *)data, size) == 0;

	for (size_t i = 0; i < 4 && !broken; i++) {
		tm_segment_list *list = NULL;
		tm_status st;

		if (!segs[i]) {
			tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;

			o.flags = i == 3 ? TM_SEG_FLAG_PRESEGMENTED : 0;
			if (tm_segmenter_new(&segs[i], langs[i], &o) < 0)
				return "cannot open a segmenter";
		}
		st = tm_segment_text(&list, segs[i], (const char *)data, size);
		if (st == TM_OK)
			broken = check_list(list, size);
		else if (st == TM_EUNICODE && valid)
			broken = "valid UTF-8 refused";
		else if (st != TM_EUNICODE)
			broken = "segmentation failed on valid input";
		else if (!*tm_errmsg())
			broken = "error without a message";
		tm_segment_list_free(list);
		if (st == TM_EUNICODE)
			break;
	}
	return broken;
}
