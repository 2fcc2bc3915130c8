/* SPDX-License-Identifier: MIT */
/* Allocation failures: every allocation libtm makes goes through mem.c,
 * whose test hook fails the Nth one. An import of a real TMX and a
 * lookup are run with each of their allocations failed in turn: each
 * run returns TM_ENOMEM (or, for an allocation the library can do
 * without, succeeds with the full result), never crashes, leaves the TM
 * as it was, and leaks nothing (the ASan build's leak check sees every
 * run). */
#include <tm/tm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tm-test.h"
#include "tm-private.h" /* tm__mem_fail_at() */

static char dir[256];
static char tmx[1024];

static void
remove_db(const char *path)
{
	char p[700];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static tm_db *
fresh_db(const char *path)
{
	tm_db *db = NULL;

	remove_db(path);
	if (tm_db_open(&db, path, NULL) < 0) {
		printf("# open %s: %s\n", path, tm_errmsg());
		return NULL;
	}
	return db;
}

/* Import the TMX with allocation @n failed; the outcome in *@failed
 * (whether allocation @n was reached) and the unit count after. */
static tm_status
import_failing(tm_db *db, long n, bool *failed, long long *units)
{
	tm_tmx_import_options o = TM_TMX_IMPORT_OPTIONS_INIT;
	tm_tmx_stats st = TM_TMX_STATS_INIT;
	tm_status s;

	o.dup = TM_DUP_KEEP;
	tm__mem_fail_at(n);
	s = tm_tmx_import(&st, db, tmx, &o);
	*failed = tm__mem_failed() != 0;
	tm__mem_fail_at(0);
	tm_tmx_stats_dispose(&st);
	*units = tm_db_unit_count(db);
	return s;
}

/* The TM exported as TMX into a string (malloc()ed), NULL on failure:
 * what an import stored, attribute by attribute. */
static char *
export_text(tm_db *db, const char *out)
{
	FILE *f;
	char *buf = NULL;
	long n;

	if (tm_tmx_export(NULL, db, out, NULL) < 0 || !(f = fopen(out, "rb")))
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n)
		buf[n] = '\0';
	else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void
test_alloc_import(void)
{
	char path[600], out[600];
	tm_db *db;
	long long want, units;
	long n, nomem = 0, without = 0, other = 0;
	bool failed = true;
	char *ref, *got;
	tm_status s;

	snprintf(path, sizeof(path), "%s/import.db", dir);
	snprintf(out, sizeof(out), "%s/export.tmx", dir);
	REQUIRE((db = fresh_db(path)));
	REQUIRE(import_failing(db, 0, &failed, &want) == TM_OK);
	REQUIRE(want > 0);
	REQUIRE((ref = export_text(db, out)));
	tm_db_close(db);
	REQUIRE((db = fresh_db(path)));
	failed = true;
	for (n = 1; failed; n++) {
		s = import_failing(db, n, &failed, &units);
		if (!failed) {
			CHECK(s == TM_OK && units == want);
			break;
		}
		if (s == TM_OK) {
			/* an allocation the import can go without (a
			 * message, a cache): the whole file is stored */
			without++;
			got = export_text(db, out);
			if (units != want || !got || strcmp(got, ref) != 0) {
				printf("# allocation %ld: TM_OK with %lld "
				       "units of %lld, %s export\n",
				       n, units, want,
				       got ? "another" : "no");
				CHECK(units == want && got &&
				      strcmp(got, ref) == 0);
			}
			free(got);
			tm_db_close(db);
			REQUIRE((db = fresh_db(path)));
			continue;
		}
		if (s == TM_ENOMEM)
			nomem++;
		else {
			other++;
			printf("# allocation %ld: %s: %s\n", n, tm_strerror(s),
			       tm_errmsg());
		}
		/* the TM is as it was: empty, and it still takes the file */
		if (units != 0)
			printf("# allocation %ld: %lld units left\n", n, units);
		CHECK(units == 0);
	}
	printf("# import: %ld allocations failed in turn: %ld TM_ENOMEM, "
	       "%ld done without, %ld other errors\n",
	       n - 1, nomem, without, other);
	CHECK(other == 0);
	CHECK(nomem > 0);
	CHECK(tm_db_close(db) == TM_OK);
	free(ref);
	unlink(out);
	remove_db(path);
}

static tm_status
lookup_failing(tm_db *db, long n, bool *failed, size_t *count,
               double *best)
{
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;
	tm_status s;

	o.source_lang = "en";
	o.target_lang = "ko";
	o.min_score = 50;
	tm__mem_fail_at(n);
	s = tm_lookup(&l, db, "The won closed at 1,391.2 per dollar on "
	                      "Tuesday, its weakest level since Nov. 2022.",
	              &o);
	*failed = tm__mem_failed() != 0;
	tm__mem_fail_at(0);
	if (s < 0 && l)
		printf("# allocation %ld: a list after a failure\n", n);
	*count = tm_match_list_count(l);
	*best = *count ? tm_match_list_get(l, 0)->score : -1;
	tm_match_list_free(l);
	return s;
}

static void
test_alloc_lookup(void)
{
	char path[600];
	tm_db *db;
	long long units;
	size_t want, count;
	double want_best, best;
	long n, nomem = 0, without = 0, other = 0;
	bool failed = true;
	tm_status s;

	snprintf(path, sizeof(path), "%s/lookup.db", dir);
	REQUIRE((db = fresh_db(path)));
	REQUIRE(import_failing(db, 0, &failed, &units) == TM_OK);
	REQUIRE(lookup_failing(db, 0, &failed, &want, &want_best) == TM_OK);
	REQUIRE(want > 0);
	failed = true;
	for (n = 1; failed; n++) {
		s = lookup_failing(db, n, &failed, &count, &best);
		if (!failed) {
			CHECK(s == TM_OK && count == want);
			break;
		}
		if (s == TM_OK) {
			without++;
			if (count != want || best != want_best) {
				printf("# allocation %ld: TM_OK with %zu "
				       "matches (best %.2f) instead of %zu "
				       "(%.2f)\n",
				       n, count, best, want, want_best);
				CHECK(count == want && best == want_best);
			}
		} else if (s == TM_ENOMEM) {
			nomem++;
		} else {
			other++;
			printf("# allocation %ld: %s: %s\n", n, tm_strerror(s),
			       tm_errmsg());
		}
	}
	printf("# lookup: %ld allocations failed in turn: %ld TM_ENOMEM, "
	       "%ld done without, %ld other errors\n",
	       n - 1, nomem, without, other);
	CHECK(other == 0);
	CHECK(nomem > 0);
	/* the TM is as it was */
	CHECK(tm_db_unit_count(db) == units);
	CHECK(lookup_failing(db, 0, &failed, &count, &best) == TM_OK);
	CHECK(count == want && best == want_best);
	CHECK(tm_db_close(db) == TM_OK);
	remove_db(path);
}

int
main(void)
{
	const char *root = getenv("TM_SOURCE_ROOT");

	snprintf(tmx, sizeof(tmx), "%s/samples/sample.tmx", root ? root : ".");
	snprintf(dir, sizeof(dir), "/tmp/test-alloc-XXXXXX");
	if (!mkdtemp(dir))
		tm_test_skip_all("cannot make a temporary directory");
	RUN(test_alloc_import);
	RUN(test_alloc_lookup);
	rmdir(dir);
	return tm_test_done();
}
