/* progress: a one-line progress bar (done/total, rate, ETA) on a terminal,
 * silent when stderr is not one. Ticks may come from any thread. */
#ifndef FEEDCARD_PROGRESS_H
#define FEEDCARD_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress;

/* A bar for total items of what ("cards"); NULL (no bar) when stderr is not
 * a terminal, quiet is set, or total is 0. All functions accept NULL. */
struct progress *progress_new(const char *what, size_t total, bool quiet);
/* One more item done; redraws at most every 100 ms. */
void progress_tick(struct progress *p);
/* Erase the bar and free it. */
void progress_done(struct progress *p);

#endif
