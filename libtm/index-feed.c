/* SPDX-License-Identifier: MIT */
/* Terms made and postings gathered on a thread of their own
 * (index-private.h). During a big transaction (an import) the thread
 * that writes the rows is busy, and so is the import's reading thread:
 * this one takes the third share of the work. The writer copies each
 * variant's id, language and key into a block and goes on; this thread
 * makes the variant's terms (tokens, syllable pairs, transliteration
 * keys) and adds them to the postings. Everything SQLite sees stays on
 * the writer's thread: to write a segment, the writer waits until this
 * thread is idle (or parked), works on the postings itself, then lets it
 * go on.
 *
 * Records, 8-byte aligned in a block: a struct record, then the language
 * and the key, each with its NUL. */
#include "index-private.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)256 << 10)
#define MAX_BLOCKS 8 /* queued or being read: bounds the memory (2 MB) */

typedef struct block {
	struct block *next;
	size_t len, cap, pos; /* pos: what the thread has read */
	unsigned char data[];
} block;

struct record {
	long long id;
	size_t lang_len, key_len;
};

struct tm__ix_feed {
	tm__ix_pl *pl;
	tm__ix_gen *gen;
	size_t batch; /* for tm__ix_pl_due() */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work, idle;
	block *head, *tail; /* queued, oldest first */
	block *cur;         /* the writer's, not queued yet */
	block *spare;       /* one read block kept for the writer */
	size_t nblocks;     /* queued and being read */
	bool busy;          /* the thread is reading a block */
	bool hold;          /* the writer works on the postings */
	bool full;          /* the postings want writing as a segment */
	bool stop;
	/* The thread stopped at a record: TM_DONE (an id below one
	 * gathered: a segment must be written first) or an error. */
	tm_status parked;
};

static size_t
record_size(size_t lang_len, size_t key_len)
{
	return (sizeof(struct record) + lang_len + key_len + 2 + 7) &
	       ~(size_t)7;
}

/* Add the records of @b from b->pos on; stops at a record that fails
 * (made again when the thread reads it again: rare). */
static tm_status
read_block(tm__ix_feed *f, block *b)
{
	while (b->pos < b->len) {
		struct record r;
		const char *lang, *key;
		const tm__ix_terms *t;
		tm_status st;

		memcpy(&r, b->data + b->pos, sizeof(r));
		lang = (const char *)b->data + b->pos + sizeof(r);
		key = lang + r.lang_len + 1;
		if ((st = tm__ix_gen_terms(&t, f->gen, lang, key, r.key_len)) !=
		            TM_OK ||
		    (st = tm__ix_pl_add(f->pl, r.id, t)) != TM_OK)
			return st;
		b->pos += record_size(r.lang_len, r.key_len);
	}
	return TM_OK;
}

