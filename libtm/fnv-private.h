/* SPDX-License-Identifier: MIT */
/* FNV-1a (Fowler, Noll, Vo), the one implementation of libtm and of tm.
 *
 * What it hashes is kept: the 64-bit hashes of the TM file (tuv.key_hash,
 * tm__db_key_hash(); tu.dup_hash, the duplicate finder's), the review
 * file's "check" (tools/review.c, and the page of tm serve in JavaScript),
 * the ties between an x-libtm-extra item and its prop or note in TMX files
 * (32 bits). A value it returns never changes: files hold them. The other
 * users (abbreviation and lexicon tables, a number's spelling) hash in
 * memory. The in-memory term tables of the index use tm__hash_bytes()
 * (tm-private.h), eight bytes a step, instead.
 *
 * Header-only and free of libtm's calls (it needs <stdint.h> alone): the
 * tool includes it too, which cannot link libtm's hidden symbols. */
#ifndef TM_FNV_PRIVATE_H
#define TM_FNV_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#define TM__FNV64_INIT 0xcbf29ce484222325ull
#define TM__FNV64_PRIME 0x100000001b3ull
#define TM__FNV32_INIT 2166136261u
#define TM__FNV32_PRIME 16777619u

/* One FNV-1a step: @h with byte @c. */
static inline uint64_t
tm__fnv64_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * TM__FNV64_PRIME;
}

/* @h continued over the @n bytes at @data (start from TM__FNV64_INIT). */
static inline uint64_t
tm__fnv64(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * TM__FNV64_PRIME;
	return h;
}

/* @h continued over the bytes of the string @s, its NUL left out. */
static inline uint64_t
tm__fnv64_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * TM__FNV64_PRIME;
	return h;
}

/* FNV-1a of the @na bytes at @a, a 0x1f byte (the unit separator, which
 * no text holds, so that ("ab", "c") and ("a", "bc") differ) and the @nb
 * bytes at @b: the key hash (language, key) and the review file's check
 * (source text, target text). */
static inline uint64_t
tm__fnv64_pair(const char *a, size_t na, const char *b, size_t nb)
{
	return tm__fnv64(tm__fnv64_byte(tm__fnv64(TM__FNV64_INIT, a, na), 0x1f),
	                 b, nb);
}

/* The 32-bit FNV-1a of the @n bytes at @data, continuing @h (start from
 * TM__FNV32_INIT). */
static inline uint32_t
tm__fnv32(uint32_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * TM__FNV32_PRIME;
	return h;
}

/* tm__fnv32() over the string @s, its NUL left out. */
static inline uint32_t
tm__fnv32_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * TM__FNV32_PRIME;
	return h;
}

#endif
