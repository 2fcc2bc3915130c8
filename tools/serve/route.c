/* SPDX-License-Identifier: MIT */
/* `tm serve`: the request router (see route.h). */
#include "route.h"

#include <stdlib.h>
#include <string.h>

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long
srv_pct_decode(char *out, const char *in, size_t len, bool plus_is_space)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (in[i] == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return -1;
			hi = hexval(in[i + 1]);
			lo = hexval(in[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (in[i] == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = in[i];
		}
	}
	out[o] = '\0';
	return (long)o;
}

/* Decode @len bytes of @in into a new string; NULL on a bad escape or no
 * memory (*@oom tells them apart). */
static char *
decode_dup(const char *in, size_t len, bool plus, size_t *out_len, bool *oom)
{
	char *s = malloc(len + 1);
	long n;

	*oom = !s;
	if (!s)
		return NULL;
	n = srv_pct_decode(s, in, len, plus);
	if (n < 0) {
		free(s);
		return NULL;
	}
	if (out_len)
		*out_len = (size_t)n;
	return s;
}

char *
srv_query_get(const char *query, const char *name, size_t *len, bool *bad)
{
	size_t nlen = strlen(name);
	const char *p = query;

	*bad = false;
	while (p && *p) {
		const char *end = strchr(p, '&'), *eq;
		size_t plen = end ? (size_t)(end - p) : strlen(p);
		char *key;
		size_t klen, dlen = 0;
		bool oom;

		eq = memchr(p, '=', plen);
		klen = eq ? (size_t)(eq - p) : plen;
		/* keys are compared decoded: "min%5Fsimilarity" is the same
		 * parameter to a form decoder */
		key = decode_dup(p, klen, true, &dlen, &oom);
		if (key && dlen == nlen && memcmp(key, name, nlen) == 0) {
			char *v;

			free(key);
			v = eq ? decode_dup(eq + 1, plen - klen - 1, true, len,
			                    &oom)
			       : decode_dup("", 0, true, len, &oom);
			if (!v)
				*bad = true;
			return v;
		}
		free(key);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

bool
srv_callback_ok(const char *s)
{
	size_t n = 0;
	bool start = true;

	for (; *s; s++, n++) {
		char c = *s;
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             c == '_' || c == '$';

		if (n >= 64)
			return false;
		if (c == '.') {
			if (start)
				return false;
			start = true;
		} else if (alpha || (!start && c >= '0' && c <= '9')) {
			start = false;
		} else {
			return false;
		}
	}
	return n > 0 && !start;
}

static srv_method
method_of(const char *m)
{
	static const struct {
		const char *name;
		srv_method m;
	} tab[] = {{"GET", SRV_GET},       {"HEAD", SRV_HEAD},
	           {"POST", SRV_POST},     {"PUT", SRV_PUT},
	           {"DELETE", SRV_DELETE}, {"OPTIONS", SRV_OPTIONS}};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(m, tab[i].name) == 0)
			return tab[i].m;
	return SRV_OTHER;
}

/* A language code in a path: letters, digits, '-' and '_', 1-35 bytes
 * (the longest BCP 47 tags in use are far shorter). */
static bool
lang_ok(const char *s, size_t n)
{
	if (n == 0 || n > 35)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* Whether the path @p (length @n) starts with the segment @seg followed
 * by '/' or its end; on success *@rest points after "seg/". */
static bool
seg_is(const char *p, size_t n, const char *seg, const char **rest,
       size_t *rest_n)
{
	size_t l = strlen(seg);

	if (n < l || memcmp(p, seg, l) != 0)
		return false;
	if (n == l) {
		*rest = p + n;
		*rest_n = 0;
		return true;
	}
	if (p[l] != '/')
		return false;
	*rest = p + l + 1;
	*rest_n = n - l - 1;
	return true;
}

/* The amaGama dialect after its prefix (@p without the leading '/'). */
static int
route_amagama(srv_route *r, const char *p, size_t n, const char **why)
{
	const char *a, *b, *rest, *tail;
	size_t na, nb, nrest, ntail;
	bool oom;

	if (n == 10 && memcmp(p, "languages/", 10) == 0) {
		r->kind = SRV_AMA_LANGUAGES;
		r->allowed = SRV_GET | SRV_HEAD;
		return 0;
	}
	/* {slang}/{tlang}/unit/{text} or .../store/{name} */
	a = p;
	if (!(rest = memchr(p, '/', n)))
		return 404;
	na = (size_t)(rest - a);
	b = rest + 1;
	if (!(rest = memchr(b, '/', n - na - 1)))
		return 404;
	nb = (size_t)(rest - b);
	rest++;
	nrest = n - na - nb - 2;
	if (!lang_ok(a, na) || !lang_ok(b, nb))
		return 404;
	if (seg_is(rest, nrest, "unit", &tail, &ntail) && tail > rest + 4) {
		r->kind = SRV_AMA_UNIT;
		r->allowed = SRV_GET | SRV_HEAD | SRV_POST | SRV_PUT;
	} else if (seg_is(rest, nrest, "store", &tail, &ntail) &&
	           tail > rest + 5 && ntail > 0) {
		r->kind = SRV_AMA_STORE;
		r->allowed = SRV_POST;
		r->slow = true;
	} else {
		return 404;
	}
	r->slang = strndup(a, na);
	r->tlang = strndup(b, nb);
	/* the whole rest is one text: %2F is a slash inside it, and so is a
	 * plain '/' (Virtaal and amaGama's <path:> converter) */
	r->text = decode_dup(tail, ntail, false, &r->text_len, &oom);
	if (!r->slang || !r->tlang || oom) {
		*why = "out of memory";
		return 500;
	}
	if (!r->text) {
		*why = "bad percent-encoding in the path";
		return 400;
	}
	return 0;
}

static int
route_api(srv_route *r, const char *p, size_t n, const char **why)
{
	static const struct {
		const char *name;
		srv_route_kind kind;
		unsigned allowed;
		bool slow;
	} tab[] = {
	        {"lookup", SRV_API_LOOKUP, SRV_GET | SRV_HEAD | SRV_POST, false},
	        {"concord", SRV_API_CONCORD, SRV_GET | SRV_HEAD | SRV_POST,
	         false},
	        {"align", SRV_API_ALIGN, SRV_POST, true},
	        {"review", SRV_API_REVIEW, SRV_POST, true},
	        {"units", SRV_API_UNITS, SRV_POST, false},
	        {"stats", SRV_API_STATS, SRV_GET | SRV_HEAD, true},
	        {"export", SRV_API_EXPORT, SRV_GET | SRV_HEAD, true},
	        {"import", SRV_API_IMPORT, SRV_POST | SRV_PUT, true},
	        {"segment", SRV_API_SEGMENT, SRV_GET | SRV_HEAD | SRV_POST,
	         false},
	        {"translit", SRV_API_TRANSLIT, SRV_GET | SRV_HEAD | SRV_POST,
	         false},
	};
	const char *rest;
	size_t nrest;

	/* a review document turned into TMX, nothing stored */
	if (seg_is(p, n, "review", &rest, &nrest) && nrest == 3 &&
	    memcmp(rest, "tmx", 3) == 0) {
		r->kind = SRV_API_REVIEW_TMX;
		r->allowed = SRV_POST;
		r->slow = true;
		return 0;
	}
	if (seg_is(p, n, "units", &rest, &nrest) && nrest > 0) {
		long long id = 0;

		if (nrest > 18)
			return 404;
		for (size_t i = 0; i < nrest; i++) {
			if (rest[i] < '0' || rest[i] > '9')
				return 404;
			id = id * 10 + (rest[i] - '0');
		}
		if (id <= 0)
			return 404;
		r->kind = SRV_API_UNIT;
		r->allowed = SRV_GET | SRV_HEAD | SRV_DELETE;
		r->id = id;
		return 0;
	}
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		if (strlen(tab[i].name) == n &&
		    memcmp(p, tab[i].name, n) == 0) {
			r->kind = tab[i].kind;
			r->allowed = tab[i].allowed;
			r->slow = tab[i].slow;
			return 0;
		}
	}
	(void)why;
	return 404;
}

/* The web page: "/" and "/static/NAME", NAME of [a-z0-9.-] without "..":
 * the name is only ever looked up in the table compiled into the binary,
 * never opened as a file. */
static int
route_static(srv_route *r, const char *p, size_t n, const char **why)
{
	const char *rest;
	size_t nrest;

	if (n == 0 || (n == 10 && memcmp(p, "index.html", 10) == 0)) {
		r->file = strdup("index.html");
	} else if (seg_is(p, n, "static", &rest, &nrest) && nrest > 0 &&
	           nrest <= 64) {
		for (size_t i = 0; i < nrest; i++) {
			char c = rest[i];

			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			      c == '-' || (c == '.' && i > 0 &&
			                   rest[i - 1] != '.')))
				return 404;
		}
		r->file = strndup(rest, nrest);
	} else {
		return 404;
	}
	if (!r->file) {
		*why = "out of memory";
		return 500;
	}
	r->kind = SRV_STATIC;
	r->allowed = SRV_GET | SRV_HEAD;
	return 0;
}

