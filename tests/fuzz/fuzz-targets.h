/* SPDX-License-Identifier: MIT */
/* The bodies of the fuzz targets, shared by the libFuzzer binaries
 * (fuzz-main.c) and the regression test (tests/test-fuzz-regressions.c),
 * so that every input the fuzzer ever broke on is replayed by a normal
 * test through the same public API calls.
 *
 * A target returns NULL when the library behaved, or a static text naming
 * the broken invariant (the fuzzer then aborts, the test fails). Crashes,
 * leaks and undefined behaviour are caught by the sanitizers. */
#ifndef TM_FUZZ_TARGETS_H
#define TM_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

typedef const char *(*tm_fuzz_fn)(const uint8_t *data, size_t size);

/* Sentence segmentation of arbitrary bytes in en, ko and ru. */
const char *tm_fuzz_segment(const uint8_t *data, size_t size);
/* An SRX 2.0 file: load it, then segment a fixed text with it. */
const char *tm_fuzz_srx(const uint8_t *data, size_t size);
/* A TMX document read from memory, strict and keep-going. */
const char *tm_fuzz_tmx(const uint8_t *data, size_t size);
/* Two texts to align (split at the first NUL byte). */
const char *tm_fuzz_align(const uint8_t *data, size_t size);
/* A lookup and a concordance query against a small TM. */
const char *tm_fuzz_lookup(const uint8_t *data, size_t size);
/* Edits to a small TM file (header, user_version, rows, page bytes),
 * then open, lookup, concordance, import and export on it. */
const char *tm_fuzz_tmfile(const uint8_t *data, size_t size);

/* tm serve's router: a method and a raw request target. */
const char *tm_fuzz_serve(const uint8_t *data, size_t size);

/* A scratch file the SRX target writes its input to (the loader reads a
 * path). Created once per process, removed at exit. */
const char *tm_fuzz_scratch_path(void);

#endif
