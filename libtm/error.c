/* SPDX-License-Identifier: MIT */
/* The error model: a status code returned, plus a thread-local message. */
#include "tm-private.h"

#include <stdarg.h>
#include <stdio.h>

/* Thread-local because open() and handle-less calls fail too, and callers on
 * different threads must not see each other's messages. */
static _Thread_local char last_error[1024];

const char *
tm_strerror(tm_status st)
{
	switch (st) {
	case TM_OK:
		return "success";
	case TM_DONE:
		return "done";
	case TM_ERROR:
		return "error";
	case TM_ENOMEM:
		return "out of memory";
	case TM_EINVAL:
		return "invalid argument";
	case TM_ENOTFOUND:
		return "not found";
	case TM_EIO:
		return "input/output error";
	case TM_EPARSE:
		return "parse error";
	case TM_EDB:
		return "database error";
	case TM_EUNICODE:
		return "invalid Unicode text";
	case TM_EBUSY:
		return "busy";
	}
	return "unknown status";
}

const char *
tm_errmsg(void)
{
	return last_error;
}

tm_status
tm__error_set(tm_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return st;
}

void
tm__error_clear(void)
{
	last_error[0] = '\0';
}

tm_status
tm__error_oom(void)
{
	return tm__error_set(TM_ENOMEM, "out of memory");
}
