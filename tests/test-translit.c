/* SPDX-License-Identifier: MIT */
/* Transliteration to Latin and cross-script match keys. The name tables
 * measure how often a name's English, Russian and Korean spellings give the
 * same key; docs/translit.md reports the figures. */
#include <tm/tm.h>

#include "tm-test.h"

enum { NEAR, AGREE };

typedef struct triple {
	const char *en, *ru, *ko;
	int want; /* AGREE: the three keys must be equal */
} triple;

/* News names the key rules were designed with (docs/translit.md). */
static const triple names[] = {
        {"Putin", "Путин", "푸틴", AGREE},
        {"Pyongyang", "Пхеньян", "평양", AGREE},
        {"Seoul", "Сеул", "서울", AGREE},
        {"Moscow", "Москва", "모스크바", NEAR},
        {"Trump", "Трамп", "트럼프", AGREE},
        {"Biden", "Байден", "바이든", AGREE},
        {"Zelensky", "Зеленский", "젤렌스키", AGREE},
        {"Kim Jong-un", "Ким Чен Ын", "김정은", AGREE},
        {"Washington", "Вашингтон", "워싱턴", AGREE},
        {"Obama", "Обама", "오바마", AGREE},
        {"Xi Jinping", "Си Цзиньпин", "시진핑", AGREE},
        {"Macron", "Макрон", "마크롱", AGREE},
        {"Scholz", "Шольц", "숄츠", AGREE},
        {"Merkel", "Меркель", "메르켈", AGREE},
        {"Lavrov", "Лавров", "라브로프", AGREE},
        {"Medvedev", "Медведев", "메드베데프", AGREE},
        {"Gorbachev", "Горбачёв", "고르바초프", AGREE},
        {"Vladimir", "Владимир", "블라디미르", AGREE},
        {"Sergei", "Сергей", "세르게이", AGREE},
        {"Shoigu", "Шойгу", "쇼이구", AGREE},
        {"Peskov", "Песков", "페스코프", AGREE},
        {"Navalny", "Навальный", "나발니", AGREE},
        {"Kremlin", "Кремль", "크렘린", NEAR},
        {"Kyiv", "Киев", "키이우", NEAR},
        {"Kharkiv", "Харьков", "하르키우", NEAR},
        {"Mariupol", "Мариуполь", "마리우폴", AGREE},
        {"Donetsk", "Донецк", "도네츠크", AGREE},
        {"Crimea", "Крым", "크림", AGREE},
        {"Ukraine", "Украина", "우크라이나", AGREE},
        {"Russia", "Россия", "러시아", AGREE},
        {"Yoon Suk Yeol", "Юн Сок Ёль", "윤석열", AGREE},
        {"Lee Jae-myung", "Ли Чжэ Мён", "이재명", NEAR},
        {"Moon Jae-in", "Мун Чжэ Ин", "문재인", AGREE},
        {"Kim Yo-jong", "Ким Ё Чжон", "김여정", AGREE},
        {"Samsung", "Самсунг", "삼성", AGREE},
        {"Hyundai", "Хёндэ", "현대", AGREE},
        {"Busan", "Пусан", "부산", NEAR},
        {"Incheon", "Инчхон", "인천", AGREE},
        {"Harris", "Харрис", "해리스", AGREE},
        {"New York", "Нью-Йорк", "뉴욕", NEAR},
        {"Pentagon", "Пентагон", "펜타곤", AGREE},
        {"Blinken", "Блинкен", "블링컨", AGREE},
        {"Netanyahu", "Нетаньяху", "네타냐후", AGREE},
        {"Erdogan", "Эрдоган", "에르도안", NEAR},
        {"Modi", "Моди", "모디", AGREE},
        {"Kishida", "Кисида", "기시다", AGREE},
        {"Tokyo", "Токио", "도쿄", NEAR},
        {"NATO", "НАТО", "나토", AGREE},
        {"Hamas", "ХАМАС", "하마스", AGREE},
        {"Gaza", "Газа", "가자", AGREE},
        {"Israel", "Израиль", "이스라엘", NEAR},
        {"Iran", "Иран", "이란", AGREE},
        {"Elon Musk", "Илон Маск", "일론 머스크", AGREE},
        {"Beijing", "Пекин", "베이징", NEAR},
        {"Hong Kong", "Гонконг", "홍콩", AGREE},
        {"Singapore", "Сингапур", "싱가포르", AGREE},
        {"Angela", "Ангела", "앙겔라", AGREE},
        {"Alexander", "Александр", "알렉산더", NEAR},
        {"Carter", "Картер", "카터", NEAR},
        {"Michael", "Майкл", "마이클", NEAR},
        {"Johnson", "Джонсон", "존슨", AGREE},
        {"George", "Джордж", "조지", NEAR},
        {"Quebec", "Квебек", "퀘벡", AGREE},
        {"Dmitry Peskov", "Дмитрий Песков", "드미트리 페스코프", AGREE},
        {"Muhammad", "Мухаммед", "무함마드", AGREE},
        {"Emmanuel", "Эммануэль", "에마뉘엘", AGREE},
        {"Yeltsin", "Ельцин", "옐친", AGREE},
        {"Brazil", "Бразилия", "브라질", AGREE},
        {"Hamburg", "Гамбург", "함부르크", AGREE},
        {"Berlin", "Берлин", "베를린", AGREE},
        {"London", "Лондон", "런던", AGREE},
        {"Paris", "Париж", "파리", NEAR},
        {"Blair", "Блэр", "블레어", NEAR},
        {"Bush", "Буш", "부시", AGREE},
        {"Clinton", "Клинтон", "클린턴", AGREE},
        {"Kim Jong-il", "Ким Чен Ир", "김정일", AGREE},
        {"Park Geun-hye", "Пак Кын Хе", "박근혜", NEAR},
        {"Choi", "Чхве", "최", NEAR},
        {"Gangnam", "Каннам", "강남", AGREE},
};

