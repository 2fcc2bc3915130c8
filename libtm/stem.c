/* SPDX-License-Identifier: MIT */
/* Word stems through the Snowball stemmers (stem-private.h). */
#include "stem-private.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More languages than a TM holds: the slots past it stay unused. */
#define STEMS_MAX 16

struct tm__stemmer {
	char lang[16];
	struct sb_stemmer *sb; /* NULL: no stemmer for lang */
};

struct tm__stems {
	struct tm__stemmer v[STEMS_MAX];
	size_t n;
	struct tm__stemmer *last; /* the last asked for: the common case */
};

/* Whether Snowball 2.2 has an algorithm for the ISO 639-1 code @lang
 * (its modules' list of names; sb_stemmer_list() gives only the English
 * names). */
static bool
has_algorithm(const char *lang)
{
	static const char codes[] = " ar hy eu ca da nl en fi fr de el hi hu"
	                            " id ga it lt ne nb no pt ro ru sr es sv"
	                            " ta tr yi ";
	char k[8];

	if (strlen(lang) != 2)
		return false;
	snprintf(k, sizeof(k), " %s ", lang);
	return strstr(codes, k) != NULL;
}

tm_status
tm__stems_new(tm__stems **out)
{
	*out = tm__calloc(1, sizeof(**out));
	return *out ? TM_OK : tm__error_oom();
}

void
tm__stems_free(tm__stems *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		sb_stemmer_delete(s->v[i].sb);
	tm__free(s);
}

tm_status
tm__stems_get(tm__stemmer **out, tm__stems *s, const char *lang_base)
{
	struct tm__stemmer *e;
	size_t n = strlen(lang_base);

	*out = NULL;
	if (s->last && strcmp(s->last->lang, lang_base) == 0) {
		*out = s->last->sb ? s->last : NULL;
		return TM_OK;
	}
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].lang, lang_base) == 0) {
			s->last = &s->v[i];
			*out = s->v[i].sb ? s->last : NULL;
			return TM_OK;
		}
	/* an unusual tag, or more languages than slots: no stems, which
	 * only costs the inflected forms */
	if (n == 0 || n >= sizeof(e->lang) || s->n == STEMS_MAX)
		return TM_OK;
	e = &s->v[s->n];
	memcpy(e->lang, lang_base, n + 1);
	/* Snowball knows its languages by their ISO 639 codes too. It
	 * returns NULL for an unknown one and for an allocation failure
	 * alike: a language it has is told apart by a second try. */
	e->sb = sb_stemmer_new(lang_base, "UTF_8");
	if (!e->sb && (e->sb = sb_stemmer_new(lang_base, "UTF_8")) == NULL &&
	    has_algorithm(lang_base))
		return tm__error_oom();
	s->n++;
	s->last = e;
	*out = e->sb ? e : NULL;
	return TM_OK;
}

tm_status
tm__stem(const char **out, size_t *outlen, tm__stemmer *st, const char *word,
         size_t len)
{
	const sb_symbol *r;

	if (len > INT32_MAX)
		len = 0;
	r = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
	if (!r)
		return tm__error_oom();
	*out = (const char *)r;
	*outlen = (size_t)sb_stemmer_length(st->sb);
	return TM_OK;
}
