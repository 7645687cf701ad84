/* fsout: every file feedcard writes goes through here.
 *
 * Files are written to a temporary file in the target folder, flushed and
 * renamed into place, so a reader or a crashed build never sees a partial
 * file and a failed build never loses the previous output. */
#ifndef FEEDCARD_FSOUT_H
#define FEEDCARD_FSOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Like fsout_write but without flushing to disk first: for caches such as
 * .feedcard-state, where a file lost or emptied by a power cut only costs a
 * full build (readers check what they read). Returns 0, or -1 after a diag. */
int fsout_write_cache(const char *path, const void *data, size_t len);

/* mkdir -p path (mode 0755). Reports through diag and returns -1 on failure. */
int fsout_mkdirs(const char *path);

/* Atomically replace path with len bytes of data, creating parent folders.
 * When the file already holds exactly these bytes it is left alone and
 * *unchanged (if non-NULL) is set to true. Returns 0, or -1 after a diag. */
int fsout_write(const char *path, const void *data, size_t len, bool *unchanged);

/* A batch of files replaced together below one output folder (the root).
 * Every file is first written to a temporary file in <root>/.feedcard-tmp/
 * (the same file system, so the final rename is atomic); commit flushes them
 * all to disk with one syncfs() (when one replaces an existing file) and
 * then renames each into place, in the
 * order they were staged. If any write fails, abort removes the temporary
 * files and no target is touched. A target whose folder resolves outside the
 * root (through a symbolic link) is refused. Temporary files left by a killed
 * build are removed when the next batch starts. */
struct fsout_batch;

/* A new, empty batch writing below root (created if missing). NULL after a
 * diag when root cannot be created. Free with fsout_batch_commit or
 * fsout_batch_abort. */
struct fsout_batch *fsout_batch_new(const char *root);
/* Stage len bytes for path, which must lie below the root (unchanged files
 * are skipped and *unchanged set). Safe to call from several threads at
 * once. Returns 0, or -1 after a diag. */
int fsout_batch_write(struct fsout_batch *b, const char *path, const void *data, size_t len,
		      bool *unchanged);
/* A file staged as it is written, for outputs too big to hold whole: the
 * same checks and the same temporary folder as fsout_batch_write. NULL after
 * a diag. Write with fsout_stream_write (-1 after a diag; later writes do
 * nothing), then fsout_stream_finish: with keep, the file joins the batch
 * (or, when the target already holds the same bytes, is dropped and
 * *unchanged set) and 0 or -1 after a diag is returned; without keep it is
 * dropped and 0 returned. Either frees the stream. One thread a stream. */
struct fsout_stream;
struct fsout_stream *fsout_batch_stream(struct fsout_batch *b, const char *path);
int fsout_stream_write(struct fsout_stream *s, const void *data, size_t len);
int fsout_stream_finish(struct fsout_batch *b, struct fsout_stream *s, bool keep, bool *unchanged);

/* Flush and rename every staged file, then free the batch. Returns 0, or -1
 * after a diag (files renamed before the failure stay replaced). */
int fsout_batch_commit(struct fsout_batch *b);
/* Remove every staged temporary file and free the batch; NULL does nothing. */
void fsout_batch_abort(struct fsout_batch *b);

/* Copy the file src to dst atomically (same rules as fsout_write). */
int fsout_copy(const char *src, const char *dst, bool *unchanged);

/* True when dir, resolved the slow way (realpath of its deepest existing
 * ancestor), lies inside root_real (a realpath). */
bool fsout_dir_inside(const char *root_real, const char *dir);

/* fopen(path, "r") for a regular file only: a FIFO or a device named like
 * one of feedcard's files must not block or feed it; NULL otherwise. */
FILE *fsout_fopen_regular(const char *path);

/* Read a whole file (at most max bytes) into a NUL-terminated buffer that the
 * caller frees. Returns 0, or -1 after a diag naming the file. */
int fsout_read_file(const char *path, size_t max, char **data, size_t *len);

/* The same for the file name in the folder open as dirfd (AT_FDCWD: name is
 * a path), reported and noted as the build's input under path. */
int fsout_read_file_at(int dirfd, const char *name, const char *path, size_t max, char **data,
		       size_t *len);

/* qsort's comparison for an array of strings (char *): bytewise, the order
 * every listing and manifest of feedcard's is sorted in. */
int fsout_cmp_paths(const void *a, const void *b);

/* The names in dir that keep accepts (given each name and its d_type, which
 * may be DT_UNKNOWN), sorted with fsout_cmp_paths and NULL-terminated, with
 * *n set to how many; NULL when dir cannot be listed. Caller frees each name
 * and the array. */
char **fsout_dir_names(const char *dir, bool (*keep)(const char *name, unsigned char type), size_t *n);

/* Join two path pieces with exactly one '/' between them. Caller frees.
 * An absolute b is returned as is. */
char *fsout_join(const char *a, const char *b);

/* The folder part of path ("." when there is none). Caller frees. */
char *fsout_dirname(const char *path);

#endif
