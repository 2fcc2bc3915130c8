/* SPDX-License-Identifier: MIT */
/* libtm._libtm: the CPython glue of the Python bindings (python/libtm/ is
 * the Pythonic surface). Deliberately thin: each function converts its
 * arguments, calls one or two entries of <tm/...h> with the GIL released
 * when the call can be long, and converts the result to tuples, lists and
 * dicts. Objects, names and defaults are the business of the .py files,
 * so that renaming a C entry touches one line here. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <string.h>

#include "tm/tm.h"

/* ---- errors ----------------------------------------------------------- */

/* libtm.Error and one subclass per tm_status family; index: -status. */
static PyObject *Error;
static PyObject *status_exc[11];

static PyObject *
raise_status(tm_status st)
{
	PyObject *cls = Error, *args, *exc;
	const char *msg = tm_errmsg();

	if (st == -1000) { /* TM_CLOSED: closed by another thread */
		PyErr_SetString(PyExc_ValueError, "operation on a closed TM");
		return NULL;
	}

	if (st < 0 && -st < (int)(sizeof(status_exc) / sizeof(*status_exc)) &&
	    status_exc[-st])
		cls = status_exc[-st];
	if (!msg || !*msg)
		msg = tm_strerror(st);
	args = Py_BuildValue("(si)", msg, (int)st);
	if (!args)
		return NULL;
	exc = PyObject_Call(cls, args, NULL);
	Py_DECREF(args);
	if (!exc)
		return NULL;
	PyErr_SetObject(cls, exc);
	Py_DECREF(exc);
	return NULL;
}

/* ---- helpers ---------------------------------------------------------- */

