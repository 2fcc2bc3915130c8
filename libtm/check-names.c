/* SPDX-License-Identifier: MIT */
/* The name check (docs/check.md). A name of the source is a glossary
 * term, a known equivalent (check-facts.c), or a run of capitalised words
 * that does not merely begin the sentence; it must be in the translation
 * in a form whose transliteration key (tm_translit_key()) agrees, or as
 * the glossary or the known equivalent renders it. What is not found is
 * graded by how sure the check can be that the name should have been
 * there: the glossary says so (error); another name stands in its place,
 * the document transliterates it twice elsewhere, a Korean rendering's
 * key differs from the original glossed after it (warning: right nine
 * times in ten, measured); a close form, once elsewhere, nothing (info:
 * names such as Germany or the White House are translated). A first pass
 * over the document learns what it renders and how (learn_name()). */
#include "check-private.h"
#include "array-private.h"
#include "concord-private.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Key similarity at which two forms are one name (Carter, Картер and 카터
 * score about 0.8, unrelated names under 0.5: translit.h). */
#define AGREE 0.75
/* Below AGREE but at least this: a close form, perhaps misspelt. */
#define CLOSE 0.6
/* An agreement sure enough to learn from (translit.h: 0.85 for keys of
 * three symbols or more). */
#define STRONG 0.85
/* Other keys of a Latin name: its latin_variant()s. */
#define NALT 4

/* ---- names a document renders ------------------------------------------- */

static char *
nameset_entry(const char *group, const char *key)
{
	size_t g = group ? strlen(group) : 0, k = strlen(key);
	char *e = tm__malloc(g + k + 2);

	if (!e)
		return NULL;
	memcpy(e, group ? group : "", g);
	e[g] = '\x1f';
	memcpy(e + g + 1, key, k + 1);
	return e;
}

tm_status
tm__nameset_add(tm__nameset *s, const char *group, const char *key)
{
	char *e;

	if (!TM__ARRAY_GROW(s->v, s->cap, s->n + 1, 64))
		return tm__error_oom();
	e = nameset_entry(group, key);
	if (!e)
		return tm__error_oom();
	s->v[s->n++] = e;
	return TM_OK;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
tm__nameset_seal(tm__nameset *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_entry);
}

bool
tm__nameset_has(const tm__nameset *s, const char *group, const char *key)
{
	char *e;
	bool found;

	if (!s || !s->n)
		return false;
	e = nameset_entry(group, key);
	if (!e)
		return false;
	found = bsearch(&e, s->v, s->n, sizeof(*s->v), cmp_entry) != NULL;
	tm__free(e);
	return found;
}

size_t
tm__nameset_count(const tm__nameset *s, const char *group, const char *key)
{
	char *e;
	size_t lo = 0, hi, n = 0;

	if (!s || !s->n)
		return 0;
	e = nameset_entry(group, key);
	if (!e)
		return 0;
	hi = s->n;
	while (lo < hi) { /* the first entry not below e */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->v[mid], e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + n < s->n && strcmp(s->v[lo + n], e) == 0)
		n++;
	tm__free(e);
	return n;
}

void
tm__nameset_dispose(tm__nameset *s)
{
	for (size_t i = 0; i < s->n; i++)
		tm__free(s->v[i]);
	tm__free(s->v);
	memset(s, 0, sizeof(*s));
}

/* A first-pass note in @p->learn: @tag ('k' a source name's key, 'f' the
 * Korean form that rendered one) and @len bytes of @s. */
static tm_status
learn(const tm__ckpair *p, char tag, const char *s, size_t len)
{
	char buf[256];

	if (len + 3 > sizeof(buf))
		return TM_OK;
	buf[0] = tag;
	buf[1] = ':';
	memcpy(buf + 2, s, len);
	buf[len + 2] = '\0';
	return tm__nameset_add(p->learn, p->group, buf);
}

static size_t
known_count(const tm__ckpair *p, char tag, const char *s, size_t len)
{
	char buf[256];

	if (len + 3 > sizeof(buf))
		return 0;
	buf[0] = tag;
	buf[1] = ':';
	memcpy(buf + 2, s, len);
	buf[len + 2] = '\0';
	return tm__nameset_count(p->known, p->group, buf);
}

static bool
known(const tm__ckpair *p, char tag, const char *s, size_t len)
{
	return known_count(p, tag, s, len) > 0;
}

/* ---- words -------------------------------------------------------------- */

typedef struct word {
	uint32_t off, len;
	uint8_t script;
	bool cap;     /* first letter upper case */
	bool allcaps; /* every letter upper case (an acronym) */
	bool initial; /* begins a sentence */
	bool stop;    /* capitalised but not a name (months, titles...) */
	bool covered; /* part of a glossary term or a known equivalent
	                 already checked */
	uint32_t first; /* the first letter in lower case */
	char *key;    /* tm_translit_key(), or NULL */
	char *alt[NALT]; /* other keys of a Latin name (name_keys()), or
	                 NULL */
} word;

typedef struct words {
	word *v;
	size_t n, cap;
} words;

static void
words_dispose(words *w)
{
	for (size_t i = 0; i < w->n; i++) {
		tm_free(w->v[i].key);
		for (int k = 0; k < NALT; k++)
			tm_free(w->v[i].alt[k]);
	}
	tm__free(w->v);
	memset(w, 0, sizeof(*w));
}

/* Capitalised English words that are not names, or not ones a translation
 * transliterates: the reader's check skips them (and month names, which
 * is_stop() asks numbers.c about). */
static const char *const stop_en[] = {
        "I",
        "A",
        "An",
        "The",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "If",
        "It",
        "He",
        "She",
        "We",
        "They",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "Prof",
        "President",
        "Prime",
        "Minister",
        "Sen",
        "Senator",
        "Gov",
        "Governor",
        "Rep",
        "Gen",
        "General",
        "Col",
        "Capt",
        "Lt",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Pope",
        "Saint",
        "St",
        "Mount",
        "Lake",
        "River",
        "Cape",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
        "Chairman",
        "Secretary",
        "Chief",
        "Director",
        "Professor",
        "Captain",
        "Lord",
        "Lady",
        "Dame",
        "Justice",
        "Judge",
        "Officer",
        "Sergeant",
        "Inspector",
        "Ambassador",
        "Mayor",
        "Emperor",
        "Empress",
        "Duke",
        "Duchess",
        "Bishop",
        "Father",
        "Rev",
        "Vice",
        "Deputy",
        "Former",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Christmas",
        "Easter",
        "God",
        "Internet",
        "English",
        "Korean",
        "Russian",
        "American",
        "British",
        "Chinese",
        "Japanese",
        "French",
        "German",
        "European",
        "Christian",
        "Muslim",
        "Jewish",
        "Islamic",
        "Catholic",
        "Republic",
        "Democratic",
        "Republican",
        "Party",
        "Government",
        "Ministry",
        "Department",
        "University",
        "National",
        "International",
        "Council",
        "Committee",
        "Assembly",
        "Parliament",
        "Court",
        "Supreme",
        "Union",
        "United",
        "States",
        "Kingdom",
        "Army",
        "Navy",
        "Air",
        "Force",
        "Police",
        "Office",
        "House",
        "Senate",
        "Congress",
        "Federal",
        "State",
        "City",
        "County",
        "Province",
        "Street",
        "Avenue",
        "Road",
        "Square",
        "Bridge",
        "Island",
        "Islands",
        "Ocean",
        "Sea",
        "Bay",
        "Gulf",
        "World",
        "War",
        "Cup",
        "Games",
        "Olympic",
        "Olympics",
        "Championship",
        "League",
        "Club",
        "Association",
        "Organization",
        "Institute",
        "Center",
        "Centre",
        "Museum",
        "Hospital",
        "School",
        "College",
        "Church",
        "Airport",
        "Station",
        "Park",
        "Hotel",
        "Company",
        "Corporation",
        "Inc",
        "Ltd",
        "Co",
        "Group",
        "Bank",
        "Agency",
        "Service",
        "Foundation",
        "Award",
        "Prize",
        "Day",
        "Year",
        "New",
        "Old",
        "Great",
        "Grand",
        "Royal",
        "Imperial",
        "Global",
        "Human",
        "Rights",
        "Foreign",
        "Affairs",
        "Defense",
        "Defence",
        "Justice",
        "Health",
        "Education",
        "Energy",
        "Trade",
        "Security",
        "Social",
        "Public",
        "People",
        "Peoples",
        "Labour",
        "Labor",
        "Conservative",
        "Liberal",
        "Green",
        "Greens",
        "Socialist",
        "Communist",
        "Empire",
        "Age",
        "Ages",
        "Times",
        "News",
        "Post",
        "Daily",
        "Sunday",
        "Magazine",
        "Journal",
        "Review",
        "Act",
        "Bill",
        "Treaty",
        "Agreement",
        "Declaration",
        "Constitution",
};

