/* SPDX-License-Identifier: MIT */
/* The in-memory translation unit shared by the store, TMX and alignment. */
#include "tm-private.h"

#include <stdlib.h>
#include <string.h>

/* Allocation: an import builds and frees a unit per <tu> on two threads,
 * so each record here is one block: an attribute's name and value, a
 * prop's type, lang and value, a note's text and lang, a variant and its
 * three strings. The first pointer of each record owns the block. */
typedef struct attr {
	char *name; /* owns the block, value included */
	char *value;
} attr;

/* Attributes a meta holds without an array of its own: a <tu> of most
 * tools has a handful (tuid, dates, creationid). */
#define META_INLINE_ATTRS 4

struct tm_meta {
	attr *attrs; /* NULL, inline_attrs, or allocated beyond those */
	size_t nattrs, cattrs;
	tm_prop *props;
	size_t nprops, cprops;
	tm_note *notes;
	size_t nnotes, cnotes;
	attr inline_attrs[META_INLINE_ATTRS];
};

struct tm_variant {
	char *lang;
	char *markup;
	char *plain;
	tm_meta meta;
};

/* Variants a unit holds without an array of its own: TMX units mostly
 * have two. */
#define UNIT_INLINE_VARIANTS 4

struct tm_unit {
	long long id;
	char *origin;
	tm_meta meta;
	tm_variant **variants; /* inline_variants until more are needed */
	size_t nvariants, cvariants;
	tm_variant *inline_variants[UNIT_INLINE_VARIANTS];
};

/* Copy @n strings (NULL ones stay NULL) into one block; out[0], which must
 * not be NULL, is the block. */
static bool
pack_strings(const char **out, const char *const *in, size_t n)
{
	size_t len[3], total = 0;
	char *p;

	for (size_t i = 0; i < n; i++) {
		len[i] = in[i] ? strlen(in[i]) + 1 : 0;
		total += len[i];
	}
	p = tm__malloc(total);
	if (!p)
		return false;
	for (size_t i = 0; i < n; i++) {
		out[i] = in[i] ? memcpy(p, in[i], len[i]) : NULL;
		p += len[i];
	}
	return true;
}

void
tm_meta_clear(tm_meta *m)
{
	for (size_t i = 0; i < m->nattrs; i++)
		tm__free(m->attrs[i].name);
	for (size_t i = 0; i < m->nprops; i++)
		tm__free((char *)m->props[i].type);
	for (size_t i = 0; i < m->nnotes; i++)
		tm__free((char *)m->notes[i].text);
	m->nattrs = m->nprops = m->nnotes = 0;
}

/* Room for one more attribute in @m: the inline slots first. */
static bool
attrs_grow(tm_meta *m)
{
	attr *p;

	if (m->nattrs < m->cattrs)
		return true;
	if (!m->attrs) {
		m->attrs = m->inline_attrs;
		m->cattrs = META_INLINE_ATTRS;
		return true;
	}
	p = tm__malloc(m->cattrs * 2 * sizeof(attr));
	if (!p)
		return false;
	memcpy(p, m->attrs, m->nattrs * sizeof(attr));
	if (m->attrs != m->inline_attrs)
		tm__free(m->attrs);
	m->attrs = p;
	m->cattrs *= 2;
	return true;
}

static void
meta_dispose(tm_meta *m)
{
	tm_meta_clear(m);
	if (m->attrs != m->inline_attrs)
		tm__free(m->attrs);
	tm__free(m->props);
	tm__free(m->notes);
}

/* @a as the block of @name and @value. */
static bool
attr_pack(attr *a, const char *name, const char *value)
{
	const char *in[2] = {name, value}, *out[2];

	if (!pack_strings(out, in, 2))
		return false;
	a->name = (char *)out[0];
	a->value = (char *)out[1];
	return true;
}

tm_status
tm_meta_set_attr(tm_meta *m, const char *name, const char *value)
{
	attr a;

	if (!name)
		return tm__error_set(TM_EINVAL, "unit: attribute without name");
	for (size_t i = 0; i < m->nattrs; i++) {
		if (strcmp(m->attrs[i].name, name) != 0)
			continue;
		if (!value) {
			tm__free(m->attrs[i].name);
			memmove(&m->attrs[i], &m->attrs[i + 1],
			        (m->nattrs - i - 1) * sizeof(attr));
			m->nattrs--;
			return TM_OK;
		}
		if (!attr_pack(&a, name, value))
			return tm__error_oom();
		tm__free(m->attrs[i].name);
		m->attrs[i] = a;
		return TM_OK;
	}
	if (!value)
		return TM_OK;
	if (!attrs_grow(m))
		return tm__error_oom();
	if (!attr_pack(&m->attrs[m->nattrs], name, value))
		return tm__error_oom();
	m->nattrs++;
	return TM_OK;
}

