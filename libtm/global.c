/* SPDX-License-Identifier: MIT */
/* Process-wide settings (tm_global_set()): one call for every option,
 * so that the public API names what an option does, never the library
 * underneath that does it. */
#include "tm-private.h"

tm_status
tm_global_set(tm_global_option opt, long long value)
{
	switch (opt) {
	case TM_GLOBAL_MEMORY_STATS:
		if (value != 0 && value != 1)
			break;
		return tm__db_memory_stats(value == 1);
	}
	return tm__error_set(TM_EINVAL,
	                     "global: unknown option %d or value %lld",
	                     (int)opt, value);
}
