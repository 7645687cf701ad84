/* jobs: a parallel for over indexes on a pool of threads kept for the
 * process; see jobs.h.
 *
 * Why a pool that waits by spinning: on the 2-core virtual machine this
 * project is benchmarked on, a thread made for each stage took its first
 * item 1 to 4 ms after the stage began, in stages that last 3 to 10 ms,
 * while the caller's thread did nearly all the work.
 * Workers made once (jobs_warm, as a build starts) and spinning for a while
 * between stages (a build's serial steps take well under a millisecond
 * each) are there when the next stage starts; after JOBS_SPIN_NS without
 * work they sleep on a condition variable, so an idle server costs
 * nothing. Each worker is started on another CPU than its maker's: left to
 * itself, the scheduler started it beside the maker and moved it only at
 * its next balancing, milliseconds later. */
#define _GNU_SOURCE /* CPU sets, pthread_setaffinity_np, sched_getcpu */
#include "jobs.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "progress.h"
#include "strbuf.h"
#include "xalloc.h"

#define JOBS_SPIN_NS (5L * 1000 * 1000)

static struct {
	pthread_mutex_t run_lock; /* one jobs_run at a time on the pool */
	pthread_mutex_t lock;     /* with wake and done: the sleeping side */
	pthread_cond_t wake, done;
	int started;              /* workers 1..started exist */
	bool quit;                /* jobs_stop: workers leave at the next gen */
	atomic_uint gen;          /* bumped by each run */
	atomic_int pending;       /* workers yet to finish the current run */
	/* The current run, written before gen is bumped. */
	void (*fn)(void *ctx, size_t i, int worker);
	void *ctx;
	size_t n;
	int threads; /* workers 0..threads-1 take part */
	atomic_size_t next;
	/* Where the process may run (read once, by the first jobs_grow), for
	 * a worker started on a CPU of its own to be let go (jobs_worker). */
	cpu_set_t allowed;
	bool have_allowed, placed;
	/* gen when each worker was made: the runs it answers come after. */
	unsigned born[JOBS_MAX_THREADS];
	pthread_t tid[JOBS_MAX_THREADS];
} jobs_pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
		PTHREAD_COND_INITIALIZER, 0, false, 0, 0, NULL, NULL, 0, 0, 0, { { 0 } }, false, false, { 0 }, { 0 } };

/* Set on a thread while it runs a job: a job that calls jobs_run runs its
 * items itself rather than wait on the pool it is part of. */
static _Thread_local bool jobs_in_job;

int jobs_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

/* A short wait in a spin: the CPU's pause hint, then a chance for anything
 * else runnable here to run. */
static void jobs_relax(void)
{
	for (int i = 0; i < 32; i++) {
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	}
	sched_yield();
}

static long jobs_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Take items of the current run until none are left. */
static void jobs_take(int worker)
{
	jobs_in_job = true;
	for (;;) {
		size_t i = atomic_fetch_add(&jobs_pool.next, 1);
		if (i >= jobs_pool.n)
			break;
		jobs_pool.fn(jobs_pool.ctx, i, worker);
	}
	jobs_in_job = false;
}

static void *jobs_worker(void *arg)
{
	int worker = (int)(intptr_t)arg;
	if (jobs_pool.placed) /* started on a CPU of its own: from now on, anywhere */
		pthread_setaffinity_np(pthread_self(), sizeof jobs_pool.allowed, &jobs_pool.allowed);
	/* Not the gen now: a run may have begun since this thread was made,
	 * and counts on it. */
	unsigned seen = jobs_pool.born[worker];
	for (;;) {
		/* Wait for the next run: spin a while, yielding to anything
		 * else runnable, then sleep. */
		long until = jobs_ns() + JOBS_SPIN_NS;
		unsigned g;
		for (unsigned k = 0; (g = atomic_load(&jobs_pool.gen)) == seen; k++) {
			if ((k & 15) == 15 && jobs_ns() > until) {
				pthread_mutex_lock(&jobs_pool.lock);
				while ((g = atomic_load(&jobs_pool.gen)) == seen)
					pthread_cond_wait(&jobs_pool.wake, &jobs_pool.lock);
				pthread_mutex_unlock(&jobs_pool.lock);
				break;
			}
			jobs_relax();
		}
		seen = g;
		bool quit = jobs_pool.quit;
		if (!quit && worker < jobs_pool.threads)
			jobs_take(worker);
		if (atomic_fetch_sub(&jobs_pool.pending, 1) == 1) {
			pthread_mutex_lock(&jobs_pool.lock);
			pthread_cond_signal(&jobs_pool.done);
			pthread_mutex_unlock(&jobs_pool.lock);
		}
		if (quit)
			return NULL;
	}
}

