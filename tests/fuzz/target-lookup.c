/* SPDX-License-Identifier: MIT */
/* Fuzz target: the lookup query path. Once per process a small real TM is
 * built in a scratch SQLite file from samples/ (the gold sentence
 * alignments of every story, en-ko and en-ru, and samples/sample.tmx: a
 * few hundred units in en, ko and ru); every input is then a query
 * against it:
 *
 *   byte 0   source language (bits 0-2), target language (bits 3-5),
 *            TM_LOOKUP_EXHAUSTIVE (bit 6), TM_CONCORD_TRANSLIT (bit 7)
 *   byte 1   minimum score (0: the default)
 *   byte 2   maximum results, signed, of lookup and concordance
 *   byte 3   tm_normalize() flags (bits 0-2), concordance target language
 *            (bits 3-5, 7: none)
 *   rest     query, NUL, text before it, NUL, text after it (the
 *            context of the lookup; absent parts are NULL)
 *
 * Each query goes through tm_lookup(), tm_concord(), tm_normalize() and the
 * tokenizer behind both (tm__tokenize(), white-box), and their results are
 * checked: scores in range and in order, at most the results asked for,
 * the same best score from the index as from the exhaustive scan,
 * languages as asked, spans inside their text, valid UTF-8 out,
 * EUNICODE exactly for invalid UTF-8, a message with every error, and
 * tokens in order inside the text. */
#include "fuzz-targets.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <tm/tm.h>

#include "tokenize-private.h"

/* Index 7 is not a language tag: the API must refuse it cleanly. */
static const char *const langs[8] = { "en", "ko", "ru", "en-US",
	                              "ko-KR", "RU", "de", "e n" };

static tm_db *db;
static char db_path[300];
static size_t db_units;

static void
drop_db(void)
{
	char p[320];

	tm_db_close(db);
	db = NULL;
	remove(db_path);
	snprintf(p, sizeof(p), "%s-wal", db_path);
	remove(p);
	snprintf(p, sizeof(p), "%s-shm", db_path);
	remove(p);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* The sentences of a one-sentence-a-line story (blank lines are paragraph
 * breaks, not sentences), cut in place. */
static size_t
sentences(char **out, size_t max, char *text)
{
	size_t n = 0;

	for (char *line = strtok(text, "\n"); line && n < max;
	     line = strtok(NULL, "\n"))
		out[n++] = line;
	return n;
}

/* "2,3" of a gold line into first and count; false when empty. */
static bool
span(const char *s, const char *end, size_t *first, size_t *count)
{
	char *next;
	unsigned long a = strtoul(s, &next, 10);

	if (next == s || next > end)
		return false;
	*first = a;
	*count = 1;
	while (next < end && *next == ',') {
		(void)strtoul(next + 1, &next, 10);
		(*count)++;
	}
	return true;
}

static char *
join(char **sent, size_t nsent, size_t first, size_t count)
{
	size_t len = 0;
	char *s;

	if (first + count > nsent)
		return NULL;
	for (size_t i = 0; i < count; i++)
		len += strlen(sent[first + i]) + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, sent[first + i]);
	}
	return s;
}

