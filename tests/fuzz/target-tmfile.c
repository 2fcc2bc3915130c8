/* SPDX-License-Identifier: MIT */
/* Fuzz target: a damaged or crafted TM file. Once per process a small TM
 * (a dozen units in en, ko and ru, from a TMX held here) is built in a
 * scratch file and kept as bytes, in rollback-journal mode so SQLite can
 * deserialize it. Every input is a list of edits to those bytes, each
 * record an operation byte (low 3 bits) and its operands:
 *
 *   0  page bytes: 3-byte offset (modulo the file size), count n
 *      (1 byte, 1-16), n bytes written there
 *   1  header field: offset (1 byte, modulo 100), 4 bytes there
 *   2  PRAGMA user_version: 4 bytes (header bytes 60-63, big-endian)
 *   3  a row edit through SQLite: statement (1 byte, modulo the table
 *      below), 8 bytes bound as an integer, a text and a blob; made on
 *      the deserialized database before the byte edits
 *   4-7  like 0, 1, 2, 3
 *
 * The edited file is then opened read-only (lookup, concordance, stats,
 * export) and for writing (import of a small TMX, export). Every call may
 * fail, but each failure must carry a message; crashes, hangs, leaks and
 * undefined behaviour are the sanitizers' and libFuzzer's to catch.
 * When the only edits are to the candidate index's rows and counters
 * (index_only()), the read-only reads that succeed must find what they
 * find in the unedited TM: a damaged index is rebuilt or refused, never
 * silently short of matches. */
#include "fuzz-targets.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tm/tm.h>

static const char base_tmx[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<tmx version=\"1.4\"><header creationtool=\"fuzz\" "
        "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" "
        "adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>\n"
#define TU(en, ko, ru)                                                   \
	"<tu><prop type=\"x-note\">n</prop><tuv xml:lang=\"en\"><seg>" en \
	"</seg></tuv><tuv xml:lang=\"ko\"><seg>" ko "</seg></tuv>"        \
	"<tuv xml:lang=\"ru\"><seg>" ru "</seg></tuv></tu>\n"
        TU("The central bank raised its key rate by 0.25 points.",
           "중앙은행은 기준금리를 0.25%포인트 인상했다.",
           "Центробанк повысил ключевую ставку на 0,25 пункта.")
        TU("Exports of chips rose 12% in May.",
           "5월 반도체 수출은 12% 증가했다.",
           "Экспорт чипов в мае вырос на 12%.")
        TU("The typhoon reached Busan on Tuesday.",
           "태풍은 화요일 부산에 도달했다.",
           "Тайфун достиг Пусана во вторник.")
        TU("Putin met Kim Jong-un in Pyongyang.",
           "푸틴은 평양에서 김정은을 만났다.",
           "Путин встретился с Ким Чен Ыном в Пхеньяне.")
        TU("The rail link opens <b>next year</b>.",
           "철도 연결은 내년에 개통된다.",
           "Железная дорога откроется в следующем году.")
        TU("Ramyeon exports hit a record.",
           "라면 수출이 사상 최대를 기록했다.",
           "Экспорт рамёна достиг рекорда.")
        TU("Samsung said profits fell.",
           "삼성은 이익이 줄었다고 밝혔다.",
           "Samsung сообщила о падении прибыли.")
        TU("Seoul shares closed higher.",
           "서울 증시는 상승 마감했다.",
           "Акции в Сеуле закрылись ростом.")
#undef TU
        "</body></tmx>\n";

static const char more_tmx[] =
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header "
        "creationtool=\"f\" creationtoolversion=\"1\" segtype=\"sentence\" "
        "o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
        "datatype=\"plaintext\"/><body>"
        "<tu><tuv xml:lang=\"en\"><seg>The central bank held its rate."
        "</seg></tuv><tuv xml:lang=\"ko\"><seg>중앙은행은 금리를 동결했다."
        "</seg></tuv></tu></body></tmx>\n";

/* Row edits: ?1 an integer, ?2 a text, ?3 a blob (all from the input). */
static const char *const edits[] = {
	"UPDATE tm_ix_meta SET v = ?1 WHERE k = 'seg'",
	"UPDATE tm_ix_meta SET v = ?1 WHERE k = 'stale'",
	"UPDATE tm_ix_meta SET v = ?2 WHERE k = 'version'",
	"UPDATE tm_ix_meta SET v = ?2 WHERE k = 'seg'",
	"DELETE FROM tm_ix_meta WHERE k = 'seg'",
	"UPDATE tm_ix_post SET ids = ?3 WHERE rowid IN"
	" (SELECT rowid FROM tm_ix_post ORDER BY rowid LIMIT 1 OFFSET"
	"  abs(?1) % 64)",
	"UPDATE tm_ix_post SET ids = ?3",
	"UPDATE tm_ix_post SET n = ?1",
	"UPDATE tm_ix_post SET seg = ?1 WHERE rowid % 5 = 0",
	"DELETE FROM tm_ix_post WHERE rowid % 3 = abs(?1) % 3",
	"UPDATE tuv SET key = ?2 WHERE id = 1 + abs(?1) % 24",
	"UPDATE tuv SET lang = ?2, lang_base = ?2 WHERE id = 1 + abs(?1) % 24",
	"UPDATE tuv SET markup = ?3 WHERE id = 1 + abs(?1) % 24",
	"UPDATE tuv SET tu_id = ?1 WHERE id = 3",
	"UPDATE tuv SET key_hash = ?1",
	"UPDATE tu SET attrs = ?2 WHERE id = 1 + abs(?1) % 8",
	"UPDATE tu SET dup_hash = ?1, changed = ?2",
	"UPDATE prop SET tu_id = ?1",
	"UPDATE origin SET attrs = ?2",
	"DELETE FROM tuv WHERE id = 1 + abs(?1) % 24",
	"DROP TABLE tm_ix_meta",
	"DROP TABLE tm_ix_post",
	"DROP INDEX tuv_tu",
	"UPDATE sqlite_master SET rootpage = abs(?1) % 40 WHERE name = 'tuv'",
	"UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '')"
	" WHERE name = 'tuv'",
	"UPDATE sqlite_master SET sql = ?2 WHERE name = 'tm_ix_bd'",
	"UPDATE sqlite_master SET sql = ?2 WHERE type = 'index'"
	" AND rowid % 4 = abs(?1) % 4",
	"UPDATE tm_ix_meta SET v = ?1 WHERE k = 'rows'",
	/* every row of one term: its matches gone, the lists all sound */
	"DELETE FROM tm_ix_post WHERE term = (SELECT term FROM tm_ix_post"
	" ORDER BY rowid LIMIT 1 OFFSET abs(?1) % 64)",
};

#define N_EDITS (sizeof(edits) / sizeof(edits[0]))

/* The edits the reads must see through (index_only()): the index's rows
 * deleted or renumbered, its counters changed, its tables dropped. */
static bool
edit_of_index(size_t i)
{
	return i <= 4 || i == 8 || i == 9 || i == 20 || i == 21 || i >= 27;
}

/* What the reads found (reads()): a text of matches and hits. */
struct sig {
	char s[2048];
	size_t len;
	bool failed; /* a read failed: nothing to compare */
};

static const char *reads(tm_db *db, struct sig *g);

static unsigned char *base;
static size_t base_len;
static struct sig base_sig; /* what the reads find in the base TM */
static char db_path[300], tmx_path[300], out_path[300];

static void
drop_files(void)
{
	static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
	char p[320];

	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s%s", db_path, sfx[i]);
		remove(p);
	}
	remove(tmx_path);
	remove(out_path);
}

