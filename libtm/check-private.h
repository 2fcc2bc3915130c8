/* SPDX-License-Identifier: MIT */
/* Translation QA (docs/check.md): the checker, its findings list and what
 * the checks share. check.c drives (documents, pairs, missing and added
 * sentences, untranslated, length, consistency), check-numbers.c compares
 * numbers, check-names.c names and the glossary. */
#ifndef TM_CHECK_PRIVATE_H
#define TM_CHECK_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "numbers-private.h"
#include "tm-private.h"

/* The script a language writes. */
typedef enum tm__script {
	TM__SCRIPT_OTHER = 0,
	TM__SCRIPT_LATIN,
	TM__SCRIPT_CYRILLIC,
	TM__SCRIPT_HANGUL
} tm__script;

/* One glossary entry: forms by language (0 en, 1 ko, 2 ru), NULL when the
 * glossary gives none. */
typedef struct tm__glentry {
	char *form[3];
} tm__glentry;

struct tm_glossary {
	tm__glentry *v;
	size_t n, cap;
};

/* A known equivalent (check-facts.c): the forms of one name in en, ko,
 * ru (tm__glentry's order), '|' between forms, '*' ending a stem; NULL
 * when the table gives none. */
typedef struct tm__fact {
	const char *form[3];
} tm__fact;

extern const tm__fact tm__check_facts[];
extern const size_t tm__check_nfacts;

/* One form of a known equivalent, split out once per checker: its fact,
 * side (0 the source's language, 1 the target's), bytes, and its first
 * letter in lower case (a quick test before the word-by-word one). */
typedef struct tm__factform {
	uint32_t fact;
	uint8_t side;
	uint32_t first;
	const char *f;
	size_t fl;
} tm__factform;

/* Fill ck->ff from tm__check_facts for the checker's languages.
 * @retval TM_ENOMEM */
tm_status tm__check_facts_compile(tm_checker *ck);

/* Index of en/ko/ru in tm__glentry.form, or -1. */
int tm__gl_lang_index(const char *lang);

struct tm_checker {
	char *src_lang, *tgt_lang;
	tm__numstyle sstyle, tstyle;
	tm__script sscript, tscript;
	int sgl, tgl; /* glossary columns of the two languages, or -1 */
	unsigned int flags;
	tm_check_severity min;
	const tm_glossary *gl;
	char **glkeys; /* per entry: key of the source form, target form */
	struct tm__factform *ff; /* the known equivalents' forms in the
	                            pair's languages (tm__check_facts_compile()) */
	size_t nff;
	tm_translit *tr;
	tm_aligner *al; /* opened on the first document */
	/* the checker of the pair the other way round (target to source),
	 * opened on first need: a lone target sentence's names looked for
	 * in the source (check.c, lone_for_certain()) */
	struct tm_checker *rev;
	/* the core lexicon's words of a lone pair (check-words.c), made on
	 * first need */
	struct tm__ckwords *words;
	tm_segmenter *sseg, *tseg;
};

struct tm_check_list {
	tm_check_finding *v;
	size_t n, cap;
};

/* Name keys a document renders somewhere ("group\x1fkey"), learnt in a
 * first pass over its links or pairs: a name rendered in one sentence and
 * missing from another is a finding to trust. */
typedef struct tm__nameset {
	char **v;
	size_t n, cap;
} tm__nameset;

tm_status tm__nameset_add(tm__nameset *s, const char *group, const char *key);
/* Sort (after the last add) so that has() can search. */
void tm__nameset_seal(tm__nameset *s);
bool tm__nameset_has(const tm__nameset *s, const char *group, const char *key);
/* How many times @key was added for @group (after the seal). */
size_t tm__nameset_count(const tm__nameset *s, const char *group,
                         const char *key);
void tm__nameset_dispose(tm__nameset *s);

/* What the pair checks are looking at: one link of a document or one
 * stored pair, and where findings go. */