static bool
is_stop(const char *s, size_t len)
{
	/* month names are numbers.c's (a date's month) */
	if (tm__numbers_en_month(s, len))
		return true;
	for (size_t i = 0; i < TM_ARRAY_SIZE(stop_en); i++)
		if (strlen(stop_en[i]) == len &&
		    memcmp(stop_en[i], s, len) == 0)
			return true;
	return false;
}

/* An English spelling as a Korean or Russian ear writes it: with
 * @softg, a g before e, i or y is j (George = Джордж = 조지, Farage =
 * 패라지); with @nonrhotic, an r after a vowel and before a consonant or
 * the end is dropped, as Korean writes English names (Carter = 카터, Ford
 * = 포드; docs/translit.md); with @initw, a w that begins the name is u,
 * as Russian writes it (Warren = Уоррен). Non-ASCII bytes are copied. Returns the
 * length written into @out (@cap bytes). */
static size_t
latin_variant(char *out, size_t cap, const char *s, size_t len, bool softg,
              bool nonrhotic, bool initw)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 1 < cap; i++) {
		char c = s[i], lc = (char)(c | 0x20);
		char nx = i + 1 < len ? (char)(s[i + 1] | 0x20) : 0;
		char pv = i ? (char)(s[i - 1] | 0x20) : 0;
		bool nvow = nx && strchr("aeiouy", nx),
		     pvow = pv && strchr("aeiouy", pv);

		if (initw && i == 0 && lc == 'w' && nvow) {
			/* Russian writes an English w as у (Уоррен, Уиллоуби) */
			out[o++] = c == 'W' ? 'U' : 'u';
			continue;
		}
		if (softg && lc == 'g' && nx && strchr("eiy", nx)) {
			out[o++] = c == 'G' ? 'J' : 'j';
			continue;
		}
		if (nonrhotic && lc == 'r' && pvow && !nvow)
			continue;
		out[o++] = c;
	}
	return o;
}

/* The key of the @len bytes of a name at @s, less an English possessive
 * (Cownie's is Cownie), into *@key, and with @latin the keys of its
 * latin_variant()s that differ from it into @alt (NALT, NULL where none).
 * @retval TM_ENOMEM, TM_EUNICODE */
static tm_status
name_keys(char **key, char *alt[NALT], tm_checker *ck, const char *s, size_t len,
          bool latin)
{
	tm_status rc;
	size_t n = 0;

	if (len > 2 && s[len - 2] == '\'' && s[len - 1] == 's')
		len -= 2;
	else if (len > 4 && memcmp(s + len - 4, "\xE2\x80\x99s", 4) == 0)
		len -= 4;
	rc = tm_translit_key(key, ck->tr, s, len);
	if (rc < 0 || !latin || len > 200)
		return rc;
	/* soft g; no r; both; Russian w */
	for (int v = 1; v <= NALT && rc == TM_OK; v++) {
		char buf[256], *k = NULL;
		size_t bl;

		if (v == 4 && (s[0] | 0x20) != 'w')
			break;
		bl = latin_variant(buf, sizeof(buf), s, len, v & 1, v & 2,
		                   v == 4);
		bool dup;

		rc = tm_translit_key(&k, ck->tr, buf, bl);
		if (rc < 0)
			break;
		dup = !k || strcmp(k, *key) == 0;
		for (size_t q = 0; q < n && !dup; q++)
			dup = strcmp(k, alt[q]) == 0;
		if (dup)
			tm_free(k);
		else
			alt[n++] = k;
	}
	return rc;
}

/* A Latin or Cyrillic letter in lower case (ё as е, as fold() does). */
static uint32_t
lower_cp(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0x410 && c <= 0x42F))
		return c + 32;
	if (c == 0x401 || c == 0x451)
		return 0x435;
	return c;
}

/* Split @len bytes of @s into words (runs of letters, with ' and - inside)
 * and key the Latin, Cyrillic and Hangul ones. */
static tm_status
read_words(words *w, tm_checker *ck, const char *s, size_t len, bool keys)
{
	bool after_stop = true; /* sentence start */

	for (size_t i = 0; i < len;) {
		size_t adv, j;
		uint32_t c = tm__ck_decode(s + i, len - i, &adv);
		tm__script sc = tm__ck_letter_script(c);
		word x = {0};
		bool allcaps = true;

		if (sc == TM__SCRIPT_OTHER) {
			if (c == '.' || c == '!' || c == '?' || c == ':' ||
			    c == 0x2014 || c == '"' || c == 0x201C || c == 0xAB)
				after_stop = true;
			else if (c != ' ' && c != '(' && c != 0x2018 &&
			         c != '\'' && c != 0x2019 && c != 0x201D &&
			         c != 0xBB && c != '-' && c != '\n' &&
			         c != '\t')
				after_stop = false;
			i += adv;
			continue;
		}
		x.off = (uint32_t)i;
		x.script = (uint8_t)sc;
		x.cap = tm__ck_is_upper(c);
		x.first = lower_cp(c);
		x.initial = after_stop;
		j = i;
		for (;;) {
			uint32_t d = tm__ck_decode(s + j, len - j, &adv);
			tm__script ds = tm__ck_letter_script(d);

			if (ds != TM__SCRIPT_OTHER ||
			    (d >= 0x300 && d <= 0x36F)) {
				if (ds != TM__SCRIPT_HANGUL &&
				    !tm__ck_is_upper(d))
					allcaps = false;
				j += adv;
				continue;
			}
			if ((d == '-' || d == '\'' || d == 0x2019) &&
			    j + adv < len) {
				size_t a2;
				uint32_t e = tm__ck_decode(s + j + adv,
				                           len - j - adv, &a2);

				if (tm__ck_letter_script(e) !=
				    TM__SCRIPT_OTHER) {
					j += adv;
					continue;
				}
			}
			break;
		}
		x.len = (uint32_t)(j - i);
		x.allcaps = allcaps && x.len > 1;
		x.stop = x.cap && is_stop(s + i, x.len);
		if (keys) {
			tm_status rc = name_keys(&x.key, x.alt, ck, s + i, x.len,
			                         sc == TM__SCRIPT_LATIN && x.cap);

			if (rc < 0)
				return rc;
		}
		if (!TM__ARRAY_GROW(w->v, w->cap, w->n + 1, 32)) {
			tm_free(x.key);
			for (int k = 0; k < NALT; k++)
				tm_free(x.alt[k]);
			return tm__error_oom();
		}
		w->v[w->n++] = x;
		after_stop = false;
		i = j;
	}
	return TM_OK;
}

/* Lower-case @len bytes of Latin/Cyrillic/Hangul into @out (cap bytes). */
static size_t
fold(char *out, size_t cap, const char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 4 < cap;) {
		size_t adv;
		uint32_t c = tm__ck_decode(s + i, len - i, &adv);

		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (c >= 0x410 && c <= 0x42F)
			c += 32;
		else if (c == 0x401 || c == 0x451)
			c = 0x435; /* ё as е */
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | (c >> 6));
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			memcpy(out + o, s + i, adv);
			o += adv;
		}
		i += adv;
	}
	out[o] = '\0';
	return o;
}

