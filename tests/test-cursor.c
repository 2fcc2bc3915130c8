/* SPDX-License-Identifier: MIT */
/* The store's cursor (one streaming query for units and variants, props
 * and notes as merged streams) against tm_db_get(), unit by unit, over a
 * real TM file: unfiltered, by origin (the streams must jump over the
 * other origin's units), by language with and without ONLY_LANGS. */
#include <tm/tm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tm-test.h"

#define NUNITS 600

static char dir[256];

/* Everything of a unit as one string, to compare two reads of it. */
typedef struct tm__dump {
	char *s;
	size_t len, cap;
} tm__dump;

static void
add(tm__dump *d, const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;

	if (d->len + n + 1 > d->cap) {
		d->cap = (d->len + n + 1) * 2;
		d->s = realloc(d->s, d->cap);
		if (!d->s)
			abort();
	}
	d->len += (size_t)sprintf(d->s + d->len, "%s=%s|", a, b);
}

static void
dump_meta(tm__dump *d, const char *level, const tm_meta *m)
{
	for (size_t i = 0; i < tm_meta_attr_count(m); i++) {
		const char *n, *v;

		tm_meta_attr_at(&n, &v, m, i);
		add(d, level, n);
		add(d, "attr", v);
	}
	for (size_t i = 0; i < tm_meta_prop_count(m); i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		add(d, level, "prop");
		add(d, p->type, p->value);
		add(d, "lang", p->lang ? p->lang : "-");
	}
	for (size_t i = 0; i < tm_meta_note_count(m); i++) {
		const tm_note *n = tm_meta_note(m, i);

		add(d, level, "note");
		add(d, n->lang ? n->lang : "-", n->text);
	}
}

/* The unit as a string; with @langs, only the variants in them. */
static char *
dump(const tm_unit *u, const char *const *langs)
{
	tm__dump d = {0};
	char id[32];

	snprintf(id, sizeof(id), "%lld", tm_unit_id(u));
	add(&d, "id", id);
	add(&d, "origin", tm_unit_origin(u) ? tm_unit_origin(u) : "-");
	dump_meta(&d, "tu", tm_unit_meta_const(u));
	for (size_t i = 0; i < tm_unit_variant_count(u); i++) {
		const tm_variant *v = tm_unit_variant_const(u, i);
		bool want = !langs;

		for (size_t k = 0; langs && langs[k]; k++)
			if (tm_lang_matches(langs[k], tm_variant_lang(v)))
				want = true;
		if (!want)
			continue;
		add(&d, "lang", tm_variant_lang(v));
		add(&d, "markup", tm_variant_markup(v));
		add(&d, "plain", tm_variant_plain(v));
		dump_meta(&d, "tuv", tm_variant_meta_const(v));
	}
	return d.s;
}

/* Unit i: en always, ko on even, ru on multiples of 3; props on every
 * 7th (unit and ko level), notes on every 5th (unit and en level); the
 * origin changes every 100 units (a.tmx, b.tmx, a.tmx, ...). */
static tm_unit *
make_unit(int i)
{
	tm_unit *u = NULL;
	tm_variant *en = NULL, *ko = NULL;
	char s[64];

	if (tm_unit_new(&u) != TM_OK)
		return NULL;
	snprintf(s, sizeof(s), "Sentence number %d.", i);
	tm_unit_add_variant(&en, u, "en", NULL, s);
	if (i % 2 == 0) {
		snprintf(s, sizeof(s), "문장 %d.", i);
		tm_unit_add_variant(&ko, u, "ko", NULL, s);
	}
	if (i % 3 == 0) {
		snprintf(s, sizeof(s), "Предложение <b>%d</b>.", i);
		tm_unit_add_variant(NULL, u, "ru", NULL, s);
	}
	snprintf(s, sizeof(s), "t%d", i);
	tm_meta_set_attr(tm_unit_meta(u), "tuid", s);
	if (i % 7 == 0) {
		tm_meta_add_prop(tm_unit_meta(u), "x-domain", NULL, s);
		tm_meta_add_prop(tm_unit_meta(u), "x-client", "en", "ACME");
		if (ko)
			tm_meta_add_prop(tm_variant_meta(ko), "x-ko", NULL, s);
	}
	if (i % 5 == 0) {
		tm_meta_add_note(tm_unit_meta(u), NULL, s);
		tm_meta_add_note(tm_variant_meta(en), "en", "checked");
	}
	tm_unit_set_origin(u, (i / 100) % 2 ? "b.tmx" : "a.tmx");
	return u;
}

