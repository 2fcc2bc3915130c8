/* SPDX-License-Identifier: MIT */
/* UTF-8 validation with byte offsets, and the UTF-8/UTF-16 boundary. */
#include "text-private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

/* Length of the well-formed UTF-8 sequence at @p (0 if ill-formed), following
 * Table 3-7 of the Unicode Standard. */
static inline size_t
utf8_seq_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
		unsigned char hi = c == 0xED ? 0x9F : 0xBF;

		if (avail < 3 || p[1] < lo || p[1] > hi ||
		    (p[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
		unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;

		if (avail < 4 || p[1] < lo || p[1] > hi ||
		    (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

tm_status
tm_utf8_validate(size_t *out_offset, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		/* ASCII fast path: most news text is mostly ASCII, so skip
		 * it 8 bytes at a time while there are 8 left. */
		if (p[i] < 0x80) {
			uint64_t w;

			i++;
			while (i + 8 <= len) {
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (n == 0) {
			if (out_offset)
				*out_offset = i;
			return tm__error_set(TM_EUNICODE,
			                     "text: invalid UTF-8 at byte %zu",
			                     i);
		}
		i += n;
	}
	return TM_OK;
}

tm_status
tm__ubuf_reserve(tm__ubuf *b, int32_t cap)
{
	UChar *p;

	if (cap <= b->cap)
		return TM_OK;
	p = tm__realloc(b->data, (size_t)cap * sizeof(UChar));
	if (!p)
		return tm__error_oom();
	b->data = p;
	b->cap = cap;
	return TM_OK;
}

void
tm__ubuf_dispose(tm__ubuf *b)
{
	tm__free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

tm_status
tm__utf8_to_utf16(tm__ubuf *out, const char *s, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0;
	tm_status st;

	if (len > (size_t)INT32_MAX / 2)
		return tm__error_set(TM_EINVAL, "text: input of %zu bytes is "
		                                "too large", len);
	st = tm_utf8_validate(NULL, s, len);
	if (st < 0)
		return st;
	/* UTF-16 never needs more code units than UTF-8 has bytes. */
	st = tm__ubuf_reserve(out, (int32_t)len + 1);
	if (st < 0)
		return st;
	u_strFromUTF8(out->data, out->cap, &need, s, (int32_t)len, &err);
	if (U_FAILURE(err))
		return tm__error_set(TM_EUNICODE, "text: UTF-8 conversion "
		                     "failed: %s", u_errorName(err));
	out->len = need;
	return TM_OK;
}

tm_status
tm__utf16_to_utf8(char **out, const UChar *s, int32_t len, size_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0;
	char *buf;

	*out = NULL;
	/* Each UTF-16 unit gives at most 3 UTF-8 bytes. */
	buf = tm__malloc((size_t)len * 3 + 1);
	if (!buf)
		return tm__error_oom();
	u_strToUTF8(buf, len * 3 + 1, &need, s, len, &err);
	if (U_FAILURE(err)) {
		tm__free(buf);
		return tm__error_set(TM_EUNICODE, "text: UTF-16 conversion "
		                     "failed: %s", u_errorName(err));
	}
	buf[need] = '\0';
	if (out_len)
		*out_len = (size_t)need;
	*out = buf;
	return TM_OK;
}

size_t
tm__utf8_offset_of(const char *s, size_t len, int32_t u16)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t units = 0;

	while (i < len && units < u16) {
		size_t n = utf8_seq_len(p + i, len - i);

		if (n == 0)
			n = 1;
		units += n == 4 ? 2 : 1;
		i += n;
	}
	return i;
}