/* Whether @form occurs in @text: as a substring for Hangul (particles
 * follow a name), at a word start for Latin and Cyrillic, where a Russian
 * form may lose up to two final letters to its case ending (Пхеньян,
 * Пхеньяне; Корея, Корее). */
static bool
has_form(const char *text, size_t len, const char *form)
{
	/* folding keeps or shortens every character's bytes */
	char *ft = tm__malloc(len + 5), *ff = tm__malloc(strlen(form) + 5);
	size_t tl, fl, need;
	bool found = false;

	if (!ft || !ff) {
		tm__free(ft);
		tm__free(ff);
		return true; /* out of memory: claim nothing is missing */
	}
	tl = fold(ft, len + 5, text, len);
	fl = fold(ff, strlen(form) + 5, form, strlen(form));
	need = fl;
	/* a Cyrillic form of four letters or more may lose its last letter
	 * (two bytes) to a case ending */
	if (fl >= 8 && (unsigned char)ff[fl - 2] >= 0xD0 &&
	    (unsigned char)ff[fl - 2] <= 0xD1)
		need = fl - 2;
	for (size_t i = 0; fl && i + need <= tl && !found; i++) {
		size_t a2, p = i;

		if (memcmp(ft + i, ff, need) != 0)
			continue;
		if (i == 0 || (unsigned char)ff[0] >= 0xE0) {
			found = true; /* Hangul: anywhere */
			continue;
		}
		p = i - 1;
		while (p > 0 && ((unsigned char)ft[p] & 0xC0) == 0x80)
			p--;
		found = tm__ck_letter_script(tm__ck_decode(
		                ft + p, tl - p, &a2)) == TM__SCRIPT_OTHER;
	}
	tm__free(ft);
	tm__free(ff);
	return found;
}

/* A target candidate: 1 to 3 consecutive words and their key. */
typedef struct cand {
	uint32_t off, len;
	char *key;
	char *alt[2]; /* a Korean word's key less its particle, and less a
	                 place suffix too (윈난성에서: 윈난성, 윈난) */
	bool single;  /* one word */
} cand;

typedef struct cands {
	cand *v;
	size_t n;
} cands;

static void
cands_dispose(cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		tm_free(c->v[i].key);
		tm_free(c->v[i].alt[0]);
		tm_free(c->v[i].alt[1]);
	}
	tm__free(c->v);
}

/* Suffixes a Korean rendering glues to a place or team name: province,
 * city, county, island, river, mountain, cup, team... (윈난성, 라이더컵). */
static const char *const ko_suffix[] = {
        "성", "시", "군", "도", "섬", "강", "산", "주", "컵", "팀", "역", "항",
};

/* The keys of Korean candidate @x less its particle and less a place
 * suffix after that (two syllables at least left). */
static tm_status
korean_base_keys(cand *x, tm_checker *ck, const char *t)
{
	const char *w = t + x->off;
	size_t len = x->len, pl = tm__ko_particle_len(w, len);
	tm_status rc = TM_OK;
	int n = 0;

	if (pl && len - pl >= 6) {
		len -= pl;
		rc = tm_translit_key(&x->alt[n++], ck->tr, w, len);
	}
	for (size_t i = 0; rc == TM_OK && i < TM_ARRAY_SIZE(ko_suffix); i++)
		if (len >= 9 && memcmp(w + len - 3, ko_suffix[i], 3) == 0) {
			rc = tm_translit_key(&x->alt[n++], ck->tr, w, len - 3);
			break;
		}
	return rc;
}

static tm_status
make_cands(cands *c, tm_checker *ck, const char *t, const words *w)
{
	c->n = 0;
	c->v = tm__calloc(w->n * 3 + 1, sizeof(cand));
	if (!c->v)
		return tm__error_oom();
	for (size_t i = 0; i < w->n; i++) {
		for (size_t k = 1; k <= 3 && i + k <= w->n; k++) {
			const word *a = &w->v[i], *b = &w->v[i + k - 1];
			cand *x = &c->v[c->n];
			tm_status rc;

			if (b->script != a->script)
				break;
			/* only words next to each other (a space or a hyphen)
			 */
			if (k > 1 && b->off - (w->v[i + k - 2].off +
			                       w->v[i + k - 2].len) >
			                     2)
				break;
			x->off = a->off;
			x->len = b->off + b->len - a->off;
			x->single = k == 1;
			if (k == 1) {
				x->key = a->key ? tm__strdup(a->key) : NULL;
				if (a->key && !x->key)
					return tm__error_oom();
				if (a->script == TM__SCRIPT_HANGUL &&
				    (rc = korean_base_keys(x, ck, t)) < 0)
					return rc;
			} else if ((rc = tm_translit_key(&x->key, ck->tr,
			                                 t + x->off, x->len)) <
			           0) {
				return rc;
			}
			c->n++;
		}
	}
	return TM_OK;
}

/* The similarity of key @k to candidate @c: its best key. */
static double
cand_sim(const char *k, const cand *c)
{
	double s = 0;

	if (c->key && c->key[0])
		s = tm_translit_key_similarity(k, c->key);
	for (int i = 0; i < 2; i++)
		if (c->alt[i] && c->alt[i][0])
			s = fmax(s, tm_translit_key_similarity(k, c->alt[i]));
	return s;
}

/* The best candidate for key @k and its @alt keys (NALT, NULL where none;
 * @alt may be NULL): its similarity, and which in *@best. */
static double
best_cand_alt(const cands *c, const char *k, char *const *alt,
              const cand **best)
{
	double bs = 0;

	*best = NULL;
	if (!k || strlen(k) < 2)
		return 0;
	for (size_t i = 0; i < c->n; i++) {
		double s = cand_sim(k, &c->v[i]);

		if (s > bs) {
			bs = s;
			*best = &c->v[i];
		}
	}
	/* the other spellings only when the name does not agree as written
	 * (they cost four times the comparisons) */
	for (size_t i = 0; alt && bs < AGREE && i < c->n; i++) {
		double s = 0;

		for (int a = 0; a < NALT; a++)
			if (alt[a] && strlen(alt[a]) >= 2)
				s = fmax(s, cand_sim(alt[a], &c->v[i]));
		if (s > bs) {
			bs = s;
			*best = &c->v[i];
		}
	}
	return bs;
}

/* The best candidate for key @k. */
static double
best_cand(const cands *c, const char *k, const cand **best)
{
	return best_cand_alt(c, k, NULL, best);
}

/* Whether source words [a, b) spell the glossary form @gi of the source
 * language: equal folded text, or (Russian) equal keys of 3+ symbols. */
static bool
gl_in_source(tm_checker *ck,
             const char *s,
             const words *w,
             size_t a,
             size_t b,
             size_t gi)
{
	const char *form = ck->gl->v[gi].form[ck->sgl];
	const char *k = ck->glkeys[2 * gi];
	char x[512], y[512];
	size_t off = w->v[a].off, len = w->v[b - 1].off + w->v[b - 1].len - off;
	size_t adv;

	/* a name in capitals is no common word: Rapid is not rapid */
	if (tm__ck_is_upper(tm__ck_decode(form, strlen(form), &adv)) &&
	    !tm__ck_is_upper(tm__ck_decode(s + off, len, &adv)))
		return false;
	if (fold(x, sizeof(x), s + off, len) ==
	            fold(y, sizeof(y), form, strlen(form)) &&
	    strcmp(x, y) == 0)
		return true;
	if (ck->sscript == TM__SCRIPT_CYRILLIC && k && strlen(k) >= 3) {
		char *wk = NULL;
		bool eq;

		if (tm_translit_key(&wk, ck->tr, s + off, len) < 0)
			return false;
		eq = wk && strcmp(wk, k) == 0;
		tm_free(wk);
		return eq;
	}
	return false;
}