/* Names written down before the rules were last changed and measured once
 * without tuning on them: the honest figure. */
static const triple heldout[] = {
        {"Stalin", "Сталин", "스탈린", AGREE},
        {"Lenin", "Ленин", "레닌", AGREE},
        {"Tolstoy", "Толстой", "톨스토이", AGREE},
        {"Dostoevsky", "Достоевский", "도스토옙스키", NEAR},
        {"Tchaikovsky", "Чайковский", "차이콥스키", NEAR},
        {"Gagarin", "Гагарин", "가가린", AGREE},
        {"Sochi", "Сочи", "소치", AGREE},
        {"Vladivostok", "Владивосток", "블라디보스토크", AGREE},
        {"Siberia", "Сибирь", "시베리아", AGREE},
        {"Stockholm", "Стокгольм", "스톡홀름", AGREE},
        {"Geneva", "Женева", "제네바", NEAR},
        {"Davos", "Давос", "다보스", AGREE},
        {"Jerusalem", "Иерусалим", "예루살렘", NEAR},
        {"Baghdad", "Багдад", "바그다드", NEAR},
        {"Damascus", "Дамаск", "다마스쿠스", NEAR},
        {"Tehran", "Тегеран", "테헤란", NEAR},
        {"Kabul", "Кабул", "카불", AGREE},
        {"Delhi", "Дели", "델리", NEAR},
        {"Mumbai", "Мумбаи", "뭄바이", AGREE},
        {"Jakarta", "Джакарта", "자카르타", AGREE},
        {"Manila", "Манила", "마닐라", AGREE},
        {"Hanoi", "Ханой", "하노이", AGREE},
        {"Bangkok", "Бангкок", "방콕", AGREE},
        {"Taiwan", "Тайвань", "타이완", AGREE},
        {"Shanghai", "Шанхай", "상하이", AGREE},
        {"Osaka", "Осака", "오사카", AGREE},
        {"Sapporo", "Саппоро", "삿포로", AGREE},
        {"Abe", "Абэ", "아베", AGREE},
        {"Fukushima", "Фукусима", "후쿠시마", NEAR},
        {"Trudeau", "Трюдо", "트뤼도", AGREE},
        {"Sunak", "Сунак", "수낵", AGREE},
        {"Boris", "Борис", "보리스", AGREE},
        {"Pompeo", "Помпео", "폼페이오", AGREE},
        {"Pelosi", "Пелоси", "펠로시", AGREE},
        {"Sullivan", "Салливан", "설리번", AGREE},
        {"Kennedy", "Кеннеди", "케네디", AGREE},
        {"Lincoln", "Линкольн", "링컨", NEAR},
        {"Nixon", "Никсон", "닉슨", AGREE},
        {"Reagan", "Рейган", "레이건", AGREE},
        {"Hillary Clinton", "Хиллари Клинтон", "힐러리 클린턴", AGREE},
        {"Google", "Гугл", "구글", AGREE},
        {"Apple", "Эппл", "애플", AGREE},
        {"Microsoft", "Майкрософт", "마이크로소프트", AGREE},
        {"Facebook", "Фейсбук", "페이스북", AGREE},
        {"Tesla", "Тесла", "테슬라", AGREE},
        {"Toyota", "Тойота", "도요타", NEAR},
        {"Sony", "Сони", "소니", AGREE},
        {"Gazprom", "Газпром", "가스프롬", NEAR},
        {"Rosneft", "Роснефть", "로스네프트", AGREE},
        {"Aeroflot", "Аэрофлот", "아에로플로트", AGREE},
        {"Kim Il-sung", "Ким Ир Сен", "김일성", AGREE},
        {"Ban Ki-moon", "Пан Ги Мун", "반기문", NEAR},
        {"Jeju", "Чеджу", "제주", AGREE},
        {"Daegu", "Тэгу", "대구", NEAR},
        {"Gwangju", "Кванджу", "광주", AGREE},
        {"Dokdo", "Токто", "독도", NEAR},
        {"Panmunjom", "Пханмунджом", "판문점", AGREE},
        {"Kaesong", "Кэсон", "개성", AGREE},
        {"Wonsan", "Вонсан", "원산", AGREE},
        {"Sinuiju", "Синыйджу", "신의주", AGREE},
        {"Hwasong", "Хвасон", "화성", NEAR},
        {"Chernobyl", "Чернобыль", "체르노빌", AGREE},
        {"Zaporizhzhia", "Запорожье", "자포리자", AGREE},
        {"Odesa", "Одесса", "오데사", AGREE},
        {"Lviv", "Львов", "르비우", NEAR},
        {"Bakhmut", "Бахмут", "바흐무트", AGREE},
        {"Kherson", "Херсон", "헤르손", AGREE},
        {"Belgorod", "Белгород", "벨고로드", AGREE},
        {"Minsk", "Минск", "민스크", AGREE},
        {"Tbilisi", "Тбилиси", "트빌리시", AGREE},
        {"Kazakhstan", "Казахстан", "카자흐스탄", AGREE},
        {"Uzbekistan", "Узбекистан", "우즈베키스탄", AGREE},
        {"Mongolia", "Монголия", "몽골", AGREE},
        {"Afghanistan", "Афганистан", "아프가니스탄", AGREE},
        {"Pakistan", "Пакистан", "파키스탄", AGREE},
        {"Syria", "Сирия", "시리아", AGREE},
        {"Libya", "Ливия", "리비아", AGREE},
        {"Egypt", "Египет", "이집트", NEAR},
        {"Saudi Arabia", "Саудовская Аравия", "사우디아라비아", NEAR},
        {"Qatar", "Катар", "카타르", AGREE},
        {"Dubai", "Дубай", "두바이", AGREE},
        {"Mexico", "Мексика", "멕시코", AGREE},
        {"Canada", "Канада", "캐나다", AGREE},
        {"Cuba", "Куба", "쿠바", AGREE},
        {"Venezuela", "Венесуэла", "베네수엘라", NEAR},
        {"Argentina", "Аргентина", "아르헨티나", AGREE},
        {"Chile", "Чили", "칠레", AGREE},
        {"Peru", "Перу", "페루", AGREE},
        {"Australia", "Австралия", "오스트레일리아", NEAR},
        {"Sydney", "Сидней", "시드니", AGREE},
        {"Africa", "Африка", "아프리카", AGREE},
        {"Nigeria", "Нигерия", "나이지리아", NEAR},
        {"Kenya", "Кения", "케냐", AGREE},
        {"Ethiopia", "Эфиопия", "에티오피아", NEAR},
        {"Europe", "Европа", "유럽", NEAR},
        {"Brussels", "Брюссель", "브뤼셀", NEAR},
        {"Amsterdam", "Амстердам", "암스테르담", AGREE},
        {"Madrid", "Мадрид", "마드리드", AGREE},
        {"Rome", "Рим", "로마", AGREE},
        {"Athens", "Афины", "아테네", NEAR},
        {"Warsaw", "Варшава", "바르샤바", NEAR},
        {"Prague", "Прага", "프라하", AGREE},
        {"Budapest", "Будапешт", "부다페스트", AGREE},
        {"Helsinki", "Хельсинки", "헬싱키", AGREE},
        {"Oslo", "Осло", "오슬로", AGREE},
        {"Copenhagen", "Копенгаген", "코펜하겐", AGREE},
        {"Dublin", "Дублин", "더블린", AGREE},
        {"Edinburgh", "Эдинбург", "에든버러", NEAR},
        {"Chicago", "Чикаго", "시카고", NEAR},
        {"Los Angeles", "Лос-Анджелес", "로스앤젤레스", NEAR},
        {"San Francisco", "Сан-Франциско", "샌프란시스코", NEAR},
        {"Texas", "Техас", "텍사스", NEAR},
        {"Florida", "Флорида", "플로리다", AGREE},
        {"California", "Калифорния", "캘리포니아", NEAR},
        {"Hawaii", "Гавайи", "하와이", AGREE},
        {"Alaska", "Аляска", "알래스카", AGREE},
        {"Greenland", "Гренландия", "그린란드", NEAR},
};

