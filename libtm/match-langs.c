/* SPDX-License-Identifier: MIT */
/* Which languages a TM holds (tm_db_langs(), tm_db_check_lang()), so that
 * a lookup in a language the TM lacks ('kr' for 'ko', a typo) is an error
 * naming the ones it has instead of an empty answer.
 *
 * tuv has no index on its language, and a scan for a language that is
 * absent reads every row (a second at 1M units). The candidate index
 * has: its terms are "<lang_base>:<token>" (index-private.h), in the
 * primary key of tm_ix_post, so a language is present when a term lies
 * in ["<lang>:", "<lang>;") (';' follows ':'), one probe of that key,
 * and the list of languages is a skip scan, one probe per language. */
#include "index-private.h"
#include "match-private.h"
#include "store-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
tm_lang_list_free(char **list)
{
	if (!list)
		return;
	for (size_t i = 0; list[i]; i++)
		tm__free(list[i]);
	tm__free(list);
}

/* The first indexed term at or after @from, into @out (empty at the
 * end). Terms of no language ("~<key>") sort after every language's
 * (lower-case letters) and end the walk. */
static tm_status
next_term(tm_db *db, sqlite3_stmt *s, const char *from, char *out,
          size_t size)
{
	int rc;

	*out = '\0';
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);

		snprintf(out, size, "%s", t ? t : "");
	} else if (rc != SQLITE_DONE) {
		return tm__db_error(db, rc, "cannot list the languages");
	}
	sqlite3_reset(s);
	return TM_OK;
}

tm_status
tm_db_langs(char ***out, size_t *count, tm_db *db)
{
	sqlite3_stmt *s = NULL;
	char **v = NULL, from[24] = "", term[64];
	size_t n = 0, cap = 0;
	tm__ix *ix;
	tm_status st;
	int rc;

	if (!out)
		return tm__error_set(TM_EINVAL, "lang: no output pointer");
	*out = NULL;
	if (count)
		*count = 0;
	if (!db)
		return tm__error_set(TM_EINVAL, "lang: the TM is NULL");
	/* the index of this connection, with its pending postings written */
	if ((st = tm__db_index(&ix, db)) < 0)
		return st;
	rc = sqlite3_prepare_v2(tm__db_handle(db),
	                        "SELECT term FROM tm_ix_post WHERE term >= ?1"
	                        " ORDER BY term LIMIT 1",
	                        -1, &s, NULL);
	if (rc != SQLITE_OK)
		return tm__db_error(db, rc, "cannot list the languages");
	for (;;) {
		char *colon;

		if ((st = next_term(db, s, from, term, sizeof(term))) < 0)
			goto fail;
		colon = strchr(term, ':');
		if (!*term || term[0] == '~' || !colon ||
		    (size_t)(colon - term) >= sizeof(from) - 1)
			break;
		if (!TM__ARRAY_GROW(v, cap, n + 2, 8)) {
			st = tm__error_oom();
			goto fail;
		}
		if (!(v[n] = tm__strndup(term, (size_t)(colon - term)))) {
			st = tm__error_oom();
			goto fail;
		}
		snprintf(from, sizeof(from), "%s;", v[n]);
		v[++n] = NULL;
	}
	sqlite3_finalize(s);
	if (!v && !(v = tm__calloc(1, sizeof(*v))))
		return tm__error_oom();
	*out = v;
	if (count)
		*count = n;
	return TM_OK;
fail:
	sqlite3_finalize(s);
	if (v)
		v[n] = NULL;
	tm_lang_list_free(v);
	return st;
}

/* "lang: no units in '@tag'; this TM has en, ko, ru" */
static tm_status
absent(tm_db *db, const char *tag)
{
	char **langs = NULL;
	tm__buf b = { 0 };
	tm_status st;

	if ((st = tm_db_langs(&langs, NULL, db)) < 0)
		return st;
	for (size_t i = 0; langs[i] && st >= 0; i++)
		if ((i && (st = tm__buf_append_str(&b, ", ")) < 0) ||
		    (st = tm__buf_append_str(&b, langs[i])) < 0)
			break;
	if (st >= 0)
		st = langs[0] ? tm__error_set(TM_ENOTFOUND,
		                              "lang: no units in '%s'; this TM "
		                              "has %.*s",
		                              tag, (int)b.len, b.data) :
		                tm__error_set(TM_ENOTFOUND,
		                              "lang: no units in '%s'; this TM "
		                              "is empty",
		                              tag);
	tm_lang_list_free(langs);
	tm__buf_dispose(&b);
	return st;
}

tm_status
tm__db_require_langs(tm_db *db, const char *const *tags,
                     const char *const *bases, size_t n)
{
	sqlite3_stmt *s = NULL;
	tm_status st;
	int rc;

	/* kept with the handle: every lookup asks */
	if ((st = tm__db_rstmt(&s, db, TM__RS_LANGS,
	                       "SELECT 1 FROM tm_ix_post WHERE term >= ?1"
	                       " AND term < ?2 LIMIT 1")) < 0)
		return st;
	for (size_t i = 0; i < n && st == TM_OK; i++) {
		char lo[24], hi[24];

		snprintf(lo, sizeof(lo), "%s:", bases[i]);
		snprintf(hi, sizeof(hi), "%s;", bases[i]);
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
		if (rc == SQLITE_DONE)
			st = TM_ENOTFOUND;
		else if (rc != SQLITE_ROW)
			st = tm__db_error(db, rc, "cannot list the languages");
		if (st == TM_ENOTFOUND) {
			sqlite3_reset(s);
			s = NULL;
			st = absent(db, tags[i]);
		}
	}
	if (s)
		sqlite3_reset(s);
	return st;
}

tm_status
tm_db_check_lang(tm_db *db, const char *tag)
{
	char base[16];
	tm__ix *ix;
	tm_status st;

	if (!db)
		return tm__error_set(TM_EINVAL, "lang: the TM is NULL");
	if ((st = tm_lang_validate(tag)) < 0 ||
	    (st = tm__lang_base(base, tag)) < 0 ||
	    (st = tm__db_index(&ix, db)) < 0)
		return st;
	{
		const char *bases[] = { base };

		return tm__db_require_langs(db, &tag, bases, 1);
	}
}