static size_t
count_words(const char *form)
{
	size_t n = 0;
	bool in = false;

	for (; *form; form++) {
		bool sp = *form == ' ';

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* The glossary terms of the source: check each one's rendering. */
/* Whether @form is in the target in brackets, as a Korean translation
 * glosses a rendering with the original (트럼프(Trump)). */
static bool
glossed(const tm__ckpair *p, const char *form)
{
	size_t fl = strlen(form);

	for (const char *h = p->tgt; (h = strchr(h, '(')) != NULL; h++) {
		const char *e = strchr(h, ')');

		for (const char *q = h + 1; e && q + fl <= e; q++)
			if (memcmp(q, form, fl) == 0)
				return true;
	}
	return false;
}

static tm_status span_best(double *best, const cand **bc, const tm__ckpair *p,
                           const cands *tc, size_t ss, size_t sl, bool latin);
static size_t fact_at(const tm__ckpair *p, const words *sw, size_t i,
                      size_t *fi);
static bool fact_in_target(const tm__ckpair *p, words *tw, const char *forms);

static tm_status
check_glossary(const tm__ckpair *p, words *sw, words *tw, const cands *tc)
{
	tm_checker *ck = p->ck;
	const tm_glossary *g = ck->gl;
	tm_status rc = TM_OK;

	if (!g || !ck->glkeys)
		return TM_OK;
	for (size_t gi = 0; gi < g->n && rc == TM_OK; gi++) {
		const char *sf = g->v[gi].form[ck->sgl];
		const char *tf = g->v[gi].form[ck->tgl];
		size_t nw, ss = 0, sl = 0, gw = SIZE_MAX;
		bool found = false;
		const cand *bc = NULL, *bc2 = NULL;
		double sim, sim2;

		if (!sf || !tf)
			continue;
		if (ck->sscript == TM__SCRIPT_HANGUL) {
			const char *hit = strstr(p->src, sf);

			if (hit) {
				found = true;
				ss = (size_t)(hit - p->src);
				sl = strlen(sf);
				for (size_t i = 0; i < sw->n; i++)
					if (sw->v[i].off < ss + sl &&
					    sw->v[i].off + sw->v[i].len > ss)
						sw->v[i].covered = true;
			}
		} else {
			nw = count_words(sf);
			for (size_t a = 0; nw && a + nw <= sw->n && !found;
			     a++) {
				if (!gl_in_source(ck, p->src, sw, a, a + nw,
				                  gi))
					continue;
				found = true;
				gw = a;
				ss = sw->v[a].off;
				sl = sw->v[a + nw - 1].off +
				     sw->v[a + nw - 1].len - ss;
				for (size_t i = a; i < a + nw; i++)
					sw->v[i].covered = true;
			}
		}
		if (!found)
			continue;
		if (has_form(p->tgt, p->tlen, tf))
			continue;
		/* another entry for the same term whose form is there: the
		 * glossary allows both */
		{
			bool other = false;

			for (size_t gj = 0; gj < g->n && !other; gj++)
				other = gj != gi && g->v[gj].form[ck->sgl] &&
				        g->v[gj].form[ck->tgl] &&
				        strcmp(g->v[gj].form[ck->sgl], sf) ==
				                0 &&
				        has_form(p->tgt, p->tlen,
				                 g->v[gj].form[ck->tgl]);
			if (other)
				continue;
		}
		/* the source's form kept as written (a brand in Latin
		 * letters), not as the gloss of a rendering: 마크롱(Sonora)
		 * is checked as 마크롱 */
		if (has_form(p->tgt, p->tlen, sf) && !glossed(p, sf))
			continue;
		sim = best_cand(tc, ck->glkeys[2 * gi + 1], &bc);
		sim2 = best_cand(tc, ck->glkeys[2 * gi], &bc2);
		if (sim2 > sim) {
			sim = sim2;
			bc = bc2;
		}
		if (sim < AGREE && ck->sscript == TM__SCRIPT_LATIN) {
			/* the source form's other spellings (George as Джордж) */
			rc = span_best(&sim2, &bc2, p, tc, ss, sl, true);
			if (rc < 0)
				break;
			if (sim2 > sim) {
				sim = sim2;
				bc = bc2;
			}
		}
		if (sim < AGREE && gw != SIZE_MAX) {
			/* a known equivalent is there (Washington's approach as
			 * 미국의): not the glossary's form, but no omission */
			size_t fi = 0, fn = fact_at(p, sw, gw, &fi);

			if (fn && fact_in_target(p, tw,
			                         tm__check_facts[fi].form[ck->tgl])) {
				rc = tm__check_emit(
				        p, TM_CHECK_NAME, TM_CHECK_WARNING, ss, sl,
				        0, 0, NAN, NAN,
				        "name %.*s is rendered by a known "
				        "equivalent; the glossary has %s",
				        (int)sl, p->src + ss, tf);
				continue;
			}
		}
		if (bc && sim >= AGREE)
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_WARNING, ss, sl,
			        bc->off, bc->len, NAN, NAN,
			        "name %.*s is rendered as %.*s; the "
			        "glossary has %s",
			        (int)sl, p->src + ss, (int)bc->len,
			        p->tgt + bc->off, tf);
		else
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_ERROR, ss, sl, 0, 0,
			        NAN, NAN,
			        "name %.*s (the glossary has %s) is not "
			        "in the translation",
			        (int)sl, p->src + ss, tf);
	}
	return rc;
}

/* ---- known equivalents (check-facts.c) ---------------------------------- */

/* Whether the text word @w (@wl bytes) is the form word @f (@fl bytes; a
 * final '*' makes it a stem), case aside. */
static bool
fact_word_eq(const char *w, size_t wl, const char *f, size_t fl)
{
	char a[128], b[128];
	size_t al, bl;
	bool stem = fl && f[fl - 1] == '*';

	if (stem)
		fl--;
	/* a possessive: Washington's */
	if (wl > 2 && w[wl - 2] == '\'' && w[wl - 1] == 's')
		wl -= 2;
	else if (wl > 4 && memcmp(w + wl - 4, "\xE2\x80\x99s", 4) == 0)
		wl -= 4;
	if (wl >= sizeof(a) - 8 || fl >= sizeof(b) - 8)
		return false;
	al = fold(a, sizeof(a), w, wl);
	bl = fold(b, sizeof(b), f, fl);
	return stem ? al >= bl && memcmp(a, b, bl) == 0
	            : al == bl && memcmp(a, b, bl) == 0;
}

/* The next word of the form @f (@fl bytes) from *@pos: words are
 * separated by spaces and dots (U.S. is U and S, as read_words() reads
 * it). Its start into *@ws and length returned; 0 at the end. */
static size_t
form_word(const char *f, size_t fl, size_t *pos, size_t *ws)
{
	size_t i = *pos, s;

	while (i < fl && (f[i] == ' ' || f[i] == '.'))
		i++;
	s = i;
	while (i < fl && f[i] != ' ' && f[i] != '.')
		i++;
	*pos = i;
	*ws = s;
	return i - s;
}

/* How many words of @text from word @i the form @f (@fl bytes) spans, 0
 * when it does not match there (@tlen bytes of @text). @cased: a form
 * word written with a capital needs a capitalised word (China, not
 * china). */
static size_t
form_at(const char *text, size_t tlen, const words *w, size_t i, const char *f,
        size_t fl, bool cased)
{
	size_t pos = 0, ws, n, k = i;

	while ((n = form_word(f, fl, &pos, &ws)) > 0) {
		size_t adv;

		if (k >= w->n || w->v[k].script == TM__SCRIPT_HANGUL)
			return 0;
		uint32_t c0 = tm__ck_decode(f + ws, n, &adv);

		if (lower_cp(c0) != w->v[k].first ||
		    (cased && tm__ck_is_upper(c0) && !w->v[k].cap))
			return 0;
		if (!fact_word_eq(text + w->v[k].off, w->v[k].len, f + ws, n))
			return 0;
		/* the words of a form are next to each other */
		if (k > i && w->v[k].off - (w->v[k - 1].off + w->v[k - 1].len) > 2)
			return 0;
		k++;
	}
	/* US$, A$: a currency, not the country */
	if (k > i && w->v[k - 1].off + w->v[k - 1].len < tlen &&
	    text[w->v[k - 1].off + w->v[k - 1].len] == '$')
		return 0;
	return k - i;
}