/* Store the units of one gold alignment file; false on a failure. */
static bool
put_story(const char *root, const char *story, const char *tl)
{
	char path[4096], *en = NULL, *tg = NULL, *gold = NULL;
	char *es[512], *ts[512];
	size_t len, nes, nts;
	bool ok = false;

	snprintf(path, sizeof(path), "%s/samples/%s/en.txt", root, story);
	if (!(en = slurp(path, &len)))
		goto out;
	snprintf(path, sizeof(path), "%s/samples/%s/%s.txt", root, story, tl);
	if (!(tg = slurp(path, &len)))
		goto out;
	snprintf(path, sizeof(path), "%s/samples/%s/en-%s.gold", root, story,
	         tl);
	if (!(gold = slurp(path, &len)))
		goto out;
	nes = sentences(es, 512, en);
	nts = sentences(ts, 512, tg);
	for (char *line = gold, *nl; *line; line = nl + 1) {
		char *colon, *a = NULL, *b = NULL, origin[64];
		size_t sf, sn, tf, tn;
		tm_unit *u = NULL;
		tm_status st;

		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		colon = strstr(line, "]:[");
		if (colon && colon < nl && span(line + 1, colon, &sf, &sn) &&
		    span(colon + 3, nl, &tf, &tn) &&
		    (a = join(es, nes, sf, sn)) && (b = join(ts, nts, tf, tn))) {
			snprintf(origin, sizeof(origin), "%s-%s", story, tl);
			st = tm_unit_new(&u);
			if (st >= 0)
				st = tm_unit_add_variant(NULL, u, "en", NULL, a);
			if (st >= 0)
				st = tm_unit_add_variant(NULL, u, tl, NULL, b);
			if (st >= 0)
				st = tm_db_put(NULL, db, u, origin, TM_DUP_MERGE);
			tm_unit_free(u);
			if (st < 0) {
				free(a);
				free(b);
				goto out;
			}
			db_units++;
		}
		free(a);
		free(b);
		if (!nl[0] || !nl[1])
			break;
	}
	ok = true;
out:
	free(en);
	free(tg);
	free(gold);
	return ok;
}

static const char *
open_tm(void)
{
	static const char *const stories[] = { "chip-export", "rail-link",
		                               "ramyeon-exports",
		                               "rate-decision",
		                               "typhoon-reordered" };
	const char *root = getenv("TM_SOURCE_ROOT");
	tm_db_options o = TM_DB_OPTIONS_INIT;
	char tmx[4096];

#ifdef TM_FUZZ_SOURCE_ROOT
	if (!root)
		root = TM_FUZZ_SOURCE_ROOT;
#endif
	if (!root)
		return "TM_SOURCE_ROOT is not set";
	snprintf(db_path, sizeof(db_path), "%s.db", tm_fuzz_scratch_path());
	drop_db();
	if (tm_db_open(&db, db_path, &o) < 0)
		return "cannot create the scratch TM";
	atexit(drop_db);
	if (tm_db_begin(db) < 0)
		return "cannot start the TM's transaction";
	for (size_t i = 0; i < sizeof(stories) / sizeof(stories[0]); i++)
		if (!put_story(root, stories[i], "ko") ||
		    !put_story(root, stories[i], "ru"))
			return "cannot store the sample stories";
	if (tm_db_commit(db) < 0)
		return "cannot commit the sample stories";
	snprintf(tmx, sizeof(tmx), "%s/samples/sample.tmx", root);
	if (tm_tmx_import(NULL, db, tmx, NULL) < 0)
		return "cannot import samples/sample.tmx";
	if (db_units < 150 || tm_db_unit_count(db) < 200)
		return "the sample TM has fewer than 200 units";
	/* From now on the TM is only read, as by `tm lookup`. */
	tm_db_close(db);
	db = NULL;
	o.flags = TM_DB_READONLY;
	if (tm_db_open(&db, db_path, &o) < 0)
		return "cannot reopen the sample TM read-only";
	return NULL;
}

static bool
valid_utf8(const char *s)
{
	return s && tm_utf8_validate(NULL, s, strlen(s)) == 0;
}

/* The primary subtags of two tags agree ("en-US" and "EN"). */
static bool
same_base(const char *a, const char *b)
{
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");

	return la == lb && strncasecmp(a, b, la) == 0;
}

static const char *
check_tokens(const char *s, size_t len)
{
	tm__toks toks = { 0 };
	const char *broken = NULL;
	size_t end = 0;

	if (tm__tokenize(&toks, s, len) < 0) {
		/* Only a text over 4 GiB is refused. */
		tm__toks_dispose(&toks);
		return "tokenizer failed";
	}
	for (size_t i = 0; i < toks.n && !broken; i++) {
		const tm__tok *t = &toks.v[i];

		if (t->len == 0)
			broken = "empty token";
		else if (t->off < end || (size_t)t->off + t->len > len)
			broken = "token out of order or beyond the text";
		else if (t->kind > TM__TOK_SYM)
			broken = "token of an unknown kind";
		end = (size_t)t->off + t->len;
	}
	tm__toks_dispose(&toks);
	return broken;
}

