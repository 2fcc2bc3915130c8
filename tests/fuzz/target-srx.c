/* SPDX-License-Identifier: MIT */
/* Fuzz target: the SRX 2.0 loader. The input is written to a scratch file
 * (the loader reads a path), loaded for two languages, and the rules that
 * load are applied to a fixed news text, so that the rule compiler and
 * the rule matcher both see what the fuzzer makes of the XML. */
#include "fuzz-targets.h"

#include <stdio.h>
#include <string.h>
#include <tm/tm.h>

static const char text[] =
        "SEOUL, Nov. 27 (Yonhap) -- Mr. Kim met Dr. Lee at 3 p.m. on "
        "Monday. They agreed.\n"
        "Prices rose 1.5 pct. in Oct. \"We will see,\" he said!\n\n"
        "서울=연합뉴스) 김철수 기자 = 한국은행은 27일 기준금리를 동결했다. "
        "그러나 물가는 올랐다.\n\n"
        "Москва, 27 ноября. В г. Москве цены выросли на 2 млн. руб. "
        "Т.е. больше.\n";

const char *
tm_fuzz_srx(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "en", "ko", "ru" };
	const char *path = tm_fuzz_scratch_path();
	FILE *f = fopen(path, "wb");

	if (!f)
		return "cannot write the scratch file";
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return "cannot write the scratch file";
	}
	if (fclose(f) != 0)
		return "cannot write the scratch file";
	for (size_t i = 0; i < 3; i++) {
		tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;
		tm_segmenter *seg = NULL;
		tm_segment_list *list = NULL;
		tm_status st;

		o.srx_path = path;
		st = tm_segmenter_new(&seg, langs[i], &o);
		if (st < 0) {
			if (seg)
				return "failed open left a segmenter";
			if (!*tm_errmsg())
				return "SRX error without a message";
			if (st == TM_ENOMEM)
				return "SRX load ran out of memory";
			continue;
		}
		st = tm_segment_text(&list, seg, text, sizeof(text) - 1);
		if (st == TM_OK) {
			size_t n = tm_segment_list_count(list);

			for (size_t k = 0; k < n; k++) {
				const tm_segment *s = tm_segment_list_get(list, k);

				if (!s || s->text[s->len] != '\0' ||
				    s->offset >= sizeof(text) - 1) {
					tm_segment_list_free(list);
					tm_segmenter_free(seg);
					return "bad segment from SRX rules";
				}
			}
		} else if (!*tm_errmsg()) {
			tm_segmenter_free(seg);
			return "segmentation error without a message";
		}
		tm_segment_list_free(list);
		tm_segmenter_free(seg);
	}
	return NULL;
}