static PyObject *
str_or_none(const char *s)
{
	if (!s)
		Py_RETURN_NONE;
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* A str made of @res, which is freed (tm_free()). */
static PyObject *
str_take(char *res)
{
	PyObject *out = PyUnicode_FromString(res);

	tm_free(res);
	return out;
}

/* Put @x, a new reference or NULL after a failed conversion, at @i of the
 * list *@l (PyList_New()); on NULL the list is released and *@l cleared,
 * so a loop on `*l &&` stops there, the Python error set. */
static void
list_set(PyObject **l, size_t i, PyObject *x)
{
	if (!x) {
		Py_CLEAR(*l);
		return;
	}
	PyList_SET_ITEM(*l, (Py_ssize_t)i, x);
}

/* Append @x, a new reference or NULL after a failed conversion, to list
 * @l and release it: 0, or -1 with a Python error set. */
static int
list_append_steal(PyObject *l, PyObject *x)
{
	int rc = x ? PyList_Append(l, x) : -1;

	Py_XDECREF(x);
	return rc;
}

/* Set @key of dict @d to @x, a new reference or NULL, and release it: 0,
 * or -1 with a Python error set. */
static int
dict_set_steal(PyObject *d, const char *key, PyObject *x)
{
	int rc = x ? PyDict_SetItemString(d, key, x) : -1;

	Py_XDECREF(x);
	return rc;
}

/* A tuple of @n strings (a match's or hit's origins). */
static PyObject *
str_tuple(const char *const *v, size_t n)
{
	PyObject *t = PyTuple_New((Py_ssize_t)n);

	for (size_t i = 0; t && i < n; i++) {
		PyObject *x = str_or_none(v[i]);

		if (!x) {
			Py_CLEAR(t);
			break;
		}
		PyTuple_SET_ITEM(t, (Py_ssize_t)i, x);
	}
	return t;
}

/* A NULL-terminated array of UTF-8 strings from a sequence of str (or
 * NULL for None). The strings are borrowed from @keep (the sequence made
 * a list), which the caller releases after the call. */
static const char **
str_array(PyObject *seq, PyObject **keep)
{
	Py_ssize_t n;
	const char **v;

	*keep = NULL;
	if (seq == Py_None)
		return NULL;
	if (PyUnicode_Check(seq)) {
		PyErr_SetString(PyExc_TypeError,
		                "expected a sequence of language tags, not str");
		return NULL;
	}
	*keep = PySequence_List(seq);
	if (!*keep)
		return NULL;
	n = PyList_GET_SIZE(*keep);
	v = PyMem_Calloc((size_t)n + 1, sizeof(*v));
	if (!v) {
		PyErr_NoMemory();
		return NULL;
	}
	for (Py_ssize_t i = 0; i < n; i++) {
		v[i] = PyUnicode_AsUTF8(PyList_GET_ITEM(*keep, i));
		if (!v[i]) {
			PyMem_Free(v);
			return NULL;
		}
	}
	return v;
}

/* Character offsets from the byte offsets of UTF-8 @s: count code points
 * (bytes that are not continuation bytes) from the last position. */
static size_t
chars_between(const char *s, size_t from, size_t to)
{
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* ---- segment, translit ------------------------------------------------ */

static PyObject *
py_segment(PyObject *self, PyObject *args)
{
	const char *text, *lang, *srx = NULL;
	Py_ssize_t len;
	int preseg = 0;
	tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;
	tm_segmenter *seg = NULL;
	tm_segment_list *l = NULL;
	tm_status st;
	PyObject *out;
	size_t pos = 0, cpos = 0;

	if (!PyArg_ParseTuple(args, "s#s|zp", &text, &len, &lang, &srx, &preseg))
		return NULL;
	o.srx_path = srx;
	o.flags = preseg ? TM_SEG_FLAG_PRESEGMENTED : 0;
	Py_BEGIN_ALLOW_THREADS
	st = tm_segmenter_new(&seg, lang, &o);
	if (st >= 0)
		st = tm_segment_text(&l, seg, text, (size_t)len);
	tm_segmenter_free(seg);
	Py_END_ALLOW_THREADS
	if (st < 0)
		return raise_status(st);
	out = PyList_New((Py_ssize_t)tm_segment_list_count(l));
	for (size_t i = 0; out && i < tm_segment_list_count(l); i++) {
		const tm_segment *s = tm_segment_list_get(l, i);

		if (s->offset < pos)
			pos = cpos = 0;
		cpos += chars_between(text, pos, s->offset);
		pos = s->offset;
		list_set(&out, i,
		         Py_BuildValue("(s#nIs)", s->text, (Py_ssize_t)s->len,
		                       (Py_ssize_t)cpos, s->paragraph,
		                       tm_seg_kind_name(s->kind)));
	}
	tm_segment_list_free(l);
	return out;
}

/* segment_kinds(texts, lang): the kind of each of a list of sentences a
 * caller split itself, taken whole (tm_segment_kind()), as names. */
static PyObject *
py_segment_kinds(PyObject *self, PyObject *args)
{
	PyObject *texts, *out;
	const char *lang;
	tm_segmenter *seg = NULL;
	tm_status st;
	Py_ssize_t n;

	if (!PyArg_ParseTuple(args, "O!s", &PyList_Type, &texts, &lang))
		return NULL;
	if ((st = tm_segmenter_new(&seg, lang, NULL)) < 0)
		return raise_status(st);
	n = PyList_GET_SIZE(texts);
	out = PyList_New(n);
	for (Py_ssize_t i = 0; out && i < n; i++) {
		Py_ssize_t len;
		const char *t = PyUnicode_AsUTF8AndSize(
		        PyList_GET_ITEM(texts, i), &len);
		tm_seg_kind kind;

		if (!t) {
			Py_CLEAR(out);
			break;
		}
		if ((st = tm_segment_kind(&kind, seg, t, (size_t)len)) < 0) {
			Py_CLEAR(out);
			raise_status(st);
			break;
		}
		list_set(&out, (size_t)i,
		         PyUnicode_FromString(tm_seg_kind_name(kind)));
	}
	tm_segmenter_free(seg);
	return out;
}

static PyObject *
py_translit(PyObject *self, PyObject *args)
{
	const char *text, *lang;
	Py_ssize_t len;
	int key = 0;
	tm_translit *tr = NULL;
	char *res = NULL;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s#z|p", &text, &len, &lang, &key))
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	st = tm_translit_new(&tr, lang, 0);
	if (st >= 0)
		st = key ? tm_translit_key(&res, tr, text, (size_t)len)
		         : tm_translit_text(&res, tr, text, (size_t)len);
	tm_translit_free(tr);
	Py_END_ALLOW_THREADS
	return st < 0 ? raise_status(st) : str_take(res);
}

static PyObject *
py_normalize_lang(PyObject *self, PyObject *args)
{
	const char *tag;
	char *res = NULL;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s", &tag))
		return NULL;
	st = tm_lang_normalize(&res, tag);
	return st < 0 ? raise_status(st) : str_take(res);
}

static PyObject *
py_validate_lang(PyObject *self, PyObject *args)
{
	const char *tag;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s", &tag))
		return NULL;
	st = tm_lang_validate(tag);
	if (st < 0)
		return raise_status(st);
	Py_RETURN_NONE;
}

static PyObject *
py_check_text_lang(PyObject *self, PyObject *args)
{
	const char *tag, *text;
	Py_ssize_t len;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s#s", &text, &len, &tag))
		return NULL;
	st = tm_lang_check_text(tag, text, (size_t)len);
	if (st < 0)
		return raise_status(st);
	Py_RETURN_NONE;
}

/* ---- align ------------------------------------------------------------ */

/* Sentences from a list of (text, paragraph, apart) tuples, apart as
 * tm_align_run_apart() takes it (0 aligned, 1 never linked, 2-255 a class
 * of furniture); texts are borrowed from @list. *@apart is NULL when no
 * sentence is kept apart. */
static tm_align_sentence *
align_side(PyObject *list, size_t *n, unsigned char **apart)
{
	Py_ssize_t k = PyList_GET_SIZE(list);
	tm_align_sentence *v = PyMem_Calloc((size_t)k + 1, sizeof(*v));
	unsigned char *a = PyMem_Calloc((size_t)k + 1, 1);
	int any = 0;

	if (!v || !a) {
		PyMem_Free(v);
		PyMem_Free(a);
		PyErr_NoMemory();
		return NULL;
	}
	for (Py_ssize_t i = 0; i < k; i++) {
		PyObject *t = PyList_GET_ITEM(list, i);
		Py_ssize_t len;
		unsigned int para;
		unsigned char ap;

		if (!PyArg_ParseTuple(t, "s#Ib", &v[i].text, &len, &para,
		                      &ap)) {
			PyMem_Free(v);
			PyMem_Free(a);
			return NULL;
		}
		v[i].len = (size_t)len;
		v[i].paragraph = para;
		a[i] = (unsigned char)ap;
		any |= ap;
	}
	*n = (size_t)k;
	if (!any) {
		PyMem_Free(a);
		a = NULL;
	}
	*apart = a;
	return v;
}

static PyObject *
py_align(PyObject *self, PyObject *args)
{
	PyObject *sl, *tl, *out = NULL, *links;
	const char *sp, *tp;
	int realign = 1, check = 1;
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;
	tm_align_sentence *s = NULL, *t = NULL;
	unsigned char *sa = NULL, *ta = NULL;
	size_t ns = 0, nt = 0;
	tm_aligner *al = NULL;
	tm_align_result *r = NULL;
	tm_status st;

	if (!PyArg_ParseTuple(args, "O!O!ss|pp", &PyList_Type, &sl, &PyList_Type,
	                      &tl, &sp, &tp, &realign, &check))
		return NULL;
	s = align_side(sl, &ns, &sa);
	if (s)
		t = align_side(tl, &nt, &ta);
	if (!t)
		goto out;
	if (!realign)
		o.flags |= TM_ALIGN_NO_REALIGN;
	Py_BEGIN_ALLOW_THREADS
	st = tm_aligner_new(&al, sp, tp, &o);
	if (st >= 0 && check)
		st = tm_align_check_script(s, ns, sp);
	if (st >= 0 && check)
		st = tm_align_check_script(t, nt, tp);
	if (st >= 0)
		st = tm_align_run_apart(&r, al, s, ns, sa, t, nt, ta);
	tm_aligner_free(al);
	Py_END_ALLOW_THREADS
	if (st < 0) {
		raise_status(st);
		goto out;
	}
	links = PyList_New((Py_ssize_t)tm_align_result_count(r));
	for (size_t i = 0; links && i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		list_set(&links, i,
		         Py_BuildValue("(nnnndd)", (Py_ssize_t)l->src,
		                       (Py_ssize_t)l->nsrc, (Py_ssize_t)l->tgt,
		                       (Py_ssize_t)l->ntgt, l->confidence,
		                       l->cost));
	}
	if (links)
		out = Py_BuildValue("(Ndi)", links, tm_align_result_score(r),
		                    (int)tm_align_result_verdict(r));
out:
	tm_align_result_free(r);
	PyMem_Free(s);
	PyMem_Free(t);
	PyMem_Free(sa);
	PyMem_Free(ta);
	return out;
}

/* ---- check ------------------------------------------------------------ */

/* A glossary from None, a path (str) or a sequence of (en, ko, ru) with
 * None for a missing form. *@out is NULL for None. */
static int
glossary_from(tm_glossary **out, PyObject *g)
{
	tm_status st;
	PyObject *list;

	*out = NULL;
	if (g == Py_None)
		return 0;
	st = tm_glossary_new(out);
	if (st < 0) {
		raise_status(st);
		return -1;
	}
	if (PyUnicode_Check(g) || PyBytes_Check(g)) {
		PyObject *p = NULL;

		if (!PyUnicode_FSConverter(g, &p))
			goto fail;
		Py_BEGIN_ALLOW_THREADS
		st = tm_glossary_load(NULL, *out, PyBytes_AS_STRING(p));
		Py_END_ALLOW_THREADS
		Py_DECREF(p);
		if (st < 0) {
			raise_status(st);
			goto fail;
		}
		return 0;
	}
	list = PySequence_List(g);
	if (!list)
		goto fail;
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
		const char *en, *ko, *ru;

		if (!PyArg_ParseTuple(PyList_GET_ITEM(list, i), "zzz", &en, &ko,
		                      &ru)) {
			Py_DECREF(list);
			goto fail;
		}
		st = tm_glossary_add(*out, en, ko, ru);
		if (st < 0) {
			Py_DECREF(list);
			raise_status(st);
			goto fail;
		}
	}
	Py_DECREF(list);
	return 0;
fail:
	tm_glossary_free(*out);
	*out = NULL;
	return -1;
}

static PyObject *
float_or_none(double v)
{
	if (v != v) /* NAN: no value */
		Py_RETURN_NONE;
	return PyFloat_FromDouble(v);
}

/* (start, end) in characters of @text, or None without a span. */
static PyObject *
span_chars(const char *text, size_t start, size_t len)
{
	size_t a, b;

	if (!len || !text)
		Py_RETURN_NONE;
	a = chars_between(text, 0, start);
	b = a + chars_between(text, start, start + len);
	return Py_BuildValue("(nn)", (Py_ssize_t)a, (Py_ssize_t)b);
}

static PyObject *
findings(tm_check_list *l)
{
	PyObject *out = PyList_New((Py_ssize_t)tm_check_list_count(l));

	for (size_t i = 0; out && i < tm_check_list_count(l); i++) {
		const tm_check_finding *f = tm_check_list_get(l, i);

		list_set(&out, i, Py_BuildValue(
		        "(ssnnnnnnnNNNNNNNNL)", tm_check_kind_name(f->kind),
		        tm_check_severity_name(f->severity), (Py_ssize_t)f->pair,
		        (Py_ssize_t)f->src_first, (Py_ssize_t)f->src_count,
		        (Py_ssize_t)f->tgt_first, (Py_ssize_t)f->tgt_count,
		        (Py_ssize_t)f->src_line, (Py_ssize_t)f->tgt_line,
		        span_chars(f->src_text, f->src_start, f->src_len),
		        span_chars(f->tgt_text, f->tgt_start, f->tgt_len),
		        float_or_none(f->src_value), float_or_none(f->tgt_value),
		        str_or_none(f->message), str_or_none(f->src_text),
		        str_or_none(f->tgt_text), str_or_none(f->group), f->id));
	}
	return out;
}

/* A checker for @sl -> @tl with @flags, @sev (a name) and @g. */
static tm_checker *
checker_from(const char *sl, const char *tl, unsigned flags, const char *sev,
             tm_glossary *g)
{
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck = NULL;
	tm_status st;

	o.flags = flags;
	o.glossary = g;
	st = tm_check_severity_parse(&o.min_severity, sev);
	if (st >= 0) {
		Py_BEGIN_ALLOW_THREADS
		st = tm_checker_new(&ck, sl, tl, &o);
		Py_END_ALLOW_THREADS
	}
	if (st < 0)
		raise_status(st);
	return ck;
}

/* check_texts(src, tgt, src_lang, tgt_lang, flags, min_severity,
 * glossary) */
static PyObject *
py_check_texts(PyObject *self, PyObject *args)
{
	const char *src, *tgt, *sl, *tl, *sev;
	Py_ssize_t ns, nt;
	unsigned int flags;
	PyObject *gobj, *out = NULL;
	tm_glossary *g = NULL;
	tm_checker *ck;
	tm_check_list *l = NULL;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s#s#ssIsO", &src, &ns, &tgt, &nt, &sl, &tl,
	                      &flags, &sev, &gobj))
		return NULL;
	if (glossary_from(&g, gobj) < 0)
		return NULL;
	ck = checker_from(sl, tl, flags, sev, g);
	if (ck) {
		Py_BEGIN_ALLOW_THREADS
		st = tm_check_texts(&l, ck, src, (size_t)ns, tgt, (size_t)nt);
		Py_END_ALLOW_THREADS
		out = st < 0 ? raise_status(st) : findings(l);
	}
	tm_check_list_free(l);
	tm_checker_free(ck);
	tm_glossary_free(g);
	return out;
}

