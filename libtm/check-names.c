/* SPDX-License-Identifier: MIT */
/* The name check (docs/check.md) and the glossary. A name of the source
 * is a glossary term, or a run of capitalised words that does not merely
 * begin the sentence; it must be in the translation in a form whose
 * transliteration key (tm_translit_key()) agrees, or as the glossary
 * renders it. What is not found is graded by how sure the check can be
 * that the name should have been there: the glossary says so (error), the
 * Russian translation has another name in its place (error), a form close
 * to it is there (warning: a misspelling?), nothing is (info: names such
 * as Germany or the White House are translated, not transliterated). */
#include "check-private.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Key similarity at which two forms are one name (Carter, Картер and 카터
 * score about 0.8, unrelated names under 0.5: translit.h). */
#define AGREE 0.75
/* Below AGREE but at least this: a close form, perhaps misspelt. */
#define CLOSE 0.6

int
tm__gl_lang_index(const char *lang)
{
	if (!lang)
		return -1;
	if ((lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
	    (!lang[2] || lang[2] == '-'))
		return 0;
	if ((lang[0] | 0x20) == 'k' && (lang[1] | 0x20) == 'o' &&
	    (!lang[2] || lang[2] == '-'))
		return 1;
	if ((lang[0] | 0x20) == 'r' && (lang[1] | 0x20) == 'u' &&
	    (!lang[2] || lang[2] == '-'))
		return 2;
	return -1;
}

/* ---- the glossary ------------------------------------------------------- */

TM_API tm_status
tm_glossary_new(tm_glossary **out)
{
	if (!out)
		return tm__error_set(TM_EINVAL, "glossary: no output pointer");
	*out = calloc(1, sizeof(**out));
	return *out ? TM_OK : tm__error_oom();
}

TM_API void
tm_glossary_free(tm_glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		for (int k = 0; k < 3; k++)
			free(g->v[i].form[k]);
	free(g->v);
	free(g);
}

TM_API size_t
tm_glossary_count(const tm_glossary *g)
{
	return g ? g->n : 0;
}

/* Add an entry from @n-byte forms (NULL or empty: none). */
static tm_status
gl_add(tm_glossary *g, const char *const f[3], const size_t n[3])
{
	tm__glentry e = {{NULL, NULL, NULL}};
	int given = 0;

	for (int k = 0; k < 3; k++)
		if (f[k] && n[k]) {
			if (tm_utf8_validate(NULL, f[k], n[k]) < 0)
				return TM_EUNICODE;
			given++;
		}
	if (given < 2)
		return TM_EINVAL;
	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 32;
		tm__glentry *v = realloc(g->v, nc * sizeof(*v));

		if (!v)
			return tm__error_oom();
		g->v = v;
		g->cap = nc;
	}
	for (int k = 0; k < 3; k++) {
		if (!f[k] || !n[k])
			continue;
		e.form[k] = tm__strndup(f[k], n[k]);
		if (!e.form[k]) {
			for (int q = 0; q < k; q++)
				free(e.form[q]);
			return tm__error_oom();
		}
	}
	g->v[g->n++] = e;
	return TM_OK;
}

TM_API tm_status
tm_glossary_add(tm_glossary *g, const char *en, const char *ko, const char *ru)
{
	const char *f[3] = {en, ko, ru};
	size_t n[3];
	tm_status rc;

	if (!g)
		return tm__error_set(TM_EINVAL, "glossary: no glossary");
	for (int k = 0; k < 3; k++)
		n[k] = f[k] ? strlen(f[k]) : 0;
	rc = gl_add(g, f, n);
	if (rc == TM_EINVAL)
		return tm__error_set(rc, "glossary: an entry needs two forms");
	if (rc == TM_EUNICODE)
		return tm__error_set(rc, "glossary: invalid UTF-8");
	return rc;
}