static tm_translit *tr_any;

static char *
key(const char *s)
{
	char *out = NULL;

	if (tm_translit_key(&out, tr_any, s, strlen(s)) != TM_OK)
		return NULL;
	return out;
}

static char *
translit(const char *lang, unsigned int flags, const char *s)
{
	tm_translit *tr = NULL;
	char *out = NULL;

	if (tm_translit_new(&tr, lang, flags) != TM_OK)
		return NULL;
	if (tm_translit_text(&out, tr, s, strlen(s)) != TM_OK)
		out = NULL;
	tm_translit_free(tr);
	return out;
}

#define CHECK_TR(lang, flags, in, want)                                        \
	do {                                                                   \
		char *got_ = translit((lang), (flags), (in));                  \
		CHECK_STR(got_, (want));                                       \
		tm_free(got_);                                                 \
	} while (0)

#define CHECK_KEY(in, want)                                                    \
	do {                                                                   \
		char *got_ = key(in);                                          \
		CHECK_STR(got_, (want));                                       \
		tm_free(got_);                                                 \
	} while (0)

static void
test_translit_korean(void)
{
	CHECK_TR("ko", 0, "김정은", "gimjeong-eun");
	CHECK_TR("ko", 0, "평양", "pyeong-yang");
	CHECK_TR("ko", 0, "푸틴 대통령", "putin daetonglyeong");
	/* other scripts and ASCII pass through */
	CHECK_TR("ko", 0, "G7 서울 Путин", "G7 seoul Путин");
	/* decomposed Hangul (conjoining jamo) reads like the syllables */
	CHECK_TR("ko", 0,
	         "\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x8b\xe1\x85\xae"
	         "\xe1\x86\xaf",
	         "seoul");
	CHECK_TR("ko-KR", TM_TRANSLIT_ASCII, "서울", "seoul");
}

