/* SPDX-License-Identifier: MIT */
/* UTF-8 <-> UTF-16 at the ICU boundary. Only the ICU-facing files
 * (text, normalize, segment, srx, translit) include this header. */
#ifndef TM_TEXT_PRIVATE_H
#define TM_TEXT_PRIVATE_H

#include <unicode/utypes.h>

#include "tm-private.h"

/* A growable UTF-16 buffer. Zero-initialise. */
typedef struct tm__ubuf {
	UChar *data;
	int32_t len;
	int32_t cap;
} tm__ubuf;

tm_status tm__ubuf_reserve(tm__ubuf *b, int32_t cap);
void tm__ubuf_dispose(tm__ubuf *b);

/* Convert UTF-8 to UTF-16 into @out (replacing its contents). Invalid UTF-8
 * fails with TM_EUNICODE and the byte offset in the message. */
tm_status tm__utf8_to_utf16(tm__ubuf *out, const char *s, size_t len);

/* Convert UTF-16 to a newly allocated UTF-8 string (free with tm_free). */
tm_status tm__utf16_to_utf8(char **out, const UChar *s, int32_t len,
                            size_t *out_len);

/* Byte offset in the UTF-8 original of UTF-16 index @u16 of the converted
 * text. Linear; used only to report positions. */
size_t tm__utf8_offset_of(const char *s, size_t len, int32_t u16);

#endif