typedef struct tm__ckpair {
	const char *src, *tgt; /* the joined texts, NUL-terminated */
	size_t slen, tlen;
	size_t pair, src_first, src_count, tgt_first, tgt_count;
	/* line of each byte offset of src/tgt: the line of the sentence the
	 * offset falls in (document mode), or 0 */
	const size_t *sbreak, *tbreak; /* offset in the joined text where
	                                  sentence k+1 starts, per sentence */
	const size_t *sline, *tline;   /* line of sentence k's start */
	size_t nsb, ntb;
	const char *group;
	long long id;
	bool headline; /* the link is a headline: rewritten, not translated */
	tm_check_list *out;
	tm_checker *ck;
	tm__nameset *learn; /* names pass: add what agrees, emit nothing */
	const tm__nameset *known; /* check pass: names rendered elsewhere */
} tm__ckpair;

/* Add a finding about @p to its list (message from @fmt), unless it is
 * below the checker's minimum severity. Spans may be empty (len 0).
 * @retval TM_ENOMEM */
tm_status tm__check_emit(const tm__ckpair *p,
                         tm_check_kind kind,
                         tm_check_severity sev,
                         size_t ss,
                         size_t sl,
                         size_t ts,
                         size_t tl,
                         double sv,
                         double tv,
                         const char *fmt,
                         ...) TM_PRINTF(10, 11);

/* The number check of one pair (check-numbers.c). @retval TM_ENOMEM */
tm_status tm__check_numbers(const tm__ckpair *p);

/* Whether @len bytes of @text, in @style, carry a number a reader would
 * miss (digits, not a word). */
bool tm__check_has_number(const char *text, size_t len, tm__numstyle style);

/* Whether the numbers of @len bytes of source text @text are in the
 * @tlen bytes of target @tgt: -1 when it has none (digits), 0 when none
 * is, 1 when all are, 2 when some are. */
int tm__check_numbers_found(tm_checker *ck, const char *text, size_t len,
                            const char *tgt, size_t tlen);

/* The same the other way: the numbers of @len bytes of target text @text
 * in the @slen bytes of source @src. */
int tm__check_numbers_back(tm_checker *ck, const char *text, size_t len,
                           const char *src, size_t slen);

/* The words of source sentence @a (@alen bytes) and target sentence @b
 * that the core lexicon lists and whose listed translation, or a word
 * derived from one, the other sentence has (check-words.c): how many, of
 * both sides (a word pair met from both sides counts twice); -1 when the
 * language pair has no core lexicon of its own (or out of memory): no
 * opinion. */
int tm__check_words_shared(tm_checker *ck, const char *a, size_t alen,
                           const char *b, size_t blen);
typedef struct tm__ckwords tm__ckwords;
/* Free what tm__check_words_shared() made for a checker (ck->words). */
void tm__ckwords_free(tm__ckwords *w);

/* The name check of one pair (check-names.c). @retval TM_ENOMEM */
tm_status tm__check_names(const tm__ckpair *p);

/* Whether a sentence of the checker's source (@side 0) or target (1)
 * carries a name: a glossary term, or a capitalised word that does not
 * begin it. */
bool tm__check_has_name(tm_checker *ck, int side, const char *text, size_t len);

/* Whether the names of the @len bytes of source text @text (a sentence)
 * are in the @tlen bytes of target @tgt, by their keys or a known
 * equivalent's form: -1 when it has none (or a Korean source, or out of
 * memory), 0 when none is, 1 when all are, 2 when some are. */
int tm__check_names_in(tm_checker *ck, const char *text, size_t len,
                       const char *tgt, size_t tlen);

/* tm__check_names_in() == 1: every name of a missing sentence is
 * somewhere in the whole translation. */
bool tm__check_names_found(tm_checker *ck, const char *text, size_t len,
                           const char *tgt, size_t tlen);

/* Keys of the glossary's forms for the checker's pair (check-names.c).
 * @retval TM_ENOMEM */
tm_status tm__check_glossary_keys(tm_checker *ck);

/* The script of a language tag. */
tm__script tm__script_of_lang(const char *lang);

/* Decode one code point of UTF-8 at @s (@n bytes left); *@adv receives
 * its length (1 for an ill-formed byte, which decodes as U+FFFD). */
uint32_t tm__ck_decode(const char *s, size_t n, size_t *adv);

/* The script of a letter, or TM__SCRIPT_OTHER for a non-letter. */
tm__script tm__ck_letter_script(uint32_t c);

/* Whether @c is an upper-case Latin or Cyrillic letter. */
bool tm__ck_is_upper(uint32_t c);

#endif
