/* SPDX-License-Identifier: MIT */
/* The x-libtm-extra record: the o-encodings, comments and PIs of props
 * and notes (format in tmx-private.h, TM__TMX_EXTRA_ATTR, and
 * docs/tmx-mapping.md). The one place that writes, reads and renumbers
 * its lines, so the reader, the writer and a merge cannot disagree. */
#include "tmx-extra-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tm_status
tm__extra_escape(tm__buf *b, const char *s)
{
	tm_status st = TM_OK;

	for (const char *run = s;; s++) {
		const char *rep = *s == '\\'   ? "\\\\"
		                  : *s == '\t' ? "\\t"
		                  : *s == '\n' ? "\\n"
		                               : NULL;

		if (!rep && *s)
			continue;
		st = tm__buf_append(b, run, (size_t)(s - run));
		if (st < 0 || !*s)
			return st;
		if ((st = tm__buf_append_str(b, rep)) < 0)
			return st;
		run = s + 1;
	}
}

size_t
tm__extra_unescape(char *dst, const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			dst[k++] = s[i] == 't'   ? '\t'
			           : s[i] == 'n' ? '\n'
			                         : s[i];
		} else {
			dst[k++] = s[i];
		}
	}
	dst[k] = '\0';
	return k;
}

tm_status
tm__extra_pending(tm__buf *b, char what, size_t offset, const char *text)
{
	char off[32];
	tm_status st;

	snprintf(off, sizeof(off), "%c%zu\t", what, offset);
	if ((st = tm__buf_append_str(b, off)) < 0 ||
	    (st = tm__extra_escape(b, text)) < 0)
		return st;
	return tm__buf_append(b, "\n", 1);
}

tm_status
tm__extra_record(tm__buf *b, const char *old, char kind, size_t index,
                 const char *text, const char *enc, const char *pending)
{
	char head[64];
	tm_status st = TM_OK;

	snprintf(head, sizeof(head), "%c%zu\t%08lx\t", kind, index,
	         tm__tmx_text_hash(text));
	if (old && (st = tm__buf_append_str(b, old)) < 0)
		return st;
	if (enc && ((st = tm__buf_append_str(b, head)) < 0 ||
	            (st = tm__buf_append(b, "e\t", 2)) < 0 ||
	            (st = tm__extra_escape(b, enc)) < 0 ||
	            (st = tm__buf_append(b, "\n", 1)) < 0))
		return st;
	/* each pending "WHAT OFFSET TAB text LF" becomes
	 * "HEAD WHAT OFFSET TAB text LF" */
	for (const char *c = pending; c && *c;) {
		const char *nl = strchr(c, '\n');

		if ((st = tm__buf_append_str(b, head)) < 0 ||
		    (st = tm__buf_append(b, c, (size_t)(nl - c + 1))) < 0)
			return st;
		c = nl + 1;
	}
	return st;
}

bool
tm__extra_next(const char **s, char kind, size_t index, unsigned long hash,
               tm__extra_item *it)
{
	while (**s) {
		const char *line = *s, *nl = strchr(line, '\n'), *t;
		char *end;
		unsigned long long idx, h;

		if (!nl)
			nl = line + strlen(line);
		*s = *nl ? nl + 1 : nl;
		if (*line != kind)
			continue;
		idx = strtoull(line + 1, &end, 10);
		if (end == line + 1 || *end != '\t' || idx != index)
			continue;
		h = strtoull(end + 1, &end, 16);
		if (*end != '\t' || h != hash ||
		    (end[1] != 'e' && end[1] != 'c' && end[1] != 'i'))
			continue;
		it->what = end[1];
		it->offset = 0;
		t = end + 2;
		if (it->what != 'e') {
			it->offset = (size_t)strtoull(t, &end, 10);
			if (end == t)
				continue;
			t = end;
		}
		if (*t != '\t')
			continue;
		it->value = t + 1;
		it->len = (size_t)(nl - it->value);
		return true;
	}
	return false;
}

bool
tm__extra_value(tm__buf *b, const tm__extra_item *it)
{
	b->len = 0;
	if (tm__buf_grow(b, it->len + 1) < 0)
		return false;
	b->len = tm__extra_unescape(b->data, it->value, it->len);
	return true;
}

/* The bytes of record line @e (after its number) that name its item:
 * TAB HASH TAB ITEM, ITEM being "e" (the o-encoding), "c5" (a comment at
 * byte 5) or "i5" (a PI); 0 when the line has no value. */
static size_t
item_len(const char *e, const char *end)
{
	const char *h = memchr(e + 1, '\t', (size_t)(end - e - 1));
	const char *t = h ? memchr(h + 1, '\t', (size_t)(end - h - 1)) : NULL;

	return t ? (size_t)(t - e) : 0;
}

/* The number of record line @line when it is about prop ('p') or note
 * ('n') @kind: *@e then points at the TAB after it. */
static bool
line_of(const char *line, char kind, size_t num, char **e)
{
	return *line == kind && line[1] >= '0' && line[1] <= '9' &&
	       strtoull(line + 1, e, 10) == num && **e == '\t';
}

/* Whether record @rec has item @item (@len bytes, see item_len()) for
 * @kind @num. */
static bool
has_item(const char *rec, char kind, size_t num, const char *item,
         size_t len)
{
	for (const char *line = rec; line && *line;) {
		const char *nl = strchr(line, '\n');
		const char *end = nl ? nl : line + strlen(line);
		char *e;

		if (line_of(line, kind, num, &e) &&
		    item_len(e, end) == len && memcmp(e, item, len) == 0)
			return true;
		line = nl ? nl + 1 : NULL;
	}
	return false;
}

tm_status
tm__extra_move(tm__buf *b, const char *rec, char kind, size_t from, size_t to)
{
	char num[32];
	tm_status st = TM_OK;

	for (const char *line = rec; *line && st == TM_OK;) {
		const char *nl = strchr(line, '\n');
		const char *end = nl ? nl : line + strlen(line);
		char *e;
		size_t n;

		if (line_of(line, kind, from, &e) &&
		    !((n = item_len(e, end)) &&
		      has_item(b->data, kind, to, e, n))) {
			snprintf(num, sizeof(num), "%c%zu", kind, to);
			if ((st = tm__buf_append_str(b, num)) == TM_OK &&
			    (st = tm__buf_append(b, e, (size_t)(end - e))) ==
			            TM_OK)
				st = tm__buf_append(b, "\n", 1);
		}
		line = nl ? nl + 1 : end;
	}
	return st;
}
