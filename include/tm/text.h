/* SPDX-License-Identifier: MIT */
/**
 * @file text.h
 * UTF-8 validation. Text crosses the libtm API as UTF-8 `char *`.
 */
#ifndef TM_TEXT_H
#define TM_TEXT_H

#include "tm/common.h"

TM_BEGIN_DECLS

/**
 * Check that @p s holds @p len bytes of well-formed UTF-8 (no overlongs,
 * no surrogates, nothing above U+10FFFF).
 * @param[out] out_offset  When not NULL and the text is invalid, receives
 *                         the byte offset of the first bad sequence.
 * @retval TM_OK        the text is valid
 * @retval TM_EUNICODE  it is not; tm_errmsg() names the byte offset
 * @since 0.1
 */
TM_API tm_status tm_utf8_validate(size_t *out_offset, const char *s,
                                  size_t len);

TM_END_DECLS

#endif /* TM_TEXT_H */
