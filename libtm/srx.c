/* SPDX-License-Identifier: MIT */
/* SRX 2.0 segmentation rules: parsing (libxml2) and application (ICU
 * regular expressions, whose syntax is close to Java's). */
#include "segment-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <sys/stat.h>

/* An SRX file is a few kilobytes of rules; a bigger one is refused. */
#define SRX_MAX_BYTES (4 * 1024 * 1024)
/* ICU's bounds on one match: steps of its engine (about a millisecond
 * each: a match of a sane rule takes microseconds) and stack bytes. */
#define SRX_TIME_LIMIT 1000
#define SRX_STACK_LIMIT (8 * 1024 * 1024)

typedef struct srx_rule {
	bool brk;
	char *before; /* UTF-8 pattern text, may be "" */
	char *after;
	long line;
} srx_rule;

typedef struct srx_langrule {
	char *name;
	srx_rule *rules;
	size_t n, cap;
} srx_langrule;

typedef struct srx_map {
	char *pattern;
	size_t rule; /* index into langrules */
	long line;
} srx_map;

struct tm__srx {
	char *path;
	bool cascade;
	bool icu;
	srx_langrule *lr;
	size_t nlr, lr_cap;
	srx_map *maps;
	size_t nmaps, maps_cap;
};

typedef struct srx_compiled {
	URegularExpression *re;
	bool brk;
	long line; /* of its <rule> */
} srx_compiled;

struct tm__srx_rules {
	char *path; /* the SRX file, for messages */
	bool icu;
	srx_compiled *c;
	size_t n;
};

/* ---- parsing ---- */

static bool
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *copy;

	if (!v)
		return NULL;
	copy = tm__strdup((const char *)v);
	xmlFree(v);
	return copy;
}

static bool
attr_yes(const xmlNode *n, const char *name, bool dflt)
{
	char *v = attr(n, name);
	bool yes = dflt;

	if (v) {
		yes = strcmp(v, "yes") == 0 || strcmp(v, "true") == 0;
		tm__free(v);
	}
	return yes;
}

static char *
text_of(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *copy = tm__strdup(v ? (const char *)v : "");

	if (v)
		xmlFree(v);
	return copy;
}

void
tm__srx_free(tm__srx *srx)
{
	if (!srx)
		return;
	for (size_t i = 0; i < srx->nlr; i++) {
		for (size_t k = 0; k < srx->lr[i].n; k++) {
			tm__free(srx->lr[i].rules[k].before);
			tm__free(srx->lr[i].rules[k].after);
		}
		tm__free(srx->lr[i].rules);
		tm__free(srx->lr[i].name);
	}
	tm__free(srx->lr);
	for (size_t i = 0; i < srx->nmaps; i++)
		tm__free(srx->maps[i].pattern);
	tm__free(srx->maps);
	tm__free(srx->path);
	tm__free(srx);
}

static tm_status
parse_error(const tm__srx *srx, const xmlNode *n, const char *what,
            const char *detail)
{
	return tm__error_set(TM_EPARSE, "srx: %s:%ld:1: %s%s", srx->path,
	                     n ? xmlGetLineNo(n) : 1L, what, detail ? detail : "");
}

