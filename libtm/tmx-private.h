/* SPDX-License-Identifier: MIT */
/* Conventions shared by tmx_read.c, tmx_write.c and tmx_import.c. */
#ifndef TM_TMX_PRIVATE_H
#define TM_TMX_PRIVATE_H

#include "tm-private.h"

/* A prop of this type prefix carries an attribute TMX 1.4b does not
 * declare on that element (`x-libtm-attr:id`): the writer emits it so the
 * file stays valid, the reader turns it back into the attribute. */
#define TM__TMX_ATTR_PROP "x-libtm-attr:"
/* A header prop of this type holds one <ude> element as XML. */
#define TM__TMX_UDE_PROP "x-libtm-ude"
/* <ph type="x-libtm-ctrl">0B</ph> stands for a C0 control character,
 * which XML 1.0 cannot carry; the reader puts it back in the plain text. */
#define TM__TMX_CTRL_TYPE "x-libtm-ctrl"

/* Whether the reader refused the input for safety (entities, depth):
 * such a file is not imported even in part. */
bool tm__tmx_reader_hostile(const tm_tmx_reader *r);
/* Number of warnings (lenient repairs) so far. */
long long tm__tmx_reader_warnings(const tm_tmx_reader *r);

/* The XML escape of byte @c in TMX output: "&amp;", "&lt;", "&gt;",
 * "&quot;" and character references for CR, TAB and LF (so attribute
 * values keep them), or NULL when @c is written as it is. The reader
 * (re-serialising inline markup) and the writer share it so both produce
 * the same bytes. */
static inline const char *
tm__xml_entity(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\r':
		return "&#13;";
	case '\t':
		return "&#9;";
	case '\n':
		return "&#10;";
	}
	return NULL;
}

#endif
