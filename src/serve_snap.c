/* serve_snap: in-memory snapshot of the output folder; see serve_snap.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "serve_snap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "diag.h"
#include "gzip.h"
#include "imgfmt.h"
#include "xalloc.h"

/* Feed readers poll often: a short max-age keeps new posts quick to show
 * while ETags make the polls cheap. Cards are fetched once per post and
 * rarely change, so they may be kept long. */
#define SERVE_SNAP_CC_FEED "public, max-age=300"
#define SERVE_SNAP_CC_IMAGE "public, max-age=604800"
#define SERVE_SNAP_CC_HTML "public, max-age=60"
#define SERVE_SNAP_CC_OTHER "public, max-age=3600"

const char *serve_snap_type(const char *name)
{
	static const char *const by_name[][2] = {
		{ "rss.xml", "application/rss+xml; charset=utf-8" },
		{ "atom.xml", "application/atom+xml; charset=utf-8" },
		{ "feed.json", "application/feed+json; charset=utf-8" },
	};
	static const char *const by_ext[][2] = {
		{ ".html", "text/html; charset=utf-8" },   { ".htm", "text/html; charset=utf-8" },
		{ ".xml", "application/xml; charset=utf-8" }, { ".json", "application/json; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },   { ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" }, { ".ico", "image/vnd.microsoft.icon" },
	};
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	for (size_t i = 0; i < sizeof by_name / sizeof *by_name; i++)
		if (strcmp(base, by_name[i][0]) == 0)
			return by_name[i][1];
	const char *dot = strrchr(base, '.');
	for (size_t i = 0; dot && i < sizeof by_ext / sizeof *by_ext; i++)
		if (strcasecmp(dot, by_ext[i][0]) == 0)
			return by_ext[i][1];
	const char *image = imgfmt_mime_of(base);
	/* A safe default: browsers do not render it, and nosniff stops guessing. */
	return image ? image : "application/octet-stream";
}

static const char *serve_snap_cache_control(const char *type)
{
	if (strncmp(type, "application/rss+xml", 19) == 0 || strncmp(type, "application/atom+xml", 20) == 0 ||
	    strncmp(type, "application/feed+json", 21) == 0)
		return SERVE_SNAP_CC_FEED;
	if (strncmp(type, "image/", 6) == 0)
		return SERVE_SNAP_CC_IMAGE;
	if (strncmp(type, "text/html", 9) == 0)
		return SERVE_SNAP_CC_HTML;
	return SERVE_SNAP_CC_OTHER;
}

static bool serve_snap_compressible(const char *type)
{
	return strncmp(type, "text/", 5) == 0 || strstr(type, "xml") || strstr(type, "json");
}

/* fsout's temporary files: "<name>.tmp.XXXXXX". */
static bool serve_snap_is_temp(const char *name)
{
	size_t n = strlen(name);
	return n > 11 && memcmp(name + n - 11, ".tmp.", 5) == 0;
}

struct serve_snap_loader {
	struct serve_snap *snap;
	char *root_real; /* realpath of the folder, for the symlink check */
	size_t cap;
};

/* Read the open file fd (size from st) into f. */
static int serve_snap_read(const char *path, int fd, const struct stat *st, struct serve_snap_file *f)
{
	size_t len = (size_t)st->st_size, got = 0;
	unsigned char *buf = xmalloc(len + 1);
	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			diag_error(path, 0, 0, "cannot read for serving: %s",
				   r < 0 ? strerror(errno) : "the file shrank while being read");
			free(buf);
			return -1;
		}
		got += (size_t)r;
	}
	f->data = buf;
	f->len = len;
	f->mtime = st->st_mtime;
	return 0;
}

