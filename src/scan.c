/* scan: collect *.md files; see scan.h. */
#define _GNU_SOURCE /* getdents64, d_type, DT_DIR, DT_REG */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
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

/* A post found, with what the visit made of it. */
struct scan_post {
	char *path;
	void *item;
};

/* What one walk (the top level, or one of its folders) found. */
struct scan_state {
	struct scan_post *posts;
	size_t count, cap;
	char **seen; /* "d" + a folder walked, "f" + another file or link */
	size_t nseen, seencap;
	char **subdirs; /* the top level only: folders left for the workers */
	size_t nsub, subcap;
	char **files; /* the top level only: posts left for the workers */
	size_t nfiles, filecap;
	struct strbuf msgs;
	scan_visit_fn visit;
	void *ctx;
	atomic_size_t *found; /* posts found by every walk, for the limit */
	size_t errors;        /* errors reported (not the visits') */
};

/* Lists start small: a walk of a page bundle's folder holds one post and a
 * file or two, until scan_posts merges them. Its lists are freed only then,
 * after the posts read in between: 10,000 lists of 64 made 8 MB of holes
 * in the heap at its peak. */
static void scan_push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = s;
}

/* Keep a post, visiting it now with the folder it is in open as dirfd. */
static void scan_post(struct scan_state *st, int dirfd, const char *name, char *path)
{
	if (atomic_fetch_add(st->found, 1) >= SCAN_MAX_POSTS) {
		free(path); /* reported once, by scan_posts */
		return;
	}
	if (st->count == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 2;
		st->posts = xreallocarray(st->posts, st->cap, sizeof *st->posts);
	}
	void *item = st->visit ? st->visit(st->ctx, dirfd, name, path) : NULL;
	st->posts[st->count++] = (struct scan_post){ path, item };
}

/* List the folder name (in pfd; the whole of it written as dir) into st;
 * with defer (the top level), its folders and posts are left in
 * st->subdirs and st->files for the workers instead of being walked and
 * visited now. Folders and files are opened relative to their folder:
 * one name to look up, not the whole path again. */
static void scan_dir(struct scan_state *st, int pfd, const char *name, const char *dir, int depth,
		     bool defer)
{
	if (depth > SCAN_MAX_DEPTH) {
		diag_warning(dir, 0, 0, "folders nested more than %d deep are not scanned", SCAN_MAX_DEPTH);
		return;
	}
	/* getdents64 on the folder rather than opendir, which would fstat it
	 * once more: in a blog of page bundles that is a system call a post. */
	int fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
		st->errors++;
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
			if (got < 0) {
				diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
				st->errors++;
			}
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
		} else if (fstatat(fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
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
			if (fstatat(fd, e->d_name, &sb, 0) != 0) {
				if (md) {
					diag_error(path, 0, 0, "cannot read: a symbolic link to nothing (%s)",
						   strerror(errno));
					st->errors++;
				}
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
			scan_dir(st, fd, e->d_name, path, depth + 1, false);
			free(path);
			continue;
		}
		if (md && strcasecmp(e->d_name, "README.md") != 0) {
			if (defer)
				scan_push(&st->files, &st->nfiles, &st->filecap, path);
			else
				scan_post(st, fd, e->d_name, path);
			continue;
		}
		if (!md && S_ISREG(sb.st_mode)) /* a link to a file */
			scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
		free(path);
	}
	close(fd);
}

struct scan_job {
	struct scan_state *units; /* one a top-level folder, then one a top-level post */
	struct scan_state *top;
	int topfd;
	bool demote;
};

static void scan_job_run(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct scan_job *J = ctx;
	struct scan_state *u = &J->units[i];
	u->visit = J->top->visit;
	u->ctx = J->top->ctx;
	u->found = J->top->found;
	diag_capture_begin(&u->msgs, J->demote);
	if (i < J->top->nsub) {
		const char *path = J->top->subdirs[i];
		scan_dir(u, J->topfd, strrchr(path, '/') + 1, path, 1, false);
	} else {
		char *path = J->top->files[i - J->top->nsub];
		J->top->files[i - J->top->nsub] = NULL;
		scan_post(u, J->topfd, strrchr(path, '/') + 1, path);
	}
	diag_capture_end();
}

