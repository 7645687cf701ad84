/* fsout: atomic file output; see fsout.h. */
#define _GNU_SOURCE /* syncfs */
#include "fsout.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "path.h"
#include "state.h"
#include "xalloc.h"

int fsout_mkdirs(const char *path)
{
	/* A folder that exists costs one call; a missing one is made from the
	 * deepest existing ancestor down, never asking about the levels above. */
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (mkdir(path, 0755) == 0)
		return 0;
	int err = errno;
	if (err == ENOENT || err == ENOTDIR) { /* ENOTDIR: find the file in the way */
		char *up = path_dirname(path);
		bool top = strcmp(up, path) == 0; /* "/" or ".": nothing above to make */
		if (top)
			diag_error(path, 0, 0, "cannot create folder: %s", strerror(err));
		int rc = top ? -1 : fsout_mkdirs(up);
		free(up);
		if (rc != 0)
			return -1;
		if (mkdir(path, 0755) == 0)
			return 0;
		err = errno;
	}
	if (err == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (err == EEXIST)
		diag_error(path, 0, 0, "cannot create folder: a file of that name is in the way");
	else
		diag_error(path, 0, 0, "cannot create folder: %s", strerror(err));
	return -1;
}

/* True when the file at path holds exactly these bytes. */
static bool fsout_same(const char *path, const void *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool same = true;
	char buf[65536];
	size_t off = 0;
	while (off < len) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0 || (size_t)n > len - off || memcmp(buf, (const char *)data + off, (size_t)n)) {
			same = false;
			break;
		}
		off += (size_t)n;
	}
	close(fd);
	return same;
}

/* Make path's folder and a new temporary file for it (in tmpdir, else
 * beside path). Returns its descriptor with *tmp its name (caller frees),
 * or -1 after a diag. */
