/* scan: collect the post files; see scan.h. */
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
#include "fsin.h"
#include "jobs.h"
#include "path.h"
#include "state.h"
#include "strbuf.h"
#include "url.h"
#include "xalloc.h"

#define SCAN_MAX_DEPTH 64
#define SCAN_MAX_POSTS 1000000

/* A post found, with what the visit made of it. */
struct scan_post {
	char *path;
	void *item;
};

/* How a folder's entries are taken (see scan.h). */
enum scan_mode {
	SM_POSTS,  /* every post file is a post */
	SM_SEEK,   /* a Jekyll site outside _posts: only _posts and _drafts are looked for */
	SM_JPOSTS, /* a Jekyll _posts folder: files named with a date */
	SM_DRAFTS, /* a _drafts folder */
	SM_RES,    /* a page bundle's subfolder: its files are only remembered */
	SM_TOP,    /* the content folder: SM_SEEK or SM_POSTS, by what it holds */
};

/* A file or folder met in a folder, kept until the whole folder is read:
 * whether a folder is a page bundle is known only then. */
struct scan_entry {
	char *path;
	unsigned char kind; /* folders: SCAN_SUB_*; the top level's: their mode */
};

enum { SCAN_SUB_PLAIN, SCAN_SUB_POSTS, SCAN_SUB_DRAFTS };

/* A short list, in place for the usual few entries of a folder. */
struct scan_list {
	struct scan_entry *v;
	size_t n, cap;
	struct scan_entry inl[6];
};

static void scan_list_init(struct scan_list *l)
{
	l->v = l->inl;
	l->n = 0;
	l->cap = sizeof l->inl / sizeof l->inl[0];
}

static void scan_list_push(struct scan_list *l, char *path, unsigned char kind)
{
	if (l->n == l->cap) {
		struct scan_entry *v = xreallocarray(NULL, l->cap * 2, sizeof *v);
		memcpy(v, l->v, l->n * sizeof *v);
		if (l->v != l->inl)
			free(l->v);
		l->v = v;
		l->cap *= 2;
	}
	l->v[l->n++] = (struct scan_entry){ path, kind };
}

static void scan_list_free(struct scan_list *l)
{
	if (l->v != l->inl)
		free(l->v);
}

/* What one walk (the top level, or one of its folders) found. */
struct scan_state {
	struct scan_post *posts;
	size_t count, cap;
	char **seen; /* "d" + a folder walked, "f" + another file or link */
	size_t nseen, seencap;
	struct scan_entry *subdirs; /* the top level only: folders left for the
				     * workers, each with its mode */
	size_t nsub, subcap;
	char **files; /* the top level only: posts left for the workers */
	size_t nfiles, filecap;
	struct strbuf msgs; /* the top level only: its messages, until the walk ends */
	scan_visit_fn visit;
	void *ctx;
	atomic_size_t *found; /* posts found by every walk, for the limit */
	size_t errors;        /* errors reported (not the visits') */
	bool drafts;          /* walk _drafts folders */
	enum scan_layout layout;
	bool jekyll;          /* the Jekyll layout, once the top level is read */
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

/* The length of the extension of a post file's name (".md", ".markdown",
 * ".mdx", ".html"), or 0 when name is not one. */
static size_t scan_post_ext(const char *name, size_t n)
{
	static const struct {
		const char *ext;
		size_t len;
	} exts[] = { { ".md", 3 }, { ".markdown", 9 }, { ".mdx", 4 }, { ".html", 5 } };
	for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++)
		if (n > exts[k].len && memcmp(name + n - exts[k].len, exts[k].ext, exts[k].len) == 0)
			return exts[k].len;
	return 0;
}

/* Whether the file name (a post file's) is a page bundle's index. */
static bool scan_is_index(const char *name, size_t n, size_t ext)
{
	return n - ext == 5 && memcmp(name, "index", 5) == 0;
}

static const char *scan_name(const char *path)
{
	return strrchr(path, '/') + 1;
}

/* The mode a folder of kind (SCAN_SUB_*) is walked in, inside a folder
 * walked in mode. */
static enum scan_mode scan_child_mode(const struct scan_state *st, enum scan_mode mode, unsigned char kind)
{
	if (kind == SCAN_SUB_POSTS)
		return st->jekyll ? SM_JPOSTS : SM_POSTS;
	if (kind == SCAN_SUB_DRAFTS)
		return SM_DRAFTS;
	return mode;
}

/* List the folder name (in pfd; the whole of it written as dir) into st,
 * taking its entries as mode says; with defer (the top level), its folders
 * and posts are left in st->subdirs and st->files for the workers instead
 * of being walked and visited now. Folders and files are opened relative to
 * their folder: one name to look up, not the whole path again. */
