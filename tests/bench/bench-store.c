/* SPDX-License-Identifier: MIT */
/* Put N generated bilingual units (en + ru/ko, news-like sentences of
 * 8-30 words) into a fresh TM in one transaction, as the TMX importer
 * does, and report units/s, peak RSS and bytes per unit.
 *
 *   build/tests/bench/bench-store [N [PATH]]   (default 100000, bench.db)
 *
 * Not a meson test: run it by hand (a million units takes a while). */
#include <tm/tm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* clang-format off */
static const char *const en_words[] = {
	"the", "president", "said", "on", "Tuesday", "that", "government",
	"will", "raise", "interest", "rates", "by", "percent", "after",
	"talks", "with", "officials", "in", "Seoul", "Moscow", "markets",
	"fell", "sharply", "as", "investors", "worried", "about", "inflation",
	"and", "growth", "central", "bank", "minister", "reported", "new",
	"sanctions", "against", "exports", "of", "oil", "gas", "election",
	"results", "show", "opposition", "party", "won", "seats", "parliament",
	"police", "arrested", "suspects", "following", "protests", "city",
};
static const char *const ru_words[] = {
	"президент", "заявил", "во", "вторник", "что", "правительство",
	"повысит", "процентные", "ставки", "на", "процента", "после",
	"переговоров", "с", "чиновниками", "в", "Сеуле", "Москве", "рынки",
	"резко", "упали", "инвесторы", "опасаются", "инфляции", "и", "роста",
	"центральный", "банк", "министр", "сообщил", "новые", "санкции",
	"против", "экспорта", "нефти", "газа", "выборы", "оппозиция",
	"партия", "получила", "места", "парламенте", "полиция", "задержала",
};
static const char *const ko_words[] = {
	"대통령은", "화요일", "정부가", "금리를", "퍼센트", "인상할", "것이라고",
	"말했다", "서울에서", "모스크바", "시장은", "급락했다", "투자자들은",
	"인플레이션을", "우려했다", "중앙은행", "장관은", "새로운", "제재를",
	"발표했다", "석유", "가스", "수출", "선거", "결과", "야당이", "의석을",
	"얻었다", "경찰은", "용의자를", "체포했다", "시위", "도시",
};
/* clang-format on */

static unsigned long long rng = 88172645463325252ULL;

static unsigned int
rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng % n);
}

/* Generation stays cheap (memcpy, no printf) so that the figures are the
 * store's. */
static void
sentence(char *buf,
         size_t size,
         const char *const *w,
         size_t nw,
         unsigned int id)
{
	size_t n = 0;
	unsigned int words = 8 + rnd(23);
	char num[16];
	int k = 0;

	for (unsigned int i = 0; i < words && n + 64 < size; i++) {
		const char *word = w[rnd((unsigned int)nw)];
		size_t len = strlen(word);

		if (i)
			buf[n++] = ' ';
		memcpy(buf + n, word, len);
		n += len;
	}
	/* A number keeps generated sentences (almost) unique. */
	do {
		num[k++] = (char)('0' + id % 10);
		id /= 10;
	} while (id);
	buf[n++] = ' ';
	while (k)
		buf[n++] = num[--k];
	buf[n++] = '.';
	buf[n] = '\0';
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double
cpu(const struct rusage *ru)
{
	return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
	       (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

static long long
fsize(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	const char *path = argc > 2 ? argv[2] : "bench.db";
	char src[1024], tgt[2048], wal[4096];
	tm_db *db = NULL;
	struct rusage ru;
	double t0, t1, t2;
	long added = 0;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(path);
	unlink(wal);
	if (tm_db_open(&db, path, NULL) != TM_OK) {
		fprintf(stderr, "bench-store: %s\n", tm_errmsg());
		return 1;
	}
	t0 = now();
	if (tm_db_begin(db) != TM_OK) {
		fprintf(stderr, "bench-store: %s\n", tm_errmsg());
		return 1;
	}
	for (long i = 0; i < n; i++) {
		tm_unit *u = NULL;
		tm_put_result r;
		bool ko = i % 3 == 0;

		sentence(src, sizeof(src), en_words,
		         sizeof(en_words) / sizeof(*en_words), (unsigned)i);
		if (ko)
			sentence(tgt, sizeof(tgt), ko_words,
			         sizeof(ko_words) / sizeof(*ko_words),
			         (unsigned)i);
		else
			sentence(tgt, sizeof(tgt), ru_words,
			         sizeof(ru_words) / sizeof(*ru_words),
			         (unsigned)i);
		tm_unit_new(&u);
		tm_meta_set_attr(tm_unit_meta(u), "tuid", "x");
		tm_meta_set_attr(tm_unit_meta(u), "creationdate",
		                 "20240101T120000Z");
		tm_meta_set_attr(tm_unit_meta(u), "creationid", "bench");
		tm_unit_add_variant(NULL, u, "en", src, src);
		tm_unit_add_variant(NULL, u, ko ? "ko" : "ru", tgt, tgt);
		if (tm_db_put(&r, db, u, "bench.tmx", TM_DUP_MERGE) != TM_OK) {
			fprintf(stderr, "bench-store: unit %ld: %s\n", i,
			        tm_errmsg());
			return 1;
		}
		added += r == TM_PUT_ADDED;
		tm_unit_free(u);
	}
	t1 = now();
	if (tm_db_commit(db) != TM_OK) {
		fprintf(stderr, "bench-store: %s\n", tm_errmsg());
		return 1;
	}
	tm_db_close(db);
	t2 = now();
	getrusage(RUSAGE_SELF, &ru);
	printf("units %ld added %ld put %.2f s commit+close %.2f s total "
	       "%.2f s -> %.0f units/s; cpu %.2f s (%.0f units/cpu-s); "
	       "peak RSS %ld MB; file %.1f MB (%.0f bytes/unit)\n",
	       n, added, t1 - t0, t2 - t1, t2 - t0, (double)n / (t2 - t0),
	       cpu(&ru), (double)n / cpu(&ru), ru.ru_maxrss / 1024,
	       (double)(fsize(path) + fsize(wal)) / 1e6,
	       (double)(fsize(path) + fsize(wal)) / (double)n);
	return 0;
}
