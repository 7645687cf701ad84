/* serve_snap: an in-memory snapshot of the output folder, made once after
 * each build and then only read: for every servable file its bytes, a gzip
 * copy when that is smaller, strong ETags from the content hash, the
 * modification time, Content-Type and Cache-Control. Requests are answered
 * from a snapshot, never from the disk, so a reader gets the complete old
 * or the complete new output, and no request can name a file outside the
 * folder: what is not in the snapshot does not exist. */
#ifndef FEEDCARD_SERVE_SNAP_H
#define FEEDCARD_SERVE_SNAP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Limits of what is taken into a snapshot (documented in README-serve.md). */
#define SERVE_SNAP_MAX_FILE_BYTES ((size_t)64 << 20)
#define SERVE_SNAP_MAX_TOTAL_BYTES ((size_t)2 << 30)
#define SERVE_SNAP_MAX_FILES 200000
#define SERVE_SNAP_MAX_DEPTH 32

struct serve_snap_file {
	char *key;                 /* path relative to the folder, "blog/rss.xml" */
	const char *type;          /* Content-Type (static) */
	const char *cache_control; /* Cache-Control (static) */
	unsigned char *data;
	size_t len;
	unsigned char *gz; /* gzip copy, NULL when none (not text, or not smaller) */
	size_t gz_len;
	char etag[24];    /* "\"<16 hex digits>\"" of the content hash */
	char etag_gz[28]; /* the same with "-gz" inside the quotes */
	time_t mtime;
};

struct serve_snap {
	char *dir; /* the folder as given */
	struct serve_snap_file *files; /* sorted by key */
	size_t count;
	size_t bytes; /* total of data and gz */
	size_t *slots; /* open-addressing table of file index + 1; 0 = empty */
	size_t mask;   /* slot count - 1 */
};

/* Read every servable file under dir: regular files, and symbolic links
 * whose target stays inside dir. Names starting with '.' and fsout's
 * temporary files are left out, as are links leading out of dir (each with a
 * warning). A missing dir gives an empty snapshot with a warning. Returns
 * 0 with *out (free with serve_snap_free), or -1 after a diag. */
int serve_snap_load(const char *dir, struct serve_snap **out);

/* Free a snapshot; NULL does nothing. */
void serve_snap_free(struct serve_snap *s);

/* The file at key (relative path, no leading '/'), or NULL. Borrowed until
 * the snapshot is freed. */
const struct serve_snap_file *serve_snap_find(const struct serve_snap *s, const char *key);

/* The Content-Type served for a file name (a static string). */
const char *serve_snap_type(const char *name);

#endif