/* Whether the Hangul form @f (@fl bytes, two syllables or more) is in
 * @text (anywhere in a word: particles follow it). */
static bool
hangul_has(const char *text, size_t tlen, const char *f, size_t fl)
{
	if (fl < 6)
		return false;
	for (size_t i = 0; i + fl <= tlen; i++)
		if (memcmp(text + i, f, fl) == 0)
			return true;
	return false;
}

/* Whether one of the forms @forms ('|' between them) is in the target:
 * the words it covers are marked in @tw. */
static bool
fact_in_target(const tm__ckpair *p, words *tw, const char *forms)
{
	bool found = false;

	for (const char *f = forms; f && *f;) {
		const char *e = strchr(f, '|');
		size_t fl = e ? (size_t)(e - f) : strlen(f);

		if (tm__ck_letter_script(tm__ck_decode(f, fl, &(size_t){0})) ==
		    TM__SCRIPT_HANGUL) {
			found |= hangul_has(p->tgt, p->tlen, f, fl);
		} else {
			for (size_t i = 0; i < tw->n; i++) {
				size_t n = form_at(p->tgt, p->tlen, tw, i, f, fl,
				                   false);

				for (size_t k = i; k < i + n; k++)
					tw->v[k].covered = true;
				found |= n > 0;
			}
		}
		f = e ? e + 1 : f + fl;
	}
	return found;
}

/* Mark the target words that any known equivalent's form covers (Землю
 * is Earth's, КНДР North Korea's): whatever the source says, they are no
 * stray names. */
static void
cover_all_facts(const tm__ckpair *p, words *tw)
{
	tm_checker *ck = p->ck;

	for (size_t x = 0; x < ck->nff; x++) {
		const tm__factform *f = &ck->ff[x];

		if (f->side != 1 || ck->tscript == TM__SCRIPT_HANGUL)
			continue;
		for (size_t i = 0; i < tw->n; i++) {
			size_t n;

			if (tw->v[i].first != f->first)
				continue;
			n = form_at(p->tgt, p->tlen, tw, i, f->f, f->fl, false);
			for (size_t k = i; k < i + n; k++)
				tw->v[k].covered = true;
		}
	}
}

/* The longest form of a fact at source word @i: its fact into *@fi, the
 * words it spans returned (0: none). */
static size_t
fact_at(const tm__ckpair *p, const words *sw, size_t i, size_t *fi)
{
	tm_checker *ck = p->ck;
	size_t best = 0;

	if (ck->sscript == TM__SCRIPT_HANGUL)
		return 0;
	for (size_t x = 0; x < ck->nff; x++) {
		const tm__factform *f = &ck->ff[x];
		size_t n;

		if (f->side != 0 || f->first != sw->v[i].first)
			continue;
		n = form_at(p->src, p->slen, sw, i, f->f, f->fl, true);
		if (n > best) {
			best = n;
			*fi = f->fact;
		}
	}
	return best;
}

tm_status
tm__check_facts_compile(tm_checker *ck)
{
	int lang[2] = {ck->sgl, ck->tgl};
	size_t n = 0;

	if (ck->sgl < 0 || ck->tgl < 0)
		return TM_OK;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t x = 0; x < tm__check_nfacts; x++) {
			const tm__fact *fa = &tm__check_facts[x];

			/* a fact needs a form on both sides */
			if (!fa->form[lang[0]] || !fa->form[lang[1]])
				continue;
			for (uint8_t side = 0; side < 2; side++)
				for (const char *f = fa->form[lang[side]]; *f;) {
					const char *e = strchr(f, '|');
					size_t fl = e ? (size_t)(e - f) : strlen(f),
					       adv;

					if (pass) {
						tm__factform *ff = &ck->ff[n];

						ff->fact = (uint32_t)x;
						ff->side = side;
						ff->f = f;
						ff->fl = fl;
						ff->first = lower_cp(
						        tm__ck_decode(f, fl, &adv));
					}
					n++;
					f = e ? e + 1 : f + fl;
				}
		}
		if (!pass) {
			ck->ff = tm__calloc(n ? n : 1, sizeof(*ck->ff));
			if (!ck->ff)
				return tm__error_oom();
			n = 0;
		}
	}
	ck->nff = n;
	return TM_OK;
}

/* The known equivalents of the source (check-facts.c): each is found in
 * the target by one of its forms (or its key, as any name), else reported
 * at info. Their words are not checked again as names, nor are the target
 * words they cover taken for stray names. */
static tm_status
check_facts(const tm__ckpair *p, words *sw, words *tw, const cands *tc)
{
	tm_checker *ck = p->ck;
	tm_status rc = TM_OK;

	for (size_t i = 0; i < sw->n && rc == TM_OK;) {
		size_t fi = 0, n = sw->v[i].covered ? 0 : fact_at(p, sw, i, &fi);
		size_t ss, sl;
		const char *tf;
		bool found;
		const cand *bc;
		char *rk = NULL;

		if (!n) {
			i++;
			continue;
		}
		for (size_t k = i; k < i + n; k++)
			sw->v[k].covered = true;
		ss = sw->v[i].off;
		sl = sw->v[i + n - 1].off + sw->v[i + n - 1].len - ss;
		i += n;
		tf = tm__check_facts[fi].form[ck->tgl];
		found = fact_in_target(p, tw, tf);
		if (!found) {
			char *alt[NALT] = {NULL};

			rc = name_keys(&rk, alt, ck, p->src + ss, sl,
			               ck->sscript == TM__SCRIPT_LATIN);
			found = rc == TM_OK && rk && strlen(rk) >= 2 &&
			        best_cand_alt(tc, rk, alt, &bc) >= AGREE;
			tm_free(rk);
			for (int k = 0; k < NALT; k++)
				tm_free(alt[k]);
		}
		if (found || rc < 0 || p->learn)
			continue;
		{
			char as[128];
			size_t o = 0;

			/* the first form, as a reader writes it */
			for (const char *c = tf;
			     *c && *c != '|' && o + 1 < sizeof(as); c++)
				if (*c != '*')
					as[o++] = *c;
			as[o] = '\0';
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_INFO, ss, sl, 0, 0,
			        NAN, NAN,
			        "name %.*s is not in the translation (as %s or "
			        "the like), unless it is rephrased",
			        (int)sl, p->src + ss, as);
		}
	}
	return rc;
}

/* Whether word @i can start or continue a name run. */
static bool
name_word(const words *w, size_t i, tm__script script)
{
	const word *x = &w->v[i];

	return x->cap && !x->stop && !x->covered && x->script == script &&
	       x->script != TM__SCRIPT_HANGUL && x->len >= 2;
}

/* Many capitalised words: a headline in title case, where capitals say
 * nothing. */
static bool
title_case(const words *w, tm__script script)
{
	size_t caps = 0, all = 0;

	for (size_t i = 0; i < w->n; i++) {
		if (w->v[i].script != script)
			continue;
		all++;
		if (w->v[i].cap)
			caps++;
	}
	return all >= 4 && caps * 10 >= all * 6;
}

/* Whether a capitalised Russian word is an adjective (Юридическом
 * комитете, Национальная ассамблея, Тихоокеанской): the start of a
 * translated title, not a name. */
static bool
ru_adjective(const char *s, size_t len)
{
	static const char *const end[] = {
	        "ый",  "ий",  "ой",  "ая",   "яя",     "ое",  "ее",  "ые", "ие",
	        "ого", "его", "ому", "ему",  "ым",     "им",  "ую",  "юю", "ых",
	        "их",  "ыми", "ими", "ском", "ческом", "ном", "ным",
	};

	for (size_t i = 0; i < TM_ARRAY_SIZE(end); i++) {
		size_t n = strlen(end[i]);

		if (len > n + 4 && memcmp(s + len - n, end[i], n) == 0)
			return true;
	}
	return false;
}