/* check_pairs([(src, tgt, group, id)], src_lang, tgt_lang, flags,
 * min_severity, glossary) */
static PyObject *
py_check_pairs(PyObject *self, PyObject *args)
{
	const char *sl, *tl, *sev;
	unsigned int flags;
	PyObject *pl, *gobj, *out = NULL;
	tm_glossary *g = NULL;
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	tm_check_pair *v;
	Py_ssize_t n;
	tm_status st;

	if (!PyArg_ParseTuple(args, "O!ssIsO", &PyList_Type, &pl, &sl, &tl,
	                      &flags, &sev, &gobj))
		return NULL;
	n = PyList_GET_SIZE(pl);
	v = PyMem_Calloc((size_t)n + 1, sizeof(*v));
	if (!v)
		return PyErr_NoMemory();
	for (Py_ssize_t i = 0; i < n; i++) {
		if (!PyArg_ParseTuple(PyList_GET_ITEM(pl, i), "sszL", &v[i].src,
		                      &v[i].tgt, &v[i].group, &v[i].id))
			goto out;
	}
	if (glossary_from(&g, gobj) < 0)
		goto out;
	ck = checker_from(sl, tl, flags, sev, g);
	if (ck) {
		Py_BEGIN_ALLOW_THREADS
		st = tm_check_pairs(&l, ck, v, (size_t)n);
		Py_END_ALLOW_THREADS
		out = st < 0 ? raise_status(st) : findings(l);
	}
out:
	tm_check_list_free(l);
	tm_checker_free(ck);
	tm_glossary_free(g);
	PyMem_Free(v);
	return out;
}

