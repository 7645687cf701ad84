/* jobs: run fn(ctx, i, worker) for i in [0, n) on a fixed set of pthreads. Results
 * are stored by index, so output never depends on the number of threads. */
#ifndef FEEDCARD_JOBS_H
#define FEEDCARD_JOBS_H

#include <stddef.h>

/* The number of online cores (at least 1). */
int jobs_default_threads(void);

/* Call fn(ctx, i, worker) once for every i in [0, n), on up to threads
 * threads (the caller's thread is one of them); worker in [0, threads) names
 * the thread, for per-thread state such as a card renderer. Returns when all
 * calls are done. */
void jobs_run(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx);

#endif