/* Whether a word has a second upper-case letter (СПИДом, МВФ, McDonald). */
static bool
two_capitals(const char *s, size_t len)
{
	size_t caps = 0;

	for (size_t i = 0; i < len;) {
		size_t adv;

		if (tm__ck_is_upper(tm__ck_decode(s + i, len - i, &adv)))
			caps++;
		i += adv;
	}
	return caps >= 2;
}

/* The similarity of key @k to source word @w: its best key. */
static double
word_sim(const word *w, const char *k)
{
	double s = 0;

	if (!w->key || !k)
		return 0;
	s = tm_translit_key_similarity(k, w->key);
	for (int i = 0; i < NALT; i++)
		if (w->alt[i])
			s = fmax(s, tm_translit_key_similarity(k, w->alt[i]));
	return s;
}

/* Whether source word @w accounts for a target name of key @k: a name
 * (capitalised, or in a caseless script) whose key of two symbols or
 * more (not The) is close to it; a common word (about, abt) is no name's
 * source, but a capitalised one is (Senate: Сената). */
static bool
accounts(const word *w, const char *k)
{
	if ((!w->cap && w->script != TM__SCRIPT_HANGUL) || !w->key ||
	    strlen(w->key) < 2)
		return false;
	return word_sim(w, k) >= CLOSE;
}

/* The stem under which a Russian word (@len bytes at @s) is learnt as
 * written in lower case: folded, less its last two letters when six or
 * more are left (Неделе, недели: недел). Into @out (@cap bytes); 0 when
 * it does not fit. */
static size_t
ru_stem(char *out, size_t cap, const char *s, size_t len)
{
	size_t n;

	if (len + 5 > cap)
		return 0;
	n = fold(out, cap, s, len);
	/* Cyrillic letters are two bytes */
	if (n >= 16)
		n -= 4;
	out[n] = '\0';
	return n;
}

/* Whether the document's translation writes the capitalised Russian
 * word @s (@len bytes) in lower case somewhere: a common noun at the head
 * of a translated title (Министерство обороны, Неделя моды). */
static bool
ru_lower_known(const tm__ckpair *p, const char *s, size_t len)
{
	char buf[256];
	size_t n = ru_stem(buf, sizeof(buf), s, len);

	return n && known(p, 'v', buf, n);
}

/* Target names no source word accounts for (a Russian translation
 * capitalises them; adjectives and acronyms left out): the first, for a
 * message, or NULL. */
static const word *
stray_target_name(const tm__ckpair *p, const words *tw, const words *sw)
{
	const char *t = p->tgt;

	for (size_t i = 0; i < tw->n; i++) {
		const word *x = &tw->v[i];
		bool ok = false;

		if (!x->cap || x->initial || x->allcaps || x->covered ||
		    x->script != TM__SCRIPT_CYRILLIC || !x->key ||
		    strlen(x->key) < 3 || ru_adjective(t + x->off, x->len) ||
		    two_capitals(t + x->off, x->len) ||
		    ru_lower_known(p, t + x->off, x->len))
			continue;
		for (size_t j = 0; j < sw->n && !ok; j++)
			ok = accounts(&sw->v[j], x->key);
		/* a word of a title or name with another capitalised word:
		 * the head of a translated title before a name the source has
		 * (Премией Тайваня, Республики Индонезия) or a first name the
		 * translation adds (Питер Джонс for Jones); the word after a
		 * common noun that heads a title (Играх Содружества). A word
		 * after a name the source has is a stray (Boris Johnson as
		 * Борис Путин). */
		if (!ok && i + 1 < tw->n) {
			const word *y = &tw->v[i + 1];

			if (y->cap && y->script == x->script &&
			    y->off - (x->off + x->len) <= 1) {
				ok = y->covered;
				for (size_t j = 0; j < sw->n && !ok; j++)
					ok = sw->v[j].cap && y->key &&
					     word_sim(&sw->v[j], y->key) >= AGREE;
			}
		}
		if (!ok && i > 0) {
			const word *y = &tw->v[i - 1];

			ok = y->cap && y->script == x->script &&
			     x->off - (y->off + y->len) <= 1 &&
			     ru_lower_known(p, t + y->off, y->len);
		}
		if (!ok)
			return x;
	}
	return NULL;
}

/* Learn how the document renders source name word @k that agrees with
 * candidate @c at similarity @sim: its key, and, when @c is one Korean
 * word, that word and its base (less a particle). Only a sure agreement
 * (STRONG, a key of 3 symbols or more) teaches anything. */
static tm_status
learn_name(const tm__ckpair *p, const word *k, const cand *c, double sim)
{
	tm_status rc;
	size_t adv, pl;
	const char *t;

	if (!p->learn || sim < STRONG || !k->key || strlen(k->key) < 3)
		return TM_OK;
	rc = learn(p, 'k', k->key, strlen(k->key));
	/* a Korean form only from an equal key of 3 symbols or more
	 * (According is not 해당, Higher not 학교) */
	if (rc < 0 || !c || !c->single || sim < 0.99 || !c->key ||
	    strlen(c->key) < 3)
		return rc;
	t = p->tgt + c->off;
	if (tm__ck_letter_script(tm__ck_decode(t, c->len, &adv)) !=
	    TM__SCRIPT_HANGUL)
		return rc;
	rc = learn(p, 'f', t, c->len);
	pl = tm__ko_particle_len(t, c->len);
	if (rc == TM_OK && pl && c->len - pl >= 6)
		rc = learn(p, 'f', t, c->len - pl);
	return rc;
}

/* A Korean word of the target that the document renders a name with
 * twice or more elsewhere (learn_name(); once may be an accident of the
 * keys: 오전, 미션) and that no source word accounts for: a name the
 * translation has in place of the source's (오바마 for Trump). */
static const word *
stray_korean_name(const tm__ckpair *p, const words *tw, const words *sw)
{
	for (size_t i = 0; i < tw->n; i++) {
		const word *x = &tw->v[i];
		const char *t = p->tgt + x->off;
		size_t pl;
		bool learnt, ok = false;

		if (x->script != TM__SCRIPT_HANGUL || x->covered || !x->key ||
		    strlen(x->key) < 3)
			continue;
		pl = tm__ko_particle_len(t, x->len);
		learnt = known_count(p, 'f', t, x->len) +
		                 (pl && x->len - pl >= 6
		                          ? known_count(p, 'f', t, x->len - pl)
		                          : 0) >=
		         2;
		if (!learnt)
			continue;
		for (size_t j = 0; j < sw->n && !ok; j++)
			ok = accounts(&sw->v[j], x->key);
		if (!ok)
			return x;
	}
	return NULL;
}

/* Whether the document writes the capitalised Latin word @w in lower
 * case somewhere (learnt in the first pass). */
static bool
lower_known(const tm__ckpair *p, const word *w, const char *text)
{
	char buf[128];

	if (w->script != TM__SCRIPT_LATIN || w->len >= sizeof(buf) ||
	    w->len < 3)
		return false;
	memcpy(buf, text + w->off, w->len);
	buf[0] = (char)(buf[0] | 0x20);
	/* Giants' coaching, Hearts' staff: the plural */
	return known(p, 'w', buf, w->len) ||
	       (w->len > 3 && buf[w->len - 1] == 's' &&
	        known(p, 'w', buf, w->len - 1));
}

/* The best candidate for the @sl bytes of source at @ss (a name of
 * several words): its similarity into *@best, which into *@bc. */
static tm_status
span_best(double *best, const cand **bc, const tm__ckpair *p, const cands *tc,
          size_t ss, size_t sl, bool latin)
{
	char *rk = NULL, *alt[NALT] = {NULL};
	tm_status rc = name_keys(&rk, alt, p->ck, p->src + ss, sl, latin);

	*best = 0;
	*bc = NULL;
	if (rc == TM_OK)
		*best = best_cand_alt(tc, rk, alt, bc);
	tm_free(rk);
	for (int k = 0; k < NALT; k++)
		tm_free(alt[k]);
	return rc;
}

