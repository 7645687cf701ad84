/* fsout: every file feedcard writes goes through here.
 *
 * Files are written to a temporary file in the target folder, flushed and
 * renamed into place, so a reader or a crashed build never sees a partial
 * file and a failed build never loses the previous output. */
#ifndef FEEDCARD_FSOUT_H
#define FEEDCARD_FSOUT_H

#include <stdbool.h>
#include <stddef.h>

/* mkdir -p path (mode 0755). Reports through diag and returns -1 on failure. */
int fsout_mkdirs(const char *path);

/* Atomically replace path with len bytes of data, creating parent folders.
 * When the file already holds exactly these bytes it is left alone and
 * *unchanged (if non-NULL) is set to true. Returns 0, or -1 after a diag. */
int fsout_write(const char *path, const void *data, size_t len, bool *unchanged);

/* Copy the file src to dst atomically (same rules as fsout_write). */
int fsout_copy(const char *src, const char *dst, bool *unchanged);

/* Read a whole file (at most max bytes) into a NUL-terminated buffer that the
 * caller frees. Returns 0, or -1 after a diag naming the file. */
int fsout_read_file(const char *path, size_t max, char **data, size_t *len);

/* Join two path pieces with exactly one '/' between them. Caller frees.
 * An absolute b is returned as is. */
char *fsout_join(const char *a, const char *b);

/* The folder part of path ("." when there is none). Caller frees. */
char *fsout_dirname(const char *path);

#endif