TM_API tm_status
tm_glossary_load_memory(size_t *out_count,
                        tm_glossary *g,
                        const char *text,
                        size_t len,
                        const char *name)
{
	int col[3] = {0, 1, 2}; /* column of en, ko, ru */
	size_t i = 0, line = 0, count = 0;

	if (out_count)
		*out_count = 0;
	if (!g || (!text && len))
		return tm__error_set(TM_EINVAL, "glossary: missing argument");
	if (!name)
		name = "<glossary>";
	while (i < len) {
		const char *f[4] = {NULL, NULL, NULL, NULL}, *form[3];
		size_t n[4] = {0, 0, 0, 0}, fn[3], e = i, nf = 0, s;
		tm_status rc;

		line++;
		while (e < len && text[e] != '\n')
			e++;
		s = i;
		i = e + 1;
		if (e > s && text[e - 1] == '\r')
			e--;
		if (s == e || text[s] == '#')
			continue;
		if (tm_utf8_validate(NULL, text + s, e - s) < 0)
			return tm__error_set(TM_EUNICODE,
			                     "glossary: %s:%zu: invalid UTF-8",
			                     name, line);
		for (size_t p = s;; p++) {
			if (p == e || text[p] == '\t') {
				if (nf == 4)
					break;
				f[nf] = text + s;
				n[nf] = p - s;
				/* trim spaces around a form */
				while (n[nf] && f[nf][0] == ' ') {
					f[nf]++;
					n[nf]--;
				}
				while (n[nf] && f[nf][n[nf] - 1] == ' ')
					n[nf]--;
				nf++;
				s = p + 1;
				if (p == e)
					break;
			}
		}
		if (nf > 3)
			return tm__error_set(
			        TM_EPARSE,
			        "glossary: %s:%zu: more than three "
			        "columns (en, ko, ru)",
			        name, line);
		if (line == 1 || count == 0) {
			/* a header naming the columns */
			int seen = 0, c[3] = {-1, -1, -1};

			for (size_t k = 0; k < nf; k++) {
				char tag[3] = {0};
				int x;

				if (n[k] != 2)
					break;
				tag[0] = f[k][0];
				tag[1] = f[k][1];
				x = tm__gl_lang_index(tag);
				if (x < 0 || c[x] >= 0)
					break;
				c[x] = (int)k;
				seen++;
			}
			if (seen == (int)nf && seen >= 2) {
				for (int k = 0; k < 3; k++)
					col[k] = c[k];
				continue;
			}
		}
		for (int k = 0; k < 3; k++) {
			form[k] = col[k] >= 0 && (size_t)col[k] < nf ? f[col[k]]
			                                             : NULL;
			fn[k] = col[k] >= 0 && (size_t)col[k] < nf ? n[col[k]]
			                                           : 0;
		}
		rc = gl_add(g, form, fn);
		if (rc == TM_EINVAL)
			return tm__error_set(
			        TM_EPARSE,
			        "glossary: %s:%zu: an entry needs two "
			        "forms",
			        name, line);
		if (rc < 0)
			return rc;
		count++;
	}
	if (out_count)
		*out_count = count;
	return TM_OK;
}

TM_API tm_status
tm_glossary_load(size_t *out_count, tm_glossary *g, const char *path)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	tm_status rc;

	if (out_count)
		*out_count = 0;
	if (!g || !path)
		return tm__error_set(TM_EINVAL, "glossary: missing argument");
	f = fopen(path, "rb");
	if (!f)
		return tm__error_set(errno == ENOENT ? TM_ENOTFOUND : TM_EIO,
		                     "glossary: %s: %s", path, strerror(errno));
	for (;;) {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap ? cap * 2 : 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				return tm__error_oom();
			}
			buf = nb;
			cap = cap ? cap * 2 : 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return tm__error_set(TM_EIO, "glossary: %s: read failed", path);
	}
	fclose(f);
	rc = tm_glossary_load_memory(out_count, g, buf, len, path);
	free(buf);
	return rc;
}

tm_status
tm__check_glossary_keys(tm_checker *ck)
{
	const tm_glossary *g = ck->gl;

	if (!g || !g->n || ck->sgl < 0 || ck->tgl < 0)
		return TM_OK;
	ck->glkeys = calloc(2 * g->n, sizeof(char *));
	if (!ck->glkeys)
		return tm__error_oom();
	for (size_t i = 0; i < g->n; i++) {
		const char *a = g->v[i].form[ck->sgl],
		           *b = g->v[i].form[ck->tgl];
		tm_status rc = TM_OK;

		if (a)
			rc = tm_translit_key(&ck->glkeys[2 * i], ck->tr, a,
			                     strlen(a));
		if (rc == TM_OK && b)
			rc = tm_translit_key(&ck->glkeys[2 * i + 1], ck->tr, b,
			                     strlen(b));
		if (rc < 0)
			return rc;
	}
	return TM_OK;
}

/* ---- names a document renders ------------------------------------------- */

static char *
nameset_entry(const char *group, const char *key)
{
	size_t g = group ? strlen(group) : 0, k = strlen(key);
	char *e = malloc(g + k + 2);

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

	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, nc * sizeof(*v));

		if (!v)
			return tm__error_oom();
		s->v = v;
		s->cap = nc;
	}
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
	free(e);
	return found;
}

