/* SPDX-License-Identifier: MIT */
/* `tm serve`: the request router. Pure string work, no HTTP library and
 * no TM: a request line (method and the raw request target, as the client
 * sent it) becomes a route with its decoded parts, or an HTTP error.
 * Kept apart so that the fuzz target (tests/fuzz/target-serve.c) drives
 * exactly the code the server runs. */
#ifndef TM_SERVE_ROUTE_H
#define TM_SERVE_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

/* What a request asks for. */
typedef enum srv_route_kind {
	SRV_NONE = 0,      /* no such resource: 404 */
	/* the amaGama / translate-toolkit tmserver dialect */
	SRV_AMA_UNIT,      /* {prefix}/{slang}/{tlang}/unit/{text} */
	SRV_AMA_STORE,     /* {prefix}/{slang}/{tlang}/store/{name} */
	SRV_AMA_LANGUAGES, /* {prefix}/languages/ */
	/* the JSON API of tm serve (docs/serve.md) */
	SRV_API_LOOKUP,
	SRV_API_CONCORD,
	SRV_API_ALIGN,
	SRV_API_REVIEW,
	SRV_API_UNITS,     /* /api/units: add */
	SRV_API_UNIT,      /* /api/units/{id}: read, delete */
	SRV_API_STATS,
	SRV_API_EXPORT,
	SRV_API_IMPORT,
	SRV_API_SEGMENT,
	SRV_API_TRANSLIT,
	SRV_STATIC,        /* the web page's files: / and /static/... */
	SRV_API_REVIEW_TMX, /* /api/review/tmx: a review document as TMX */
} srv_route_kind;

/* Methods the router knows; others are refused with 405 or 501. */
typedef enum srv_method {
	SRV_GET = 1,
	SRV_HEAD = 2,
	SRV_POST = 4,
	SRV_PUT = 8,
	SRV_DELETE = 16,
	SRV_OPTIONS = 32,
	SRV_OTHER = 64,
} srv_method;

/* Longest request target accepted (bytes, percent-encoded). A Weblate
 * query is at most 500 characters, 4,500 bytes once encoded in Korean. */
#define SRV_MAX_TARGET 16384

/* A parsed request. Every string is owned by the route (srv_route_free()),
 * NUL-terminated and decoded; @text may hold NUL bytes (its length is
 * @text_len). */
typedef struct srv_route {
	srv_route_kind kind;
	srv_method method;
	unsigned allowed;    /* srv_method bits the resource answers */
	bool write;          /* the method changes the TM */
	bool slow;           /* runs long: off the connection's thread */
	char *slang, *tlang; /* amaGama languages as sent (letters, digits,
	                        '-' and '_'), NULL elsewhere */
	char *text;          /* amaGama: the unit text or store name */
	size_t text_len;
	long long id;        /* SRV_API_UNIT */
	char *file;          /* SRV_STATIC: the name under web/ ("index.html") */
	char *query;         /* the raw query string (after '?'), or NULL */
} srv_route;

/* Parse @method and the raw request target @target (path and query, still
 * percent-encoded). Returns 0 and fills @r, or an HTTP status (400 bad
 * encoding, 404 no resource, 405 method not allowed, 414 too long, 501
 * unknown method) and sets *@why to a static reason. On success release
 * @r with srv_route_free(); on failure it holds nothing but, after a 405,
 * the methods allowed (@allowed). */
int srv_route_parse(srv_route *r, const char *method, const char *target,
                    const char **why);
void srv_route_free(srv_route *r);

/* Percent-decode @len bytes of @in into @out (room for @len + 1 bytes),
 * '+' as a space when @plus_is_space (a query string), as itself in a
 * path. Returns the decoded length, or -1 for a '%' not followed by two
 * hex digits. @out is NUL-terminated. */
long srv_pct_decode(char *out, const char *in, size_t len,
                    bool plus_is_space);

/* The value of parameter @name in the raw query string @query, decoded
 * (malloc()ed, free() it), with its length in *@len when @len is not
 * NULL. NULL when absent. *@bad is set to true when the parameter is
 * present but badly encoded (and NULL returned). The first occurrence
 * wins. */
char *srv_query_get(const char *query, const char *name, size_t *len,
                    bool *bad);

/* Whether @s is a JSONP callback name that can be written into a
 * response as it is: a JavaScript identifier path (letters, digits, '_',
 * '$', '.' between names), at most 64 bytes. Anything else could smuggle
 * script into the response. */
bool srv_callback_ok(const char *s);

/* Name of a route kind, for logs ("ama-unit", "api-lookup", ...). */
const char *srv_route_name(srv_route_kind k);

#endif
