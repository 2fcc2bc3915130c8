/* SPDX-License-Identifier: MIT */
/* The growable array, one helper for every "cap ? cap * 2 : N; realloc"
 * of libtm and tm:
 *
 *	if (!TM__ARRAY_GROW(s->v, s->cap, s->n + 1, 64))
 *		return tm__error_oom();
 *	s->v[s->n++] = id;
 *
 * The size arithmetic is checked (a count times an element size that
 * would wrap around fails instead of allocating a small block), and a
 * failure leaves the array and its capacity as they were: the caller
 * still owns the old block and frees it as usual, nothing leaks.
 *
 * Header-only and free of libtm's calls (it needs the C library alone),
 * so that the tool uses it too, which cannot link libtm's hidden symbols;
 * the caller says what a failure means (tm__error_oom() in libtm). */
#ifndef TM_ARRAY_PRIVATE_H
#define TM_ARRAY_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The realloc() of the arrays: libtm's tm-private.h names its allocator's
 * (tm__realloc(), mem.c) before including this header. */
#ifndef TM__ARRAY_REALLOC
#define TM__ARRAY_REALLOC realloc
#endif

/* The growth of tm__array_grow(), out of line of the check that nearly
 * every call stops at. */
static inline bool
tm__array_grow_slow(void *pp, size_t *cap, size_t need, size_t size,
                    size_t min)
{
	size_t c = *cap <= SIZE_MAX / 2 ? *cap * 2 : need;
	void *old, *p;

	if (c < min)
		c = min;
	if (c < need)
		c = need;
	/* doubling past what size_t can count: only what is needed */
	if (c > SIZE_MAX / size)
		c = need;
	if (c > SIZE_MAX / size)
		return false;
	/* *pp is a T * for some object type T: read and written through
	 * memcpy, as a void * has the same representation (POSIX) */
	memcpy(&old, pp, sizeof(old));
	p = TM__ARRAY_REALLOC(old, c * size); /* c >= need > *cap >= 0 */
	if (!p)
		return false;
	memcpy(pp, &p, sizeof(p));
	*cap = c;
	return true;
}

/* Make room for @need elements of @size bytes in the array at *@pp (a
 * pointer to a T *, malloc()ed or NULL), which has room for *@cap: grown
 * to twice *@cap, at least @min and at least @need. False when memory
 * runs out or the size would overflow; then *@pp and *@cap are as they
 * were. */
static inline bool
tm__array_grow(void *pp, size_t *cap, size_t need, size_t size, size_t min)
{
	return need <= *cap || tm__array_grow_slow(pp, cap, need, size, min);
}

/* tm__array_grow() of the array @a (a T * lvalue) and its capacity @cap
 * (a size_t lvalue, in elements): room for @need elements, starting at
 * @min. */
#define TM__ARRAY_GROW(a, cap, need, min)                                    \
	tm__array_grow(&(a), &(cap), (need), sizeof(*(a)), (min))

#endif
