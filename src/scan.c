/* scan: collect *.md files; see scan.h. */
#define _GNU_SOURCE /* getdents64, d_type, DT_DIR, DT_REG */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fsout.h"
#include "jobs.h"
#include "state.h"
#include "strbuf.h"
#include "xalloc.h"

#define SCAN_MAX_DEPTH 64
#define SCAN_MAX_POSTS 1000000

/* What one walk (the top level, or one of its folders) found. */
struct scan_state {
	char **paths; /* posts */
	size_t count, cap;
	char **seen; /* "d" + a folder walked, "f" + another file or link */
	size_t nseen, seencap;
	char **subdirs; /* the top level only: folders left for the workers */
	size_t nsub, subcap;
	struct strbuf msgs;
};

static void scan_push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = s;
}

/* List dir into st; with defer, its folders are left in st->subdirs
 * instead of being walked now. */
static void scan_dir(struct scan_state *st, const char *dir, int depth, bool defer)
{
	if (depth > SCAN_MAX_DEPTH) {
		diag_warning(dir, 0, 0, "folders nested more than %d deep are not scanned", SCAN_MAX_DEPTH);
		return;
	}
	/* getdents64 on the folder rather than opendir, which would fstat it
	 * once more: in a blog of page bundles that is a system call a post. */
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
		return;
	}
	struct stat dst;
	if (fstat(fd, &dst) == 0)
		state_note_input(dir, &dst); /* a file added or removed changes it */
	scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("d%s", dir));
	char buf[16384];
	ssize_t got = 0, off = 0;
	for (;;) {
		if (off >= got) {
			got = getdents64(fd, buf, sizeof buf);
			off = 0;
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
			if (got <= 0)
				break;
		}
		struct dirent64 *e = (struct dirent64 *)(void *)(buf + off);
		off += e->d_reclen;
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(e->d_name);
		bool md = n > 3 && strcmp(e->d_name + n - 3, ".md") == 0;
		char *path = fsout_join(dir, e->d_name);
		/* The entry's type from readdir spares an lstat for the common
		 * cases: other files are only remembered, folders entered. */
		struct stat sb;
		if (e->d_type == DT_DIR) {
			sb.st_mode = S_IFDIR;
		} else if (e->d_type == DT_REG) {
			sb.st_mode = S_IFREG;
		} else if (lstat(path, &sb) != 0) {
			free(path);
			continue;
		}
		if (!md && S_ISREG(sb.st_mode)) {
			scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
			free(path);
			continue;
		}
		if (S_ISLNK(sb.st_mode)) {
			/* Follow links to files, never to folders. */
			if (stat(path, &sb) != 0) {
				if (md)
					diag_error(path, 0, 0, "cannot read: a symbolic link to nothing (%s)", strerror(errno));
				free(path);
				continue;
			}
			if (S_ISDIR(sb.st_mode)) {
				diag_note(path, 0, 0, "symbolic link to a folder not followed");
				free(path);
				continue;
			}
		}
		if (S_ISDIR(sb.st_mode)) {
			if (defer) {
				scan_push(&st->subdirs, &st->nsub, &st->subcap, path);
				continue;
			}
			scan_dir(st, path, depth + 1, false);
			free(path);
			continue;
		}
		if (md && strcasecmp(e->d_name, "README.md") != 0) {
			scan_push(&st->paths, &st->count, &st->cap, path);
			continue;
		}
		if (!md && S_ISREG(sb.st_mode)) /* a link to a file */
			scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
		free(path);
	}
	close(fd);
}

struct scan_job {
	struct scan_state *units; /* one a top-level folder */
	char **dirs;
	bool demote;
};

static void scan_job_run(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct scan_job *J = ctx;
	diag_capture_begin(&J->units[i].msgs, J->demote);
	scan_dir(&J->units[i], J->dirs[i], 1, false);
	diag_capture_end();
}

int scan_posts(const char *dir, int threads, bool demote, struct scan_result *out)
{
	out->paths = NULL;
	out->count = 0;
	out->seen = NULL;
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_error(dir, 0, 0, "the content folder does not exist or is not a folder");
		return -1;
	}
	struct scan_state top = { 0 };
	diag_capture_begin(&top.msgs, demote);
	scan_dir(&top, dir, 0, true);
	diag_capture_end();

	/* The folders of the top level, each walked by one job: in a blog of
	 * page bundles that is a job a post, so the walk spreads evenly. */
	if (top.nsub)
		qsort(top.subdirs, top.nsub, sizeof *top.subdirs, fsout_cmp_paths);
	struct scan_job J = { xcalloc(top.nsub + 1, sizeof *J.units), top.subdirs, demote };
	jobs_run(top.nsub, threads, scan_job_run, &J);

	/* Messages in a fixed order: the top level's, then each folder's. */
	diag_flush(&top.msgs);
	strbuf_release(&top.msgs);
	size_t total = top.count;
	for (size_t u = 0; u < top.nsub; u++) {
		diag_flush(&J.units[u].msgs);
		strbuf_release(&J.units[u].msgs);
		total += J.units[u].count;
	}
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	char **paths = xcalloc(total + 1, sizeof *paths);
	size_t n = 0;
	for (size_t u = 0; u <= top.nsub; u++) {
		struct scan_state *s = u == 0 ? &top : &J.units[u - 1];
		if (s->count)
			memcpy(paths + n, s->paths, s->count * sizeof *paths);
		n += s->count;
		free(s->paths);
		for (size_t k = 0; k < s->nseen; k++)
			g_hash_table_add(seen, s->seen[k]);
		free(s->seen);
	}
	for (size_t u = 0; u < top.nsub; u++)
		free(top.subdirs[u]);
	free(top.subdirs);
	free(J.units);
	if (n > SCAN_MAX_POSTS) {
		diag_error(dir, 0, 0, "more than %d posts: the rest are not read", SCAN_MAX_POSTS);
		for (size_t k = SCAN_MAX_POSTS; k < n; k++)
			free(paths[k]);
		n = SCAN_MAX_POSTS;
	}
	if (n)
		qsort(paths, n, sizeof *paths, fsout_cmp_paths);
	out->paths = paths;
	out->count = n;
	out->seen = seen;
	return 0;
}

enum scan_presence scan_presence(const struct scan_result *r, const char *path)
{
	if (!r || !r->seen)
		return SCAN_UNKNOWN;
	const char *slash = strrchr(path, '/');
	if (!slash || slash[1] == '.' || slash[1] == '\0')
		return SCAN_UNKNOWN;
	size_t len = strlen(path);
	char *key = xmalloc(len + 2);
	key[0] = 'f';
	memcpy(key + 1, path, len + 1);
	enum scan_presence res = SCAN_UNKNOWN;
	if (g_hash_table_contains(r->seen, key)) {
		res = SCAN_MAYBE;
	} else {
		key[0] = 'd';
		key[1 + (size_t)(slash - path)] = '\0';
		if (g_hash_table_contains(r->seen, key))
			res = SCAN_ABSENT;
	}
	free(key);
	return res;
}

void scan_release(struct scan_result *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->paths[i]);
	free(r->paths);
	if (r->seen)
		g_hash_table_destroy(r->seen);
	r->paths = NULL;
	r->count = 0;
	r->seen = NULL;
}