static int scan_cmp_posts(const void *a, const void *b)
{
	const struct scan_post *x = a, *y = b;
	return fsout_cmp_paths(&x->path, &y->path);
}

int scan_posts(const char *dir, int threads, bool demote, scan_visit_fn visit, void *ctx,
	       struct scan_result *out)
{
	out->paths = NULL;
	out->items = NULL;
	out->count = 0;
	out->errors = 0;
	out->seen = NULL;
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_error(dir, 0, 0, "the content folder does not exist or is not a folder");
		return -1;
	}
	atomic_size_t found;
	atomic_init(&found, 0);
	struct scan_state top = { .visit = visit, .ctx = ctx, .found = &found };
	diag_capture_begin(&top.msgs, demote);
	scan_dir(&top, AT_FDCWD, dir, dir, 0, true);
	diag_capture_end();

	/* The folders of the top level, each walked by one job, and the posts
	 * at the top level, each read by one: in a blog of page bundles that
	 * is a job a post, so the walk spreads evenly. */
	if (top.nsub)
		qsort(top.subdirs, top.nsub, sizeof *top.subdirs, fsout_cmp_paths);
	size_t units = top.nsub + top.nfiles;
	struct scan_job J = { xcalloc(units + 1, sizeof *J.units), &top, -1, demote };
	if (units) {
		J.topfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (J.topfd < 0) {
			diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
			top.errors++;
		}
		else
			jobs_run(units, threads, scan_job_run, &J);
		if (J.topfd >= 0)
			close(J.topfd);
	}

	/* Messages in a fixed order: the top level's, then each folder's and
	 * top-level post's (the visits' own are the caller's to report). */
	diag_flush(&top.msgs);
	strbuf_release(&top.msgs);
	size_t total = top.count, errors = top.errors;
	for (size_t u = 0; u < units; u++) {
		diag_flush(&J.units[u].msgs);
		strbuf_release(&J.units[u].msgs);
		total += J.units[u].count;
		errors += J.units[u].errors;
	}
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	struct scan_post *posts = xcalloc(total + 1, sizeof *posts);
	size_t n = 0;
	for (size_t u = 0; u <= units; u++) {
		struct scan_state *s = u == 0 ? &top : &J.units[u - 1];
		if (s->count)
			memcpy(posts + n, s->posts, s->count * sizeof *posts);
		n += s->count;
		free(s->posts);
		for (size_t k = 0; k < s->nseen; k++)
			g_hash_table_add(seen, s->seen[k]);
		free(s->seen);
	}
	for (size_t u = 0; u < top.nsub; u++)
		free(top.subdirs[u]);
	free(top.subdirs);
	for (size_t u = 0; u < top.nfiles; u++)
		free(top.files[u]); /* NULL once a job took it */
	free(top.files);
	free(J.units);
	if (atomic_load(&found) > SCAN_MAX_POSTS) {
		diag_error(dir, 0, 0, "more than %d posts: the rest are not read", SCAN_MAX_POSTS);
		top.errors++;
	}
	if (n)
		qsort(posts, n, sizeof *posts, scan_cmp_posts);
	out->paths = xcalloc(n + 1, sizeof *out->paths);
	out->items = xcalloc(n + 1, sizeof *out->items);
	for (size_t k = 0; k < n; k++) {
		out->paths[k] = posts[k].path;
		out->items[k] = posts[k].item;
	}
	free(posts);
	out->count = n;
	out->errors = demote ? 0 : errors; /* demoted, they were warnings */
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
	free(r->items);
	if (r->seen)
		g_hash_table_destroy(r->seen);
	r->paths = NULL;
	r->items = NULL;
	r->count = 0;
	r->seen = NULL;
}
