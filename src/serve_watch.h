/* serve_watch: inotify watches on everything a build reads, for
 * feedcard serve --watch: the config file's folder, the content folder and
 * every folder below it that the walk enters (see scan.h), the card
 * template's folder, and the bundled
 * templates/ and fonts/. Changes inside the output folder, hidden files and
 * editor backups are ignored, so the build's own writes never trigger a
 * rebuild. */
#ifndef FEEDCARD_SERVE_WATCH_H
#define FEEDCARD_SERVE_WATCH_H

#include <stdbool.h>

#include "config.h"

/* Limits of the watch set (documented in README-serve.md). */
#define SERVE_WATCH_MAX_DEPTH 32
#define SERVE_WATCH_MAX_DIRS 65536

struct serve_watch;

/* Watch what a build of cfg (borrowed) reads. Folders that cannot be
 * watched get a warning. Returns a watcher (free with serve_watch_free), or
 * NULL after a diag when inotify itself is unavailable. */
struct serve_watch *serve_watch_new(const struct config *cfg);

/* The descriptor to poll for readability. */
int serve_watch_fd(const struct serve_watch *w);

/* Read every pending event without blocking; true when one of them calls
 * for a rebuild (or events were lost). */
bool serve_watch_changed(struct serve_watch *w);

/* Stop watching and free; NULL does nothing. */
void serve_watch_free(struct serve_watch *w);

#endif