/* Start workers up to threads - 1 (called with run_lock held). */
static void jobs_grow(int threads)
{
	if (threads > JOBS_MAX_THREADS)
		threads = JOBS_MAX_THREADS;
	if (jobs_pool.started >= threads - 1)
		return;
	/* A new thread tends to start on its maker's CPU and to move to an
	 * idle one only when the scheduler next balances, milliseconds later:
	 * each starts on another CPU than ours, in turn, and is let go there. */
	if (!jobs_pool.have_allowed)
		jobs_pool.have_allowed = sched_getaffinity(0, sizeof jobs_pool.allowed, &jobs_pool.allowed) == 0;
	int ncpu = 0, cpus[CPU_SETSIZE], here = sched_getcpu();
	for (int c = 0; jobs_pool.have_allowed && c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &jobs_pool.allowed) && c != here)
			cpus[ncpu++] = c;
	while (jobs_pool.started < threads - 1) {
		int w = jobs_pool.started + 1;
		jobs_pool.born[w] = atomic_load(&jobs_pool.gen);
		pthread_attr_t attr;
		pthread_attr_init(&attr);
		if (ncpu > 0) {
			jobs_pool.placed = true;
			cpu_set_t one;
			CPU_ZERO(&one);
			CPU_SET(cpus[(w - 1) % ncpu], &one);
			pthread_attr_setaffinity_np(&attr, sizeof one, &one);
		}
		int rc = pthread_create(&jobs_pool.tid[w], &attr, jobs_worker, (void *)(intptr_t)w);
		pthread_attr_destroy(&attr);
		if (rc != 0)
			break; /* fewer threads: the caller's own still runs every item */
		jobs_pool.started++;
	}
}

/* Wait until every worker has answered the current gen (run_lock held). */
static void jobs_wait_pending(void)
{
	long until = jobs_ns() + JOBS_SPIN_NS;
	for (unsigned k = 0; atomic_load(&jobs_pool.pending) > 0; k++) {
		if ((k & 15) == 15 && jobs_ns() > until) {
			pthread_mutex_lock(&jobs_pool.lock);
			while (atomic_load(&jobs_pool.pending) > 0)
				pthread_cond_wait(&jobs_pool.done, &jobs_pool.lock);
			pthread_mutex_unlock(&jobs_pool.lock);
			return;
		}
		jobs_relax();
	}
}

/* Start a gen for every worker (run_lock held, the run's fields set). */
static void jobs_signal(void)
{
	atomic_store(&jobs_pool.pending, jobs_pool.started);
	pthread_mutex_lock(&jobs_pool.lock);
	atomic_fetch_add(&jobs_pool.gen, 1);
	pthread_cond_broadcast(&jobs_pool.wake);
	pthread_mutex_unlock(&jobs_pool.lock);
}

void jobs_stop(void)
{
	pthread_mutex_lock(&jobs_pool.run_lock);
	if (jobs_pool.started) {
		jobs_pool.quit = true;
		jobs_signal();
		for (int w = 1; w <= jobs_pool.started; w++)
			pthread_join(jobs_pool.tid[w], NULL);
		jobs_pool.quit = false;
		jobs_pool.started = 0;
	}
	pthread_mutex_unlock(&jobs_pool.run_lock);
}

void jobs_warm(int threads)
{
	pthread_mutex_lock(&jobs_pool.run_lock);
	jobs_grow(threads);
	pthread_mutex_unlock(&jobs_pool.run_lock);
}

void jobs_run(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx)
{
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > n)
		threads = n ? (int)n : 1;
	if (threads == 1 || jobs_in_job) {
		for (size_t i = 0; i < n; i++)
			fn(ctx, i, 0);
		return;
	}
	pthread_mutex_lock(&jobs_pool.run_lock);
	jobs_grow(threads);
	jobs_pool.fn = fn;
	jobs_pool.ctx = ctx;
	jobs_pool.n = n;
	jobs_pool.threads = threads;
	atomic_store(&jobs_pool.next, 0);
	/* Every worker answers each run, taking part or not, so that none
	 * can miss one; the next run waits for all of them. */
	jobs_signal();
	jobs_take(0);
	jobs_wait_pending();
	pthread_mutex_unlock(&jobs_pool.run_lock);
}

/* jobs_run_ordered's run: the caller's fn and ctx, a buffer per item for
 * its messages, and the bar. */
struct jobs_ordered {
	void (*fn)(void *ctx, size_t i, int worker);
	void *ctx;
	struct strbuf *msgs;
	bool demote;
	struct progress *bar;
};

static void jobs_ordered_one(void *ctx, size_t i, int worker)
{
	struct jobs_ordered *o = ctx;
	diag_capture_begin(&o->msgs[i], o->demote);
	o->fn(o->ctx, i, worker);
	diag_capture_end();
	progress_tick(o->bar);
}

void jobs_run_ordered(size_t n, int threads, bool demote, struct progress *bar,
		      void (*fn)(void *ctx, size_t i, int worker), void *ctx)
{
	struct jobs_ordered o = { fn, ctx, xcalloc(n + 1, sizeof *o.msgs), demote, bar };
	jobs_run(n, threads, jobs_ordered_one, &o);
	progress_done(bar); /* a bar left on the line would run into the messages */
	for (size_t i = 0; i < n; i++) {
		diag_flush(&o.msgs[i]);
		strbuf_release(&o.msgs[i]);
	}
	free(o.msgs);
}