static const char *
check_normalize(const char *q, size_t len, bool valid, unsigned flags)
{
	const unsigned all[2] = { flags, TM_NORM_KEY };
	const char *broken = NULL;

	for (int i = 0; i < 2 && !broken; i++) {
		char *out = NULL, *again = NULL;
		size_t out_len = 0, again_len = 0;
		tm_status st = tm_normalize(&out, &out_len, q, len, all[i]);

		if (st == TM_EUNICODE && valid)
			broken = "normalize refused valid UTF-8";
		else if (st >= 0 && !valid)
			broken = "normalize accepted invalid UTF-8";
		else if (st < 0 && st != TM_EUNICODE)
			broken = "normalize failed";
		else if (st < 0 && !*tm_errmsg())
			broken = "normalize error without a message";
		else if (st >= 0 && (!out || out[out_len] != '\0'))
			broken = "normalized text not terminated at its length";
		else if (st >= 0 && tm_utf8_validate(NULL, out, out_len) < 0)
			broken = "normalized text is not valid UTF-8";
		else if (st >= 0)
			broken = check_tokens(out, out_len);
		/* A matching key is its own key: stored keys and query keys
		 * must meet whatever was normalized first. */
		if (!broken && st >= 0 && all[i] == TM_NORM_KEY) {
			if (tm_normalize(&again, &again_len, out, out_len,
			                 TM_NORM_KEY) < 0)
				broken = "a key does not normalize again";
			else if (again_len != out_len ||
			         memcmp(again, out, out_len) != 0)
				broken = "normalizing a key changes it";
		}
		tm_free(out);
		tm_free(again);
	}
	return broken;
}

/* Whether every match token of @q's key is indexed (at most 255 bytes):
 * only then does docs/scores.md promise the index finds the best match. */
static bool
all_indexed(const char *q)
{
	tm__toks toks = { 0 };
	char *key = NULL;
	size_t len = 0;
	bool ok = tm_normalize(&key, &len, q, strlen(q), TM_NORM_KEY) >= 0 &&
	          tm__tokenize(&toks, key, len) >= 0;

	for (size_t i = 0; ok && i < toks.n; i++)
		ok = toks.v[i].len <= 255;
	tm__toks_dispose(&toks);
	tm_free(key);
	return ok;
}

/* The same lookup in the other mode (index or exhaustive scan) must agree
 * on the best match: "the first match is always the best there is"
 * (docs/scores.md, section 7). */
static const char *
check_best(const char *q, const tm_lookup_options *o, const tm_match *best)
{
	tm_lookup_options other = *o;
	tm_match_list *l = NULL;
	const tm_match *b;
	const char *broken = NULL;

	if (!all_indexed(q))
		return NULL;
	other.flags ^= TM_LOOKUP_EXHAUSTIVE;
	if (tm_lookup(&l, db, q, &other) < 0)
		return "lookup fails in the other mode (index or exhaustive)";
	b = tm_match_list_count(l) ? tm_match_list_get(l, 0) : NULL;
	if (!best != !b)
		broken = "index and exhaustive lookups disagree on whether "
		         "there is a match";
	else if (best && fabs(best->score - b->score) > 1e-9)
		broken = "index and exhaustive lookups disagree on the best "
		         "score";
	tm_match_list_free(l);
	return broken;
}

