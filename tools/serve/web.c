/* SPDX-License-Identifier: MIT */
/* `tm serve`: the files of the web page, compiled into the binary (no
 * file is ever opened for a request). Until the page exists, / answers
 * with a short pointer to the API. */
#include "serve.h"

#include <string.h>

static const char index_html[] =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>tm serve</title></head><body><h1>tm serve</h1>"
        "<p>The translation memory is served here: the amaGama API under "
        "<code>/tmserver/</code> and <code>/api/v1/</code>, the JSON API "
        "under <code>/api/</code> (see docs/serve.md).</p></body></html>\n";

void
srv_web(const srv_req *rq, srv_resp *rs)
{
	if (strcmp(rq->route.file, "index.html") != 0) {
		srv_error(rs, 404, "not_found", "no such file");
		return;
	}
	srv_text(rs, 200, index_html);
	rs->ctype = "text/html; charset=utf-8";
}
