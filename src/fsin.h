/* fsin: reading the files and folders a build takes in.
 *
 * Reads never block on a FIFO or a device named like one of feedcard's
 * files, and never take more than a stated size. A file read whole here is
 * noted as the build's input (state_note_input), so that the fast path sees
 * it change. Nothing here writes. */
#ifndef FEEDCARD_FSIN_H
#define FEEDCARD_FSIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* fopen(path, "r") for a regular file only: a FIFO or a device named like
 * one of feedcard's files must not block or feed it. NULL (without a diag)
 * when path cannot be opened or is not a regular file; caller fcloses. */
FILE *fsin_fopen_regular(const char *path);

/* Read a whole regular file (at most max bytes) into a NUL-terminated
 * buffer that the caller frees, with *len its length. Returns 0, or -1
 * after a diag naming the file (missing, not a regular file, too large,
 * unreadable); *data and *len are set only on success. */
int fsin_read_file(const char *path, size_t max, char **data, size_t *len);

/* The same for the file name in the folder open as dirfd (AT_FDCWD: name
 * is a path), reported in messages and noted as the build's input under
 * path. */
int fsin_read_file_at(int dirfd, const char *name, const char *path, size_t max, char **data,
		      size_t *len);

/* qsort's comparison for an array of strings (char *): bytewise, the order
 * every listing and manifest of feedcard's is sorted in. */
int fsin_cmp_paths(const void *a, const void *b);

/* The names in dir that keep accepts (given each name and its d_type, which
 * may be DT_UNKNOWN), sorted with fsin_cmp_paths and NULL-terminated, with
 * *n set to how many; NULL (no diag) when dir cannot be listed. "." and
 * ".." are offered to keep like any name. Caller frees each name and the
 * array. */
char **fsin_dir_names(const char *dir, bool (*keep)(const char *name, unsigned char type), size_t *n);

#endif
