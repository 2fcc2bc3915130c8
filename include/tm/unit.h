/* SPDX-License-Identifier: MIT */
/**
 * @file unit.h
 * Translation units: the multilingual record of the TM and of TMX.
 *
 * A ::tm_unit holds one variant per language (en, ko and ru of one
 * sentence are variants of one unit), and metadata at unit and variant
 * level: TMX attributes (tuid, creationdate, usagecount, ...), props and
 * notes. Metadata is reached through a ::tm_meta, the same API at both
 * levels. Every string is UTF-8 and copied on the way in; every string or
 * pointer handed out is borrowed and valid until the unit is changed or
 * freed.
 */
#ifndef TM_UNIT_H
#define TM_UNIT_H

#include "tm/common.h"

TM_BEGIN_DECLS

typedef struct tm_unit tm_unit;
typedef struct tm_variant tm_variant;
typedef struct tm_meta tm_meta;

/** A TMX `<prop>`: type, optional xml:lang, value. Borrowed strings. */
typedef struct tm_prop {
	const char *type;
	const char *lang; /**< NULL when absent */
	const char *value;
} tm_prop;

/** A TMX `<note>`: optional xml:lang, text. Borrowed strings. */
typedef struct tm_note {
	const char *lang; /**< NULL when absent */
	const char *text;
} tm_note;

/**
 * Create an empty unit.
 * @param[out] out  Receives the unit; caller owns it, release with
 *                  tm_unit_free().
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_unit_new(tm_unit **out);

/** Release @p u and everything in it. NULL is a no-op. @since 0.1 */
TM_API void tm_unit_free(tm_unit *u);

/** Row id of the unit in a TM, 0 when it was not read from one. @since 0.1 */
TM_API long long tm_unit_id(const tm_unit *u);

/**
 * Document the unit came from (a TMX file name, a story), borrowed; NULL
 * when unknown. The store keeps it (tm_db_put(), tm_db_get()).
 * @since 0.1
 */
TM_API const char *tm_unit_origin(const tm_unit *u);

/**
 * Set the document the unit came from (copied); NULL clears it.
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_unit_set_origin(tm_unit *u, const char *origin);

/** Unit-level metadata, borrowed for the unit's lifetime. @since 0.1 */
TM_API tm_meta *tm_unit_meta(tm_unit *u);

/** Unit-level metadata, read-only view. @since 0.1 */
TM_API const tm_meta *tm_unit_meta_const(const tm_unit *u);

/**
 * Add a variant in language @p lang.
 * @param[out] out  When not NULL, receives the new variant, borrowed for the
 *                  unit's lifetime.
 * @param lang    language tag as given (normalize it with tm_lang_normalize()
 *                first if wanted).
 * @param markup  the content of TMX `<seg>` as XML (inline elements kept,
 *                text escaped), or NULL to derive it by escaping @p plain.
 * @param plain   the text without inline codes, unescaped. Required: the
 *                TMX reader knows it while parsing, the caller of a
 *                plain-text pair has nothing else.
 * @retval TM_EINVAL  @p lang or @p plain is NULL
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_unit_add_variant(tm_variant **out, tm_unit *u,
                                     const char *lang, const char *markup,
                                     const char *plain);

/** Number of variants. @since 0.1 */
TM_API size_t tm_unit_variant_count(const tm_unit *u);

/** Variant @p i (borrowed, to change), NULL when out of range.
 * @since 0.1 */
TM_API tm_variant *tm_unit_variant(tm_unit *u, size_t i);

/** Variant @p i, read-only view of a read-only unit. @since 0.1 */
TM_API const tm_variant *tm_unit_variant_const(const tm_unit *u, size_t i);

/**
 * First variant whose language matches the range @p lang (`en` finds
 * `en-US`), see tm_lang_matches(). Borrowed; NULL when none.
 * @since 0.1
 */
TM_API tm_variant *tm_unit_variant_by_lang(tm_unit *u, const char *lang);

/** tm_unit_variant_by_lang(), read-only view of a read-only unit.
 * @since 0.1 */
TM_API const tm_variant *tm_unit_variant_by_lang_const(const tm_unit *u,
                                                       const char *lang);