static const char *
check_lookup(const char *q, const char *prev, const char *next,
             const uint8_t *hdr, bool langs_ok, bool all_valid)
{
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = (tm_match_list *)&o; /* must be reset to NULL */
	const char *broken = NULL;
	double min, last = 1e9;
	size_t n, max;
	tm_status st;

	o.source_lang = langs[hdr[0] & 7];
	o.target_lang = langs[(hdr[0] >> 3) & 7];
	o.flags = hdr[0] & 0x40 ? TM_LOOKUP_EXHAUSTIVE : 0;
	o.min_score = hdr[1] ? 30 + hdr[1] % 80 : 0;
	o.max_results = (int8_t)hdr[2];
	o.ctx_prev = prev;
	o.ctx_next = next;
	min = o.min_score > 0 ? o.min_score : 70;
	min = min < 50 ? 50 : min > 101 ? 101 : min;
	max = o.max_results > 0 ? (size_t)o.max_results : 5;
	st = tm_lookup(&l, db, q, &o);
	if (st < 0) {
		if (l)
			return "failed lookup left a list";
		if (!*tm_errmsg())
			return "lookup error without a message";
		if (st == TM_EUNICODE && all_valid)
			return "lookup refused valid UTF-8";
		/* a well-formed language the TM holds none of (de) may be
		 * refused before the text is read */
		if (st == TM_ENOTFOUND &&
		    (o.source_lang == langs[6] || o.target_lang == langs[6]))
			return NULL;
		/* The query is checked before the context (whose
		 * faults come after "empty query"). */
		if (langs_ok && !valid_utf8(q) && st != TM_EUNICODE)
			return "lookup of invalid UTF-8 without TM_EUNICODE";
		if (st != TM_EUNICODE && st != TM_EINVAL)
			return "unexpected lookup status";
		return NULL;
	}
	if (!langs_ok)
		broken = "lookup accepted a malformed language tag";
	else if (!all_valid)
		broken = "lookup accepted invalid UTF-8";
	n = tm_match_list_count(l);
	if (!broken && n > max)
		broken = "more matches than asked for";
	for (size_t i = 0; i < n && !broken; i++) {
		const tm_match *m = tm_match_list_get(l, i);

		if (!m)
			broken = "missing match";
		else if (!(m->score >= min && m->score <= 101))
			broken = "match score outside [min, 101]";
		else if (m->score > last)
			broken = "matches not best first";
		else if (m->tu <= 0)
			broken = "match without a unit id";
		else if (!valid_utf8(m->source) || !valid_utf8(m->target) ||
		         !valid_utf8(m->proposed))
			broken = "match text missing or not valid UTF-8";
		else if (!m->source_lang || !m->target_lang ||
		         !same_base(m->source_lang, o.source_lang) ||
		         !same_base(m->target_lang, o.target_lang))
			broken = "match in other languages than asked";
		else if ((m->flags & TM_MATCH_EXACT) && m->score < 99)
			broken = "exact match scored below 99";
		if (m)
			last = m->score;
	}
	if (!broken && tm_match_list_get(l, n))
		broken = "match past the end of the list";
	if (!broken)
		broken = check_best(q, &o, n ? tm_match_list_get(l, 0) : NULL);
	tm_match_list_free(l);
	return broken;
}

/* Whether hit @a may come before @b: by kind, then the most recently
 * changed (none last), then the newest unit (tm_concord()). */
static bool
ranked(const tm_concord_hit *a, const tm_concord_hit *b)
{
	int c;

	if (a->match_kind != b->match_kind)
		return a->match_kind < b->match_kind;
	if (!a->changed != !b->changed)
		return a->changed != NULL;
	if (a->changed && (c = strcmp(a->changed, b->changed)) != 0)
		return c > 0;
	return a->tu >= b->tu;
}

