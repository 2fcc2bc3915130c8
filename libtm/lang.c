/* SPDX-License-Identifier: MIT */
/* BCP 47 tag normalization and range matching (RFC 4647 basic filtering). */
#include "tm-private.h"

#include <ctype.h>
#include <string.h>

static bool
subtag_ok(const char *s, size_t n, bool first)
{
	size_t i;

	if (n == 0 || n > 8)
		return false;
	if (first && n < 2)
		return first && n == 1 && (s[0] == 'x' || s[0] == 'X' ||
		                           s[0] == 'i' || s[0] == 'I');
	for (i = 0; i < n; i++) {
		if (first ? !isalpha((unsigned char)s[i])
		          : !isalnum((unsigned char)s[i]))
			return false;
	}
	return true;
}

/* Normalize the tag copied into @t (@len bytes and a NUL) in place; @tag,
 * the original, is for the message. */
static tm_status
normalize_in_place(char *t, size_t len, const char *tag)
{
	size_t start = 0, idx = 0;

	for (size_t i = 0; i <= len; i++) {
		size_t n;

		if (t[i] == '_')
			t[i] = '-';
		if (t[i] != '-' && t[i] != '\0')
			continue;
		n = i - start;
		if (!subtag_ok(t + start, n, idx == 0))
			return tm__error_set(TM_EINVAL,
			                     "lang: '%s' is not a language tag",
			                     tag);
		for (size_t k = start; k < i; k++)
			t[k] = (char)tolower((unsigned char)t[k]);
		/* RFC 5646 2.1.1: 2-letter regions upper case, a 4-letter
		 * script right after the language in title case. */
		if (idx > 0) {
			if (n == 2 && isalpha((unsigned char)t[start])) {
				t[start] = (char)toupper((unsigned char)t[start]);
				t[start + 1] = (char)toupper(
				        (unsigned char)t[start + 1]);
			} else if (n == 4 && idx == 1) {
				t[start] = (char)toupper((unsigned char)t[start]);
			}
		}
		idx++;
		start = i + 1;
	}
	return TM_OK;
}

tm_status
tm_lang_normalize(char **out, const char *tag)
{
	size_t len;
	char *t;
	tm_status st;

	*out = NULL;
	if (!tag || !*tag)
		return tm__error_set(TM_EINVAL, "lang: empty language tag");
	len = strlen(tag);
	t = tm__strndup(tag, len);
	if (!t)
		return tm__error_oom();
	st = normalize_in_place(t, len, tag);
	if (st < 0) {
		tm_free(t);
		return st;
	}
	*out = t;
	return TM_OK;
}

tm_status
tm__lang_normalize_to(char *out, size_t size, const char *tag)
{
	size_t len;

	if (!tag || !*tag)
		return tm__error_set(TM_EINVAL, "lang: empty language tag");
	len = strlen(tag);
	if (len >= size)
		return TM_DONE;
	memcpy(out, tag, len + 1);
	return normalize_in_place(out, len, tag);
}

bool
tm_lang_matches(const char *range, const char *tag)
{
	size_t i;

	if (!range || !tag)
		return false;
	for (i = 0; range[i]; i++) {
		char a = range[i] == '_' ? '-' : range[i];
		char b = tag[i] == '_' ? '-' : tag[i];

		if (tolower((unsigned char)a) != tolower((unsigned char)b))
			return false;
	}
	return tag[i] == '\0' || tag[i] == '-' || tag[i] == '_';
}