static void *
feed_main(void *arg)
{
	tm__ix_feed *f = arg;

	pthread_mutex_lock(&f->lock);
	for (;;) {
		block *b;
		tm_status st;

		while (!f->stop &&
		       (f->hold || !f->head || f->parked != TM_OK)) {
			pthread_cond_signal(&f->idle);
			pthread_cond_wait(&f->work, &f->lock);
		}
		if (f->stop)
			break;
		b = f->head;
		f->busy = true;
		pthread_mutex_unlock(&f->lock);
		st = read_block(f, b);
		pthread_mutex_lock(&f->lock);
		f->busy = false;
		if (tm__ix_pl_due(f->pl, f->batch))
			f->full = true;
		if (st != TM_OK) {
			f->parked = st;
			continue;
		}
		f->head = b->next;
		if (!f->head)
			f->tail = NULL;
		f->nblocks--;
		if (!f->spare) {
			b->len = b->pos = 0;
			f->spare = b;
		} else {
			tm__free(b);
		}
		pthread_cond_signal(&f->idle);
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

tm_status
tm__ix_feed_start(tm__ix_feed **out, tm__ix_pl *pl, tm__ix_gen *gen,
                  size_t batch)
{
	tm__ix_feed *f = tm__calloc(1, sizeof(*f));

	*out = NULL;
	if (!f)
		return tm__error_oom();
	f->pl = pl;
	f->gen = gen;
	f->batch = batch;
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->work, NULL);
	pthread_cond_init(&f->idle, NULL);
	if (pthread_create(&f->thread, NULL, feed_main, f) != 0) {
		pthread_mutex_destroy(&f->lock);
		pthread_cond_destroy(&f->work);
		pthread_cond_destroy(&f->idle);
		tm__free(f);
		return tm__error_set(TM_ENOMEM, "index: cannot start a thread");
	}
	*out = f;
	return TM_OK;
}

/* Queue the writer's block, waiting for room; true when the postings
 * want the writer's attention (a segment, or a failure). */
static bool
submit(tm__ix_feed *f)
{
	block *b = f->cur;
	bool due;

	f->cur = NULL;
	pthread_mutex_lock(&f->lock);
	while (f->nblocks >= MAX_BLOCKS && f->parked == TM_OK)
		pthread_cond_wait(&f->idle, &f->lock);
	if (b) {
		b->next = NULL;
		if (f->tail)
			f->tail->next = b;
		else
			f->head = b;
		f->tail = b;
		f->nblocks++;
		pthread_cond_signal(&f->work);
	}
	due = f->full || f->parked != TM_OK;
	pthread_mutex_unlock(&f->lock);
	return due;
}

tm_status
tm__ix_feed_add(tm__ix_feed *f, long long id, const char *lang_base,
                const char *key, size_t key_len)
{
	struct record r = { id, strlen(lang_base), key_len };
	size_t need = record_size(r.lang_len, r.key_len);
	unsigned char *d;
	bool due = false;

	if (f->cur && f->cur->len + need > f->cur->cap)
		due = submit(f);
	if (!f->cur) {
		size_t cap = need > BLOCK_SIZE ? need : BLOCK_SIZE;

		pthread_mutex_lock(&f->lock);
		if (f->spare && f->spare->cap >= cap) {
			f->cur = f->spare;
			f->spare = NULL;
		}
		pthread_mutex_unlock(&f->lock);
		if (!f->cur) {
			if (!(f->cur = tm__malloc(sizeof(block) + cap)))
				return tm__error_oom();
			f->cur->cap = cap;
			f->cur->len = f->cur->pos = 0;
		}
	}
	d = f->cur->data + f->cur->len;
	memcpy(d, &r, sizeof(r));
	d += sizeof(r);
	memcpy(d, lang_base, r.lang_len + 1);
	memcpy(d + r.lang_len + 1, key, r.key_len);
	d[r.lang_len + 1 + r.key_len] = '\0';
	f->cur->len += need;
	return due ? TM_DONE : TM_OK;
}

tm_status
tm__ix_feed_hold(tm__ix_feed *f, bool drain)
{
	tm_status st;

	if (drain && f->cur)
		submit(f);
	pthread_mutex_lock(&f->lock);
	if (!drain)
		f->hold = true;
	while (f->parked == TM_OK && (f->busy || (drain && f->head)))
		pthread_cond_wait(&f->idle, &f->lock);
	f->hold = true;
	st = f->parked;
	pthread_mutex_unlock(&f->lock);
	/* the thread's own message stayed on its thread */
	if (st < 0)
		return tm__error_set(st, "index: cannot gather the postings: %s",
		                     st == TM_ENOMEM   ? "out of memory" :
		                     st == TM_EUNICODE ? "a key without terms" :
		                                         "internal error");
	return st;
}

void
tm__ix_feed_resume(tm__ix_feed *f)
{
	pthread_mutex_lock(&f->lock);
	f->hold = false;
	f->parked = TM_OK;
	f->full = false;
	pthread_cond_signal(&f->work);
	pthread_mutex_unlock(&f->lock);
}

void
tm__ix_feed_stop(tm__ix_feed *f)
{
	block *b, *next;

	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_signal(&f->work);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	for (b = f->head; b; b = next) {
		next = b->next;
		tm__free(b);
	}
	tm__free(f->cur);
	tm__free(f->spare);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->work);
	pthread_cond_destroy(&f->idle);
	tm__free(f);
}