static bool
write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, n, f) == n;

	if (f && fclose(f) != 0)
		ok = false;
	return ok;
}

static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)))
		*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

/* The base TM, once: imported, closed, in rollback-journal mode. */
static void
make_base(void)
{
	const char *scratch = tm_fuzz_scratch_path();
	tm_db *db = NULL;
	sqlite3 *h = NULL;

	snprintf(db_path, sizeof(db_path), "%s.tm", scratch);
	snprintf(tmx_path, sizeof(tmx_path), "%s.tmx", scratch);
	snprintf(out_path, sizeof(out_path), "%s.out.tmx", scratch);
	atexit(drop_files);
	drop_files();
	if (!write_file(tmx_path, base_tmx, sizeof(base_tmx) - 1) ||
	    tm_db_open(&db, db_path, NULL) < 0 ||
	    tm_tmx_import(NULL, db, tmx_path, NULL) < 0 ||
	    tm_db_close(db) < 0)
		abort();
	if (sqlite3_open(db_path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode = DELETE; VACUUM", NULL,
	                 NULL, NULL) != SQLITE_OK)
		abort();
	sqlite3_close(h);
	base = read_file(db_path, &base_len);
	if (!base || base_len < 512)
		abort();
	{
		tm_db_options ro = TM_DB_OPTIONS_INIT;

		ro.flags = TM_DB_READONLY;
		if (tm_db_open(&db, db_path, &ro) < 0)
			abort();
		reads(db, &base_sig);
		tm_db_close(db);
		/* a lookup that finds nothing would compare nothing */
		if (base_sig.failed || !strstr(base_sig.s, "match") ||
		    !strstr(base_sig.s, "translit"))
			abort();
	}
	if (!write_file(tmx_path, more_tmx, sizeof(more_tmx) - 1))
		abort();
}

