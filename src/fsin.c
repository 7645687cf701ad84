/* fsin: reading files and folders; see fsin.h. */
#define _DEFAULT_SOURCE /* d_type */
#include "fsin.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "state.h"
#include "xalloc.h"

FILE *fsin_fopen_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	FILE *f = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		f = fdopen(fd, "r");
	if (!f)
		close(fd);
	return f;
}

int fsin_read_file(const char *path, size_t max, char **data, size_t *len)
{
	return fsin_read_file_at(AT_FDCWD, path, path, max, data, len);
}

int fsin_read_file_at(int dirfd, const char *name, const char *path, size_t max, char **data,
		      size_t *len)
{
	/* O_NONBLOCK: a FIFO named like a post must not hang the build. */
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(path, 0, 0, "cannot read: not a regular file");
		close(fd);
		return -1;
	}
	state_note_input(path, &st);
	if ((unsigned long long)st.st_size > max) {
		diag_error(path, 0, 0, "file is too large (%lld bytes; the limit is %zu)",
			   (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 2, n = 0; /* room to see the end */
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max + 1) {
				diag_error(path, 0, 0, "file is too large (the limit is %zu bytes)", max);
				free(buf);
				close(fd);
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		/* A regular file read short at its size has ended: no second
		 * read to learn it (one system call a post). */
		if (n == (size_t)st.st_size && n + 1 < cap)
			break;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int fsin_cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **fsin_dir_names(const char *dir, bool (*keep)(const char *name, unsigned char type), size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = xcalloc(1, sizeof *names);
	for (struct dirent *e; (e = readdir(d));) {
		if (!keep(e->d_name, e->d_type))
			continue;
		names = xreallocarray(names, *n + 2, sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
		names[*n] = NULL;
	}
	closedir(d);
	qsort(names, *n, sizeof *names, fsin_cmp_paths);
	return names;
}
