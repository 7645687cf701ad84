/* bench_floor: the file-system work of a cold feeds build and nothing else,
 * to measure how close feedcard comes to it and what no feeds tool can beat
 * on this machine.
 *
 *     bench_floor CONTENT REFERENCE OUT
 *
 * Lists CONTENT recursively as feedcard's walk does (each folder opened
 * relative to its parent and read with getdents64) and reads every *.md
 * file whole; then writes every file under REFERENCE (a cold build's
 * output) to the same place under OUT the way feedcard writes its outputs:
 * folders made, each file written to a temporary file beside it and renamed
 * into place. No parsing, no rendering, one thread. Prints the counts. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long posts, post_bytes, files, file_bytes;

static char *read_all(int dirfd, const char *name, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = malloc(cap);
	ssize_t r;
	while (buf && (r = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	close(fd);
	*len = n;
	return buf;
}

/* Visit every entry under the folder name in pfd: fn(dirfd, name, rel,
 * is_dir); hidden entries only with hidden (feedcard's walk skips them; its
 * output has two: .feedcard-state and .feedcard-outputs). */
static void walk(int pfd, const char *name, const char *rel, int hidden,
		 void (*fn)(int, const char *, const char *, int))
{
	int fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "bench_floor: %s: %s\n", rel, strerror(errno));
		exit(1);
	}
	struct stat st;
	fstat(fd, &st); /* feedcard notes each folder's times */
	char buf[16384];
	ssize_t got;
	while ((got = getdents64(fd, buf, sizeof buf)) > 0) {
		for (ssize_t off = 0; off < got;) {
			struct dirent64 *e = (struct dirent64 *)(void *)(buf + off);
			off += e->d_reclen;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || (!hidden && e->d_name[0] == '.'))
				continue;
			char sub[4096];
			snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
			if (e->d_type == DT_DIR) {
				fn(fd, e->d_name, sub, 1);
				walk(fd, e->d_name, sub, hidden, fn);
			} else {
				fn(fd, e->d_name, sub, 0);
			}
		}
	}
	close(fd);
}

static void read_post(int dirfd, const char *name, const char *rel, int is_dir)
{
	(void)rel;
	size_t n = strlen(name), len;
	if (is_dir || n < 4 || strcmp(name + n - 3, ".md") != 0)
		return;
	char *text = read_all(dirfd, name, &len);
	if (text) {
		posts++;
		post_bytes += (long)len;
	}
	free(text);
}

static const char *out_root;

static void copy_out(int dirfd, const char *name, const char *rel, int is_dir)
{
	char dst[4096];
	snprintf(dst, sizeof dst, "%s/%s", out_root, rel);
	if (is_dir) {
		if (mkdir(dst, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "bench_floor: %s: %s\n", dst, strerror(errno));
			exit(1);
		}
		return;
	}
	size_t len;
	char *data = read_all(dirfd, name, &len);
	if (!data)
		return;
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", dst);
	int fd = mkstemp(tmp);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len || fchmod(fd, 0644) != 0 || close(fd) != 0 ||
	    rename(tmp, dst) != 0) {
		fprintf(stderr, "bench_floor: %s: %s\n", dst, strerror(errno));
		exit(1);
	}
	files++;
	file_bytes += (long)len;
	free(data);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench_floor CONTENT REFERENCE OUT\n");
		return 2;
	}
	walk(AT_FDCWD, argv[1], "", 0, read_post);
	out_root = argv[3];
	if (mkdir(out_root, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench_floor: %s: %s\n", out_root, strerror(errno));
		return 1;
	}
	walk(AT_FDCWD, argv[2], "", 1, copy_out);
	printf("%ld posts (%ld bytes) read, %ld files (%ld bytes) written\n", posts, post_bytes, files,
	       file_bytes);
	return 0;
}