/* Apply the row edits of the input to the base bytes through an
 * in-memory SQLite database; returns the new bytes (malloc'd). */
static unsigned char *
row_edits(const uint8_t *data, size_t size, size_t *len)
{
	sqlite3 *h = NULL;
	unsigned char *mem, *out = NULL;
	sqlite3_int64 n = 0;
	bool any = false;

	for (size_t i = 0; i < size;) {
		unsigned op = data[i] & 7;

		if (op % 4 == 3 && i + 10 <= size) {
			any = true;
			break;
		}
		i += op % 4 == 0 ? 5 + (i + 4 < size ? data[i + 4] % 16 + 1 : 0)
		     : op % 4 == 1 ? 6 : op % 4 == 2 ? 5 : 10;
	}
	if (!any) {
		out = malloc(base_len);
		if (out) {
			memcpy(out, base, base_len);
			*len = base_len;
		}
		return out;
	}
	mem = sqlite3_malloc64(base_len);
	if (!mem || sqlite3_open(":memory:", &h) != SQLITE_OK)
		abort();
	memcpy(mem, base, base_len);
	if (sqlite3_deserialize(h, "main", mem, (sqlite3_int64)base_len,
	                        (sqlite3_int64)base_len,
	                        SQLITE_DESERIALIZE_FREEONCLOSE |
	                                SQLITE_DESERIALIZE_RESIZEABLE) !=
	    SQLITE_OK)
		abort();
	sqlite3_exec(h, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
	for (size_t i = 0; i < size;) {
		unsigned op = data[i] & 7;
		size_t step = op % 4 == 0 ? 5 + (i + 4 < size ? data[i + 4] % 16 + 1
		                                              : 0)
		              : op % 4 == 1 ? 6
		              : op % 4 == 2 ? 5
		                            : 10;

		if (op % 4 == 3 && i + 10 <= size) {
			const uint8_t *v = data + i + 2;
			sqlite3_stmt *s = NULL;
			long long x = 0;
			char text[9];

			for (size_t k = 0; k < 8; k++)
				x = (long long)((unsigned long long)x << 8 | v[k]);
			memcpy(text, v, 8);
			text[8] = '\0';
			if (sqlite3_prepare_v2(
			            h,
			            edits[data[i + 1] % N_EDITS],
			            -1, &s, NULL) == SQLITE_OK) {
				sqlite3_bind_int64(s, 1, x);
				sqlite3_bind_text(s, 2, text, -1,
				                  SQLITE_TRANSIENT);
				sqlite3_bind_blob(s, 3, v, 8, SQLITE_TRANSIENT);
				sqlite3_step(s);
			}
			sqlite3_finalize(s);
		}
		i += step;
	}
	sqlite3_exec(h, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
	mem = sqlite3_serialize(h, "main", &n, 0);
	sqlite3_close(h);
	if (mem && n > 0 && (out = malloc((size_t)n))) {
		memcpy(out, mem, (size_t)n);
		*len = (size_t)n;
	}
	sqlite3_free(mem);
	return out;
}

static void
byte_edits(unsigned char *f, size_t len, const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size;) {
		unsigned op = data[i] & 7;

		if (op % 4 == 0) {
			size_t at, n;

			if (i + 5 > size)
				break;
			at = ((size_t)data[i + 1] << 16 |
			      (size_t)data[i + 2] << 8 | data[i + 3]) %
			     len;
			n = data[i + 4] % 16 + 1;
			for (size_t k = 0; k < n && i + 5 + k < size &&
			                   at + k < len;
			     k++)
				f[at + k] = data[i + 5 + k];
			i += 5 + n;
		} else if (op % 4 == 1) {
			if (i + 6 > size)
				break;
			memcpy(f + data[i + 1] % 97, data + i + 2, 4);
			i += 6;
		} else if (op % 4 == 2) {
			if (i + 5 > size)
				break;
			memcpy(f + 60, data + i + 1, 4);
			i += 5;
		} else {
			i += 10;
		}
	}
}

/* Whether the input edits only the index (edit_of_index()): no byte
 * edit, and not the row count together with a deletion (a count set to
 * what is left is a forgery no cheap check can tell). */
static bool
index_only(const uint8_t *data, size_t size)
{
	bool rows = false, deleted = false;

	for (size_t i = 0; i < size;) {
		unsigned op = data[i] & 7;

		if (op % 4 == 3) {
			size_t e;

			if (i + 10 > size)
				break;
			e = data[i + 1] % N_EDITS;
			if (!edit_of_index(e))
				return false;
			rows |= e == 27;
			deleted |= e == 9 || e == 28;
			i += 10;
		} else if (op % 4 == 0) {
			if (i + 5 <= size)
				return false;
			break;
		} else if (i + (op % 4 == 1 ? 6 : 5) <= size) {
			return false;
		} else {
			break;
		}
	}
	return !(rows && deleted);
}

/* A failed call must say why. */
static bool
failed_silently(tm_status st)
{
	const char *m = tm_errmsg();

	return st < 0 && (!m || !*m);
}

static void
sig_add(struct sig *g, const char *what, long long tu, double score)
{
	int n;

	if (!g || g->len >= sizeof(g->s))
		return;
	n = snprintf(g->s + g->len, sizeof(g->s) - g->len, "%s %lld %.2f;",
	             what, tu, score);
	if (n > 0)
		g->len += (size_t)n;
}

static void
sig_concord(struct sig *g, const char *what, tm_status st,
            const tm_concord_list *cl)
{
	if (!g)
		return;
	if (st < 0) {
		g->failed = true;
		return;
	}
	for (size_t i = 0; i < tm_concord_list_count(cl); i++)
		sig_add(g, what, tm_concord_list_get(cl, i)->tu, 0);
}

/* The reads of one open: a lookup, concordances plain and by
 * transliteration, a count and an export; what they found into @g (may
 * be NULL). */
static const char *
reads(tm_db *db, struct sig *g)
{
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_match_list *ml = NULL;
	tm_concord_list *cl = NULL;
	tm_status st;

	lo.source_lang = "en";
	lo.target_lang = "ko";
	lo.min_score = 50; /* fuzzy matches, through the candidate index */
	st = tm_lookup(&ml, db, "The central bank raised its key rate.", &lo);
	if (g && st < 0)
		g->failed = true;
	for (size_t i = 0; st >= 0 && i < tm_match_list_count(ml); i++)
		sig_add(g, "match", tm_match_list_get(ml, i)->tu,
		        tm_match_list_get(ml, i)->score);
	tm_match_list_free(ml);
	if (failed_silently(st))
		return "tm_lookup failed without a message";
	co.lang = "ru";
	st = tm_concord(&cl, db, "Пусана", &co);
	sig_concord(g, "ru", st, cl);
	tm_concord_list_free(cl);
	if (failed_silently(st))
		return "tm_concord failed without a message";
	co.lang = "en";
	co.flags = TM_CONCORD_TRANSLIT;
	cl = NULL;
	st = tm_concord(&cl, db, "Putin", &co);
	sig_concord(g, "translit", st, cl);
	tm_concord_list_free(cl);
	if (failed_silently(st))
		return "tm_concord (translit) failed without a message";
	(void)tm_db_unit_count(db);
	st = tm_tmx_export(NULL, db, out_path, NULL);
	if (failed_silently(st))
		return "tm_tmx_export failed without a message";
	return NULL;
}

const char *
tm_fuzz_tmfile(const uint8_t *data, size_t size)
{
	tm_db_options ro = TM_DB_OPTIONS_INIT;
	unsigned char *file;
	const char *bad = NULL;
	tm_db *db = NULL;
	tm_status st;
	size_t len = 0;
	bool only;

	if (!base)
		make_base();
	only = index_only(data, size);
	file = row_edits(data, size, &len);
	if (!file)
		return NULL; /* out of memory in SQLite: nothing to test */
	byte_edits(file, len, data, size);
	{
		static const char *const sfx[] = {"-wal", "-shm", "-journal"};
		char p[320];

		for (size_t i = 0; i < 3; i++) {
			snprintf(p, sizeof(p), "%s%s", db_path, sfx[i]);
			remove(p);
		}
	}
	if (!write_file(db_path, file, len))
		abort();
	free(file);

	ro.flags = TM_DB_READONLY;
	st = tm_db_open(&db, db_path, &ro);
	if (failed_silently(st))
		return "read-only tm_db_open failed without a message";
	if (st == TM_OK) {
		struct sig g = { .len = 0 };

		bad = reads(db, &g);
		tm_db_close(db);
		if (bad)
			return bad;
		if (only && !g.failed && strcmp(g.s, base_sig.s) != 0)
			return "an edit of the index lost or changed matches "
			       "without an error";
	}
	db = NULL;
	st = tm_db_open(&db, db_path, NULL);
	if (failed_silently(st))
		return "tm_db_open failed without a message";
	if (st == TM_OK) {
		st = tm_tmx_import(NULL, db, tmx_path, NULL);
		if (failed_silently(st))
			bad = "tm_tmx_import failed without a message";
		if (!bad)
			bad = reads(db, NULL);
		tm_db_close(db);
	}
	return bad;
}
