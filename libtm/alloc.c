/* SPDX-License-Identifier: MIT */
/* Growable buffers (allocated through mem.c's wrappers) and tm_version(). */
#include "tm-private.h"

#include <stdlib.h>
#include <string.h>

const char *
tm_version(void)
{
	return TM__VERSION; /* meson.build's project() */
}

tm_status
tm__buf_grow(tm__buf *b, size_t extra)
{
	/* room for @extra more bytes and the NUL; a sum that wraps fails */
	if (extra >= SIZE_MAX - b->len ||
	    !TM__ARRAY_GROW(b->data, b->cap, b->len + extra + 1, 64))
		return tm__error_oom();
	return TM_OK;
}

/* The append of every tm__buf_append*(): millions of calls per import
 * (markup, index terms, keys), nearly all of which fit, so the capacity
 * check stays here and only growing is a call. */
static inline tm_status
buf_append(tm__buf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap) {
		tm_status st = tm__buf_grow(b, n);

		if (st < 0)
			return st;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return TM_OK;
}

tm_status
tm__buf_append(tm__buf *b, const char *s, size_t n)
{
	return buf_append(b, s, n);
}

tm_status
tm__buf_append_str(tm__buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

char *
tm__buf_steal(tm__buf *b)
{
	char *p = b->data;

	if (!p)
		p = tm__strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
tm__buf_dispose(tm__buf *b)
{
	tm__free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