static void scan_dir(struct scan_state *st, int pfd, const char *name, const char *dir, int depth,
		     enum scan_mode mode, bool defer)
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
	/* A Jekyll site's folders outside _posts are not remembered: nothing
	 * beside a post is looked for there. */
	bool remember = mode != SM_SEEK;
	if (remember)
		scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("d%s", dir));
	struct scan_list cands, subs;
	scan_list_init(&cands);
	scan_list_init(&subs);
	bool bundle = false, has_posts_dir = false;
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
		const char *en = e->d_name;
		if (en[0] == '.')
			continue;
		size_t n = strlen(en);
		size_t ext = en[0] == '_' ? 0 : scan_post_ext(en, n);
		char *path = path_join(dir, en);
		/* The entry's type from readdir spares an lstat for the common
		 * cases: other files are only remembered, folders entered. */
		struct stat sb;
		if (e->d_type == DT_DIR) {
			sb.st_mode = S_IFDIR;
		} else if (e->d_type == DT_REG) {
			sb.st_mode = S_IFREG;
		} else if (fstatat(fd, en, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
			free(path);
			continue;
		}
		if (!ext && S_ISREG(sb.st_mode)) {
			if (remember)
				scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
			free(path);
			continue;
		}
		if (S_ISLNK(sb.st_mode)) {
			/* Follow links to files, never to folders. */
			if (fstatat(fd, en, &sb, 0) != 0) {
				if (ext && mode != SM_SEEK && mode != SM_RES) {
					diag_error(path, 0, 0, "cannot read: a symbolic link to nothing (%s)",
						   strerror(errno));
					st->errors++;
				}
				free(path);
				continue;
			}
			if (S_ISDIR(sb.st_mode)) {
				if (mode != SM_SEEK && mode != SM_RES && en[0] != '_')
					diag_note(path, 0, 0, "symbolic link to a folder not followed");
				free(path);
				continue;
			}
		}
		if (S_ISDIR(sb.st_mode)) {
			/* Folders the generators leave alone: _layouts, _site,
			 * _includes, node_modules (and a Jekyll site's vendor),
			 * but for the ones that hold posts. */
			unsigned char kind = SCAN_SUB_PLAIN;
			if (strcmp(en, "_posts") == 0)
				kind = SCAN_SUB_POSTS;
			else if (strcmp(en, "_drafts") == 0 && st->drafts)
				kind = SCAN_SUB_DRAFTS;
			else if (en[0] == '_' || strcmp(en, "node_modules") == 0)
				kind = 0xff;
			if (kind == SCAN_SUB_POSTS)
				has_posts_dir = true;
			if (kind == 0xff || (kind != SCAN_SUB_PLAIN && mode == SM_RES))
				free(path);
			else
				scan_list_push(&subs, path, kind);
			continue;
		}
		if (!ext) {
			if (remember && S_ISREG(sb.st_mode)) /* a link to a file */
				scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
			free(path);
			continue;
		}
		/* A post file, or something else named like one (a FIFO, say):
		 * the loader says what is wrong with it. */
		/* A post file: which ones are posts is known once the whole
		 * folder is read. */
		bool take;
		switch (mode) {
		case SM_JPOSTS: {
			size_t date = url_date_prefix(en);
			take = date && date < n - ext;
			break;
		}
		case SM_SEEK:
		case SM_RES: take = false; break;
		default: take = strncasecmp(en, "README.", 7) != 0; break;
		}
		if (take && mode != SM_JPOSTS && scan_is_index(en, n, ext))
			bundle = true;
		if (take)
			scan_list_push(&cands, path, 0);
		else {
			if (remember)
				scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
			free(path);
		}
	}

	/* The content folder: a Jekyll site's when it holds _posts. */
	if (mode == SM_TOP) {
		st->jekyll = st->layout == SCAN_JEKYLL || (st->layout == SCAN_AUTO && has_posts_dir);
		mode = st->jekyll ? SM_SEEK : SM_POSTS;
	}
	/* A folder with an index file is a page bundle (a leaf bundle, in
	 * Hugo's words): that file is its post, the rest its resources. An
	 * index file in the content folder itself is the site's home page. */
	bool leaf = bundle && depth > 0;
	if (leaf && cands.n > 1 && mode != SM_SEEK) {
		/* Hugo's rule, but a surprise when the index was meant as the
		 * section's page (_index.md). */
		size_t others = 0;
		const char *index = NULL;
		for (size_t i = 0; i < cands.n; i++) {
			const char *en = scan_name(cands.v[i].path);
			size_t n = strlen(en);
			if (scan_is_index(en, n, scan_post_ext(en, n)))
				index = en;
			else
				others++;
		}
		if (others)
			diag_note(dir, 0, 0, "a page bundle (it holds %s): its %zu other post file%s %s its "
					     "resources, not posts (a section's own page is named _index.md)",
				  index, others, others == 1 ? "" : "s", others == 1 ? "is" : "are");
	}
	for (size_t i = 0; i < cands.n; i++) {
		char *path = cands.v[i].path;
		const char *en = scan_name(path);
		size_t n = strlen(en);
		bool index = mode != SM_JPOSTS && scan_is_index(en, n, scan_post_ext(en, n));
		bool post = mode != SM_SEEK && (leaf ? index : !(index && depth == 0));
		if (!post) {
			scan_push(&st->seen, &st->nseen, &st->seencap, xasprintf("f%s", path));
			free(path);
		} else if (defer) {
			scan_push(&st->files, &st->nfiles, &st->filecap, path);
		} else {
			scan_post(st, fd, en, path);
		}
	}
	for (size_t i = 0; i < subs.n; i++) {
		char *path = subs.v[i].path;
		enum scan_mode sub = leaf ? SM_RES : scan_child_mode(st, mode, subs.v[i].kind);
		if (sub == SM_SEEK && subs.v[i].kind == SCAN_SUB_PLAIN && strcmp(scan_name(path), "vendor") == 0) {
			free(path);
			continue;
		}
		if (defer) {
			if (st->nsub == st->subcap) {
				st->subcap = st->subcap ? st->subcap * 2 : 8;
				st->subdirs = xreallocarray(st->subdirs, st->subcap, sizeof *st->subdirs);
			}
			st->subdirs[st->nsub++] = (struct scan_entry){ path, (unsigned char)sub };
			continue;
		}
		scan_dir(st, fd, scan_name(path), path, depth + 1, sub, false);
		free(path);
	}
	scan_list_free(&cands);
	scan_list_free(&subs);
	close(fd);
}

