/* SPDX-License-Identifier: MIT */
/* What concord.c (the phrase in its own language, the ranking) and
 * concord-xscript.c (the other scripts) share. */
#ifndef TM_CONCORD_PRIVATE_H
#define TM_CONCORD_PRIVATE_H

#include "index-private.h"
#include "store-private.h"

/* Phrase hits read, at most, for the cross-script evidence (the units
 * that show how a name is written in other scripts). */
#define TM__CONCORD_EVIDENCE 200

/* Append the hit of the row @s_get (concord.c's statement: the variant,
 * its unit and the translation wanted) to @l, of kind @kind
 * (TM_CONCORD_HIT_*), its span @start, @len in its plain text. TM_DONE
 * when it joined an earlier hit with the same text and translation;
 * TM_ENOMEM. */
tm_status tm__concord_add_hit(tm_concord_list *l, sqlite3_stmt *s_get,
                              unsigned int kind, size_t start, size_t len);

/* The cross-script hits of @phrase (language @src), appended to @l
 * after its phrase hits (the evidence is read from those): up to @want
 * of them, the candidates newest first, through @s_get. TM_EINVAL for a
 * phrase without a word or with a key under 2 symbols, TM_ENOMEM,
 * TM_EDB. */
tm_status tm__concord_translit(tm_concord_list *l, tm_db *db, tm__ix *ix,
                               sqlite3_stmt *s_get, const char *phrase,
                               const char *src, size_t want);

/* The byte length of the Korean particle (or copula ending) that ends the
 * @len bytes of the Hangul word @w (평양에서: 에서), 0 when none does;
 * the particle list is concord-xscript.c's, also read by the name check
 * (check-names.c). The whole word is never a particle. */
size_t tm__ko_particle_len(const char *w, size_t len);

#endif