static tm_status
parse_languagerule(tm__srx *srx, const xmlNode *node)
{
	srx_langrule *lr;

	if (!TM__ARRAY_GROW(srx->lr, srx->lr_cap, srx->nlr + 1, 16))
		return tm__error_oom();
	lr = &srx->lr[srx->nlr];
	memset(lr, 0, sizeof(*lr));
	lr->name = attr(node, "languagerulename");
	if (!lr->name)
		return parse_error(srx, node, "<languagerule> lacks "
		                   "languagerulename", NULL);
	srx->nlr++;
	for (const xmlNode *r = node->children; r; r = r->next) {
		srx_rule *rule;

		if (!is_elem(r, "rule"))
			continue;
		if (!TM__ARRAY_GROW(lr->rules, lr->cap, lr->n + 1, 16))
			return tm__error_oom();
		rule = &lr->rules[lr->n++];
		memset(rule, 0, sizeof(*rule));
		rule->brk = attr_yes(r, "break", true);
		rule->line = xmlGetLineNo(r);
		for (const xmlNode *c = r->children; c; c = c->next) {
			if (is_elem(c, "beforebreak")) {
				tm__free(rule->before);
				rule->before = text_of(c);
			} else if (is_elem(c, "afterbreak")) {
				tm__free(rule->after);
				rule->after = text_of(c);
			}
		}
		if (!rule->before)
			rule->before = tm__strdup("");
		if (!rule->after)
			rule->after = tm__strdup("");
		if (!rule->before || !rule->after)
			return tm__error_oom();
		if (!*rule->before && !*rule->after)
			return parse_error(srx, r, "<rule> has neither "
			                   "<beforebreak> nor <afterbreak>",
			                   NULL);
	}
	return TM_OK;
}

static tm_status
parse_maps(tm__srx *srx, const xmlNode *node)
{
	tm_status st;

	for (const xmlNode *m = node->children; m; m = m->next) {
		char *name;
		srx_map *map;
		size_t i;

		if (is_elem(m, "maprule")) { /* SRX 1.0 nesting */
			st = parse_maps(srx, m);
			if (st < 0)
				return st;
			continue;
		}
		if (!is_elem(m, "languagemap"))
			continue;
		name = attr(m, "languagerulename");
		if (!name)
			return parse_error(srx, m, "<languagemap> lacks "
			                   "languagerulename", NULL);
		for (i = 0; i < srx->nlr; i++)
			if (strcmp(srx->lr[i].name, name) == 0)
				break;
		tm__free(name);
		if (i == srx->nlr)
			return parse_error(srx, m, "<languagemap> names an "
			                   "unknown <languagerule>", NULL);
		if (!TM__ARRAY_GROW(srx->maps, srx->maps_cap, srx->nmaps + 1,
		                    16))
			return tm__error_oom();
		map = &srx->maps[srx->nmaps];
		map->pattern = attr(m, "languagepattern");
		map->rule = i;
		map->line = xmlGetLineNo(m);
		if (!map->pattern)
			return parse_error(srx, m, "<languagemap> lacks "
			                   "languagepattern", NULL);
		srx->nmaps++;
	}
	return TM_OK;
}

/* Collects the first libxml2 error with its position. */
typedef struct xml_err {
	int line, col;
	char msg[256];
	bool set;
} xml_err;

static void
on_xml_error(void *ctx, const xmlError *e)
{
	xml_err *x = ctx;
	size_t n;

	if (x->set || !e || e->level < XML_ERR_ERROR)
		return;
	x->set = true;
	x->line = e->line;
	x->col = e->int2;
	snprintf(x->msg, sizeof(x->msg), "%s", e->message ? e->message : "");
	n = strlen(x->msg);
	while (n > 0 && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
}

/* libxml2 2.12 made the error argument const. */
#if LIBXML_VERSION >= 21200
static void
on_xml_error_compat(void *ctx, const xmlError *e)
#else
static void
on_xml_error_compat(void *ctx, xmlErrorPtr e)
#endif
{
	on_xml_error(ctx, e);
}

/* SRX needs no DTD and no entity: a DOCTYPE stops the parser where it
 * starts, before any declaration in it is read, as the TMX reader refuses
 * entity declarations (a billion-laughs SRX took gigabytes and a minute,
 * then ran with an empty rule). */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
           const xmlChar *sys)
{
	xmlParserCtxtPtr c = ctx;
	xml_err *x = c->_private;

	(void)name;
	(void)ext;
	(void)sys;
	if (x && !x->set) {
		x->set = true;
		x->line = c->input ? c->input->line : 1;
		x->col = c->input ? c->input->col : 1;
		snprintf(x->msg, sizeof(x->msg),
		         "a DTD (<!DOCTYPE>) is not allowed in SRX");
	}
	xmlStopParser(c);
}

