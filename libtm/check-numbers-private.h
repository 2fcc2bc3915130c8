/* SPDX-License-Identifier: MIT */
/* The numbers of one side as the number check pairs them (check-numbers.c):
 * what numbers.c reads, and what a translation writes that it leaves to
 * the reader (check-numread.c): number words, Korean units across spaces,
 * Roman numerals, clock times, units a translation converts. */
#ifndef TM_CHECK_NUMBERS_PRIVATE_H
#define TM_CHECK_NUMBERS_PRIVATE_H

#include "check-private.h"

/* What a number is, for pairing: a month name and a day are both part of
 * a date; percent and percentage points both read "%". */
enum { TM__CLS_QTY, TM__CLS_PCT, TM__CLS_YEAR, TM__CLS_DATE };

typedef struct tm__ckitem {
	double v;
	uint32_t off, len;
	uint8_t cls;
	bool approx;
	bool soft;     /* a word: pairs freely, never reported */
	bool inword;   /* G7, 5G, MH17: part of a name; only warned about */
	bool imperial; /* before inches, miles, feet...: a translation may
	                  convert it */
	bool month;    /* a month name (Dec., декабря) */
	bool clock;  /* followed by 시, 분 or 초 (Korean clock and timing) */
	bool time;   /* part of a clock time: soft */
	bool decade; /* 1930s */
	bool cardinal; /* a word that can only be a number: two, three */
	bool article;  /* "a year", "an hour": one, read from an article */
	double mag;    /* the magnitude word's value (million: 1e6), or 1 */
	uint8_t unit;  /* with imperial: its entry in imperial[] */
	bool used;
} tm__ckitem;

typedef struct tm__ckitems {
	tm__ckitem *v;
	size_t n, cap;
} tm__ckitems;

/* Read every number of @len bytes of @s (language style @style, script
 * @script) into @it (appended): numbers.c's, corrected, and the words and
 * notations it leaves. @clock_soft: the source has clock times, so a
 * Korean 시/분/초 number is part of one. @retval TM_ENOMEM */
tm_status tm__ck_read_items(tm__ckitems *it,
                            const char *s,
                            size_t len,
                            tm__numstyle style,
                            tm__script script,
                            bool clock_soft);

/* Whether @b is @a converted from @a's imperial unit to a metric one. */
bool tm__ck_converted(const tm__ckitem *a, const tm__ckitem *b);

/* A clock time of one side: minutes after midnight and where it is. */
typedef struct tm__cktime {
	int min;
	uint32_t off, len;
	bool used;
	bool zone; /* Moscow time after it (3.00 мск): a conversion */
} tm__cktime;

#define TM__CK_MAX_TIMES 16

/* The clock times of @len bytes of @s, at most TM__CK_MAX_TIMES, into
 * @out; returns how many. */
size_t tm__ck_read_times(tm__cktime *out,
                         const char *s,
                         size_t len,
                         tm__script script);

#endif
