/* SPDX-License-Identifier: MIT */
/* tm serve's request router and JSON answers (tools/serve/route.c,
 * common.c), without a socket: URL decoding, query parameters, routes
 * and their errors, JSONP names, the error document. The server itself
 * is tested over HTTP by tests/cli/test-serve.sh. */
#include "tm-test.h"

#include <stdlib.h>
#include <string.h>

#include "../tools/serve/serve.h"

static void
test_pct_decode(void)
{
	char out[64];

	CHECK(srv_pct_decode(out, "a%2Fb%20c", 9, false) == 5);
	CHECK_STR(out, "a/b c");
	/* '+' is a space in a query only */
	CHECK(srv_pct_decode(out, "a+b", 3, false) == 3);
	CHECK_STR(out, "a+b");
	CHECK(srv_pct_decode(out, "a+b", 3, true) == 3);
	CHECK_STR(out, "a b");
	CHECK(srv_pct_decode(out, "%ED%8F%89%EC%96%91", 18, false) == 6);
	CHECK_STR(out, "평양");
	/* a NUL byte decodes, and the length says so */
	CHECK(srv_pct_decode(out, "a%00b", 5, false) == 3);
	CHECK(memcmp(out, "a\0b", 3) == 0);
	CHECK(srv_pct_decode(out, "%", 1, false) == -1);
	CHECK(srv_pct_decode(out, "ab%4", 4, false) == -1);
	CHECK(srv_pct_decode(out, "%G0", 3, false) == -1);
	CHECK(srv_pct_decode(out, "%0g", 3, false) == -1);
	CHECK(srv_pct_decode(out, "", 0, false) == 0);
}

static void
test_query(void)
{
	size_t len;
	bool bad;
	char *v;

	v = srv_query_get("a=1&source=x+y%2Bz&a=2", "source", &len, &bad);
	CHECK_STR(v, "x y+z");
	CHECK(len == 5 && !bad);
	free(v);
	v = srv_query_get("a=1&a=2", "a", NULL, &bad);
	CHECK_STR(v, "1"); /* the first wins */
	free(v);
	v = srv_query_get("min%5Fsimilarity=80", "min_similarity", NULL, &bad);
	CHECK_STR(v, "80"); /* keys are decoded too */
	free(v);
	v = srv_query_get("flag&x=1", "flag", NULL, &bad);
	CHECK_STR(v, ""); /* present without a value */
	free(v);
	CHECK(!srv_query_get("a=1", "b", NULL, &bad) && !bad);
	CHECK(!srv_query_get("", "b", NULL, &bad) && !bad);
	CHECK(!srv_query_get("b=%zz", "b", NULL, &bad) && bad);
	CHECK(!srv_query_get("&&=&b", "c", NULL, &bad) && !bad);
}

static void
test_callback(void)
{
	CHECK(srv_callback_ok("cb"));
	CHECK(srv_callback_ok("jQuery123_456"));
	CHECK(srv_callback_ok("a.b.$c"));
	CHECK(!srv_callback_ok(""));
	CHECK(!srv_callback_ok("1a"));
	CHECK(!srv_callback_ok("a..b"));
	CHECK(!srv_callback_ok("a."));
	CHECK(!srv_callback_ok(".a"));
	CHECK(!srv_callback_ok("alert(1)"));
	CHECK(!srv_callback_ok("a b"));
	CHECK(!srv_callback_ok("a<"));
	CHECK(!srv_callback_ok(
	        "a123456789012345678901234567890123456789012345678901234567890123"
	        "4"));
}

/* Parse @target with @method; returns the status, fills @r. */
static int
parse(srv_route *r, const char *method, const char *target)
{
	const char *why;

	return srv_route_parse(r, method, target, &why);
}

