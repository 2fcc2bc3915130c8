/* SPDX-License-Identifier: MIT */
/* Early writeback of a bulk load's pages (store.c). A million-unit import
 * writes 1.2 GB into the page cache; the kernel's own writeback starts
 * only at a tenth of the machine's memory or after 30 s, so COMMIT's
 * fsync used to write all of it, 0.9 s of waiting at the end of a 16 s
 * import. A thread of ours asks the kernel every quarter of a second to
 * start writing what is dirty (sync_file_range(SYNC_FILE_RANGE_WRITE):
 * it starts the writes, waits for none of them), so that COMMIT finds
 * most of the file on disk. On its own thread because submitting the
 * writes can block for tens of milliseconds, which cost the writer more
 * than it saved when it made the call itself.
 *
 * The file descriptors are SQLite's own, found in /proc/self/fd by
 * device and inode: a descriptor of ours on the file could never be
 * closed, since closing any descriptor of a file drops every POSIX lock
 * the process holds on it, SQLite's included. Nothing here closes one.
 *
 * Durability is unchanged: the kernel may write dirty pages at any time
 * anyway, and COMMIT still syncs what it must. Linux only; elsewhere
 * tm__writeback_start() does nothing. */
#define _GNU_SOURCE /* sync_file_range() */
#include "store-private.h"

#include <string.h>

#ifdef __linux__
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

/* Descriptors of this process open on @files (device and inode pairs,
 * st_ino 0: none) into w->fds. */
static void
find_fds(tm__writeback *w, const struct stat *files, size_t nfiles)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	w->nfds = 0;
	if (!d)
		return;
	while ((e = readdir(d)) && w->nfds < TM__WRITEBACK_MAX_FDS) {
		char *end;
		long fd = strtol(e->d_name, &end, 10);
		struct stat sb;

		if (*end || end == e->d_name || fd == dirfd(d) ||
		    fstat((int)fd, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		for (size_t i = 0; i < nfiles; i++)
			if (files[i].st_ino && sb.st_ino == files[i].st_ino &&
			    sb.st_dev == files[i].st_dev) {
				w->fds[w->nfds++] = (int)fd;
				break;
			}
	}
	closedir(d);
}

static void *
writeback_main(void *arg)
{
	tm__writeback *w = arg;
	struct timespec until;

	pthread_mutex_lock(&w->mu);
	clock_gettime(CLOCK_MONOTONIC, &until);
	for (;;) {
		until.tv_nsec += w->interval_ms * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu,
		                                          &until) != ETIMEDOUT)
			;
		if (w->stop)
			break;
		pthread_mutex_unlock(&w->mu);
		for (size_t i = 0; i < w->nfds; i++)
			sync_file_range(w->fds[i], 0, 0,
			                SYNC_FILE_RANGE_WRITE);
		pthread_mutex_lock(&w->mu);
		w->rounds++;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

void
tm__writeback_start(tm__writeback *w, const char *path, long interval_ms)
{
	struct stat files[2];
	size_t plen = strlen(path);
	char *wal = tm__malloc(plen + 5);
	pthread_condattr_t ca;

	memset(w, 0, sizeof(*w));
	memset(files, 0, sizeof(files));
	if (!wal)
		return;
	memcpy(wal, path, plen);
	memcpy(wal + plen, "-wal", 5);
	/* the file, and in WAL mode the log that takes the load's pages */
	if (stat(path, &files[0]) != 0)
		files[0].st_ino = 0;
	if (stat(wal, &files[1]) != 0)
		files[1].st_ino = 0;
	tm__free(wal);
	find_fds(w, files, 2);
	if (!w->nfds)
		return;
	w->interval_ms = interval_ms > 0 ? interval_ms : 250;
	if (pthread_condattr_init(&ca) != 0)
		return;
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	if (pthread_cond_init(&w->cv, &ca) != 0) {
		pthread_condattr_destroy(&ca);
		return;
	}
	pthread_condattr_destroy(&ca);
	if (pthread_mutex_init(&w->mu, NULL) != 0) {
		pthread_cond_destroy(&w->cv);
		return;
	}
	if (pthread_create(&w->thread, NULL, writeback_main, w) != 0) {
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		return;
	}
	w->running = true;
}

void
tm__writeback_stop(tm__writeback *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	w->running = false;
}

#else

void
tm__writeback_start(tm__writeback *w, const char *path, long interval_ms)
{
	(void)path;
	(void)interval_ms;
	memset(w, 0, sizeof(*w));
}

void
tm__writeback_stop(tm__writeback *w)
{
	(void)w;
}

#endif
