/* fsout: every file feedcard writes goes through here, and only writing.
 *
 * Files are written to a temporary file in the target folder, flushed and
 * renamed into place, so a reader or a crashed build never sees a partial
 * file and a failed build never loses the previous output. Every file a
 * batch writes or leaves unchanged is noted as the build's output
 * (state_note_output). Reading is fsin's, naming paths path's. */
#ifndef FEEDCARD_FSOUT_H
#define FEEDCARD_FSOUT_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