static void
test_translit_russian(void)
{
	CHECK_TR("ru", 0, "Ким Чен Ын", "Kim Chen Yn");
	CHECK_TR("ru", 0, "Путин, Щербаков", "Putin, Shcherbakov");
	CHECK_TR("ru", 0, "Пхеньян", "Pkhenʹyan");
	CHECK_TR("ru", TM_TRANSLIT_ASCII, "Пхеньян", "Pkhen'yan");
	CHECK_TR("RU", TM_TRANSLIT_ASCII, "Ёлка", "Yelka");
	/* й written as и + combining breve */
	CHECK_TR("ru", 0, "Байден", "Bayden");
	CHECK_TR("ru", 0,
	         "Баи\xcc\x86"
	         "ден",
	         "Bayden");
}

static void
test_translit_errors(void)
{
	tm_translit *tr = (tm_translit *)&tr;
	char *out = (char *)"x";

	CHECK(tm_translit_new(&tr, "xx", 0) == TM_EINVAL);
	CHECK(tr == NULL);
	CHECK_STR(tm_errmsg(), "translit: no transliteration for language "
	                       "'xx' (known: ko, ru)");
	CHECK(tm_translit_new(&tr, "k o", 0) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "translit: 'k o' is not a language tag");
	CHECK(tm_translit_new(&tr, "", 0) == TM_EINVAL);
	REQUIRE(tm_translit_new(&tr, "ru", 0) == TM_OK);
	CHECK(tm_translit_text(&out, tr, "ab\xff", 3) == TM_EUNICODE);
	CHECK(out == NULL);
	CHECK_STR(tm_errmsg(), "text: invalid UTF-8 at byte 2");
	CHECK(tm_translit_key(&out, tr, "\xd0", 1) == TM_EUNICODE);
	CHECK(out == NULL);
	CHECK(tm_translit_key(&out, NULL, "a", 1) == TM_EINVAL);
	tm_translit_free(tr);
	tm_translit_free(NULL);
}