const char *
tm_meta_attr(const tm_meta *m, const char *name)
{
	for (size_t i = 0; i < m->nattrs; i++)
		if (strcmp(m->attrs[i].name, name) == 0)
			return m->attrs[i].value;
	return NULL;
}

size_t
tm_meta_attr_count(const tm_meta *m)
{
	return m->nattrs;
}

tm_status
tm_meta_attr_at(const char **name, const char **value, const tm_meta *m,
                size_t i)
{
	if (i >= m->nattrs)
		return tm__error_set(TM_ENOTFOUND, "unit: no attribute %zu", i);
	if (name)
		*name = m->attrs[i].name;
	if (value)
		*value = m->attrs[i].value;
	return TM_OK;
}

tm_status
tm_meta_add_prop(tm_meta *m, const char *type, const char *lang,
                 const char *value)
{
	const char *in[3] = {type, value, lang}, *out[3];

	if (!type || !value)
		return tm__error_set(TM_EINVAL, "unit: prop needs type and value");
	if (!TM__ARRAY_GROW(m->props, m->cprops, m->nprops + 1, 4))
		return tm__error_oom();
	if (!pack_strings(out, in, 3))
		return tm__error_oom();
	m->props[m->nprops].type = out[0];
	m->props[m->nprops].value = out[1];
	m->props[m->nprops].lang = out[2];
	m->nprops++;
	return TM_OK;
}

size_t
tm_meta_prop_count(const tm_meta *m)
{
	return m->nprops;
}

const tm_prop *
tm_meta_prop(const tm_meta *m, size_t i)
{
	return i < m->nprops ? &m->props[i] : NULL;
}

const char *
tm_meta_prop_value(const tm_meta *m, const char *type)
{
	for (size_t i = 0; i < m->nprops; i++)
		if (strcmp(m->props[i].type, type) == 0)
			return m->props[i].value;
	return NULL;
}

tm_status
tm_meta_add_note(tm_meta *m, const char *lang, const char *text)
{
	const char *in[2] = {text, lang}, *out[2];

	if (!text)
		return tm__error_set(TM_EINVAL, "unit: note without text");
	if (!TM__ARRAY_GROW(m->notes, m->cnotes, m->nnotes + 1, 4))
		return tm__error_oom();
	if (!pack_strings(out, in, 2))
		return tm__error_oom();
	m->notes[m->nnotes].text = out[0];
	m->notes[m->nnotes].lang = out[1];
	m->nnotes++;
	return TM_OK;
}

size_t
tm_meta_note_count(const tm_meta *m)
{
	return m->nnotes;
}

const tm_note *
tm_meta_note(const tm_meta *m, size_t i)
{
	return i < m->nnotes ? &m->notes[i] : NULL;
}

tm_status
tm_meta_new(tm_meta **out)
{
	*out = tm__calloc(1, sizeof(tm_meta));
	return *out ? TM_OK : tm__error_oom();
}

void
tm_meta_free(tm_meta *m)
{
	if (!m)
		return;
	meta_dispose(m);
	tm__free(m);
}

tm_status
tm_meta_copy(tm_meta *dst, const tm_meta *src)
{
	tm_status st = TM_OK;

	for (size_t i = 0; st == TM_OK && i < src->nattrs; i++)
		st = tm_meta_set_attr(dst, src->attrs[i].name,
		                      src->attrs[i].value);
	for (size_t i = 0; st == TM_OK && i < src->nprops; i++)
		st = tm_meta_add_prop(dst, src->props[i].type,
		                      src->props[i].lang, src->props[i].value);
	for (size_t i = 0; st == TM_OK && i < src->nnotes; i++)
		st = tm_meta_add_note(dst, src->notes[i].lang,
		                      src->notes[i].text);
	return st;
}

tm_status
tm_markup_escape(char **out, const char *plain)
{
	tm__buf b = {0};
	tm_status st = TM_OK;

	*out = NULL;
	/* Most segments need no escaping: one copy. */
	if (!strpbrk(plain, "&<>")) {
		*out = tm__strdup(plain);
		return *out ? TM_OK : tm__error_oom();
	}
	st = tm__buf_grow(&b, strlen(plain));
	for (const char *p = plain; st == TM_OK && *p; p++) {
		switch (*p) {
		case '&':
			st = tm__buf_append_str(&b, "&amp;");
			break;
		case '<':
			st = tm__buf_append_str(&b, "&lt;");
			break;
		case '>':
			st = tm__buf_append_str(&b, "&gt;");
			break;
		default:
			st = tm__buf_append(&b, p, 1);
		}
	}
	if (st < 0) {
		tm__buf_dispose(&b);
		return st;
	}
	*out = tm__buf_steal(&b);
	return *out ? TM_OK : tm__error_oom();
}

