/* SPDX-License-Identifier: MIT */
/* Fuzz target: tm serve's request router and path decoding
 * (tools/serve/route.c), the code that reads every request target a
 * client sends before anything else looks at it.
 *
 *   byte 0   the method: GET HEAD POST PUT DELETE OPTIONS PATCH, or ""
 *   rest     the raw request target (up to a NUL byte); after the NUL, a
 *            parameter name to look up in its query
 *
 * Checked: the status is 0 or one the server knows (400 404 405 414 500
 * 501); a route has a kind and answers its method; languages in a path
 * hold only letters, digits, '-' and '_'; a static file name only
 * [a-z0-9.-] without "..", so that no request reaches a file; the decoded
 * text is no longer than the target; the query is the target's own tail;
 * a query value decodes to no more than the query; every byte string
 * percent-encoded decodes back to itself; an accepted JSONP name has only
 * name characters. */
#include "fuzz-targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/serve/route.h"

static const char *const methods[8] = {"GET",    "HEAD",    "POST",
                                       "PUT",    "DELETE",  "OPTIONS",
                                       "PATCH",  ""};

static bool
only(const char *s, const char *set)
{
	for (; *s; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      strchr(set, c)))
			return false;
	}
	return true;
}

static const char *
check_route(const srv_route *r, const char *target, size_t tlen, int st)
{
	const char *q = strchr(target, '?');

	if (st != 0 && st != 400 && st != 404 && st != 405 && st != 414 &&
	    st != 500 && st != 501)
		return "an unexpected status";
	if (st != 0)
		return r->slang || r->text || r->query || r->file
		               ? "a refused route holds strings"
		               : NULL;
	if (r->kind == SRV_NONE)
		return "a route without a kind";
	if (r->method != SRV_OPTIONS && !(r->allowed & r->method))
		return "a route that does not answer its method";
	if ((q == NULL) != (r->query == NULL) ||
	    (q && strcmp(q + 1, r->query) != 0))
		return "the query is not the target's tail";
	if (r->slang && (!only(r->slang, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_") ||
	                 !only(r->tlang, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_")))
		return "a language with other characters";
	if ((r->kind == SRV_AMA_UNIT || r->kind == SRV_AMA_STORE) &&
	    (!r->text || r->text_len > tlen))
		return "a decoded text longer than the target";
	if (r->kind == SRV_STATIC &&
	    (!r->file || !only(r->file, ".-") || strstr(r->file, "..") ||
	     r->file[0] == '.'))
		return "a static name that could leave the table";
	if (r->kind == SRV_API_UNIT && r->id <= 0)
		return "a unit id that is not positive";
	return NULL;
}

const char *
tm_fuzz_serve(const uint8_t *data, size_t size)
{
	srv_route r;
	const char *why = NULL, *broken;
	char *target, *name, *enc, *dec;
	size_t tlen, nlen;
	long n;
	int st;

	if (size < 1)
		return NULL;
	tlen = strnlen((const char *)data + 1, size - 1);
	if (!(target = malloc(tlen + 1)))
		abort();
	memcpy(target, data + 1, tlen);
	target[tlen] = '\0';
	nlen = tlen + 2 < size ? size - tlen - 2 : 0;
	if (!(name = malloc(nlen + 1)))
		abort();
	memcpy(name, data + size - nlen, nlen);
	name[nlen] = '\0';

	st = srv_route_parse(&r, methods[data[0] & 7], target, &why);
	broken = check_route(&r, target, tlen, st);
	if (!broken && !why)
		broken = "no reason given";
	if (!broken && st == 0 && r.query) {
		bool bad;
		size_t vlen = 0;
		char *v = srv_query_get(r.query, nlen ? name : "source", &vlen,
		                        &bad);

		if (v && (vlen > strlen(r.query) || bad))
			broken = "a query value longer than its query";
		free(v);
	}
	srv_route_free(&r);

	/* every byte string survives percent-encoding */
	enc = malloc(tlen * 3 + 1);
	dec = malloc(tlen * 3 + 1);
	if (!enc || !dec)
		abort();
	for (size_t i = 0; i < tlen; i++)
		snprintf(enc + 3 * i, 4, "%%%02X", (unsigned char)target[i]);
	n = srv_pct_decode(dec, enc, tlen * 3, false);
	if (!broken && (n != (long)tlen || memcmp(dec, target, tlen) != 0))
		broken = "percent-encoding does not decode back";
	/* and the decoder never writes more than it read */
	n = srv_pct_decode(dec, target, tlen, true);
	if (!broken && n > (long)tlen)
		broken = "a decoding longer than its input";
	if (!broken && srv_callback_ok(target) &&
	    !only(target, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_$."))
		broken = "a JSONP name with other characters";
	free(enc);
	free(dec);
	free(target);
	free(name);
	return broken;
}