static void
test_translit_key_folds(void)
{
	/* case, diacritics, hyphens, apostrophes and spaces do not count */
	CHECK_KEY("Putin", "ptn");
	CHECK_KEY("PUTIN", "ptn");
	CHECK_KEY("Pútin", "ptn");
	CHECK_KEY("O'Brien", "abln");
	CHECK_KEY("O’Brien", "abln");
	CHECK_KEY("o brien", "abln");
	CHECK_KEY("Kim Jong-un", "kmjnn");
	CHECK_KEY("Kim Jong Un", "kmjnn");
	CHECK_KEY("Erdoğan", "aldkn");
	CHECK_KEY("Straße", "stls");
	/* Latin beyond Latin-1 stays inside the word: Vietnamese, full-width
	 * forms, ligatures */
	CHECK_KEY("Nguyễn", "nkn");
	CHECK_KEY("Nguyen", "nkn");
	CHECK_KEY("ＦＯＸ", "pks");
	CHECK_KEY("ﬁsh", "ps");
	CHECK_KEY("", "");
	CHECK_KEY("  -- ", "");
	/* digits stay, in order */
	CHECK_KEY("G7", "k7");
	CHECK_KEY("F-16", "p16");
	/* Korean and Russian in one string */
	CHECK_KEY("푸틴 Путин", "ptnptn");
}

static void
test_translit_key_same_for_every_handle(void)
{
	static const char *const langs[] = {"ko", "ru"};

	for (size_t i = 0; i < 2; i++) {
		tm_translit *tr = NULL;
		char *a = NULL, *b = key("Пхеньян 평양 Pyongyang");

		REQUIRE(tm_translit_new(&tr, langs[i], TM_TRANSLIT_ASCII) ==
		        TM_OK);
		REQUIRE(tm_translit_key(&a, tr, "Пхеньян 평양 Pyongyang",
		                        strlen("Пхеньян 평양 Pyongyang")) ==
		        TM_OK);
		CHECK_STR(a, b);
		CHECK_STR(a, "pnnpnnpnn");
		tm_free(a);
		tm_free(b);
		tm_translit_free(tr);
	}
}

static void
test_translit_key_other_scripts(void)
{
	char *a = key("习近平"), *b = key("Xi Jinping");

	/* Han through ICU's Any-Latin (pinyin) */
	CHECK_STR(a, b);
	tm_free(a);
	tm_free(b);
	a = key("Αθήνα");
	b = key("Athina");
	CHECK_STR(a, b);
	tm_free(a);
	tm_free(b);
	/* decomposed Hangul */
	a = key("\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x8b\xe1\x85\xae\xe1\x86\xaf");
	CHECK_STR(a, "sl");
	tm_free(a);
}

/* Keys that must stay apart: names in the same news story. */
static void
test_translit_key_distinct(void)
{
	static const char *const names_[] = {
	        "Putin",       "Biden",      "Trump",     "Obama",
	        "Seoul",       "Moscow",     "Pyongyang", "Zelensky",
	        "Kim Jong-un", "Xi Jinping", "Lavrov",    "Blinken",
	        "Harris",      "Macron",     "Scholz",    "Washington",
	        "Beijing",     "Tokyo",      "Kyiv",      "Ukraine",
	};
	size_t n = sizeof(names_) / sizeof(names_[0]);
	char *k[32];

	for (size_t i = 0; i < n; i++)
		k[i] = key(names_[i]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (k[i] && k[j] && strcmp(k[i], k[j]) == 0) {
				printf("#   %s and %s share the key %s\n",
				       names_[i], names_[j], k[i]);
				CHECK(0);
			}
			CHECK(tm_translit_key_similarity(k[i], k[j]) < 0.85);
		}
	for (size_t i = 0; i < n; i++)
		tm_free(k[i]);
}

/* Run a table; print every disagreement and the agreement rate. Rows
 * marked AGREE must agree. Returns the number that agree. */