/** Language tag of @p v (borrowed). @since 0.1 */
TM_API const char *tm_variant_lang(const tm_variant *v);
/** `<seg>` content as XML (borrowed). @since 0.1 */
TM_API const char *tm_variant_markup(const tm_variant *v);
/** Plain text without inline codes (borrowed). @since 0.1 */
TM_API const char *tm_variant_plain(const tm_variant *v);
/** Variant-level metadata (borrowed). @since 0.1 */
TM_API tm_meta *tm_variant_meta(tm_variant *v);
/** Variant-level metadata, read-only view. @since 0.1 */
TM_API const tm_meta *tm_variant_meta_const(const tm_variant *v);

/**
 * Set attribute @p name to @p value, replacing an earlier value; a NULL
 * @p value removes it. Attributes keep their first insertion order.
 * Names are TMX attribute names (`tuid`, `creationdate`, `changeid`,
 * `usagecount`, `o-tmf`, ...), including unknown ones, kept for export.
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_meta_set_attr(tm_meta *m, const char *name,
                                  const char *value);

/** Value of attribute @p name (borrowed), NULL when unset. @since 0.1 */
TM_API const char *tm_meta_attr(const tm_meta *m, const char *name);

/** Number of attributes. @since 0.1 */
TM_API size_t tm_meta_attr_count(const tm_meta *m);

/**
 * Attribute @p i: name and value, borrowed.
 * @param[out] out_name   Receives the name (may be NULL).
 * @param[out] out_value  Receives the value (may be NULL).
 * @retval TM_ENOTFOUND  @p i out of range
 * @since 0.1
 */
TM_API tm_status tm_meta_attr_at(const char **out_name,
                                 const char **out_value,
                                 const tm_meta *m, size_t i);

/**
 * Append a prop (order kept). @p lang may be NULL.
 * @retval TM_EINVAL  @p type or @p value is NULL
 * @since 0.1
 */
TM_API tm_status tm_meta_add_prop(tm_meta *m, const char *type,
                                  const char *lang, const char *value);

/** Number of props. @since 0.1 */
TM_API size_t tm_meta_prop_count(const tm_meta *m);

/** Prop @p i (borrowed), NULL when out of range. @since 0.1 */
TM_API const tm_prop *tm_meta_prop(const tm_meta *m, size_t i);

/**
 * First prop of type @p type (borrowed value), NULL when none.
 * @since 0.1
 */
TM_API const char *tm_meta_prop_value(const tm_meta *m, const char *type);

/**
 * Append a note (order kept). @p lang may be NULL.
 * @retval TM_EINVAL  @p text is NULL
 * @since 0.1
 */
TM_API tm_status tm_meta_add_note(tm_meta *m, const char *lang,
                                  const char *text);

/** Number of notes. @since 0.1 */
TM_API size_t tm_meta_note_count(const tm_meta *m);

/** Note @p i (borrowed), NULL when out of range. @since 0.1 */
TM_API const tm_note *tm_meta_note(const tm_meta *m, size_t i);

/** Remove every attribute, prop and note. @since 0.1 */
TM_API void tm_meta_clear(tm_meta *m);

/**
 * Create a free-standing metadata set (for a TMX `<header>`, see
 * tm_db_put_header()).
 * @param[out] out  Receives it; caller owns it, release with tm_meta_free().
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_meta_new(tm_meta **out);

/** Release a metadata set of tm_meta_new(). NULL is a no-op. Never pass
 *  the borrowed metadata of a unit or variant. @since 0.1 */
TM_API void tm_meta_free(tm_meta *m);

/**
 * Append a copy of every attribute (set, so later values win), prop and
 * note of @p src to @p dst.
 * @retval TM_ENOMEM  out of memory (@p dst may hold part of @p src)
 * @since 0.1
 */
TM_API tm_status tm_meta_copy(tm_meta *dst, const tm_meta *src);

/**
 * Escape @p plain for use as TMX `<seg>` content (`&`, `<`, `>`).
 * @param[out] out  Receives the escaped text; caller frees with tm_free().
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_markup_escape(char **out, const char *plain);

TM_END_DECLS

#endif /* TM_UNIT_H */
