/* SPDX-License-Identifier: MIT */
/* The glossary of names and terms (docs/check.md): entries of en, ko and
 * ru forms, read from TSV, and their transliteration keys for a checker's
 * language pair. The name check (check-names.c) looks the terms up. */
#include "check-private.h"
#include "array-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
int
tm__gl_lang_index(const char *lang)
{
	if (!lang)
		return -1;
	if ((lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
	    (!lang[2] || lang[2] == '-'))
		return 0;
	if ((lang[0] | 0x20) == 'k' && (lang[1] | 0x20) == 'o' &&
	    (!lang[2] || lang[2] == '-'))
		return 1;
	if ((lang[0] | 0x20) == 'r' && (lang[1] | 0x20) == 'u' &&
	    (!lang[2] || lang[2] == '-'))
		return 2;
	return -1;
}

/* ---- the glossary ------------------------------------------------------- */

TM_API tm_status
tm_glossary_new(tm_glossary **out)
{
	if (!out)
		return tm__error_set(TM_EINVAL, "glossary: no output pointer");
	*out = tm__calloc(1, sizeof(**out));
	return *out ? TM_OK : tm__error_oom();
}

TM_API void
tm_glossary_free(tm_glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		for (int k = 0; k < 3; k++)
			tm__free(g->v[i].form[k]);
	tm__free(g->v);
	tm__free(g);
}

TM_API size_t
tm_glossary_count(const tm_glossary *g)
{
	return g ? g->n : 0;
}

/* Add an entry from @n-byte forms (NULL or empty: none). */
static tm_status
gl_add(tm_glossary *g, const char *const f[3], const size_t n[3])
{
	tm__glentry e = {{NULL, NULL, NULL}};
	int given = 0;

	for (int k = 0; k < 3; k++)
		if (f[k] && n[k]) {
			if (tm_utf8_validate(NULL, f[k], n[k]) < 0)
				return TM_EUNICODE;
			given++;
		}
	if (given < 2)
		return TM_EINVAL;
	if (!TM__ARRAY_GROW(g->v, g->cap, g->n + 1, 32))
		return tm__error_oom();
	for (int k = 0; k < 3; k++) {
		if (!f[k] || !n[k])
			continue;
		e.form[k] = tm__strndup(f[k], n[k]);
		if (!e.form[k]) {
			for (int q = 0; q < k; q++)
				tm__free(e.form[q]);
			return tm__error_oom();
		}
	}
	g->v[g->n++] = e;
	return TM_OK;
}

TM_API tm_status
tm_glossary_add(tm_glossary *g, const char *en, const char *ko, const char *ru)
{
	const char *f[3] = {en, ko, ru};
	size_t n[3];
	tm_status rc;

	if (!g)
		return tm__error_set(TM_EINVAL, "glossary: no glossary");
	for (int k = 0; k < 3; k++)
		n[k] = f[k] ? strlen(f[k]) : 0;
	rc = gl_add(g, f, n);
	if (rc == TM_EINVAL)
		return tm__error_set(rc, "glossary: an entry needs two forms");
	if (rc == TM_EUNICODE)
		return tm__error_set(rc, "glossary: invalid UTF-8");
	return rc;
}

TM_API tm_status
tm_glossary_load_memory(size_t *out_count,
                        tm_glossary *g,
                        const char *text,
                        size_t len,
                        const char *name)
{
	int col[3] = {0, 1, 2}; /* column of en, ko, ru */
	size_t i = 0, line = 0, count = 0;

	if (out_count)
		*out_count = 0;
	if (!g || (!text && len))
		return tm__error_set(TM_EINVAL, "glossary: missing argument");
	if (!name)
		name = "<glossary>";
	while (i < len) {
		const char *f[4] = {NULL, NULL, NULL, NULL}, *form[3];
		size_t n[4] = {0, 0, 0, 0}, fn[3], e = i, nf = 0, s;
		tm_status rc;

		line++;
		while (e < len && text[e] != '\n')
			e++;
		s = i;
		i = e + 1;
		if (e > s && text[e - 1] == '\r')
			e--;
		if (s == e || text[s] == '#')
			continue;
		if (tm_utf8_validate(NULL, text + s, e - s) < 0)
			return tm__error_set(TM_EUNICODE,
			                     "glossary: %s:%zu: invalid UTF-8",
			                     name, line);
		for (size_t p = s;; p++) {
			if (p == e || text[p] == '\t') {
				if (nf == 4)
					break;
				f[nf] = text + s;
				n[nf] = p - s;
				/* trim spaces around a form */
				while (n[nf] && f[nf][0] == ' ') {
					f[nf]++;
					n[nf]--;
				}
				while (n[nf] && f[nf][n[nf] - 1] == ' ')
					n[nf]--;
				nf++;
				s = p + 1;
				if (p == e)
					break;
			}
		}
		if (nf > 3)
			return tm__error_set(
			        TM_EPARSE,
			        "glossary: %s:%zu: more than three "
			        "columns (en, ko, ru)",
			        name, line);
		if (line == 1 || count == 0) {
			/* a header naming the columns */
			int seen = 0, c[3] = {-1, -1, -1};

			for (size_t k = 0; k < nf; k++) {
				char tag[3] = {0};
				int x;

				if (n[k] != 2)
					break;
				tag[0] = f[k][0];
				tag[1] = f[k][1];
				x = tm__gl_lang_index(tag);
				if (x < 0 || c[x] >= 0)
					break;
				c[x] = (int)k;
				seen++;
			}
			if (seen == (int)nf && seen >= 2) {
				for (int k = 0; k < 3; k++)
					col[k] = c[k];
				continue;
			}
		}
		for (int k = 0; k < 3; k++) {
			form[k] = col[k] >= 0 && (size_t)col[k] < nf ? f[col[k]]
			                                             : NULL;
			fn[k] = col[k] >= 0 && (size_t)col[k] < nf ? n[col[k]]
			                                           : 0;
		}
		rc = gl_add(g, form, fn);
		if (rc == TM_EINVAL)
			return tm__error_set(
			        TM_EPARSE,
			        "glossary: %s:%zu: an entry needs two "
			        "forms",
			        name, line);
		if (rc < 0)
			return rc;
		count++;
	}
	if (out_count)
		*out_count = count;
	return TM_OK;
}

TM_API tm_status
tm_glossary_load(size_t *out_count, tm_glossary *g, const char *path)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	tm_status rc;

	if (out_count)
		*out_count = 0;
	if (!g || !path)
		return tm__error_set(TM_EINVAL, "glossary: missing argument");
	f = fopen(path, "rb");
	if (!f)
		return tm__error_set(errno == ENOENT ? TM_ENOTFOUND : TM_EIO,
		                     "glossary: %s: %s", path, strerror(errno));
	for (;;) {
		if (!TM__ARRAY_GROW(buf, cap, len + 4096, 65536)) {
			tm__free(buf);
			fclose(f);
			return tm__error_oom();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		tm__free(buf);
		fclose(f);
		return tm__error_set(TM_EIO, "glossary: %s: read failed", path);
	}
	fclose(f);
	rc = tm_glossary_load_memory(out_count, g, buf, len, path);
	tm__free(buf);
	return rc;
}

tm_status
tm__check_glossary_keys(tm_checker *ck)
{
	const tm_glossary *g = ck->gl;

	if (!g || !g->n || ck->sgl < 0 || ck->tgl < 0)
		return TM_OK;
	ck->glkeys = tm__calloc(2 * g->n, sizeof(char *));
	if (!ck->glkeys)
		return tm__error_oom();
	for (size_t i = 0; i < g->n; i++) {
		const char *a = g->v[i].form[ck->sgl],
		           *b = g->v[i].form[ck->tgl];
		tm_status rc = TM_OK;

		if (a)
			rc = tm_translit_key(&ck->glkeys[2 * i], ck->tr, a,
			                     strlen(a));
		if (rc == TM_OK && b)
			rc = tm_translit_key(&ck->glkeys[2 * i + 1], ck->tr, b,
			                     strlen(b));
		if (rc < 0)
			return rc;
	}
	return TM_OK;
}
