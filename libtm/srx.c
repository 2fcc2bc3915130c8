/* SPDX-License-Identifier: MIT */
/* SRX 2.0 segmentation rules: parsing (libxml2) and application (ICU
 * regular expressions). */
#include "segment-private.h"

#include <stdlib.h>

struct tm__srx {
	int unused;
};

struct tm__srx_rules {
	int unused;
};

tm_status
tm__srx_load(tm__srx **out, const char *path)
{
	*out = NULL;
	return tm__error_set(TM_EINVAL, "srx: %s: SRX is not supported yet",
	                     path);
}

void
tm__srx_free(tm__srx *srx)
{
	free(srx);
}

tm_status
tm__srx_select(tm__srx_rules **out, const tm__srx *srx, const char *lang)
{
	*out = NULL;
	return TM_EINVAL;
}

void
tm__srx_rules_free(tm__srx_rules *rules)
{
	free(rules);
}

bool
tm__srx_uses_icu(const tm__srx_rules *rules)
{
	return false;
}

tm_status
tm__srx_apply(tm__srx_rules *rules, const UChar *s, int32_t len,
              signed char *dec)
{
	return TM_EINVAL;
}
