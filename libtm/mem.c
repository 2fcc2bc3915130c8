/* SPDX-License-Identifier: MIT */
/* Every allocation libtm makes goes through these wrappers: one place to
 * tell tm_free() it matches, and one place for the test hook that fails
 * the Nth allocation (tm__mem_fail_at()), so that tests can fail each
 * allocation of an import or a lookup in turn and check that the error
 * comes back as TM_ENOMEM, nothing leaks and the TM is unchanged.
 * Memory stays the C library's: what tm__malloc() returns may be given
 * to free() (SQLite's and jansson's destructors are), and the reverse. */
#include "tm-private.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Allocations left before the one to fail (0: none is failed), counted
 * by every thread (the import's reading thread allocates too). */
static atomic_long fail_countdown;
static atomic_long fail_count;

/* Whether this allocation is the one the hook fails. A relaxed load on
 * the common path: one plain read when no test set the hook. */
static inline bool
fail_now(void)
{
	if (atomic_load_explicit(&fail_countdown, memory_order_relaxed) <= 0)
		return false;
	if (atomic_fetch_sub(&fail_countdown, 1) != 1)
		return false;
	atomic_fetch_add(&fail_count, 1);
	return true;
}

void
tm__mem_fail_at(long n)
{
	atomic_store(&fail_count, 0);
	atomic_store(&fail_countdown, n > 0 ? n : 0);
}

long
tm__mem_failed(void)
{
	return atomic_load(&fail_count);
}

void *
tm__malloc(size_t n)
{
	return fail_now() ? NULL : malloc(n);
}

void *
tm__calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : calloc(n, size);
}

void *
tm__realloc(void *p, size_t n)
{
	return fail_now() ? NULL : realloc(p, n);
}

void
tm__free(void *p)
{
	free(p);
}

void
tm_free(void *p)
{
	free(p);
}

char *
tm__strndup(const char *s, size_t n)
{
	char *copy = tm__malloc(n + 1);

	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *
tm__strdup(const char *s)
{
	return s ? tm__strndup(s, strlen(s)) : NULL;
}
