/* progress: terminal progress bar; see progress.h. */
#include "progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

struct progress {
	const char *what;
	size_t total;
	atomic_size_t done;
	pthread_mutex_t lock;
	double start, last;
};

static double progress_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct progress *progress_new(const char *what, size_t total, bool quiet)
{
	if (quiet || total == 0 || !isatty(STDERR_FILENO))
		return NULL;
	struct progress *p = xcalloc(1, sizeof *p);
	p->what = what;
	p->total = total;
	atomic_init(&p->done, 0);
	pthread_mutex_init(&p->lock, NULL);
	p->start = p->last = progress_now();
	return p;
}

void progress_tick(struct progress *p)
{
	if (!p)
		return;
	size_t done = atomic_fetch_add(&p->done, 1) + 1;
	double now = progress_now();
	if (now - p->last < 0.1 && done < p->total)
		return;
	if (pthread_mutex_trylock(&p->lock) != 0)
		return;
	p->last = now;
	double rate = (double)done / (now - p->start > 1e-6 ? now - p->start : 1e-6);
	double eta = rate > 0 ? (double)(p->total - done) / rate : 0;
	int width = 30, fill = (int)((double)width * (double)done / (double)p->total);
	char bar[64];
	for (int i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[width] = '\0';
	fprintf(stderr, "\r%s [%s] %zu/%zu  %.0f/s  ETA %.0fs ", p->what, bar, done, p->total, rate, eta);
	fflush(stderr);
	pthread_mutex_unlock(&p->lock);
}

void progress_done(struct progress *p)
{
	if (!p)
		return;
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
