/* SPDX-License-Identifier: MIT */
/**
 * @file tm.h
 * Umbrella header of libtm: `#include <tm/tm.h>`.
 */
#ifndef TM_TM_H
#define TM_TM_H

#include "tm/common.h"
#include "tm/text.h"
#include "tm/lang.h"
#include "tm/normalize.h"
#include "tm/translit.h"
#include "tm/segment.h"
#include "tm/unit.h"
#include "tm/db.h"
#include "tm/align.h"
#include "tm/match.h"
#include "tm/tmx.h"
#include "tm/check.h"

#endif /* TM_TM_H */