/* Every unit of the cursor equals tm_db_get()'s (with only @langs'
 * variants when @only); returns the number of units seen. */
static int
compare(tm_db *db, const tm_db_query *q, const char *const *only)
{
	tm_db_cursor *c = NULL;
	tm_unit *u = NULL;
	int n = 0, bad = 0;
	tm_status st;

	if (tm_db_cursor_new(&c, db, q) != TM_OK) {
		printf("# cursor: %s\n", tm_errmsg());
		return -1;
	}
	while ((st = tm_db_cursor_next(&u, c)) == TM_OK) {
		tm_unit *g = NULL;
		char *a, *b;

		n++;
		if (tm_db_get(&g, db, tm_unit_id(u)) != TM_OK) {
			bad++;
			tm_unit_free(u);
			continue;
		}
		a = dump(u, NULL);
		b = dump(g, only);
		if (strcmp(a, b) != 0 && bad++ < 3)
			printf("# cursor: %s\n#    get: %s\n", a, b);
		free(a);
		free(b);
		tm_unit_free(u);
		tm_unit_free(g);
	}
	if (st != TM_DONE)
		printf("# next: %s\n", tm_errmsg());
	CHECK(st == TM_DONE);
	/* after the end it stays at the end */
	CHECK(tm_db_cursor_next(&u, c) == TM_DONE);
	CHECK(u == NULL);
	tm_db_cursor_free(c);
	return bad ? -bad : n;
}

static tm_db *db;

static void
test_cursor_all(void)
{
	CHECK(compare(db, NULL, NULL) == NUNITS);
}

static void
test_cursor_origin(void)
{
	tm_db_query q = TM_DB_QUERY_INIT;

	q.origin = "b.tmx";
	CHECK(compare(db, &q, NULL) == NUNITS / 2);
	q.origin = "a.tmx";
	CHECK(compare(db, &q, NULL) == NUNITS / 2);
	q.origin = "none.tmx";
	CHECK(compare(db, &q, NULL) == 0);
}

static void
test_cursor_langs(void)
{
	static const char *const ko[] = {"ko", NULL};
	static const char *const ru_ko[] = {"ru", "ko", NULL};
	tm_db_query q = TM_DB_QUERY_INIT;
	int n = 0;

	q.langs = ko;
	CHECK(compare(db, &q, NULL) == NUNITS / 2);
	q.flags = TM_DB_QUERY_ONLY_LANGS;
	CHECK(compare(db, &q, ko) == NUNITS / 2);
	/* a variant in each range: units of b.tmx with ru and ko */
	q.langs = ru_ko;
	q.origin = "b.tmx";
	for (int i = 0; i < NUNITS; i++)
		n += (i / 100) % 2 == 1 && i % 6 == 0;
	CHECK(n > 0);
	CHECK(compare(db, &q, ru_ko) == n);
}

int
main(void)
{
	char path[300];

	snprintf(dir, sizeof(dir), "/tmp/test-cursor-XXXXXX");
	if (!mkdtemp(dir))
		tm_test_skip_all("no temporary directory");
	snprintf(path, sizeof(path), "%s/c.db", dir);
	if (tm_db_open(&db, path, NULL) != TM_OK ||
	    tm_db_begin(db) != TM_OK) {
		printf("Bail out! %s\n", tm_errmsg());
		return 1;
	}
	for (int i = 0; i < NUNITS; i++) {
		tm_unit *u = make_unit(i);

		if (!u || tm_db_put(NULL, db, u, NULL, TM_DUP_KEEP) != TM_OK) {
			printf("Bail out! put: %s\n", tm_errmsg());
			return 1;
		}
		tm_unit_free(u);
	}
	if (tm_db_commit(db) != TM_OK) {
		printf("Bail out! %s\n", tm_errmsg());
		return 1;
	}
	RUN(test_cursor_all);
	RUN(test_cursor_origin);
	RUN(test_cursor_langs);
	tm_db_close(db);
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return tm_test_done();
}