static void
test_routes_amagama(void)
{
	srv_route r;

	REQUIRE(parse(&r, "GET", "/tmserver/en/ko/unit/a%2Fb/c+d?x=1") == 0);
	CHECK(r.kind == SRV_AMA_UNIT && !r.write && !r.slow);
	CHECK_STR(r.slang, "en");
	CHECK_STR(r.tlang, "ko");
	/* the whole rest is the text: %2F and '/' alike, '+' as itself */
	CHECK_STR(r.text, "a/b/c+d");
	CHECK(r.text_len == 7);
	CHECK_STR(r.query, "x=1");
	srv_route_free(&r);

	REQUIRE(parse(&r, "GET", "/api/v1/en_US/pt_BR/unit/?source=x") == 0);
	CHECK(r.kind == SRV_AMA_UNIT && r.text_len == 0);
	CHECK_STR(r.slang, "en_US");
	srv_route_free(&r);

	REQUIRE(parse(&r, "PUT", "/tmserver/en/ko/unit/x") == 0);
	CHECK(r.write);
	srv_route_free(&r);
	REQUIRE(parse(&r, "POST", "/tmserver/en/ko/store/a.po") == 0);
	CHECK(r.kind == SRV_AMA_STORE && r.write && r.slow);
	CHECK_STR(r.text, "a.po");
	srv_route_free(&r);
	REQUIRE(parse(&r, "GET", "/tmserver/languages/") == 0);
	CHECK(r.kind == SRV_AMA_LANGUAGES);
	srv_route_free(&r);
	REQUIRE(parse(&r, "GET", "/api/v1/languages/?jsoncallback=f") == 0);
	CHECK(r.kind == SRV_AMA_LANGUAGES);
	srv_route_free(&r);

	CHECK(parse(&r, "GET", "/tmserver/languages") == 404);
	CHECK(parse(&r, "GET", "/tmserver/en/ko/unit") == 404);
	CHECK(parse(&r, "GET", "/tmserver/en/ko/units/x") == 404);
	CHECK(parse(&r, "GET", "/tmserver/e%20n/ko/unit/x") == 404);
	CHECK(parse(&r, "GET", "/tmserver//ko/unit/x") == 404);
	CHECK(parse(&r, "GET", "/tmserver/en/ko/unit/%zz") == 400);
	CHECK(parse(&r, "GET", "/tmserver/en/ko/store/a") == 405);
	CHECK(r.allowed == SRV_POST); /* kept for the Allow header */
	CHECK(parse(&r, "DELETE", "/tmserver/en/ko/unit/x") == 405);
	CHECK(parse(&r, "PATCH", "/tmserver/en/ko/unit/x") == 501);
	CHECK(parse(&r, "GET", "/tmserverx/en/ko/unit/x") == 404);
}

static void
test_routes_api(void)
{
	srv_route r;

	REQUIRE(parse(&r, "GET", "/api/lookup?q=x") == 0);
	CHECK(r.kind == SRV_API_LOOKUP && !r.write);
	srv_route_free(&r);
	/* a read with a JSON body changes nothing */
	REQUIRE(parse(&r, "POST", "/api/lookup") == 0);
	CHECK(!r.write);
	srv_route_free(&r);
	REQUIRE(parse(&r, "POST", "/api/align") == 0);
	CHECK(!r.write && r.slow);
	srv_route_free(&r);
	REQUIRE(parse(&r, "POST", "/api/review") == 0);
	CHECK(r.kind == SRV_API_REVIEW && r.write && r.slow);
	srv_route_free(&r);
	/* a review turned into TMX stores nothing */
	REQUIRE(parse(&r, "POST", "/api/review/tmx?origin=a") == 0);
	CHECK(r.kind == SRV_API_REVIEW_TMX && !r.write && r.slow);
	srv_route_free(&r);
	CHECK(parse(&r, "GET", "/api/review/tmx") == 405);
	CHECK(parse(&r, "POST", "/api/review/xml") == 404);
	REQUIRE(parse(&r, "GET", "/api/units/42") == 0);
	CHECK(r.kind == SRV_API_UNIT && r.id == 42 && !r.write);
	srv_route_free(&r);
	REQUIRE(parse(&r, "DELETE", "/api/units/42") == 0);
	CHECK(r.write);
	srv_route_free(&r);
	REQUIRE(parse(&r, "POST", "/api/import?origin=a") == 0);
	CHECK(r.kind == SRV_API_IMPORT && r.write && r.slow);
	srv_route_free(&r);
	REQUIRE(parse(&r, "OPTIONS", "/api/units") == 0);
	CHECK(r.method == SRV_OPTIONS && !r.write);
	srv_route_free(&r);

	CHECK(parse(&r, "GET", "/api/units/0") == 404);
	CHECK(parse(&r, "GET", "/api/units/-1") == 404);
	CHECK(parse(&r, "GET", "/api/units/1x") == 404);
	CHECK(parse(&r, "GET", "/api/units/9999999999999999999") == 404);
	CHECK(parse(&r, "GET", "/api/lookups") == 404);
	CHECK(parse(&r, "DELETE", "/api/stats") == 405);
	CHECK(parse(&r, "GET", "/api/import") == 405);
}