tm_status
tm__srx_load(tm__srx **out, const char *path)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNode *root;
	xml_err xe;
	tm__srx *srx;
	tm_status st = TM_OK;
	struct stat sb;
	FILE *probe;

	*out = NULL;
	probe = fopen(path, "rb");
	if (!probe)
		return tm__error_set(errno == ENOENT ? TM_ENOTFOUND : TM_EIO,
		                     "srx: %s: %s", path, strerror(errno));
	if (fstat(fileno(probe), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size > SRX_MAX_BYTES) {
		fclose(probe);
		return tm__error_set(TM_EPARSE,
		                     "srx: %s: %lld bytes, more than an SRX "
		                     "file may have (%d)",
		                     path, (long long)sb.st_size, SRX_MAX_BYTES);
	}
	fclose(probe);
	memset(&xe, 0, sizeof(xe));
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return tm__error_oom();
	ctxt->_private = &xe;
	ctxt->sax->internalSubset = on_doctype;
	xmlSetStructuredErrorFunc(&xe, on_xml_error_compat);
	/* Without XML_PARSE_HUGE: libxml2's limits on depth (256), text
	 * size (10 MB) and entity amplification stay on. */
	doc = xmlCtxtReadFile(ctxt, path, NULL,
	                      XML_PARSE_NONET | XML_PARSE_NOERROR |
	                              XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc || !ctxt->wellFormed || xe.set) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);

		if (!xe.set && e)
			on_xml_error(&xe, e);
		st = tm__error_set(TM_EPARSE, "srx: %s:%d:%d: %s", path,
		                   xe.set ? xe.line : 1, xe.set ? xe.col : 1,
		                   xe.set ? xe.msg : "not well-formed XML");
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return st;
	}
	xmlFreeParserCtxt(ctxt);
	srx = tm__calloc(1, sizeof(*srx));
	if (!srx || !(srx->path = tm__strdup(path))) {
		tm__free(srx);
		xmlFreeDoc(doc);
		return tm__error_oom();
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !is_elem(root, "srx")) {
		st = parse_error(srx, root, "the root element is not <srx>",
		                 NULL);
		goto done;
	}
	for (xmlNode *n = root->children; n && st == TM_OK; n = n->next) {
		if (is_elem(n, "header")) {
			srx->cascade = attr_yes(n, "cascade", true);
			for (xmlNode *h = n->children; h; h = h->next)
				if (is_elem(h, "options"))
					srx->icu = attr_yes(
					        h, "useIcu4jBreakRules", false);
		} else if (is_elem(n, "body")) {
			for (xmlNode *b = n->children; b && st == TM_OK;
			     b = b->next) {
				if (!is_elem(b, "languagerules"))
					continue;
				for (xmlNode *l = b->children;
				     l && st == TM_OK; l = l->next)
					if (is_elem(l, "languagerule"))
						st = parse_languagerule(srx, l);
			}
			for (xmlNode *b = n->children; b && st == TM_OK;
			     b = b->next)
				if (is_elem(b, "maprules"))
					st = parse_maps(srx, b);
		}
	}
	if (st == TM_OK && srx->nlr == 0)
		st = parse_error(srx, root, "no <languagerule> in the file",
		                 NULL);
done:
	xmlFreeDoc(doc);
	if (st < 0) {
		tm__srx_free(srx);
		return st;
	}
	*out = srx;
	return TM_OK;
}

/* ---- compiling and applying ---- */

void
tm__srx_rules_free(tm__srx_rules *rules)
{
	if (!rules)
		return;
	for (size_t i = 0; i < rules->n; i++)
		uregex_close(rules->c[i].re);
	tm__free(rules->c);
	tm__free(rules->path);
	tm__free(rules);
}

bool
tm__srx_uses_icu(const tm__srx_rules *rules)
{
	return rules && rules->icu;
}

/* Java accepts "+" and "*" inside a look-behind when it can bound them;
 * ICU wants an explicit bound. Rewrite them as {1,64} and {0,64} inside
 * (?<= ) and (?<! ) groups. Returns a new string (tm__free()) or NULL. */