/* ---- the TM handle ---------------------------------------------------- */

/* A tm_db is used by one thread at a time: every call holds the handle's
 * lock, taken with the GIL released (two handles run in parallel, two
 * threads on one handle take turns). */
typedef struct {
	PyObject_HEAD
	tm_db *db;
	PyThread_type_lock lock;
	Py_ssize_t cursors; /* open cursors: closing waits for none */
} Db;

static PyTypeObject Db_Type;

#define DB_CALL(self, stmt)                                                \
	do {                                                               \
		Py_BEGIN_ALLOW_THREADS                                     \
		PyThread_acquire_lock((self)->lock, WAIT_LOCK);            \
		stmt;                                                      \
		PyThread_release_lock((self)->lock);                       \
		Py_END_ALLOW_THREADS                                       \
	} while (0)

/* st = (call) under the lock, unless another thread closed the handle
 * since the caller checked: then st is TM_CLOSED. */
#define TM_CLOSED (-1000)
#define DB_ST(self, st, call)                                              \
	DB_CALL(self, (st) = (self)->db ? (call) : TM_CLOSED)

static int
db_open_check(Db *self)
{
	if (self->db)
		return 0;
	PyErr_SetString(PyExc_ValueError, "operation on a closed TM");
	return -1;
}

static int
Db_init(Db *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"path", "readonly", "create", "busy_ms", NULL};
	PyObject *path_obj;
	const char *path;
	int ro = 0, create = 1, busy = 0;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_status st;
	tm_db *db = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|ppi", kwlist,
	                                 PyUnicode_FSConverter, &path_obj, &ro,
	                                 &create, &busy))
		return -1;
	if (self->db) {
		Py_DECREF(path_obj);
		PyErr_SetString(PyExc_ValueError, "TM already open");
		return -1;
	}
	path = PyBytes_AS_STRING(path_obj);
	o.flags = (ro ? TM_DB_READONLY : 0) | (create && !ro ? TM_DB_CREATE : 0);
	o.busy_timeout_ms = busy;
	Py_BEGIN_ALLOW_THREADS
	st = tm_db_open(&db, path, &o);
	Py_END_ALLOW_THREADS
	Py_DECREF(path_obj);
	if (st < 0) {
		raise_status(st);
		return -1;
	}
	if (!self->lock)
		self->lock = PyThread_allocate_lock();
	if (!self->lock) {
		tm_db_close(db);
		PyErr_NoMemory();
		return -1;
	}
	self->db = db;
	return 0;
}

static PyObject *
Db_close(Db *self, PyObject *unused)
{
	tm_status st = TM_OK;

	if (!self->db)
		Py_RETURN_NONE;
	/* under the lock: a call of another thread sees the handle or NULL */
	DB_CALL(self, {
		st = self->db ? tm_db_close(self->db) : TM_OK;
		if (st >= 0)
			self->db = NULL;
	});
	if (st < 0)
		return raise_status(st);
	Py_RETURN_NONE;
}

