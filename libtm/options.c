/* SPDX-License-Identifier: MIT */
/* The _init() function beside each options (and stats) struct's _INIT
 * macro: bindings that cannot expand a C macro get the same defaults,
 * and a caller built against another layout of the struct is refused. */
#include "tm-private.h"

/* Each function checks the version and copies the header's _INIT. The
 * initialiser is the macro's last argument (its braces hold commas). */
#define TM__INIT_FN(fn, type, version_macro, ...)                       \
	tm_status fn(type *out, unsigned int version)                  \
	{                                                              \
		static const type init = __VA_ARGS__;                  \
                                                                       \
		if (!out)                                              \
			return tm__error_set(TM_EINVAL,                \
			                     #fn ": no struct given"); \
		if (version != version_macro)                          \
			return tm__error_set(TM_EINVAL,                \
			                     #fn ": unknown version "  \
			                     "%u (this libtm has %u)", \
			                     version,                  \
			                     (unsigned)version_macro); \
		*out = init;                                           \
		return TM_OK;                                          \
	}

TM__INIT_FN(tm_align_options_init, tm_align_options,
            TM_ALIGN_OPTIONS_VERSION, TM_ALIGN_OPTIONS_INIT)
TM__INIT_FN(tm_check_options_init, tm_check_options,
            TM_CHECK_OPTIONS_VERSION, TM_CHECK_OPTIONS_INIT)
TM__INIT_FN(tm_db_options_init, tm_db_options,
            TM_DB_OPTIONS_VERSION, TM_DB_OPTIONS_INIT)
TM__INIT_FN(tm_db_links_options_init, tm_db_links_options,
            TM_DB_LINKS_OPTIONS_VERSION, TM_DB_LINKS_OPTIONS_INIT)
TM__INIT_FN(tm_db_links_stats_init, tm_db_links_stats,
            TM_DB_LINKS_STATS_VERSION, TM_DB_LINKS_STATS_INIT)
TM__INIT_FN(tm_db_query_init, tm_db_query,
            TM_DB_QUERY_VERSION, TM_DB_QUERY_INIT)
TM__INIT_FN(tm_db_stats_init, tm_db_stats,
            TM_DB_STATS_VERSION, TM_DB_STATS_INIT)
TM__INIT_FN(tm_lookup_options_init, tm_lookup_options,
            TM_LOOKUP_OPTIONS_VERSION, TM_LOOKUP_OPTIONS_INIT)
TM__INIT_FN(tm_concord_options_init, tm_concord_options,
            TM_CONCORD_OPTIONS_VERSION, TM_CONCORD_OPTIONS_INIT)
TM__INIT_FN(tm_segmenter_options_init, tm_segmenter_options,
            TM_SEGMENTER_OPTIONS_VERSION, TM_SEGMENTER_OPTIONS_INIT)
TM__INIT_FN(tm_tmx_read_options_init, tm_tmx_read_options,
            TM_TMX_READ_OPTIONS_VERSION, TM_TMX_READ_OPTIONS_INIT)
TM__INIT_FN(tm_tmx_write_options_init, tm_tmx_write_options,
            TM_TMX_WRITE_OPTIONS_VERSION, TM_TMX_WRITE_OPTIONS_INIT)
TM__INIT_FN(tm_tmx_stats_init, tm_tmx_stats,
            TM_TMX_STATS_VERSION, TM_TMX_STATS_INIT)
TM__INIT_FN(tm_tmx_import_options_init, tm_tmx_import_options,
            TM_TMX_IMPORT_OPTIONS_VERSION, TM_TMX_IMPORT_OPTIONS_INIT)
TM__INIT_FN(tm_tmx_export_options_init, tm_tmx_export_options,
            TM_TMX_EXPORT_OPTIONS_VERSION, TM_TMX_EXPORT_OPTIONS_INIT)