static void serve_snap_add(struct serve_snap_loader *L, const char *path, const char *rel)
{
	struct serve_snap *s = L->snap;
	if (s->count >= SERVE_SNAP_MAX_FILES) {
		diag_warning(path, 0, 0, "more than %d files in the output folder: not served", SERVE_SNAP_MAX_FILES);
		return;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag_warning(path, 0, 0, "cannot open for serving: %s", strerror(errno));
		return;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	if ((size_t)st.st_size > SERVE_SNAP_MAX_FILE_BYTES ||
	    s->bytes + (size_t)st.st_size > SERVE_SNAP_MAX_TOTAL_BYTES) {
		diag_warning(path, 0, 0, "too large to serve (%lld bytes; a file may have %zu, all files %zu)",
			     (long long)st.st_size, SERVE_SNAP_MAX_FILE_BYTES, SERVE_SNAP_MAX_TOTAL_BYTES);
		close(fd);
		return;
	}
	struct serve_snap_file f = { 0 };
	int rc = serve_snap_read(path, fd, &st, &f);
	close(fd);
	if (rc != 0)
		return;
	f.key = xstrdup(rel);
	f.type = serve_snap_type(rel);
	f.cache_control = serve_snap_cache_control(f.type);
	unsigned long long h = cache_hash(0, f.data, f.len);
	snprintf(f.etag, sizeof f.etag, "\"%016llx\"", h);
	snprintf(f.etag_gz, sizeof f.etag_gz, "\"%016llx-gz\"", h);
	if (serve_snap_compressible(f.type) && f.len > 0 &&
	    gzip_compress(f.data, f.len, &f.gz, &f.gz_len) == 0 && f.gz_len >= f.len) {
		free(f.gz);
		f.gz = NULL;
		f.gz_len = 0;
	}
	if (s->count == L->cap) {
		L->cap = L->cap ? L->cap * 2 : 64;
		s->files = xreallocarray(s->files, L->cap, sizeof *s->files);
	}
	s->files[s->count++] = f;
	s->bytes += f.len + f.gz_len;
}

static void serve_snap_walk(struct serve_snap_loader *L, const char *dir, const char *rel, int depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		diag_warning(dir, 0, 0, "cannot read folder for serving: %s", strerror(errno));
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || serve_snap_is_temp(e->d_name))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		char *sub = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		struct stat st;
		if (lstat(path, &st) != 0) {
			/* removed since readdir: nothing to serve */
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < SERVE_SNAP_MAX_DEPTH)
				serve_snap_walk(L, path, sub, depth + 1);
			else
				diag_warning(path, 0, 0, "nested more than %d folders deep: not served",
					     SERVE_SNAP_MAX_DEPTH);
		} else if (S_ISREG(st.st_mode)) {
			serve_snap_add(L, path, sub);
		} else if (S_ISLNK(st.st_mode)) {
			/* Served only when the target is a file inside the folder. */
			char *target = realpath(path, NULL);
			size_t rl = strlen(L->root_real);
			struct stat tst;
			if (!target)
				diag_warning(path, 0, 0, "broken symbolic link: not served");
			else if (strncmp(target, L->root_real, rl) != 0 || target[rl] != '/')
				diag_warning(path, 0, 0, "symbolic link to %s, outside the output folder: not served",
					     target);
			else if (stat(target, &tst) == 0 && S_ISREG(tst.st_mode))
				serve_snap_add(L, target, sub);
			free(target);
		}
		free(sub);
		free(path);
	}
	closedir(d);
}

static int serve_snap_cmp(const void *a, const void *b)
{
	return strcmp(((const struct serve_snap_file *)a)->key, ((const struct serve_snap_file *)b)->key);
}

static void serve_snap_index(struct serve_snap *s)
{
	size_t n = 16;
	while (n < s->count * 2)
		n *= 2;
	s->slots = xcalloc(n, sizeof *s->slots);
	s->mask = n - 1;
	for (size_t i = 0; i < s->count; i++) {
		const char *k = s->files[i].key;
		size_t h = (size_t)cache_hash(0, k, strlen(k)) & s->mask;
		while (s->slots[h])
			h = (h + 1) & s->mask;
		s->slots[h] = i + 1;
	}
}

int serve_snap_load(const char *dir, struct serve_snap **out)
{
	struct serve_snap *s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	struct serve_snap_loader L = { s, NULL, 0 };
	struct stat st;
	if (stat(dir, &st) != 0) {
		diag_warning(dir, 0, 0, "the output folder does not exist yet: serving nothing");
	} else if (!S_ISDIR(st.st_mode)) {
		diag_error(dir, 0, 0, "the output folder is not a folder");
		serve_snap_free(s);
		return -1;
	} else {
		L.root_real = realpath(dir, NULL);
		if (!L.root_real) {
			diag_error(dir, 0, 0, "cannot resolve the output folder: %s", strerror(errno));
			serve_snap_free(s);
			return -1;
		}
		serve_snap_walk(&L, dir, "", 0);
		free(L.root_real);
	}
	if (s->count)
		qsort(s->files, s->count, sizeof *s->files, serve_snap_cmp);
	serve_snap_index(s);
	*out = s;
	return 0;
}

void serve_snap_free(struct serve_snap *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->count; i++) {
		free(s->files[i].key);
		free(s->files[i].data);
		free(s->files[i].gz);
	}
	free(s->files);
	free(s->slots);
	free(s->dir);
	free(s);
}

const struct serve_snap_file *serve_snap_find(const struct serve_snap *s, const char *key)
{
	size_t h = (size_t)cache_hash(0, key, strlen(key)) & s->mask;
	while (s->slots[h]) {
		const struct serve_snap_file *f = &s->files[s->slots[h] - 1];
		if (strcmp(f->key, key) == 0)
			return f;
		h = (h + 1) & s->mask;
	}
	return NULL;
}
