/* SPDX-License-Identifier: MIT */
/* The x-libtm-extra record (TM__TMX_EXTRA_ATTR in tmx-private.h) and the
 * backslash escape it shares with the store's attribute column: one codec,
 * written by the reader (tmx-read.c), read by the writer (tmx-write.c) and
 * renumbered by a merge (store.c). Defined in tmx-extra.c. */
#ifndef TM_TMX_EXTRA_PRIVATE_H
#define TM_TMX_EXTRA_PRIVATE_H

#include "tmx-private.h"

/* Append @s to @b with backslash, TAB and LF written as a backslash
 * followed by a backslash, 't' or 'n'. TM_ENOMEM on failure. */
tm_status tm__extra_escape(tm__buf *b, const char *s);

/* Undo tm__extra_escape() over s[0..n) into @dst (which may be @s; it
 * needs n + 1 bytes); returns the length written, NUL-terminated. */
size_t tm__extra_unescape(char *dst, const char *s, size_t n);

/* Append to @b one pending item of a prop or note being read: @what 'c'
 * (a comment) or 'i' (a PI "TARGET DATA") at byte @offset of its text:
 * "WHAT OFFSET TAB escaped-text LF". */
tm_status tm__extra_pending(tm__buf *b, char what, size_t offset,
                            const char *text);

/* Append to @b (holding @old, the owner's record so far, or empty when
 * @old is NULL) the items of prop ('p') or note ('n') @kind number @index
 * whose text is @text: its o-encoding @enc (NULL: none) and the pending
 * items @pending (tm__extra_pending() lines, NULL: none). */
tm_status tm__extra_record(tm__buf *b, const char *old, char kind,
                           size_t index, const char *text, const char *enc,
                           const char *pending);

/* One item of a record. */
typedef struct tm__extra_item {
	char what;     /* 'e' o-encoding, 'c' a comment, 'i' a PI */
	size_t offset; /* 'c', 'i': where in the text */
	const char *value;
	size_t len; /* of value, escaped */
} tm__extra_item;

/* The next item of record @*s for prop or note @kind @index whose text
 * hashes to @hash (tm__tmx_text_hash()); false when there is none left.
 * Malformed lines are skipped. */
bool tm__extra_next(const char **s, char kind, size_t index,
                    unsigned long hash, tm__extra_item *it);

/* An item's value, unescaped, into @b (reset first); false when out of
 * memory. */
bool tm__extra_value(tm__buf *b, const tm__extra_item *it);

/* Append to @b the lines of record @rec about prop ('p') or note ('n')
 * @kind number @from, renumbered @to: the items of a prop or note that a
 * merge moved to another place. An item that @b has for @to already is
 * left out: for a prop or note both units have, the stored unit's
 * o-encoding (or comment at an offset) stands, and the new unit adds
 * those it lacks. */
tm_status tm__extra_move(tm__buf *b, const char *rec, char kind, size_t from,
                         size_t to);

#endif