/* A Korean translation glosses a rendering with the original in
 * brackets (트럼프(Trump), 로렌 라버네(Lauren Laverne)). Where the
 * rendering's key does not come near the gloss's (마크롱(Sonora)), the
 * rendering is another name: a warning on the rendering. Glosses of
 * common words (a translated title: 국립 허리케인 센터(National Hurricane
 * Center)) are left alone. */
static tm_status
check_glosses(const tm__ckpair *p, const words *tw)
{
	tm_status rc = TM_OK;

	for (size_t i = 1; i < tw->n && rc == TM_OK; i++) {
		const word *x = &tw->v[i];
		size_t j = i, nl = 0, nh = 0, hs, ls, le;
		bool ok = true;
		char *hk = NULL, *lk = NULL, *alt[NALT] = {NULL};
		double sim = 0;

		/* "(" right after a Hangul word, then 1-2 Latin names, ")" */
		if (x->script != TM__SCRIPT_LATIN || x->off < 1 ||
		    p->tgt[x->off - 1] != '(' ||
		    tw->v[i - 1].script != TM__SCRIPT_HANGUL ||
		    tw->v[i - 1].off + tw->v[i - 1].len != x->off - 1)
			continue;
		while (j < tw->n && tw->v[j].script == TM__SCRIPT_LATIN &&
		       nl < 3) {
			const word *y = &tw->v[j];

			ok &= y->cap && !y->stop && !y->allcaps &&
			      !lower_known(p, y, p->tgt);
			nl++;
			j++;
			if (y->off + y->len < p->tlen &&
			    p->tgt[y->off + y->len] == ')')
				break;
		}
		le = tw->v[j - 1].off + tw->v[j - 1].len;
		if (!ok || nl > 2 || le >= p->tlen || p->tgt[le] != ')')
			continue;
		ls = x->off;
		rc = name_keys(&lk, alt, p->ck, p->tgt + ls, le - ls, true);
		/* the one to three Hangul words before it, together and one
		 * by one (마이크 폼페이오 장관(Mike Pompeo): a title between) */
		hs = x->off - 1;
		for (size_t k = i; k-- > 0 && nh < 3 && rc == TM_OK && lk &&
		                   strlen(lk) >= 2;) {
			const word *h = &tw->v[k];
			char *one = NULL;

			if (h->script != TM__SCRIPT_HANGUL ||
			    (nh && h->off + h->len + 1 != hs))
				break;
			hs = h->off;
			nh++;
			rc = tm_translit_key(&hk, p->ck->tr, p->tgt + hs,
			                     x->off - 1 - hs);
			if (rc == TM_OK)
				rc = tm_translit_key(&one, p->ck->tr,
				                     p->tgt + h->off, h->len);
			for (int a = -1; rc == TM_OK && a < NALT; a++) {
				const char *k2 = a < 0 ? lk : alt[a];

				if (!k2)
					continue;
				sim = fmax(sim, tm_translit_key_similarity(hk, k2));
				if (one)
					sim = fmax(sim, tm_translit_key_similarity(
					                        one, k2));
			}
			tm_free(hk);
			tm_free(one);
			hk = NULL;
		}
		if (rc == TM_OK && nh && lk && strlen(lk) >= 2 && sim < CLOSE &&
		    !p->learn) {
			size_t h0 = tw->v[i - 1].off;

			rc = tm__check_emit(p, TM_CHECK_NAME, TM_CHECK_WARNING, 0,
			                    0, h0, le + 1 - h0, NAN, NAN,
			                    "the translation renders %.*s as "
			                    "%.*s, whose key differs",
			                    (int)(le - ls), p->tgt + ls,
			                    (int)(x->off - 1 - h0), p->tgt + h0);
		}
		tm_free(hk);
		tm_free(lk);
		for (int a = 0; a < NALT; a++)
			tm_free(alt[a]);
	}
	return rc;
}