static size_t
run_table(const char *title, const triple *t, size_t n, double *min_sim)
{
	size_t agree = 0, er = 0, ek = 0, rk = 0, near = 0;

	*min_sim = 1.0;
	for (size_t i = 0; i < n; i++) {
		char *e = key(t[i].en), *r = key(t[i].ru), *k = key(t[i].ko);
		bool same;
		double s;

		REQUIRE(e && r && k);
		same = strcmp(e, r) == 0 && strcmp(e, k) == 0;
		agree += same;
		er += strcmp(e, r) == 0;
		ek += strcmp(e, k) == 0;
		rk += strcmp(r, k) == 0;
		if (t[i].want == AGREE && !same) {
			printf("#   %s: %s / %s: %s / %s: %s should agree\n",
			       t[i].en, e, t[i].ru, r, t[i].ko, k);
			CHECK(0);
		}
		if (!same)
			printf("#   %s: %s=%s %s=%s %s=%s\n", title, t[i].en, e,
			       t[i].ru, r, t[i].ko, k);
		s = tm_translit_key_similarity(e, r);
		if (tm_translit_key_similarity(e, k) < s)
			s = tm_translit_key_similarity(e, k);
		if (tm_translit_key_similarity(r, k) < s)
			s = tm_translit_key_similarity(r, k);
		if (s < *min_sim)
			*min_sim = s;
		near += s >= 0.75;
		tm_free(e);
		tm_free(r);
		tm_free(k);
	}
	printf("# %s: %zu of %zu triples agree exactly (%.1f%%); pairs: "
	       "en=ru %zu, en=ko %zu, ru=ko %zu; all pairs similarity >= 0.75: "
	       "%zu\n",
	       title, agree, n, 100.0 * (double)agree / (double)n, er, ek, rk,
	       near);
	return agree;
}

static void
test_translit_key_name_triples(void)
{
	size_t n = sizeof(names) / sizeof(names[0]);
	double min_sim;
	size_t agree = run_table("designed", names, n, &min_sim);

	CHECK(agree * 4 >= n * 3);
	printf("# designed: lowest pairwise similarity %.2f\n", min_sim);
}

static void
test_translit_key_heldout_triples(void)
{
	size_t n = sizeof(heldout) / sizeof(heldout[0]);
	double min_sim;
	size_t agree = run_table("held-out", heldout, n, &min_sim);

	CHECK(agree * 10 >= n * 6);
	printf("# held-out: lowest pairwise similarity %.2f\n", min_sim);
}

static void
test_translit_key_similarity(void)
{
	char *putin = key("Putin"), *putina = key("Путина"),
	     *putineun = key("푸틴은"), *carter = key("Carter"),
	     *carter_ko = key("카터"), *biden = key("Biden");

	CHECK(tm_translit_key_similarity(putin, putin) == 1.0);
	CHECK(tm_translit_key_similarity(putin, putina) == 1.0);
	/* a Korean particle is an ending: half a symbol */
	CHECK(tm_translit_key_similarity(putin, putineun) >= 0.85);
	CHECK(tm_translit_key_similarity(putineun, putin) ==
	      tm_translit_key_similarity(putin, putineun));
	CHECK(tm_translit_key_similarity(carter, carter_ko) >= 0.7);
	CHECK(tm_translit_key_similarity(putin, biden) < 0.7);
	CHECK(tm_translit_key_similarity("", "") == 0.0);
	CHECK(tm_translit_key_similarity(putin, "") == 0.0);
	CHECK(tm_translit_key_similarity(NULL, putin) == 0.0);
	tm_free(putin);
	tm_free(putina);
	tm_free(putineun);
	tm_free(carter);
	tm_free(carter_ko);
	tm_free(biden);
}

int
main(void)
{
	if (tm_translit_new(&tr_any, NULL, 0) != TM_OK) {
		printf("# %s\n", tm_errmsg());
		return 1;
	}
	RUN(test_translit_korean);
	RUN(test_translit_russian);
	RUN(test_translit_errors);
	RUN(test_translit_key_folds);
	RUN(test_translit_key_same_for_every_handle);
	RUN(test_translit_key_other_scripts);
	RUN(test_translit_key_distinct);
	RUN(test_translit_key_name_triples);
	RUN(test_translit_key_heldout_triples);
	RUN(test_translit_key_similarity);
	tm_translit_free(tr_any);
	return tm_test_done();
}
