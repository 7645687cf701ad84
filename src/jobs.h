/* jobs: run fn(ctx, i, worker) for i in [0, n) on a pool of threads kept
 * for the process. Results are stored by index, so output never depends on
 * the number of threads. */
#ifndef FEEDCARD_JOBS_H
#define FEEDCARD_JOBS_H

#include <stdbool.h>
#include <stddef.h>

struct progress;

/* The most threads a run may use; --jobs takes 1 to this. */
#define JOBS_MAX_THREADS 256

/* The number of online cores (at least 1). */
int jobs_default_threads(void);

/* Start the pool's threads for runs on up to threads threads now, so that
 * they are running when the first run comes (a build calls it first). */
void jobs_warm(int threads);

/* End the pool's threads (the next run starts them again); for tests and
 * leak checkers, which want no threads left at exit. */
void jobs_stop(void);

/* Call fn(ctx, i, worker) once for every i in [0, n), on up to threads
 * threads (the caller's thread is one of them, as worker 0); worker in
 * [0, threads) names the thread, for per-thread state such as a card
 * renderer. Returns when all calls are done. One run at a time: another
 * thread's call waits, and a call from inside fn runs its items itself. */
void jobs_run(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx);

/* jobs_run, with each call's diag messages kept apart (diag_capture_begin;
 * with demote, its errors become warnings) and printed in index order once
 * all calls are done, so that what a run prints never depends on which item
 * finished first or on the number of threads. Printed means passed to
 * diag_flush: into the caller's own capture when one is on. bar, NULL for
 * none, is ticked once an item (progress_tick) and erased and freed
 * (progress_done) before the messages are printed: the call takes
 * ownership of it. */
void jobs_run_ordered(size_t n, int threads, bool demote, struct progress *bar,
		      void (*fn)(void *ctx, size_t i, int worker), void *ctx);

#endif