static void
test_routes_static_and_bad(void)
{
	srv_route r;
	char *big;

	REQUIRE(parse(&r, "GET", "/") == 0);
	CHECK(r.kind == SRV_STATIC);
	CHECK_STR(r.file, "index.html");
	srv_route_free(&r);
	REQUIRE(parse(&r, "GET", "/static/app.js") == 0);
	CHECK_STR(r.file, "app.js");
	srv_route_free(&r);
	/* no way out of the table of compiled-in files */
	CHECK(parse(&r, "GET", "/static/../../etc/passwd") == 404);
	CHECK(parse(&r, "GET", "/static/%2e%2e") == 404);
	CHECK(parse(&r, "GET", "/static/a..js") == 404);
	CHECK(parse(&r, "GET", "/static/.hidden") == 404);
	CHECK(parse(&r, "GET", "/etc/passwd") == 404);
	CHECK(parse(&r, "GET", "*") == 400);
	CHECK(parse(&r, "GET", "http://x/") == 400);
	CHECK(parse(&r, "GET", "/a#b") == 400);
	big = malloc(SRV_MAX_TARGET + 10);
	REQUIRE(big);
	memset(big, 'a', SRV_MAX_TARGET + 9);
	big[0] = '/';
	big[SRV_MAX_TARGET + 9] = '\0';
	CHECK(parse(&r, "GET", big) == 414);
	free(big);
}

static void
test_json_answers(void)
{
	srv_resp rs = {0};
	srv_req rq = {0};

	rs.fd = -1;
	srv_error(&rs, 404, "not_found", "no unit %d", 7);
	CHECK(rs.status == 404);
	CHECK_STR(rs.body,
	          "{\"error\":{\"code\":\"not_found\",\"message\":\"no unit 7\"}}");
	CHECK(strstr(rs.ctype, "application/json") != NULL);
	/* a message holding a client's invalid bytes stays valid JSON */
	srv_error(&rs, 400, "invalid", "bad '%s'", "\xff\xfe");
	CHECK(rs.status == 400 && rs.body && strstr(rs.body, "invalid UTF-8"));

	/* JSONP on GET */
	rq.route.method = SRV_GET;
	rq.route.query = strdup("jsoncallback=cb&x=1");
	srv_json(&rs, &rq, 200, json_pack("[{s:s}]", "source", "</script>"));
	CHECK_STR(rs.body, "cb([{\"source\":\"</script>\"}]);");
	CHECK(strstr(rs.ctype, "javascript") != NULL);
	/* never on POST */
	rq.route.method = SRV_POST;
	srv_json(&rs, &rq, 200, json_pack("[]"));
	CHECK_STR(rs.body, "[]");
	/* a callback that is not a name */
	free(rq.route.query);
	rq.route.query = strdup("callback=alert(1)");
	rq.route.method = SRV_GET;
	srv_json(&rs, &rq, 200, json_pack("[]"));
	CHECK(rs.status == 400 && strstr(rs.body, "bad_callback"));
	free(rq.route.query);
	free(rs.body);
}

static void
test_params(void)
{
	srv_req rq = {0};
	srv_resp rs = {0};
	bool bad, miss;
	char *v;

	rq.route.query = strdup("q=from+query&n=3&lang=EN_us");
	rq.json = json_pack("{s:s,s:i,s:b,s:[]}", "q", "from body", "max", 7,
	                    "translit", 1, "list");
	v = srv_param(&rq, "q", &bad);
	CHECK_STR(v, "from body"); /* the body first */
	free(v);
	v = srv_param(&rq, "max", &bad);
	CHECK_STR(v, "7");
	free(v);
	v = srv_param(&rq, "translit", &bad);
	CHECK_STR(v, "1");
	free(v);
	v = srv_param(&rq, "n", &bad);
	CHECK_STR(v, "3"); /* then the query */
	free(v);
	CHECK(!srv_param(&rq, "list", &bad) && bad);
	rs.fd = -1;
	v = srv_lang_param(&rq, &rs, "lang", true, &miss);
	CHECK_STR(v, "en-US");
	tm_free(v);
	CHECK(!srv_lang_param(&rq, &rs, "nope", true, &miss) && miss);
	CHECK(rs.status == 400 && strstr(rs.body, "missing_parameter"));
	json_decref(rq.json);
	free(rq.route.query);
	free(rs.body);
}

int
main(void)
{
	RUN(test_pct_decode);
	RUN(test_query);
	RUN(test_callback);
	RUN(test_routes_amagama);
	RUN(test_routes_api);
	RUN(test_routes_static_and_bad);
	RUN(test_json_answers);
	RUN(test_params);
	return tm_test_done();
}