int
srv_route_parse(srv_route *r, const char *method, const char *target,
                const char **why)
{
	const char *q, *p, *rest;
	size_t n, tlen = strlen(target), nrest;
	int st;

	memset(r, 0, sizeof(*r));
	*why = "no such resource";
	if (tlen > SRV_MAX_TARGET) {
		*why = "request target too long";
		return 414;
	}
	r->method = method_of(method);
	if (r->method == SRV_OTHER) {
		*why = "method not implemented";
		return 501;
	}
	if (target[0] != '/') {
		*why = "request target must be a path";
		return 400;
	}
	q = strchr(target, '?');
	n = q ? (size_t)(q - target) : tlen;
	if (q && !(r->query = strdup(q + 1))) {
		*why = "out of memory";
		return 500;
	}
	if (memchr(target, '#', n)) {
		st = 400;
		*why = "a fragment in the request target";
		goto fail;
	}
	p = target + 1;
	n--;
	if (seg_is(p, n, "tmserver", &rest, &nrest) ||
	    (seg_is(p, n, "api", &rest, &nrest) &&
	     seg_is(rest, nrest, "v1", &rest, &nrest)))
		st = route_amagama(r, rest, nrest, why);
	else if (seg_is(p, n, "api", &rest, &nrest))
		st = route_api(r, rest, nrest, why);
	else
		st = route_static(r, p, n, why);
	if (st)
		goto fail;
	if (r->method == SRV_OPTIONS)
		return 0; /* a CORS preflight: the caller answers it */
	if (!(r->allowed & r->method)) {
		unsigned allowed = r->allowed;

		*why = "method not allowed";
		srv_route_free(r);
		r->allowed = allowed; /* for the Allow header */
		return 405;
	}
	r->write = r->method & (SRV_POST | SRV_PUT | SRV_DELETE);
	/* reads that take a JSON body by POST change nothing */
	if (r->method == SRV_POST &&
	    (r->kind == SRV_API_LOOKUP || r->kind == SRV_API_CONCORD ||
	     r->kind == SRV_API_ALIGN || r->kind == SRV_API_SEGMENT ||
	     r->kind == SRV_API_TRANSLIT || r->kind == SRV_API_REVIEW_TMX))
		r->write = false;
	return 0;
fail:
	srv_route_free(r);
	return st;
}

void
srv_route_free(srv_route *r)
{
	free(r->slang);
	free(r->tlang);
	free(r->text);
	free(r->file);
	free(r->query);
	memset(r, 0, sizeof(*r));
}

const char *
srv_route_name(srv_route_kind k)
{
	static const char *const names[] = {
	        "none",        "ama-unit",    "ama-store",   "ama-languages",
	        "api-lookup",  "api-concord", "api-align",   "api-review",
	        "api-units",   "api-unit",    "api-stats",   "api-export",
	        "api-import",  "api-segment", "api-translit", "static",
	        "api-review-tmx"};

	return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