static char *
java_to_icu(const char *src)
{
	size_t n = strlen(src), k = 0;
	char *out = tm__malloc(n * 6 + 1);
	int depth = 0, lb_depth = -1;
	bool in_class = false;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = src[i];

		if (c == '\\' && i + 1 < n) {
			out[k++] = c;
			out[k++] = src[++i];
			continue;
		}
		if (in_class) {
			if (c == ']')
				in_class = false;
			out[k++] = c;
			continue;
		}
		if (c == '[') {
			in_class = true;
		} else if (c == '(') {
			if (lb_depth < 0 && i + 3 < n && src[i + 1] == '?' &&
			    src[i + 2] == '<' &&
			    (src[i + 3] == '=' || src[i + 3] == '!'))
				lb_depth = depth;
			depth++;
		} else if (c == ')') {
			depth--;
			if (depth == lb_depth)
				lb_depth = -1;
		} else if (lb_depth >= 0 && (c == '+' || c == '*') &&
		           !(i > 0 && (src[i - 1] == '+' || src[i - 1] == '*' ||
		                       src[i - 1] == '?' || src[i - 1] == '}'))) {
			const char *rep = c == '+' ? "{1,64}" : "{0,64}";

			memcpy(out + k, rep, 6);
			k += 6;
			continue;
		}
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

static tm_status
compile(URegularExpression **out, const tm__srx *srx, long line,
        const char *what, const char *src)
{
	UParseError pe;
	UErrorCode err = U_ZERO_ERROR;
	char *icu = java_to_icu(src);

	if (!icu)
		return tm__error_oom();
	*out = uregex_openC(icu, 0, &pe, &err);
	tm__free(icu);
	if (U_FAILURE(err))
		return tm__error_set(TM_EPARSE, "srx: %s:%ld:1: bad regular "
		                     "expression in %s '%s': %s at offset %d",
		                     srx->path, line, what, src,
		                     u_errorName(err), pe.offset);
	/* A rule like (a+)+$ backtracks exponentially: bound each match
	 * (ICU's steps, on the order of a millisecond each) and the
	 * backtracking stack, and fail naming the rule. */
	uregex_setTimeLimit(*out, SRX_TIME_LIMIT, &err);
	uregex_setStackLimit(*out, SRX_STACK_LIMIT, &err);
	if (U_FAILURE(err)) {
		uregex_close(*out);
		*out = NULL;
		return tm__error_set(TM_ERROR, "srx: %s:%ld:1: %s: %s",
		                     srx->path, line, what, u_errorName(err));
	}
	return TM_OK;
}

static bool
lang_matches(const char *pattern, const char *lang, tm_status *st,
             const tm__srx *srx, long line)
{
	URegularExpression *re = NULL;
	UErrorCode err = U_ZERO_ERROR;
	UChar u[64];
	bool yes;

	*st = compile(&re, srx, line, "languagepattern", pattern);
	if (*st < 0)
		return false;
	u_uastrncpy(u, lang, 63);
	u[63] = 0;
	uregex_setText(re, u, u_strlen(u), &err);
	yes = U_SUCCESS(err) && uregex_matches(re, 0, &err) && U_SUCCESS(err);
	uregex_close(re);
	if (err == U_REGEX_TIME_OUT || err == U_REGEX_STACK_OVERFLOW) {
		*st = tm__error_set(TM_ERROR,
		                    "srx: %s:%ld:1: languagepattern '%s' %s on "
		                    "'%s'",
		                    srx->path, line, pattern,
		                    err == U_REGEX_TIME_OUT
		                            ? "takes too long"
		                            : "needs too deep a stack",
		                    lang);
		return false;
	}
	return yes;
}

tm_status
tm__srx_select(tm__srx_rules **out, const tm__srx *srx, const char *lang)
{
	tm__srx_rules *r;
	size_t total = 0;
	bool *use;
	tm_status st = TM_OK;

	*out = NULL;
	use = tm__calloc(srx->nlr + 1, sizeof(*use));
	r = tm__calloc(1, sizeof(*r));
	if (!use || !r) {
		tm__free(use);
		tm__free(r);
		return tm__error_oom();
	}
	r->icu = srx->icu;
	if (!(r->path = tm__strdup(srx->path))) {
		st = tm__error_oom();
		goto fail;
	}
	for (size_t i = 0; i < srx->nmaps; i++) {
		if (!lang_matches(srx->maps[i].pattern, lang, &st, srx,
		                  srx->maps[i].line)) {
			if (st < 0)
				goto fail;
			continue;
		}
		if (!use[srx->maps[i].rule]) {
			use[srx->maps[i].rule] = true;
			total += srx->lr[srx->maps[i].rule].n;
		}
		if (!srx->cascade)
			break;
	}
	r->c = tm__calloc(total + 1, sizeof(*r->c));
	if (!r->c) {
		st = tm__error_oom();
		goto fail;
	}
	/* In the order of the maps: the first matching rule decides. */
	for (size_t i = 0; i < srx->nmaps; i++) {
		const srx_langrule *lr = &srx->lr[srx->maps[i].rule];

		if (!use[srx->maps[i].rule])
			continue;
		use[srx->maps[i].rule] = false;
		for (size_t k = 0; k < lr->n; k++) {
			const srx_rule *rule = &lr->rules[k];
			size_t len = strlen(rule->before) +
			             strlen(rule->after) + 16;
			char *src = tm__malloc(len);

			if (!src) {
				st = tm__error_oom();
				goto fail;
			}
			/* The break is where the before-part ends and the
			 * after-part, looked ahead, begins. */
			if (*rule->after)
				snprintf(src, len, "(?:%s)(?=%s)",
				         rule->before, rule->after);
			else
				snprintf(src, len, "(?:%s)", rule->before);
			st = compile(&r->c[r->n].re, srx, rule->line,
			             "<rule>", src);
			tm__free(src);
			if (st < 0)
				goto fail;
			r->c[r->n].brk = rule->brk;
			r->c[r->n].line = rule->line;
			r->n++;
		}
	}
	tm__free(use);
	*out = r;
	return TM_OK;
fail:
	tm__free(use);
	tm__srx_rules_free(r);
	return st;
}

tm_status
tm__srx_apply(tm__srx_rules *rules, const UChar *s, int32_t len,
              signed char *dec)
{
	memset(dec, 0, (size_t)len + 1);
	for (size_t i = 0; i < rules->n; i++) {
		URegularExpression *re = rules->c[i].re;
		UErrorCode err = U_ZERO_ERROR;
		signed char v = rules->c[i].brk ? 1 : -1;

		/* a scan of a long text is long too: the bound grows with it
		 * (a tick is 10,000 steps of ICU's engine) */
		uregex_setTimeLimit(re, SRX_TIME_LIMIT + len / 1000, &err);
		uregex_setText(re, s, len, &err);
		while (U_SUCCESS(err) && uregex_findNext(re, &err)) {
			int32_t p = uregex_end(re, 0, &err);

			if (U_SUCCESS(err) && p > 0 && p <= len && !dec[p])
				dec[p] = v;
		}
		if (err == U_REGEX_TIME_OUT || err == U_REGEX_STACK_OVERFLOW)
			return tm__error_set(
			        TM_ERROR,
			        "srx: %s:%ld:1: the <rule> %s on a text of %d "
			        "characters (catastrophic backtracking?)",
			        rules->path, rules->c[i].line,
			        err == U_REGEX_TIME_OUT ? "takes too long"
			                                : "needs too deep a stack",
			        (int)len);
		if (U_FAILURE(err))
			return tm__error_set(TM_ERROR, "srx: %s:%ld:1: matching "
			                     "the <rule>: %s", rules->path,
			                     rules->c[i].line, u_errorName(err));
	}
	return TM_OK;
}
