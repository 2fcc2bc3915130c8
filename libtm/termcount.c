/* SPDX-License-Identifier: MIT */
/* Term occurrence counts (termcount-private.h). */
#include "termcount-private.h"

#include <stdlib.h>
#include <string.h>

static tm_status
grow(tm__tcount *c)
{
	size_t cap = c->cap ? c->cap * 2 : 4096;
	tm__tcount_ent *v = calloc(cap, sizeof(*v));

	if (!v)
		return tm__error_oom();
	for (size_t j = 0; j < c->cap; j++) {
		size_t i;

		if (!c->v[j].val)
			continue;
		for (i = c->v[j].hash & (cap - 1); v[i].val;
		     i = (i + 1) & (cap - 1))
			;
		v[i] = c->v[j];
	}
	free(c->v);
	c->v = v;
	c->cap = cap;
	return TM_OK;
}

tm_status
tm__tcount_add(tm__tcount *c, const char *t, size_t n)
{
	uint64_t h = tm__hash_bytes(t, n);
	tm__tcount_ent *e;
	size_t i;

	if (n > UINT32_MAX)
		return tm__error_set(TM_EINVAL, "index: term too long");
	if (2 * (c->n + 1) > c->cap && grow(c) < 0)
		return TM_ENOMEM;
	for (i = h & (c->cap - 1); c->v[i].val; i = (i + 1) & (c->cap - 1)) {
		e = &c->v[i];
		if (e->hash == h && e->len == n &&
		    memcmp(tm__tcount_key(e), t, n) == 0) {
			if (e->val < UINT32_MAX)
				e->val++;
			return TM_OK;
		}
	}
	e = &c->v[i];
	if (n > TM__TCOUNT_INLINE) {
		if (!(e->k.ptr = malloc(n)))
			return tm__error_oom();
		memcpy(e->k.ptr, t, n);
	} else {
		memcpy(e->k.inl, t, n);
	}
	e->hash = h;
	e->len = (uint32_t)n;
	e->val = 1;
	c->n++;
	return TM_OK;
}

static int
cmp_ent(const void *a, const void *b)
{
	const tm__tcount_ent *x = *(tm__tcount_ent *const *)a;
	const tm__tcount_ent *y = *(tm__tcount_ent *const *)b;
	int d = memcmp(tm__tcount_key(x), tm__tcount_key(y),
	               x->len < y->len ? x->len : y->len);

	return d ? d : (x->len > y->len) - (x->len < y->len);
}

tm_status
tm__tcount_sorted(tm__tcount_ent ***out, const tm__tcount *c)
{
	size_t k = 0;

	*out = malloc((c->n ? c->n : 1) * sizeof(**out));
	if (!*out)
		return tm__error_oom();
	for (size_t i = 0; i < c->cap; i++)
		if (c->v[i].val)
			(*out)[k++] = &c->v[i];
	qsort(*out, k, sizeof(**out), cmp_ent);
	return TM_OK;
}

void
tm__tcount_clear(tm__tcount *c)
{
	for (size_t i = 0; i < c->cap; i++)
		if (c->v[i].val && c->v[i].len > TM__TCOUNT_INLINE)
			free(c->v[i].k.ptr);
	free(c->v);
	memset(c, 0, sizeof(*c));
}