static void
Db_dealloc(Db *self)
{
	/* cursors hold a reference: none is open here */
	if (self->db)
		tm_db_close(self->db);
	if (self->lock)
		PyThread_free_lock(self->lock);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Db_closed(Db *self, void *unused)
{
	return PyBool_FromLong(self->db == NULL);
}

static PyObject *
Db_path(Db *self, void *unused)
{
	if (db_open_check(self))
		return NULL;
	return PyUnicode_DecodeFSDefault(tm_db_path(self->db));
}

static PyObject *
Db_count(Db *self, PyObject *unused)
{
	long long n;

	if (db_open_check(self))
		return NULL;
	DB_CALL(self, n = self->db ? tm_db_unit_count(self->db) : TM_CLOSED);
	if (n == TM_CLOSED)
		return raise_status(TM_CLOSED);
	if (n < 0)
		return raise_status(TM_EDB);
	return PyLong_FromLongLong(n);
}

static void
messages_cb(void *payload, tm_tmx_message_kind kind, const char *msg)
{
	(void)payload;
	(void)kind;
	(void)msg; /* collected in the stats instead */
}

static PyObject *
Db_import_tmx(Db *self, PyObject *args)
{
	PyObject *path_obj, *msgs, *out;
	const char *origin;
	int dup, keep_going;
	tm_tmx_import_options o = TM_TMX_IMPORT_OPTIONS_INIT;
	tm_tmx_stats s = TM_TMX_STATS_INIT;
	tm_status st;

	if (!PyArg_ParseTuple(args, "O&zip", PyUnicode_FSConverter, &path_obj,
	                      &origin, &dup, &keep_going))
		return NULL;
	if (db_open_check(self)) {
		Py_DECREF(path_obj);
		return NULL;
	}
	o.flags = keep_going ? TM_TMX_KEEP_GOING : 0;
	o.dup = (tm_dup_mode)dup;
	o.origin = origin;
	o.warn = messages_cb;
	DB_ST(self, st, tm_tmx_import(&s, self->db, PyBytes_AS_STRING(path_obj),
	                              &o));
	Py_DECREF(path_obj);
	if (st < 0) {
		tm_tmx_stats_dispose(&s);
		return raise_status(st);
	}
	msgs = PyList_New((Py_ssize_t)s.message_count);
	for (size_t i = 0; msgs && i < s.message_count; i++)
		list_set(&msgs, i, str_or_none(s.messages[i]));
	out = msgs ? Py_BuildValue("{sLsLsLsLsLsLsNsN}", "units", s.units,
	                           "added", s.added, "merged", s.merged,
	                           "skipped", s.skipped, "rejected",
	                           s.rejected, "warnings", s.warnings,
	                           "truncated", PyBool_FromLong(s.truncated),
	                           "messages", msgs)
	           : NULL;
	tm_tmx_stats_dispose(&s);
	return out;
}

static PyObject *
Db_export_tmx(Db *self, PyObject *args)
{
	PyObject *path_obj, *targets, *keep = NULL;
	const char *source, *since, *origin, **tv = NULL;
	int level1;
	tm_tmx_export_options o = TM_TMX_EXPORT_OPTIONS_INIT;
	tm_tmx_stats s = TM_TMX_STATS_INIT;
	tm_status st;
	long long n;

	if (!PyArg_ParseTuple(args, "O&zOzzp", PyUnicode_FSConverter, &path_obj,
	                      &source, &targets, &since, &origin, &level1))
		return NULL;
	if (db_open_check(self))
		goto fail;
	tv = str_array(targets, &keep);
	if (PyErr_Occurred())
		goto fail;
	o.flags = level1 ? TM_TMX_LEVEL1 : 0;
	o.srclang = source;
	o.targets = tv;
	o.since = since;
	o.origin = origin;
	DB_ST(self, st, tm_tmx_export(&s, self->db, PyBytes_AS_STRING(path_obj),
	                              &o));
	Py_DECREF(path_obj);
	Py_XDECREF(keep);
	PyMem_Free(tv);
	n = s.units; /* tm_tmx_stats_dispose() zeroes the counts */
	tm_tmx_stats_dispose(&s);
	if (st < 0)
		return raise_status(st);
	return PyLong_FromLongLong(n);
fail:
	Py_DECREF(path_obj);
	Py_XDECREF(keep);
	PyMem_Free(tv);
	return NULL;
}

static PyObject *
Db_lookup(Db *self, PyObject *args)
{
	const char *text, *src, *tgt, *prev, *next;
	double min_score;
	int n, exhaustive, pivot;
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;
	tm_status st;
	PyObject *out;

	if (!PyArg_ParseTuple(args, "sssdizzpp", &text, &src, &tgt, &min_score,
	                      &n, &prev, &next, &exhaustive, &pivot))
		return NULL;
	if (db_open_check(self))
		return NULL;
	o.source_lang = src;
	o.target_lang = tgt;
	o.min_score = min_score;
	o.max_results = n;
	o.ctx_prev = prev;
	o.ctx_next = next;
	o.flags = (exhaustive ? TM_LOOKUP_EXHAUSTIVE : 0) |
	          (pivot ? 0 : TM_LOOKUP_NO_PIVOT);
	DB_ST(self, st, tm_lookup(&l, self->db, text, &o));
	if (st < 0)
		return raise_status(st);
	out = PyList_New((Py_ssize_t)tm_match_list_count(l));
	for (size_t i = 0; out && i < tm_match_list_count(l); i++) {
		const tm_match *m = tm_match_list_get(l, i);

		list_set(&out, i, Py_BuildValue(
		        "(dILNNNNNNNNNLNN)", m->score, m->flags, m->tu,
		        str_or_none(m->source), str_or_none(m->target),
		        str_or_none(m->proposed), str_or_none(m->source_lang),
		        str_or_none(m->target_lang), str_or_none(m->origin),
		        str_or_none(m->created), str_or_none(m->changed),
		        str_tuple(m->origins, m->n_origins), m->pivot_tu,
		        str_or_none(m->pivot_lang), str_or_none(m->pivot_text)));
	}
	tm_match_list_free(l);
	return out;
}

static PyObject *
Db_concord(Db *self, PyObject *args)
{
	const char *phrase, *lang, *tgt;
	int n, translit, pivot;
	tm_concord_options o = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *l = NULL;
	tm_status st;
	PyObject *out;

	if (!PyArg_ParseTuple(args, "sszipp", &phrase, &lang, &tgt, &n,
	                      &translit, &pivot))
		return NULL;
	if (db_open_check(self))
		return NULL;
	o.lang = lang;
	o.target_lang = tgt;
	o.max_results = n;
	o.flags = (translit ? TM_CONCORD_TRANSLIT : 0) |
	          (pivot ? 0 : TM_CONCORD_NO_PIVOT);
	DB_ST(self, st, tm_concord(&l, self->db, phrase, &o));
	if (st < 0)
		return raise_status(st);
	out = PyList_New((Py_ssize_t)tm_concord_list_count(l));
	for (size_t i = 0; out && i < tm_concord_list_count(l); i++) {
		const tm_concord_hit *h = tm_concord_list_get(l, i);
		size_t a = chars_between(h->text, 0, h->span_start);
		size_t b = chars_between(h->text, h->span_start,
		                         h->span_start + h->span_len);

		list_set(&out, i, Py_BuildValue(
		        "(LNNnnNNNNNN)", h->tu, str_or_none(h->text),
		        str_or_none(h->lang), (Py_ssize_t)a, (Py_ssize_t)(a + b),
		        str_or_none(h->translation),
		        str_or_none(h->target_lang), str_or_none(h->origin),
		        str_or_none(h->changed),
		        str_tuple(h->origins, h->n_origins),
		        str_or_none(h->flags & TM_MATCH_PIVOT ? h->pivot_lang
		                                              : NULL)));
	}
	tm_concord_list_free(l);
	return out;
}

/* A unit as a dict: id, origin, attrs, props, notes, variants (lang,
 * text, markup, attrs, props). */
static PyObject *
meta_fill(PyObject *d, const tm_meta *m)
{
	PyObject *attrs, *props, *notes; /* borrowed from @d once set */

	if (dict_set_steal(d, "attrs", attrs = PyDict_New()) < 0 ||
	    dict_set_steal(d, "props", props = PyList_New(0)) < 0 ||
	    dict_set_steal(d, "notes", notes = PyList_New(0)) < 0)
		goto fail;
	for (size_t i = 0; i < tm_meta_attr_count(m); i++) {
		const char *k, *v;

		if (tm_meta_attr_at(&k, &v, m, i) < 0)
			continue;
		if (dict_set_steal(attrs, k, str_or_none(v)) < 0)
			goto fail;
	}
	for (size_t i = 0; i < tm_meta_prop_count(m); i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		if (list_append_steal(props, Py_BuildValue(
		                                     "(NN)", str_or_none(p->type),
		                                     str_or_none(p->value))) < 0)
			goto fail;
	}
	for (size_t i = 0; i < tm_meta_note_count(m); i++)
		if (list_append_steal(notes,
		                      str_or_none(tm_meta_note(m, i)->text)) < 0)
			goto fail;
	return d;
fail:
	Py_DECREF(d);
	return NULL;
}

static PyObject *
unit_dict(const tm_unit *u)
{
	PyObject *d, *vs;

	d = Py_BuildValue("{sLsN}", "id", tm_unit_id(u), "origin",
	                  str_or_none(tm_unit_origin(u)));
	if (!d || !meta_fill(d, tm_unit_meta_const(u)))
		return NULL;
	vs = PyList_New((Py_ssize_t)tm_unit_variant_count(u));
	for (size_t i = 0; vs && i < tm_unit_variant_count(u); i++) {
		const tm_variant *v = tm_unit_variant_const(u, i);
		PyObject *x = Py_BuildValue(
		        "{sNsNsN}", "lang", str_or_none(tm_variant_lang(v)), "text",
		        str_or_none(tm_variant_plain(v)), "markup",
		        str_or_none(tm_variant_markup(v)));

		list_set(&vs, i, x ? meta_fill(x, tm_variant_meta_const(v)) : NULL);
	}
	if (dict_set_steal(d, "variants", vs) < 0) {
		Py_DECREF(d);
		return NULL;
	}
	return d;
}

static PyObject *
Db_get(Db *self, PyObject *args)
{
	long long id;
	tm_unit *u = NULL;
	tm_status st;
	PyObject *out;

	if (!PyArg_ParseTuple(args, "L", &id))
		return NULL;
	if (db_open_check(self))
		return NULL;
	DB_ST(self, st, tm_db_get(&u, self->db, id));
	if (st < 0)
		return raise_status(st);
	out = unit_dict(u);
	tm_unit_free(u);
	return out;
}

/* add(variants, origin, dup, props): variants a list of (lang, text). */
static PyObject *
Db_add(Db *self, PyObject *args)
{
	PyObject *vl, *props;
	const char *origin;
	int dup;
	tm_unit *u = NULL;
	tm_put_result pr = TM_PUT_ADDED;
	tm_status st;
	long long id;

	if (!PyArg_ParseTuple(args, "O!ziO!", &PyList_Type, &vl, &origin, &dup,
	                      &PyList_Type, &props))
		return NULL;
	if (db_open_check(self))
		return NULL;
	st = tm_unit_new(&u);
	for (Py_ssize_t i = 0; st >= 0 && i < PyList_GET_SIZE(vl); i++) {
		const char *lang, *text;

		if (!PyArg_ParseTuple(PyList_GET_ITEM(vl, i), "ss", &lang,
		                      &text)) {
			tm_unit_free(u);
			return NULL;
		}
		st = tm_unit_add_variant(NULL, u, lang, NULL, text);
	}
	for (Py_ssize_t i = 0; st >= 0 && i < PyList_GET_SIZE(props); i++) {
		const char *type, *value;

		if (!PyArg_ParseTuple(PyList_GET_ITEM(props, i), "ss", &type,
		                      &value)) {
			tm_unit_free(u);
			return NULL;
		}
		st = tm_meta_add_prop(tm_unit_meta(u), type, NULL, value);
	}
	if (st >= 0)
		DB_ST(self, st, tm_db_put(&pr, self->db, u, origin,
		                             (tm_dup_mode)dup));
	id = u ? tm_unit_id(u) : -1;
	tm_unit_free(u);
	if (st < 0)
		return raise_status(st);
	return Py_BuildValue("(Li)", id, (int)pr);
}

static PyObject *
Db_delete(Db *self, PyObject *args)
{
	long long id;
	tm_status st;

	if (!PyArg_ParseTuple(args, "L", &id))
		return NULL;
	if (db_open_check(self))
		return NULL;
	DB_ST(self, st, tm_db_delete(self->db, id));
	if (st < 0)
		return raise_status(st);
	Py_RETURN_NONE;
}

static PyObject *
Db_remove_origin(Db *self, PyObject *args)
{
	const char *origin;
	long long del = 0, kept = 0;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s", &origin))
		return NULL;
	if (db_open_check(self))
		return NULL;
	DB_ST(self, st, tm_db_remove_origin(&del, &kept, self->db, origin));
	if (st < 0)
		return raise_status(st);
	return Py_BuildValue("(LL)", del, kept);
}

/* put_links(links, src_lang, tgt_lang, origin, min_confidence, date):
 * links a list of (src_text, tgt_text, src_prev, src_next, tgt_prev,
 * tgt_next, link, confidence, confirmed, edited). */
static PyObject *
Db_put_links(Db *self, PyObject *args)
{
	PyObject *ll;
	tm_db_links_options o = TM_DB_LINKS_OPTIONS_INIT;
	tm_db_links_stats s = TM_DB_LINKS_STATS_INIT;
	tm_db_link *v;
	Py_ssize_t n;
	tm_status st;

	if (!PyArg_ParseTuple(args, "O!sssdz", &PyList_Type, &ll, &o.source_lang,
	                      &o.target_lang, &o.origin, &o.min_confidence,
	                      &o.date))
		return NULL;
	if (db_open_check(self))
		return NULL;
	n = PyList_GET_SIZE(ll);
	v = PyMem_Calloc((size_t)n + 1, sizeof(*v));
	if (!v)
		return PyErr_NoMemory();
	for (Py_ssize_t i = 0; i < n; i++) {
		tm_db_link *x = &v[i];
		int confirmed, edited;

		if (!PyArg_ParseTuple(PyList_GET_ITEM(ll, i), "sszzzzsdpp",
		                      &x->src_text, &x->tgt_text, &x->src_prev,
		                      &x->src_next, &x->tgt_prev, &x->tgt_next,
		                      &x->link, &x->confidence, &confirmed,
		                      &edited)) {
			PyMem_Free(v);
			return NULL;
		}
		x->status = confirmed ? TM_LINK_CONFIRMED : TM_LINK_AUTO;
		x->edited = edited;
	}
	DB_ST(self, st, tm_db_put_links(&s, self->db, v, (size_t)n, &o));
	PyMem_Free(v);
	if (st < 0)
		return raise_status(st);
	return Py_BuildValue("{sLsLsLsLsL}", "added", s.added, "merged",
	                     s.merged, "skipped", s.skipped, "replaced",
	                     s.replaced, "released", s.released);
}

static PyObject *
Db_stats(Db *self, PyObject *unused)
{
	tm_db_stats s = TM_DB_STATS_INIT;
	tm_status st;
	PyObject *langs = NULL, *pairs = NULL, *origins = NULL, *out = NULL;

	if (db_open_check(self))
		return NULL;
	DB_ST(self, st, tm_db_stats_read(&s, self->db));
	if (st < 0) {
		tm_db_stats_dispose(&s);
		return raise_status(st);
	}
	langs = PyList_New((Py_ssize_t)s.nlangs);
	pairs = PyList_New((Py_ssize_t)s.npairs);
	origins = PyList_New((Py_ssize_t)s.norigins);
	if (!langs || !pairs || !origins)
		goto out;
	for (size_t i = 0; langs && i < s.nlangs; i++)
		list_set(&langs, i,
		         Py_BuildValue("(sLL)", s.langs[i].lang, s.langs[i].units,
		                       s.langs[i].variants));
	for (size_t i = 0; pairs && i < s.npairs; i++)
		list_set(&pairs, i,
		         Py_BuildValue("(ssLL)", s.pairs[i].lang1,
		                       s.pairs[i].lang2, s.pairs[i].units,
		                       s.pairs[i].variants));
	for (size_t i = 0; origins && i < s.norigins; i++)
		list_set(&origins, i,
		         Py_BuildValue("(NLN)", str_or_none(s.origins[i].name),
		                       s.origins[i].units,
		                       PyBool_FromLong(s.origins[i].has_header)));
	if (!langs || !pairs || !origins)
		goto out;
	out = Py_BuildValue("{sLsLsLsisOsOsO}", "units", s.units, "variants",
	                    s.variants, "file_bytes", s.file_bytes,
	                    "schema_version", s.schema_version, "langs", langs,
	                    "pairs", pairs, "origins", origins);
out:
	Py_XDECREF(langs);
	Py_XDECREF(pairs);
	Py_XDECREF(origins);
	tm_db_stats_dispose(&s);
	return out;
}

static PyObject *
Db_langs(Db *self, PyObject *unused)
{
	char **v = NULL;
	size_t n = 0;
	tm_status st;
	PyObject *out;

	if (db_open_check(self))
		return NULL;
	DB_ST(self, st, tm_db_langs(&v, &n, self->db));
	if (st < 0)
		return raise_status(st);
	out = PyList_New((Py_ssize_t)n);
	for (size_t i = 0; out && i < n; i++)
		list_set(&out, i, str_or_none(v[i]));
	tm_lang_list_free(v);
	return out;
}

static PyObject *
Db_check_lang(Db *self, PyObject *args)
{
	const char *tag;
	tm_status st;

	if (!PyArg_ParseTuple(args, "s", &tag))
		return NULL;
	if (db_open_check(self))
		return NULL;
	DB_ST(self, st, tm_db_check_lang(self->db, tag));
	if (st < 0)
		return raise_status(st);
	Py_RETURN_NONE;
}

/* ---- cursors ---------------------------------------------------------- */

typedef struct {
	PyObject_HEAD
	Db *db; /* strong reference: the handle outlives its cursors */
	tm_db_cursor *c;
} Cursor;

static PyTypeObject Cursor_Type;

static void
cursor_release(Cursor *self)
{
	if (self->c) {
		Db *db = self->db;
		tm_db_cursor *c = self->c;

		self->c = NULL;
		DB_CALL(db, tm_db_cursor_free(c));
		db->cursors--;
	}
}

static void
Cursor_dealloc(Cursor *self)
{
	cursor_release(self);
	Py_XDECREF(self->db);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Cursor_next(Cursor *self)
{
	tm_unit *u = NULL;
	tm_status st;
	PyObject *out;

	if (!self->c)
		return NULL;
	DB_CALL(self->db, st = tm_db_cursor_next(&u, self->c));
	if (st == TM_DONE) {
		cursor_release(self);
		return NULL;
	}
	if (st < 0) {
		cursor_release(self);
		return raise_status(st);
	}
	out = unit_dict(u);
	tm_unit_free(u);
	return out;
}

static PyObject *
Cursor_close(Cursor *self, PyObject *unused)
{
	cursor_release(self);
	Py_RETURN_NONE;
}

static PyMethodDef Cursor_methods[] = {
        {"close", (PyCFunction)Cursor_close, METH_NOARGS,
         "Release the cursor before the end (the TM can then be closed)."},
        {NULL, NULL, 0, NULL},
};

static PyTypeObject Cursor_Type = {
        PyVarObject_HEAD_INIT(NULL, 0).tp_name = "libtm._libtm.Cursor",
        .tp_basicsize = sizeof(Cursor),
        .tp_dealloc = (destructor)Cursor_dealloc,
        .tp_flags = Py_TPFLAGS_DEFAULT,
        .tp_doc = "Units of a TM in id order, one dict each.",
        .tp_iter = PyObject_SelfIter,
        .tp_iternext = (iternextfunc)Cursor_next,
        .tp_methods = Cursor_methods,
};

/* cursor(langs, since, origin, only_langs) */
static PyObject *
Db_cursor(Db *self, PyObject *args)
{
	PyObject *langs, *keep = NULL;
	const char *since, *origin, **lv;
	int only;
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_db_cursor *c = NULL;
	tm_status st;
	Cursor *cur;

	if (!PyArg_ParseTuple(args, "Ozzp", &langs, &since, &origin, &only))
		return NULL;
	if (db_open_check(self))
		return NULL;
	lv = str_array(langs, &keep);
	if (PyErr_Occurred()) {
		Py_XDECREF(keep);
		return NULL;
	}
	q.langs = lv;
	q.since = since;
	q.origin = origin;
	q.flags = only ? TM_DB_QUERY_ONLY_LANGS : 0;
	DB_ST(self, st, tm_db_cursor_new(&c, self->db, &q));
	Py_XDECREF(keep);
	PyMem_Free(lv);
	if (st < 0)
		return raise_status(st);
	cur = PyObject_New(Cursor, &Cursor_Type);
	if (!cur) {
		DB_CALL(self, tm_db_cursor_free(c));
		return NULL;
	}
	Py_INCREF(self);
	cur->db = self;
	cur->c = c;
	self->cursors++;
	return (PyObject *)cur;
}

static PyMethodDef Db_methods[] = {
        {"close", (PyCFunction)Db_close, METH_NOARGS, NULL},
        {"count", (PyCFunction)Db_count, METH_NOARGS, NULL},
        {"import_tmx", (PyCFunction)Db_import_tmx, METH_VARARGS, NULL},
        {"export_tmx", (PyCFunction)Db_export_tmx, METH_VARARGS, NULL},
        {"lookup", (PyCFunction)Db_lookup, METH_VARARGS, NULL},
        {"concord", (PyCFunction)Db_concord, METH_VARARGS, NULL},
        {"get", (PyCFunction)Db_get, METH_VARARGS, NULL},
        {"add", (PyCFunction)Db_add, METH_VARARGS, NULL},
        {"delete", (PyCFunction)Db_delete, METH_VARARGS, NULL},
        {"remove_origin", (PyCFunction)Db_remove_origin, METH_VARARGS, NULL},
        {"put_links", (PyCFunction)Db_put_links, METH_VARARGS, NULL},
        {"stats", (PyCFunction)Db_stats, METH_NOARGS, NULL},
        {"cursor", (PyCFunction)Db_cursor, METH_VARARGS, NULL},
        {"langs", (PyCFunction)Db_langs, METH_NOARGS, NULL},
        {"check_lang", (PyCFunction)Db_check_lang, METH_VARARGS, NULL},
        {NULL, NULL, 0, NULL},
};

static PyGetSetDef Db_getset[] = {
        {"closed", (getter)Db_closed, NULL, NULL, NULL},
        {"path", (getter)Db_path, NULL, NULL, NULL},
        {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Db_Type = {
        PyVarObject_HEAD_INIT(NULL, 0).tp_name = "libtm._libtm.Db",
        .tp_basicsize = sizeof(Db),
        .tp_dealloc = (destructor)Db_dealloc,
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
        .tp_doc = "A TM file (tm_db); libtm.TM is the documented surface.",
        .tp_methods = Db_methods,
        .tp_getset = Db_getset,
        .tp_init = (initproc)Db_init,
        .tp_new = PyType_GenericNew,
};

/* ---- module ----------------------------------------------------------- */

static PyMethodDef module_methods[] = {
        {"segment", py_segment, METH_VARARGS, NULL},
        {"segment_kinds", py_segment_kinds, METH_VARARGS, NULL},
        {"translit", py_translit, METH_VARARGS, NULL},
        {"normalize_lang", py_normalize_lang, METH_VARARGS, NULL},
        {"validate_lang", py_validate_lang, METH_VARARGS, NULL},
        {"check_text_lang", py_check_text_lang, METH_VARARGS, NULL},
        {"check_texts", py_check_texts, METH_VARARGS, NULL},
        {"check_pairs", py_check_pairs, METH_VARARGS, NULL},
        {"align", py_align, METH_VARARGS, NULL},
        {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
        PyModuleDef_HEAD_INIT, "libtm._libtm",
        "C glue of the libtm bindings; use the libtm package.", -1,
        module_methods, NULL, NULL, NULL, NULL,
};

/* Exception classes: name, status, extra builtin base, doc. */
static const struct {
	const char *name;
	tm_status st;
	PyObject **base;
	const char *doc;
} exc_defs[] = {
        {"OutOfMemoryError", TM_ENOMEM, &PyExc_MemoryError, "out of memory"},
        {"InvalidError", TM_EINVAL, &PyExc_ValueError,
         "bad input: a language tag, an option, an empty text"},
        {"NotFoundError", TM_ENOTFOUND, &PyExc_LookupError,
         "no such file, unit, language or header"},
        {"IOFailure", TM_EIO, &PyExc_OSError,
         "a read or a write failed (disk full, permission)"},
        {"ParseError", TM_EPARSE, &PyExc_ValueError,
         "malformed input: XML, SRX, a review file"},
        {"DatabaseError", TM_EDB, NULL,
         "the TM is not a TM, is corrupt or is newer than this libtm"},
        {"EncodingError", TM_EUNICODE, &PyExc_ValueError,
         "invalid UTF-8 or a Unicode conversion failure"},
        {"BusyError", TM_EBUSY, NULL,
         "the TM is locked by another writer, or has open cursors"},
};

/* kind_apart: {kind name: tm_seg_kind_apart(kind)} for the kinds that
 * are kept apart, so that the Python side passes tm_align_run_apart() what
 * `tm align` passes it without a copy of the C table. */
static int
add_kind_apart(PyObject *m)
{
	PyObject *d = PyDict_New();

	for (int k = TM_SEG_SENTENCE; d && k <= TM_SEG_END; k++) {
		unsigned char a = tm_seg_kind_apart((tm_seg_kind)k);
		PyObject *v;

		if (!a)
			continue;
		v = PyLong_FromLong(a);
		if (!v || PyDict_SetItemString(
		                  d, tm_seg_kind_name((tm_seg_kind)k), v) < 0)
			Py_CLEAR(d);
		Py_XDECREF(v);
	}
	if (!d)
		return -1;
	if (PyModule_AddObjectRef(m, "kind_apart", d) < 0) {
		Py_DECREF(d);
		return -1;
	}
	Py_DECREF(d);
	return 0;
}

PyMODINIT_FUNC PyInit__libtm(void);

PyMODINIT_FUNC
PyInit__libtm(void)
{
	PyObject *m = PyModule_Create(&module_def);

	if (!m)
		return NULL;
	if (PyType_Ready(&Db_Type) < 0 || PyType_Ready(&Cursor_Type) < 0)
		goto fail;
	Error = PyErr_NewExceptionWithDoc(
	        "libtm.Error",
	        "Base of every libtm error. args: (message, status); "
	        ".message is the library's one-line message, .status the "
	        "tm_status code.",
	        NULL, NULL);
	if (!Error || PyModule_AddObjectRef(m, "Error", Error) < 0)
		goto fail;
	for (size_t i = 0; i < sizeof(exc_defs) / sizeof(*exc_defs); i++) {
		char name[64];
		PyObject *bases, *cls;

		snprintf(name, sizeof(name), "libtm.%s", exc_defs[i].name);
		bases = exc_defs[i].base
		                ? PyTuple_Pack(2, Error, *exc_defs[i].base)
		                : PyTuple_Pack(1, Error);
		if (!bases)
			goto fail;
		cls = PyErr_NewExceptionWithDoc(name, exc_defs[i].doc, bases,
		                                NULL);
		Py_DECREF(bases);
		if (!cls)
			goto fail;
		status_exc[-exc_defs[i].st] = cls;
		if (PyModule_AddObjectRef(m, exc_defs[i].name, cls) < 0)
			goto fail;
	}
	if (PyModule_AddObjectRef(m, "Db", (PyObject *)&Db_Type) < 0 ||
	    PyModule_AddStringConstant(m, "version", tm_version()) < 0 ||
	    add_kind_apart(m) < 0)
		goto fail;
	return m;
fail:
	Py_DECREF(m);
	return NULL;
}