void
tm__nameset_dispose(tm__nameset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---- words -------------------------------------------------------------- */

typedef struct word {
	uint32_t off, len;
	uint8_t script;
	bool cap;     /* first letter upper case */
	bool allcaps; /* every letter upper case (an acronym) */
	bool initial; /* begins a sentence */
	bool stop;    /* capitalised but not a name (months, titles...) */
	bool covered; /* part of a glossary term already checked */
	char *key;    /* tm_translit_key(), or NULL */
} word;

typedef struct words {
	word *v;
	size_t n, cap;
} words;

static void
words_dispose(words *w)
{
	for (size_t i = 0; i < w->n; i++)
		tm_free(w->v[i].key);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

/* Capitalised English words that are not names, or not ones a translation
 * transliterates: the reader's check skips them. */
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
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
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
	for (size_t i = 0; i < TM_ARRAY_SIZE(stop_en); i++)
		if (strlen(stop_en[i]) == len &&
		    memcmp(stop_en[i], s, len) == 0)
			return true;
	return false;
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
			tm_status rc =
			        tm_translit_key(&x.key, ck->tr, s + i, x.len);

			if (rc < 0)
				return rc;
		}
		if (w->n == w->cap) {
			size_t nc = w->cap ? w->cap * 2 : 32;
			word *v = realloc(w->v, nc * sizeof(*v));

			if (!v) {
				tm_free(x.key);
				return tm__error_oom();
			}
			w->v = v;
			w->cap = nc;
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
	char *ft = malloc(len + 5), *ff = malloc(strlen(form) + 5);
	size_t tl, fl, need;
	bool found = false;

	if (!ft || !ff) {
		free(ft);
		free(ff);
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
	free(ft);
	free(ff);
	return found;
}

/* A target candidate: 1 to 3 consecutive words and their key. */
typedef struct cand {
	uint32_t off, len;
	char *key;
} cand;

typedef struct cands {
	cand *v;
	size_t n;
} cands;

static void
cands_dispose(cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		tm_free(c->v[i].key);
	free(c->v);
}

static tm_status
make_cands(cands *c, tm_checker *ck, const char *t, const words *w)
{
	c->n = 0;
	c->v = calloc(w->n * 3 + 1, sizeof(cand));
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
			if (k == 1) {
				x->key = a->key ? tm__strdup(a->key) : NULL;
				if (a->key && !x->key)
					return tm__error_oom();
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

/* The best candidate for key @k: its similarity, and which in *@best. */
static double
best_cand(const cands *c, const char *k, const cand **best)
{
	double bs = 0;

	*best = NULL;
	if (!k || strlen(k) < 2)
		return 0;
	for (size_t i = 0; i < c->n; i++) {
		double s;

		if (!c->v[i].key || !c->v[i].key[0])
			continue;
		s = tm_translit_key_similarity(k, c->v[i].key);
		if (s > bs) {
			bs = s;
			*best = &c->v[i];
		}
	}
	return bs;
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
static tm_status
check_glossary(const tm__ckpair *p, words *sw, const cands *tc)
{
	tm_checker *ck = p->ck;
	const tm_glossary *g = ck->gl;
	tm_status rc = TM_OK;

	if (!g || !ck->glkeys)
		return TM_OK;
	for (size_t gi = 0; gi < g->n && rc == TM_OK; gi++) {
		const char *sf = g->v[gi].form[ck->sgl];
		const char *tf = g->v[gi].form[ck->tgl];
		size_t nw, ss = 0, sl = 0;
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
		sim = best_cand(tc, ck->glkeys[2 * gi + 1], &bc);
		sim2 = best_cand(tc, ck->glkeys[2 * gi], &bc2);
		if (sim2 > sim) {
			sim = sim2;
			bc = bc2;
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

/* Target names no source word accounts for (a Russian translation
 * capitalises them; adjectives and acronyms left out): the first, for a
 * message, or NULL. */
static const word *
stray_target_name(const char *t,
                  const words *tw,
                  const words *sw,
                  tm__script tscript)
{
	for (size_t i = 0; i < tw->n; i++) {
		const word *x = &tw->v[i];
		bool ok = false;

		if (!x->cap || x->initial || x->allcaps ||
		    x->script != tscript || tscript != TM__SCRIPT_CYRILLIC ||
		    !x->key || strlen(x->key) < 3 ||
		    ru_adjective(t + x->off, x->len) ||
		    two_capitals(t + x->off, x->len))
			continue;
		for (size_t j = 0; j < sw->n && !ok; j++)
			ok = sw->v[j].key &&
			     tm_translit_key_similarity(x->key, sw->v[j].key) >=
			             CLOSE;
		if (!ok)
			return x;
	}
	return NULL;
}

tm_status
tm__check_names(const tm__ckpair *p)
{
	tm_checker *ck = p->ck;
	words sw = {0}, tw = {0};
	cands tc = {0};
	tm__script script = ck->sscript == TM__SCRIPT_HANGUL ? TM__SCRIPT_LATIN
	                                                     : ck->sscript;
	tm_status rc;

	rc = read_words(&sw, ck, p->src, p->slen, true);
	if (rc == TM_OK)
		rc = read_words(&tw, ck, p->tgt, p->tlen, true);
	if (rc == TM_OK)
		rc = make_cands(&tc, ck, p->tgt, &tw);
	if (rc == TM_OK && !p->learn)
		rc = check_glossary(p, &sw, &tc);
	if (rc < 0 || title_case(&sw, script) || script == TM__SCRIPT_OTHER)
		goto out;
	for (size_t i = 0; i < sw.n && rc == TM_OK;) {
		size_t a = i, b, ss, sl, agree, lost;
		bool elsewhere = false;
		double best = 0, s;
		const cand *bc = NULL, *c;
		const word *stray;
		char *rk = NULL;

		if (!name_word(&sw, i, script)) {
			i++;
			continue;
		}
		b = i + 1;
		while (b < sw.n && name_word(&sw, b, script) &&
		       sw.v[b].off - (sw.v[b - 1].off + sw.v[b - 1].len) <= 1)
			b++;
		i = b;
		/* one word that begins the sentence: "Police said" */
		if (b - a == 1 && sw.v[a].initial)
			continue;
		/* acronyms: kept, spelt out or translated; nothing to be sure
		 * of */
		if (b - a == 1 && sw.v[a].allcaps)
			continue;
		ss = sw.v[a].off;
		sl = sw.v[b - 1].off + sw.v[b - 1].len - ss;
		if (b - a > 1) {
			rc = tm_translit_key(&rk, ck->tr, p->src + ss, sl);
			if (rc < 0)
				break;
			best = best_cand(&tc, rk, &bc);
			tm_free(rk);
			for (size_t k = a;
			     p->learn && best >= AGREE && k < b && rc == TM_OK;
			     k++)
				if (sw.v[k].key && strlen(sw.v[k].key) >= 3)
					rc = tm__nameset_add(p->learn, p->group,
					                     sw.v[k].key);
			if (best >= AGREE)
				continue;
		}
		/* word by word: every word of the name must be there (Tracey
		 * Ullman is not Johnson Ullman) */
		agree = 0;
		lost = b;
		for (size_t k = a; k < b && rc == TM_OK; k++) {
			s = best_cand(&tc, sw.v[k].key, &c);
			if (s >= AGREE || !sw.v[k].key ||
			    strlen(sw.v[k].key) < 2)
				agree++;
			else if (lost == b)
				lost = k;
			if (p->learn && s >= AGREE && strlen(sw.v[k].key) >= 3)
				rc = tm__nameset_add(p->learn, p->group,
				                     sw.v[k].key);
			if (s > best && s < AGREE) {
				best = s;
				bc = c;
			}
		}
		if (agree == b - a || p->learn)
			continue;
		if (agree) {
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
		stray = stray_target_name(p->tgt, &tw, &sw, ck->tscript);
		for (size_t k = a; k < b && !elsewhere; k++)
			elsewhere = sw.v[k].key && strlen(sw.v[k].key) >= 3 &&
			            tm__nameset_has(p->known, p->group,
			                            sw.v[k].key);
		/* measured right four times in ten (a pronoun takes the
		 * name's place, "New York" is "Нью-Йорк" once and "NY" once):
		 * a hint the editor can act on, not a warning */
		if (elsewhere && !stray)
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_INFO, ss, sl, 0, 0,
			        NAN, NAN,
			        "name %.*s is not in the translation, "
			        "though rendered elsewhere in it",
			        (int)sl, p->src + ss);
		else if (stray)
			rc = tm__check_emit(
			        p, TM_CHECK_NAME, TM_CHECK_ERROR, ss, sl,
			        stray->off, stray->len, NAN, NAN,
			        "name %.*s in the source is not in the "
			        "translation (it has %.*s)",
			        (int)sl, p->src + ss, (int)stray->len,
			        p->tgt + stray->off);
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