tm_status
tm_unit_new(tm_unit **out)
{
	tm_unit *u = tm__calloc(1, sizeof(tm_unit));

	*out = u;
	if (!u)
		return tm__error_oom();
	u->variants = u->inline_variants;
	u->cvariants = UNIT_INLINE_VARIANTS;
	return TM_OK;
}

static void
variant_free(tm_variant *v)
{
	if (!v)
		return;
	meta_dispose(&v->meta);
	tm__free(v); /* its strings with it */
}

void
tm_unit_free(tm_unit *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->nvariants; i++)
		variant_free(u->variants[i]);
	if (u->variants != u->inline_variants)
		tm__free(u->variants);
	meta_dispose(&u->meta);
	tm__free(u->origin);
	tm__free(u);
}

long long
tm_unit_id(const tm_unit *u)
{
	return u->id;
}

void
tm__unit_set_id(tm_unit *u, long long id)
{
	u->id = id;
}

const char *
tm_unit_origin(const tm_unit *u)
{
	return u->origin;
}

tm_status
tm_unit_set_origin(tm_unit *u, const char *origin)
{
	char *copy = NULL;

	if (origin && !(copy = tm__strdup(origin)))
		return tm__error_oom();
	tm__free(u->origin);
	u->origin = copy;
	return TM_OK;
}

tm_meta *
tm_unit_meta(tm_unit *u)
{
	return &u->meta;
}

const tm_meta *
tm_unit_meta_const(const tm_unit *u)
{
	return &u->meta;
}

tm_status
tm_unit_add_variant(tm_variant **out, tm_unit *u, const char *lang,
                    const char *markup, const char *plain)
{
	tm_variant *v;
	char *escaped = NULL, *p;
	size_t ll, ml, pl;

	if (out)
		*out = NULL;
	if (!lang || !plain)
		return tm__error_set(TM_EINVAL,
		                     "unit: variant needs a language and text");
	if (u->nvariants == u->cvariants) {
		size_t ncap = u->cvariants * 2;
		tm_variant **nv = tm__malloc(ncap * sizeof(*nv));

		if (!nv)
			return tm__error_oom();
		memcpy(nv, u->variants, u->nvariants * sizeof(*nv));
		if (u->variants != u->inline_variants)
			tm__free(u->variants);
		u->variants = nv;
		u->cvariants = ncap;
	}
	if (!markup) {
		tm_status st = tm_markup_escape(&escaped, plain);

		if (st < 0)
			return st;
		markup = escaped;
	}
	ll = strlen(lang) + 1;
	ml = strlen(markup) + 1;
	pl = strlen(plain) + 1;
	/* the variant and its strings in one block */
	v = tm__malloc(sizeof(*v) + ll + ml + pl);
	if (!v) {
		tm__free(escaped);
		return tm__error_oom();
	}
	memset(v, 0, sizeof(*v));
	p = (char *)(v + 1);
	v->lang = memcpy(p, lang, ll);
	v->markup = memcpy(p + ll, markup, ml);
	v->plain = memcpy(p + ll + ml, plain, pl);
	tm__free(escaped);
	u->variants[u->nvariants++] = v;
	if (out)
		*out = v;
	return TM_OK;
}

size_t
tm_unit_variant_count(const tm_unit *u)
{
	return u->nvariants;
}

tm_variant *
tm_unit_variant(tm_unit *u, size_t i)
{
	return i < u->nvariants ? u->variants[i] : NULL;
}

const tm_variant *
tm_unit_variant_const(const tm_unit *u, size_t i)
{
	return i < u->nvariants ? u->variants[i] : NULL;
}

const tm_variant *
tm_unit_variant_by_lang_const(const tm_unit *u, const char *lang)
{
	for (size_t i = 0; i < u->nvariants; i++)
		if (tm_lang_matches(lang, u->variants[i]->lang))
			return u->variants[i];
	return NULL;
}

tm_variant *
tm_unit_variant_by_lang(tm_unit *u, const char *lang)
{
	/* the unit is the caller's to change: so are its variants */
	return (tm_variant *)tm_unit_variant_by_lang_const(u, lang);
}

const char *
tm_variant_lang(const tm_variant *v)
{
	return v->lang;
}

const char *
tm_variant_markup(const tm_variant *v)
{
	return v->markup;
}

const char *
tm_variant_plain(const tm_variant *v)
{
	return v->plain;
}

tm_meta *
tm_variant_meta(tm_variant *v)
{
	return &v->meta;
}

const tm_meta *
tm_variant_meta_const(const tm_variant *v)
{
	return &v->meta;
}
