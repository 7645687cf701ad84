/* jobs: a parallel for over indexes; see jobs.h. */
#include "jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

struct jobs_state {
	atomic_size_t next;
	size_t n;
	void (*fn)(void *ctx, size_t i, int worker);
	void *ctx;
};

struct jobs_worker_arg {
	struct jobs_state *st;
	int worker;
};

int jobs_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static void *jobs_worker(void *arg)
{
	struct jobs_worker_arg *a = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&a->st->next, 1);
		if (i >= a->st->n)
			break;
		a->st->fn(a->st->ctx, i, a->worker);
	}
	return NULL;
}

void jobs_run(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx)
{
	struct jobs_state st;
	atomic_init(&st.next, 0);
	st.n = n;
	st.fn = fn;
	st.ctx = ctx;
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > n)
		threads = n ? (int)n : 1;
	pthread_t *tids = xcalloc((size_t)threads, sizeof *tids);
	struct jobs_worker_arg *args = xcalloc((size_t)threads, sizeof *args);
	int started = 0;
	for (int t = 0; t < threads; t++)
		args[t] = (struct jobs_worker_arg){ &st, t };
	for (int t = 1; t < threads; t++)
		if (pthread_create(&tids[started], NULL, jobs_worker, &args[t]) == 0)
			started++;
	jobs_worker(&args[0]);
	for (int t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	free(tids);
	free(args);
}