static int fsout_tmp_open(const char *path, const char *tmpdir, char **tmp)
{
	char *dir = path_dirname(path);
	int rc = fsout_mkdirs(dir);
	free(dir);
	if (rc != 0)
		return -1;
	*tmp = tmpdir ? xasprintf("%s/XXXXXX", tmpdir) : xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

/* Write all len bytes of data to fd. Returns 0, or -1 after a diag naming
 * path. */
static int fsout_write_all(int fd, const char *path, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_error(path, 0, 0, "cannot write: %s", n < 0 ? strerror(errno) : "short write");
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Give a written temporary file its mode (and with sync, flush it), then
 * close it, whatever happens. Returns 0, or -1 after a diag naming path. */
static int fsout_tmp_close(int fd, const char *path, bool sync)
{
	int rc = 0;
	if (fchmod(fd, 0644) != 0 || (sync && fsync(fd) != 0)) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	if (close(fd) != 0 && rc == 0) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	return rc;
}

/* Write data to a new temporary file (in tmpdir, else beside path); returns
 * its name (caller frees) or NULL after a diag. With sync, the data is
 * flushed first. */
static char *fsout_stage(const char *path, const char *tmpdir, const void *data, size_t len,
			 bool sync)
{
	char *tmp;
	int fd = fsout_tmp_open(path, tmpdir, &tmp);
	if (fd < 0)
		return NULL;
	int rc = fsout_write_all(fd, path, data, len);
	if (rc != 0)
		close(fd);
	else
		rc = fsout_tmp_close(fd, path, sync);
	if (rc != 0) {
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

static int fsout_rename(const char *tmp, const char *path)
{
	if (rename(tmp, path) != 0) {
		diag_error(path, 0, 0, "cannot replace file: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Stage data beside path (flushed to disk with sync) and rename it there. */
static int fsout_replace(const char *path, const void *data, size_t len, bool sync)
{
	char *tmp = fsout_stage(path, NULL, data, len, sync);
	if (!tmp)
		return -1;
	int rc = fsout_rename(tmp, path);
	free(tmp);
	return rc;
}

int fsout_write(const char *path, const void *data, size_t len, bool *unchanged)
{
	if (unchanged)
		*unchanged = false;
	if (fsout_same(path, data, len)) {
		if (unchanged)
			*unchanged = true;
		return 0;
	}
	return fsout_replace(path, data, len, true);
}

int fsout_write_cache(const char *path, const void *data, size_t len)
{
	return fsout_replace(path, data, len, false);
}

struct fsout_batch {
	pthread_mutex_t lock; /* staging may happen on several threads */
	char *root;           /* the root as given */
	char *root_real;      /* the root, resolved */
	GHashTable *checked;  /* folders below root known to be inside it */
	bool replaces;        /* a staged file will replace an existing one */
	char *tmpdir;
	char **tmp, **path;
	size_t count, cap;
};

/* Remove the files in dir (not recursively); the folder stays. */
static void fsout_clear_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		char *p = path_join(dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
}

struct fsout_batch *fsout_batch_new(const char *root)
{
	if (fsout_mkdirs(root) != 0)
		return NULL;
	char resolved[PATH_MAX];
	if (!realpath(root, resolved)) {
		diag_error(root, 0, 0, "cannot resolve the output folder: %s", strerror(errno));
		return NULL;
	}
	struct fsout_batch *b = xcalloc(1, sizeof *b);
	pthread_mutex_init(&b->lock, NULL);
	b->root = xstrdup(root);
	b->root_real = xstrdup(resolved);
	b->checked = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	b->tmpdir = path_join(resolved, ".feedcard-tmp");
	fsout_clear_dir(b->tmpdir); /* left by a build that was killed */
	if (mkdir(b->tmpdir, 0755) != 0 && errno != EEXIST) {
		diag_error(b->tmpdir, 0, 0, "cannot create folder: %s", strerror(errno));
		fsout_batch_abort(b);
		return NULL;
	}
	return b;
}

/* True when dir lies inside the batch's root. For a dir written as
 * root/a/b/c, each of root/a, root/a/b, root/a/b/c is looked at once per
 * batch: a real folder (or one not made yet) stays inside; a symbolic link
 * is resolved and must lead inside. Anything else takes the slow way. */
static bool fsout_inside(struct fsout_batch *b, const char *dir)
{
	size_t rl = strlen(b->root);
	if (strncmp(dir, b->root, rl) != 0 || (dir[rl] != '/' && dir[rl] != '\0'))
		return path_dir_inside(b->root_real, dir);
	char *p = xstrdup(dir);
	bool inside = true;
	for (char *c = p + rl; inside && *c;) {
		while (*c == '/')
			c++;
		if (!*c)
			break;
		char *end = strchr(c, '/');
		char saved = end ? *end : '\0';
		if (end)
			*end = '\0';
		pthread_mutex_lock(&b->lock);
		bool known = g_hash_table_contains(b->checked, p);
		pthread_mutex_unlock(&b->lock);
		if (!known) {
			struct stat st;
			if (lstat(p, &st) != 0) {
				if (end)
					*end = saved;
				break; /* made by us from here on: real folders */
			}
			if (S_ISLNK(st.st_mode))
				inside = path_dir_inside(b->root_real, p);
			else if (!S_ISDIR(st.st_mode))
				inside = true; /* a file in the way: staging reports it */
			if (inside) {
				pthread_mutex_lock(&b->lock);
				g_hash_table_add(b->checked, xstrdup(p));
				pthread_mutex_unlock(&b->lock);
			}
		}
		if (end)
			*end = saved;
		c = end ? end : c + strlen(c);
	}
	free(p);
	return inside;
}

/* The checks before staging path: inside the root, no folder in the way.
 * Sets *st and returns whether the target exists (as lstat sees it), or -1
 * after a diag. */
static int fsout_batch_target(struct fsout_batch *b, const char *path, struct stat *st)
{
	char *dir = path_dirname(path);
	bool inside = fsout_inside(b, dir);
	free(dir);
	if (!inside) {
		diag_error(path, 0, 0, "refusing to write outside the output folder %s "
				       "(a symbolic link leads out of it)", b->root_real);
		return -1;
	}
	state_note_output(path);
	bool exists = lstat(path, st) == 0;
	if (exists && S_ISDIR(st->st_mode)) {
		diag_error(path, 0, 0, "cannot write: a folder of that name is in the way");
		return -1;
	}
	return exists;
}

/* Add a staged temporary file for path to the batch (takes tmp). */
static void fsout_batch_add(struct fsout_batch *b, char *tmp, const char *path, bool exists)
{
	pthread_mutex_lock(&b->lock);
	if (b->count == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->tmp = xreallocarray(b->tmp, b->cap, sizeof *b->tmp);
		b->path = xreallocarray(b->path, b->cap, sizeof *b->path);
	}
	b->tmp[b->count] = tmp;
	b->path[b->count++] = xstrdup(path);
	if (exists)
		b->replaces = true;
	pthread_mutex_unlock(&b->lock);
}

int fsout_batch_write(struct fsout_batch *b, const char *path, const void *data, size_t len,
		      bool *unchanged)
{
	if (unchanged)
		*unchanged = false;
	struct stat st;
	int exists = fsout_batch_target(b, path, &st);
	if (exists < 0)
		return -1;
	if (exists && !S_ISLNK(st.st_mode) && fsout_same(path, data, len)) {
		if (unchanged)
			*unchanged = true;
		return 0;
	}
	char *tmp = fsout_stage(path, b->tmpdir, data, len, false);
	if (!tmp)
		return -1;
	fsout_batch_add(b, tmp, path, exists);
	return 0;
}

struct fsout_stream {
	char *path, *tmp;
	int fd;
	bool exists, failed;
	struct stat st; /* the target's, when it exists */
};

struct fsout_stream *fsout_batch_stream(struct fsout_batch *b, const char *path)
{
	struct stat st;
	int exists = fsout_batch_target(b, path, &st);
	if (exists < 0)
		return NULL;
	char *tmp;
	int fd = fsout_tmp_open(path, b->tmpdir, &tmp);
	if (fd < 0)
		return NULL;
	struct fsout_stream *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->tmp = tmp;
	s->fd = fd;
	s->exists = exists;
	s->st = st;
	return s;
}

int fsout_stream_write(struct fsout_stream *s, const void *data, size_t len)
{
	if (!s->failed && fsout_write_all(s->fd, s->path, data, len) != 0)
		s->failed = true;
	return s->failed ? -1 : 0;
}

/* True when the files at a and b hold the same bytes. */
static bool fsout_same_files(const char *a, const char *b)
{
	int fa = open(a, O_RDONLY | O_CLOEXEC), fb = open(b, O_RDONLY | O_CLOEXEC);
	bool same = fa >= 0 && fb >= 0;
	char *x = xmalloc(65536), *y = xmalloc(65536);
	while (same) {
		ssize_t n = read(fa, x, 65536);
		if (n < 0) {
			same = false;
			break;
		}
		ssize_t got = 0;
		while (got < n) {
			ssize_t m = read(fb, y + got, (size_t)(n - got));
			if (m <= 0)
				break;
			got += m;
		}
		if (got != n || memcmp(x, y, (size_t)n) != 0) {
			same = false;
			break;
		}
		if (n == 0) {
			same = read(fb, y, 1) == 0; /* both at their end */
			break;
		}
	}
	free(x);
	free(y);
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return same;
}

int fsout_stream_finish(struct fsout_batch *b, struct fsout_stream *s, bool keep, bool *unchanged)
{
	if (unchanged)
		*unchanged = false;
	int rc = -1;
	if (s->failed || !keep)
		close(s->fd);
	else
		rc = fsout_tmp_close(s->fd, s->path, false);
	struct stat ts;
	if (rc == 0 && s->exists && S_ISREG(s->st.st_mode) &&
	    stat(s->tmp, &ts) == 0 && ts.st_size == s->st.st_size && fsout_same_files(s->tmp, s->path)) {
		if (unchanged)
			*unchanged = true;
		unlink(s->tmp);
	} else if (rc == 0) {
		fsout_batch_add(b, s->tmp, s->path, s->exists);
		s->tmp = NULL;
	} else {
		unlink(s->tmp);
	}
	free(s->tmp);
	free(s->path);
	free(s);
	return keep ? rc : 0;
}

static void fsout_batch_free(struct fsout_batch *b)
{
	for (size_t i = 0; i < b->count; i++) {
		free(b->tmp[i]);
		free(b->path[i]);
	}
	free(b->tmp);
	free(b->path);
	if (b->tmpdir)
		rmdir(b->tmpdir);
	free(b->tmpdir);
	free(b->root);
	free(b->root_real);
	if (b->checked)
		g_hash_table_destroy(b->checked);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

int fsout_batch_commit(struct fsout_batch *b)
{
	int rc = 0;
	if (b->count && b->replaces) {
		/* One flush of the whole file system instead of one fsync a file.
		 * Only needed when a file is replaced: renaming unflushed data over
		 * an old file could, after a power cut, leave an empty file where
		 * the old one was. New files replace nothing, so a first build
		 * into an empty folder skips it. */
		int fd = open(b->tmp[0], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syncfs(fd) != 0) {
			diag_error(b->path[0], 0, 0, "cannot flush output to disk: %s", strerror(errno));
			rc = -1;
		}
		if (fd >= 0)
			close(fd);
	}
	for (size_t i = 0; i < b->count; i++) {
		if (rc == 0)
			rc = fsout_rename(b->tmp[i], b->path[i]);
		else
			unlink(b->tmp[i]);
	}
	fsout_batch_free(b);
	return rc;
}

void fsout_batch_abort(struct fsout_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->count; i++)
		unlink(b->tmp[i]);
	fsout_batch_free(b);
}
