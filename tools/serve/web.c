/* SPDX-License-Identifier: MIT */
/* `tm serve`: the files of the web page (tools/serve/web/), compiled into
 * the binary by gen-web.py: a request names an entry of that table, never
 * a file, and the page works offline (no CDN, no build step). */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

#include "web-assets.h"

void
srv_web(const srv_req *rq, srv_resp *rs)
{
	for (const srv_asset *a = srv_assets; a->name; a++) {
		if (strcmp(a->name, rq->route.file) != 0)
			continue;
		free(rs->body);
		if (!(rs->body = malloc(a->len ? a->len : 1))) {
			srv_error(rs, 500, "internal", "out of memory");
			return;
		}
		memcpy(rs->body, a->data, a->len);
		rs->len = a->len;
		rs->status = 200;
		rs->fd = -1;
		rs->ctype = a->ctype;
		return;
	}
	srv_error(rs, 404, "not_found", "no such file");
}
