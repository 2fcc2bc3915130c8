/* SPDX-License-Identifier: MIT */
/* Fuzz target: the TMX reader, and the writer on what it read.
 *
 * Plain input is read from memory twice, strict and with
 * TM_TMX_KEEP_GOING; input that starts like a gzip or zip container goes
 * through a scratch file, since only the path reader unpacks them. When
 * the strict read succeeds, its units are written out as TMX and read
 * back: the second read must succeed and give the same variants (the
 * writer must escape whatever the reader accepted). */
#include "fuzz-targets.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tm/tm.h>

#define MAX_UNITS 256

static void
ignore(void *payload, tm_tmx_message_kind kind, const char *message)
{
	(void)payload;
	(void)kind;
	(void)message;
}

static const char *
check_unit(const tm_unit *u)
{
	size_t n = tm_unit_variant_count(u);

	for (size_t i = 0; i < n; i++) {
		const tm_variant *v = tm_unit_variant_const(u, i);
		const char *lang = tm_variant_lang(v);
		const char *markup = tm_variant_markup(v);
		const char *plain = tm_variant_plain(v);

		if (!lang || !markup || !plain)
			return "variant without language or text";
		if (tm_utf8_validate(NULL, plain, strlen(plain)) < 0 ||
		    tm_utf8_validate(NULL, markup, strlen(markup)) < 0)
			return "variant text is not valid UTF-8";
	}
	return NULL;
}

/* Read everything; keep up to MAX_UNITS units in @units (may be NULL).
 * Returns the final status; *broken is set on a broken invariant. */
static tm_status
read_all(tm_tmx_reader *r, tm_unit **units, size_t *nunits,
         const char **broken)
{
	tm_status st;
	tm_unit *u = NULL;

	while ((st = tm_tmx_reader_next(&u, r)) == TM_OK) {
		if (!u) {
			*broken = "TM_OK without a unit";
			return TM_ERROR;
		}
		if (!*broken)
			*broken = check_unit(u);
		if (units && *nunits < MAX_UNITS)
			units[(*nunits)++] = u;
		else
			tm_unit_free(u);
		u = NULL;
	}
	if (u)
		*broken = "a unit returned with an end or an error";
	if (st < 0 && !*tm_errmsg())
		*broken = "reader error without a message";
	if (st < 0 && st != TM_EPARSE && st != TM_EIO && st != TM_EUNICODE &&
	    st != TM_EINVAL)
		*broken = "unexpected reader status";
	(void)tm_tmx_reader_header(r);
	(void)tm_tmx_reader_version(r);
	if (tm_tmx_reader_progress(r) < 0 || tm_tmx_reader_progress(r) > 1)
		*broken = "progress outside 0..1";
	return st;
}

static bool
same_variants(const tm_unit *a, const tm_unit *b)
{
	size_t n = tm_unit_variant_count(a);

	if (n != tm_unit_variant_count(b))
		return false;
	for (size_t i = 0; i < n; i++) {
		const tm_variant *va = tm_unit_variant_const(a, i);
		const tm_variant *vb = tm_unit_variant_const(b, i);

		if (strcmp(tm_variant_lang(va), tm_variant_lang(vb)) != 0 ||
		    strcmp(tm_variant_plain(va), tm_variant_plain(vb)) != 0)
			return false;
	}
	return true;
}

/* Write @units to a TMX file and read it back. */
static const char *
round_trip(tm_unit **units, size_t n)
{
	static char path[300];
	tm_tmx_writer *w = NULL;
	tm_tmx_reader *r = NULL;
	tm_tmx_read_options ro = TM_TMX_READ_OPTIONS_INIT;
	tm_unit *back[MAX_UNITS];
	size_t nback = 0;
	const char *broken = NULL;
	tm_status st;

	if (!path[0])
		snprintf(path, sizeof(path), "%s.tmx", tm_fuzz_scratch_path());
	if (tm_tmx_writer_new(&w, path, NULL) < 0)
		return "cannot start writing TMX";
	for (size_t i = 0; i < n && !broken; i++)
		if (tm_tmx_writer_write_unit(w, units[i]) < 0)
			broken = "writer refused a unit the reader gave";
	if (!broken && tm_tmx_writer_finish(w) < 0)
		broken = "cannot finish the TMX";
	tm_tmx_writer_free(w);
	if (broken)
		return broken;
	ro.warn = ignore;
	if (tm_tmx_reader_open(&r, path, &ro) < 0) {
		remove(path);
		return "cannot reopen the written TMX";
	}
	st = read_all(r, back, &nback, &broken);
	tm_tmx_reader_free(r);
	remove(path);
	if (!broken && st < 0)
		broken = "the written TMX does not read back";
	if (!broken && nback != n)
		broken = "the written TMX has another number of units";
	for (size_t i = 0; i < nback && !broken; i++)
		if (!same_variants(units[i], back[i]))
			broken = "a unit changed through write and read";
	for (size_t i = 0; i < nback; i++)
		tm_unit_free(back[i]);
	return broken;
}

const char *
tm_fuzz_tmx(const uint8_t *data, size_t size)
{
	const char *broken = NULL;
	bool container = size >= 2 && ((data[0] == 'P' && data[1] == 'K') ||
	                                (data[0] == 0x1f && data[1] == 0x8b));

	for (int pass = 0; pass < 2 && !broken; pass++) {
		tm_tmx_read_options o = TM_TMX_READ_OPTIONS_INIT;
		tm_tmx_reader *r = NULL;
		tm_unit *units[MAX_UNITS];
		size_t n = 0;
		tm_status st;

		o.flags = pass ? TM_TMX_KEEP_GOING : 0;
		o.warn = ignore;
		if (container) {
			const char *path = tm_fuzz_scratch_path();
			FILE *f = fopen(path, "wb");

			if (!f || fwrite(data, 1, size, f) != size) {
				if (f)
					fclose(f);
				return "cannot write the scratch file";
			}
			if (fclose(f) != 0)
				return "cannot write the scratch file";
			st = tm_tmx_reader_open(&r, path, &o);
		} else {
			st = tm_tmx_reader_open_memory(&r, (const char *)data,
			                               size, "fuzz.tmx", &o);
		}
		if (st < 0) {
			if (r)
				return "failed open left a reader";
			if (!*tm_errmsg())
				return "open error without a message";
			continue;
		}
		st = read_all(r, pass ? NULL : units, &n, &broken);
		if (pass == 1)
			(void)tm_tmx_reader_skipped(r);
		tm_tmx_reader_free(r);
		if (!broken && pass == 0 && st == TM_DONE)
			broken = round_trip(units, n);
		for (size_t i = 0; i < n; i++)
			tm_unit_free(units[i]);
	}
	return broken;
}