tm_status
tm__check_names(const tm__ckpair *p)
{
	tm_checker *ck = p->ck;
	words sw = {0}, tw = {0};
	cands tc = {0};
	tm__script script = ck->sscript == TM__SCRIPT_HANGUL ? TM__SCRIPT_LATIN
	                                                     : ck->sscript;
	const word *stray = NULL;
	bool stray_done = false;
	tm_status rc;

	rc = read_words(&sw, ck, p->src, p->slen, true);
	if (rc == TM_OK)
		rc = read_words(&tw, ck, p->tgt, p->tlen, true);
	if (rc == TM_OK)
		rc = make_cands(&tc, ck, p->tgt, &tw);
	if (rc == TM_OK && !p->learn)
		rc = check_glossary(p, &sw, &tw, &tc);
	if (rc == TM_OK)
		rc = check_facts(p, &sw, &tw, &tc);
	/* the words the document writes in lower case: a capitalised one
	 * among them is a common word in a title (the Board of Immigrant
	 * Appeals, This Morning), translated rather than transliterated */
	for (size_t i = 0; p->learn && rc == TM_OK && i < sw.n; i++)
		if (sw.v[i].script == TM__SCRIPT_LATIN && !sw.v[i].cap &&
		    sw.v[i].len >= 3)
			rc = learn(p, 'w', p->src + sw.v[i].off, sw.v[i].len);
	for (size_t i = 0; p->learn && rc == TM_OK && i < tw.n; i++)
		if (tw.v[i].script == TM__SCRIPT_CYRILLIC && !tw.v[i].cap &&
		    tw.v[i].len >= 8) {
			char buf[256];
			size_t n = ru_stem(buf, sizeof(buf),
			                   p->tgt + tw.v[i].off, tw.v[i].len);

			if (n)
				rc = learn(p, 'v', buf, n);
		}
	if (rc == TM_OK && ck->tscript == TM__SCRIPT_HANGUL && !p->learn)
		rc = check_glosses(p, &tw);
	if (rc < 0 || title_case(&sw, script) || script == TM__SCRIPT_OTHER)
		goto out;
	for (size_t i = 0; i < sw.n && rc == TM_OK;) {
		size_t a = i, b, xa, xb, ss, sl, agree, lost;
		bool common, weak;
		double nknown = 0;
		double best = 0, s;
		const cand *bc = NULL, *c;

		if (!name_word(&sw, i, script)) {
			i++;
			continue;
		}
		b = i + 1;
		while (b < sw.n && name_word(&sw, b, script) &&
		       sw.v[b].off - (sw.v[b - 1].off + sw.v[b - 1].len) <= 1)
			b++;
		i = b;
		/* one word that begins the sentence ("Police said"), or an
		 * acronym (kept, spelt out or translated): learnt from when it
		 * agrees, reported only with another name in its place */
		weak = b - a == 1 && (sw.v[a].initial || sw.v[a].allcaps);
		ss = sw.v[a].off;
		sl = sw.v[b - 1].off + sw.v[b - 1].len - ss;
		/* the run as a whole, and with the capitalised words that are
		 * no names before it (New York: 뉴욕, West Virginia) */
		xa = a;
		while (xa > 0 && sw.v[xa - 1].cap && sw.v[xa - 1].stop &&
		       sw.v[xa - 1].script == sw.v[a].script &&
		       sw.v[xa].off - (sw.v[xa - 1].off + sw.v[xa - 1].len) <= 1)
			xa--;
		xb = b;
		while (xb < sw.n && sw.v[xb].cap && sw.v[xb].stop &&
		       sw.v[xb].script == sw.v[a].script &&
		       sw.v[xb].off - (sw.v[xb - 1].off + sw.v[xb - 1].len) <= 1)
			xb++;
		if (b - a > 1 || xa < a || xb > b) {
			/* the run alone, before, after, and both (New York
			 * Post: 뉴욕포스트) */
			for (int e = 0; e < 4 && rc == TM_OK && best < AGREE;
			     e++) {
				size_t f = e & 1 ? xa : a, l = e & 2 ? xb : b;
				const cand *c2 = NULL;
				double b2 = 0;

				if ((e == 0 && b - a == 1) || (e & 1 && xa == a) ||
				    (e & 2 && xb == b))
					continue;
				rc = span_best(&b2, &c2, p, &tc, sw.v[f].off,
				               sw.v[l - 1].off + sw.v[l - 1].len -
				                       sw.v[f].off,
				               script == TM__SCRIPT_LATIN);
				if (b2 > best) {
					best = b2;
					bc = c2;
				}
			}
			if (rc < 0)
				break;
			/* each word teaches by its own agreement (Brett
			 * Kavanaugh: 캐버노) */
			for (size_t k = a; p->learn && best >= AGREE && k < b &&
			                   rc == TM_OK;
			     k++) {
				double sk = best_cand_alt(&tc, sw.v[k].key,
				                          sw.v[k].alt, &c);

				rc = learn_name(p, &sw.v[k], c, sk);
			}
			if (best >= AGREE)
				continue;
		}
		/* word by word: every word of the name must be there (Tracey
		 * Ullman is not Johnson Ullman) */
		agree = 0;
		lost = b;
		for (size_t k = a; k < b && rc == TM_OK; k++) {
			s = best_cand_alt(&tc, sw.v[k].key, sw.v[k].alt, &c);
			if (s >= AGREE || !sw.v[k].key ||
			    strlen(sw.v[k].key) < 2)
				agree++;
			else if (lost == b)
				lost = k;
			if (s >= AGREE)
				rc = learn_name(p, &sw.v[k], weak ? NULL : c, s);
			if (s > best && s < AGREE) {
				best = s;
				bc = c;
			}
		}
		if (agree == b - a || p->learn || rc < 0)
			continue;
		if (!stray_done) {
			cover_all_facts(p, &tw);
			stray = ck->tscript == TM__SCRIPT_HANGUL
			                ? stray_korean_name(p, &tw, &sw)
			                : ck->tscript == TM__SCRIPT_CYRILLIC
			                ? stray_target_name(p, &tw, &sw)
			                : NULL;
			stray_done = true;
		}
		/* a capitalised word that begins a sentence is a name only if
		 * the document does not write it in lower case */
		if (weak && (!stray || lower_known(p, &sw.v[a], p->src) ||
		             !sw.v[a].key || strlen(sw.v[a].key) < 3))
			continue;
		/* a title of common words (Monkey Business, This Morning):
		 * one of them is enough */
		common = false;
		for (size_t k = a; k < b && !common; k++)
			common = lower_known(p, &sw.v[k], p->src);
		if (agree && !stray) {
			/* part of the name is there: a first name left out is
			 * common, one replaced is not */
			const word *lw = &sw.v[lost];

			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_INFO, lw->off,
			        lw->len, 0, 0, NAN, NAN,
			        "%.*s of the name %.*s is not in the "
			        "translation",
			        (int)lw->len, p->src + lw->off, (int)sl,
			        p->src + ss);
			continue;
		}
		for (size_t k = a; k < b; k++)
			if (sw.v[k].key && strlen(sw.v[k].key) >= 3)
				nknown = fmax(nknown,
				              (double)known_count(
				                      p, 'k', sw.v[k].key,
				                      strlen(sw.v[k].key)));
		if (stray)
			/* another name in its place: right nine times in ten
			 * (docs/check.md), not sure enough for an error */
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_WARNING, ss, sl,
			        stray->off, stray->len, NAN, NAN,
			        "name %.*s in the source is not in the "
			        "translation (it has %.*s)",
			        (int)sl, p->src + ss, (int)stray->len,
			        p->tgt + stray->off);
		else if (nknown >= 2 && !common)
			/* the document transliterates the name twice or more
			 * elsewhere (strong agreements only): measured right
			 * nine times in ten (docs/check.md); a pronoun or a
			 * translator's cut are the rest */
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_WARNING, ss, sl, 0, 0,
			        NAN, NAN,
			        "name %.*s is not in the translation, though "
			        "rendered %.0f times elsewhere in it",
			        (int)sl, p->src + ss, nknown);
		else if (nknown >= 1)
			/* once, or a common word in a title: a hint */
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_INFO, ss, sl, 0, 0,
			        NAN, NAN,
			        "name %.*s is not in the translation, "
			        "though rendered elsewhere in it",
			        (int)sl, p->src + ss);
		else if (bc && best >= CLOSE && bc->key &&
		         strlen(bc->key) >= 3 && sw.v[b - 1].key &&
		         strlen(sw.v[b - 1].key) >= 3)
			/* measured: right about one time in eight (Welsh as
			 * валлийского), so only a hint */
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_INFO, ss, sl,
			        bc->off, bc->len, NAN, NAN,
			        "name %.*s is rendered as %.*s, whose "
			        "key differs",
			        (int)sl, p->src + ss, (int)bc->len,
			        p->tgt + bc->off);
		else
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_INFO, ss, sl, 0, 0,
			        NAN, NAN,
			        "name %.*s is not in the translation "
			        "(unless it is translated)",
			        (int)sl, p->src + ss);
	}
out:
	cands_dispose(&tc);
	words_dispose(&sw);
	words_dispose(&tw);
	return rc;
}

bool
tm__check_has_name(tm_checker *ck, int side, const char *text, size_t len)
{
	const tm_glossary *g = ck->gl;
	int gl = side ? ck->tgl : ck->sgl;
	tm__script script = side ? ck->tscript : ck->sscript;
	words w = {0};
	bool any = false;

	for (size_t i = 0; g && gl >= 0 && i < g->n && !any; i++)
		any = g->v[i].form[gl] && has_form(text, len, g->v[i].form[gl]);
	if (any || script == TM__SCRIPT_HANGUL || script == TM__SCRIPT_OTHER)
		return any;
	if (read_words(&w, ck, text, len, false) < 0) {
		words_dispose(&w);
		return true;
	}
	if (!title_case(&w, script))
		for (size_t i = 0; i < w.n && !any; i++)
			any = name_word(&w, i, script) && !w.v[i].initial &&
			      !w.v[i].allcaps;
	words_dispose(&w);
	return any;
}

int
tm__check_names_in(tm_checker *ck, const char *text, size_t len,
                   const char *tgt, size_t tlen)
{
	tm__ckpair p = {0};
	words sw = {0}, tw = {0};
	cands tc = {0};
	size_t names = 0, found = 0;
	tm__script script = ck->sscript;
	int res = -1;

	p.src = text;
	p.slen = len;
	p.tgt = tgt;
	p.tlen = tlen;
	p.ck = ck;
	if (script == TM__SCRIPT_HANGUL || script == TM__SCRIPT_OTHER ||
	    read_words(&sw, ck, text, len, true) < 0 ||
	    read_words(&tw, ck, tgt, tlen, true) < 0 ||
	    make_cands(&tc, ck, tgt, &tw) < 0)
		goto out;
	/* the known equivalents, by any of their forms */
	for (size_t i = 0; i < sw.n;) {
		size_t fi = 0, n = fact_at(&p, &sw, i, &fi);

		if (!n) {
			i++;
			continue;
		}
		for (size_t k = i; k < i + n; k++)
			sw.v[k].covered = true;
		names++;
		found += fact_in_target(&p, &tw,
		                        tm__check_facts[fi].form[ck->tgl]);
		i += n;
	}
	/* names by their keys; one that begins the sentence too (a lone
	 * sentence is short) unless the document writes it in lower case */
	for (size_t i = 0; i < sw.n; i++) {
		const cand *c;

		if (!name_word(&sw, i, script) || sw.v[i].allcaps ||
		    !sw.v[i].key || strlen(sw.v[i].key) < 3 ||
		    (sw.v[i].initial && (i + 1 >= sw.n || !sw.v[i + 1].cap)))
			continue;
		names++;
		found += best_cand_alt(&tc, sw.v[i].key, sw.v[i].alt, &c) >=
		         AGREE;
	}
	res = !names ? -1 : !found ? 0 : found == names ? 1 : 2;
out:
	cands_dispose(&tc);
	words_dispose(&sw);
	words_dispose(&tw);
	return res;
}

bool
tm__check_names_found(tm_checker *ck, const char *text, size_t len,
                      const char *tgt, size_t tlen)
{
	return tm__check_names_in(ck, text, len, tgt, tlen) == 1;
}
