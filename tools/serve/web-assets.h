/* SPDX-License-Identifier: MIT */
/* The web page's files, compiled into tm serve by gen-web.py. */
#ifndef TM_SERVE_WEB_ASSETS_H
#define TM_SERVE_WEB_ASSETS_H

#include <stddef.h>

typedef struct srv_asset {
	const char *name;  /* "index.html", "app.js" */
	const char *ctype;
	const unsigned char *data;
	size_t len;
} srv_asset;

/* Ends with an entry whose name is NULL. */
extern const srv_asset srv_assets[];

#endif
