/* SPDX-License-Identifier: MIT */
/* Conventions shared by tmx-read.c, tmx-write.c and tmx-import.c. */
#ifndef TM_TMX_PRIVATE_H
#define TM_TMX_PRIVATE_H

#include "fnv-private.h"
#include "tm-private.h"

/* A prop of this type prefix carries an attribute TMX 1.4b does not
 * declare on that element (`x-libtm-attr:id`): the writer emits it so the
 * file stays valid, the reader turns it back into the attribute. */
#define TM__TMX_ATTR_PROP "x-libtm-attr:"
/* A header prop of this type holds one <ude> element as XML. */
#define TM__TMX_UDE_PROP "x-libtm-ude"
/* Where notes, props, comments and variants stood, when that was not
 * the writer's default order (notes, props, then the tuvs / the seg / the
 * udes): an attribute of the tu, tuv or header holding one letter per
 * child in document order: 'n' a note, 'p' a prop, 'c' a comment, 'i' a
 * processing instruction, 'v' a tuv, 's' the seg, 'u' a <ude>; in a tu,
 * the comments and PIs of <body> before it come first, ended by '|'. The Nth
 * 'n' stands for the Nth note, etc. The writer follows it as far as the counts
 * go and the DTD allows (no note or prop after a tuv or the seg), then writes
 * what is left. */
#define TM__TMX_ORDER_ATTR "x-libtm-order"
/* A prop of this type is an XML comment that stood at that level (tu,
 * tuv, header, or <body> before the tu); written back as a comment. */
#define TM__TMX_COMMENT_PROP "x-libtm-comment"
/* The same for a processing instruction, its value "TARGET" or
 * "TARGET DATA". */
#define TM__TMX_PI_PROP "x-libtm-pi"
/* Header props "x-libtm-comment-PLACE" and "x-libtm-pi-PLACE" are the
 * comments and PIs that stood outside the header and the units, which
 * have no other owner, at PLACE: before <tmx>, between <tmx> and
 * <header>, between </header> and <body>, after the last <tu>, after
 * </body>, after </tmx> (the places below, in document order). The writer
 * puts each back at its place. */
#define TM__TMX_PLACE_BEFORE_TMX "before-tmx"
#define TM__TMX_PLACE_BEFORE_HEADER "before-header"
#define TM__TMX_PLACE_BEFORE_BODY "before-body"
#define TM__TMX_PLACE_END_BODY "end-body"
#define TM__TMX_PLACE_AFTER_BODY "after-body"
#define TM__TMX_PLACE_AFTER_TMX "after-tmx"
/* What a tm_prop or tm_note cannot hold: the o-encoding attribute of a
 * <prop> or <note> and the XML comments and PIs inside its text. An
 * attribute of the tu, tuv or header owning them, one line per item:
 *   KIND INDEX TAB HASH TAB "e" TAB VALUE        its o-encoding
 *   KIND INDEX TAB HASH TAB "c" OFFSET TAB TEXT  a comment at byte OFFSET
 *   KIND INDEX TAB HASH TAB "i" OFFSET TAB TEXT  a PI ("TARGET DATA")
 * KIND is 'p' (INDEX in the props array, comments and udes included) or
 * 'n' (in the notes); HASH is tm__tmx_text_hash() of the prop's value or
 * the note's text in 8 hex digits, so that an item whose prop or note
 * moved (a merge, an API user) is ignored rather than given to another;
 * in VALUE and TEXT a backslash, TAB and LF are written as a backslash
 * followed by a backslash, 't' or 'n'. The comments and PIs of one
 * element come in document order. */
#define TM__TMX_EXTRA_ATTR "x-libtm-extra"
/* Variant attribute for the xml:space of its <seg> (which has no other
 * place in the TM). */
#define TM__TMX_SEG_SPACE_ATTR "x-libtm-seg-xml:space"
/* Header props "x-original-creationtool" and
 * "x-original-creationtoolversion" carry the original tool of a header
 * whose own creationtool must be libtm's on export; the reader turns
 * them back into those attributes of the origin's header (an empty value:
 * the original had no such attribute). */
#define TM__TMX_ORIG_PROP "x-original-"

/* <ph type="x-libtm-ctrl">0B</ph> stands for a C0 control character,
 * which XML 1.0 cannot carry; the reader puts it back in the plain text. */
#define TM__TMX_CTRL_TYPE "x-libtm-ctrl"

/* FNV-1a of @s: ties an x-libtm-extra item to its prop or note. */
static inline unsigned long
tm__tmx_text_hash(const char *s)
{
	return (unsigned long)tm__fnv32_str(TM__FNV32_INIT, s);
}

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