static const char *
check_concord(const char *q, const uint8_t *hdr, bool langs_ok, bool valid)
{
	tm_concord_options o = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *l = (tm_concord_list *)&o; /* must be reset */
	const char *broken = NULL;
	unsigned ti = (hdr[3] >> 3) & 7;
	const tm_concord_hit *prev = NULL;
	size_t n;
	tm_status st;

	o.lang = langs[hdr[0] & 7];
	o.target_lang = ti == 7 ? NULL : langs[ti];
	o.max_results = (int8_t)hdr[2];
	o.flags = hdr[0] & 0x80 ? TM_CONCORD_TRANSLIT : 0;
	st = tm_concord(&l, db, q, &o);
	if (st < 0) {
		if (l)
			return "failed concordance left a list";
		if (!*tm_errmsg())
			return "concordance error without a message";
		if (st == TM_EUNICODE && valid)
			return "concordance refused valid UTF-8";
		/* a well-formed language the TM holds none of (de) may be
		 * refused before the phrase is read */
		if (st == TM_ENOTFOUND &&
		    (o.lang == langs[6] || o.target_lang == langs[6]))
			return NULL;
		if (langs_ok && !valid && st != TM_EUNICODE)
			return "concordance of invalid UTF-8 without "
			       "TM_EUNICODE";
		if (st != TM_EUNICODE && st != TM_EINVAL)
			return "unexpected concordance status";
		return NULL;
	}
	if (!langs_ok)
		broken = "concordance accepted a malformed language tag";
	else if (!valid)
		broken = "concordance accepted invalid UTF-8";
	n = tm_concord_list_count(l);
	if (!broken && o.max_results >= 0 &&
	    n > (size_t)(o.max_results ? o.max_results : 100))
		broken = "more hits than asked for";
	for (size_t i = 0; i < n && !broken; i++) {
		const tm_concord_hit *h = tm_concord_list_get(l, i);

		if (!h)
			broken = "missing hit";
		else if (!valid_utf8(h->text) || !h->lang)
			broken = "hit text missing or not valid UTF-8";
		else if (!(o.flags & TM_CONCORD_TRANSLIT) &&
		         !same_base(h->lang, o.lang))
			/* across scripts, every language is searched */
			broken = "hit in another language than asked";
		else if (h->span_len == 0 ||
		         h->span_start + h->span_len > strlen(h->text))
			broken = "hit span outside its text";
		else if (tm_utf8_validate(NULL, h->text + h->span_start,
		                          h->span_len) < 0)
			broken = "hit span cuts a character";
		else if (!h->translation != !h->target_lang ||
		         (h->translation && !valid_utf8(h->translation)))
			broken = "hit translation half there or not UTF-8";
		else if (h->translation && o.target_lang &&
		         !same_base(h->target_lang, o.target_lang))
			broken = "hit translation in another language";
		else if (h->match_kind > TM_CONCORD_HIT_TRANSLIT ||
		         (h->match_kind == TM_CONCORD_HIT_TRANSLIT &&
		          !(o.flags & TM_CONCORD_TRANSLIT)))
			broken = "hit of an unknown kind";
		else if (prev && !ranked(prev, h))
			broken = "hits not in rank order";
		prev = h;
	}
	if (!broken && tm_concord_list_get(l, n))
		broken = "hit past the end of the list";
	tm_concord_list_free(l);
	return broken;
}

const char *
tm_fuzz_lookup(const uint8_t *data, size_t size)
{
	uint8_t hdr[4] = { 0 };
	const char *broken = NULL, *part[3] = { NULL, NULL, NULL };
	bool valid[3] = { true, true, true }, langs_ok;
	char *buf;
	size_t qlen, pos = 0;

	if (!db && (broken = open_tm()))
		return broken;
	memcpy(hdr, data, size < 4 ? size : 4);
	pos = size < 4 ? size : 4;
	/* NUL-terminated parts: query, context before, context after. */
	buf = malloc(size - pos + 1);
	if (!buf)
		abort();
	memcpy(buf, data + pos, size - pos);
	buf[size - pos] = '\0';
	qlen = size - pos;
	for (size_t i = 0, at = 0; i < 3 && at <= size - pos; i++) {
		part[i] = buf + at;
		valid[i] = tm_utf8_validate(NULL, part[i], strlen(part[i])) == 0;
		at += strlen(part[i]) + 1;
	}
	langs_ok = (hdr[0] & 7) != 7 && ((hdr[0] >> 3) & 7) != 7;

	/* The whole rest, NULs and all, through the text layers. */
	broken = check_normalize(buf, qlen,
	                         tm_utf8_validate(NULL, buf, qlen) == 0,
	                         hdr[3] & 7);
	if (!broken)
		broken = check_tokens(buf, qlen);
	if (!broken)
		broken = check_lookup(part[0], part[1], part[2], hdr, langs_ok,
		                      valid[0] && valid[1] && valid[2]);
	if (!broken)
		broken = check_concord(part[0], hdr, (hdr[0] & 7) != 7,
		                       valid[0]);
	free(buf);
	return broken;
}