struct scan_job {
	struct scan_state *units; /* one a top-level folder, then one a top-level post */
	struct scan_state *top;
	int topfd;
};

static void scan_job_run(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct scan_job *J = ctx;
	struct scan_state *u = &J->units[i];
	u->visit = J->top->visit;
	u->ctx = J->top->ctx;
	u->found = J->top->found;
	u->drafts = J->top->drafts;
	u->layout = J->top->layout;
	u->jekyll = J->top->jekyll;
	if (i < J->top->nsub) {
		const struct scan_entry *d = &J->top->subdirs[i];
		scan_dir(u, J->topfd, scan_name(d->path), d->path, 1, (enum scan_mode)d->kind, false);
	} else {
		char *path = J->top->files[i - J->top->nsub];
		J->top->files[i - J->top->nsub] = NULL;
		scan_post(u, J->topfd, scan_name(path), path);
	}
}

static int scan_cmp_entries(const void *a, const void *b)
{
	const struct scan_entry *x = a, *y = b;
	return strcmp(x->path, y->path);
}

static int scan_cmp_posts(const void *a, const void *b)
{
	const struct scan_post *x = a, *y = b;
	return fsin_cmp_paths(&x->path, &y->path);
}

/* The mode the content folder dir is walked in: by its own name when it is
 * a _posts or _drafts folder, else by what it holds. */
static enum scan_mode scan_top_mode(const char *dir, enum scan_layout layout)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && dir[b - 1] != '/')
		b--;
	if (n - b == 6 && memcmp(dir + b, "_posts", 6) == 0)
		return layout == SCAN_JEKYLL ? SM_JPOSTS : SM_POSTS;
	if (n - b == 7 && memcmp(dir + b, "_drafts", 7) == 0)
		return SM_DRAFTS;
	return SM_TOP;
}

int scan_posts(const char *dir, const struct scan_opts *opts, scan_visit_fn visit, void *ctx,
	       struct scan_result *out)
{
	bool demote = opts->demote;
	out->jekyll = false;
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
	struct scan_state top = { .visit = visit, .ctx = ctx, .found = &found, .drafts = opts->drafts,
				  .layout = opts->layout };
	diag_capture_begin(&top.msgs, demote);
	enum scan_mode mode = scan_top_mode(dir, opts->layout);
	top.jekyll = mode == SM_JPOSTS;
	scan_dir(&top, AT_FDCWD, dir, dir, 0, mode, true);
	diag_capture_end();

	/* The folders of the top level, each walked by one job, and the posts
	 * at the top level, each read by one: in a blog of page bundles that
	 * is a job a post, so the walk spreads evenly. */
	if (top.nsub)
		qsort(top.subdirs, top.nsub, sizeof *top.subdirs, scan_cmp_entries);
	size_t units = top.nsub + top.nfiles;
	struct scan_job J = { xcalloc(units + 1, sizeof *J.units), &top, -1 };
	if (units) {
		J.topfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (J.topfd < 0) {
			diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
			top.errors++;
		}
	}

	/* Messages in a fixed order: the top level's, then each folder's and
	 * top-level post's (the visits' own are the caller's to report). */
	diag_flush(&top.msgs);
	strbuf_release(&top.msgs);
	if (J.topfd >= 0) {
		jobs_run_ordered(units, opts->threads, demote, NULL, scan_job_run, &J);
		close(J.topfd);
	}
	size_t total = top.count, errors = top.errors;
	for (size_t u = 0; u < units; u++) {
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
		free(top.subdirs[u].path);
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
	out->jekyll = top.jekyll;
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
